//! Designs: create, load and save under an edit key, with revisions. The
//! queries are in [`crate::db`], once per back end.

use design::{PlatformDesign, ValidDesign};

pub use crate::db::Db;
use crate::keys::{new_design_id, DesignId, SecretKey};
use crate::wire::{CreatedDesign, DesignEnvelope};

/// Why a storage operation did not happen.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Unknown id or wrong key; callers must not tell the two apart.
    #[error("design not found or key mismatch")]
    NotFound,
    /// The expected revision is not the stored one.
    #[error("stale revision; stored revision is {current}")]
    Conflict {
        /// The revision stored now.
        current: i64,
    },
    /// The database failed.
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    /// A stored document no longer parses (a bug or a hand-edited database).
    #[error("stored document is unreadable: {0}")]
    Corrupt(#[from] serde_json::Error),
    /// The database could not be opened or migrated.
    #[error("migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// The database URL names no back end this build has.
    #[error("{0}")]
    Url(String),
}

/// Opens the database at `url` and applies pending migrations; see [`Db::connect`].
pub async fn connect(url: &str) -> Result<Db, StoreError> {
    Db::connect(url).await
}

/// Whether the database answers.
pub async fn ping(db: &Db) -> Result<(), StoreError> {
    db.ping().await
}

/// Designs stored and review links not revoked, for the metrics.
pub async fn counts(db: &Db) -> Result<(i64, i64), StoreError> {
    db.counts().await
}

/// Stores a new design and returns its id and edit key (shown only now).
pub async fn create(db: &Db, design: &ValidDesign) -> Result<CreatedDesign, StoreError> {
    let id = new_design_id();
    let key = SecretKey::generate();
    let document = serde_json::to_string(design.get())?;
    db.insert_design(&id, &key.hash(), &document).await?;
    Ok(CreatedDesign {
        id,
        edit_key: key.reveal().to_owned(),
        revision: 1,
    })
}

/// Loads a design for the holder of its edit key.
pub async fn load(db: &Db, id: &DesignId, key: &SecretKey) -> Result<DesignEnvelope, StoreError> {
    let id = id.as_str();
    let row = db.design(id).await?.ok_or(StoreError::NotFound)?;
    if !key.matches(&row.edit_key_hash) {
        return Err(StoreError::NotFound);
    }
    let design: PlatformDesign = serde_json::from_str(&row.document)?;
    Ok(DesignEnvelope {
        id: id.to_owned(),
        revision: row.revision,
        design,
    })
}

/// Replaces a design if `expected_revision` is still the stored one; returns
/// the new revision. A stale revision is refused, never silently overwritten.
pub async fn save(
    db: &Db,
    id: &DesignId,
    key: &SecretKey,
    expected_revision: i64,
    design: &ValidDesign,
) -> Result<i64, StoreError> {
    let id = id.as_str();
    let row = db.design(id).await?.ok_or(StoreError::NotFound)?;
    if !key.matches(&row.edit_key_hash) {
        return Err(StoreError::NotFound);
    }
    let document = serde_json::to_string(design.get())?;
    match db.update_design(id, expected_revision, &document).await? {
        Some(revision) => Ok(revision),
        None => {
            let current = db.revision(id).await?.unwrap_or(row.revision);
            Err(StoreError::Conflict { current })
        }
    }
}
