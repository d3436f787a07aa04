//! Security by default: controls are on unless explicitly exempted.

use super::{regulated, regulated_by, when};
use crate::choices::{Compliance, Ingress, Mesh, MtlsMode, PodSecurity, PolicyEngine, RbacModel};
use crate::critique::{Fix, Principle::Security, Rule, Severity::*};

pub const SEC_001: Rule = Rule {
    id: "SEC-001",
    principle: Security,
    severity: Critical,
    title: "Application namespaces enforce a Pod Security Standard",
    why: "Privileged pods can reach the node and everything on it; one compromised container becomes a compromised cluster.",
    instead: "Enforce the restricted standard and document each exception.",
    check: |d| when(d.spec.security.pod_security == PodSecurity::Privileged, "spec.security.podSecurity", "Namespaces allow privileged pods."),
    fix: Some(Fix { label: "Enforce restricted", apply: |d| d.spec.security.pod_security = PodSecurity::Restricted }),
};

pub const SEC_002: Rule = Rule {
    id: "SEC-002",
    principle: Security,
    severity: High,
    title: "The restricted Pod Security Standard is enforced",
    why: "Baseline still lets containers run as root and keep Linux capabilities they never need.",
    instead: "Enforce restricted: non-root, no privilege escalation, capabilities dropped, RuntimeDefault seccomp.",
    check: |d| when(d.spec.security.pod_security == PodSecurity::Baseline, "spec.security.podSecurity", "Only the baseline standard is enforced."),
    fix: Some(Fix { label: "Enforce restricted", apply: |d| d.spec.security.pod_security = PodSecurity::Restricted }),
};

pub const SEC_003: Rule = Rule {
    id: "SEC-003",
    principle: Security,
    severity: Critical,
    title: "Network traffic is denied unless allowed",
    why: "In an open cluster network any compromised pod can reach every database and service.",
    instead: "Start from default-deny network policies and allow each flow explicitly.",
    check: |d| {
        when(
            !d.spec.security.default_deny_network,
            "spec.security.defaultDenyNetwork",
            "Pods can reach each other freely.",
        )
    },
    fix: Some(Fix {
        label: "Deny by default",
        apply: |d| d.spec.security.default_deny_network = true,
    }),
};

pub const SEC_004: Rule = Rule {
    id: "SEC-004",
    principle: Security,
    severity: High,
    title: "An admission policy engine guards the cluster",
    why: "Without admission control, every other rule here is advice that a single manifest can ignore.",
    instead: "Install Kyverno or Gatekeeper and enforce the baseline policies.",
    check: |d| when(d.spec.security.policy_engine == PolicyEngine::None, "spec.security.policyEngine", "Nothing refuses a non-compliant workload."),
    fix: Some(Fix { label: "Use Kyverno", apply: |d| d.spec.security.policy_engine = PolicyEngine::Kyverno }),
};

pub const SEC_005: Rule = Rule {
    id: "SEC-005",
    principle: Security,
    severity: Medium,
    title: "Images are pinned, never `latest`",
    why: "A moving tag makes rollbacks lie and lets an unreviewed image into production on the next restart.",
    instead: "Refuse the latest tag; deploy by version or digest.",
    check: |d| when(!d.spec.security.policies.disallow_latest_tag, "spec.security.policies.disallowLatestTag", "The latest tag is allowed."),
    fix: Some(Fix { label: "Refuse latest", apply: |d| d.spec.security.policies.disallow_latest_tag = true }),
};

pub const SEC_006: Rule = Rule {
    id: "SEC-006",
    principle: Security,
    severity: Medium,
    title: "Containers declare requests and limits",
    why: "A container without limits can starve its neighbours; without requests the scheduler packs blindly.",
    instead: "Require requests and limits on every container.",
    check: |d| when(!d.spec.security.policies.resource_limits, "spec.security.policies.resourceLimits", "Containers may run without requests and limits."),
    fix: Some(Fix { label: "Require limits", apply: |d| d.spec.security.policies.resource_limits = true }),
};

pub const SEC_007: Rule = Rule {
    id: "SEC-007",
    principle: Security,
    severity: High,
    title: "Images are scanned before they run",
    why: "Known vulnerabilities ship silently when nothing looks at images before deployment.",
    instead: "Scan in CI and at admission; block critical findings.",
    check: |d| {
        when(
            !d.spec.security.supply_chain.image_scanning,
            "spec.security.supplyChain.imageScanning",
            "Images are not scanned.",
        )
    },
    fix: Some(Fix {
        label: "Scan images",
        apply: |d| d.spec.security.supply_chain.image_scanning = true,
    }),
};

pub const SEC_008: Rule = Rule {
    id: "SEC-008",
    principle: Security,
    severity: Medium,
    title: "Regulated platforms run only signed images",
    why: "Auditors ask how you know the image in production is the one CI built; a signature verified at admission answers it.",
    instead: "Sign images in CI (cosign), produce an SBOM and verify signatures at admission.",
    check: |d| {
        let chain = &d.spec.security;
        when(
            regulated(d) && !(chain.supply_chain.image_signing && chain.policies.verify_signatures && chain.supply_chain.sbom),
            "spec.security.supplyChain.imageSigning",
            "A regulated platform without signed, verified images and SBOMs.",
        )
    },
    fix: Some(Fix {
        label: "Sign, verify and produce SBOMs",
        apply: |d| {
            d.spec.security.supply_chain.image_signing = true;
            d.spec.security.supply_chain.sbom = true;
            d.spec.security.policies.verify_signatures = true;
        },
    }),
};

pub const SEC_009: Rule = Rule {
    id: "SEC-009",
    principle: Security,
    severity: High,
    title: "Secrets are encrypted at rest",
    why:
        "Kubernetes stores Secrets base64-encoded in etcd; a backup or disk copy exposes them all.",
    instead: "Encrypt Secrets with a key from the provider's KMS.",
    check: |d| {
        when(
            !d.spec.security.secrets_encryption,
            "spec.security.secretsEncryption",
            "Secrets sit unencrypted in etcd.",
        )
    },
    fix: Some(Fix {
        label: "Encrypt secrets",
        apply: |d| d.spec.security.secrets_encryption = true,
    }),
};

pub const SEC_010: Rule = Rule {
    id: "SEC-010",
    principle: Security,
    severity: High,
    title: "API-server audit logging is on",
    why: "Without an audit log there is no answer to who changed what, which every incident review and auditor asks.",
    instead: "Enable audit logs and ship them off the cluster.",
    check: |d| when(!d.spec.security.audit_logging, "spec.security.auditLogging", "Nothing records who did what through the API."),
    fix: Some(Fix { label: "Enable audit logs", apply: |d| d.spec.security.audit_logging = true }),
};

pub const SEC_011: Rule = Rule {
    id: "SEC-011",
    principle: Security,
    severity: High,
    title: "Teams get least-privilege namespaces",
    why: "Shared namespaces with broad roles mean any team can break, or read, any other team's workloads.",
    instead: "Give each team its namespaces and namespace-scoped roles; keep cluster roles minimal.",
    check: |d| when(d.spec.security.rbac == RbacModel::Shared, "spec.security.rbac", "Teams share namespaces and broad roles."),
    fix: Some(Fix { label: "Per-team namespaces", apply: |d| d.spec.security.rbac = RbacModel::TeamNamespaces }),
};

pub const SEC_012: Rule = Rule {
    id: "SEC-012",
    principle: Security,
    severity: High,
    title: "The Kubernetes API is not on the internet",
    why: "A public API endpoint is scanned and brute-forced from the day it appears.",
    instead: "Use a private endpoint reached through VPN or a bastion.",
    check: |d| {
        when(
            !d.spec.cluster.private_endpoint,
            "spec.cluster.privateEndpoint",
            "The API server has a public endpoint.",
        )
    },
    fix: Some(Fix {
        label: "Make the endpoint private",
        apply: |d| d.spec.cluster.private_endpoint = true,
    }),
};

pub const SEC_013: Rule = Rule {
    id: "SEC-013",
    principle: Security,
    severity: Medium,
    title: "Images come from known registries",
    why: "Pulling from anywhere lets a typo-squatted or compromised public image into the cluster.",
    instead: "List the registries (or a pull-through mirror) images may come from.",
    check: |d| {
        when(
            d.spec.security.policies.allowed_registries.is_empty(),
            "spec.security.policies.allowedRegistries",
            "Any registry is allowed.",
        )
    },
    fix: None,
};

pub const SEC_014: Rule = Rule {
    id: "SEC-014",
    principle: Security,
    severity: Critical,
    title: "Regulated traffic is encrypted in transit",
    why: "PCI-DSS and HIPAA require cardholder and health data to be encrypted on every network hop, inside the cluster too.",
    instead: "Enforce strict mutual TLS between services with a mesh.",
    check: |d| when(
        regulated_by(d, &[Compliance::PciDss, Compliance::Hipaa]) && (d.spec.security.mtls != MtlsMode::Strict || d.spec.security.mesh == Mesh::None),
        "spec.security.mtls",
        "PCI-DSS or HIPAA is in scope but service-to-service traffic is not strictly mutual-TLS.",
    ),
    fix: Some(Fix {
        label: "Strict mTLS (adds Linkerd if no mesh)",
        apply: |d| {
            d.spec.security.mtls = MtlsMode::Strict;
            if d.spec.security.mesh == Mesh::None {
                d.spec.security.mesh = Mesh::Linkerd;
            }
        },
    }),
};

pub const SEC_015: Rule = Rule {
    id: "SEC-015",
    principle: Security,
    severity: High,
    title: "mTLS has a mesh to provide it",
    why: "Mutual TLS is done by a mesh's proxies or agents; without one, the setting protects nothing.",
    instead: "Choose a mesh (Linkerd is the lightest) or turn mTLS off honestly.",
    check: |d| when(
        d.spec.security.mtls != MtlsMode::Off && d.spec.security.mesh == Mesh::None,
        "spec.security.mesh",
        "mTLS is requested but no mesh is chosen.",
    ),
    fix: Some(Fix { label: "Use Linkerd", apply: |d| d.spec.security.mesh = Mesh::Linkerd }),
};

pub const SEC_016: Rule = Rule {
    id: "SEC-016",
    principle: Security,
    severity: Medium,
    title: "Regulated platforms watch containers at runtime",
    why: "Compliance regimes expect intrusion detection; a shell spawned in a payment service should page someone.",
    instead: "Run Falco (or an equivalent) and route its alerts to on-call.",
    check: |d| when(regulated(d) && !d.spec.security.runtime_detection, "spec.security.runtimeDetection", "No runtime threat detection on a regulated platform."),
    fix: Some(Fix { label: "Run Falco", apply: |d| d.spec.security.runtime_detection = true }),
};

pub const SEC_017: Rule = Rule {
    id: "SEC-017",
    principle: Security,
    severity: High,
    title: "No retired components",
    why: "ingress-nginx is retired upstream: no more releases, no more security fixes.",
    instead: "Use Gateway API (e.g. Envoy Gateway) or the cloud's load-balancer controller.",
    check: |d| {
        when(
            d.spec.cluster.ingress == Ingress::IngressNginx,
            "spec.cluster.ingress",
            "ingress-nginx is retired and gets no security fixes.",
        )
    },
    fix: Some(Fix {
        label: "Use Gateway API",
        apply: |d| d.spec.cluster.ingress = Ingress::GatewayApi,
    }),
};

pub const SEC_018: Rule = Rule {
    id: "SEC-018",
    principle: Security,
    severity: High,
    title: "The Kubernetes version is supported",
    why: "Versions past end of life get no security patches; managed providers also charge extended-support fees.",
    instead: "Run 1.35 or newer (supported on EKS, AKS and GKE into 2027).",
    check: |d| {
        let minor = d.spec.cluster.kubernetes_version.split('.').nth(1).and_then(|m| m.parse::<u32>().ok());
        when(
            minor.is_some_and(|m| m < 34),
            "spec.cluster.kubernetesVersion",
            format!("Kubernetes {} is past upstream end of life.", d.spec.cluster.kubernetes_version),
        )
    },
    fix: Some(Fix { label: "Use 1.35", apply: |d| d.spec.cluster.kubernetes_version = "1.35".into() }),
};
