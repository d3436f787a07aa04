//! Which platform components a design installs.

use crate::choices::*;
use crate::model::PlatformDesign;
use crate::validate::FieldError;

use super::catalog::{self, Chart};

/// Choices that cannot be combined as the design has them, as errors on the
/// field to change.
pub(super) fn conflicts(design: &PlatformDesign, problems: &mut Vec<FieldError>) {
    let s = &design.spec;
    let o = &s.observability;
    if o.logs == LogStack::CloudNative && s.cluster.provider == Provider::Kubeadm {
        problems.push(FieldError::new(
            "spec.observability.logs",
            "A self-managed cluster has no provider log service; choose Loki or Elasticsearch / OpenSearch.",
        ));
    }
    if o.long_term_store != LongTermStore::None && o.metrics == MetricsStack::None {
        problems.push(FieldError::new(
            "spec.observability.longTermStore",
            "A long-term store keeps what the metrics stack collects; choose a metrics stack first, or no long-term store.",
        ));
    }
    if s.security.policy_engine == PolicyEngine::Gatekeeper && s.security.policies.verify_signatures
    {
        problems.push(FieldError::new(
            "spec.security.policies.verifySignatures",
            "Gatekeeper cannot check image signatures; choose Kyverno as the policy engine, or turn signature verification off.",
        ));
    }
    if o.long_term_store == LongTermStore::Thanos && o.metrics == MetricsStack::VictoriaMetrics {
        problems.push(FieldError::new(
            "spec.observability.longTermStore",
            "Thanos reads Prometheus's blocks; with VictoriaMetrics choose Mimir or no long-term store.",
        ));
    }
}

/// Whether the Vertical Pod Autoscaler runs: it recommends or acts, or
/// right-sizing reads its recommendations.
pub fn wants_vpa(design: &PlatformDesign) -> bool {
    design.spec.cluster.workload_autoscaling.vpa != VpaMode::Off
        || design.spec.cost.right_sizing != RightSizing::Off
}

/// API groups the managed cluster itself serves for what the design uses
/// (its add-ons, which Terraform turns on), so no chart installs them.
pub fn cluster_crds(design: &PlatformDesign) -> Vec<&'static str> {
    let s = &design.spec;
    let mut out = Vec::new();
    match s.cluster.provider {
        Provider::Gke => {
            if super::Dataplane::of(design).gateway_class.is_some() {
                out.push("gateway.networking.k8s.io");
            }
            if wants_vpa(design) {
                out.push("autoscaling.k8s.io");
            }
        }
        Provider::Aks => {
            if s.cluster.workload_autoscaling.keda {
                out.push("keda.sh");
            }
            if wants_vpa(design) {
                out.push("autoscaling.k8s.io");
            }
        }
        Provider::Eks | Provider::Kubeadm => {}
    }
    out
}

/// The charts the team installs by hand, in this order, before the GitOps
/// controller can run: on self-managed clusters the nodes have no pod
/// network until the CNI is there, and the CNI reads its prerequisites
/// (the Gateway API's definitions) when it starts. GitOps takes them over
/// afterwards from the same values.
pub fn installed_by_hand(design: &PlatformDesign, components: &[Chart]) -> Vec<Chart> {
    if design.spec.cluster.provider != Provider::Kubeadm {
        return Vec::new();
    }
    let mut out: Vec<Chart> = Vec::new();
    for cni in components
        .iter()
        .filter(|c| c.key == catalog::CILIUM.key || c.key == catalog::TIGERA_OPERATOR.key)
    {
        for after in cni.after {
            if let Some(first) = components.iter().find(|c| c.key == *after) {
                if !out.iter().any(|c| c.key == first.key) {
                    out.push(*first);
                }
            }
        }
        out.push(*cni);
    }
    out
}

/// The platform components `design` chose, in install order.
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
    // AKS and GKE run Calico themselves (Terraform turns it on).
    if !cilium
        && s.cluster.cni == Cni::Calico
        && matches!(provider, Provider::Eks | Provider::Kubeadm)
    {
        out.push(catalog::TIGERA_OPERATOR);
    }
    let public = s
        .workload
        .services
        .iter()
        .any(|g| g.exposure == Exposure::Public);
    if public || s.security.mesh == Mesh::Linkerd || s.cluster.ingress == Ingress::GatewayApi {
        out.push(catalog::CERT_MANAGER);
    }
    let dataplane = super::Dataplane::of(design);
    // The Gateway API's resource definitions: GKE serves them itself; Linkerd
    // needs them as well as any Gateway.
    if provider != Provider::Gke
        && (dataplane.gateway_class.is_some() || s.security.mesh == Mesh::Linkerd)
    {
        out.push(catalog::GATEWAY_API);
    }
    // istiod provisions a gateway for each Gateway API `Gateway` itself.
    let istio_gateway = dataplane.gateway_class == Some("istio");
    if s.security.mesh == Mesh::Istio || istio_gateway {
        out.extend([catalog::ISTIO_BASE, catalog::ISTIOD]);
    }
    // Meshed app pods stay `restricted`: the node agent sets up their traffic
    // redirection instead of an init container with NET_ADMIN.
    if s.security.mesh == Mesh::Istio {
        out.push(catalog::ISTIO_CNI);
    }
    if s.security.mesh == Mesh::Linkerd {
        out.extend([
            catalog::LINKERD_CRDS,
            catalog::LINKERD_CNI,
            catalog::LINKERD,
        ]);
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
        // Pod Security itself is the API server's: namespace labels, no chart.
        PolicyEngine::Kyverno => out.push(catalog::KYVERNO),
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
        // Right-sizing works through VPA objects, so it needs the VPA too.
        if wants_vpa(design) {
            out.push(catalog::VPA);
        }
    }
    // AKS runs KEDA as a managed add-on (Terraform turns it on).
    if s.cluster.workload_autoscaling.keda && provider != Provider::Aks {
        out.push(catalog::KEDA);
    }
    match s.observability.metrics {
        MetricsStack::Prometheus => out.push(catalog::KUBE_PROMETHEUS_STACK),
        MetricsStack::VictoriaMetrics => out.push(catalog::VICTORIA_METRICS),
        MetricsStack::None => {}
    }
    match s.observability.logs {
        // Loki stores what a node agent ships: Fluent Bit on every node.
        LogStack::Loki => out.extend([catalog::LOKI, catalog::FLUENT_BIT]),
        LogStack::Elasticsearch => out.push(catalog::FLUENT_BIT),
        LogStack::CloudNative | LogStack::None => {}
    }
    if s.observability.long_term_store == LongTermStore::Mimir
        && s.observability.metrics != MetricsStack::None
    {
        out.push(catalog::MIMIR);
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
