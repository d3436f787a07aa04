//! Step 3: how changes reach the clusters.

use serde::{Deserialize, Serialize};

use crate::choices::{
    DeliveryStrategy, DeliveryTool, GitopsTool, Promotion, RepoLayout, SecretsBackend,
};

/// The GitOps set-up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Gitops {
    /// The controller that pulls from Git.
    pub tool: GitopsTool,
    /// Repository organisation.
    pub layout: RepoLayout,
    /// How changes move between environments.
    pub promotion: Promotion,
    /// Reconciliation behaviour.
    pub sync: SyncPolicy,
    /// Where secrets come from.
    pub secrets: SecretsBackend,
    /// Canary or blue/green releases.
    pub progressive_delivery: ProgressiveDelivery,
    /// The repository the controller reads, `https://` or `ssh://`.
    pub repo_url: String,
    /// The branch it follows.
    pub branch: String,
}

impl Default for Gitops {
    fn default() -> Self {
        Self {
            tool: GitopsTool::ArgoCd,
            layout: RepoLayout::MonoRepoAppOfApps,
            promotion: Promotion::KustomizeOverlays,
            sync: SyncPolicy::default(),
            secrets: SecretsBackend::ExternalSecrets,
            progressive_delivery: ProgressiveDelivery::default(),
            repo_url: "https://git.example.com/platform/gitops.git".into(),
            branch: "main".into(),
        }
    }
}

/// Reconciliation behaviour.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SyncPolicy {
    /// Apply changes from Git without a click.
    pub auto_sync: bool,
    /// Delete what was removed from Git.
    pub prune: bool,
    /// Undo changes made by hand in the cluster.
    pub self_heal: bool,
    /// Production syncs wait for a person.
    pub manual_prod_gate: bool,
}

impl Default for SyncPolicy {
    fn default() -> Self {
        Self {
            auto_sync: true,
            prune: true,
            self_heal: true,
            manual_prod_gate: false,
        }
    }
}

/// Progressive delivery.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProgressiveDelivery {
    /// The controller.
    pub tool: DeliveryTool,
    /// Canary or blue/green.
    pub strategy: DeliveryStrategy,
    /// Traffic weights of the canary steps, in percent.
    pub canary_steps_percent: Vec<u8>,
    /// Pause after each step, in minutes.
    pub pause_minutes: u32,
    /// Lowest success rate that lets a release continue, in percent.
    pub min_success_rate_percent: f64,
    /// Highest p99 latency that lets a release continue, in milliseconds.
    pub max_p99_latency_ms: u32,
}

impl Default for ProgressiveDelivery {
    fn default() -> Self {
        Self {
            tool: DeliveryTool::ArgoRollouts,
            strategy: DeliveryStrategy::Canary,
            canary_steps_percent: vec![10, 25, 50, 75],
            pause_minutes: 5,
            min_success_rate_percent: 99.0,
            max_p99_latency_ms: 500,
        }
    }
}
