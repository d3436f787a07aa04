//! Upstream charts the export can install, pinned to the versions in the
//! architect's reference (`components.yaml`, snapshot 2026-10).

use serde::Serialize;

/// One Helm chart the platform installs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Chart {
    /// Directory under `platform/` and the Argo CD / Flux object name.
    pub key: &'static str,
    /// What it is, for people.
    pub title: &'static str,
    /// Helm repository (HTTP) or OCI registry prefix.
    pub repo: &'static str,
    /// Chart name in that repository.
    pub chart: &'static str,
    /// Pinned chart version.
    pub version: &'static str,
    /// Namespace it runs in.
    pub namespace: &'static str,
    /// Install order: lower first (Argo CD sync wave, Flux dependency tier).
    pub wave: i32,
    /// Why the design needs it.
    pub why: &'static str,
    /// Pod Security level its namespace can enforce (node agents need `privileged`).
    pub pss: &'static str,
    /// API groups of the custom resource definitions the chart installs.
    pub crds: &'static [&'static str],
    /// Charts whose resources this chart's own manifests use: installed first.
    pub after: &'static [&'static str],
    /// Registries its default images come from (what a mirror must carry).
    pub registries: &'static [&'static str],
}

impl Chart {
    /// Whether the repository is an OCI registry.
    pub fn is_oci(&self) -> bool {
        self.repo.starts_with("oci://")
    }

    /// Whether it is plain manifests from a Git repository (`chart` is then
    /// the path, `version` the tag) rather than a Helm chart.
    pub fn is_git(&self) -> bool {
        self.repo.ends_with(".git")
    }
}

/// The Flux release `flux bootstrap` installs (the Flux layout has no chart
/// for Flux itself: the CLI writes its manifests into the repository).
pub const FLUX_VERSION: &str = "v2.9.5";

/// The chart in the catalogue with `key`.
pub fn by_key(key: &str) -> Option<&'static Chart> {
    ALL.iter().find(|c| c.key == key)
}

macro_rules! charts {
    ($($ident:ident = $key:literal, $title:literal, $repo:literal, $chart:literal, $version:literal, $ns:literal, $wave:literal, $why:literal, $pss:literal, crds: [$($crd:literal),*], after: [$($after:literal),*], registries: [$($reg:literal),*];)+) => {
        $(pub const $ident: Chart = Chart {
            key: $key, title: $title, repo: $repo, chart: $chart, version: $version,
            namespace: $ns, wave: $wave, why: $why, pss: $pss,
            crds: &[$($crd),*], after: &[$($after),*], registries: &[$($reg),*],
        };)+
        /// Every chart the export knows.
        pub const ALL: &[Chart] = &[$($ident),+];
    };
}

charts! {
    GATEWAY_API = "gateway-api", "Gateway API resource definitions", "https://github.com/kubernetes-sigs/gateway-api.git", "config/crd", "v1.4.0", "kube-system", -10, "Gateway, HTTPRoute and the other standard routing resources", "baseline",
        crds: ["gateway.networking.k8s.io"], after: [], registries: [];
    ARGO_CD = "argo-cd", "Argo CD", "https://argoproj.github.io/argo-helm", "argo-cd", "10.9.0", "argocd", -10, "GitOps controller; manages itself and everything else", "baseline",
        crds: ["argoproj.io"], after: [], registries: ["quay.io", "ecr-public.aws.com", "ghcr.io"];
    CILIUM = "cilium", "Cilium", "https://helm.cilium.io/", "cilium", "1.20.4", "kube-system", -9, "CNI with network policy and mutual authentication", "privileged",
        crds: ["cilium.io"], after: ["gateway-api"], registries: ["quay.io"];
    ISTIO_BASE = "istio-base", "Istio CRDs", "https://istio-release.storage.googleapis.com/charts", "base", "1.30.4", "istio-system", -8, "Istio custom resources", "baseline",
        crds: ["security.istio.io", "networking.istio.io", "telemetry.istio.io", "extensions.istio.io"], after: [], registries: [];
    ISTIO_CNI = "istio-cni", "Istio CNI node agent", "https://istio-release.storage.googleapis.com/charts", "cni", "1.30.4", "kube-system", -8, "redirects meshed pods' traffic from the node, so app pods need no NET_ADMIN", "privileged",
        crds: [], after: [], registries: ["docker.io"];
    ISTIOD = "istiod", "Istio control plane", "https://istio-release.storage.googleapis.com/charts", "istiod", "1.30.4", "istio-system", -7, "service mesh control plane", "baseline",
        crds: [], after: ["istio-base", "istio-cni", "gateway-api"], registries: ["docker.io"];
    LINKERD_CRDS = "linkerd-crds", "Linkerd CRDs", "https://helm.linkerd.io/edge", "linkerd-crds", "2026.5.1", "linkerd", -8, "Linkerd custom resources", "baseline",
        crds: ["policy.linkerd.io", "linkerd.io", "workload.linkerd.io"], after: ["gateway-api"], registries: [];
    LINKERD_CNI = "linkerd2-cni", "Linkerd CNI plugin", "https://helm.linkerd.io/edge", "linkerd2-cni", "2026.5.1", "linkerd-cni", -8, "sets up meshed pods' traffic from the node, so app pods need no NET_ADMIN", "privileged",
        crds: [], after: [], registries: ["cr.l5d.io"];
    LINKERD = "linkerd-control-plane", "Linkerd control plane", "https://helm.linkerd.io/edge", "linkerd-control-plane", "2026.5.1", "linkerd", -6, "service mesh with automatic mTLS", "baseline",
        crds: [], after: ["linkerd-crds", "linkerd2-cni", "cert-manager"], registries: ["cr.l5d.io"];
    CERT_MANAGER = "cert-manager", "cert-manager", "https://charts.jetstack.io", "cert-manager", "v1.21.2", "cert-manager", -9, "certificates for gateways, webhooks and the mesh", "baseline",
        crds: ["cert-manager.io", "acme.cert-manager.io"], after: ["gateway-api"], registries: ["quay.io"];
    AWS_LB = "aws-load-balancer-controller", "AWS Load Balancer Controller", "https://aws.github.io/eks-charts", "aws-load-balancer-controller", "3.5.0", "kube-system", -6, "cloud load balancers for Services and Gateways", "privileged",
        crds: ["elbv2.k8s.aws"], after: [], registries: ["public.ecr.aws"];
    INGRESS_NGINX = "ingress-nginx", "ingress-nginx (retired upstream)", "https://kubernetes.github.io/ingress-nginx", "ingress-nginx", "4.14.3", "ingress-nginx", -6, "chosen in the design although retired; plan the move to Gateway API", "baseline",
        crds: [], after: [], registries: ["registry.k8s.io"];
    EXTERNAL_SECRETS = "external-secrets", "External Secrets Operator", "https://charts.external-secrets.io", "external-secrets", "2.8.0", "external-secrets", -6, "secrets from the secret store, never in Git", "baseline",
        crds: ["external-secrets.io", "generators.external-secrets.io"], after: [], registries: ["oci.external-secrets.io", "ghcr.io"];
    SEALED_SECRETS = "sealed-secrets", "Sealed Secrets", "https://bitnami-labs.github.io/sealed-secrets", "sealed-secrets", "2.17.9", "kube-system", -6, "encrypted secrets committed to Git", "privileged",
        crds: ["bitnami.com"], after: [], registries: ["docker.io"];
    KYVERNO = "kyverno", "Kyverno", "https://kyverno.github.io/kyverno/", "kyverno", "3.9.1", "kyverno", -5, "admission policies", "baseline",
        crds: ["kyverno.io", "policies.kyverno.io", "reports.kyverno.io", "wgpolicyk8s.io"], after: [], registries: ["reg.kyverno.io", "ghcr.io"];
    GATEKEEPER = "gatekeeper", "OPA Gatekeeper", "https://open-policy-agent.github.io/gatekeeper/charts", "gatekeeper", "3.23.1", "gatekeeper-system", -5, "admission policies", "baseline",
        crds: ["templates.gatekeeper.sh", "constraints.gatekeeper.sh", "config.gatekeeper.sh", "mutations.gatekeeper.sh", "status.gatekeeper.sh", "expansion.gatekeeper.sh", "externaldata.gatekeeper.sh"], after: [], registries: ["docker.io"];
    FALCO = "falco", "Falco", "https://falcosecurity.github.io/charts", "falco", "9.0.0", "falco", -3, "runtime threat detection", "privileged",
        crds: [], after: [], registries: ["docker.io"];
    KARPENTER = "karpenter", "Karpenter", "oci://public.ecr.aws/karpenter", "karpenter", "1.14.1", "kube-system", -6, "node autoscaling from pending pods", "privileged",
        crds: ["karpenter.sh", "karpenter.k8s.aws"], after: [], registries: ["public.ecr.aws"];
    CLUSTER_AUTOSCALER = "cluster-autoscaler", "Cluster Autoscaler", "https://kubernetes.github.io/autoscaler", "cluster-autoscaler", "9.59.0", "kube-system", -6, "node autoscaling", "privileged",
        crds: [], after: [], registries: ["registry.k8s.io"];
    METRICS_SERVER = "metrics-server", "metrics-server", "https://kubernetes-sigs.github.io/metrics-server/", "metrics-server", "3.14.0", "kube-system", -6, "resource metrics for the HPA", "privileged",
        crds: [], after: [], registries: ["registry.k8s.io"];
    VPA = "vertical-pod-autoscaler", "Vertical Pod Autoscaler", "https://kubernetes.github.io/autoscaler", "vertical-pod-autoscaler", "0.11.0", "kube-system", -3, "request recommendations", "privileged",
        crds: ["autoscaling.k8s.io"], after: [], registries: ["registry.k8s.io"];
    KEDA = "keda", "KEDA", "https://kedacore.github.io/charts", "keda", "2.20.2", "keda", -3, "event-driven autoscaling", "baseline",
        crds: ["keda.sh", "eventing.keda.sh"], after: [], registries: ["ghcr.io"];
    KUBE_PROMETHEUS_STACK = "kube-prometheus-stack", "Prometheus, Alertmanager and Grafana", "https://prometheus-community.github.io/helm-charts", "kube-prometheus-stack", "88.2.0", "monitoring", -4, "metrics, alerts and dashboards", "privileged",
        crds: ["monitoring.coreos.com"], after: [], registries: ["quay.io", "docker.io", "registry.k8s.io"];
    VICTORIA_METRICS = "victoria-metrics-k8s-stack", "VictoriaMetrics stack", "https://victoriametrics.github.io/helm-charts/", "victoria-metrics-k8s-stack", "0.82.0", "monitoring", -4, "metrics, alerts and dashboards", "privileged",
        crds: ["operator.victoriametrics.com", "monitoring.coreos.com"], after: [], registries: ["docker.io", "quay.io", "registry.k8s.io"];
    LOKI = "loki", "Loki", "https://grafana-community.github.io/helm-charts", "loki", "17.1.7", "monitoring", -2, "central logs", "privileged",
        crds: [], after: [], registries: ["docker.io"];
    TEMPO = "tempo", "Tempo", "https://grafana-community.github.io/helm-charts", "tempo", "2.0.0", "monitoring", -2, "distributed traces", "privileged",
        crds: [], after: [], registries: ["docker.io"];
    JAEGER = "jaeger", "Jaeger v2", "https://jaegertracing.github.io/helm-charts", "jaeger", "4.0.0", "observability", -2, "distributed traces", "baseline",
        crds: [], after: [], registries: ["docker.io"];
    OPENCOST = "opencost", "OpenCost", "https://opencost.github.io/opencost-helm-chart", "opencost", "2.5.20", "opencost", -1, "cost per namespace and team", "baseline",
        crds: [], after: [], registries: ["ghcr.io"];
    VELERO = "velero", "Velero", "https://vmware-tanzu.github.io/helm-charts", "velero", "12.0.2", "velero", -1, "backups of cluster state and volumes", "privileged",
        crds: ["velero.io"], after: [], registries: ["docker.io"];
    ARGO_ROLLOUTS = "argo-rollouts", "Argo Rollouts", "https://argoproj.github.io/argo-helm", "argo-rollouts", "2.41.1", "argo-rollouts", -3, "progressive delivery", "baseline",
        crds: ["argoproj.io"], after: [], registries: ["quay.io"];
    FLAGGER = "flagger", "Flagger", "https://flagger.app", "flagger", "1.44.0", "flagger-system", -3, "progressive delivery", "baseline",
        crds: ["flagger.app"], after: [], registries: ["ghcr.io"];
    TIGERA_OPERATOR = "tigera-operator", "Calico (Tigera operator)", "https://docs.tigera.io/calico/charts", "tigera-operator", "v3.32.2", "tigera-operator", -9, "Calico network policy (and the pod network on self-managed clusters)", "privileged",
        crds: ["operator.tigera.io", "crd.projectcalico.org", "projectcalico.org"], after: [], registries: ["quay.io"];
    FLUENT_BIT = "fluent-bit", "Fluent Bit", "https://fluent.github.io/helm-charts", "fluent-bit", "0.56.0", "logging", -2, "ships every node's container logs to Loki or to the Elasticsearch / OpenSearch endpoint", "privileged",
        crds: [], after: [], registries: ["cr.fluentbit.io"];
    MIMIR = "mimir", "Grafana Mimir", "https://grafana.github.io/helm-charts", "mimir-distributed", "6.1.0", "monitoring", -3, "long-term metrics store Prometheus writes to", "baseline",
        crds: [], after: [], registries: ["docker.io"];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_dns_labels() {
        let mut keys: Vec<_> = ALL.iter().map(|c| c.key).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), ALL.len());
        for key in keys {
            assert!(crate::names::check_dns_label(key).is_ok(), "{key}");
        }
    }

    #[test]
    fn what_a_chart_waits_for_is_installed_in_an_earlier_wave() {
        for chart in ALL {
            for after in chart.after {
                let first =
                    by_key(after).unwrap_or_else(|| panic!("{}: unknown {after}", chart.key));
                assert!(
                    first.wave < chart.wave,
                    "{} (wave {}) after {after} (wave {})",
                    chart.key,
                    chart.wave,
                    first.wave
                );
            }
        }
    }

    #[test]
    fn no_retired_chart_is_installed_unless_chosen() {
        // ingress-nginx exists only for designs that chose it; the catalogue marks it.
        assert!(INGRESS_NGINX.title.contains("retired"));
    }
}
