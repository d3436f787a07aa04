//! The design document: `apiVersion`, `kind`, `metadata` and one `spec`
//! section per wizard step. Every field has a default, so a new design is valid
//! and exportable from the first second.

mod cluster;
mod cost;
mod gitops;
mod observability;
mod security;
mod workload;

pub use cluster::{Cluster, Environment, MultiRegion, NodePool, WorkloadAutoscaling};
pub use cost::Cost;
pub use gitops::{Gitops, ProgressiveDelivery, SyncPolicy};
pub use observability::Observability;
pub use security::{PolicySet, Security, SupplyChain};
pub use workload::{DataNeeds, ServiceGroup, Team, Tenant, Traffic, Workload};

use serde::{Deserialize, Serialize};

/// The only schema version this build reads and writes.
pub const API_VERSION: &str = "slipway.dev/v1alpha1";

/// The schema version of a design document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ApiVersion {
    /// The first version of the schema.
    #[default]
    #[serde(rename = "slipway.dev/v1alpha1")]
    V1Alpha1,
}

/// The document kind; always `PlatformDesign`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Kind {
    /// A platform design.
    #[default]
    PlatformDesign,
}

/// A whole platform design, as stored, exported and imported.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlatformDesign {
    /// Schema version.
    pub api_version: ApiVersion,
    /// Always `PlatformDesign`.
    pub kind: Kind,
    /// Name and description.
    pub metadata: Metadata,
    /// The six steps.
    pub spec: Spec,
}

/// What people call the design.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Metadata {
    /// A title for people, e.g. "Payments platform"; 1 to 100 characters.
    pub name: String,
    /// A free-text description.
    #[serde(default)]
    pub description: String,
}

impl Default for Metadata {
    fn default() -> Self {
        Self {
            name: "Untitled platform".into(),
            description: String::new(),
        }
    }
}

/// The six steps of the wizard, one section each.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Spec {
    /// Step 1: what runs on the platform.
    pub workload: Workload,
    /// Step 2: where and on what it runs.
    pub cluster: Cluster,
    /// Step 3: how changes reach the cluster.
    pub gitops: Gitops,
    /// Step 4: security controls.
    pub security: Security,
    /// Step 5: metrics, logs, traces and alerting.
    pub observability: Observability,
    /// Step 6: cost targets and purchase choices.
    pub cost: Cost,
    /// Critique findings the owner accepted, with reason, owner and expiry.
    #[serde(default, skip_serializing_if = "crate::compact::omitted")]
    pub exemptions: Vec<crate::critique::Exemption>,
}

impl PlatformDesign {
    /// A new design with every default and the given title.
    pub fn named(name: impl Into<String>) -> Self {
        let mut design = Self::default();
        design.metadata.name = name.into();
        design
    }
}
