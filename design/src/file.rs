//! The design as a file: `platform-design.yaml` (or JSON), exported with the
//! repository and importable, losslessly.

use crate::model::PlatformDesign;
use crate::validate::{validate, FieldError};

/// The conventional file name inside an exported repository.
pub const FILE_NAME: &str = "platform-design.yaml";

/// One problem with a design file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FileProblem {
    /// Dotted path of the field, when known.
    pub path: String,
    /// 1-based line, when known.
    #[serde(skip_serializing_if = "crate::compact::omitted")]
    pub line: Option<usize>,
    /// 1-based column, when known.
    #[serde(skip_serializing_if = "crate::compact::omitted")]
    pub column: Option<usize>,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl std::fmt::Display for FileProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.line, self.column) {
            (Some(line), Some(column)) => write!(f, "line {line}, column {column}: ")?,
            (Some(line), None) => write!(f, "line {line}: ")?,
            _ => {}
        }
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.message)
    }
}

impl From<FieldError> for FileProblem {
    fn from(error: FieldError) -> Self {
        Self {
            path: error.path,
            line: None,
            column: None,
            message: error.message,
        }
    }
}

/// Writes the design as YAML.
pub fn to_yaml(design: &PlatformDesign) -> String {
    // Serialising plain structs, enums, strings and numbers cannot fail.
    serde_norway::to_string(design).unwrap_or_default()
}

/// Writes the design as pretty JSON.
pub fn to_json(design: &PlatformDesign) -> String {
    serde_json::to_string_pretty(design).unwrap_or_default()
}

fn clean_path(path: String) -> String {
    if path == "." {
        String::new()
    } else {
        path
    }
}

/// Reads a design from YAML (JSON is YAML too), then validates it. Returns
/// every problem found: a shape problem stops reading, so there is one of
/// those at most; validation problems are all listed.
pub fn parse(text: &str) -> Result<PlatformDesign, Vec<FileProblem>> {
    let trimmed = text.trim_start();
    let design = if trimmed.starts_with('{') {
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let result: Result<PlatformDesign, _> = serde_path_to_error::deserialize(&mut deserializer);
        let design = result.map_err(|error| {
            let path = clean_path(error.path().to_string());
            let inner = error.into_inner();
            vec![FileProblem {
                path,
                line: Some(inner.line()),
                column: Some(inner.column()),
                message: inner.to_string(),
            }]
        })?;
        deserializer.end().map_err(|error| {
            vec![FileProblem {
                path: String::new(),
                line: Some(error.line()),
                column: Some(error.column()),
                message: error.to_string(),
            }]
        })?;
        design
    } else {
        let deserializer = serde_norway::Deserializer::from_str(text);
        let result: Result<PlatformDesign, _> = serde_path_to_error::deserialize(deserializer);
        result.map_err(|error| {
            let path = clean_path(error.path().to_string());
            let inner = error.into_inner();
            let location = inner.location();
            vec![FileProblem {
                path,
                line: location.as_ref().map(|l| l.line()),
                column: location.as_ref().map(|l| l.column()),
                message: inner.to_string(),
            }]
        })?
    };
    let errors = validate(&design);
    if errors.is_empty() {
        Ok(design)
    } else {
        Err(errors.into_iter().map(FileProblem::from).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets::PRESETS;

    #[test]
    fn every_preset_round_trips_through_yaml_and_json() {
        for preset in PRESETS {
            let design = preset.design();
            assert_eq!(
                parse(&to_yaml(&design)),
                Ok(design.clone()),
                "{} yaml",
                preset.slug
            );
            assert_eq!(parse(&to_json(&design)), Ok(design), "{} json", preset.slug);
        }
    }

    #[test]
    fn yaml_starts_with_the_version_and_kind() {
        let yaml = to_yaml(&PlatformDesign::default());
        assert!(
            yaml.starts_with("apiVersion: slipway.dev/v1alpha1\nkind: PlatformDesign\n"),
            "{yaml}"
        );
    }

    fn first_problem(text: &str) -> FileProblem {
        parse(text)
            .err()
            .and_then(|problems| problems.into_iter().next())
            .expect("a problem")
    }

    #[test]
    fn an_unknown_field_is_named_with_its_line() {
        let yaml = to_yaml(&PlatformDesign::default())
            .replace("  cluster:\n", "  cluster:\n    colour: blue\n");
        let problem = first_problem(&yaml);
        assert_eq!(problem.path, "spec.cluster.colour");
        assert!(
            problem.message.contains("unknown field `colour`"),
            "{}",
            problem.message
        );
        assert!(problem.line.is_some());
    }

    #[test]
    fn a_wrong_type_is_named_with_its_path() {
        let yaml = to_yaml(&PlatformDesign::default()).replace("zones: 3", "zones: three");
        let problem = first_problem(&yaml);
        assert_eq!(problem.path, "spec.cluster.zones");
        assert!(problem.line.is_some_and(|line| line > 1));
    }

    #[test]
    fn a_wrong_api_version_is_refused() {
        let yaml =
            to_yaml(&PlatformDesign::default()).replace("slipway.dev/v1alpha1", "slipway.dev/v9");
        let problem = first_problem(&yaml);
        assert_eq!(problem.path, "apiVersion");
        assert!(
            problem.message.contains("slipway.dev/v1alpha1"),
            "{}",
            problem.message
        );
    }

    #[test]
    fn a_choice_is_read_quoted_or_plain_and_a_wrong_one_lists_the_values() {
        let yaml = to_yaml(&PlatformDesign::default());
        let quoted = yaml
            .lines()
            .find(|l| l.contains("availability:"))
            .unwrap_or_default();
        for written in [
            "availability: 99.95",
            "availability: '99.95'",
            "availability: \"99.95\"",
        ] {
            let design = parse(&yaml.replace(quoted.trim(), written));
            assert_eq!(
                design.map(|d| d.spec.workload.availability).ok(),
                Some(crate::choices::Availability::P99_95),
                "{written}"
            );
        }
        let problem = first_problem(&yaml.replace("provider: eks", "provider: openshift"));
        assert_eq!(problem.path, "spec.cluster.provider");
        assert!(
            problem
                .message
                .contains("expected one of `eks`, `aks`, `gke`, `kubeadm`"),
            "{}",
            problem.message
        );
    }

    #[test]
    fn a_bad_name_is_refused_with_the_reason() {
        let yaml =
            to_yaml(&PlatformDesign::default()).replace("name: general", "name: General_Pool");
        let problem = first_problem(&yaml);
        assert_eq!(problem.path, "spec.cluster.nodePools[0].name");
        assert!(problem.message.contains("lowercase"), "{}", problem.message);
    }

    #[test]
    fn a_day_the_calendar_lacks_is_refused_with_its_path() {
        let yaml = format!(
            "{}  exemptions:\n    - rule: SEC-013\n      reason: mirror comes in Q1\n      owner: platform\n      expires: \"2027-02-31\"\n",
            to_yaml(&PlatformDesign::default())
        );
        let problem = first_problem(&yaml);
        assert_eq!(problem.path, "spec.exemptions[0].expires");
        assert!(problem.message.contains("not a day"), "{}", problem.message);
    }

    #[test]
    fn broken_yaml_reports_a_line_and_column() {
        let problem = first_problem("apiVersion: [unclosed\n");
        assert!(
            problem.line.is_some() && problem.column.is_some(),
            "{problem:?}"
        );
    }

    #[test]
    fn validation_problems_are_all_listed() {
        let mut design = PlatformDesign::default();
        design.spec.cluster.zones = 0;
        design.spec.cost.target_utilisation_percent = 5;
        let problems = parse(&to_yaml(&design)).err().unwrap_or_default();
        let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            ["spec.cluster.zones", "spec.cost.targetUtilisationPercent"]
        );
    }

    #[test]
    fn problems_print_with_location_and_path() {
        let problem = FileProblem {
            path: "spec.cluster.zones".into(),
            line: Some(3),
            column: Some(5),
            message: "bad".into(),
        };
        assert_eq!(
            problem.to_string(),
            "line 3, column 5: spec.cluster.zones: bad"
        );
    }
}
