//! Review links and reviewers' comments: the types both sides share, and the
//! checks a comment passes. Storage is in [`store`] (server only).

use design::PlatformDesign;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
pub mod milestones;
#[cfg(feature = "ssr")]
pub mod store;

/// A milestone's identifier: lowercase hex, as the studio issues them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MilestoneId(String);

impl MilestoneId {
    /// Hex digits in an identifier the studio issues (96 bits).
    const LENGTH: usize = 24;

    /// Parses an identifier; anything else is no milestone at all.
    pub fn parse(text: &str) -> Option<Self> {
        (text.len() == Self::LENGTH
            && text
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)))
        .then(|| Self(text.to_owned()))
    }

    /// The identifier.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// One end of a comparison: a frozen milestone or the design as it is now.
/// On the wire (API query, server function) it is a milestone id or `current`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DesignState {
    /// The latest saved design.
    Current,
    /// A milestone.
    Milestone(MilestoneId),
}

impl DesignState {
    /// Reads the wire form; `None` for text that names neither.
    pub fn parse(text: &str) -> Option<Self> {
        if text == "current" {
            Some(Self::Current)
        } else {
            MilestoneId::parse(text).map(Self::Milestone)
        }
    }
}

/// What a reviewer comments on: a step of the design or a critique rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommentTarget {
    /// A step, by its slug on the wire.
    Step(design::steps::Step),
    /// A rule, by its id on the wire.
    Rule(&'static str),
}

impl CommentTarget {
    /// Reads the wire form (`cost`, `SEC-004`); `None` for anything else.
    pub fn parse(text: &str) -> Option<Self> {
        design::steps::Step::from_slug(text)
            .map(Self::Step)
            .or_else(|| design::critique::rule(text).map(|r| Self::Rule(r.id)))
    }
}

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
    /// The milestone it shows, or none for the latest state.
    pub milestone_id: Option<String>,
    /// When it was made.
    pub created_at: String,
}

/// A frozen, named snapshot of a design.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Milestone {
    /// Identifier.
    pub id: String,
    /// e.g. "v1 for security review".
    pub name: String,
    /// The design revision it froze.
    pub revision: i64,
    /// When it was frozen.
    pub created_at: String,
    /// Overall critique score at the time.
    pub overall: u32,
    /// Score per principle at the time.
    pub principles: Vec<(String, u32)>,
}

/// Two states of a design side by side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// Every changed field.
    pub changes: Vec<design::diff::Change>,
    /// `overall` and each principle: score before, score after.
    pub scores: Vec<(String, u32, u32)>,
    /// What the change does to the exported repository (empty when either
    /// state does not export).
    #[serde(default)]
    pub files: Vec<RepositoryChange>,
    /// Decisions whose outcome changed, with their records before and after.
    #[serde(default)]
    pub decisions: Vec<design::decisions::Changed>,
}

/// A repository file that differs between the two states.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RepositoryChange {
    /// Path inside the repository.
    pub path: String,
    /// `added`, `removed` or `changed`.
    pub fate: String,
    /// Lines added.
    pub added: usize,
    /// Lines removed.
    pub removed: usize,
    /// Unified-diff hunks.
    pub diff: String,
}

#[cfg(feature = "ssr")]
impl Comparison {
    /// Adds the repository files the change adds, removes and changes.
    pub fn with_repository(
        mut self,
        old: &PlatformDesign,
        new: &PlatformDesign,
        today: &design::IsoDate,
    ) -> Self {
        let (Ok(a), Ok(b)) = (
            export::export_checked(old.clone(), today),
            export::export_checked(new.clone(), today),
        ) else {
            return self;
        };
        self.files = export::changes::changes(&a, &b)
            .into_iter()
            .map(|c| RepositoryChange {
                fate: match c.fate {
                    export::changes::Fate::Added => "added",
                    export::changes::Fate::Removed => "removed",
                    export::changes::Fate::Changed => "changed",
                }
                .into(),
                path: c.path,
                added: c.added,
                removed: c.removed,
                diff: c.diff,
            })
            .collect();
        self
    }
}

impl Comparison {
    /// Compares `old` with `new` as of `today`.
    pub fn of(old: &PlatformDesign, new: &PlatformDesign, today: &design::IsoDate) -> Self {
        let (before, after) = (
            design::critique::critique(old, today),
            design::critique::critique(new, today),
        );
        let mut scores = vec![("overall".to_owned(), before.overall, after.overall)];
        scores.extend(
            before
                .principles
                .iter()
                .zip(&after.principles)
                .map(|(b, a)| (b.title.to_owned(), b.score, a.score)),
        );
        Self {
            changes: design::diff::diff(old, new),
            scores,
            files: Vec::new(),
            decisions: design::decisions::changed(old, new, today),
        }
    }
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
    /// The design's other milestones (id, name), oldest first, to compare
    /// the reviewed state with.
    #[serde(default)]
    pub milestones: Vec<(String, String)>,
}

/// What a review page holds besides its comments. The derived sections
/// (decisions, scores, findings, capacity, cost, architecture) are rendered
/// on the server and sent as the page's HTML only: never written into the
/// page's data, so the browser needs neither the design nor the code that
/// derives them. A browser that builds the page itself (not from the
/// server's HTML) asks `review_sections` for them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewPageData {
    /// The review's label.
    pub label: String,
    /// The design's name.
    pub name: String,
    /// The design's description.
    pub description: String,
    /// What a comment can be on: each step's slug, then each finding's rule.
    pub targets: Vec<String>,
    /// The design's other milestones (id, name), oldest first.
    pub milestones: Vec<(String, String)>,
    /// The derived sections as HTML; empty in the browser.
    #[serde(skip)]
    pub sections: String,
}

impl ReviewPageData {
    /// What a comment can be on: each step (the review step last), then
    /// each of `rules` once.
    pub fn targets<'a>(rules: impl IntoIterator<Item = &'a str>) -> Vec<String> {
        let mut targets: Vec<String> = design::steps::Step::ALL
            .iter()
            .map(|s| s.slug().to_owned())
            .collect();
        for rule in rules {
            if !targets.iter().any(|t| t == rule) {
                targets.push(rule.to_owned());
            }
        }
        targets
    }
}

/// What the owner manages in the Review step: links and comments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewDesk {
    /// Milestones, oldest first.
    pub milestones: Vec<Milestone>,
    /// Review links, newest first.
    pub links: Vec<ReviewSummary>,
    /// Comments left through any link.
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
    if CommentTarget::parse(target).is_none() {
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

#[cfg(test)]
mod state_tests {
    use super::*;

    #[test]
    fn a_comparison_end_is_current_or_an_issued_milestone_id() {
        assert_eq!(DesignState::parse("current"), Some(DesignState::Current));
        let id = "0123456789abcdef01234567";
        assert_eq!(
            DesignState::parse(id),
            MilestoneId::parse(id).map(DesignState::Milestone)
        );
        assert!(MilestoneId::parse(id).is_some());
        for bad in ["Current", "../../etc", "0123456789ABCDEF01234567", ""] {
            assert_eq!(DesignState::parse(bad), None, "{bad}");
        }
    }
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
