//! Types that cross the wire between browser and server. Kept apart from the
//! database rows so the storage can change without breaking clients.

use design::PlatformDesign;
use serde::{Deserialize, Serialize};

/// A design as loaded by someone holding its edit key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DesignEnvelope {
    /// Public identifier.
    pub id: String,
    /// Increases by one with every save.
    pub revision: i64,
    /// The document.
    pub design: PlatformDesign,
}

/// A design as the wizard opens it: the design, and what the wizard shows
/// of it before its engine (validation, critique) has arrived in the
/// browser, derived here by the same code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpenedDesign {
    /// The design.
    pub envelope: DesignEnvelope,
    /// Its validation errors.
    pub errors: Vec<design::validate::FieldError>,
    /// The score panel over its critique, as HTML.
    pub panel: String,
}

/// What creating a design hands back, once: the key is never shown again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CreatedDesign {
    /// Public identifier.
    pub id: String,
    /// The secret that grants edit rights.
    pub edit_key: String,
    /// The first revision (1).
    pub revision: i64,
}

/// What importing a design file came to. Problems in the file are an
/// expected answer, not a failure, so they travel as a value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ImportOutcome {
    /// Stored as a new design.
    Created(CreatedDesign),
    /// The file has problems; one line each, with line, column and path where known.
    Problems(Vec<String>),
}

/// What a save came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SaveOutcome {
    /// Stored as this new revision.
    Saved {
        /// The new revision.
        revision: i64,
    },
    /// Someone saved first; nothing was written.
    Conflict {
        /// The revision stored now.
        current_revision: i64,
    },
}

/// The path of the wizard with edit rights. The key sits in the fragment, so
/// browsers never send it to the server, to logs or to other sites.
pub fn edit_path(id: &str, edit_key: &str) -> String {
    format!("/d/{id}#key={edit_key}")
}

/// One file of the generated repository, for the in-browser preview.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PreviewFile {
    /// Path inside the repository.
    pub path: String,
    /// Its text; left out on the wire when empty (a lazy preview's files).
    #[serde(default, skip_serializing_if = "design::compact::omitted")]
    pub content: String,
}

/// The generated repository as the browser shows and downloads it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RepositoryPreview {
    /// File name for the download, from the design's name.
    pub archive_name: String,
    /// Every file, sorted by path.
    pub files: Vec<PreviewFile>,
    /// The zip archive, base64-encoded for a `data:` link.
    pub zip_base64: String,
    /// Why the design cannot be exported yet (`path: message`); empty when it can.
    pub problems: Vec<String>,
    /// Only the README carries its content: the others are fetched one by
    /// one when opened, and the archive downloads from its own address
    /// (review pages, which many people open at once).
    #[serde(default)]
    pub lazy: bool,
}
