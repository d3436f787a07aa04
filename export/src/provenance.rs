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
    let provenance = Provenance {
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
    };
    let mut content = serde_json::to_string_pretty(&provenance).unwrap_or_default();
    content.push('\n');
    File {
        path: PATH.into(),
        content,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_is_sha256_in_hex() {
        // The digest of the empty string, as every sha256 tool prints it.
        assert_eq!(
            hash(""),
            "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
