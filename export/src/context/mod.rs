//! What the templates see: the platform plan as small typed views (clusters,
//! services, policies, mesh, delivery, observability, …) plus pre-spelt
//! values. Every decision is made in Rust — most of them once, in
//! [`design::plan`] — and the templates only lay text out: they print values
//! and test booleans, never the design's fields or wire strings.

mod clusters;
mod identity;
mod platform;
mod policies;
mod services;
pub mod sizing;

use std::collections::BTreeMap;

use design::choices::*;
use design::critique::Critique;
use design::plan::{Chart, Plan};
use design::PlatformDesign;
use serde::Serialize;

use crate::ExportError;

pub use clusters::{ClusterCtx, PoolCtx};
pub use platform::*;
pub use policies::PolicyCtx;
pub use services::{EnvCtx, ServiceCtx};

/// The port every generated service listens on.
pub const APP_PORT: u16 = 8080;

/// Everything a template may read.
#[derive(Debug, Serialize)]
pub struct Context<'a> {
    pub name: &'a str,
    pub description: &'a str,
    pub slug: String,
    pub repo_url: &'a str,
    pub branch: &'a str,
    pub provider: &'static str,
    pub region: &'a str,
    pub kubernetes_version: &'a str,
    pub clusters: Vec<ClusterCtx>,
    pub envs: Vec<EnvCtx>,
    pub services: Vec<ServiceCtx>,
    /// Regions beyond the primary one, each as (name, Terraform identifier).
    pub regions: Vec<(String, String)>,
    /// The teams that own the service groups (the plan's tenants).
    pub tenants: Vec<design::plan::PlannedTenant>,
    pub components: Vec<Chart>,
    /// API groups the managed cluster serves itself (its add-ons).
    pub cluster_crds: Vec<&'static str>,
    /// Charts installed by hand before GitOps runs (docs/first-run.md).
    pub by_hand: Vec<Chart>,
    /// Where each component is pulled from (upstream, or the mirror).
    pub sources: BTreeMap<&'static str, design::plan::Source>,
    /// The OCI Helm repositories Argo CD needs an entry for: (name, URL), each once.
    pub oci_helm_repos: Vec<(String, String)>,
    /// The repositories the platform AppProject may pull components from, each once.
    pub component_repos: Vec<String>,
    /// Where each component comes from upstream (what a mirror is filled from).
    pub upstream: BTreeMap<&'static str, design::plan::Source>,
    /// The registry mirroring charts and images, if the clusters have no internet.
    pub mirror: Option<String>,
    /// Upstream image registries a mirror must proxy.
    pub image_registries: Vec<&'static str>,
    /// Controllers that act on the cloud account, with their ServiceAccounts.
    pub cloud_identities: Vec<identity::CloudIdentity>,
    /// The ServiceAccount name each of those components runs as, by key.
    pub service_accounts: BTreeMap<&'static str, &'static str>,
    /// The Flux release `flux bootstrap` installs.
    pub flux_version: &'static str,
    /// What the team must supply (docs/inputs.yaml, docs/first-run.md).
    pub inputs: Vec<design::plan::RequiredInput>,
    /// Chosen component keys, for `{% if has["loki"] %}`.
    pub has: BTreeMap<&'static str, bool>,
    /// Each sized chart's `sizing.yaml` values, by key (see [`sizing`]).
    pub sizing: BTreeMap<&'static str, serde_json::Value>,
    pub gitops: GitopsCtx,
    pub mesh: MeshCtx,
    pub delivery: DeliveryCtx,
    pub obs: ObservabilityCtx,
    pub autoscaling: AutoscalingCtx,
    pub right_sizing: RightSizingCtx,
    pub rbac: RbacCtx,
    pub data: DataCtx,
    /// Production across regions, when the design has more than one.
    pub multi_region: Option<MultiRegionCtx>,
    pub cloud: CloudCtx,
    pub store: StoreCtx,
    pub policy: PolicyCtx,
    pub strategy: &'static str,
    /// The storage class volumes ask for.
    pub storage_class: &'a str,
    pub audit_log_retention_days: u32,
    pub pod_security: &'static str,
    pub gateway_class: Option<&'static str>,
    pub registry: String,
    /// Argo Rollouts analysis condition from the design's success-rate gate.
    pub success_condition: String,
    /// Argo Rollouts analysis query; the service name arrives as an argument.
    pub analysis_query: &'static str,
    /// From an overlay directory to the bases (the layouts nest differently).
    pub base_prefix: &'static str,
    /// For each component, the installed components it waits for (keys).
    pub after: BTreeMap<&'static str, Vec<&'static str>>,
    /// For each component, the installed Helm charts it waits for (Flux `dependsOn`).
    pub depends: BTreeMap<&'static str, Vec<Dependency>>,
    /// The component that creates each shared platform namespace (Flux layout).
    pub namespace_owner: BTreeMap<&'static str, &'static str>,
    pub critique: &'a Critique,
    pub app_port: u16,
    pub gateway_api: bool,
    pub vpa_auto: bool,
    /// Flagger's `meshProvider` (and each Canary's provider).
    pub flagger_provider: &'static str,
    /// Prometheus-compatible query endpoint for Flagger and OpenCost.
    pub metrics_url: &'static str,
    pub prometheus_service: &'static str,
    pub velero_provider: &'static str,
    /// The name of Velero's object store plugin image (`velero-plugin-for-<name>`).
    pub velero_plugin: &'static str,
    /// The node pools every cluster gets (the plan's pools of its first cluster).
    pub pools: Vec<PoolCtx>,
    /// The namespace the shared Gateway lives in.
    pub gateway_namespace: &'static str,
    /// Where public traffic arrives from inside the cluster, if through a router.
    pub entry_namespace: Option<&'static str>,
    /// Public services are Services of type LoadBalancer.
    pub load_balancer_services: bool,
    pub public_endpoint: bool,
    /// Availability zones as the providers number them ("1", "2", "3").
    pub zone_list: Vec<String>,
    /// Log Analytics retention: the audit retention within Azure's 30–730 days.
    pub aks_log_retention: u32,
    pub linkerd: bool,
    /// Where services send traces (OTLP gRPC), when tracing is on.
    pub otlp_endpoint: Option<&'static str>,
    /// The namespace of the trace collector (for egress policies).
    pub otlp_namespace: Option<&'static str>,
    pub ingress_class: Option<&'static str>,
    /// Istio's PeerAuthentication mode for the design's mTLS choice.
    pub mtls_mode: &'static str,
    pub vault_url: String,
    /// Backup schedule that keeps data loss within the recovery point objective.
    pub backup_cron: &'static str,
    /// Share of requests allowed to fail under the availability objective.
    pub error_budget: f64,
    /// Namespaces the platform components run in (kube-system aside), with
    /// the Pod Security level the most demanding chart in each needs.
    pub platform_namespaces: Vec<PlatformNamespace>,
}

/// Production in several regions, for the DR plan.
#[derive(Debug, Serialize)]
pub struct MultiRegionCtx {
    pub active_active: bool,
    pub mode: &'static str,
    pub dns_failover: bool,
    pub traffic: &'static str,
    pub replication: &'static str,
    pub replicated: bool,
    /// The primary region first.
    pub regions: Vec<RegionCtx>,
}

/// One region and its production clusters.
#[derive(Debug, Serialize)]
pub struct RegionCtx {
    pub name: String,
    pub primary: bool,
    pub clusters: Vec<String>,
}

/// A HelmRelease another one waits for.
#[derive(Debug, Serialize)]
pub struct Dependency {
    pub name: &'static str,
    pub namespace: &'static str,
}

/// One Argo CD repository entry per OCI Helm registry the components use:
/// named after the first component pulled from it.
fn oci_helm_repos(plan: &Plan) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for chart in &plan.components {
        let Some(source) = plan.sources.get(chart.key) else {
            continue;
        };
        if source.kind == design::plan::SourceKind::HelmOci
            && !out.iter().any(|(_, url)| *url == source.argo_url)
        {
            let name = if plan.mirror.is_some() {
                "mirror"
            } else {
                chart.key
            };
            out.push((name.to_owned(), source.argo_url.clone()));
        }
    }
    out
}

/// Each repository the components are pulled from, once, in install order.
fn component_repos(plan: &Plan) -> Vec<String> {
    let mut repos: Vec<String> = Vec::new();
    for source in plan
        .components
        .iter()
        .filter_map(|c| plan.sources.get(c.key))
    {
        if !repos.contains(&source.argo_url) {
            repos.push(source.argo_url.clone());
        }
    }
    repos
}

fn dependencies(components: &[Chart]) -> BTreeMap<&'static str, Vec<Dependency>> {
    components
        .iter()
        .map(|chart| {
            let deps = chart
                .after
                .iter()
                .filter_map(|key| components.iter().find(|c| c.key == *key))
                // Flux's HelmReleases wait for HelmReleases; plain manifests come
                // first through the Kustomization order (clusters/<cluster>).
                .filter(|c| !c.is_git())
                .map(|c| Dependency {
                    name: c.key,
                    namespace: c.namespace,
                })
                .collect();
            (chart.key, deps)
        })
        .collect()
}

/// A namespace platform charts run in.
#[derive(Debug, Serialize)]
pub struct PlatformNamespace {
    pub name: &'static str,
    pub pss: &'static str,
}

fn platform_namespaces(components: &[Chart]) -> Vec<PlatformNamespace> {
    let mut out: Vec<PlatformNamespace> = Vec::new();
    for chart in components.iter().filter(|c| c.namespace != "kube-system") {
        match out.iter_mut().find(|n| n.name == chart.namespace) {
            Some(ns) if chart.pss == "privileged" => ns.pss = "privileged",
            Some(_) => {}
            None => out.push(PlatformNamespace {
                name: chart.namespace,
                pss: chart.pss,
            }),
        }
    }
    out.sort_by_key(|n| n.name);
    out
}

impl<'a> Context<'a> {
    /// The export's view of a valid design. A derived name that breaks a
    /// limit (only possible for a design that skipped validation) is an error.
    pub fn new(design: &'a PlatformDesign, critique: &'a Critique) -> Result<Self, ExportError> {
        let plan = Plan::of(design);
        if let Some(problem) = plan.problems().first() {
            return Err(ExportError::Name {
                path: problem.path.clone(),
                message: problem.message.clone(),
            });
        }
        let s = &design.spec;
        let registry = s
            .security
            .policies
            .allowed_registries
            .first()
            .cloned()
            .unwrap_or_else(|| "registry.example.com".into());
        let components = plan.components.clone();
        let has = design::plan::catalog::ALL
            .iter()
            .map(|c| (c.key, plan.has(c.key)))
            .collect();
        let mut namespace_owner = BTreeMap::from([("kube-system", "")]);
        for chart in components.iter().filter(|c| c.namespace != "kube-system") {
            namespace_owner.entry(chart.namespace).or_insert(chart.key);
        }
        let clusters = clusters::clusters(design, &plan);
        let prometheus_like =
            |victoria: &'static str, prometheus: &'static str| match s.observability.metrics {
                MetricsStack::VictoriaMetrics => victoria,
                _ => prometheus,
            };

        let cloud_identities = identity::identities(design, &plan);
        Ok(Self {
            name: &design.metadata.name,
            description: &design.metadata.description,
            slug: plan.slug.clone(),
            repo_url: &s.gitops.repo_url,
            branch: &s.gitops.branch,
            provider: s.cluster.provider.wire(),
            region: &s.cluster.region,
            kubernetes_version: &s.cluster.kubernetes_version,
            pools: clusters
                .first()
                .map(|c| c.pools.clone())
                .unwrap_or_default(),
            clusters,
            envs: services::environments(&plan),
            services: services::services(design, &plan, &registry),
            tenants: plan.tenants.clone(),
            regions: s
                .cluster
                .multi_region
                .iter()
                .flat_map(|m| m.regions.iter())
                .map(|r| (r.clone(), r.replace('-', "_")))
                .collect(),
            platform_namespaces: platform_namespaces(&components),
            depends: dependencies(&components),
            after: components
                .iter()
                .map(|c| {
                    let present = c.after.iter().copied().filter(|a| plan.has(a)).collect();
                    (c.key, present)
                })
                .collect(),
            cluster_crds: plan.cluster_crds.clone(),
            by_hand: plan.by_hand.clone(),
            oci_helm_repos: oci_helm_repos(&plan),
            component_repos: component_repos(&plan),
            sources: plan.sources.clone(),
            mirror: plan.mirror.clone(),
            image_registries: plan.image_registries.clone(),
            sizing: sizing::sizing(&plan),
            service_accounts: cloud_identities
                .iter()
                .map(|i| (i.key, i.service_account))
                .chain([(
                    design::plan::catalog::KARPENTER.key,
                    identity::KARPENTER_SERVICE_ACCOUNT,
                )])
                .collect(),
            upstream: plan
                .components
                .iter()
                .map(|c| (c.key, design::plan::Source::of(c, "")))
                .collect(),
            cloud_identities,
            flux_version: design::plan::catalog::FLUX_VERSION,
            inputs: design::plan::inputs(design, &plan),
            components,
            has,
            gitops: GitopsCtx::new(design),
            mesh: MeshCtx::new(&plan),
            delivery: DeliveryCtx::new(design),
            obs: ObservabilityCtx::new(design),
            autoscaling: AutoscalingCtx::new(design),
            right_sizing: RightSizingCtx::new(design),
            rbac: RbacCtx::new(design),
            data: DataCtx::new(design),
            multi_region: s.cluster.multi_region.as_ref().map(|m| MultiRegionCtx {
                active_active: m.mode == RegionMode::ActiveActive,
                mode: m.mode.label(),
                dns_failover: m.global_traffic == GlobalTraffic::DnsFailover,
                traffic: m.global_traffic.label(),
                replication: m.data_replication.label(),
                replicated: m.data_replication != DataReplication::None,
                regions: std::iter::once(&s.cluster.region)
                    .chain(m.regions.iter())
                    .map(|r| RegionCtx {
                        name: r.clone(),
                        primary: *r == s.cluster.region,
                        clusters: plan
                            .clusters
                            .iter()
                            .filter(|c| c.production && c.region == *r)
                            .map(|c| c.name.clone())
                            .collect(),
                    })
                    .collect(),
            }),
            cloud: CloudCtx::new(design, &plan),
            store: StoreCtx::new(design),
            policy: PolicyCtx::new(design, &plan, critique),
            strategy: s.gitops.progressive_delivery.strategy.wire(),
            storage_class: &s.cost.storage_class,
            audit_log_retention_days: s.observability.audit_log_retention_days,
            pod_security: s.security.pod_security.wire(),
            gateway_class: plan.dataplane.gateway_class,
            registry,
            analysis_query: concat!(
                "sum(rate(http_requests_total{service=\"{{args.service-name}}\",code!~\"5..\"}[2m]))",
                " / sum(rate(http_requests_total{service=\"{{args.service-name}}\"}[2m]))"
            ),
            base_prefix: match s.gitops.tool {
                GitopsTool::ArgoCd => "../../../base/",
                GitopsTool::Flux => "../../base/",
            },
            namespace_owner,
            success_condition: format!(
                "result[0] >= {}",
                s.gitops.progressive_delivery.min_success_rate_percent / 100.0
            ),
            critique,
            app_port: APP_PORT,
            gateway_api: s.cluster.ingress == Ingress::GatewayApi,
            vpa_auto: s.cluster.workload_autoscaling.vpa == VpaMode::Auto,
            flagger_provider: match (s.security.mesh, s.cluster.ingress) {
                (Mesh::Istio, _) => "istio",
                (Mesh::Linkerd, _) => "linkerd",
                (_, Ingress::GatewayApi) => "gatewayapi:v1",
                (_, Ingress::IngressNginx) => "nginx",
                _ => "kubernetes",
            },
            metrics_url: prometheus_like(
                "http://vmsingle-victoria-metrics-k8s-stack.monitoring:8429",
                "http://kube-prometheus-stack-prometheus.monitoring:9090",
            ),
            prometheus_service: prometheus_like(
                "vmsingle-victoria-metrics-k8s-stack",
                "kube-prometheus-stack-prometheus",
            ),
            gateway_namespace: design::plan::dataplane::GATEWAY_NAMESPACE,
            entry_namespace: plan.dataplane.entry_namespace,
            load_balancer_services: plan.dataplane.load_balancer_services,
            public_endpoint: !s.cluster.private_endpoint,
            zone_list: (1..=s.cluster.zones.max(1)).map(|z| z.to_string()).collect(),
            aks_log_retention: s.observability.audit_log_retention_days.clamp(30, 730),
            linkerd: s.security.mesh == Mesh::Linkerd,
            otlp_endpoint: match s.observability.tracing {
                TracingBackend::Tempo => Some("http://tempo.monitoring:4317"),
                TracingBackend::Jaeger => Some("http://jaeger-collector.observability:4317"),
                TracingBackend::None => None,
            },
            otlp_namespace: match s.observability.tracing {
                TracingBackend::Tempo => Some(design::plan::catalog::TEMPO.namespace),
                TracingBackend::Jaeger => Some(design::plan::catalog::JAEGER.namespace),
                TracingBackend::None => None,
            },
            ingress_class: plan.dataplane.ingress_class,
            mtls_mode: match s.security.mtls {
                MtlsMode::Strict => "STRICT",
                MtlsMode::Permissive => "PERMISSIVE",
                MtlsMode::Off => "DISABLE",
            },
            vault_url: s
                .security
                .egress_allow_list
                .iter()
                .find(|host| host.contains("vault"))
                .map(|host| format!("https://{host}:8200"))
                .unwrap_or_else(|| "https://vault.example.com:8200".into()),
            backup_cron: match s.workload.data.rpo_minutes {
                0..=15 => "*/15 * * * *",
                16..=60 => "0 * * * *",
                61..=360 => "0 */6 * * *",
                _ => "0 2 * * *",
            },
            error_budget: (100.0 - s.workload.availability.wire().parse::<f64>().unwrap_or(99.9))
                / 100.0,
            velero_plugin: match s.cluster.provider {
                Provider::Aks => "microsoft-azure",
                Provider::Gke => "gcp",
                Provider::Eks | Provider::Kubeadm => "aws",
            },
            velero_provider: match s.cluster.provider {
                Provider::Aks => "azure",
                Provider::Gke => "gcp",
                Provider::Eks | Provider::Kubeadm => "aws",
            },
        })
    }
}

#[cfg(test)]
mod tests;
