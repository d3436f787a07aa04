//! The database under the store: SQLite (embedded, the default) or
//! PostgreSQL (for several replicas). Every query Slipway runs is here, once
//! per back end and side by side, each checked at compile time against that
//! back end's migrations (offline data in `.sqlx/`, written by
//! `scripts/sqlx-prepare`). The rules — who may read what, revisions,
//! conflicts — sit above, in [`crate::store`] and [`crate::reviews`], written
//! once for both.

use std::str::FromStr;
use std::time::Duration;

#[cfg(feature = "postgres")]
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
#[cfg(feature = "sqlite")]
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

use crate::reviews::Comment;
use crate::store::StoreError;

/// Connections per process. PostgreSQL's default limit is 100, so a handful
/// of replicas fit beside other clients.
const MAX_CONNECTIONS: u32 = 8;

/// A connection pool on one of the two back ends.
#[derive(Clone, Debug)]
pub enum Db {
    /// An SQLite file, in WAL mode.
    #[cfg(feature = "sqlite")]
    Sqlite(SqlitePool),
    /// A PostgreSQL database, shared by any number of replicas.
    #[cfg(feature = "postgres")]
    Postgres(PgPool),
}

/// Which back end a database URL names, or why it names none.
pub fn backend_of(url: &str) -> Result<&'static str, String> {
    let scheme = url.split_once(':').map_or("", |(scheme, _)| scheme);
    match scheme {
        "sqlite" => Ok("sqlite"),
        "postgres" | "postgresql" => Ok("postgres"),
        _ => Err(format!(
            "unsupported database URL scheme {scheme:?}: use sqlite://FILE or postgres://HOST/DATABASE"
        )),
    }
}

/// A design's row, for its key holder.
pub struct DesignRow {
    /// SHA-256 of the edit key.
    pub edit_key_hash: Vec<u8>,
    /// The stored revision.
    pub revision: i64,
    /// The design as JSON.
    pub document: String,
}

/// A review link, as its owner lists it.
pub struct ReviewRow {
    /// Review id.
    pub id: String,
    /// The owner's label.
    pub label: String,
    /// Last valid day, if any.
    pub expires_at: Option<String>,
    /// When it was revoked, if it was.
    pub revoked_at: Option<String>,
    /// When it was made.
    pub created_at: String,
    /// The milestone it shows, if not the latest state.
    pub milestone_id: Option<String>,
}

/// A review link found by its token's hash.
pub struct TokenRow {
    /// Review id.
    pub id: String,
    /// The design it opens.
    pub design_id: String,
    /// The owner's label.
    pub label: String,
    /// Last valid day, if any.
    pub expires_at: Option<String>,
    /// When it was revoked, if it was.
    pub revoked_at: Option<String>,
    /// The milestone it shows, if not the latest state.
    pub milestone_id: Option<String>,
}

/// What changes a review page: its comments and the design's milestones.
pub struct CommentStats {
    /// Comments on the design.
    pub count: i64,
    /// The newest comment's id (0 for none).
    pub last: i64,
    /// Resolved comments.
    pub resolved: i64,
    /// The design's milestones.
    pub milestones: i64,
}

/// A milestone's row.
pub struct MilestoneRow {
    /// Milestone id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The revision it froze.
    pub revision: i64,
    /// The frozen design as JSON.
    pub document: String,
    /// When it was made.
    pub created_at: String,
}

/// A milestone's name, revision and document.
pub struct FrozenRow {
    /// Its name.
    pub name: String,
    /// The revision it froze.
    pub revision: i64,
    /// The frozen design as JSON.
    pub document: String,
}

impl Db {
    /// Opens the database at `url` (`sqlite://FILE`, created when missing, or
    /// `postgres://…`) and applies its back end's pending migrations.
    /// Replicas starting together are safe: PostgreSQL migrations run under
    /// an advisory lock.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        match backend_of(url).map_err(StoreError::Url)? {
            #[cfg(feature = "sqlite")]
            "sqlite" => {
                let options = SqliteConnectOptions::from_str(url)?
                    .create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    // WAL with NORMAL is durable across application crashes and much faster than FULL.
                    .synchronous(SqliteSynchronous::Normal)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(5));
                let pool = SqlitePoolOptions::new()
                    .max_connections(MAX_CONNECTIONS)
                    .connect_with(options)
                    .await?;
                sqlx::migrate!("../migrations/sqlite").run(&pool).await?;
                Ok(Self::Sqlite(pool))
            }
            #[cfg(feature = "postgres")]
            "postgres" => {
                let options = PgConnectOptions::from_str(url)?.application_name("slipway");
                let pool = PgPoolOptions::new()
                    .max_connections(MAX_CONNECTIONS)
                    .acquire_timeout(Duration::from_secs(5))
                    .connect_with(options)
                    .await?;
                sqlx::migrate!("../migrations/postgres").run(&pool).await?;
                Ok(Self::Postgres(pool))
            }
            other => Err(StoreError::Url(format!(
                "this build of Slipway has no {other} back end"
            ))),
        }
    }

    /// `sqlite` or `postgres`.
    pub fn backend(&self) -> &'static str {
        match self {
            #[cfg(feature = "sqlite")]
            Self::Sqlite(_) => "sqlite",
            #[cfg(feature = "postgres")]
            Self::Postgres(_) => "postgres",
        }
    }

    /// Connections open now (idle and in use).
    pub fn size(&self) -> u32 {
        match self {
            #[cfg(feature = "sqlite")]
            Self::Sqlite(pool) => pool.size(),
            #[cfg(feature = "postgres")]
            Self::Postgres(pool) => pool.size(),
        }
    }

    /// Idle connections.
    pub fn num_idle(&self) -> usize {
        match self {
            #[cfg(feature = "sqlite")]
            Self::Sqlite(pool) => pool.num_idle(),
            #[cfg(feature = "postgres")]
            Self::Postgres(pool) => pool.num_idle(),
        }
    }

    /// The pool's limit.
    pub fn max_connections(&self) -> u32 {
        match self {
            #[cfg(feature = "sqlite")]
            Self::Sqlite(pool) => pool.options().get_max_connections(),
            #[cfg(feature = "postgres")]
            Self::Postgres(pool) => pool.options().get_max_connections(),
        }
    }

    /// Waits for connections in use, then closes them all.
    pub async fn close(&self) {
        match self {
            #[cfg(feature = "sqlite")]
            Self::Sqlite(pool) => pool.close().await,
            #[cfg(feature = "postgres")]
            Self::Postgres(pool) => pool.close().await,
        }
    }

    /// Whether the database answers.
    pub async fn ping(&self) -> Result<(), StoreError> {
        match self {
            #[cfg(feature = "sqlite")]
            Self::Sqlite(pool) => {
                sqlx::query_scalar!("SELECT 1 AS one")
                    .fetch_one(pool)
                    .await?;
            }
            #[cfg(feature = "postgres")]
            Self::Postgres(pool) => {
                sqlx::query_scalar!(r#"SELECT 1::BIGINT AS "one!""#)
                    .fetch_one(pool)
                    .await?;
            }
        }
        Ok(())
    }

    /// Designs stored and review links not revoked.
    pub async fn counts(&self) -> Result<(i64, i64), StoreError> {
        Ok(match self {
            #[cfg(feature = "sqlite")]
            Self::Sqlite(pool) => sqlx::query_as!(
                Counts,
                r#"SELECT (SELECT COUNT(*) FROM designs) AS "designs!: i64",
                          (SELECT COUNT(*) FROM reviews WHERE revoked_at IS NULL) AS "reviews!: i64""#
            )
            .fetch_one(pool)
            .await?
            .pair(),
            #[cfg(feature = "postgres")]
            Self::Postgres(pool) => sqlx::query_as!(
                Counts,
                r#"SELECT (SELECT COUNT(*) FROM designs) AS "designs!",
                          (SELECT COUNT(*) FROM reviews WHERE revoked_at IS NULL) AS "reviews!""#
            )
            .fetch_one(pool)
            .await?
            .pair(),
        })
    }

    /// Stores a new design at revision 1.
    pub async fn insert_design(
        &self,
        id: &str,
        edit_key_hash: &[u8],
        document: &str,
    ) -> Result<(), StoreError> {
        match self {
            #[cfg(feature = "sqlite")]
            Self::Sqlite(pool) => {
                sqlx::query!(
                    "INSERT INTO designs (id, edit_key_hash, revision, document) VALUES (?, ?, 1, ?)",
                    id,
                    edit_key_hash,
                    document
                )
                .execute(pool)
                .await?;
            }
            #[cfg(feature = "postgres")]
            Self::Postgres(pool) => {
                sqlx::query!(
                    "INSERT INTO designs (id, edit_key_hash, revision, document) VALUES ($1, $2, 1, $3)",
                    id,
                    edit_key_hash,
                    document
                )
                .execute(pool)
                .await?;
            }
        }
        Ok(())
    }

    /// A design's key hash, revision and document.
    pub async fn design(&self, id: &str) -> Result<Option<DesignRow>, StoreError> {
        Ok(match self {
            #[cfg(feature = "sqlite")]
            Self::Sqlite(pool) => {
                sqlx::query_as!(
                    DesignRow,
                    "SELECT edit_key_hash, revision, document FROM designs WHERE id = ?",
                    id
                )
                .fetch_optional(pool)
                .await?
            }
            #[cfg(feature = "postgres")]
            Self::Postgres(pool) => {
                sqlx::query_as!(
                    DesignRow,
                    "SELECT edit_key_hash, revision, document FROM designs WHERE id = $1",
                    id
                )
                .fetch_optional(pool)
                .await?
            }
        })
    }

    /// A design's revision.
    pub async fn revision(&self, id: &str) -> Result<Option<i64>, StoreError> {
        Ok(match self {
            #[cfg(feature = "sqlite")]
            Self::Sqlite(pool) => {
                sqlx::query_scalar!("SELECT revision FROM designs WHERE id = ?", id)
                    .fetch_optional(pool)
                    .await?
            }
            #[cfg(feature = "postgres")]
            Self::Postgres(pool) => {
                sqlx::query_scalar!("SELECT revision FROM designs WHERE id = $1", id)
                    .fetch_optional(pool)
                    .await?
            }
        })
    }

    /// A design's document, whoever asks (the caller checked the right to).
    pub async fn document(&self, id: &str) -> Result<Option<String>, StoreError> {
        Ok(match self {
            #[cfg(feature = "sqlite")]
            Self::Sqlite(pool) => {
                sqlx::query_scalar!("SELECT document FROM designs WHERE id = ?", id)
                    .fetch_optional(pool)
                    .await?
            }
            #[cfg(feature = "postgres")]
            Self::Postgres(pool) => {
                sqlx::query_scalar!("SELECT document FROM designs WHERE id = $1", id)
                    .fetch_optional(pool)
                    .await?
            }
        })
    }

    /// Replaces the document if `expected` is still the stored revision, and
    /// returns the new revision; `None` when it is not. The check and the
    /// write are one statement, so of two saves of the same revision — on one
    /// replica or on two — exactly one succeeds.
    pub async fn update_design(
        &self,
        id: &str,
        expected: i64,
        document: &str,
    ) -> Result<Option<i64>, StoreError> {
        Ok(match self {
            #[cfg(feature = "sqlite")]
            Self::Sqlite(pool) => {
                sqlx::query_scalar!(
                    r#"UPDATE designs
                       SET document = ?, revision = revision + 1,
                           updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
                       WHERE id = ? AND revision = ?
                       RETURNING revision"#,
                    document,
                    id,
                    expected
                )
                .fetch_optional(pool)
                .await?
            }
            #[cfg(feature = "postgres")]
            Self::Postgres(pool) => {
                sqlx::query_scalar!(
                    r#"UPDATE designs
                       SET document = $1, revision = revision + 1, updated_at = slipway_now()
                       WHERE id = $2 AND revision = $3
                       RETURNING revision"#,
                    document,
                    id,
                    expected
                )
                .fetch_optional(pool)
                .await?
            }
        })
    }

    /// Stores a review link.
    pub async fn insert_review(
        &self,
        id: &str,
        design_id: &str,
        token_hash: &[u8],
        label: &str,
        expires_at: Option<&str>,
        milestone_id: Option<&str>,
    ) -> Result<(), StoreError> {
        match self {
            #[cfg(feature = "sqlite")]
            Self::Sqlite(pool) => {
                sqlx::query!(
                    "INSERT INTO reviews (id, design_id, token_hash, label, expires_at, milestone_id) VALUES (?, ?, ?, ?, ?, ?)",
                    id,
                    design_id,
                    token_hash,
                    label,
                    expires_at,
                    milestone_id
                )
                .execute(pool)
                .await?;
            }
            #[cfg(feature = "postgres")]
            Self::Postgres(pool) => {
                sqlx::query!(
                    "INSERT INTO reviews (id, design_id, token_hash, label, expires_at, milestone_id) VALUES ($1, $2, $3, $4, $5, $6)",
                    id,
                    design_id,
                    token_hash,
                    label,
                    expires_at,
                    milestone_id
                )
                .execute(pool)
                .await?;
            }
        }
        Ok(())
    }

    /// A design's review links, newest first.
    pub async fn reviews(&self, design_id: &str) -> Result<Vec<ReviewRow>, StoreError> {
        Ok(match self {
            #[cfg(feature = "sqlite")]
            Self::Sqlite(pool) => {
                sqlx::query_as!(
                    ReviewRow,
                    "SELECT id, label, expires_at, revoked_at, created_at, milestone_id FROM reviews WHERE design_id = ? ORDER BY created_at DESC, id",
                    design_id
                )
                .fetch_all(pool)
                .await?
            }
            #[cfg(feature = "postgres")]
            Self::Postgres(pool) => {
                sqlx::query_as!(
                    ReviewRow,
                    "SELECT id, label, expires_at, revoked_at, created_at, milestone_id FROM reviews WHERE design_id = $1 ORDER BY created_at DESC, id",
                    design_id
                )
                .fetch_all(pool)
                .await?
            }
        })
    }

    /// Revokes a review link of the design (keeping the first revocation's
    /// time); how many links matched.
    pub async fn revoke_review(&self, review_id: &str, design_id: &str) -> Result<u64, StoreError> {
        Ok(match self {
            #[cfg(feature = "sqlite")]
            Self::Sqlite(pool) => sqlx::query!(
                "UPDATE reviews SET revoked_at = COALESCE(revoked_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) WHERE id = ? AND design_id = ?",
                review_id,
                design_id
            )
            .execute(pool)
            .await?
            .rows_affected(),
            #[cfg(feature = "postgres")]
            Self::Postgres(pool) => sqlx::query!(
                "UPDATE reviews SET revoked_at = COALESCE(revoked_at, slipway_now()) WHERE id = $1 AND design_id = $2",
                review_id,
                design_id
            )
            .execute(pool)
            .await?
            .rows_affected(),
        })
    }

    /// The review link whose token has this hash.
    pub async fn review_by_token(&self, token_hash: &[u8]) -> Result<Option<TokenRow>, StoreError> {
        Ok(match self {
            #[cfg(feature = "sqlite")]
            Self::Sqlite(pool) => {
                sqlx::query_as!(
                    TokenRow,
                    "SELECT id, design_id, label, expires_at, revoked_at, milestone_id FROM reviews WHERE token_hash = ?",
                    token_hash
                )
                .fetch_optional(pool)
                .await?
            }
            #[cfg(feature = "postgres")]
            Self::Postgres(pool) => {
                sqlx::query_as!(
                    TokenRow,
                    "SELECT id, design_id, label, expires_at, revoked_at, milestone_id FROM reviews WHERE token_hash = $1",
                    token_hash
                )
                .fetch_optional(pool)
                .await?
            }
        })
    }

    /// A design's comments, oldest first.
    pub async fn comments(&self, design_id: &str) -> Result<Vec<Comment>, StoreError> {
        Ok(match self {
            #[cfg(feature = "sqlite")]
            Self::Sqlite(pool) => {
                sqlx::query_as!(
                    Comment,
                    r#"SELECT id AS "id!", target, author, body, resolved AS "resolved: bool", created_at FROM comments WHERE design_id = ? ORDER BY id"#,
                    design_id
                )
                .fetch_all(pool)
                .await?
            }
            #[cfg(feature = "postgres")]
            Self::Postgres(pool) => {
                sqlx::query_as!(
                    Comment,
                    "SELECT id, target, author, body, resolved, created_at FROM comments WHERE design_id = $1 ORDER BY id",
                    design_id
                )
                .fetch_all(pool)
                .await?
            }
        })
    }

    /// Comment counts and the number of milestones, for a review page's validator.
    pub async fn comment_stats(&self, design_id: &str) -> Result<CommentStats, StoreError> {
        Ok(match self {
            #[cfg(feature = "sqlite")]
            Self::Sqlite(pool) => {
                sqlx::query_as!(
                    CommentStats,
                    r#"SELECT COUNT(*) AS "count!: i64", COALESCE(MAX(id), 0) AS "last!: i64",
                              COALESCE(SUM(resolved), 0) AS "resolved!: i64",
                              (SELECT COUNT(*) FROM milestones WHERE design_id = ?1) AS "milestones!: i64"
                       FROM comments WHERE design_id = ?1"#,
                    design_id
                )
                .fetch_one(pool)
                .await?
            }
            #[cfg(feature = "postgres")]
            Self::Postgres(pool) => {
                sqlx::query_as!(
                    CommentStats,
                    r#"SELECT COUNT(*) AS "count!", COALESCE(MAX(id), 0) AS "last!",
                              COUNT(*) FILTER (WHERE resolved) AS "resolved!",
                              (SELECT COUNT(*) FROM milestones WHERE design_id = $1) AS "milestones!"
                       FROM comments WHERE design_id = $1"#,
                    design_id
                )
                .fetch_one(pool)
                .await?
            }
        })
    }

    /// Stores a comment and returns its id.
    pub async fn insert_comment(
        &self,
        review_id: &str,
        design_id: &str,
        target: &str,
        author: &str,
        body: &str,
    ) -> Result<i64, StoreError> {
        Ok(match self {
            #[cfg(feature = "sqlite")]
            Self::Sqlite(pool) => sqlx::query_scalar!(
                r#"INSERT INTO comments (review_id, design_id, target, author, body) VALUES (?, ?, ?, ?, ?) RETURNING id AS "id!""#,
                review_id,
                design_id,
                target,
                author,
                body
            )
            .fetch_one(pool)
            .await?,
            #[cfg(feature = "postgres")]
            Self::Postgres(pool) => sqlx::query_scalar!(
                "INSERT INTO comments (review_id, design_id, target, author, body) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                review_id,
                design_id,
                target,
                author,
                body
            )
            .fetch_one(pool)
            .await?,
        })
    }

    /// Marks a comment of the design resolved; how many comments matched.
    pub async fn resolve_comment(
        &self,
        comment_id: i64,
        design_id: &str,
    ) -> Result<u64, StoreError> {
        Ok(match self {
            #[cfg(feature = "sqlite")]
            Self::Sqlite(pool) => sqlx::query!(
                "UPDATE comments SET resolved = 1 WHERE id = ? AND design_id = ?",
                comment_id,
                design_id
            )
            .execute(pool)
            .await?
            .rows_affected(),
            #[cfg(feature = "postgres")]
            Self::Postgres(pool) => sqlx::query!(
                "UPDATE comments SET resolved = TRUE WHERE id = $1 AND design_id = $2",
                comment_id,
                design_id
            )
            .execute(pool)
            .await?
            .rows_affected(),
        })
    }

    /// Stores a milestone and returns when it was made.
    pub async fn insert_milestone(
        &self,
        id: &str,
        design_id: &str,
        name: &str,
        revision: i64,
        document: &str,
    ) -> Result<String, StoreError> {
        Ok(match self {
            #[cfg(feature = "sqlite")]
            Self::Sqlite(pool) => sqlx::query_scalar!(
                "INSERT INTO milestones (id, design_id, name, revision, document) VALUES (?, ?, ?, ?, ?) RETURNING created_at",
                id,
                design_id,
                name,
                revision,
                document
            )
            .fetch_one(pool)
            .await?,
            #[cfg(feature = "postgres")]
            Self::Postgres(pool) => sqlx::query_scalar!(
                "INSERT INTO milestones (id, design_id, name, revision, document) VALUES ($1, $2, $3, $4, $5) RETURNING created_at",
                id,
                design_id,
                name,
                revision,
                document
            )
            .fetch_one(pool)
            .await?,
        })
    }

    /// A design's milestones, oldest first.
    pub async fn milestones(&self, design_id: &str) -> Result<Vec<MilestoneRow>, StoreError> {
        Ok(match self {
            #[cfg(feature = "sqlite")]
            Self::Sqlite(pool) => {
                sqlx::query_as!(
                    MilestoneRow,
                    "SELECT id, name, revision, document, created_at FROM milestones WHERE design_id = ? ORDER BY created_at, id",
                    design_id
                )
                .fetch_all(pool)
                .await?
            }
            #[cfg(feature = "postgres")]
            Self::Postgres(pool) => {
                sqlx::query_as!(
                    MilestoneRow,
                    "SELECT id, name, revision, document, created_at FROM milestones WHERE design_id = $1 ORDER BY created_at, id",
                    design_id
                )
                .fetch_all(pool)
                .await?
            }
        })
    }

    /// The ids and names of a design's milestones but one, oldest first.
    pub async fn milestone_names(
        &self,
        design_id: &str,
        except: &str,
    ) -> Result<Vec<(String, String)>, StoreError> {
        Ok(match self {
            #[cfg(feature = "sqlite")]
            Self::Sqlite(pool) => sqlx::query!(
                "SELECT id, name FROM milestones WHERE design_id = ? AND id != ? ORDER BY created_at, id",
                design_id,
                except
            )
            .fetch_all(pool)
            .await?
            .into_iter()
            .map(|row| (row.id, row.name))
            .collect(),
            #[cfg(feature = "postgres")]
            Self::Postgres(pool) => sqlx::query!(
                "SELECT id, name FROM milestones WHERE design_id = $1 AND id != $2 ORDER BY created_at, id",
                design_id,
                except
            )
            .fetch_all(pool)
            .await?
            .into_iter()
            .map(|row| (row.id, row.name))
            .collect(),
        })
    }

    /// One of the design's milestones.
    pub async fn milestone(
        &self,
        milestone_id: &str,
        design_id: &str,
    ) -> Result<Option<FrozenRow>, StoreError> {
        Ok(match self {
            #[cfg(feature = "sqlite")]
            Self::Sqlite(pool) => {
                sqlx::query_as!(
                FrozenRow,
                "SELECT name, revision, document FROM milestones WHERE id = ? AND design_id = ?",
                milestone_id,
                design_id
            )
                .fetch_optional(pool)
                .await?
            }
            #[cfg(feature = "postgres")]
            Self::Postgres(pool) => {
                sqlx::query_as!(
                FrozenRow,
                "SELECT name, revision, document FROM milestones WHERE id = $1 AND design_id = $2",
                milestone_id,
                design_id
            )
                .fetch_optional(pool)
                .await?
            }
        })
    }
}

struct Counts {
    designs: i64,
    reviews: i64,
}

impl Counts {
    fn pair(self) -> (i64, i64) {
        (self.designs, self.reviews)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_database_url_names_its_back_end() {
        assert_eq!(backend_of("sqlite://slipway.db"), Ok("sqlite"));
        assert_eq!(backend_of("sqlite::memory:"), Ok("sqlite"));
        assert_eq!(backend_of("postgres://db/slipway"), Ok("postgres"));
        assert_eq!(backend_of("postgresql://db/slipway"), Ok("postgres"));
        let error = backend_of("mysql://db/slipway").unwrap_err();
        assert!(error.contains("\"mysql\""), "{error}");
        assert!(backend_of("slipway.db").is_err());
    }
}
