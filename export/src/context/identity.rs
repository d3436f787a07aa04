//! Which controllers act on the cloud account, and as which ServiceAccount:
//! read by their chart values (the account name) and by Terraform (the EKS
//! Pod Identity association that grants it a role), so the two cannot drift.

use design::choices::{Provider, SecretsBackend};
use design::plan::{catalog, Plan};
use design::PlatformDesign;
use serde::Serialize;

/// A controller that calls the cloud's API with a role of its own.
#[derive(Debug, Clone, Serialize)]
pub struct CloudIdentity {
    /// Catalogue key of the component.
    pub key: &'static str,
    pub namespace: &'static str,
    pub service_account: &'static str,
    /// The eks-pod-identity module input that attaches its policy.
    pub policy: &'static str,
    /// Its IAM role is `<cluster>-<role_suffix>`: at most 16 characters, so
    /// with the longest EKS cluster name (30) it stays far below IAM's 64.
    pub role_suffix: &'static str,
}

/// The cloud identities `design` needs (EKS only: elsewhere the team wires
/// workload identity, listed in docs/inputs.yaml). Karpenter has its own
/// Terraform module and is not listed here.
pub fn identities(design: &PlatformDesign, plan: &Plan) -> Vec<CloudIdentity> {
    if design.spec.cluster.provider != Provider::Eks {
        return Vec::new();
    }
    let mut out = Vec::new();
    if plan.has(catalog::AWS_LB.key) {
        out.push(CloudIdentity {
            key: catalog::AWS_LB.key,
            namespace: catalog::AWS_LB.namespace,
            service_account: "aws-load-balancer-controller",
            policy: "attach_aws_lb_controller_policy",
            role_suffix: "lb-controller",
        });
    }
    if plan.has(catalog::EXTERNAL_SECRETS.key)
        && design.spec.gitops.secrets == SecretsBackend::ExternalSecrets
    {
        out.push(CloudIdentity {
            key: catalog::EXTERNAL_SECRETS.key,
            namespace: catalog::EXTERNAL_SECRETS.namespace,
            service_account: "external-secrets",
            policy: "attach_external_secrets_policy",
            role_suffix: "external-secrets",
        });
    }
    if plan.has(catalog::CLUSTER_AUTOSCALER.key) {
        out.push(CloudIdentity {
            key: catalog::CLUSTER_AUTOSCALER.key,
            namespace: catalog::CLUSTER_AUTOSCALER.namespace,
            service_account: "cluster-autoscaler",
            policy: "attach_cluster_autoscaler_policy",
            role_suffix: "autoscaler",
        });
    }
    out
}

/// The ServiceAccount Karpenter's controller runs as (its Pod Identity).
pub const KARPENTER_SERVICE_ACCOUNT: &str = "karpenter";

#[cfg(test)]
mod tests {
    use super::*;
    use design::choices::{Ingress, NodeAutoscaler};

    #[test]
    fn every_eks_controller_that_calls_aws_gets_an_identity_within_iam_limits() {
        let mut design = PlatformDesign::default();
        design.spec.cluster.ingress = Ingress::CloudLoadBalancer;
        design.spec.cluster.node_autoscaler = NodeAutoscaler::ClusterAutoscaler;
        design.spec.gitops.secrets = SecretsBackend::ExternalSecrets;
        let plan = Plan::of(&design);
        let found = identities(&design, &plan);
        let keys: Vec<_> = found.iter().map(|i| i.key).collect();
        assert_eq!(
            keys,
            [
                "aws-load-balancer-controller",
                "external-secrets",
                "cluster-autoscaler"
            ]
        );
        for identity in &found {
            assert!(identity.role_suffix.len() <= 16, "{}", identity.key);
        }
        design.spec.cluster.provider = Provider::Gke;
        assert!(identities(&design, &Plan::of(&design)).is_empty());
    }
}
