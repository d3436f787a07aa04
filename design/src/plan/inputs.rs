//! What the team must supply that no design can know: secrets, accounts,
//! names in other systems. The export leaves each one as a clearly named
//! placeholder that fails safe (reported, not enforced; a route left out;
//! plain HTTP), lists them in `docs/inputs.yaml` and the bootstrap guide, and
//! the Review step shows them, so nothing waits unnoticed.

use serde::Serialize;

use crate::choices::*;
use crate::model::PlatformDesign;

use super::{catalog, Plan, WorkloadKind};

/// Something the team supplies before (or after) the first sync.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RequiredInput {
    /// Stable identifier, e.g. `cosign-public-key`.
    pub id: &'static str,
    /// What it is, in a few words.
    pub title: &'static str,
    /// What to supply and what happens until it is there.
    pub detail: String,
    /// The design field that holds it, when the design can.
    pub field: Option<&'static str>,
    /// Repository files that carry its placeholder (a path ending in `/`:
    /// every file under that folder).
    pub files: Vec<String>,
    /// Objects the team creates in the cluster for it.
    pub provides: Vec<Provided>,
}

/// An object the team creates in each cluster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Provided {
    pub kind: &'static str,
    pub namespace: &'static str,
    pub name: &'static str,
}

fn secret(namespace: &'static str, name: &'static str) -> Provided {
    Provided {
        kind: "Secret",
        namespace,
        name,
    }
}

/// The inputs `design` (with its `plan`) leaves to the team, in the order a
/// first install meets them.
pub fn inputs(design: &PlatformDesign, plan: &Plan) -> Vec<RequiredInput> {
    let s = &design.spec;
    let flux = s.gitops.tool == GitopsTool::Flux;
    let configs = if flux {
        "infrastructure/configs"
    } else {
        "platform/configs"
    };
    let values = |key: &str| {
        if flux {
            format!("infrastructure/controllers/{key}/values.yaml")
        } else {
            format!("platform/{key}/values.yaml")
        }
    };
    let mut out = Vec::new();
    let public = plan.services.iter().any(|p| {
        p.workload != WorkloadKind::CronJob
            && s.workload
                .services
                .iter()
                .any(|g| g.name == p.name && g.exposure == Exposure::Public)
    });
    if public && s.cluster.public_domain.is_empty() {
        out.push(RequiredInput {
            id: "public-domain",
            title: "Public domain",
            detail: "The DNS domain public services answer under. Until the design names it, they are reachable over plain HTTP at the load balancer's address and no certificate is requested.".into(),
            field: Some("spec.cluster.publicDomain"),
            files: Vec::new(),
            provides: Vec::new(),
        });
    }
    let mut add = |id, title, detail: String, files: Vec<String>, provides: Vec<Provided>| {
        out.push(RequiredInput {
            id,
            title,
            detail,
            field: None,
            files,
            provides,
        })
    };

    let d = &plan.dataplane;
    if plan.has(catalog::CERT_MANAGER.key)
        && (d.gateway_class.is_some() || d.ingress_class.is_some())
    {
        add(
            "acme-contact",
            "Certificate contact address",
            "The e-mail address Let's Encrypt writes to about expiring certificates: replace platform-team@example.com in the ClusterIssuer `letsencrypt`. Until then certificates are issued but expiry warnings reach nobody.".into(),
            vec![format!("{configs}/cluster-issuer.yaml")],
            Vec::new(),
        );
    }
    if plan.has(catalog::EXTERNAL_SECRETS.key) {
        let (what, file) = match s.gitops.secrets {
            SecretsBackend::Vault => ("the Vault address (from the egress allow list, else vault.example.com) and a Kubernetes auth role `external-secrets`", "secret-store.yaml"),
            _ => match s.cluster.provider {
                Provider::Eks => ("the Secrets Manager secrets it may read: Terraform gives the `external-secrets` ServiceAccount a Pod Identity role that reads every secret in the account until you narrow `external_secrets_secrets_manager_arns`", "secret-store.yaml"),
                Provider::Aks => ("the Key Vault the ClusterSecretStore names and a workload identity for `external-secrets`", "secret-store.yaml"),
                Provider::Gke => ("the Google Cloud project id (the export writes the design's slug) and Workload Identity for `external-secrets`", "secret-store.yaml"),
                Provider::Kubeadm => ("the secret store's address and credentials", "secret-store.yaml"),
            },
        };
        add(
            "secret-store",
            "Secret store access",
            format!("ExternalSecrets read from the ClusterSecretStore `platform`; supply {what}. Until then ExternalSecrets report an error and workloads that need their Secrets wait."),
            vec![format!("{configs}/{file}")],
            Vec::new(),
        );
    }
    if s.security.policy_engine == PolicyEngine::Kyverno && s.security.policies.verify_signatures {
        add(
            "cosign-public-key",
            "Image signing key",
            "The cosign public key your CI signs images with: replace the placeholder in the policy `verify-image-signatures`, then change Audit to Deny. Until then unsigned images are reported, not refused.".into(),
            vec!["policies/base/kyverno.yaml".into()],
            Vec::new(),
        );
    }
    if s.observability.metrics != MetricsStack::None && s.observability.on_call != OnCall::None {
        add(
            "on-call",
            "On-call credential",
            format!("The {} credential as the Secret `on-call` in `monitoring`. Until it exists the operator leaves the paging route out and alerts stay in Alertmanager.", s.observability.on_call.label()),
            vec![format!("{configs}/on-call.yaml")],
            vec![secret("monitoring", "on-call")],
        );
    }
    if s.observability.logs == LogStack::Elasticsearch {
        add(
            "log-endpoint",
            "Log endpoint",
            "The Elasticsearch or OpenSearch address as the Secret `log-endpoint` (key `host`) in `logging`. Until it exists Fluent Bit retries and keeps the logs on the nodes.".into(),
            vec![values(catalog::FLUENT_BIT.key)],
            vec![secret(catalog::FLUENT_BIT.namespace, "log-endpoint")],
        );
    }
    if s.observability.long_term_store == LongTermStore::Thanos
        && s.observability.metrics == MetricsStack::Prometheus
    {
        add(
            "thanos-objstore",
            "Thanos object storage",
            "The bucket configuration as the Secret `thanos-objstore` (key `objstore.yml`) in `monitoring`. Until it exists Prometheus keeps its local retention only.".into(),
            vec![values(catalog::KUBE_PROMETHEUS_STACK.key)],
            vec![secret("monitoring", "thanos-objstore")],
        );
    }
    if plan.has(catalog::MIMIR.key) {
        add(
            "mimir-storage",
            "Mimir object storage",
            format!(
                "The bucket `{}-metrics` Mimir keeps blocks in{}, with access for its ServiceAccount. Until then Mimir does not become ready and Prometheus keeps its local data.",
                plan.slug,
                match s.cluster.provider {
                    Provider::Aks => " (a container in the storage account that replaces set-storage-account)",
                    Provider::Kubeadm => " (on your S3-compatible object store, whose address replaces object-store.example.internal)",
                    _ => "",
                },
            ),
            vec![values(catalog::MIMIR.key)],
            Vec::new(),
        );
    }
    if plan.has(catalog::LOKI.key) {
        add(
            "log-bucket",
            "Log bucket",
            format!(
                "The {} `{}-logs`{} and access for Loki's ServiceAccount. Until then Loki does not become ready; applications are unaffected.",
                match s.cluster.provider {
                    Provider::Eks => "S3 bucket",
                    Provider::Gke => "Cloud Storage bucket",
                    Provider::Aks => "blob container",
                    Provider::Kubeadm => "bucket on your S3-compatible object store",
                },
                plan.slug,
                match s.cluster.provider {
                    Provider::Aks => " in the storage account that replaces set-storage-account".to_owned(),
                    Provider::Kubeadm => ", whose address replaces object-store.example.internal".to_owned(),
                    _ => format!(" in {}", s.cluster.region),
                },
            ),
            vec![values(catalog::LOKI.key)],
            Vec::new(),
        );
    }
    if plan.has(catalog::VELERO.key) {
        add(
            "backup-bucket",
            "Backup bucket and credentials",
            {
                let mut text =
                    format!("The bucket `{}-backups` in {}", plan.slug, s.cluster.region);
                for region in s.cluster.multi_region.iter().flat_map(|m| m.regions.iter()) {
                    text.push_str(&format!(
                        ", the bucket `{}-backups-{region}` in {region}",
                        plan.slug
                    ));
                }
                text.push_str(" and their credentials as the Secret `velero-credentials` (key `cloud`) in `velero`. Until then the backup locations are unavailable and schedules report failures.");
                text
            },
            vec![values(catalog::VELERO.key)],
            vec![secret(catalog::VELERO.namespace, "velero-credentials")],
        );
    }
    if plan.has(catalog::LINKERD.key) {
        add(
            "linkerd-identity",
            "Linkerd trust anchor and issuer",
            "Linkerd's identity: the trust anchor certificate as the ConfigMap `linkerd-identity-trust-roots` (key `ca-bundle.crt`) and the issuer certificate and key as the Secret `linkerd-identity-issuer` (type kubernetes.io/tls) in `linkerd`, before the control plane syncs (docs/first-run.md shows the commands). Until then the control plane waits and pods run without the mesh.".into(),
            vec![values(catalog::LINKERD.key)],
            vec![
                secret(catalog::LINKERD.namespace, "linkerd-identity-issuer"),
                Provided { kind: "ConfigMap", namespace: catalog::LINKERD.namespace, name: "linkerd-identity-trust-roots" },
            ],
        );
    }
    if s.gitops.tool == GitopsTool::ArgoCd {
        add(
            "argo-cd-sso",
            "Argo CD single sign-on",
            "Your identity provider's OIDC issuer and client for Argo CD. Until it is configured, people sign in as admin with the generated password (docs/first-run.md); turn admin off afterwards.".into(),
            vec![values(catalog::ARGO_CD.key)],
            Vec::new(),
        );
    }
    if !plan.services.is_empty() {
        add(
            "developer-groups",
            "Developer groups",
            "The identity provider groups the RoleBindings name (`developers`, or `<service>-developers` per team). Until they exist in your identity provider nobody gets the bindings' rights.".into(),
            Vec::new(),
            Vec::new(),
        );
    }
    if s.security.policies.allowed_registries.is_empty() {
        add(
            "image-registry",
            "Image registry",
            "Where CI pushes the services' images: the manifests name registry.example.com until you list a registry in the design (allowed registries) or CI sets the image.".into(),
            // Every service's base names its image there.
            vec![format!("{}/base/", if flux { "apps" } else { "applications" })],
            Vec::new(),
        );
    }
    if let Some(mirror) = &plan.mirror {
        let nodes = match s.cluster.provider {
            Provider::Kubeadm => "terraform/kubeadm/containerd-mirror.sh points each node's containerd at it",
            Provider::Eks => "point the nodes at it (ECR pull-through cache rules, or a registry mirror in the node configuration)",
            Provider::Aks => "point the nodes at it (ACR cache rules, or a registry mirror in the node configuration)",
            Provider::Gke => "point the nodes at it (Artifact Registry remote repositories, or a registry mirror in the node configuration)",
        };
        add(
            "mirror-contents",
            "Mirror contents",
            format!(
                "Every pinned chart under oci://{mirror}/charts, the Gateway API definitions under {mirror}/manifests (if installed) and a proxy for each image registry under {mirror}/<registry>; docs/first-run.md has the commands, and {nodes}. Until then syncs report the chart as not found and pods wait for their images; nothing is pulled from the internet instead."
            ),
            if s.cluster.provider == Provider::Kubeadm {
                vec!["terraform/kubeadm/containerd-mirror.sh".into()]
            } else {
                Vec::new()
            },
            Vec::new(),
        );
    }
    if s.cluster.provider == Provider::Kubeadm {
        add(
            "etcd-encryption-key",
            "Secret encryption key",
            "32 random bytes, base64-encoded, in the API server's encryption configuration. Until replaced the placeholder is not a valid key and the API server does not start with it.".into(),
            vec!["terraform/kubeadm/encryption-config.yaml".into()],
            Vec::new(),
        );
        if d.load_balancer_services && public {
            add(
                "load-balancer",
                "Load balancer implementation",
                "A self-managed cluster has no cloud load balancer: install one (MetalLB, kube-vip or your hardware's) before public services can get an address. Until then their Services stay pending.".into(),
                Vec::new(),
                Vec::new(),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_lists_ids_once_and_says_what_happens_meanwhile() {
        for preset in crate::presets::PRESETS {
            let design = preset.design();
            let plan = Plan::of(&design);
            let found = inputs(&design, &plan);
            let mut ids: Vec<_> = found.iter().map(|i| i.id).collect();
            ids.sort_unstable();
            ids.dedup();
            assert_eq!(ids.len(), found.len(), "{}", preset.slug);
            for input in &found {
                assert!(
                    input.detail.contains("Until") || input.detail.contains("until"),
                    "{}: {}",
                    preset.slug,
                    input.id
                );
            }
        }
    }

    #[test]
    fn naming_the_domain_removes_the_domain_input() {
        let mut design = PlatformDesign::default();
        design.spec.workload.services[0].exposure = Exposure::Public;
        let plan = Plan::of(&design);
        assert!(inputs(&design, &plan)
            .iter()
            .any(|i| i.id == "public-domain"));
        design.spec.cluster.public_domain = "apps.example.org".into();
        let plan = Plan::of(&design);
        assert!(!inputs(&design, &plan)
            .iter()
            .any(|i| i.id == "public-domain"));
    }

    #[test]
    fn secrets_the_export_names_are_provided_inputs() {
        let mut design = PlatformDesign::default();
        design.spec.observability.on_call = OnCall::PagerDuty;
        design.spec.observability.metrics = MetricsStack::Prometheus;
        let plan = Plan::of(&design);
        let found = inputs(&design, &plan);
        let on_call = found
            .iter()
            .find(|i| i.id == "on-call")
            .expect("on-call input");
        assert_eq!(on_call.provides, vec![secret("monitoring", "on-call")]);
    }
}
