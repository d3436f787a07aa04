//! How packets and requests move through the platform.

use serde::Serialize;

use crate::choices::{Cni, Ingress, Mesh, MtlsMode};
use crate::model::PlatformDesign;

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
}

impl Dataplane {
    /// The dataplane of `design`.
    pub fn of(design: &PlatformDesign) -> Self {
        let s = &design.spec;
        let cilium = s.cluster.cni == Cni::Cilium || s.security.mesh == Mesh::Cilium;
        Self {
            cilium,
            calico: !cilium && s.cluster.cni == Cni::Calico,
            mesh: s.security.mesh,
            mtls: s.security.mtls,
            ingress: s.cluster.ingress,
            gateway_class: (s.cluster.ingress == Ingress::GatewayApi).then_some(if cilium {
                "cilium"
            } else {
                "istio"
            }),
        }
    }
}
