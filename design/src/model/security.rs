//! Step 4: security controls.

use serde::{Deserialize, Serialize};

use crate::choices::{Mesh, MtlsMode, PodSecurity, PolicyEngine, RbacModel};

/// Security controls, on by default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Security {
    /// Pod Security Standard enforced on application namespaces.
    pub pod_security: PodSecurity,
    /// Network policies deny all traffic unless allowed.
    pub default_deny_network: bool,
    /// Hosts workloads may call outside the cluster.
    #[serde(default)]
    pub egress_allow_list: Vec<String>,
    /// Service mesh.
    pub mesh: Mesh,
    /// Mutual TLS mode.
    pub mtls: MtlsMode,
    /// Admission policy engine.
    pub policy_engine: PolicyEngine,
    /// Which admission policies are enforced.
    pub policies: PolicySet,
    /// Image scanning, signing and SBOM.
    pub supply_chain: SupplyChain,
    /// Runtime threat detection (Falco).
    pub runtime_detection: bool,
    /// RBAC model.
    pub rbac: RbacModel,
    /// API-server audit logging.
    pub audit_logging: bool,
    /// Kubernetes Secrets encrypted at rest with a managed key.
    pub secrets_encryption: bool,
}

impl Default for Security {
    fn default() -> Self {
        Self {
            pod_security: PodSecurity::Restricted,
            default_deny_network: true,
            egress_allow_list: Vec::new(),
            mesh: Mesh::None,
            mtls: MtlsMode::Off,
            policy_engine: PolicyEngine::Kyverno,
            policies: PolicySet::default(),
            supply_chain: SupplyChain::default(),
            runtime_detection: false,
            rbac: RbacModel::TeamNamespaces,
            audit_logging: true,
            secrets_encryption: true,
        }
    }
}

/// Admission policies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PolicySet {
    /// Workloads carry team, service and cost-centre labels.
    pub required_labels: bool,
    /// Containers declare requests and limits.
    pub resource_limits: bool,
    /// Images use a pinned tag, never `latest`.
    pub disallow_latest_tag: bool,
    /// Containers declare readiness and liveness probes.
    pub require_probes: bool,
    /// Images come from listed registries only.
    pub allowed_registries: Vec<String>,
    /// Images carry a verified signature.
    pub verify_signatures: bool,
}

impl Default for PolicySet {
    fn default() -> Self {
        Self {
            required_labels: true,
            resource_limits: true,
            disallow_latest_tag: true,
            require_probes: true,
            allowed_registries: Vec::new(),
            verify_signatures: false,
        }
    }
}

/// Supply-chain controls.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SupplyChain {
    /// Images are scanned for vulnerabilities before deployment.
    pub image_scanning: bool,
    /// Images are signed (cosign).
    pub image_signing: bool,
    /// An SBOM is produced for every image.
    pub sbom: bool,
}

impl Default for SupplyChain {
    fn default() -> Self {
        Self {
            image_scanning: true,
            image_signing: false,
            sbom: false,
        }
    }
}
