//! Fit: is the design right for this team, traffic and estate? These are the
//! review questions no principle score asks: over-engineering, and plans that
//! are missing rather than wrong.

use super::when;
use crate::choices::{Experience, Mesh, PolicyEngine, ServiceKind, Topology};
use crate::critique::{Fix, Principle::Fit, Rule, Severity::*};
use crate::model::PlatformDesign;
use crate::traffic::traffic_rates;

fn total_services(d: &PlatformDesign) -> u64 {
    crate::traffic::service_count(&d.spec.workload)
}

/// A platform team of fewer than three without deep Kubernetes experience:
/// the team FIT-001 and FIT-003 protect, and decision records weigh options for.
pub(crate) fn small_inexperienced_team(d: &PlatformDesign) -> bool {
    let team = &d.spec.workload.team;
    team.kubernetes_experience != Experience::Experienced && team.platform_team_size < 3
}

pub const FIT_001: Rule = Rule {
    id: "FIT-001",
    principle: Fit,
    severity: High,
    title: "The mesh is no heavier than the team can run",
    why: "Istio is powerful and demanding; a small team new to Kubernetes will spend its time on the mesh instead of the product.",
    instead: "Use Linkerd for mTLS with little to operate, or no mesh when nothing requires one.",
    check: |d| when(
        d.spec.security.mesh == Mesh::Istio && small_inexperienced_team(d),
        "spec.security.mesh",
        "Istio for a platform team of fewer than three with limited Kubernetes experience.",
    ),
    fix: Some(Fix { label: "Use Linkerd", apply: |d| d.spec.security.mesh = Mesh::Linkerd }),
};

/// Fewer than twenty developers and under 100 req/s at peak a year out: an
/// estate one production and one shared non-production cluster carry.
pub(crate) fn small_estate(d: &PlatformDesign) -> bool {
    let peak = traffic_rates(&d.spec.workload.traffic).peak_rps_after_growth;
    d.spec.workload.team.developers < 20 && peak < 100.0
}

pub const FIT_002: Rule = Rule {
    id: "FIT-002",
    principle: Fit,
    severity: Medium,
    title: "Cluster count suits team and traffic",
    why: "Every cluster is upgrades, add-ons and on-call; a small team at low traffic gains little from one cluster per environment.",
    instead: "Below about twenty developers and 100 req/s at peak, run production plus one shared non-production cluster.",
    check: |d| {
        let peak = traffic_rates(&d.spec.workload.traffic).peak_rps_after_growth;
        when(
            d.spec.cluster.topology == Topology::PerEnvironment && small_estate(d),
            "spec.cluster.topology",
            format!("One cluster per environment for {} developers and {peak:.0} req/s at peak.", d.spec.workload.team.developers),
        )
    },
    fix: Some(Fix { label: "Prod + non-prod", apply: |d| d.spec.cluster.topology = Topology::ProdAndNonProd }),
};

pub const FIT_003: Rule = Rule {
    id: "FIT-003",
    principle: Fit,
    severity: Low,
    title: "Policies are written in a language the team reads",
    why: "Gatekeeper policies are Rego; Kyverno policies are YAML like everything else the team already writes.",
    instead: "With limited Kubernetes experience, prefer Kyverno.",
    check: |d| when(
        d.spec.security.policy_engine == PolicyEngine::Gatekeeper && small_inexperienced_team(d),
        "spec.security.policyEngine",
        "Rego policies for a small team new to Kubernetes.",
    ),
    fix: Some(Fix { label: "Use Kyverno", apply: |d| d.spec.security.policy_engine = PolicyEngine::Kyverno }),
};

pub const FIT_004: Rule = Rule {
    id: "FIT-004",
    principle: Fit,
    severity: High,
    title: "A large estate has a migration plan",
    why: "Moving twenty or more services at once is how platforms fail their first month; phases, a pilot and a parallel run make it routine.",
    instead: "Plan phases: a pilot of a few non-critical services, then waves, with old and new running side by side.",
    check: |d| {
        let services = total_services(d);
        when(
            services >= 20 && !d.spec.workload.migration_planned,
            "spec.workload.migrationPlanned",
            format!("{services} services to move and no migration plan."),
        )
    },
    fix: None,
};

pub const FIT_005: Rule = Rule {
    id: "FIT-005",
    principle: Fit,
    severity: Medium,
    title: "There is a disaster-recovery plan",
    why: "Backups nobody has restored are a hope; the plan says who restores what, in which order, within the RTO.",
    instead: "Write and rehearse the restore: cluster from Git, state from backups, data from the database's own recovery.",
    check: |d| when(!d.spec.workload.data.dr_plan, "spec.workload.data.drPlan", "No disaster-recovery plan."),
    fix: None,
};

pub const FIT_006: Rule = Rule {
    id: "FIT-006",
    principle: Fit,
    severity: Low,
    title: "Event-driven scaling has events to scale on",
    why: "KEDA is one more controller to run; it pays off only with workers consuming queues or streams.",
    instead: "Turn KEDA off until there are worker or batch services.",
    check: |d| when(
        d.spec.cluster.workload_autoscaling.keda
            && !d.spec.workload.services.iter().any(|g| matches!(g.kind, ServiceKind::Worker | ServiceKind::Batch)),
        "spec.cluster.workloadAutoscaling.keda",
        "KEDA without worker or batch services.",
    ),
    fix: Some(Fix { label: "Turn KEDA off", apply: |d| d.spec.cluster.workload_autoscaling.keda = false }),
};
