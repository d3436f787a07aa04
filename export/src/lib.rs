//! The export: a platform design rendered as a ready GitOps repository.
//!
//! Templates under `templates/` mirror the output tree and are embedded in
//! the binary. A path segment `_service_`, `_env_`, `_cluster_` or
//! `_component_` repeats the file for each of those; `terraform/<provider>/`
//! renders only for the design's provider and `platform/<chart>/` only for
//! the charts the design chose. A template that renders to nothing is left
//! out, so conditions live in one place, beside the text they guard. Every
//! user value passes through a quoting filter (`yaml`, `hcl`, `md`).

mod archive;
pub mod catalog;
pub mod changes;
mod context;
mod filters;
mod hcl_layout;
pub mod merge;
mod plan;
pub mod provenance;
pub mod update;

use std::path::Path;

use design::{PlatformDesign, ValidDesign};

pub use context::APP_PORT;
pub use design::plan::components;
pub use filters::{hcl_scalar, markdown_inline, yaml_scalar};

/// Why a design could not be exported.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// A name the export derives breaks a limit. Validation reports the same
    /// problem (it builds the same plan), so only an unvalidated design gets here.
    #[error("{message}")]
    Name {
        /// The design field to change.
        path: String,
        /// What is wrong and how to fix it.
        message: String,
    },
    /// A template failed to render: a defect in Slipway, not in the design.
    #[error("template {template} failed: {detail}")]
    Template {
        /// Template path.
        template: String,
        /// Tera's explanation.
        detail: String,
    },
}

impl ExportError {
    /// The design field to change, for errors the design can fix.
    pub fn path(&self) -> Option<&str> {
        match self {
            ExportError::Name { path, .. } => Some(path),
            ExportError::Template { .. } => None,
        }
    }
}

/// Exports a design that may be invalid: every validation problem, or the
/// export's own, as field errors (path and message) the user can act on.
/// `Err(None)` is a template defect, never the user's doing.
pub fn export_checked(
    design: PlatformDesign,
    today: &design::IsoDate,
) -> Result<Bundle, Result<Vec<design::FieldError>, ExportError>> {
    let valid = ValidDesign::new(design).map_err(Ok)?;
    export(&valid, today).map_err(|e| match e.path() {
        Some(path) => Ok(vec![design::FieldError {
            path: path.into(),
            message: e.to_string(),
        }]),
        None => Err(e),
    })
}

/// One generated file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    /// Path inside the repository, `/`-separated.
    pub path: String,
    /// Its text.
    pub content: String,
}

/// The generated repository: files sorted by path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bundle {
    /// Folder name inside the archive, from the design's name.
    pub root: String,
    /// Every file, sorted by path.
    pub files: Vec<File>,
}

impl Bundle {
    /// The file at `path`.
    pub fn file(&self, path: &str) -> Option<&File> {
        self.files
            .binary_search_by(|f| f.path.as_str().cmp(path))
            .ok()
            .map(|i| &self.files[i])
    }

    /// The repository as a zip archive, byte-identical for the same bundle.
    pub fn zip(&self) -> Vec<u8> {
        archive::zip(self)
    }

    /// Writes the repository into `dir` (created when missing).
    pub fn write_to(&self, dir: &Path) -> std::io::Result<()> {
        archive::write_dir(self, dir)
    }
}

/// The file name of a design's repository archive, e.g. `payments-platform.zip`.
pub fn archive_name(design: &PlatformDesign) -> String {
    format!("{}.zip", design::plan::Plan::of(design).slug)
}

/// Renders `design` as a repository. `today` (`YYYY-MM-DD`) decides which
/// exemptions still hold; it is not written into any file, so the same
/// design exports the same bytes on any day its exemptions hold.
pub fn export(design: &ValidDesign, today: &design::IsoDate) -> Result<Bundle, ExportError> {
    plan::render(design.get(), today)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_archive_is_named_after_the_design() {
        assert_eq!(
            archive_name(&PlatformDesign::named("Payments Platform")),
            "payments-platform.zip"
        );
    }
}
