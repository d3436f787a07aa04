//! The inputs a decision rests on, each read from the typed design and cited
//! with its field path, so a record says which values decided it and a test
//! can check every cited value against the design file.

use serde::{Deserialize, Serialize};

use crate::choices::{Choice, Exposure, ServiceKind};
use crate::model::PlatformDesign;
use crate::traffic::{service_count, traffic_rates};

/// One input value as a record cites it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cite {
    /// The field path, as in the design file (`[]`: every element of a list).
    pub path: String,
    /// What it is, for people ("platform team").
    pub label: String,
    /// Its value, for people ("2 people").
    pub value: String,
    /// Its value as the design file writes it; list elements joined by ", ".
    pub wire: String,
}

/// An input a decision can rest on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// Cloud or self-managed.
    Provider,
    /// How clusters split across environments.
    Topology,
    /// The environments in promotion order.
    Environments,
    /// Availability zones.
    Zones,
    /// The team's Kubernetes experience.
    Experience,
    /// People running the platform.
    PlatformTeam,
    /// Application developers.
    Developers,
    /// Services across all groups.
    Services,
    /// Who can reach each service group.
    Exposure,
    /// What each service group does.
    ServiceKinds,
    /// Compliance regimes in scope.
    Compliance,
    /// Monthly availability target.
    Availability,
    /// Requests a day (and the peak a year out).
    Traffic,
    /// A migration of existing services is planned.
    Migration,
    /// The network plugin.
    Cni,
    /// How traffic enters.
    Ingress,
    /// The service mesh.
    Mesh,
    /// The GitOps controller.
    GitopsTool,
    /// The progressive delivery controller.
    DeliveryTool,
    /// Default-deny network policies.
    DefaultDeny,
    /// Image signatures are verified at admission.
    VerifySignatures,
    /// The metrics system.
    Metrics,
    /// Days of metrics kept.
    MetricsRetention,
    /// The log system.
    Logs,
    /// The Horizontal Pod Autoscaler is on.
    Hpa,
    /// The Vertical Pod Autoscaler mode.
    Vpa,
    /// Which clusters get the node pool (per pool).
    PoolRunsIn,
    /// The pool's fewest nodes (per pool).
    PoolMinNodes,
    /// The pool's most nodes (per pool).
    PoolMaxNodes,
    /// How every pool's nodes are bought.
    PoolPurchases,
    /// Recovery point objective.
    Rpo,
    /// Recovery time objective.
    Rto,
    /// Whether the further regions serve or stand by.
    RegionMode,
    /// Databases run as managed services outside the cluster.
    ExternalDatabases,
}

fn joined<T>(items: &[T], f: impl Fn(&T) -> String) -> String {
    items.iter().map(f).collect::<Vec<_>>().join(", ")
}

fn choice<T: Choice>(value: T) -> (String, String) {
    (value.label().to_owned(), value.wire().to_owned())
}

fn number(n: impl ToString) -> (String, String) {
    let text = n.to_string();
    (text.clone(), text)
}

fn flag(on: bool) -> (String, String) {
    (if on { "yes" } else { "no" }.to_owned(), on.to_string())
}

impl Input {
    /// The field path this input is read from, for instance `index` (the
    /// node pool of per-pool decisions).
    pub fn path(self, index: usize) -> String {
        match self {
            Input::Provider => "spec.cluster.provider".into(),
            Input::Topology => "spec.cluster.topology".into(),
            Input::Environments => "spec.cluster.environments[].name".into(),
            Input::Zones => "spec.cluster.zones".into(),
            Input::Experience => "spec.workload.team.kubernetesExperience".into(),
            Input::PlatformTeam => "spec.workload.team.platformTeamSize".into(),
            Input::Developers => "spec.workload.team.developers".into(),
            Input::Services => "spec.workload.services[].count".into(),
            Input::Exposure => "spec.workload.services[].exposure".into(),
            Input::ServiceKinds => "spec.workload.services[].kind".into(),
            Input::Compliance => "spec.workload.compliance".into(),
            Input::Availability => "spec.workload.availability".into(),
            Input::Traffic => "spec.workload.traffic.requestsPerDay".into(),
            Input::Migration => "spec.workload.migrationPlanned".into(),
            Input::Cni => "spec.cluster.cni".into(),
            Input::Ingress => "spec.cluster.ingress".into(),
            Input::Mesh => "spec.security.mesh".into(),
            Input::GitopsTool => "spec.gitops.tool".into(),
            Input::DeliveryTool => "spec.gitops.progressiveDelivery.tool".into(),
            Input::DefaultDeny => "spec.security.defaultDenyNetwork".into(),
            Input::VerifySignatures => "spec.security.policies.verifySignatures".into(),
            Input::Metrics => "spec.observability.metrics".into(),
            Input::MetricsRetention => "spec.observability.metricsRetentionDays".into(),
            Input::Logs => "spec.observability.logs".into(),
            Input::Hpa => "spec.cluster.workloadAutoscaling.hpa".into(),
            Input::Vpa => "spec.cluster.workloadAutoscaling.vpa".into(),
            Input::PoolRunsIn => format!("spec.cluster.nodePools[{index}].runsIn"),
            Input::PoolMinNodes => format!("spec.cluster.nodePools[{index}].minNodes"),
            Input::PoolMaxNodes => format!("spec.cluster.nodePools[{index}].maxNodes"),
            Input::PoolPurchases => "spec.cluster.nodePools[].purchase".into(),
            Input::Rpo => "spec.workload.data.rpoMinutes".into(),
            Input::Rto => "spec.workload.data.rtoMinutes".into(),
            Input::RegionMode => "spec.cluster.multiRegion.mode".into(),
            Input::ExternalDatabases => "spec.workload.data.externalManagedDatabases".into(),
        }
    }

    /// What the input is, for people.
    pub fn label(self) -> &'static str {
        match self {
            Input::Provider => "provider",
            Input::Topology => "cluster topology",
            Input::Environments => "environments",
            Input::Zones => "zones",
            Input::Experience => "Kubernetes experience",
            Input::PlatformTeam => "platform team",
            Input::Developers => "developers",
            Input::Services => "services",
            Input::Exposure => "exposure",
            Input::ServiceKinds => "service kinds",
            Input::Compliance => "compliance",
            Input::Availability => "availability target",
            Input::Traffic => "traffic",
            Input::Migration => "migration planned",
            Input::Cni => "network plugin",
            Input::Ingress => "ingress",
            Input::Mesh => "service mesh",
            Input::GitopsTool => "GitOps tool",
            Input::DeliveryTool => "progressive delivery",
            Input::DefaultDeny => "default-deny network",
            Input::VerifySignatures => "signature verification",
            Input::Metrics => "metrics",
            Input::MetricsRetention => "metrics retention",
            Input::Logs => "logs",
            Input::Hpa => "HPA",
            Input::Vpa => "VPA",
            Input::PoolRunsIn => "pool runs in",
            Input::PoolMinNodes => "pool minimum",
            Input::PoolMaxNodes => "pool maximum",
            Input::PoolPurchases => "purchase of every pool",
            Input::Rpo => "recovery point objective",
            Input::Rto => "recovery time objective",
            Input::RegionMode => "regions",
            Input::ExternalDatabases => "managed databases",
        }
    }

    /// The input's value in `design` (for node pool `index`), cited.
    pub fn cite(self, design: &PlatformDesign, index: usize) -> Cite {
        let s = &design.spec;
        let w = &s.workload;
        let pool = s
            .cluster
            .node_pools
            .get(index)
            .or(s.cluster.node_pools.first());
        let (value, wire) = match self {
            Input::Provider => choice(s.cluster.provider),
            Input::Topology => choice(s.cluster.topology),
            Input::Environments => {
                let names = joined(&s.cluster.environments, |e| e.name.to_string());
                (names.clone(), names)
            }
            Input::Zones => number(s.cluster.zones),
            Input::Experience => choice(w.team.kubernetes_experience),
            Input::PlatformTeam => (
                format!("{} people", w.team.platform_team_size),
                w.team.platform_team_size.to_string(),
            ),
            Input::Developers => number(w.team.developers),
            Input::Services => (
                format!("{} in {} group(s)", service_count(w), w.services.len()),
                joined(&w.services, |g| g.count.to_string()),
            ),
            Input::Exposure => {
                let public = w
                    .services
                    .iter()
                    .filter(|g| g.exposure == Exposure::Public)
                    .count();
                (
                    format!("{public} of {} group(s) public", w.services.len()),
                    joined(&w.services, |g| g.exposure.wire().to_owned()),
                )
            }
            Input::ServiceKinds => {
                let queued = w
                    .services
                    .iter()
                    .filter(|g| matches!(g.kind, ServiceKind::Worker | ServiceKind::Batch))
                    .count();
                (
                    format!("{queued} of {} group(s) workers or batch", w.services.len()),
                    joined(&w.services, |g| g.kind.wire().to_owned()),
                )
            }
            Input::Compliance => (
                if w.compliance.is_empty() {
                    "none".into()
                } else {
                    joined(&w.compliance, |c| c.label().to_owned())
                },
                joined(&w.compliance, |c| c.wire().to_owned()),
            ),
            Input::Availability => choice(w.availability),
            Input::Traffic => (
                format!(
                    "{} requests a day, {:.0} req/s at peak in a year",
                    w.traffic.requests_per_day,
                    traffic_rates(&w.traffic).peak_rps_after_growth
                ),
                w.traffic.requests_per_day.to_string(),
            ),
            Input::Migration => flag(w.migration_planned),
            Input::Cni => choice(s.cluster.cni),
            Input::Ingress => choice(s.cluster.ingress),
            Input::Mesh => choice(s.security.mesh),
            Input::GitopsTool => choice(s.gitops.tool),
            Input::DeliveryTool => choice(s.gitops.progressive_delivery.tool),
            Input::DefaultDeny => flag(s.security.default_deny_network),
            Input::VerifySignatures => flag(s.security.policies.verify_signatures),
            Input::Metrics => choice(s.observability.metrics),
            Input::MetricsRetention => (
                format!("{} days", s.observability.metrics_retention_days),
                s.observability.metrics_retention_days.to_string(),
            ),
            Input::Logs => choice(s.observability.logs),
            Input::Hpa => flag(s.cluster.workload_autoscaling.hpa),
            Input::Vpa => choice(s.cluster.workload_autoscaling.vpa),
            Input::PoolRunsIn => pool.map_or_else(Default::default, |p| choice(p.runs_in)),
            Input::PoolMinNodes => pool.map_or_else(Default::default, |p| number(p.min_nodes)),
            Input::PoolMaxNodes => pool.map_or_else(Default::default, |p| number(p.max_nodes)),
            Input::PoolPurchases => (
                joined(&s.cluster.node_pools, |p| {
                    format!("{} {}", p.name, p.purchase.label())
                }),
                joined(&s.cluster.node_pools, |p| p.purchase.wire().to_owned()),
            ),
            Input::Rpo => (
                format!("{} minutes", w.data.rpo_minutes),
                w.data.rpo_minutes.to_string(),
            ),
            Input::Rto => (
                format!("{} minutes", w.data.rto_minutes),
                w.data.rto_minutes.to_string(),
            ),
            Input::RegionMode => s
                .cluster
                .multi_region
                .as_ref()
                .map_or_else(Default::default, |m| choice(m.mode)),
            Input::ExternalDatabases => flag(w.data.external_managed_databases),
        };
        Cite {
            path: self.path(index),
            label: self.label().to_owned(),
            value,
            wire,
        }
    }
}
