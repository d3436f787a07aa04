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

/// The design in `path`, or every problem with it, one per line, each
/// starting with the file name.
fn read_design(path: &Path) -> Result<design::PlatformDesign, String> {
    let text = read(path)?;
    design::file::parse(&text).map_err(|problems| {
        problems
            .iter()
            .map(|p| format!("{}: {p}", path.display()))
            .collect::<Vec<_>>()
            .join("\n")
    })
}

/// `slipway design validate FILE`.
pub fn validate(path: &Path) -> Outcome {
    match read_design(path) {
        Ok(design) => Outcome {
            text: format!("{}: valid ({})", path.display(), design.metadata.name),
            ok: true,
        },
        Err(text) => Outcome { text, ok: false },
    }
}

/// `slipway critique FILE`.
pub fn critique(args: &crate::config::CritiqueArgs) -> Outcome {
    let design = match read_design(&args.file) {
        Ok(design) => design,
        Err(text) => return Outcome { text, ok: false },
    };
    let result = design::critique::critique(&design, &app::browser::today());
    let passed = args
        .fail_below
        .is_none_or(|threshold| result.overall >= threshold);
    let mut text = match args.format {
        crate::config::Format::Json => serde_json::to_string_pretty(&result).unwrap_or_default(),
        crate::config::Format::Text => {
            let mut out = format!(
                "{} — overall {}/100 (engine {})\n",
                design.metadata.name, result.overall, result.engine_version
            );
            for p in &result.principles {
                out += &format!("  {:<32} {:>3}\n", p.title, p.score);
            }
            for f in &result.findings {
                out += &format!(
                    "{} [{}] {}: {} (+{})\n",
                    f.rule,
                    f.severity.label(),
                    f.path,
                    f.message,
                    f.gain
                );
            }
            for f in &result.accepted {
                out += &format!("{} [accepted] {}\n", f.rule, f.title);
            }
            out.trim_end().to_owned()
        }
    };
    if let (false, Some(threshold)) = (passed, args.fail_below) {
        text += &format!("\noverall score {} is below {threshold}", result.overall);
    }
    Outcome { text, ok: passed }
}

/// `slipway cost FILE`: the estimate per cluster, each line with how it is
/// derived, the shared lines, the total against the budget and what moves it.
pub fn cost(args: &crate::config::CostArgs) -> Outcome {
    let design = match read_design(&args.file) {
        Ok(design) => design,
        Err(text) => return Outcome { text, ok: false },
    };
    let e = design::estimate::estimate(&design);
    let over = e.budget_monthly_usd > 0.0 && e.total_monthly_usd > e.budget_monthly_usd;
    let passed = !(args.fail_over_budget && over);
    let mut text = match args.format {
        crate::config::Format::Json => serde_json::to_string_pretty(&e).unwrap_or_default(),
        crate::config::Format::Text => {
            let usd = |l: &design::estimate::CostLine| {
                if l.priced {
                    format!("{:>9.0}", l.monthly_usd)
                } else {
                    format!("{:>9}", "—")
                }
            };
            let mut out = format!(
                "{} — about ${:.0} a month (USD, prices as of {})\n",
                design.metadata.name, e.total_monthly_usd, e.prices_as_of
            );
            let mut sections: Vec<(String, Option<&str>, f64)> = e
                .per_cluster
                .iter()
                .map(|c| (c.cluster.clone(), Some(c.cluster.as_str()), c.monthly_usd))
                .collect();
            let shared: f64 = e.lines_of(None).map(|l| l.monthly_usd).sum();
            sections.push(("all clusters".into(), None, shared));
            for (title, cluster, total) in sections {
                out += &format!("\n{title}: ${total:.0}\n");
                for l in e.lines_of(cluster) {
                    out += &format!(
                        "  {} {}{}\n            {}\n",
                        usd(l),
                        l.label,
                        if l.priced { "" } else { " (not priced)" },
                        l.derivation
                    );
                }
            }
            out += &format!(
                "\nbudget ${:.0}, alert at ${:.0}\n",
                e.budget_monthly_usd, e.budget_alert_usd
            );
            for s in &e.sensitivity {
                out += &format!("+10 % {}: +${:.0}\n", s.input.to_lowercase(), s.monthly_usd);
            }
            out.trim_end().to_owned()
        }
    };
    if !passed {
        text += &format!(
            "\nthe estimate ${:.0} is over the budget ${:.0}",
            e.total_monthly_usd, e.budget_monthly_usd
        );
    }
    Outcome { text, ok: passed }
}

/// `slipway export FILE -o repo.zip | --dir OUT | --update DIR`.
pub fn export(args: &crate::config::ExportArgs) -> Outcome {
    let fail = |text: String| Outcome { text, ok: false };
    let design = match read_design(&args.file) {
        Ok(design) => design,
        Err(text) => return fail(text),
    };
    let today = app::browser::today();
    let bundle = match export::export_checked(design.clone(), &today) {
        Ok(bundle) => bundle,
        Err(Ok(errors)) => {
            return fail(
                errors
                    .iter()
                    .map(|e| format!("{}: {}: {}", args.file.display(), e.path, e.message))
                    .collect::<Vec<_>>()
                    .join("\n"),
            )
        }
        Err(Err(defect)) => return fail(format!("export failed (a Slipway defect): {defect}")),
    };
    if let Some(dir) = &args.update {
        return crate::update::run(
            &design,
            &bundle,
            &crate::update::Options {
                dir,
                design_file: &args.file,
                commit: args.commit,
                branch: args.branch.as_deref(),
                force: args.force,
                dry_run: args.dry_run,
                today: &today,
            },
        );
    }
    let (target, written) = match (&args.output, &args.dir) {
        (_, Some(dir)) => (dir, bundle.write_to(dir)),
        (Some(zip), None) => (zip, std::fs::write(zip, bundle.zip())),
        (None, None) => return fail("name an archive with -o or a directory with --dir".into()),
    };
    match written {
        Ok(()) => Outcome {
            text: format!("wrote {} files to {}", bundle.files.len(), target.display()),
            ok: true,
        },
        Err(e) => fail(format!("{}: {e}", target.display())),
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

#[cfg(test)]
mod cost_tests {
    use super::*;
    use crate::config::{CostArgs, Format};

    fn file(design: &design::PlatformDesign) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("platform-design.yaml");
        std::fs::write(&path, design::file::to_yaml(design)).expect("written");
        (dir, path)
    }

    fn fintech() -> design::PlatformDesign {
        design::presets::find("fintech-eks")
            .map(|p| p.design())
            .unwrap_or_default()
    }

    #[test]
    fn text_output_lists_each_cluster_with_derivations() {
        let (_dir, path) = file(&fintech());
        let outcome = cost(&CostArgs {
            file: path,
            format: Format::Text,
            fail_over_budget: false,
        });
        assert!(outcome.ok, "{}", outcome.text);
        let text = &outcome.text;
        let total = design::estimate::estimate(&fintech()).total_monthly_usd;
        assert!(
            text.contains(&format!("about ${total:.0} a month")),
            "{text}"
        );
        assert!(text.contains("\nplatform-prod: $"), "{text}");
        assert!(text.contains("\nplatform-non-prod: $"), "{text}");
        assert!(
            text.contains("13 node(s) × 730 h × $0.384/h × (1 − 37 % reserved"),
            "{text}"
        );
        assert!(
            text.contains("Managed databases outside the cluster (not priced)"),
            "{text}"
        );
        assert!(text.contains("+10 % nodes of pool general: +$"), "{text}");
    }

    #[test]
    fn json_output_is_the_api_document_and_the_budget_can_gate() {
        let mut design = fintech();
        design.spec.cost.monthly_budget_usd = 1_000;
        let (_dir, path) = file(&design);
        let json = cost(&CostArgs {
            file: path.clone(),
            format: Format::Json,
            fail_over_budget: false,
        });
        let parsed: serde_json::Value = serde_json::from_str(&json.text).expect("json");
        assert_eq!(
            parsed,
            serde_json::to_value(design::estimate::estimate(&design)).expect("value")
        );
        let gated = cost(&CostArgs {
            file: path,
            format: Format::Text,
            fail_over_budget: true,
        });
        assert!(!gated.ok);
        assert!(
            gated.text.ends_with("is over the budget $1000"),
            "{}",
            gated.text
        );
    }
}

#[cfg(test)]
mod critique_tests {
    use super::*;
    use crate::config::{CritiqueArgs, Format};

    fn args(path: std::path::PathBuf, format: Format, fail_below: Option<u32>) -> CritiqueArgs {
        CritiqueArgs {
            file: path,
            format,
            fail_below,
        }
    }

    fn fintech_file() -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("platform-design.yaml");
        std::fs::write(
            &path,
            design::file::to_yaml(&design::presets::PRESETS[0].design()),
        )
        .expect("written");
        (dir, path)
    }

    #[test]
    fn text_output_lists_scores_and_findings() {
        let (_dir, path) = fintech_file();
        let outcome = critique(&args(path, Format::Text, None));
        assert!(outcome.ok);
        assert!(outcome.text.contains("overall 96/100"), "{}", outcome.text);
        assert!(
            outcome
                .text
                .contains("FIT-004 [high] spec.workload.migrationPlanned"),
            "{}",
            outcome.text
        );
    }

    #[test]
    fn json_output_is_the_api_document() {
        let (_dir, path) = fintech_file();
        let outcome = critique(&args(path, Format::Json, None));
        let value: serde_json::Value = serde_json::from_str(&outcome.text).expect("json");
        assert_eq!(value["overall"], serde_json::json!(96));
        assert_eq!(value["principles"].as_array().map(Vec::len), Some(7));
    }

    #[test]
    fn a_score_below_the_threshold_fails() {
        let (_dir, path) = fintech_file();
        assert!(critique(&args(path.clone(), Format::Text, Some(96))).ok);
        let outcome = critique(&args(path, Format::Text, Some(97)));
        assert!(!outcome.ok);
        assert!(
            outcome.text.ends_with("overall score 96 is below 97"),
            "{}",
            outcome.text
        );
    }
}

#[cfg(test)]
mod export_tests {
    use super::*;
    use crate::config::ExportArgs;

    fn preset_file(dir: &Path) -> std::path::PathBuf {
        let path = dir.join("platform-design.yaml");
        let design = design::presets::find("startup-gke")
            .map(|p| p.design())
            .unwrap_or_default();
        std::fs::write(&path, design::file::to_yaml(&design)).expect("write design");
        path
    }

    #[test]
    fn exports_an_archive_and_a_directory() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let file = preset_file(tmp.path());
        let zip = tmp.path().join("repo.zip");
        let outcome = export(&ExportArgs {
            file: file.clone(),
            output: Some(zip.clone()),
            dir: None,
            ..ExportArgs::default()
        });
        assert!(outcome.ok, "{}", outcome.text);
        let bytes = std::fs::read(&zip).expect("archive written");
        assert_eq!(&bytes[..4], b"PK\x03\x04");
        let out = tmp.path().join("repo");
        let outcome = export(&ExportArgs {
            file,
            output: None,
            dir: Some(out.clone()),
            ..ExportArgs::default()
        });
        assert!(outcome.ok, "{}", outcome.text);
        assert!(out.join("clusters/startup/infrastructure.yaml").is_file());
        assert!(out.join("terraform/gke/main.tf").is_file());
    }

    #[test]
    fn an_invalid_design_exports_nothing_and_names_the_field() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let path = tmp.path().join("bad.yaml");
        let mut design = design::PlatformDesign::default();
        design.spec.gitops.branch = "has space".into();
        std::fs::write(&path, design::file::to_yaml(&design)).expect("write");
        let zip = tmp.path().join("repo.zip");
        let outcome = export(&ExportArgs {
            file: path,
            output: Some(zip.clone()),
            dir: None,
            ..ExportArgs::default()
        });
        assert!(!outcome.ok);
        assert!(
            outcome.text.contains("spec.gitops.branch"),
            "{}",
            outcome.text
        );
        assert!(!zip.exists());
    }
}
