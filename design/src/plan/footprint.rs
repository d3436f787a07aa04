//! What the platform itself runs in every cluster: each component's pods with
//! the requests the export writes into its values (`platform/<chart>/sizing.yaml`),
//! the node agents on every node, the mesh's sidecar on every meshed pod, and
//! what the kubelet keeps back on each node.
//!
//! One table serves both the export (which writes these numbers where the
//! chart reads them) and capacity and cost (which add them up), so the sizing
//! in the repository and the sizing on the Cost step cannot drift apart.

use serde::Serialize;

use crate::choices::{Mesh, MtlsMode, Provider, RightSizing, VpaMode};
use crate::model::PlatformDesign;

use super::catalog::Chart;
use super::services::Requests;

/// How many pods of a workload run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "count")]
pub enum Spread {
    /// A fixed number of replicas in each cluster.
    Replicas(u32),
    /// One pod on every node (a DaemonSet).
    EveryNode,
}

/// How a chart spells a container's resources in its values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Layout {
    /// `requests: {cpu, memory}` and `limits: {memory}`, as in a pod spec.
    Kubernetes,
    /// Linkerd's `cpu: {request}` and `memory: {request, limit}`.
    Linkerd,
}

/// Who decides a workload's requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SetBy {
    /// The export writes them into the chart's values.
    Export,
    /// The provider's add-on or an operator sets them; the figure is its
    /// documented default as Slipway counts it.
    Provider,
}

/// A volume each replica claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Volume {
    /// Size in GiB.
    pub gib: u32,
    /// Where the size goes in the chart's values (dotted), written as `<gib>Gi`.
    pub at: &'static str,
}

/// One workload of the platform (one container's requests per pod).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlatformWorkload {
    /// Catalogue key of the chart that runs it (or `provider` for add-ons).
    pub component: &'static str,
    /// What it is, for people.
    pub name: &'static str,
    /// How many pods.
    pub spread: Spread,
    /// Requests of one pod's container.
    pub requests: Requests,
    /// Memory limit of that container, in MiB.
    pub memory_limit_mebibytes: u64,
    /// Where the requests go in the chart's values (dotted path of the
    /// resources map); `None` when the export does not set them.
    pub resources_at: Option<&'static str>,
    /// Where the replica count goes (dotted), when the chart has one.
    pub replicas_at: Option<&'static str>,
    /// How the chart spells resources.
    pub layout: Layout,
    /// Who sets the requests.
    pub set_by: SetBy,
    /// A volume per replica.
    pub volume: Option<Volume>,
    /// Other sizing values the requests depend on (dotted path, integer),
    /// e.g. the memory a cache is told to use.
    pub settings: Vec<(&'static str, u64)>,
    /// Whether its pods carry the mesh's sidecar.
    pub meshed: bool,
}

/// The mesh's proxy in each meshed pod.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sidecar {
    /// The chart whose values set it.
    pub component: &'static str,
    /// Requests of one proxy.
    pub requests: Requests,
    /// CPU limit of one proxy, millicores: a namespace quota on CPU limits
    /// refuses a pod whose injected proxy declares none.
    pub cpu_limit_millicores: u64,
    /// Memory limit of one proxy, MiB.
    pub memory_limit_mebibytes: u64,
    /// Where the chart reads them (dotted).
    pub resources_at: &'static str,
    /// How the chart spells them.
    pub layout: Layout,
}

/// Everything the platform runs in each cluster besides the applications.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Footprint {
    /// Component pods and node agents.
    pub workloads: Vec<PlatformWorkload>,
    /// The mesh proxy, when a sidecar mesh is chosen.
    pub sidecar: Option<Sidecar>,
    /// Active series of the busiest cluster: application replicas and nodes.
    pub metrics_series: u64,
    /// The volume each metrics-store replica claims for them, GiB.
    pub metrics_volume_gib: u32,
}

impl Sidecar {
    /// The proxy's limits, as requests-shaped figures.
    pub fn limits(&self) -> Requests {
        r(self.cpu_limit_millicores, self.memory_limit_mebibytes)
    }
}

impl Footprint {
    /// What the fixed-replica workloads request in one cluster.
    pub fn replicated(&self) -> Requests {
        self.workloads
            .iter()
            .filter_map(|w| match w.spread {
                Spread::Replicas(n) => Some(times(w.requests, u64::from(n))),
                Spread::EveryNode => None,
            })
            .fold(Requests::ZERO, Requests::plus)
    }

    /// What the node agents request on one node.
    pub fn per_node(&self) -> Requests {
        self.workloads
            .iter()
            .filter(|w| w.spread == Spread::EveryNode)
            .fold(Requests::ZERO, |t, w| t.plus(w.requests))
    }

    /// Platform pods that carry a sidecar, in one cluster.
    pub fn meshed_pods(&self) -> u64 {
        self.workloads
            .iter()
            .filter(|w| w.meshed)
            .map(|w| match w.spread {
                Spread::Replicas(n) => u64::from(n),
                Spread::EveryNode => 0,
            })
            .sum()
    }

    /// Volumes the platform claims in one cluster, in GiB.
    pub fn volume_gib(&self) -> u64 {
        self.workloads
            .iter()
            .filter_map(|w| {
                let volume = w.volume?;
                match w.spread {
                    Spread::Replicas(n) => Some(u64::from(n) * u64::from(volume.gib)),
                    Spread::EveryNode => None,
                }
            })
            .sum()
    }

    /// The workloads of one component.
    pub fn of(&self, component: &str) -> impl Iterator<Item = &PlatformWorkload> + '_ {
        let component = component.to_owned();
        self.workloads
            .iter()
            .filter(move |w| w.component == component)
    }
}

/// `requests` times `n`.
pub fn times(requests: Requests, n: u64) -> Requests {
    Requests {
        cpu_millicores: requests.cpu_millicores.saturating_mul(n),
        memory_mebibytes: requests.memory_mebibytes.saturating_mul(n),
    }
}

/// What the kubelet, the container runtime and eviction keep back on a node
/// of `vcpu` and `memory_gib`: GKE's published formula (CPU 6 % of the first
/// core, 1 % of the second, 0.5 % of the next two, 0.25 % above four; memory
/// 25 % of the first 4 GiB, 20 % of the next 4, 10 % of the next 8, 6 % of the
/// next 112, 2 % above, plus 100 MiB for eviction). EKS and AKS reserve amounts
/// of the same order; self-managed nodes are counted alike.
pub fn node_reserve(vcpu: u32, memory_gib: u32) -> Requests {
    let cores = f64::from(vcpu);
    let cpu = 60.0 * cores.min(1.0)
        + 10.0 * (cores - 1.0).clamp(0.0, 1.0)
        + 5.0 * (cores - 2.0).clamp(0.0, 2.0)
        + 2.5 * (cores - 4.0).max(0.0);
    let gib = f64::from(memory_gib);
    let memory = 1024.0
        * (0.25 * gib.min(4.0)
            + 0.20 * (gib - 4.0).clamp(0.0, 4.0)
            + 0.10 * (gib - 8.0).clamp(0.0, 8.0)
            + 0.06 * (gib - 16.0).clamp(0.0, 112.0)
            + 0.02 * (gib - 128.0).max(0.0))
        + 100.0;
    Requests {
        cpu_millicores: cpu.round() as u64,
        memory_mebibytes: memory.round() as u64,
    }
}

const fn r(cpu_millicores: u64, memory_mebibytes: u64) -> Requests {
    Requests {
        cpu_millicores,
        memory_mebibytes,
    }
}

/// A workload whose requests the export sets at `resources_at`.
fn set(
    component: &'static str,
    name: &'static str,
    spread: Spread,
    requests: Requests,
    memory_limit_mebibytes: u64,
    resources_at: &'static str,
    replicas_at: Option<&'static str>,
) -> PlatformWorkload {
    PlatformWorkload {
        component,
        name,
        spread,
        requests,
        memory_limit_mebibytes,
        resources_at: Some(resources_at),
        replicas_at,
        layout: Layout::Kubernetes,
        set_by: SetBy::Export,
        volume: None,
        settings: Vec::new(),
        meshed: false,
    }
}

/// A node agent or system pod the provider (or an operator) sizes itself.
fn provided(name: &'static str, requests: Requests) -> PlatformWorkload {
    PlatformWorkload {
        component: "provider",
        name,
        spread: Spread::EveryNode,
        requests,
        memory_limit_mebibytes: 0,
        resources_at: None,
        replicas_at: None,
        layout: Layout::Kubernetes,
        set_by: SetBy::Provider,
        volume: None,
        settings: Vec::new(),
        meshed: false,
    }
}

impl PlatformWorkload {
    fn with_volume(mut self, gib: u32, at: &'static str) -> Self {
        self.volume = Some(Volume { gib, at });
        self
    }

    fn with_setting(mut self, at: &'static str, value: u64) -> Self {
        self.settings.push((at, value));
        self
    }

    fn linkerd(mut self) -> Self {
        self.layout = Layout::Linkerd;
        self
    }

    fn meshed(mut self) -> Self {
        self.meshed = true;
        self
    }
}

use Spread::{EveryNode, Replicas};

/// Active series one application replica exposes.
pub const SERIES_PER_REPLICA: u64 = 1_000;
/// Series each node adds (node exporter, kubelet, cAdvisor, kube-state-metrics).
pub const SERIES_PER_NODE: u64 = 1_500;
/// Bytes a stored sample takes after compression.
pub const BYTES_PER_SAMPLE: f64 = 2.0;
/// Samples per series and day at a 30-second scrape.
pub const SAMPLES_PER_SERIES_PER_DAY: f64 = 2_880.0;
/// Room over the expected size of the metrics store (write-ahead log,
/// compaction, series churn).
pub const TSDB_HEADROOM: f64 = 1.5;

/// The volume a metrics store needs for `series` active series kept `days`
/// days, with headroom, in GiB: rounded up to ten, at least 20.
pub fn metrics_volume_gib(series: u64, days: u32) -> u32 {
    let bytes = series as f64
        * BYTES_PER_SAMPLE
        * SAMPLES_PER_SERIES_PER_DAY
        * f64::from(days)
        * TSDB_HEADROOM;
    let gib = (bytes / f64::from(1u32 << 30) / 10.0).ceil() * 10.0;
    gib.clamp(20.0, 65_536.0) as u32
}

/// The workloads one chart runs, as the design configures it; `metrics_gib`
/// is the volume each metrics-store replica claims.
#[rustfmt::skip]
fn chart_workloads(design: &PlatformDesign, chart: &Chart, metrics_gib: u32) -> Vec<PlatformWorkload> {
    let s = &design.spec;
    let o = &s.observability;
    let k = chart.key;
    match k {
        "argo-cd" => vec![
            set(k, "application controller", Replicas(1), r(250, 1024), 2048, "controller.resources", Some("controller.replicas")),
            set(k, "API server and UI", Replicas(2), r(100, 256), 512, "server.resources", Some("server.replicas")),
            set(k, "repository server", Replicas(2), r(100, 256), 1024, "repoServer.resources", Some("repoServer.replicas")),
            set(k, "ApplicationSet controller", Replicas(2), r(50, 128), 256, "applicationSet.resources", Some("applicationSet.replicas")),
            set(k, "Redis (HA)", Replicas(3), r(50, 128), 512, "redis-ha.redis.resources", Some("redis-ha.replicas")),
            set(k, "Redis sentinel (in the Redis pods)", Replicas(3), r(20, 64), 128, "redis-ha.sentinel.resources", None),
            set(k, "Redis HAProxy", Replicas(3), r(50, 64), 128, "redis-ha.haproxy.resources", Some("redis-ha.haproxy.replicas")),
            set(k, "Dex (single sign-on)", Replicas(1), r(10, 64), 128, "dex.resources", None),
            set(k, "notifications controller", Replicas(1), r(10, 64), 128, "notifications.resources", None),
        ],
        "cilium" => {
            let mut out = vec![
                set(k, "Cilium agent", EveryNode, r(100, 512), 1024, "resources", None),
                set(k, "Cilium Envoy", EveryNode, r(50, 128), 512, "envoy.resources", None),
                set(k, "Cilium operator", Replicas(2), r(50, 128), 256, "operator.resources", Some("operator.replicas")),
                set(k, "Hubble relay", Replicas(1), r(50, 64), 256, "hubble.relay.resources", None),
            ];
            if s.security.mesh == Mesh::Cilium && s.security.mtls != MtlsMode::Off {
                out.push(set(k, "SPIRE server", Replicas(1), r(50, 128), 256, "authentication.mutual.spire.install.server.resources", None));
                out.push(set(k, "SPIRE agent", EveryNode, r(20, 64), 128, "authentication.mutual.spire.install.agent.resources", None));
            }
            out
        }
        "istio-cni" => vec![set(k, "Istio CNI node agent", EveryNode, r(100, 100), 256, "cni.resources", None)],
        "istiod" => vec![set(k, "istiod", Replicas(2), r(500, 2048), 4096, "pilot.resources", Some("pilot.autoscaleMin"))],
        "linkerd2-cni" => vec![set(k, "Linkerd CNI plugin", EveryNode, r(20, 32), 64, "resources", None).linkerd()],
        "linkerd-control-plane" => vec![
            set(k, "destination", Replicas(2), r(100, 256), 512, "destinationResources", Some("controllerReplicas")).linkerd().meshed(),
            set(k, "identity", Replicas(2), r(50, 64), 256, "identityResources", None).linkerd().meshed(),
            set(k, "proxy injector", Replicas(2), r(50, 64), 256, "proxyInjectorResources", None).linkerd().meshed(),
        ],
        "cert-manager" => vec![
            set(k, "controller", Replicas(2), r(50, 128), 256, "resources", Some("replicaCount")),
            set(k, "webhook", Replicas(2), r(20, 64), 128, "webhook.resources", Some("webhook.replicaCount")),
            set(k, "CA injector", Replicas(2), r(20, 128), 256, "cainjector.resources", Some("cainjector.replicaCount")),
        ],
        "aws-load-balancer-controller" => vec![set(k, "controller", Replicas(2), r(50, 128), 256, "resources", Some("replicaCount"))],
        "ingress-nginx" => vec![set(k, "controller", Replicas(2), r(100, 256), 512, "controller.resources", Some("controller.replicaCount"))],
        "external-secrets" => vec![
            set(k, "controller", Replicas(2), r(50, 128), 256, "resources", Some("replicaCount")),
            set(k, "webhook", Replicas(2), r(20, 64), 128, "webhook.resources", Some("webhook.replicaCount")),
            set(k, "certificate controller", Replicas(1), r(20, 64), 128, "certController.resources", Some("certController.replicaCount")),
        ],
        "sealed-secrets" => vec![set(k, "controller", Replicas(1), r(50, 64), 128, "resources", None)],
        "kyverno" => vec![
            set(k, "admission controller", Replicas(3), r(100, 256), 512, "admissionController.container.resources", Some("admissionController.replicas")),
            set(k, "background controller", Replicas(2), r(100, 128), 256, "backgroundController.resources", Some("backgroundController.replicas")),
            set(k, "cleanup controller", Replicas(2), r(50, 64), 128, "cleanupController.resources", Some("cleanupController.replicas")),
            set(k, "reports controller", Replicas(2), r(100, 128), 256, "reportsController.resources", Some("reportsController.replicas")),
        ],
        "gatekeeper" => vec![
            set(k, "controller manager", Replicas(3), r(100, 256), 512, "controllerManager.resources", Some("replicas")),
            set(k, "audit", Replicas(1), r(100, 256), 512, "audit.resources", None),
        ],
        "falco" => vec![
            set(k, "Falco", EveryNode, r(100, 512), 1024, "resources", None),
            set(k, "Falcosidekick", Replicas(2), r(20, 64), 128, "falcosidekick.resources", Some("falcosidekick.replicaCount")),
        ],
        "karpenter" => vec![set(k, "controller", Replicas(2), r(250, 512), 1024, "controller.resources", Some("replicas"))],
        "cluster-autoscaler" => vec![set(k, "Cluster Autoscaler", Replicas(1), r(100, 300), 600, "resources", Some("replicaCount"))],
        "metrics-server" => vec![set(k, "metrics-server", Replicas(2), r(100, 200), 400, "resources", Some("replicas"))],
        "vertical-pod-autoscaler" => {
            let mut out = vec![
                set(k, "recommender", Replicas(1), r(50, 500), 1000, "recommender.resources", Some("recommender.replicas")),
                set(k, "admission controller", Replicas(1), r(50, 200), 500, "admissionController.resources", Some("admissionController.replicas")),
            ];
            if s.cluster.workload_autoscaling.vpa == VpaMode::Auto
                || s.cost.right_sizing == RightSizing::Automatic
            {
                out.push(set(k, "updater", Replicas(1), r(50, 200), 500, "updater.resources", Some("updater.replicas")));
            }
            out
        }
        "keda" => vec![
            set(k, "operator", Replicas(2), r(100, 128), 512, "resources.operator", Some("operator.replicaCount")),
            set(k, "metrics API server", Replicas(1), r(100, 128), 512, "resources.metricServer", Some("metricsServer.replicaCount")),
            set(k, "admission webhooks", Replicas(1), r(50, 64), 256, "resources.webhooks", Some("webhooks.replicaCount")),
        ],
        "kube-prometheus-stack" => {
            let mut out = vec![
                set(k, "Prometheus", Replicas(2), r(300, 2048), 4096, "prometheus.prometheusSpec.resources", Some("prometheus.prometheusSpec.replicas"))
                    .with_volume(metrics_gib, "prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec.resources.requests.storage"),
            ];
            if o.long_term_store == crate::choices::LongTermStore::Thanos {
                out.push(set(k, "Thanos sidecar (in the Prometheus pods)", Replicas(2), r(50, 128), 512, "prometheus.prometheusSpec.thanos.resources", None));
            }
            out.extend([
                set(k, "Alertmanager", Replicas(2), r(20, 64), 128, "alertmanager.alertmanagerSpec.resources", Some("alertmanager.alertmanagerSpec.replicas")),
                set(k, "Prometheus operator", Replicas(1), r(100, 128), 256, "prometheusOperator.resources", None),
                set(k, "kube-state-metrics", Replicas(1), r(50, 128), 256, "kube-state-metrics.resources", None),
                set(k, "node exporter", EveryNode, r(20, 32), 64, "prometheus-node-exporter.resources", None),
            ]);
            if o.dashboards {
                out.push(set(k, "Grafana", Replicas(1), r(100, 256), 512, "grafana.resources", None));
            }
            out
        }
        "victoria-metrics-k8s-stack" => {
            let mut out = vec![
                set(k, "VMSingle", Replicas(1), r(500, 1024), 2048, "vmsingle.spec.resources", None)
                    .with_volume(metrics_gib, "vmsingle.spec.storage.resources.requests.storage"),
                set(k, "VMAgent", Replicas(1), r(200, 256), 512, "vmagent.spec.resources", None),
                set(k, "VMAlert", Replicas(1), r(50, 64), 128, "vmalert.spec.resources", None),
                set(k, "Alertmanager", Replicas(1), r(20, 64), 128, "alertmanager.spec.resources", None),
                set(k, "VictoriaMetrics operator", Replicas(1), r(50, 128), 256, "victoria-metrics-operator.resources", None),
                set(k, "kube-state-metrics", Replicas(1), r(50, 128), 256, "kube-state-metrics.resources", None),
                set(k, "node exporter", EveryNode, r(20, 32), 64, "prometheus-node-exporter.resources", None),
            ];
            if o.dashboards {
                out.push(set(k, "Grafana", Replicas(1), r(100, 256), 512, "grafana.resources", None));
            }
            out
        }
        "loki" => vec![
            set(k, "read path", Replicas(3), r(100, 256), 1024, "read.resources", Some("read.replicas")),
            set(k, "write path", Replicas(3), r(100, 512), 1024, "write.resources", Some("write.replicas"))
                .with_volume(10, "write.persistence.size"),
            set(k, "backend", Replicas(3), r(100, 256), 512, "backend.resources", Some("backend.replicas"))
                .with_volume(10, "backend.persistence.size"),
            set(k, "gateway", Replicas(1), r(20, 64), 128, "gateway.resources", Some("gateway.replicas")),
            // The chart's default chunk cache asks for 9.6 GiB; a 1 GiB cache
            // (the memcached limit plus a fifth, as the chart sizes it) suits a start.
            set(k, "chunk cache (memcached)", Replicas(1), r(100, 1229), 1229, "chunksCache.resources", Some("chunksCache.replicas"))
                .with_setting("chunksCache.allocatedMemory", 1024),
            set(k, "results cache (memcached)", Replicas(1), r(50, 307), 307, "resultsCache.resources", Some("resultsCache.replicas"))
                .with_setting("resultsCache.allocatedMemory", 256),
            set(k, "Loki canary", EveryNode, r(10, 32), 64, "lokiCanary.resources", None),
        ],
        "tempo" => vec![set(k, "Tempo", Replicas(1), r(100, 512), 1024, "tempo.resources", Some("replicas"))],
        "jaeger" => vec![set(k, "Jaeger", Replicas(1), r(100, 256), 512, "jaeger.resources", Some("jaeger.replicas"))],
        "opencost" => vec![
            set(k, "exporter", Replicas(1), r(50, 128), 256, "opencost.exporter.resources", None),
            set(k, "UI", Replicas(1), r(10, 32), 64, "opencost.ui.resources", None),
        ],
        "velero" => vec![
            set(k, "Velero server", Replicas(1), r(100, 128), 512, "resources", None),
            set(k, "node agent (volume backups)", EveryNode, r(100, 256), 1024, "nodeAgent.resources", None),
        ],
        "argo-rollouts" => vec![set(k, "controller", Replicas(2), r(50, 128), 256, "controller.resources", Some("controller.replicas"))],
        "flagger" => vec![set(k, "Flagger", Replicas(1), r(10, 64), 128, "resources", None)],
        "tigera-operator" => vec![
            set(k, "Tigera operator", Replicas(1), r(100, 128), 256, "resources", None),
            PlatformWorkload {
                component: k,
                ..provided("calico-node (the operator sizes it; Slipway counts this)", r(250, 256))
            },
        ],
        "fluent-bit" => vec![set(k, "Fluent Bit", EveryNode, r(50, 64), 256, "resources", None)],
        "mimir" => vec![
            set(k, "distributor", Replicas(2), r(100, 512), 1024, "distributor.resources", Some("distributor.replicas")),
            set(k, "ingester", Replicas(3), r(250, 2048), 4096, "ingester.resources", Some("ingester.replicas"))
                .with_volume(50, "ingester.persistentVolume.size"),
            set(k, "querier", Replicas(2), r(100, 512), 1024, "querier.resources", Some("querier.replicas")),
            set(k, "query frontend", Replicas(1), r(100, 256), 512, "query_frontend.resources", Some("query_frontend.replicas")),
            set(k, "query scheduler", Replicas(2), r(50, 128), 256, "query_scheduler.resources", Some("query_scheduler.replicas")),
            set(k, "store gateway", Replicas(3), r(100, 512), 1024, "store_gateway.resources", Some("store_gateway.replicas"))
                .with_volume(20, "store_gateway.persistentVolume.size"),
            set(k, "compactor", Replicas(1), r(100, 512), 1024, "compactor.resources", Some("compactor.replicas"))
                .with_volume(20, "compactor.persistentVolume.size"),
            set(k, "ruler", Replicas(1), r(50, 128), 256, "ruler.resources", Some("ruler.replicas")),
            set(k, "Alertmanager", Replicas(1), r(20, 64), 128, "alertmanager.resources", Some("alertmanager.replicas"))
                .with_volume(1, "alertmanager.persistentVolume.size"),
            set(k, "gateway", Replicas(1), r(50, 64), 128, "gateway.resources", Some("gateway.replicas")),
            set(k, "overrides exporter", Replicas(1), r(20, 64), 128, "overrides_exporter.resources", Some("overrides_exporter.replicas")),
            set(k, "rollout operator", Replicas(1), r(20, 64), 128, "rollout_operator.resources", None),
        ],
        _ => Vec::new(),
    }
}

/// Node agents and system pods of the provider that every node runs.
#[rustfmt::skip]
fn provider_workloads(design: &PlatformDesign, components: &[Chart]) -> Vec<PlatformWorkload> {
    let kube_proxy = !components.iter().any(|c| c.key == "cilium");
    let mut out = Vec::new();
    if kube_proxy {
        out.push(provided("kube-proxy", r(100, 0)));
    }
    match design.spec.cluster.provider {
        Provider::Eks => {
            out.push(provided("VPC CNI (aws-node)", r(25, 0)));
            out.push(provided("EBS CSI node driver", r(30, 96)));
            out.push(provided("EKS Pod Identity agent", r(25, 0)));
        }
        Provider::Aks => {
            out.push(provided("Azure CNS and IP masquerade agent", r(80, 320)));
            out.push(provided("Azure disk and file CSI node drivers", r(60, 120)));
            out.push(provided("cloud node manager", r(50, 50)));
        }
        Provider::Gke => {
            out.push(provided("GKE logging and metrics agents", r(110, 260)));
            out.push(provided("Persistent Disk CSI node driver", r(10, 20)));
            out.push(provided("netd", r(5, 30)));
        }
        Provider::Kubeadm => {}
    }
    out
}

/// The platform's footprint in each cluster of `design`, for its components;
/// `metrics_series` is the most active series any one cluster holds, which
/// sizes the metrics store's volume.
pub fn footprint(design: &PlatformDesign, components: &[Chart], metrics_series: u64) -> Footprint {
    let metrics_gib = metrics_volume_gib(
        metrics_series,
        design.spec.observability.metrics_retention_days,
    );
    let mut workloads: Vec<PlatformWorkload> = components
        .iter()
        .flat_map(|c| chart_workloads(design, c, metrics_gib))
        .collect();
    workloads.extend(provider_workloads(design, components));
    // The mesh the design chose injects the proxy (istiod may also run for an
    // Istio gateway under another mesh).
    let has = |key: &str| components.iter().any(|c| c.key == key);
    let mesh = design.spec.security.mesh;
    let sidecar = if mesh == Mesh::Istio && has("istiod") {
        Some(Sidecar {
            component: "istiod",
            requests: r(100, 128),
            // Istio's own default limits, declared so the quota can count them.
            cpu_limit_millicores: 2000,
            memory_limit_mebibytes: 1024,
            resources_at: "global.proxy.resources",
            layout: Layout::Kubernetes,
        })
    } else if mesh == Mesh::Linkerd && has("linkerd-control-plane") {
        Some(Sidecar {
            component: "linkerd-control-plane",
            requests: r(50, 64),
            cpu_limit_millicores: 1000,
            memory_limit_mebibytes: 256,
            resources_at: "proxy.resources",
            layout: Layout::Linkerd,
        })
    } else {
        None
    };
    Footprint {
        workloads,
        sidecar,
        metrics_series,
        metrics_volume_gib: metrics_gib,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::Plan;

    #[test]
    fn the_kubelet_keeps_back_what_gkes_formula_says() {
        // 4 vCPU: 60 + 10 + 2 × 5 = 80 m; 16 GiB: 1 + 0.8 + 0.8 GiB + 100 MiB.
        assert_eq!(node_reserve(4, 16), r(80, 2662 + 100));
        // 8 vCPU adds 4 × 2.5 m; 32 GiB adds 6 % of 16 GiB.
        assert_eq!(node_reserve(8, 32).cpu_millicores, 90);
        assert_eq!(node_reserve(8, 32).memory_mebibytes, 2662 + 983 + 100);
    }

    #[test]
    fn the_metrics_volume_follows_series_and_retention() {
        // 175,000 series × 2 B × 2880 a day × 15 days × 1.5 = 22.6 GB = 21.1 GiB → 30 GiB.
        assert_eq!(metrics_volume_gib(175_000, 15), 30);
        // Twice the retention, about twice the volume.
        assert_eq!(metrics_volume_gib(175_000, 30), 50);
        // Small clusters still get 20 GiB.
        assert_eq!(metrics_volume_gib(5_000, 15), 20);
    }

    #[test]
    fn every_component_but_definitions_has_sized_workloads() {
        // Charts that only install definitions run no pods.
        let pods_free = ["gateway-api", "istio-base", "linkerd-crds"];
        for chart in crate::plan::catalog::ALL {
            let design = PlatformDesign::default();
            let sized = chart_workloads(&design, chart, 20);
            assert_eq!(
                sized.is_empty(),
                pods_free.contains(&chart.key),
                "{}",
                chart.key
            );
            for w in sized {
                assert!(w.requests.cpu_millicores > 0, "{} {}", chart.key, w.name);
                assert!(
                    w.set_by == SetBy::Provider
                        || w.memory_limit_mebibytes >= w.requests.memory_mebibytes,
                    "{} {}: limit under request",
                    chart.key,
                    w.name
                );
            }
        }
    }

    #[test]
    fn a_sidecar_mesh_adds_its_proxy_and_cilium_replaces_kube_proxy() {
        let design = crate::presets::find("fintech-eks")
            .map(|p| p.design())
            .unwrap_or_default();
        let plan = Plan::of(&design);
        let f = &plan.footprint;
        assert_eq!(f.sidecar.as_ref().map(|s| s.requests), Some(r(100, 128)));
        assert!(f.workloads.iter().any(|w| w.name == "kube-proxy"));
        let mut cilium = design.clone();
        cilium.spec.security.mesh = Mesh::Cilium;
        let plan = Plan::of(&cilium);
        let f = &plan.footprint;
        assert!(f.sidecar.is_none());
        assert!(!f.workloads.iter().any(|w| w.name == "kube-proxy"));
    }

    #[test]
    fn sums_count_replicas_nodes_and_volumes_apart() {
        let design = PlatformDesign::default();
        let plan = Plan::of(&design);
        let f = &plan.footprint;
        let replicated = f.replicated();
        let by_hand = f
            .workloads
            .iter()
            .filter_map(|w| match w.spread {
                Replicas(n) => Some(w.requests.cpu_millicores * u64::from(n)),
                EveryNode => None,
            })
            .sum::<u64>();
        assert_eq!(replicated.cpu_millicores, by_hand);
        assert!(f.per_node().cpu_millicores > 0);
        // Two Prometheus replicas with the metrics volume each; Loki's three
        // writers and three backends with 10 GiB each.
        assert_eq!(f.volume_gib(), 2 * u64::from(f.metrics_volume_gib) + 60);
    }
}
