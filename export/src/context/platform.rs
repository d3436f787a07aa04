//! Small views of the platform choices, pre-spelt for the templates: they
//! test booleans and print values, and never compare the design's wire
//! strings or read the design itself.

use design::choices::*;
use design::plan::Plan;
use design::PlatformDesign;
use serde::Serialize;

/// How changes reach the clusters.
#[derive(Debug, Serialize)]
pub struct GitopsCtx {
    pub argo_cd: bool,
    pub flux: bool,
    /// Applications come from an ApplicationSet rather than one per service and environment.
    pub applicationset: bool,
    pub multi_repo: bool,
    /// Each environment follows a branch named after it.
    pub branches: bool,
    pub prune: bool,
    pub self_heal: bool,
    /// The secrets backend, for people.
    pub secrets: &'static str,
}

impl GitopsCtx {
    pub(super) fn new(design: &PlatformDesign) -> Self {
        let g = &design.spec.gitops;
        Self {
            argo_cd: g.tool == GitopsTool::ArgoCd,
            flux: g.tool == GitopsTool::Flux,
            applicationset: g.layout == RepoLayout::MonoRepoApplicationSet,
            multi_repo: g.layout == RepoLayout::MultiRepo,
            branches: g.promotion == Promotion::Branches,
            prune: g.sync.prune,
            self_heal: g.sync.self_heal,
            secrets: g.secrets.wire(),
        }
    }
}

/// The service mesh.
#[derive(Debug, Serialize)]
pub struct MeshCtx {
    pub istio: bool,
    pub linkerd: bool,
    pub cilium: bool,
    /// Mutual TLS is on (strict or permissive).
    pub mtls: bool,
    /// The design's mTLS choice, for people.
    pub mtls_choice: &'static str,
}

impl MeshCtx {
    pub(super) fn new(plan: &Plan) -> Self {
        let d = &plan.dataplane;
        Self {
            istio: d.mesh == Mesh::Istio,
            linkerd: d.mesh == Mesh::Linkerd,
            cilium: d.mesh == Mesh::Cilium,
            mtls: d.mtls != MtlsMode::Off,
            mtls_choice: d.mtls.wire(),
        }
    }
}

/// Progressive delivery.
#[derive(Debug, Serialize)]
pub struct DeliveryCtx {
    /// Some progressive delivery tool runs.
    pub on: bool,
    pub tool: &'static str,
    /// Canary steps (rather than blue/green).
    pub canary: bool,
    pub steps: Vec<u8>,
    pub pause_minutes: u32,
    pub min_success_rate_percent: f64,
    pub max_p99_latency_ms: u32,
}

impl DeliveryCtx {
    pub(super) fn new(design: &PlatformDesign) -> Self {
        let d = &design.spec.gitops.progressive_delivery;
        Self {
            on: d.tool != DeliveryTool::None,
            tool: d.tool.wire(),
            canary: d.strategy == DeliveryStrategy::Canary,
            steps: d.canary_steps_percent.clone(),
            pause_minutes: d.pause_minutes,
            min_success_rate_percent: d.min_success_rate_percent,
            max_p99_latency_ms: d.max_p99_latency_ms,
        }
    }
}

/// Metrics, logs, traces and alerting.
#[derive(Debug, Serialize)]
pub struct ObservabilityCtx {
    /// Some metrics stack scrapes the services.
    pub metrics: bool,
    /// Services are scraped through Istio's merged metrics port (the
    /// sidecar serves the app's metrics and its own in plain text on
    /// 15020), because strict mTLS refuses the scraper on the app port.
    pub merged_metrics: bool,
    pub prometheus: bool,
    /// Burn-rate alerts on the availability objective (Prometheus rules).
    pub slo_alerts: bool,
    pub metrics_retention: String,
    pub log_retention: String,
    pub dashboards: bool,
    pub tracing: bool,
    pub trace_sampling_percent: f64,
    pub thanos: bool,
    pub mimir: bool,
    /// Container logs go to the provider's log service.
    pub cloud_logs: bool,
    pub on_call: OnCallCtx,
}

/// Where pages go.
#[derive(Debug, Serialize)]
pub struct OnCallCtx {
    /// Alerts of severity `page` are routed to an on-call service.
    pub on: bool,
    pub pagerduty: bool,
    pub opsgenie: bool,
    /// Grafana IRM, through its webhook.
    pub grafana_irm: bool,
    /// The service, for people.
    pub label: &'static str,
    /// The key of the `on-call` Secret that holds the credential.
    pub key: &'static str,
}

impl OnCallCtx {
    fn new(on_call: OnCall, metrics: bool) -> Self {
        Self {
            on: metrics && on_call != OnCall::None,
            pagerduty: on_call == OnCall::PagerDuty,
            opsgenie: on_call == OnCall::Opsgenie,
            grafana_irm: on_call == OnCall::Grafana,
            label: on_call.label(),
            key: match on_call {
                OnCall::PagerDuty => "routing-key",
                OnCall::Opsgenie => "api-key",
                OnCall::Grafana | OnCall::None => "webhook-url",
            },
        }
    }
}

impl ObservabilityCtx {
    pub(super) fn new(design: &PlatformDesign) -> Self {
        let o = &design.spec.observability;
        let prometheus = o.metrics == MetricsStack::Prometheus;
        Self {
            metrics: o.metrics != MetricsStack::None,
            merged_metrics: o.metrics != MetricsStack::None
                && design.spec.security.mesh == Mesh::Istio
                && design.spec.security.mtls == MtlsMode::Strict,
            prometheus,
            slo_alerts: prometheus && o.slo_alerting,
            metrics_retention: format!("{}d", o.metrics_retention_days),
            log_retention: format!("{}h", u64::from(o.log_retention_days) * 24),
            dashboards: o.dashboards,
            tracing: o.tracing != TracingBackend::None,
            trace_sampling_percent: o.trace_sampling_percent,
            thanos: o.long_term_store == LongTermStore::Thanos,
            mimir: o.long_term_store == LongTermStore::Mimir,
            cloud_logs: o.logs == LogStack::CloudNative,
            on_call: OnCallCtx::new(o.on_call, o.metrics != MetricsStack::None),
        }
    }
}

/// Pod autoscaling.
#[derive(Debug, Serialize)]
pub struct AutoscalingCtx {
    pub hpa: bool,
    /// The Vertical Pod Autoscaler runs (recommending or acting).
    pub vpa: bool,
    pub keda: bool,
    /// Nodes come from Karpenter (AKS: node auto-provisioning).
    pub karpenter: bool,
    /// The VPA mode, for people.
    pub vpa_mode: &'static str,
    /// The HPA's CPU target: the design's target utilisation.
    pub target_utilisation_percent: u8,
}

impl AutoscalingCtx {
    pub(super) fn new(design: &PlatformDesign) -> Self {
        let w = &design.spec.cluster.workload_autoscaling;
        Self {
            hpa: w.hpa,
            vpa: design::plan::wants_vpa(design),
            keda: w.keda,
            karpenter: design.spec.cluster.node_autoscaler == NodeAutoscaler::Karpenter,
            vpa_mode: w.vpa.wire(),
            target_utilisation_percent: design.spec.cost.target_utilisation_percent,
        }
    }
}

/// Who may work in the application namespaces.
#[derive(Debug, Serialize)]
pub struct RbacCtx {
    /// Each team works in its own service's namespaces (else one shared developers group).
    pub team_namespaces: bool,
}

impl RbacCtx {
    pub(super) fn new(design: &PlatformDesign) -> Self {
        Self {
            team_namespaces: design.spec.security.rbac == RbacModel::TeamNamespaces,
        }
    }
}

/// Right-sizing: Vertical Pod Autoscaler objects per workload.
#[derive(Debug, Serialize)]
pub struct RightSizingCtx {
    /// Each workload gets a VPA object.
    pub on: bool,
    /// The VPA applies its recommendations itself.
    pub automatic: bool,
}

impl RightSizingCtx {
    pub(super) fn new(design: &PlatformDesign) -> Self {
        let r = design.spec.cost.right_sizing;
        Self {
            on: r != RightSizing::Off,
            automatic: r == RightSizing::Automatic,
        }
    }
}

/// Data, recovery and migration.
#[derive(Debug, Serialize)]
pub struct DataCtx {
    pub rpo_minutes: u32,
    pub rto_minutes: u32,
    pub in_cluster_state: bool,
    pub external_databases: bool,
    pub dr_plan: bool,
    pub migration_planned: bool,
    /// The availability objective in percent, e.g. `99.9`.
    pub availability: &'static str,
    pub zones: u8,
}

impl DataCtx {
    pub(super) fn new(design: &PlatformDesign) -> Self {
        let w = &design.spec.workload;
        Self {
            rpo_minutes: w.data.rpo_minutes,
            rto_minutes: w.data.rto_minutes,
            in_cluster_state: w.data.in_cluster_state,
            external_databases: w.data.external_managed_databases,
            dr_plan: w.data.dr_plan,
            migration_planned: w.migration_planned,
            availability: w.availability.wire(),
            zones: design.spec.cluster.zones,
        }
    }
}

/// The provider, as conditions.
#[derive(Debug, Serialize)]
pub struct CloudCtx {
    pub eks: bool,
    pub aks: bool,
    pub gke: bool,
    pub kubeadm: bool,
    pub cilium_cni: bool,
    /// Calico enforces network policy (AKS and GKE switch it on in Terraform).
    pub calico: bool,
    /// Cilium implements the Gateway API (GatewayClass `cilium`).
    pub cilium_gateway: bool,
    pub default_deny: bool,
}

impl CloudCtx {
    pub(super) fn new(design: &PlatformDesign, plan: &Plan) -> Self {
        let p = design.spec.cluster.provider;
        Self {
            eks: p == Provider::Eks,
            aks: p == Provider::Aks,
            gke: p == Provider::Gke,
            kubeadm: p == Provider::Kubeadm,
            cilium_cni: plan.dataplane.cilium,
            calico: plan.dataplane.calico,
            cilium_gateway: plan.dataplane.gateway_class == Some("cilium"),
            default_deny: design.spec.security.default_deny_network,
        }
    }
}

/// Where the `ClusterSecretStore` reads secrets.
#[derive(Debug, Serialize)]
pub struct StoreCtx {
    pub aws: bool,
    pub azurekv: bool,
    pub gcpsm: bool,
    pub vault: bool,
}

impl StoreCtx {
    pub(super) fn new(design: &PlatformDesign) -> Self {
        let (secrets, provider) = (design.spec.gitops.secrets, design.spec.cluster.provider);
        let vault = secrets == SecretsBackend::Vault || provider == Provider::Kubeadm;
        Self {
            vault,
            aws: !vault && provider == Provider::Eks,
            azurekv: !vault && provider == Provider::Aks,
            gcpsm: !vault && provider == Provider::Gke,
        }
    }
}
