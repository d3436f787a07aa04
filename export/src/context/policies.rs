//! Admission policies: which exist, the registries they allow, and the
//! exceptions accepted critique findings turn into.

use std::collections::BTreeMap;

use design::choices::PolicyEngine;
use design::critique::Critique;
use design::plan::Plan;
use design::PlatformDesign;
use serde::Serialize;

/// Generated admission policies that enforce a critique rule: accepting the
/// rule's finding turns into an exception to these policies.
/// Each entry: policy name, rule, Kyverno kind, Gatekeeper constraint kind.
pub const POLICIES: &[(&str, &str, &str, Option<&str>)] = &[
    (
        "require-requests-limits",
        "SEC-006",
        "ValidatingPolicy",
        Some("K8sRequiredResources"),
    ),
    (
        "disallow-latest-tag",
        "SEC-005",
        "ValidatingPolicy",
        Some("K8sDisallowLatest"),
    ),
    (
        "allowed-registries",
        "SEC-013",
        "ValidatingPolicy",
        Some("K8sAllowedRepos"),
    ),
    (
        "verify-image-signatures",
        "SEC-008",
        "ImageValidatingPolicy",
        None,
    ),
];

/// The admission policy view.
#[derive(Debug, Serialize)]
pub struct PolicyCtx {
    pub kyverno: bool,
    pub gatekeeper: bool,
    /// Some policy engine is installed.
    pub any: bool,
    /// Which generated admission policies exist.
    pub on: BTreeMap<&'static str, bool>,
    pub exceptions: Vec<ExceptionCtx>,
    pub constraints: Vec<ConstraintCtx>,
    /// Registries images may come from.
    pub registries: Vec<String>,
    /// The allowed registries as a CEL list literal.
    pub registries_cel: String,
    pub registries_message: String,
    /// The mesh's proxy container, whose probes the mesh sets.
    pub sidecar: Option<&'static str>,
}

/// An accepted critique finding turned into a policy exception.
#[derive(Debug, Clone, Serialize)]
pub struct ExceptionCtx {
    pub name: String,
    pub rule: String,
    pub title: String,
    pub reason: String,
    pub owner: String,
    pub expires: Option<String>,
    /// Generated policies it relaxes (empty when no admission policy enforces the rule).
    pub policies: Vec<PolicyRef>,
}

/// A generated policy an exception relaxes.
#[derive(Debug, Clone, Serialize)]
pub struct PolicyRef {
    pub name: &'static str,
    pub kind: &'static str,
}

/// A Gatekeeper constraint, relaxed to `warn` when its rule is accepted.
#[derive(Debug, Serialize)]
pub struct ConstraintCtx {
    pub name: &'static str,
    pub kind: &'static str,
    /// The constraint lists the allowed registries.
    pub registries: bool,
    pub exception: Option<ExceptionCtx>,
}

impl PolicyCtx {
    pub(super) fn new(design: &PlatformDesign, plan: &Plan, critique: &Critique) -> Self {
        let s = &design.spec;
        // A policy is generated when the design asks for it, or when the
        // design accepts the finding of the rule it enforces: then the policy
        // exists with an explicit, expiring exception instead of not at all.
        let p = &s.security.policies;
        let accepted = |rule: &str| critique.accepted.iter().any(|f| f.rule == rule);
        let on: BTreeMap<&'static str, bool> = BTreeMap::from([
            ("require-labels", p.required_labels),
            ("require-probes", p.require_probes),
            (
                "require-requests-limits",
                p.resource_limits || accepted("SEC-006"),
            ),
            (
                "disallow-latest-tag",
                p.disallow_latest_tag || accepted("SEC-005"),
            ),
            ("allowed-registries", !p.allowed_registries.is_empty()),
            (
                "verify-image-signatures",
                p.verify_signatures || accepted("SEC-008"),
            ),
        ]);
        let exceptions = critique
            .accepted
            .iter()
            .filter_map(|f| f.exemption.as_ref().map(|e| (f, e)))
            .map(|(f, e)| ExceptionCtx {
                name: format!("accept-{}", f.rule.to_ascii_lowercase()),
                rule: f.rule.to_owned(),
                title: f.title.to_owned(),
                reason: e.reason.clone(),
                owner: e.owner.clone(),
                expires: e.expires.as_ref().map(ToString::to_string),
                policies: POLICIES
                    .iter()
                    .filter(|(name, rule, _, _)| {
                        *rule == f.rule && on.get(name).copied().unwrap_or(false)
                    })
                    .map(|(name, _, kind, _)| PolicyRef { name, kind })
                    .collect(),
            })
            .collect::<Vec<_>>();
        let constraints = POLICIES
            .iter()
            .filter(|(name, ..)| on.get(name).copied().unwrap_or(false))
            .filter_map(|(name, rule, _, kind)| {
                kind.map(|kind| ConstraintCtx {
                    name,
                    kind,
                    registries: *name == "allowed-registries",
                    exception: exceptions.iter().find(|x| x.rule == *rule).cloned(),
                })
            })
            .collect();
        // The mesh's injected proxies run in every application pod.
        let mut registries = p.allowed_registries.clone();
        if let (false, Some(prefix)) = (registries.is_empty(), plan.dataplane.sidecar_images()) {
            if !registries
                .iter()
                .any(|r| prefix.starts_with(&format!("{r}/")) || r == prefix)
            {
                registries.push(prefix.to_owned());
            }
        }
        Self {
            kyverno: s.security.policy_engine == PolicyEngine::Kyverno,
            gatekeeper: s.security.policy_engine == PolicyEngine::Gatekeeper,
            any: s.security.policy_engine != PolicyEngine::None,
            on,
            exceptions,
            constraints,
            registries_cel: serde_json::to_string(&registries).unwrap_or_else(|_| "[]".into()),
            registries_message: format!("Images must come from: {}", registries.join(", ")),
            registries,
            sidecar: plan.dataplane.sidecar_container(),
        }
    }
}
