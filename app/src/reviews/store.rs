//! Review links and comments in SQLite. A review token grants reading the
//! design and commenting, nothing else; it is stored only as its SHA-256.

use design::PlatformDesign;
use sqlx::SqlitePool;

use super::{Comment, CreatedReview, OpenedReview, ReviewSummary};
use crate::keys::{new_design_id, DesignId, SecretKey};
use crate::store::{self, StoreError};

/// Creates a review link for the holder of the design's edit key.
pub async fn create(
    pool: &SqlitePool,
    design_id: &DesignId,
    key: &SecretKey,
    label: &str,
    expires_at: Option<&str>,
    milestone_id: Option<&str>,
) -> Result<CreatedReview, StoreError> {
    store::load(pool, design_id, key).await?;
    let design_id = design_id.as_str();
    if let Some(milestone) = milestone_id {
        // The milestone must be one of this design's.
        super::milestones::document(pool, design_id, milestone).await?;
    }
    let id = new_design_id();
    let token = SecretKey::generate();
    let hash = token.hash();
    let label = label.trim();
    sqlx::query!(
        "INSERT INTO reviews (id, design_id, token_hash, label, expires_at, milestone_id) VALUES (?, ?, ?, ?, ?, ?)",
        id,
        design_id,
        hash,
        label,
        expires_at,
        milestone_id
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
    design_id: &DesignId,
    key: &SecretKey,
) -> Result<Vec<ReviewSummary>, StoreError> {
    store::load(pool, design_id, key).await?;
    let design_id = design_id.as_str();
    let rows = sqlx::query!(
        "SELECT id, label, expires_at, revoked_at, created_at, milestone_id FROM reviews WHERE design_id = ? ORDER BY created_at DESC",
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
            milestone_id: row.milestone_id,
        })
        .collect())
}

/// Revokes a review link; revoking twice is harmless.
pub async fn revoke(
    pool: &SqlitePool,
    design_id: &DesignId,
    key: &SecretKey,
    review_id: &str,
) -> Result<(), StoreError> {
    store::load(pool, design_id, key).await?;
    let design_id = design_id.as_str();
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
/// The parts of an active review: its id, design, label and milestone.
type ActiveReview = (String, String, String, Option<String>);

async fn active(
    pool: &SqlitePool,
    token: &str,
    today: &design::IsoDate,
) -> Result<ActiveReview, StoreError> {
    let hash = SecretKey::presented(token).hash();
    let row = sqlx::query!(
        "SELECT id, design_id, label, expires_at, revoked_at, milestone_id FROM reviews WHERE token_hash = ?",
        hash
    )
    .fetch_optional(pool)
    .await?
    .ok_or(StoreError::NotFound)?;
    let expired = row
        .expires_at
        .as_deref()
        .is_some_and(|last_day| today.as_str() > last_day);
    if row.revoked_at.is_some() || expired {
        return Err(StoreError::NotFound);
    }
    Ok((row.id, row.design_id, row.label, row.milestone_id))
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
pub async fn open(
    pool: &SqlitePool,
    token: &str,
    today: &design::IsoDate,
) -> Result<OpenedReview, StoreError> {
    let (review_id, design_id, label, milestone) = active(pool, token, today).await?;
    let document = reviewed_document(pool, &design_id, milestone.as_deref()).await?;
    let reviewed = milestone.unwrap_or_default();
    let milestones = sqlx::query!(
        "SELECT id, name FROM milestones WHERE design_id = ? AND id != ? ORDER BY created_at, id",
        design_id,
        reviewed
    )
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(|row| (row.id, row.name))
    .collect();
    Ok(OpenedReview {
        review_id,
        label,
        design: serde_json::from_str(&document)?,
        comments: comments_of(pool, &design_id).await?,
        milestones,
    })
}

/// What a review page shows changes with this text: the review, the state it
/// shows (milestone, or the design's revision), its comments, the design's
/// milestones (offered for comparison) and the day. `NotFound`
/// when the link is not valid.
pub async fn version(
    pool: &SqlitePool,
    token: &str,
    today: &design::IsoDate,
) -> Result<String, StoreError> {
    let (review_id, design_id, _, milestone) = active(pool, token, today).await?;
    let revision = sqlx::query_scalar!("SELECT revision FROM designs WHERE id = ?", design_id)
        .fetch_optional(pool)
        .await?
        .ok_or(StoreError::NotFound)?;
    let comments = sqlx::query!(
        "SELECT COUNT(*) AS \"count!: i64\", COALESCE(MAX(id), 0) AS \"last!: i64\", COALESCE(SUM(resolved), 0) AS \"resolved!: i64\", (SELECT COUNT(*) FROM milestones WHERE design_id = ?) AS \"milestones!: i64\" FROM comments WHERE design_id = ?",
        design_id,
        design_id
    )
    .fetch_one(pool)
    .await?;
    let shown = milestone.unwrap_or_else(|| format!("r{revision}"));
    Ok(format!(
        "{review_id}/{shown}/{}-{}-{}/{}/{today}",
        comments.count, comments.last, comments.resolved, comments.milestones
    ))
}

/// The design a review link shows, through its token.
pub async fn reviewed(
    pool: &SqlitePool,
    token: &str,
    today: &design::IsoDate,
) -> Result<PlatformDesign, StoreError> {
    let (_, design_id, _, milestone) = active(pool, token, today).await?;
    let document = reviewed_document(pool, &design_id, milestone.as_deref()).await?;
    Ok(serde_json::from_str(&document)?)
}

/// The document a review shows: its milestone's, or the latest state.
async fn reviewed_document(
    pool: &SqlitePool,
    design_id: &str,
    milestone: Option<&str>,
) -> Result<String, StoreError> {
    match milestone {
        Some(milestone) => super::milestones::document(pool, design_id, milestone).await,
        None => sqlx::query_scalar!("SELECT document FROM designs WHERE id = ?", design_id)
            .fetch_optional(pool)
            .await?
            .ok_or(StoreError::NotFound),
    }
}

/// Through a review token: the design at one of its milestones and the
/// reviewed state, to compare. A milestone of another design is as unknown
/// as a token that is not valid.
pub async fn compare_reviewed(
    pool: &SqlitePool,
    token: &str,
    today: &design::IsoDate,
    since: &str,
) -> Result<(PlatformDesign, PlatformDesign), StoreError> {
    let (_, design_id, _, milestone) = active(pool, token, today).await?;
    let reviewed = reviewed_document(pool, &design_id, milestone.as_deref()).await?;
    let earlier = super::milestones::document(pool, &design_id, since).await?;
    Ok((
        serde_json::from_str(&earlier)?,
        serde_json::from_str(&reviewed)?,
    ))
}

/// Adds a reviewer's comment through a review token. The caller checks the
/// text with [`check_comment`] first.
pub async fn comment(
    pool: &SqlitePool,
    token: &str,
    today: &design::IsoDate,
    target: &str,
    author: &str,
    body: &str,
) -> Result<i64, StoreError> {
    let (review_id, design_id, _, _) = active(pool, token, today).await?;
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
    design_id: &DesignId,
    key: &SecretKey,
) -> Result<Vec<Comment>, StoreError> {
    store::load(pool, design_id, key).await?;
    let design_id = design_id.as_str();
    comments_of(pool, design_id).await
}

/// Marks a comment resolved, for the design's owner.
pub async fn resolve(
    pool: &SqlitePool,
    design_id: &DesignId,
    key: &SecretKey,
    comment_id: i64,
) -> Result<(), StoreError> {
    store::load(pool, design_id, key).await?;
    let design_id = design_id.as_str();
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
