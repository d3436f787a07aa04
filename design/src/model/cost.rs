//! Step 6: cost targets. Purchase choices live on each node pool.

use serde::{Deserialize, Serialize};

use crate::choices::RightSizing;

/// Cost targets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Cost {
    /// Share of node capacity that requests should fill, in percent.
    pub target_utilisation_percent: u8,
    /// Monthly budget in US dollars.
    pub monthly_budget_usd: u32,
    /// Alert when spend reaches this share of the budget, in percent.
    pub budget_alert_percent: u8,
    /// How requests are kept close to usage.
    pub right_sizing: RightSizing,
    /// Storage class for volumes, e.g. `gp3`.
    pub storage_class: String,
}

impl Default for Cost {
    fn default() -> Self {
        Self {
            target_utilisation_percent: 70,
            monthly_budget_usd: 5_000,
            budget_alert_percent: 80,
            right_sizing: RightSizing::Recommend,
            storage_class: "gp3".into(),
        }
    }
}
