//! Closed choices of the design (provider, GitOps tool, …) as enums.
//!
//! Each enum knows its wire value (kebab-case in the design file), a label for
//! people and the list of all its values, so a form can offer them in a select
//! without the UI knowing anything about the domain.

/// A closed set of values that a form can offer.
pub trait Choice: Sized + Copy + PartialEq + 'static {
    /// Every value, in the order a form should offer them.
    const ALL: &'static [Self];
    /// The wire values, in the order of [`Choice::ALL`].
    const WIRES: &'static [&'static str];
    /// The value as written in the design file.
    fn wire(self) -> &'static str;
    /// A short label for people.
    fn label(self) -> &'static str;
    /// Parses a wire value.
    fn from_wire(text: &str) -> Option<Self> {
        position(Self::WIRES, text).map(|i| Self::ALL[i])
    }
}

/// Where `text` is among `wires`; one function for every choice.
fn position(wires: &[&str], text: &str) -> Option<usize> {
    wires.iter().position(|wire| *wire == text)
}

/// Reads the position of a wire value among `wires`. One visitor serves
/// every choice: a derived `Deserialize` would compile a variant matcher per
/// enum and per format, and the browser carries each of them.
fn deserialize_wire<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
    wires: &'static [&'static str],
) -> Result<usize, D::Error> {
    struct WireValue(&'static [&'static str]);
    impl serde::de::Visitor<'_> for WireValue {
        type Value = usize;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("one of the listed values")
        }
        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<usize, E> {
            position(self.0, text).ok_or_else(|| E::unknown_variant(text, self.0))
        }
    }
    deserializer.deserialize_str(WireValue(wires))
}

macro_rules! choice {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $wire:literal : $label:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vdoc])* $variant),+
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.wire())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserialize_wire(deserializer, Self::WIRES).map(|i| Self::ALL[i])
            }
        }

        impl Choice for $name {
            const ALL: &'static [Self] = &[$(Self::$variant),+];
            const WIRES: &'static [&'static str] = &[$($wire),+];
            // The variants are numbered in the order they are listed.
            fn wire(self) -> &'static str {
                Self::WIRES[self as usize]
            }
            fn label(self) -> &'static str {
                const LABELS: &[&str] = &[$($label),+];
                LABELS[self as usize]
            }
        }
    };
}

choice!(
    /// Where the cluster runs.
    Provider {
        /// Amazon Elastic Kubernetes Service.
        Eks = "eks": "Amazon EKS",
        /// Azure Kubernetes Service.
        Aks = "aks": "Azure AKS",
        /// Google Kubernetes Engine.
        Gke = "gke": "Google GKE",
        /// Self-managed clusters built with kubeadm.
        Kubeadm = "kubeadm": "Self-managed (kubeadm)",
    }
);

impl Provider {
    /// The provider's key in the pricing table, if it has one.
    pub fn pricing_key(self) -> Option<&'static str> {
        match self {
            Provider::Eks => Some("aws"),
            Provider::Aks => Some("azure"),
            Provider::Gke => Some("gcp"),
            Provider::Kubeadm => None,
        }
    }
}

choice!(
    /// The language and framework of a service group.
    Runtime {
        /// Java on Spring Boot.
        JavaSpring = "java-spring": "Java / Spring Boot",
        /// Python on FastAPI.
        PythonFastapi = "python-fastapi": "Python / FastAPI",
        /// Go.
        Go = "go": "Go",
        /// Node.js.
        Node = "node": "Node.js",
        /// .NET.
        Dotnet = "dotnet": ".NET",
        /// Anything else.
        Other = "other": "Other",
    }
);

choice!(
    /// What a service group does.
    ServiceKind {
        /// Request/response API.
        Api = "api": "API",
        /// Web front end.
        Web = "web": "Web",
        /// Background worker consuming a queue.
        Worker = "worker": "Worker",
        /// Scheduled or one-off batch job.
        Batch = "batch": "Batch",
        /// Machine-learning inference or training.
        Ml = "ml": "ML",
    }
);

choice!(
    /// Who can reach a service group.
    Exposure {
        /// Reachable from the internet through the ingress.
        Public = "public": "Public",
        /// Reachable inside the network only.
        Internal = "internal": "Internal",
        /// Not reachable; it calls out only.
        None = "none": "None",
    }
);

choice!(
    /// A compliance regime the platform must satisfy.
    Compliance {
        /// Payment Card Industry Data Security Standard.
        PciDss = "pci-dss": "PCI-DSS",
        /// US health data.
        Hipaa = "hipaa": "HIPAA",
        /// Service Organization Control 2.
        Soc2 = "soc2": "SOC 2",
        /// EU data residency under GDPR.
        GdprResidency = "gdpr-residency": "GDPR residency",
    }
);

choice!(
    /// The availability the platform promises, per month.
    Availability {
        /// 99.0 %: about 7 hours 18 minutes of downtime a month.
        P99_0 = "99.0": "99.0 %",
        /// 99.5 %: about 3 hours 39 minutes a month.
        P99_5 = "99.5": "99.5 %",
        /// 99.9 %: about 43 minutes a month.
        P99_9 = "99.9": "99.9 %",
        /// 99.95 %: about 22 minutes a month.
        P99_95 = "99.95": "99.95 %",
        /// 99.99 %: about 4 minutes a month.
        P99_99 = "99.99": "99.99 %",
    }
);

impl Availability {
    /// Minutes of downtime the target allows in a 30-day month.
    pub fn downtime_minutes_per_month(self) -> f64 {
        let percent: f64 = match self {
            Availability::P99_0 => 99.0,
            Availability::P99_5 => 99.5,
            Availability::P99_9 => 99.9,
            Availability::P99_95 => 99.95,
            Availability::P99_99 => 99.99,
        };
        30.0 * 24.0 * 60.0 * (100.0 - percent) / 100.0
    }
}

choice!(
    /// How well the team knows Kubernetes.
    Experience {
        /// Never ran Kubernetes in production.
        None = "none": "None",
        /// Some exposure, no deep operating experience.
        Limited = "limited": "Limited",
        /// Has operated production clusters.
        Experienced = "experienced": "Experienced",
    }
);

choice!(
    /// How clusters are split across environments.
    Topology {
        /// One cluster; environments are namespaces.
        Single = "single": "Single cluster",
        /// A production cluster and one shared non-production cluster.
        ProdAndNonProd = "prod-and-non-prod": "Prod + non-prod",
        /// One cluster per environment.
        PerEnvironment = "per-environment": "One per environment",
    }
);

choice!(
    /// What adds and removes nodes.
    NodeAutoscaler {
        /// Kubernetes Cluster Autoscaler.
        ClusterAutoscaler = "cluster-autoscaler": "Cluster Autoscaler",
        /// Karpenter.
        Karpenter = "karpenter": "Karpenter",
        /// Fixed node counts.
        None = "none": "None",
    }
);

choice!(
    /// Vertical Pod Autoscaler mode.
    VpaMode {
        /// Not installed.
        Off = "off": "Off",
        /// Recommendations only.
        Recommend = "recommend": "Recommend only",
        /// Applies new requests by recreating pods.
        Auto = "auto": "Auto",
    }
);

choice!(
    /// Container network interface.
    Cni {
        /// The provider's own CNI (VPC CNI, Azure CNI, GKE Dataplane).
        ProviderDefault = "provider-default": "Provider default",
        /// Cilium (eBPF).
        Cilium = "cilium": "Cilium",
        /// Calico.
        Calico = "calico": "Calico",
    }
);

choice!(
    /// How traffic enters the cluster.
    Ingress {
        /// The cloud's load-balancer controller.
        CloudLoadBalancer = "cloud-load-balancer": "Cloud load-balancer controller",
        /// Gateway API with Envoy Gateway.
        GatewayApi = "gateway-api": "Gateway API",
        /// ingress-nginx (retired upstream; kept so old designs load).
        IngressNginx = "ingress-nginx": "ingress-nginx (retired)",
    }
);

choice!(
    /// The GitOps controller.
    GitopsTool {
        /// Argo CD.
        ArgoCd = "argo-cd": "Argo CD",
        /// Flux.
        Flux = "flux": "Flux",
    }
);

choice!(
    /// How the GitOps repository is organised.
    RepoLayout {
        /// One repository; a root application generates the others.
        MonoRepoAppOfApps = "mono-repo-app-of-apps": "Mono-repo, app of apps",
        /// One repository; an ApplicationSet generates applications.
        MonoRepoApplicationSet = "mono-repo-applicationset": "Mono-repo, ApplicationSet",
        /// Platform and applications in separate repositories.
        MultiRepo = "multi-repo": "Multi-repo",
    }
);

choice!(
    /// How a change moves from one environment to the next.
    Promotion {
        /// Kustomize overlays per environment on one branch.
        KustomizeOverlays = "kustomize-overlays": "Kustomize overlays",
        /// One branch per environment.
        Branches = "branches": "Branch per environment",
    }
);

choice!(
    /// Where secrets come from; never plain secrets in Git.
    SecretsBackend {
        /// External Secrets Operator reading the provider's secret store.
        ExternalSecrets = "external-secrets": "External Secrets Operator",
        /// Sealed Secrets (encrypted in Git).
        SealedSecrets = "sealed-secrets": "Sealed Secrets",
        /// HashiCorp Vault.
        Vault = "vault": "HashiCorp Vault",
    }
);

choice!(
    /// The progressive-delivery controller.
    DeliveryTool {
        /// Argo Rollouts.
        ArgoRollouts = "argo-rollouts": "Argo Rollouts",
        /// Flagger.
        Flagger = "flagger": "Flagger",
        /// Plain rolling updates.
        None = "none": "None (rolling update)",
    }
);

choice!(
    /// How a new version takes traffic.
    DeliveryStrategy {
        /// A growing share of traffic.
        Canary = "canary": "Canary",
        /// A full second copy, switched at once.
        BlueGreen = "blue-green": "Blue/green",
    }
);

choice!(
    /// The Pod Security Standard a namespace enforces.
    PodSecurity {
        /// Hardened: non-root, no privilege escalation, capabilities dropped.
        Restricted = "restricted": "Restricted",
        /// Blocks known privilege escalations only.
        Baseline = "baseline": "Baseline",
        /// No restriction.
        Privileged = "privileged": "Privileged",
    }
);

choice!(
    /// The service mesh.
    Mesh {
        /// No mesh.
        None = "none": "None",
        /// Istio.
        Istio = "istio": "Istio",
        /// Linkerd.
        Linkerd = "linkerd": "Linkerd",
        /// Cilium service mesh.
        Cilium = "cilium": "Cilium",
    }
);

choice!(
    /// Mutual TLS between workloads.
    MtlsMode {
        /// Plain text only accepted nowhere: every call is mutually authenticated.
        Strict = "strict": "Strict",
        /// Both plain text and mTLS accepted (migration only).
        Permissive = "permissive": "Permissive",
        /// No mTLS.
        Off = "off": "Off",
    }
);

choice!(
    /// The admission policy engine.
    PolicyEngine {
        /// Kyverno.
        Kyverno = "kyverno": "Kyverno",
        /// OPA Gatekeeper.
        Gatekeeper = "gatekeeper": "OPA Gatekeeper",
        /// None.
        None = "none": "None",
    }
);

choice!(
    /// Access model inside the cluster.
    RbacModel {
        /// Each team owns namespaces, with least-privilege roles.
        TeamNamespaces = "team-namespaces": "Per-team namespaces, least privilege",
        /// Shared namespaces with broad roles.
        Shared = "shared": "Shared namespaces",
    }
);

choice!(
    /// How production runs across regions.
    RegionMode {
        /// One region serves; the others run the applications and stand by
        /// without traffic until a failover.
        ActivePassive = "active-passive": "Active-passive (warm standby)",
        /// Every region serves a share of the traffic all the time.
        ActiveActive = "active-active": "Active-active",
    }
);

choice!(
    /// How users reach the serving region.
    GlobalTraffic {
        /// Health-checked DNS records that point at the serving region.
        DnsFailover = "dns-failover": "DNS failover",
        /// One anycast address in front of every region.
        GlobalLoadBalancer = "global-load-balancer": "Global load balancer",
    }
);

choice!(
    /// How data reaches the other regions.
    DataReplication {
        /// Not replicated: a region restores from backups.
        None = "none": "None (restore from backups)",
        /// Replicated with a lag: a failover loses the last seconds to minutes.
        Asynchronous = "asynchronous": "Asynchronous",
        /// Every write lands in two regions before it is acknowledged.
        Synchronous = "synchronous": "Synchronous",
    }
);

choice!(
    /// The metrics system.
    MetricsStack {
        /// Prometheus (kube-prometheus-stack).
        Prometheus = "prometheus": "Prometheus",
        /// VictoriaMetrics.
        VictoriaMetrics = "victoria-metrics": "VictoriaMetrics",
        /// None.
        None = "none": "None",
    }
);

choice!(
    /// Long-term storage for metrics.
    LongTermStore {
        /// Thanos.
        Thanos = "thanos": "Thanos",
        /// Grafana Mimir.
        Mimir = "mimir": "Mimir",
        /// Local retention only.
        None = "none": "None",
    }
);

choice!(
    /// The log system.
    LogStack {
        /// Grafana Loki.
        Loki = "loki": "Loki",
        /// Elasticsearch / OpenSearch.
        Elasticsearch = "elasticsearch": "Elasticsearch / OpenSearch",
        /// The provider's log service.
        CloudNative = "cloud-native": "Provider log service",
        /// None.
        None = "none": "None",
    }
);

choice!(
    /// The tracing back end (collected through OpenTelemetry).
    TracingBackend {
        /// Grafana Tempo.
        Tempo = "tempo": "Tempo",
        /// Jaeger.
        Jaeger = "jaeger": "Jaeger",
        /// None.
        None = "none": "None",
    }
);

choice!(
    /// Where alerts page people.
    OnCall {
        /// PagerDuty.
        PagerDuty = "pagerduty": "PagerDuty",
        /// Opsgenie.
        Opsgenie = "opsgenie": "Opsgenie",
        /// Grafana OnCall / IRM.
        Grafana = "grafana": "Grafana IRM",
        /// Nobody is paged.
        None = "none": "None",
    }
);

choice!(
    /// How nodes of a pool are bought.
    Purchase {
        /// Pay per hour, no commitment.
        OnDemand = "on-demand": "On-demand",
        /// Spare capacity at a discount; can be reclaimed.
        Spot = "spot": "Spot",
        /// One-year commitment at a discount.
        Reserved = "reserved": "Reserved / committed",
    }
);

choice!(
    /// Which clusters a node pool is created in.
    PoolPlacement {
        /// Every cluster of the topology.
        All = "all": "Every cluster",
        /// Clusters that host a production environment.
        Production = "production": "Production clusters",
        /// Clusters that host a non-production environment.
        NonProduction = "non-production": "Non-production clusters",
    }
);

#[allow(
    clippy::derivable_impls,
    reason = "the choice! macro derives no Default"
)]
impl Default for PoolPlacement {
    fn default() -> Self {
        Self::All
    }
}

choice!(
    /// How requests are kept close to real usage.
    RightSizing {
        /// Nobody adjusts requests.
        Off = "off": "Off",
        /// Recommendations reviewed by people.
        Recommend = "recommend": "Recommendations",
        /// Applied automatically.
        Automatic = "automatic": "Automatic",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_values_round_trip_through_from_wire() {
        for provider in Provider::ALL {
            assert_eq!(Provider::from_wire(provider.wire()), Some(*provider));
        }
        assert_eq!(Provider::from_wire("openshift"), None);
    }

    #[test]
    fn serde_uses_the_wire_value() {
        assert_eq!(
            serde_json::to_string(&Availability::P99_9).ok(),
            Some("\"99.9\"".into())
        );
    }

    #[test]
    fn every_choice_reads_back_its_wire_value_and_names_the_values_it_takes() {
        for availability in Availability::ALL {
            let json = serde_json::to_string(availability).unwrap_or_default();
            assert_eq!(
                serde_json::from_str::<Availability>(&json).ok(),
                Some(*availability)
            );
        }
        for choice in Availability::ALL {
            assert_eq!(Availability::from_wire(choice.wire()), Some(*choice));
        }
        let error = serde_json::from_str::<Provider>("\"openshift\"")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            error.contains(
                "unknown variant `openshift`, expected one of `eks`, `aks`, `gke`, `kubeadm`"
            ),
            "{error}"
        );
        assert!(serde_json::from_str::<Provider>("3").is_err());
    }

    #[test]
    fn three_nines_allow_about_forty_three_minutes_a_month() {
        let minutes = Availability::P99_9.downtime_minutes_per_month();
        assert!((minutes - 43.2).abs() < 0.01, "{minutes}");
    }
}
