//! Step 4: security.

use leptos::prelude::*;

use super::{field, Session};
use crate::components::fields::{ChoiceField, ListField, ToggleField};

pub fn view(s: Session) -> impl IntoView {
    let (pss, set_pss) = field!(s, spec.security.pod_security);
    let (deny, set_deny) = field!(s, spec.security.default_deny_network);
    let (egress, set_egress) = field!(s, spec.security.egress_allow_list);
    let (mesh, set_mesh) = field!(s, spec.security.mesh);
    let (mtls, set_mtls) = field!(s, spec.security.mtls);
    let (engine, set_engine) = field!(s, spec.security.policy_engine);
    let (labels, set_labels) = field!(s, spec.security.policies.required_labels);
    let (limits, set_limits) = field!(s, spec.security.policies.resource_limits);
    let (latest, set_latest) = field!(s, spec.security.policies.disallow_latest_tag);
    let (probes, set_probes) = field!(s, spec.security.policies.require_probes);
    let (registries, set_registries) = field!(s, spec.security.policies.allowed_registries);
    let (verify, set_verify) = field!(s, spec.security.policies.verify_signatures);
    let (scan, set_scan) = field!(s, spec.security.supply_chain.image_scanning);
    let (sign, set_sign) = field!(s, spec.security.supply_chain.image_signing);
    let (sbom, set_sbom) = field!(s, spec.security.supply_chain.sbom);
    let (falco, set_falco) = field!(s, spec.security.runtime_detection);
    let (rbac, set_rbac) = field!(s, spec.security.rbac);
    let (audit, set_audit) = field!(s, spec.security.audit_logging);
    let (encryption, set_encryption) = field!(s, spec.security.secrets_encryption);
    view! {
        <h2>"Security"</h2>
        <p class="lead">"Controls are on by default; every exception is explicit."</p>
        <fieldset>
            <legend>"Workload isolation"</legend>
            <ChoiceField label="Pod Security Standard" path="spec.security.podSecurity"
                help="Restricted blocks root, privilege escalation and extra capabilities." value=pss on_change=set_pss/>
            <ToggleField label="Default-deny network policies" path="spec.security.defaultDenyNetwork"
                help="Pods talk only where a policy allows it." value=deny on_change=set_deny/>
            <ListField label="Egress allow-list" path="spec.security.egressAllowList"
                help="Hosts workloads may call outside the cluster, separated by commas." value=egress on_change=set_egress/>
            <ChoiceField label="Service mesh" path="spec.security.mesh"
                help="A mesh adds mTLS and traffic control, and operational weight." value=mesh on_change=set_mesh/>
            <ChoiceField label="Mutual TLS" path="spec.security.mtls"
                help="Encrypts and authenticates traffic between services." value=mtls on_change=set_mtls/>
        </fieldset>
        <fieldset>
            <legend>"Admission policies"</legend>
            <ChoiceField label="Policy engine" path="spec.security.policyEngine"
                help="Refuses workloads that break the rules before they run." value=engine on_change=set_engine/>
            <ToggleField label="Required labels" path="spec.security.policies.requiredLabels" help="team, service and cost-center on every workload." value=labels on_change=set_labels/>
            <ToggleField label="Requests and limits" path="spec.security.policies.resourceLimits" help="Every container declares them." value=limits on_change=set_limits/>
            <ToggleField label="No latest tag" path="spec.security.policies.disallowLatestTag" help="Images are pinned." value=latest on_change=set_latest/>
            <ToggleField label="Probes required" path="spec.security.policies.requireProbes" help="Readiness and liveness on every container." value=probes on_change=set_probes/>
            <ToggleField label="Verify image signatures" path="spec.security.policies.verifySignatures" help="Unsigned images are refused." value=verify on_change=set_verify/>
            <ListField label="Allowed registries" path="spec.security.policies.allowedRegistries"
                help="Images may come only from these, separated by commas; empty allows any." value=registries on_change=set_registries/>
        </fieldset>
        <fieldset>
            <legend>"Supply chain and runtime"</legend>
            <ToggleField label="Image scanning" path="spec.security.supplyChain.imageScanning" help="Vulnerabilities are found before deployment." value=scan on_change=set_scan/>
            <ToggleField label="Image signing" path="spec.security.supplyChain.imageSigning" help="CI signs what it builds (cosign)." value=sign on_change=set_sign/>
            <ToggleField label="SBOM" path="spec.security.supplyChain.sbom" help="A bill of materials for every image." value=sbom on_change=set_sbom/>
            <ToggleField label="Runtime detection (Falco)" path="spec.security.runtimeDetection" help="Alerts on suspicious behaviour in running containers." value=falco on_change=set_falco/>
        </fieldset>
        <fieldset>
            <legend>"Access and audit"</legend>
            <ChoiceField label="RBAC model" path="spec.security.rbac"
                help="Teams get their own namespaces and no more rights than they need." value=rbac on_change=set_rbac/>
            <ToggleField label="Audit logging" path="spec.security.auditLogging"
                help="Records who did what through the Kubernetes API." value=audit on_change=set_audit/>
            <ToggleField label="Encrypt secrets at rest" path="spec.security.secretsEncryption"
                help="Kubernetes Secrets are encrypted with a managed key." value=encryption on_change=set_encryption/>
        </fieldset>
    }
}
