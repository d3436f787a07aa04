//! Every rule fires on a design built to break it, stays silent on one that
//! complies, and — where it has a fix — the fix makes it pass.

use crate::choices::*;
use crate::critique::{critique, registry, rule, Principle};
use crate::model::PlatformDesign;

/// A design every rule accepts.
fn compliant() -> PlatformDesign {
    let mut d = PlatformDesign::default();
    d.spec.gitops.repo_url = "https://github.com/acme/platform.git".into();
    d.spec.security.policies.allowed_registries = vec!["ghcr.io/acme".into()];
    d.spec.observability.on_call = OnCall::PagerDuty;
    d.spec.observability.long_term_store = LongTermStore::Thanos;
    d.spec.workload.data.dr_plan = true;
    d.spec.workload.team.golden_path = true;
    d.spec.cluster.node_pools[0].purchase = Purchase::Reserved;
    crate::edits::add_node_pool(&mut d);
    d.spec.cluster.node_pools[1].purchase = Purchase::Spot;
    d
}

type Breaker = fn(&mut PlatformDesign);

/// For each rule, a change that breaks it.
const BREAKERS: &[(&str, Breaker)] = &[
    ("GIT-001", |d| d.spec.gitops.sync.auto_sync = false),
    ("GIT-002", |d| d.spec.gitops.sync.self_heal = false),
    ("GIT-003", |d| d.spec.gitops.sync.prune = false),
    ("GIT-004", |d| d.spec.gitops.promotion = Promotion::Branches),
    ("GIT-005", |d| {
        d.spec.gitops.repo_url = "https://git.example.com/x.git".into()
    }),
    ("GIT-006", |d| {
        d.spec.gitops.secrets = SecretsBackend::SealedSecrets
    }),
    ("SEC-001", |d| {
        d.spec.security.pod_security = PodSecurity::Privileged
    }),
    ("SEC-002", |d| {
        d.spec.security.pod_security = PodSecurity::Baseline
    }),
    ("SEC-003", |d| d.spec.security.default_deny_network = false),
    ("SEC-004", |d| {
        d.spec.security.policy_engine = PolicyEngine::None
    }),
    ("SEC-005", |d| {
        d.spec.security.policies.disallow_latest_tag = false
    }),
    ("SEC-006", |d| {
        d.spec.security.policies.resource_limits = false
    }),
    ("SEC-007", |d| {
        d.spec.security.supply_chain.image_scanning = false
    }),
    ("SEC-008", |d| {
        d.spec.workload.compliance = vec![Compliance::Soc2]
    }),
    ("SEC-009", |d| d.spec.security.secrets_encryption = false),
    ("SEC-010", |d| d.spec.security.audit_logging = false),
    ("SEC-011", |d| d.spec.security.rbac = RbacModel::Shared),
    ("SEC-012", |d| d.spec.cluster.private_endpoint = false),
    ("SEC-013", |d| {
        d.spec.security.policies.allowed_registries.clear()
    }),
    ("SEC-014", |d| {
        d.spec.workload.compliance = vec![Compliance::PciDss]
    }),
    ("SEC-015", |d| d.spec.security.mtls = MtlsMode::Permissive),
    ("SEC-016", |d| {
        d.spec.workload.compliance = vec![Compliance::GdprResidency]
    }),
    ("SEC-017", |d| {
        d.spec.cluster.ingress = Ingress::IngressNginx
    }),
    ("SEC-018", |d| {
        d.spec.cluster.kubernetes_version = "1.31".into()
    }),
    ("DX-001", |d| d.spec.workload.team.platform_team_size = 0),
    ("DX-002", |d| {
        d.spec.security.policies.require_probes = false
    }),
    ("DX-003", |d| d.spec.observability.dashboards = false),
    ("DX-004", |d| d.spec.gitops.layout = RepoLayout::MultiRepo),
    ("DX-005", |d| {
        d.spec.gitops.tool = GitopsTool::Flux;
        d.spec.workload.team.kubernetes_experience = Experience::None;
    }),
    ("DX-006", |d| d.spec.workload.team.golden_path = false),
    ("DEL-001", |d| {
        d.spec.gitops.progressive_delivery.tool = DeliveryTool::None
    }),
    ("DEL-002", |d| {
        d.spec.observability.metrics = MetricsStack::None
    }),
    ("DEL-003", |d| {
        d.spec.gitops.progressive_delivery.tool = DeliveryTool::Flagger
    }),
    ("DEL-004", |d| {
        d.spec.gitops.progressive_delivery.canary_steps_percent = vec![50]
    }),
    ("DEL-005", |d| {
        d.spec.gitops.progressive_delivery.min_success_rate_percent = 90.0
    }),
    ("DEL-006", |d| {
        d.spec.gitops.progressive_delivery.max_p99_latency_ms = 5_000
    }),
    ("OBS-001", |d| {
        d.spec.observability.metrics = MetricsStack::None
    }),
    ("OBS-002", |d| d.spec.observability.logs = LogStack::None),
    ("OBS-003", |d| {
        d.spec.workload.services[0].count = 12;
        d.spec.observability.tracing = TracingBackend::None;
    }),
    ("OBS-004", |d| d.spec.observability.slo_alerting = false),
    ("OBS-005", |d| d.spec.observability.on_call = OnCall::None),
    ("OBS-006", |d| {
        d.spec.workload.compliance = vec![Compliance::Hipaa];
        d.spec.observability.audit_log_retention_days = 365;
    }),
    ("OBS-007", |d| {
        d.spec.observability.long_term_store = LongTermStore::None
    }),
    ("REL-001", |d| d.spec.cluster.zones = 1),
    ("REL-002", |d| d.spec.workload.services[0].min_replicas = 1),
    ("REL-003", |d| {
        d.spec.workload.data.in_cluster_state = true;
        d.spec.workload.data.backups = false;
    }),
    ("REL-004", |d| {
        d.spec.workload.data.in_cluster_state = true;
        d.spec.workload.data.rto_minutes = 240;
    }),
    ("REL-005", |d| {
        d.spec.cluster.topology = Topology::Single;
        d.spec.workload.compliance = vec![Compliance::PciDss];
    }),
    ("REL-006", |d| {
        d.spec.cluster.node_autoscaler = NodeAutoscaler::None
    }),
    ("REL-007", |d| {
        for pool in &mut d.spec.cluster.node_pools {
            pool.purchase = Purchase::Spot;
        }
    }),
    ("REL-008", |d| {
        d.spec.workload.services[0].count = 100;
        d.spec.workload.services[0].cpu_request_millicores = 2_000;
        d.spec.workload.services[0].cpu_limit_millicores = 2_000;
    }),
    ("REL-009", |d| {
        d.spec.workload.availability = Availability::P99_99;
    }),
    ("REL-010", |d| {
        d.spec.cluster.multi_region = Some(crate::model::MultiRegion {
            regions: vec!["us-west-2".into()],
            mode: RegionMode::ActiveActive,
            global_traffic: GlobalTraffic::GlobalLoadBalancer,
            data_replication: DataReplication::None,
        });
    }),
    ("COST-001", |d| d.spec.cost.target_utilisation_percent = 30),
    ("COST-002", |d| d.spec.cluster.node_pools.truncate(1)),
    ("COST-003", |d| {
        for pool in &mut d.spec.cluster.node_pools {
            pool.purchase = Purchase::OnDemand;
        }
    }),
    ("COST-004", |d| d.spec.cost.monthly_budget_usd = 100),
    ("COST-005", |d| d.spec.cost.right_sizing = RightSizing::Off),
    ("COST-006", |d| d.spec.observability.cost_visibility = false),
    // Three times the services: production no longer fits its three nodes.
    ("COST-007", |d| d.spec.workload.services[0].count = 12),
    ("COST-008", |d| {
        d.spec.cluster.node_pools[0].desired_nodes = 9
    }),
    ("FIT-001", |d| d.spec.security.mesh = Mesh::Istio),
    ("FIT-002", |d| {
        d.spec.cluster.topology = Topology::PerEnvironment
    }),
    ("FIT-003", |d| {
        d.spec.security.policy_engine = PolicyEngine::Gatekeeper
    }),
    ("FIT-004", |d| d.spec.workload.services[0].count = 40),
    ("FIT-005", |d| d.spec.workload.data.dr_plan = false),
    ("FIT-006", |d| {
        d.spec.cluster.workload_autoscaling.keda = true
    }),
];

fn fires(id: &str, design: &PlatformDesign) -> bool {
    rule(id).is_some_and(|r| !(r.check)(design).is_empty())
}

#[test]
fn the_compliant_design_passes_every_rule() {
    let design = compliant();
    let firing: Vec<&str> = registry()
        .iter()
        .filter(|r| !(r.check)(&design).is_empty())
        .map(|r| r.id)
        .collect();
    assert_eq!(firing, Vec::<&str>::new());
    assert_eq!(
        critique(&design, &"2026-11-26".parse().expect("date")).overall,
        100
    );
}

#[test]
fn every_rule_fires_on_a_design_built_to_break_it() {
    for (id, breaker) in BREAKERS {
        let mut design = compliant();
        breaker(&mut design);
        assert!(fires(id, &design), "{id} did not fire");
    }
}

#[test]
fn every_fix_makes_its_rule_pass() {
    for (id, breaker) in BREAKERS {
        let Some(fix) = rule(id).and_then(|r| r.fix) else {
            continue;
        };
        let mut design = compliant();
        breaker(&mut design);
        (fix.apply)(&mut design);
        assert!(
            !fires(id, &design),
            "{id}'s fix '{}' did not make it pass",
            fix.label
        );
    }
}

#[test]
fn every_rule_has_a_breaker_and_a_unique_stable_id() {
    let ids: Vec<&str> = registry().iter().map(|r| r.id).collect();
    let tested: Vec<&str> = BREAKERS.iter().map(|(id, _)| *id).collect();
    assert_eq!(
        ids, tested,
        "the registry and the breakers list the same rules in the same order"
    );
    let mut unique = ids.clone();
    unique.dedup();
    assert_eq!(unique.len(), ids.len());
    assert!(ids.len() >= 45, "{} rules", ids.len());
    for r in registry() {
        let prefix = match r.principle {
            Principle::Gitops => "GIT-",
            Principle::Security => "SEC-",
            Principle::DeveloperExperience => "DX-",
            Principle::ProgressiveDelivery => "DEL-",
            Principle::Observability => "OBS-",
            Principle::Resilience => "REL-",
            Principle::Cost => "COST-",
            Principle::Fit => "FIT-",
        };
        assert!(
            r.id.starts_with(prefix),
            "{} is filed under {:?}",
            r.id,
            r.principle
        );
        assert!(
            !r.why.is_empty() && !r.instead.is_empty() && !r.title.is_empty(),
            "{} lacks docs",
            r.id
        );
    }
}

#[test]
fn every_finding_points_at_a_field_the_model_has() {
    for (id, breaker) in BREAKERS {
        let mut design = compliant();
        breaker(&mut design);
        for hit in rule(id).map(|r| (r.check)(&design)).unwrap_or_default() {
            assert!(
                crate::paths::exists(&hit.path),
                "{id} points at {}, which the model lacks",
                hit.path
            );
        }
    }
}

#[test]
fn a_preset_left_short_in_production_is_flagged_and_the_fix_resizes_it() {
    let mut design = crate::presets::find("fintech-eks")
        .map(|p| p.design())
        .unwrap_or_default();
    assert!(!fires("COST-007", &design));
    // Half the general pool: production (and non-production) no longer fit.
    design.spec.cluster.node_pools[0].desired_nodes = 6;
    let hits = rule("COST-007")
        .map(|r| (r.check)(&design))
        .unwrap_or_default();
    assert!(
        hits.iter()
            .any(|h| h.message.starts_with("platform-prod is short")),
        "{hits:?}"
    );
    let fix = rule("COST-007").and_then(|r| r.fix).expect("a fix");
    (fix.apply)(&mut design);
    assert!(!fires("COST-007", &design));
    assert!(!fires("COST-008", &design));
    assert!(design.spec.cluster.node_pools[0].desired_nodes > 6);
}
