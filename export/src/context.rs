//! What the templates see: the design plus the facts the export derives from
//! it (clusters, namespaces, components, per-environment replicas). Every
//! decision is made here, in Rust; the templates only lay text out.

use std::collections::BTreeMap;

use design::choices::*;
use design::critique::Critique;
use design::model::ServiceGroup;
use design::names::check_dns_label;
use design::PlatformDesign;
use serde::Serialize;

use crate::catalog::{self, Chart};
use crate::ExportError;

/// The port every generated service listens on.
pub const APP_PORT: u16 = 8080;

/// Everything a template may read.
#[derive(Debug, Serialize)]
pub struct Context<'a> {
    pub design: &'a PlatformDesign,
    pub name: &'a str,
    pub slug: String,
    pub gitops: &'static str,
    pub repo_url: &'a str,
    pub branch: &'a str,
    pub provider: &'static str,
    pub region: &'a str,
    pub kubernetes_version: &'a str,
    pub clusters: Vec<ClusterCtx>,
    pub envs: Vec<EnvCtx>,
    pub services: Vec<ServiceCtx>,
    pub components: Vec<Chart>,
    /// Chosen component keys, for `{% if has["loki"] %}`.
    pub has: BTreeMap<&'static str, bool>,
    pub delivery: &'static str,
    pub strategy: &'static str,
    pub pod_security: &'static str,
    pub policy_engine: &'static str,
    pub mesh: &'static str,
    pub mtls: &'static str,
    pub secrets: &'static str,
    /// `ClusterSecretStore` provider: aws, azurekv, gcpsm or vault.
    pub secret_store: &'static str,
    pub gateway_class: Option<&'static str>,
    pub registry: String,
    pub exceptions: Vec<ExceptionCtx>,
    pub gatekeeper_constraints: Vec<ConstraintCtx>,
    /// Which generated admission policies exist.
    pub policy_on: BTreeMap<&'static str, bool>,
    /// The allowed registries as a CEL list literal.
    pub registries_cel: String,
    pub registries_message: String,
    /// Argo Rollouts analysis condition from the design's success-rate gate.
    pub success_condition: String,
    /// Argo Rollouts analysis query; the service name arrives as an argument.
    pub analysis_query: &'static str,
    /// From an overlay directory to the bases (the layouts nest differently).
    pub base_prefix: &'static str,
    /// The component that creates each shared platform namespace (Flux layout).
    pub namespace_owner: BTreeMap<&'static str, &'static str>,
    pub critique: &'a Critique,
    pub metrics: &'static str,
    pub app_port: u16,
    pub gateway_api: bool,
    pub vpa_auto: bool,
    /// Flagger's `meshProvider` (and each Canary's provider).
    pub flagger_provider: &'static str,
    /// Prometheus-compatible query endpoint for Flagger and OpenCost.
    pub metrics_url: &'static str,
    pub prometheus_service: &'static str,
    pub velero_provider: &'static str,
    pub pools: Vec<PoolCtx>,
    pub gateway_namespace: &'static str,
    pub public_endpoint: bool,
    /// Availability zones as the providers number them ("1", "2", "3").
    pub zone_list: Vec<String>,
    /// Log Analytics retention: the audit retention within Azure's 30–730 days.
    pub aks_log_retention: u32,
    pub linkerd: bool,
    /// Where services send traces (OTLP gRPC), when tracing is on.
    pub otlp_endpoint: Option<&'static str>,
    pub ingress_class: &'static str,
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

/// A node pool as the provider's objects need it.
#[derive(Debug, Serialize)]
pub struct PoolCtx {
    pub name: String,
    pub instance_type: String,
    /// `on-demand` or `spot` (reserved capacity is bought on-demand).
    pub capacity_type: &'static str,
    /// AKS pool name: lowercase letters and digits, at most 12.
    pub aks_name: String,
    pub min_nodes: u32,
    pub desired_nodes: u32,
    pub max_nodes: u32,
    pub labels: Vec<(String, String)>,
    pub taints: Vec<TaintCtx>,
}

/// A node taint.
#[derive(Debug, Serialize)]
pub struct TaintCtx {
    pub key: String,
    pub value: String,
    pub effect: String,
    /// The effect as the EKS API spells it (`NO_SCHEDULE`).
    pub eks_effect: &'static str,
}

/// AKS wants pool names of lowercase letters and digits, starting with a
/// letter, at most 12 long.
fn aks_pool_name(name: &str) -> String {
    let plain: String = name.chars().filter(char::is_ascii_alphanumeric).collect();
    let named = if plain.starts_with(|c: char| c.is_ascii_lowercase()) {
        plain
    } else {
        format!("p{plain}")
    };
    named.chars().take(12).collect()
}

fn pool_ctx(pool: &design::model::NodePool) -> PoolCtx {
    let pair = |text: &str| {
        let (key, value) = text.split_once('=').unwrap_or((text, ""));
        (key.trim().to_owned(), value.trim().to_owned())
    };
    PoolCtx {
        name: pool.name.to_string(),
        aks_name: aks_pool_name(pool.name.as_str()),
        instance_type: pool.instance_type.clone(),
        capacity_type: if pool.purchase == Purchase::Spot {
            "spot"
        } else {
            "on-demand"
        },
        min_nodes: pool.min_nodes,
        desired_nodes: pool.desired_nodes,
        max_nodes: pool.max_nodes,
        labels: pool.labels.iter().map(|l| pair(l)).collect(),
        taints: pool
            .taints
            .iter()
            .map(|t| {
                let (rest, effect) = t.rsplit_once(':').unwrap_or((t, "NoSchedule"));
                let (key, value) = pair(rest);
                let effect = effect.trim().to_owned();
                TaintCtx {
                    key,
                    value,
                    eks_effect: match effect.as_str() {
                        "NoExecute" => "NO_EXECUTE",
                        "PreferNoSchedule" => "PREFER_NO_SCHEDULE",
                        _ => "NO_SCHEDULE",
                    },
                    effect,
                }
            })
            .collect(),
    }
}

/// A namespace platform charts run in.
#[derive(Debug, Serialize)]
pub struct PlatformNamespace {
    pub name: &'static str,
    pub pss: &'static str,
}

/// One cluster and what runs in it.
#[derive(Debug, Serialize)]
pub struct ClusterCtx {
    pub name: String,
    /// The name as a Terraform identifier.
    pub tf_id: String,
    pub envs: Vec<String>,
    pub production: bool,
    pub namespaces: Vec<NamespaceCtx>,
}

/// An application namespace: one service group in one environment.
#[derive(Debug, Clone, Serialize)]
pub struct NamespaceCtx {
    pub name: String,
    pub env: String,
    pub service: String,
    pub exposure: &'static str,
}

/// One environment.
#[derive(Debug, Serialize)]
pub struct EnvCtx {
    pub name: String,
    pub production: bool,
    pub cluster: String,
    /// Whether Git changes apply without a person (the production gate turns it off).
    pub auto_sync: bool,
    /// The Git revision the environment follows: the main branch with
    /// overlays, or a branch named after the environment when promotion is
    /// by branches.
    pub revision: String,
}

/// One service group, rendered once as a template for its `count` services.
#[derive(Debug, Serialize)]
pub struct ServiceCtx {
    pub name: String,
    pub runtime: &'static str,
    pub kind: &'static str,
    pub count: u32,
    /// Deployment, Rollout, StatefulSet or CronJob.
    pub workload: &'static str,
    pub serving: bool,
    pub exposure: &'static str,
    pub canary: bool,
    pub cpu_request: String,
    pub cpu_limit: String,
    pub memory_request: String,
    pub memory_limit: String,
    pub min_replicas: u32,
    pub max_replicas: u32,
    pub image: String,
    pub storage_class: String,
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
}

/// An accepted critique finding turned into a policy exception.
#[derive(Debug, Clone, Serialize)]
pub struct ExceptionCtx {
    pub name: String,
    pub rule: String,
    pub title: String,
    pub reason: String,
    pub owner: String,
    pub expires: Option<String>,
    /// Generated policies it relaxes (empty when no admission policy enforces the rule).
    pub policies: Vec<PolicyRef>,
}

/// Generated admission policies that enforce a critique rule: accepting the
/// rule's finding turns into an exception to these policies.
/// Each entry: policy name, rule, Kyverno kind, Gatekeeper constraint kind.
pub const POLICIES: &[(&str, &str, &str, Option<&str>)] = &[
    (
        "require-requests-limits",
        "SEC-006",
        "ValidatingPolicy",
        Some("K8sRequiredResources"),
    ),
    (
        "disallow-latest-tag",
        "SEC-005",
        "ValidatingPolicy",
        Some("K8sDisallowLatest"),
    ),
    (
        "allowed-registries",
        "SEC-013",
        "ValidatingPolicy",
        Some("K8sAllowedRepos"),
    ),
    (
        "verify-image-signatures",
        "SEC-008",
        "ImageValidatingPolicy",
        None,
    ),
];

/// A generated policy an exception relaxes.
#[derive(Debug, Clone, Serialize)]
pub struct PolicyRef {
    pub name: &'static str,
    pub kind: &'static str,
}

/// A Gatekeeper constraint, relaxed to `warn` when its rule is accepted.
#[derive(Debug, Serialize)]
pub struct ConstraintCtx {
    pub name: &'static str,
    pub kind: &'static str,
    pub exception: Option<ExceptionCtx>,
}

fn cpu(millicores: u32) -> String {
    format!("{millicores}m")
}

fn memory(mebibytes: u32) -> String {
    format!("{mebibytes}Mi")
}

fn label(name: String, what: &str) -> Result<String, ExportError> {
    check_dns_label(&name).map_err(|problem| ExportError::Name {
        name: name.clone(),
        what: what.to_owned(),
        problem: problem.to_string(),
    })?;
    Ok(name)
}

/// The clusters a topology asks for, each with its environments.
fn clusters(design: &PlatformDesign) -> Vec<(String, Vec<(String, bool)>)> {
    let c = &design.spec.cluster;
    let envs: Vec<(String, bool)> = c
        .environments
        .iter()
        .map(|e| (e.name.to_string(), e.production))
        .collect();
    match c.topology {
        Topology::Single => vec![(c.name.to_string(), envs)],
        Topology::ProdAndNonProd => {
            let (prod, non_prod): (Vec<_>, Vec<_>) = envs.into_iter().partition(|(_, p)| *p);
            [("non-prod", non_prod), ("prod", prod)]
                .into_iter()
                .filter(|(_, envs)| !envs.is_empty())
                .map(|(name, envs)| (name.to_owned(), envs))
                .collect()
        }
        Topology::PerEnvironment => envs.into_iter().map(|e| (e.0.clone(), vec![e])).collect(),
    }
}

/// The platform components this design chose, in install order.
pub fn components(design: &PlatformDesign) -> Vec<Chart> {
    let s = &design.spec;
    let provider = s.cluster.provider;
    let mut out = Vec::new();
    if s.gitops.tool == GitopsTool::ArgoCd {
        out.push(catalog::ARGO_CD);
    }
    let cilium = s.cluster.cni == Cni::Cilium || s.security.mesh == Mesh::Cilium;
    if cilium && matches!(provider, Provider::Eks | Provider::Kubeadm) {
        out.push(catalog::CILIUM);
    }
    let public = s
        .workload
        .services
        .iter()
        .any(|g| g.exposure == Exposure::Public);
    if public || s.security.mesh == Mesh::Linkerd || s.cluster.ingress == Ingress::GatewayApi {
        out.push(catalog::CERT_MANAGER);
    }
    // istiod provisions a gateway for each Gateway API `Gateway` itself.
    let istio_gateway = s.cluster.ingress == Ingress::GatewayApi && !cilium;
    if s.security.mesh == Mesh::Istio || istio_gateway {
        out.extend([catalog::ISTIO_BASE, catalog::ISTIOD]);
    }
    if s.security.mesh == Mesh::Linkerd {
        out.extend([catalog::LINKERD_CRDS, catalog::LINKERD]);
    }
    match (s.cluster.ingress, provider) {
        (Ingress::CloudLoadBalancer, Provider::Eks) => out.push(catalog::AWS_LB),
        (Ingress::IngressNginx, _) => out.push(catalog::INGRESS_NGINX),
        _ => {}
    }
    match s.gitops.secrets {
        SecretsBackend::ExternalSecrets | SecretsBackend::Vault => {
            out.push(catalog::EXTERNAL_SECRETS)
        }
        SecretsBackend::SealedSecrets => out.push(catalog::SEALED_SECRETS),
    }
    match s.security.policy_engine {
        PolicyEngine::Kyverno => out.extend([catalog::KYVERNO, catalog::KYVERNO_POLICIES]),
        PolicyEngine::Gatekeeper => out.push(catalog::GATEKEEPER),
        PolicyEngine::None => {}
    }
    if s.security.runtime_detection {
        out.push(catalog::FALCO);
    }
    match (s.cluster.node_autoscaler, provider) {
        (NodeAutoscaler::Karpenter, Provider::Eks) => out.push(catalog::KARPENTER),
        (NodeAutoscaler::ClusterAutoscaler, Provider::Eks) => out.push(catalog::CLUSTER_AUTOSCALER),
        _ => {}
    }
    if matches!(provider, Provider::Eks | Provider::Kubeadm) {
        if provider == Provider::Kubeadm {
            out.push(catalog::METRICS_SERVER);
        }
        if s.cluster.workload_autoscaling.vpa != VpaMode::Off {
            out.push(catalog::VPA);
        }
    }
    if s.cluster.workload_autoscaling.keda {
        out.push(catalog::KEDA);
    }
    match s.observability.metrics {
        MetricsStack::Prometheus => out.push(catalog::KUBE_PROMETHEUS_STACK),
        MetricsStack::VictoriaMetrics => out.push(catalog::VICTORIA_METRICS),
        MetricsStack::None => {}
    }
    if s.observability.logs == LogStack::Loki {
        out.push(catalog::LOKI);
    }
    match s.observability.tracing {
        TracingBackend::Tempo => out.push(catalog::TEMPO),
        TracingBackend::Jaeger => out.push(catalog::JAEGER),
        TracingBackend::None => {}
    }
    if s.observability.cost_visibility {
        out.push(catalog::OPENCOST);
    }
    if s.workload.data.backups {
        out.push(catalog::VELERO);
    }
    match s.gitops.progressive_delivery.tool {
        DeliveryTool::ArgoRollouts => out.push(catalog::ARGO_ROLLOUTS),
        DeliveryTool::Flagger => out.push(catalog::FLAGGER),
        DeliveryTool::None => {}
    }
    out.sort_by_key(|c| c.wave);
    out
}

fn workload_kind(group: &ServiceGroup, delivery: DeliveryTool) -> &'static str {
    match (group.kind, group.stateful, delivery) {
        (ServiceKind::Batch, _, _) => "CronJob",
        (_, true, _) => "StatefulSet",
        (ServiceKind::Api | ServiceKind::Web, false, DeliveryTool::ArgoRollouts) => "Rollout",
        _ => "Deployment",
    }
}

impl<'a> Context<'a> {
    /// Derives the export's facts from a valid design.
    pub fn new(design: &'a PlatformDesign, critique: &'a Critique) -> Result<Self, ExportError> {
        let s = &design.spec;
        let delivery = s.gitops.progressive_delivery.tool;
        let cluster_plan = clusters(design);
        let several_envs_per_cluster = cluster_plan.iter().any(|(_, envs)| envs.len() > 1);
        let namespace_of = |service: &str, env: &str| -> Result<String, ExportError> {
            if several_envs_per_cluster {
                label(format!("{service}-{env}"), "namespace")
            } else {
                label(service.to_owned(), "namespace")
            }
        };
        let registry = s
            .security
            .policies
            .allowed_registries
            .first()
            .cloned()
            .unwrap_or_else(|| "registry.example.com".into());

        let mut services = Vec::new();
        for g in &s.workload.services {
            let name = g.name.to_string();
            let mut envs = Vec::new();
            for e in &s.cluster.environments {
                let (min, max) = if e.production {
                    (g.min_replicas, g.max_replicas)
                } else {
                    let min = g.min_replicas.min(2);
                    (min, (g.max_replicas / 2).max(min))
                };
                envs.push(ServiceEnvCtx {
                    env: e.name.to_string(),
                    namespace: namespace_of(&name, e.name.as_str())?,
                    min_replicas: min,
                    max_replicas: max,
                    limits_cpu: cpu(g
                        .count
                        .saturating_mul(max)
                        .saturating_mul(g.cpu_limit_millicores)),
                    limits_memory: memory(
                        g.count
                            .saturating_mul(max)
                            .saturating_mul(g.memory_limit_mebibytes),
                    ),
                });
            }
            let workload = workload_kind(g, delivery);
            let serving = matches!(g.kind, ServiceKind::Api | ServiceKind::Web)
                || g.exposure != Exposure::None;
            services.push(ServiceCtx {
                image: format!("{}/{}", registry.trim_end_matches('/'), name),
                canary: delivery == DeliveryTool::Flagger && workload == "Deployment" && serving,
                serving: serving && workload != "CronJob",
                name,
                runtime: g.runtime.wire(),
                kind: g.kind.wire(),
                count: g.count,
                workload,
                exposure: g.exposure.wire(),
                cpu_request: cpu(g.cpu_request_millicores),
                cpu_limit: cpu(g.cpu_limit_millicores),
                memory_request: memory(g.memory_request_mebibytes),
                memory_limit: memory(g.memory_limit_mebibytes),
                min_replicas: g.min_replicas,
                max_replicas: g.max_replicas,
                storage_class: s.cost.storage_class.clone(),
                envs,
            });
        }

        let env_cluster = |env: &str| {
            cluster_plan
                .iter()
                .find(|(_, envs)| envs.iter().any(|(name, _)| name == env))
                .map(|(c, _)| c.clone())
                .unwrap_or_default()
        };
        let envs = s
            .cluster
            .environments
            .iter()
            .map(|e| EnvCtx {
                name: e.name.to_string(),
                production: e.production,
                cluster: env_cluster(e.name.as_str()),
                auto_sync: s.gitops.sync.auto_sync
                    && !(e.production && s.gitops.sync.manual_prod_gate),
                revision: match s.gitops.promotion {
                    Promotion::KustomizeOverlays => s.gitops.branch.clone(),
                    Promotion::Branches => e.name.to_string(),
                },
            })
            .collect();

        let mut clusters = Vec::new();
        for (name, cluster_envs) in cluster_plan {
            let mut namespaces = Vec::new();
            for (env, _) in &cluster_envs {
                for g in &s.workload.services {
                    namespaces.push(NamespaceCtx {
                        name: namespace_of(g.name.as_str(), env)?,
                        env: env.clone(),
                        service: g.name.to_string(),
                        exposure: g.exposure.wire(),
                    });
                }
            }
            clusters.push(ClusterCtx {
                tf_id: name.replace('-', "_"),
                name: label(name, "cluster")?,
                production: cluster_envs.iter().any(|(_, p)| *p),
                envs: cluster_envs.into_iter().map(|(e, _)| e).collect(),
                namespaces,
            });
        }

        let components = components(design);
        let has = catalog::ALL
            .iter()
            .map(|c| (c.key, components.contains(c)))
            .collect();
        let mut namespace_owner = BTreeMap::from([("kube-system", "")]);
        for chart in components.iter().filter(|c| c.namespace != "kube-system") {
            namespace_owner.entry(chart.namespace).or_insert(chart.key);
        }
        let mut platform_namespaces: Vec<PlatformNamespace> = Vec::new();
        for chart in components.iter().filter(|c| c.namespace != "kube-system") {
            match platform_namespaces
                .iter_mut()
                .find(|n| n.name == chart.namespace)
            {
                Some(ns) if chart.pss == "privileged" => ns.pss = "privileged",
                Some(_) => {}
                None => platform_namespaces.push(PlatformNamespace {
                    name: chart.namespace,
                    pss: chart.pss,
                }),
            }
        }
        platform_namespaces.sort_by_key(|n| n.name);

        let cilium = s.cluster.cni == Cni::Cilium || s.security.mesh == Mesh::Cilium;
        let gateway_class = (s.cluster.ingress == Ingress::GatewayApi).then_some(if cilium {
            "cilium"
        } else {
            "istio"
        });

        // A policy is generated when the design asks for it, or when the
        // design accepts the finding of the rule it enforces: then the policy
        // exists with an explicit, expiring exception instead of not at all.
        let p = &s.security.policies;
        let accepted = |rule: &str| critique.accepted.iter().any(|f| f.rule == rule);
        let policy_on: BTreeMap<&'static str, bool> = BTreeMap::from([
            ("require-labels", p.required_labels),
            ("require-probes", p.require_probes),
            (
                "require-requests-limits",
                p.resource_limits || accepted("SEC-006"),
            ),
            (
                "disallow-latest-tag",
                p.disallow_latest_tag || accepted("SEC-005"),
            ),
            ("allowed-registries", !p.allowed_registries.is_empty()),
            (
                "verify-image-signatures",
                p.verify_signatures || accepted("SEC-008"),
            ),
        ]);
        let exceptions = critique
            .accepted
            .iter()
            .filter_map(|f| f.exemption.as_ref().map(|e| (f, e)))
            .map(|(f, e)| ExceptionCtx {
                name: format!("accept-{}", f.rule.to_ascii_lowercase()),
                rule: f.rule.to_owned(),
                title: f.title.to_owned(),
                reason: e.reason.clone(),
                owner: e.owner.clone(),
                expires: e.expires.clone(),
                policies: POLICIES
                    .iter()
                    .filter(|(name, rule, _, _)| {
                        *rule == f.rule && policy_on.get(name).copied().unwrap_or(false)
                    })
                    .map(|(name, _, kind, _)| PolicyRef { name, kind })
                    .collect(),
            })
            .collect::<Vec<_>>();
        let gatekeeper_constraints = POLICIES
            .iter()
            .filter(|(name, ..)| policy_on.get(name).copied().unwrap_or(false))
            .filter_map(|(name, rule, _, kind)| {
                kind.map(|kind| ConstraintCtx {
                    name,
                    kind,
                    exception: exceptions.iter().find(|x| x.rule == *rule).cloned(),
                })
            })
            .collect();
        let registries_cel =
            serde_json::to_string(&p.allowed_registries).unwrap_or_else(|_| "[]".into());

        Ok(Self {
            design,
            name: &design.metadata.name,
            slug: design::names::slugify(&design.metadata.name, "platform"),
            gitops: s.gitops.tool.wire(),
            repo_url: &s.gitops.repo_url,
            branch: &s.gitops.branch,
            provider: s.cluster.provider.wire(),
            region: &s.cluster.region,
            kubernetes_version: &s.cluster.kubernetes_version,
            clusters,
            envs,
            services,
            components,
            has,
            delivery: delivery.wire(),
            strategy: s.gitops.progressive_delivery.strategy.wire(),
            pod_security: s.security.pod_security.wire(),
            policy_engine: s.security.policy_engine.wire(),
            mesh: s.security.mesh.wire(),
            mtls: s.security.mtls.wire(),
            secrets: s.gitops.secrets.wire(),
            secret_store: match (s.gitops.secrets, s.cluster.provider) {
                (SecretsBackend::Vault, _) | (_, Provider::Kubeadm) => "vault",
                (_, Provider::Eks) => "aws",
                (_, Provider::Aks) => "azurekv",
                (_, Provider::Gke) => "gcpsm",
            },
            gateway_class,
            registry,
            exceptions,
            gatekeeper_constraints,
            policy_on,
            registries_cel,
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
            registries_message: format!(
                "Images must come from: {}",
                s.security.policies.allowed_registries.join(", ")
            ),
            critique,
            metrics: s.observability.metrics.wire(),
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
            metrics_url: match s.observability.metrics {
                MetricsStack::VictoriaMetrics => {
                    "http://vmsingle-victoria-metrics-k8s-stack.monitoring:8429"
                }
                _ => "http://kube-prometheus-stack-prometheus.monitoring:9090",
            },
            prometheus_service: match s.observability.metrics {
                MetricsStack::VictoriaMetrics => "vmsingle-victoria-metrics-k8s-stack",
                _ => "kube-prometheus-stack-prometheus",
            },
            gateway_namespace: "gateway",
            public_endpoint: !s.cluster.private_endpoint,
            zone_list: (1..=s.cluster.zones.max(1)).map(|z| z.to_string()).collect(),
            aks_log_retention: s.observability.audit_log_retention_days.clamp(30, 730),
            linkerd: s.security.mesh == Mesh::Linkerd,
            otlp_endpoint: match s.observability.tracing {
                TracingBackend::Tempo => Some("http://tempo.monitoring:4317"),
                TracingBackend::Jaeger => Some("http://jaeger-collector.observability:4317"),
                TracingBackend::None => None,
            },
            ingress_class: match s.cluster.ingress {
                Ingress::IngressNginx => "nginx",
                _ => "alb",
            },
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
            pools: s.cluster.node_pools.iter().map(pool_ctx).collect(),
            velero_provider: match s.cluster.provider {
                Provider::Aks => "azure",
                Provider::Gke => "gcp",
                Provider::Eks | Provider::Kubeadm => "aws",
            },
            platform_namespaces,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn preset(slug: &str) -> PlatformDesign {
        design::presets::find(slug)
            .map(|p| p.design())
            .unwrap_or_default()
    }

    #[test]
    fn prod_and_non_prod_makes_two_clusters_with_env_suffixed_namespaces() {
        let d = preset("fintech-eks");
        let review = design::critique::critique(&d, "2026-11-27");
        let ctx = Context::new(&d, &review).expect("context");
        let names: Vec<_> = ctx.clusters.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["non-prod", "prod"]);
        assert_eq!(ctx.clusters[0].envs, ["dev", "staging"]);
        assert!(ctx.clusters[0]
            .namespaces
            .iter()
            .any(|n| n.name == "java-services-staging"));
    }

    #[test]
    fn one_cluster_per_environment_keeps_plain_namespaces() {
        let d = preset("regulated-kubeadm");
        let review = design::critique::critique(&d, "2026-11-27");
        let ctx = Context::new(&d, &review).expect("context");
        assert!(ctx.clusters.iter().all(|c| c.envs.len() == 1));
        assert_eq!(ctx.clusters[0].namespaces[0].name, "records");
    }

    #[test]
    fn only_chosen_components_are_installed() {
        let mut d = preset("fintech-eks");
        d.spec.observability.tracing = TracingBackend::None;
        d.spec.security.runtime_detection = false;
        let keys: Vec<_> = components(&d).iter().map(|c| c.key).collect();
        assert!(
            !keys.contains(&"tempo") && !keys.contains(&"falco"),
            "{keys:?}"
        );
        assert!(keys.contains(&"istiod") && keys.contains(&"karpenter"));
        assert!(!keys.contains(&"ingress-nginx"));
    }

    #[test]
    fn aks_pool_names_start_with_a_letter_and_fit_twelve() {
        assert_eq!(aks_pool_name("non-prod-spot"), "nonprodspot");
        assert_eq!(aks_pool_name("1st-general-purpose"), "p1stgeneralp");
    }

    #[test]
    fn a_namespace_longer_than_a_dns_label_is_a_clear_error() {
        let mut d = preset("fintech-eks");
        d.spec.cluster.environments[0].name = design::EnvName::parse("e".repeat(50)).expect("name");
        let review = design::critique::critique(&d, "2026-11-27");
        let Err(ExportError::Name { name, what, .. }) = Context::new(&d, &review) else {
            panic!("expected a name error");
        };
        assert_eq!(what, "namespace");
        assert!(name.starts_with("java-services-eee"));
    }
}
