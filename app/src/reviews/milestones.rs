//! Milestones: immutable snapshots of a design, for review and comparison.
//! The queries are in [`crate::db`].

use design::PlatformDesign;

use super::Milestone;
use crate::keys::{new_design_id, DesignId, SecretKey};
use crate::store::{self, Db, StoreError};

fn summary(
    id: String,
    name: String,
    revision: i64,
    created_at: String,
    document: &str,
    today: &design::IsoDate,
) -> Result<Milestone, StoreError> {
    let design: PlatformDesign = serde_json::from_str(document)?;
    let review = design::critique::critique(&design, today);
    Ok(Milestone {
        id,
        name,
        revision,
        created_at,
        overall: review.overall,
        principles: review
            .principles
            .into_iter()
            .map(|p| (p.title.to_owned(), p.score))
            .collect(),
    })
}

/// Freezes the design's current state under `name`.
pub async fn create(
    db: &Db,
    design_id: &DesignId,
    key: &SecretKey,
    name: &str,
    today: &design::IsoDate,
) -> Result<Milestone, StoreError> {
    let current = store::load(db, design_id, key).await?;
    let design_id = design_id.as_str();
    let id = new_design_id();
    let document = serde_json::to_string(&current.design)?;
    let name = name.trim();
    let created_at = db
        .insert_milestone(&id, design_id, name, current.revision, &document)
        .await?;
    summary(
        id,
        name.to_owned(),
        current.revision,
        created_at,
        &document,
        today,
    )
}

/// The design's milestones, oldest first, with their scores.
pub async fn list(
    db: &Db,
    design_id: &DesignId,
    key: &SecretKey,
    today: &design::IsoDate,
) -> Result<Vec<Milestone>, StoreError> {
    store::load(db, design_id, key).await?;
    let design_id = design_id.as_str();
    db.milestones(design_id)
        .await?
        .into_iter()
        .map(|row| {
            summary(
                row.id,
                row.name,
                row.revision,
                row.created_at,
                &row.document,
                today,
            )
        })
        .collect()
}

/// The frozen document of one of the design's milestones.
pub async fn document(db: &Db, design_id: &str, milestone_id: &str) -> Result<String, StoreError> {
    db.milestone(milestone_id, design_id)
        .await?
        .map(|row| row.document)
        .ok_or(StoreError::NotFound)
}

/// A milestone's design with its name and the revision it froze. The
/// caller has checked the key for `design_id`.
pub async fn frozen(
    db: &Db,
    design_id: &str,
    milestone_id: &str,
) -> Result<(PlatformDesign, String, i64), StoreError> {
    let row = db
        .milestone(milestone_id, design_id)
        .await?
        .ok_or(StoreError::NotFound)?;
    Ok((serde_json::from_str(&row.document)?, row.name, row.revision))
}

/// The design at a milestone, or as it is now, for the holder of the key.
pub async fn design_at(
    db: &Db,
    design_id: &DesignId,
    key: &SecretKey,
    which: &super::DesignState,
) -> Result<PlatformDesign, StoreError> {
    let current = store::load(db, design_id, key).await?;
    let design_id = design_id.as_str();
    match which {
        super::DesignState::Current => Ok(current.design),
        super::DesignState::Milestone(id) => Ok(serde_json::from_str(
            &document(db, design_id, id.as_str()).await?,
        )?),
    }
}
