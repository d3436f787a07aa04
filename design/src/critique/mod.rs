//! The critique: a registry of rules, each a small self-documenting unit with
//! a stable id, run against a design to give findings and scores.
//!
//! The same code runs in the browser (WebAssembly, on every change), in the
//! server and in the CLI, so the score a user sees is the score CI enforces.
//!
//! # Scores
//!
//! Each rule weighs by severity: critical 10, high 5, medium 3, low 1. A
//! principle's score is the share of its rules' weight that passes, as a
//! whole number from 0 to 100; the overall score is the same share over every
//! rule, fit checks included. A rule that does not apply to a design (say,
//! canary settings when no canary tool is chosen) passes. An accepted,
//! unexpired exemption counts as passing and is listed apart.

mod engine;
pub mod exemptions;
pub mod rules;

pub use engine::{apply_fix, critique, failing_rules, Critique, Finding, PrincipleScore};
pub use exemptions::Exemption;

use crate::model::PlatformDesign;

/// Version of the rule set; bumped whenever a rule is added or changes.
pub const ENGINE_VERSION: &str = "2026.12.1";

/// What a rule protects.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Principle {
    /// Git is the only way changes reach a cluster.
    Gitops,
    /// Controls are on unless explicitly exempted.
    Security,
    /// Developers get a simple, safe path to production.
    DeveloperExperience,
    /// Releases shift traffic gradually and roll back on bad metrics.
    ProgressiveDelivery,
    /// Metrics, logs and traces exist before the first workload.
    Observability,
    /// The platform survives failures and can be restored.
    Resilience,
    /// The bill follows the load.
    Cost,
    /// The design suits the team, traffic and estate (no score of its own).
    Fit,
}

impl Principle {
    /// The principles that get a score, in display order.
    pub const SCORED: [Principle; 7] = [
        Principle::Gitops,
        Principle::Security,
        Principle::DeveloperExperience,
        Principle::ProgressiveDelivery,
        Principle::Observability,
        Principle::Resilience,
        Principle::Cost,
    ];

    /// Name for people.
    pub fn title(self) -> &'static str {
        match self {
            Principle::Gitops => "GitOps",
            Principle::Security => "Security by default",
            Principle::DeveloperExperience => "Developer experience",
            Principle::ProgressiveDelivery => "Progressive delivery",
            Principle::Observability => "Observability first",
            Principle::Resilience => "Resilience & disaster recovery",
            Principle::Cost => "Cost efficiency",
            Principle::Fit => "Fit for team and traffic",
        }
    }
}

/// How much a failing rule matters.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// Exposes data or takes production down.
    Critical,
    /// A real risk that needs fixing before production.
    High,
    /// Worth fixing soon.
    Medium,
    /// A refinement.
    Low,
}

impl Severity {
    /// Weight in the score.
    pub fn weight(self) -> u32 {
        match self {
            Severity::Critical => 10,
            Severity::High => 5,
            Severity::Medium => 3,
            Severity::Low => 1,
        }
    }

    /// Name for people.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Critical => "critical",
            Severity::High => "high",
            Severity::Medium => "medium",
            Severity::Low => "low",
        }
    }
}

/// Where a rule fires and what it says there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The field path the finding concerns.
    pub path: String,
    /// What is wrong in this design, specifically.
    pub message: String,
}

impl Hit {
    /// A hit at `path`.
    pub fn at(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            message: message.into(),
        }
    }
}

/// A mechanical fix: a change to the design that makes the rule pass.
#[derive(Clone, Copy)]
pub struct Fix {
    /// What the fix does, as a button label.
    pub label: &'static str,
    /// The change.
    pub apply: fn(&mut PlatformDesign),
}

/// One rule.
#[derive(Clone, Copy)]
pub struct Rule {
    /// Stable identifier, never reused (`SEC-001`).
    pub id: &'static str,
    /// What it protects.
    pub principle: Principle,
    /// How much it matters.
    pub severity: Severity,
    /// One line: what it checks.
    pub title: &'static str,
    /// Why it matters.
    pub why: &'static str,
    /// What to do instead.
    pub instead: &'static str,
    /// The check: where it fires in a design; empty when it passes.
    pub check: fn(&PlatformDesign) -> Vec<Hit>,
    /// The mechanical fix, where one exists.
    pub fix: Option<Fix>,
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rule")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

/// Every rule, in id order. The one table of codes.
pub fn registry() -> &'static [Rule] {
    rules::ALL
}

/// The rule with this id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    registry().iter().find(|r| r.id == id)
}
