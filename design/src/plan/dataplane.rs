//! How packets and requests move through the platform.

use serde::Serialize;

use crate::choices::{Cni, Ingress, Mesh, MtlsMode, Provider};
use crate::model::PlatformDesign;

/// GKE's managed GatewayClass for a global external Application Load Balancer.
pub const GKE_GATEWAY_CLASS: &str = "gke-l7-global-external-managed";

/// The namespace of the shared public Gateway.
pub const GATEWAY_NAMESPACE: &str = "gateway";

/// The network choices as the platform implements them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Dataplane {
    /// Cilium runs as the CNI (chosen as CNI or as the mesh).
    pub cilium: bool,
    /// Calico enforces network policy (and is the CNI on self-managed clusters).
    pub calico: bool,
    /// The service mesh.
    pub mesh: Mesh,
    /// Mutual TLS between services.
    pub mtls: MtlsMode,
    /// How traffic enters.
    pub ingress: Ingress,
    /// The GatewayClass that Gateway API objects use, when ingress is Gateway API.
    pub gateway_class: Option<&'static str>,
    /// The IngressClass public services' Ingress objects use, when they
    /// enter through Ingress (ingress-nginx, or the cloud's own on EKS and GKE).
    pub ingress_class: Option<&'static str>,
    /// Public services are Services of type LoadBalancer (no HTTP router).
    pub load_balancer_services: bool,
    /// The namespace public traffic arrives from inside the cluster (the
    /// gateway's or the ingress controller's), if it passes through one.
    pub entry_namespace: Option<&'static str>,
}

impl Dataplane {
    /// Where the proxies the mesh injects into application pods come from
    /// (an image prefix the registry policy must allow), if it injects any.
    pub fn sidecar_images(&self) -> Option<&'static str> {
        self.sidecar().map(|(images, _)| images)
    }

    /// The name of the proxy container the mesh adds to application pods
    /// (its probes are the mesh's business), if it adds one.
    pub fn sidecar_container(&self) -> Option<&'static str> {
        self.sidecar().map(|(_, name)| name)
    }

    fn sidecar(&self) -> Option<(&'static str, &'static str)> {
        match self.mesh {
            Mesh::Istio => Some(("docker.io/istio", "istio-proxy")),
            Mesh::Linkerd => Some(("cr.l5d.io/linkerd", "linkerd-proxy")),
            _ => None,
        }
    }
}

impl Dataplane {
    /// The dataplane of `design`.
    pub fn of(design: &PlatformDesign) -> Self {
        let s = &design.spec;
        let cilium = s.cluster.cni == Cni::Cilium || s.security.mesh == Mesh::Cilium;
        let provider = s.cluster.provider;
        let ingress_class = match (s.cluster.ingress, provider) {
            (Ingress::IngressNginx, _) => Some("nginx"),
            (Ingress::CloudLoadBalancer, Provider::Eks) => Some("alb"),
            (Ingress::CloudLoadBalancer, Provider::Gke) => Some("gce"),
            _ => None,
        };
        Self {
            cilium,
            calico: !cilium && s.cluster.cni == Cni::Calico,
            mesh: s.security.mesh,
            mtls: s.security.mtls,
            ingress: s.cluster.ingress,
            gateway_class: (s.cluster.ingress == Ingress::GatewayApi).then_some(
                match s.cluster.provider {
                    // GKE runs its own Gateway controller (Terraform turns on the channel).
                    Provider::Gke => GKE_GATEWAY_CLASS,
                    // Cilium serves Gateway API where the export installs it.
                    Provider::Eks | Provider::Kubeadm if cilium => "cilium",
                    // Elsewhere istiod provisions a gateway for each Gateway.
                    _ => "istio",
                },
            ),
            ingress_class,
            load_balancer_services: s.cluster.ingress == Ingress::CloudLoadBalancer
                && ingress_class.is_none(),
            entry_namespace: match s.cluster.ingress {
                Ingress::GatewayApi => Some(GATEWAY_NAMESPACE),
                Ingress::IngressNginx => Some(super::catalog::INGRESS_NGINX.namespace),
                Ingress::CloudLoadBalancer => None,
            },
        }
    }
}
