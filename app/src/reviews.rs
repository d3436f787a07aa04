//! Review links and comments in SQLite. A review token grants reading the
//! design and commenting, nothing else; it is stored only as its SHA-256.

use design::PlatformDesign;
use serde::{Deserialize, Serialize};
use sqlx::SqlitePool;

use crate::keys::{new_design_id, SecretKey};
use crate::store::{self, StoreError};

/// Longest comment accepted, in characters.
pub const MAX_COMMENT_CHARS: usize = 4_000;
/// Longest display name accepted, in characters.
pub const MAX_AUTHOR_CHARS: usize = 80;

/// A review link as its owner sees it (never with the token).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewSummary {
    /// Identifier, for revoking.
    pub id: String,
    /// What it is for, e.g. "security review".
    pub label: String,
    /// Last day it works, `YYYY-MM-DD`.
    pub expires_at: Option<String>,
    /// Whether it was revoked.
    pub revoked: bool,
    /// When it was made.
    pub created_at: String,
}

/// A new review link; the token is shown only now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CreatedReview {
    /// Identifier.
    pub id: String,
    /// The secret in the link.
    pub token: String,
}

/// What a reviewer can see.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpenedReview {
    /// The review's id.
    pub review_id: String,
    /// Its label.
    pub label: String,
    /// The design, read-only.
    pub design: PlatformDesign,
    /// Comments left through any review link of this design.
    pub comments: Vec<Comment>,
}

/// A reviewer's comment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comment {
    /// Identifier.
    pub id: i64,
    /// A step (`cluster`) or a rule id (`SEC-013`).
    pub target: String,
    /// Display name, as typed.
    pub author: String,
    /// Text, as typed; always shown escaped.
    pub body: String,
    /// The owner resolved it.
    pub resolved: bool,
    /// When it was left.
    pub created_at: String,
}

/// Why a comment was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CommentError {
    /// Empty name.
    #[error("Give a display name.")]
    NoAuthor,
    /// Name too long.
    #[error("Keep the display name to {MAX_AUTHOR_CHARS} characters.")]
    AuthorTooLong,
    /// Empty text.
    #[error("Write a comment.")]
    Empty,
    /// Text too long.
    #[error("Keep comments to {MAX_COMMENT_CHARS} characters (this one has {0}).")]
    TooLong(usize),
    /// Unknown target.
    #[error("Comment on a step (workload, cluster, gitops, security, observability, cost, review) or a rule id.")]
    BadTarget,
}

/// Checks a comment before it is stored.
pub fn check_comment(target: &str, author: &str, body: &str) -> Result<(), CommentError> {
    let steps = [
        "workload",
        "cluster",
        "gitops",
        "security",
        "observability",
        "cost",
        "review",
    ];
    if !steps.contains(&target) && design::critique::rule(target).is_none() {
        return Err(CommentError::BadTarget);
    }
    if author.trim().is_empty() {
        return Err(CommentError::NoAuthor);
    }
    if author.chars().count() > MAX_AUTHOR_CHARS {
        return Err(CommentError::AuthorTooLong);
    }
    if body.trim().is_empty() {
        return Err(CommentError::Empty);
    }
    let length = body.chars().count();
    if length > MAX_COMMENT_CHARS {
        return Err(CommentError::TooLong(length));
    }
    Ok(())
}

/// Creates a review link for the holder of the design's edit key.
pub async fn create(
    pool: &SqlitePool,
    design_id: &str,
    key: &SecretKey,
    label: &str,
    expires_at: Option<&str>,
) -> Result<CreatedReview, StoreError> {
    store::load(pool, design_id, key).await?;
    let id = new_design_id();
    let token = SecretKey::generate();
    let hash = token.hash();
    let label = label.trim();
    sqlx::query!(
        "INSERT INTO reviews (id, design_id, token_hash, label, expires_at) VALUES (?, ?, ?, ?, ?)",
        id,
        design_id,
        hash,
        label,
        expires_at
    )
    .execute(pool)
    .await?;
    Ok(CreatedReview {
        id,
        token: token.reveal().to_owned(),
    })
}

/// The design's review links, newest first.
pub async fn list(
    pool: &SqlitePool,
    design_id: &str,
    key: &SecretKey,
) -> Result<Vec<ReviewSummary>, StoreError> {
    store::load(pool, design_id, key).await?;
    let rows = sqlx::query!(
        "SELECT id, label, expires_at, revoked_at, created_at FROM reviews WHERE design_id = ? ORDER BY created_at DESC",
        design_id
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| ReviewSummary {
            id: row.id,
            label: row.label,
            expires_at: row.expires_at,
            revoked: row.revoked_at.is_some(),
            created_at: row.created_at,
        })
        .collect())
}

/// Revokes a review link; revoking twice is harmless.
pub async fn revoke(
    pool: &SqlitePool,
    design_id: &str,
    key: &SecretKey,
    review_id: &str,
) -> Result<(), StoreError> {
    store::load(pool, design_id, key).await?;
    let done = sqlx::query!(
        "UPDATE reviews SET revoked_at = COALESCE(revoked_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) WHERE id = ? AND design_id = ?",
        review_id,
        design_id
    )
    .execute(pool)
    .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// The review a token opens, if it is known, unrevoked and unexpired on
/// `today`. Every other case is the same `NotFound`.
async fn active(
    pool: &SqlitePool,
    token: &str,
    today: &str,
) -> Result<(String, String, String), StoreError> {
    let hash = SecretKey::presented(token).hash();
    let row = sqlx::query!(
        "SELECT id, design_id, label, expires_at, revoked_at FROM reviews WHERE token_hash = ?",
        hash
    )
    .fetch_optional(pool)
    .await?
    .ok_or(StoreError::NotFound)?;
    let expired = row
        .expires_at
        .as_deref()
        .is_some_and(|last_day| today > last_day);
    if row.revoked_at.is_some() || expired {
        return Err(StoreError::NotFound);
    }
    Ok((row.id, row.design_id, row.label))
}

async fn comments_of(pool: &SqlitePool, design_id: &str) -> Result<Vec<Comment>, StoreError> {
    let rows = sqlx::query!(
        "SELECT id AS \"id!\", target, author, body, resolved, created_at FROM comments WHERE design_id = ? ORDER BY id",
        design_id
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| Comment {
            id: row.id,
            target: row.target,
            author: row.author,
            body: row.body,
            resolved: row.resolved != 0,
            created_at: row.created_at,
        })
        .collect())
}

/// Opens a review: the design read-only, with its comments.
pub async fn open(pool: &SqlitePool, token: &str, today: &str) -> Result<OpenedReview, StoreError> {
    let (review_id, design_id, label) = active(pool, token, today).await?;
    let document = sqlx::query_scalar!("SELECT document FROM designs WHERE id = ?", design_id)
        .fetch_optional(pool)
        .await?
        .ok_or(StoreError::NotFound)?;
    Ok(OpenedReview {
        review_id,
        label,
        design: serde_json::from_str(&document)?,
        comments: comments_of(pool, &design_id).await?,
    })
}

/// Adds a reviewer's comment through a review token. The caller checks the
/// text with [`check_comment`] first.
pub async fn comment(
    pool: &SqlitePool,
    token: &str,
    today: &str,
    target: &str,
    author: &str,
    body: &str,
) -> Result<i64, StoreError> {
    let (review_id, design_id, _) = active(pool, token, today).await?;
    let author = author.trim();
    let id = sqlx::query_scalar!(
        "INSERT INTO comments (review_id, design_id, target, author, body) VALUES (?, ?, ?, ?, ?) RETURNING id AS \"id!\"",
        review_id,
        design_id,
        target,
        author,
        body
    )
    .fetch_one(pool)
    .await?;
    Ok(id)
}

/// The design's comments, for its owner.
pub async fn comments(
    pool: &SqlitePool,
    design_id: &str,
    key: &SecretKey,
) -> Result<Vec<Comment>, StoreError> {
    store::load(pool, design_id, key).await?;
    comments_of(pool, design_id).await
}

/// Marks a comment resolved, for the design's owner.
pub async fn resolve(
    pool: &SqlitePool,
    design_id: &str,
    key: &SecretKey,
    comment_id: i64,
) -> Result<(), StoreError> {
    store::load(pool, design_id, key).await?;
    let done = sqlx::query!(
        "UPDATE comments SET resolved = 1 WHERE id = ? AND design_id = ?",
        comment_id,
        design_id
    )
    .execute(pool)
    .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_are_checked_for_target_author_and_length() {
        assert_eq!(check_comment("cluster", "Ana", "Why one region?"), Ok(()));
        assert_eq!(check_comment("SEC-013", "Ana", "ok"), Ok(()));
        assert_eq!(
            check_comment("nowhere", "Ana", "x"),
            Err(CommentError::BadTarget)
        );
        assert_eq!(
            check_comment("cluster", " ", "x"),
            Err(CommentError::NoAuthor)
        );
        assert_eq!(
            check_comment("cluster", "Ana", "  "),
            Err(CommentError::Empty)
        );
        assert_eq!(
            check_comment("cluster", "Ana", &"x".repeat(4_001)),
            Err(CommentError::TooLong(4_001))
        );
    }
}
