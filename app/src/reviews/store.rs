//! Review links and comments. A review token grants reading the design and
//! commenting, nothing else; it is stored only as its SHA-256. The queries
//! are in [`crate::db`].

use design::PlatformDesign;

use super::{Comment, CreatedReview, OpenedReview, ReviewSummary};
use crate::keys::{new_design_id, DesignId, SecretKey};
use crate::store::{self, Db, StoreError};

/// Creates a review link for the holder of the design's edit key.
pub async fn create(
    db: &Db,
    design_id: &DesignId,
    key: &SecretKey,
    label: &str,
    expires_at: Option<&str>,
    milestone_id: Option<&str>,
) -> Result<CreatedReview, StoreError> {
    store::load(db, design_id, key).await?;
    let design_id = design_id.as_str();
    if let Some(milestone) = milestone_id {
        // The milestone must be one of this design's.
        super::milestones::document(db, design_id, milestone).await?;
    }
    let id = new_design_id();
    let token = SecretKey::generate();
    db.insert_review(
        &id,
        design_id,
        &token.hash(),
        label.trim(),
        expires_at,
        milestone_id,
    )
    .await?;
    Ok(CreatedReview {
        id,
        token: token.reveal().to_owned(),
    })
}

/// The design's review links, newest first.
pub async fn list(
    db: &Db,
    design_id: &DesignId,
    key: &SecretKey,
) -> Result<Vec<ReviewSummary>, StoreError> {
    store::load(db, design_id, key).await?;
    let design_id = design_id.as_str();
    Ok(db
        .reviews(design_id)
        .await?
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
    db: &Db,
    design_id: &DesignId,
    key: &SecretKey,
    review_id: &str,
) -> Result<(), StoreError> {
    store::load(db, design_id, key).await?;
    let design_id = design_id.as_str();
    if db.revoke_review(review_id, design_id).await? == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// The review a token opens, if it is known, unrevoked and unexpired on
/// `today`. Every other case is the same `NotFound`.
/// The parts of an active review: its id, design, label and milestone.
type ActiveReview = (String, String, String, Option<String>);

async fn active(db: &Db, token: &str, today: &design::IsoDate) -> Result<ActiveReview, StoreError> {
    let hash = SecretKey::presented(token).hash();
    let row = db
        .review_by_token(&hash)
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

async fn comments_of(db: &Db, design_id: &str) -> Result<Vec<Comment>, StoreError> {
    db.comments(design_id).await
}

/// The comments a review link shows: every comment on its design.
pub async fn comments_reviewed(
    db: &Db,
    token: &str,
    today: &design::IsoDate,
) -> Result<Vec<Comment>, StoreError> {
    let (_, design_id, _, _) = active(db, token, today).await?;
    comments_of(db, &design_id).await
}

/// Opens a review: the design read-only, with its comments.
pub async fn open(
    db: &Db,
    token: &str,
    today: &design::IsoDate,
) -> Result<OpenedReview, StoreError> {
    let (review_id, design_id, label, milestone) = active(db, token, today).await?;
    let document = reviewed_document(db, &design_id, milestone.as_deref()).await?;
    let reviewed = milestone.unwrap_or_default();
    let milestones = db.milestone_names(&design_id, &reviewed).await?;
    Ok(OpenedReview {
        review_id,
        label,
        design: serde_json::from_str(&document)?,
        comments: comments_of(db, &design_id).await?,
        milestones,
    })
}

/// What a review page shows changes with this text: the review, the state it
/// shows (milestone, or the design's revision), its comments, the design's
/// milestones (offered for comparison) and the day. `NotFound`
/// when the link is not valid.
pub async fn version(db: &Db, token: &str, today: &design::IsoDate) -> Result<String, StoreError> {
    let (review_id, design_id, _, milestone) = active(db, token, today).await?;
    let revision = db.revision(&design_id).await?.ok_or(StoreError::NotFound)?;
    let comments = db.comment_stats(&design_id).await?;
    let shown = milestone.unwrap_or_else(|| format!("r{revision}"));
    Ok(format!(
        "{review_id}/{shown}/{}-{}-{}/{}/{today}",
        comments.count, comments.last, comments.resolved, comments.milestones
    ))
}

/// The design a review link shows, through its token.
pub async fn reviewed(
    db: &Db,
    token: &str,
    today: &design::IsoDate,
) -> Result<PlatformDesign, StoreError> {
    let (_, design_id, _, milestone) = active(db, token, today).await?;
    let document = reviewed_document(db, &design_id, milestone.as_deref()).await?;
    Ok(serde_json::from_str(&document)?)
}

/// The document a review shows: its milestone's, or the latest state.
async fn reviewed_document(
    db: &Db,
    design_id: &str,
    milestone: Option<&str>,
) -> Result<String, StoreError> {
    match milestone {
        Some(milestone) => super::milestones::document(db, design_id, milestone).await,
        None => db.document(design_id).await?.ok_or(StoreError::NotFound),
    }
}

/// Through a review token: the design at one of its milestones and the
/// reviewed state, to compare. A milestone of another design is as unknown
/// as a token that is not valid.
pub async fn compare_reviewed(
    db: &Db,
    token: &str,
    today: &design::IsoDate,
    since: &str,
) -> Result<(PlatformDesign, PlatformDesign), StoreError> {
    let (_, design_id, _, milestone) = active(db, token, today).await?;
    let reviewed = reviewed_document(db, &design_id, milestone.as_deref()).await?;
    let earlier = super::milestones::document(db, &design_id, since).await?;
    Ok((
        serde_json::from_str(&earlier)?,
        serde_json::from_str(&reviewed)?,
    ))
}

/// Adds a reviewer's comment through a review token. The caller checks the
/// text with [`check_comment`] first.
pub async fn comment(
    db: &Db,
    token: &str,
    today: &design::IsoDate,
    target: &str,
    author: &str,
    body: &str,
) -> Result<i64, StoreError> {
    let (review_id, design_id, _, _) = active(db, token, today).await?;
    let author = author.trim();
    db.insert_comment(&review_id, &design_id, target, author, body)
        .await
}

/// The design's comments, for its owner.
pub async fn comments(
    db: &Db,
    design_id: &DesignId,
    key: &SecretKey,
) -> Result<Vec<Comment>, StoreError> {
    store::load(db, design_id, key).await?;
    let design_id = design_id.as_str();
    comments_of(db, design_id).await
}

/// Marks a comment resolved, for the design's owner.
pub async fn resolve(
    db: &Db,
    design_id: &DesignId,
    key: &SecretKey,
    comment_id: i64,
) -> Result<(), StoreError> {
    store::load(db, design_id, key).await?;
    let design_id = design_id.as_str();
    if db.resolve_comment(comment_id, design_id).await? == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}
