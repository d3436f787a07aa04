//! Designs in SQLite. Every query is checked at compile time against the
//! migrations (offline data in `.sqlx/`).

use std::str::FromStr;
use std::time::Duration;

use design::{PlatformDesign, ValidDesign};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;

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
}

/// Opens (creating if missing) the database at `url`, in WAL mode, and applies
/// pending migrations.
pub async fn connect(url: &str) -> Result<SqlitePool, StoreError> {
    let options = SqliteConnectOptions::from_str(url)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        // WAL with NORMAL is durable across application crashes and much faster than FULL.
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5));
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await?;
    sqlx::migrate!("../migrations").run(&pool).await?;
    Ok(pool)
}

/// Whether the database answers.
pub async fn ping(pool: &SqlitePool) -> Result<(), StoreError> {
    sqlx::query_scalar!("SELECT 1 AS one")
        .fetch_one(pool)
        .await?;
    Ok(())
}

/// Designs stored and review links not revoked, for the metrics.
pub async fn counts(pool: &SqlitePool) -> Result<(i64, i64), StoreError> {
    let designs = sqlx::query_scalar!(r#"SELECT COUNT(*) AS "n!: i64" FROM designs"#)
        .fetch_one(pool)
        .await?;
    let reviews = sqlx::query_scalar!(
        r#"SELECT COUNT(*) AS "n!: i64" FROM reviews WHERE revoked_at IS NULL"#
    )
    .fetch_one(pool)
    .await?;
    Ok((designs, reviews))
}

/// Stores a new design and returns its id and edit key (shown only now).
pub async fn create(pool: &SqlitePool, design: &ValidDesign) -> Result<CreatedDesign, StoreError> {
    let id = new_design_id();
    let key = SecretKey::generate();
    let hash = key.hash();
    let document = serde_json::to_string(design.get())?;
    sqlx::query!(
        "INSERT INTO designs (id, edit_key_hash, revision, document) VALUES (?, ?, 1, ?)",
        id,
        hash,
        document
    )
    .execute(pool)
    .await?;
    Ok(CreatedDesign {
        id,
        edit_key: key.reveal().to_owned(),
        revision: 1,
    })
}

/// Loads a design for the holder of its edit key.
pub async fn load(
    pool: &SqlitePool,
    id: &DesignId,
    key: &SecretKey,
) -> Result<DesignEnvelope, StoreError> {
    let id = id.as_str();
    let row = sqlx::query!(
        "SELECT edit_key_hash, revision, document FROM designs WHERE id = ?",
        id
    )
    .fetch_optional(pool)
    .await?
    .ok_or(StoreError::NotFound)?;
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
    pool: &SqlitePool,
    id: &DesignId,
    key: &SecretKey,
    expected_revision: i64,
    design: &ValidDesign,
) -> Result<i64, StoreError> {
    let id = id.as_str();
    let row = sqlx::query!(
        "SELECT edit_key_hash, revision FROM designs WHERE id = ?",
        id
    )
    .fetch_optional(pool)
    .await?
    .ok_or(StoreError::NotFound)?;
    if !key.matches(&row.edit_key_hash) {
        return Err(StoreError::NotFound);
    }
    let document = serde_json::to_string(design.get())?;
    // The revision check and the write are one statement, so two concurrent
    // saves of the same revision cannot both succeed.
    let updated = sqlx::query_scalar!(
        r#"UPDATE designs
           SET document = ?, revision = revision + 1,
               updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
           WHERE id = ? AND revision = ?
           RETURNING revision"#,
        document,
        id,
        expected_revision
    )
    .fetch_optional(pool)
    .await?;
    match updated {
        Some(revision) => Ok(revision),
        None => {
            let current = sqlx::query_scalar!("SELECT revision FROM designs WHERE id = ?", id)
                .fetch_optional(pool)
                .await?
                .unwrap_or(row.revision);
            Err(StoreError::Conflict { current })
        }
    }
}
