//! Headless commands: what `slipway design …` does, as functions that return
//! their output so tests can check it.

use std::io::Read;
use std::path::Path;

/// The outcome of a command: what to print and whether it succeeded.
#[derive(Debug, PartialEq, Eq)]
pub struct Outcome {
    /// Lines for standard output (success) or standard error (failure).
    pub text: String,
    /// Exit successfully?
    pub ok: bool,
}

fn read(path: &Path) -> Result<String, String> {
    if path.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| format!("reading standard input: {e}"))?;
        Ok(text)
    } else {
        std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
    }
}

/// `slipway design validate FILE`.
pub fn validate(path: &Path) -> Outcome {
    let text = match read(path) {
        Ok(text) => text,
        Err(message) => {
            return Outcome {
                text: message,
                ok: false,
            }
        }
    };
    match design::file::parse(&text) {
        Ok(design) => Outcome {
            text: format!("{}: valid ({})", path.display(), design.metadata.name),
            ok: true,
        },
        Err(problems) => Outcome {
            text: problems
                .iter()
                .map(|problem| format!("{}: {problem}", path.display()))
                .collect::<Vec<_>>()
                .join("\n"),
            ok: false,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("platform-design.yaml");
        std::fs::write(&path, text).expect("written");
        (dir, path)
    }

    #[test]
    fn a_valid_file_passes_with_its_name() {
        let (_dir, path) = write(&design::file::to_yaml(
            &design::presets::PRESETS[0].design(),
        ));
        let outcome = validate(&path);
        assert!(outcome.ok);
        assert!(
            outcome.text.ends_with("valid (Fintech platform on EKS)"),
            "{}",
            outcome.text
        );
    }

    #[test]
    fn every_problem_is_printed_with_the_file_name() {
        let mut design = design::PlatformDesign::default();
        design.spec.cluster.zones = 0;
        design.spec.cost.target_utilisation_percent = 1;
        let (_dir, path) = write(&design::file::to_yaml(&design));
        let outcome = validate(&path);
        assert!(!outcome.ok);
        let lines: Vec<&str> = outcome.text.lines().collect();
        assert_eq!(lines.len(), 2, "{}", outcome.text);
        assert!(
            lines[0]
                .contains("platform-design.yaml: spec.cluster.zones: Use between 1 and 6 zones"),
            "{}",
            lines[0]
        );
        assert!(
            lines[1].contains("spec.cost.targetUtilisationPercent"),
            "{}",
            lines[1]
        );
    }

    #[test]
    fn a_syntax_error_names_line_and_column() {
        let (_dir, path) = write("apiVersion: slipway.dev/v1alpha1\nkind: [\n");
        let outcome = validate(&path);
        assert!(!outcome.ok);
        assert!(outcome.text.contains("line "), "{}", outcome.text);
    }

    #[test]
    fn a_missing_file_is_reported_not_panicked() {
        let outcome = validate(Path::new("/nonexistent/platform-design.yaml"));
        assert!(!outcome.ok);
        assert!(
            outcome.text.contains("/nonexistent/platform-design.yaml"),
            "{}",
            outcome.text
        );
    }
}
