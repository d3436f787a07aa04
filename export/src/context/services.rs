//! The applications as templates see them: service groups with their
//! per-environment replicas and namespaces, and the environments.

use design::choices::{Choice, Exposure};
use design::plan::{Plan, PlannedEnvironment, PlannedService, WorkloadKind};
use design::PlatformDesign;
use serde::Serialize;

/// One service group, rendered once as a template for its `count` services.
#[derive(Debug, Serialize)]
pub struct ServiceCtx {
    pub name: String,
    /// The team that owns the group and the cost centre it is charged to
    /// (labels on every object and pod: admission and OpenCost read them).
    pub team: String,
    pub cost_centre: String,
    pub runtime: &'static str,
    pub kind: &'static str,
    pub count: u32,
    /// Deployment, Rollout, StatefulSet or CronJob, as the manifest spells it.
    pub workload: &'static str,
    pub deployment: bool,
    pub rollout: bool,
    pub statefulset: bool,
    pub cronjob: bool,
    pub exposure: &'static str,
    /// Reachable from the internet (an HTTPRoute on the public gateway).
    pub public: bool,
    /// Other services of the platform may call it (exposure internal or public).
    pub reachable: bool,
    pub canary: bool,
    /// Flagger's traffic provider for this service's canary.
    pub flagger_provider: &'static str,
    /// The provider can shift traffic step by step (else: blue/green).
    pub traffic_steps: bool,
    /// Reached from outside through an HTTPRoute the export writes (Flagger
    /// writes its own when it runs the canary on Gateway API).
    pub httproute: bool,
    /// Reached from outside through an Ingress.
    pub ingress: bool,
    /// Reached from outside as a Service of type LoadBalancer.
    pub load_balancer: bool,
    pub cpu_request: String,
    pub cpu_limit: String,
    pub memory_request: String,
    pub memory_limit: String,
    pub min_replicas: u32,
    pub max_replicas: u32,
    pub image: String,
    pub storage_class: String,
    /// Each replica's volume, as the estimate prices it (`20Gi`).
    pub volume_size: String,
    pub envs: Vec<ServiceEnvCtx>,
}

/// A service group in one environment.
#[derive(Debug, Serialize)]
pub struct ServiceEnvCtx {
    pub env: String,
    pub namespace: String,
    pub min_replicas: u32,
    pub max_replicas: u32,
    /// Quota: every service of the group at its maximum replicas and limits.
    pub limits_cpu: String,
    pub limits_memory: String,
    /// The public host name there, once the design names a domain.
    pub host: Option<String>,
}

/// One environment.
#[derive(Debug, Serialize)]
pub struct EnvCtx {
    pub name: String,
    pub production: bool,
    /// The full name of the cluster that hosts it.
    pub cluster: String,
    /// Whether Git changes apply without a person (the production gate turns it off).
    pub auto_sync: bool,
    /// The Git revision the environment follows.
    pub revision: String,
}

pub(super) fn cpu(millicores: impl std::fmt::Display) -> String {
    format!("{millicores}m")
}

pub(super) fn memory(mebibytes: impl std::fmt::Display) -> String {
    format!("{mebibytes}Mi")
}

pub(super) fn environments(plan: &Plan) -> Vec<EnvCtx> {
    plan.environments
        .iter()
        .map(|e: &PlannedEnvironment| EnvCtx {
            name: e.name.to_string(),
            production: e.production,
            cluster: e.cluster.clone(),
            auto_sync: e.auto_sync,
            revision: e.revision.clone(),
        })
        .collect()
}

/// Flagger's provider for a canary: the mesh when there is one, else the
/// router public traffic passes through; `kubernetes` (blue/green, no
/// traffic steps) for services no router reaches.
fn flagger_provider(plan: &Plan, public: bool) -> &'static str {
    let d = &plan.dataplane;
    match d.mesh {
        design::choices::Mesh::Istio => "istio",
        design::choices::Mesh::Linkerd => "linkerd",
        _ if public && d.gateway_class.is_some() => "gatewayapi:v1",
        _ if public && d.ingress_class == Some("nginx") => "nginx",
        _ => "kubernetes",
    }
}

pub(super) fn services(design: &PlatformDesign, plan: &Plan, registry: &str) -> Vec<ServiceCtx> {
    let groups = &design.spec.workload.services;
    let d = &plan.dataplane;
    plan.services
        .iter()
        .zip(groups)
        .map(|(s, g): (&PlannedService, _)| {
            let public = g.exposure == Exposure::Public && s.workload != WorkloadKind::CronJob;
            let provider = flagger_provider(plan, public);
            let owner = plan.tenant_of(s.name.as_str());
            (s, g, public, provider, owner)
        })
        .map(|(s, g, public, provider, owner)| ServiceCtx {
            flagger_provider: provider,
            traffic_steps: provider != "kubernetes",
            httproute: public
                && d.gateway_class.is_some()
                && !(s.canary && provider == "gatewayapi:v1"),
            ingress: public && d.ingress_class.is_some(),
            load_balancer: public && d.load_balancer_services,
            name: s.name.to_string(),
            team: owner.map(|t| t.name.clone()).unwrap_or_default(),
            cost_centre: owner.map(|t| t.cost_centre.clone()).unwrap_or_default(),
            runtime: g.runtime.wire(),
            kind: g.kind.wire(),
            count: s.count,
            workload: s.workload.kind(),
            deployment: s.workload == WorkloadKind::Deployment,
            rollout: s.workload == WorkloadKind::Rollout,
            statefulset: s.workload == WorkloadKind::StatefulSet,
            cronjob: s.workload == WorkloadKind::CronJob,
            exposure: g.exposure.wire(),
            public: g.exposure == Exposure::Public,
            reachable: g.exposure != Exposure::None,
            canary: s.canary,
            cpu_request: cpu(g.cpu_request_millicores),
            cpu_limit: cpu(g.cpu_limit_millicores),
            memory_request: memory(g.memory_request_mebibytes),
            memory_limit: memory(g.memory_limit_mebibytes),
            min_replicas: g.min_replicas,
            max_replicas: g.max_replicas,
            image: format!("{}/{}", registry.trim_end_matches('/'), s.name),
            storage_class: design.spec.cost.storage_class.clone(),
            volume_size: format!("{}Gi", design::estimate::STATEFUL_VOLUME_GIB),
            envs: s
                .environments
                .iter()
                .map(|e| ServiceEnvCtx {
                    env: e.env.to_string(),
                    namespace: e.namespace.to_string(),
                    min_replicas: e.min_replicas,
                    max_replicas: e.max_replicas,
                    limits_cpu: cpu(e.limits.cpu_millicores),
                    limits_memory: memory(e.limits.memory_mebibytes),
                    host: e.host.clone(),
                })
                .collect(),
        })
        .collect()
}
