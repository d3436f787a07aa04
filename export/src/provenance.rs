//! `.slipway/export.json`: what generated the repository and from which
//! design, with the hash of every file as generated, so a later update can
//! tell the files the team edited from those it did not. Deterministic: the
//! same design and generator write the same bytes.

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::File;

/// Where the provenance file lives in the repository.
pub const PATH: &str = ".slipway/export.json";

/// The design file the export carries, whose hash names the design.
pub const DESIGN_FILE: &str = "platform-design.yaml";

/// The provenance document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Provenance {
    /// The generator and its version, e.g. `slipway 0.1.0`.
    pub generator: String,
    /// `sha256:` of the design file the export carries.
    pub design_sha256: String,
    /// The studio's revision of the design, when the export came from a saved design.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision: Option<i64>,
    /// The milestone exported, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub milestone: Option<String>,
    /// Every other file of the export with `sha256:` of its content, by path.
    pub files: std::collections::BTreeMap<String, String>,
}

/// `sha256:` and the hex digest of `text`.
pub fn hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

/// The provenance file for `files` (which must not contain it).
pub fn of(files: &[File]) -> File {
    write(&Provenance {
        generator: format!("slipway {}", env!("CARGO_PKG_VERSION")),
        design_sha256: files
            .iter()
            .find(|f| f.path == DESIGN_FILE)
            .map(|f| hash(&f.content))
            .unwrap_or_default(),
        files: files
            .iter()
            .filter(|f| f.path != PATH)
            .map(|f| (f.path.clone(), hash(&f.content)))
            .collect(),
        revision: None,
        milestone: None,
    })
}

fn write(provenance: &Provenance) -> File {
    let mut content = serde_json::to_string_pretty(provenance).unwrap_or_default();
    content.push('\n');
    File {
        path: PATH.into(),
        content,
    }
}

impl Provenance {
    /// Reads a provenance file, refusing paths that would leave the
    /// repository (absolute, `..`, or inside `.git`).
    pub fn read(text: &str) -> Result<Self, String> {
        let provenance: Provenance =
            serde_json::from_str(text).map_err(|e| format!("{PATH} is not readable: {e}"))?;
        if let Some(bad) = provenance.files.keys().find(|p| !inside(p)) {
            return Err(format!("{PATH} names a path outside the repository: {bad}"));
        }
        Ok(provenance)
    }

    /// Where the export came from, for people: revision and milestone when
    /// known, else the design's hash.
    pub fn origin(&self) -> String {
        let short = self
            .design_sha256
            .trim_start_matches("sha256:")
            .get(..12)
            .unwrap_or("unknown");
        match (&self.revision, &self.milestone) {
            (Some(r), Some(m)) => format!("milestone \"{m}\" (revision {r})"),
            (Some(r), None) => format!("revision {r}"),
            (None, Some(m)) => format!("milestone \"{m}\""),
            (None, None) => format!("design {short}"),
        }
    }
}

/// A relative path that stays inside the repository.
fn inside(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && !path.contains('\\')
        && path
            .split('/')
            .all(|part| !matches!(part, "" | "." | ".." | ".git"))
}

/// `bundle` with its provenance naming the studio revision and milestone it
/// was exported from.
pub fn stamped(mut bundle: crate::Bundle, revision: i64, milestone: Option<&str>) -> crate::Bundle {
    if let Some(file) = bundle.files.iter_mut().find(|f| f.path == PATH) {
        if let Ok(mut provenance) = serde_json::from_str::<Provenance>(&file.content) {
            provenance.revision = Some(revision);
            provenance.milestone = milestone.map(str::to_owned);
            *file = write(&provenance);
        }
    }
    bundle
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_leave_the_repository_are_refused() {
        for bad in [
            "/etc/passwd",
            "../x",
            "a/../../b",
            ".git/config",
            "sub/.git/hooks/pre-commit",
            "a//b",
            "a\\b",
            "",
        ] {
            let text = format!(
                r#"{{"generator":"g","design_sha256":"","files":{{{}:"sha256:0"}}}}"#,
                serde_json::to_string(bad).expect("json")
            );
            assert!(Provenance::read(&text).is_err(), "{bad} accepted");
        }
        let ok = r#"{"generator":"g","design_sha256":"","files":{"docs/a.md":"sha256:0"}}"#;
        assert!(Provenance::read(ok).is_ok());
    }

    #[test]
    fn a_stamp_names_revision_and_milestone() {
        let bundle = crate::Bundle {
            root: "r".into(),
            files: vec![of(&[])],
        };
        let stamped = stamped(bundle, 7, Some("Board review"));
        let p = Provenance::read(&stamped.files[0].content).expect("readable");
        assert_eq!(
            (p.revision, p.milestone.as_deref()),
            (Some(7), Some("Board review"))
        );
        assert_eq!(p.origin(), "milestone \"Board review\" (revision 7)");
    }

    #[test]
    fn the_hash_is_sha256_in_hex() {
        // The digest of the empty string, as every sha256 tool prints it.
        assert_eq!(
            hash(""),
            "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
