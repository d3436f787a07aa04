//! Numbers at the edge: every view of a design (validation, plan, critique,
//! capacity, estimate, diagram, report) handles the largest values a form or
//! a file can hold without overflowing (a debug build panics on overflow),
//! and validation names each bound that is exceeded beside its field.

use design::model::{Environment, NodePool, ServiceGroup};
use design::names::{EnvName, PoolName, ServiceName};
use design::validate::bounds;
use design::{validate, PlatformDesign};

fn everything_at(max_u32: u32, max_u8: u8) -> PlatformDesign {
    let mut d = design::presets::find("fintech-eks")
        .map(|p| p.design())
        .unwrap_or_default();
    let w = &mut d.spec.workload;
    for g in &mut w.services {
        g.count = max_u32;
        g.cpu_request_millicores = max_u32;
        g.cpu_limit_millicores = max_u32;
        g.memory_request_mebibytes = max_u32;
        g.memory_limit_mebibytes = max_u32;
        g.min_replicas = max_u32;
        g.max_replicas = max_u32;
    }
    w.traffic.requests_per_day = u64::from(max_u32) * 1_000_000;
    w.p99_latency_ms = max_u32;
    w.data.rto_minutes = max_u32;
    w.data.rpo_minutes = max_u32;
    w.team.developers = max_u32;
    w.team.platform_team_size = max_u32;
    for p in &mut d.spec.cluster.node_pools {
        p.min_nodes = max_u32;
        p.desired_nodes = max_u32;
        p.max_nodes = max_u32;
    }
    d.spec.cost.monthly_budget_usd = max_u32;
    d.spec.cost.target_utilisation_percent = max_u8;
    d.spec.cost.budget_alert_percent = max_u8;
    d.spec.observability.metrics_retention_days = max_u32;
    d.spec.observability.log_retention_days = max_u32;
    d.spec.observability.audit_log_retention_days = max_u32;
    d.spec.gitops.progressive_delivery.pause_minutes = max_u32;
    d.spec.gitops.progressive_delivery.max_p99_latency_ms = max_u32;
    d
}

fn every_view(d: &PlatformDesign) {
    let _ = validate(d);
    let _ = design::plan::Plan::of(d);
    let _ = design::critique::critique(d, &"2026-11-27".parse().expect("date"));
    let _ = design::capacity::capacity(d);
    let _ = design::capacity::requests_per_environment(d);
    let _ = design::estimate::estimate(d);
    let _ = design::diagram::svg(d);
    let _ = design::report::markdown(d, &"2026-11-27".parse().expect("date"));
}

#[test]
fn the_largest_numbers_a_file_can_hold_break_no_view() {
    every_view(&everything_at(u32::MAX, u8::MAX));
}

#[test]
fn the_largest_valid_design_breaks_no_view_and_is_valid() {
    let mut d = everything_at(1, 70);
    let template = d.spec.workload.services[0].clone();
    d.spec.workload.services = (0..bounds::MAX_SERVICE_GROUPS)
        .map(|i| ServiceGroup {
            name: ServiceName::parse(format!("s{i}")).expect("name"),
            count: bounds::MAX_SERVICES_PER_GROUP,
            cpu_request_millicores: bounds::MAX_CPU_MILLICORES,
            cpu_limit_millicores: bounds::MAX_CPU_MILLICORES,
            memory_request_mebibytes: bounds::MAX_MEMORY_MEBIBYTES,
            memory_limit_mebibytes: bounds::MAX_MEMORY_MEBIBYTES,
            min_replicas: bounds::MAX_REPLICAS,
            max_replicas: bounds::MAX_REPLICAS,
            ..template.clone()
        })
        .collect();
    d.spec.cluster.environments = (0..bounds::MAX_ENVIRONMENTS)
        .map(|i| Environment::new(EnvName::parse(format!("e{i}")).expect("name"), i == 0))
        .collect();
    let pool = d.spec.cluster.node_pools[0].clone();
    d.spec.cluster.node_pools = (0..bounds::MAX_NODE_POOLS)
        .map(|i| NodePool {
            name: PoolName::parse(format!("p{i}")).expect("name"),
            min_nodes: bounds::MAX_NODES_PER_POOL,
            desired_nodes: bounds::MAX_NODES_PER_POOL,
            max_nodes: bounds::MAX_NODES_PER_POOL,
            ..pool.clone()
        })
        .collect();
    d.spec.workload.traffic.requests_per_day = bounds::MAX_REQUESTS_PER_DAY;
    d.spec.workload.p99_latency_ms = 300;
    d.spec.workload.data.rto_minutes = 60;
    d.spec.workload.data.rpo_minutes = 15;
    d.spec.observability.metrics_retention_days = 3_650;
    d.spec.observability.log_retention_days = 3_650;
    d.spec.observability.audit_log_retention_days = 3_650;
    d.spec.cost.monthly_budget_usd = bounds::MAX_BUDGET_USD;
    d.spec.cost.budget_alert_percent = 80;
    assert_eq!(validate(&d), vec![]);
    every_view(&d);
    let plan = design::plan::Plan::of(&d);
    // 500 groups × 1000 services × 1000 replicas × 256 cores, counted exactly.
    assert_eq!(
        plan.requests_in("e0").cpu_millicores,
        500 * 1_000 * 1_000 * 256_000
    );
}

#[test]
fn each_exceeded_bound_is_reported_beside_its_field() {
    let errors = validate(&everything_at(u32::MAX, 70));
    let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
    for path in [
        "spec.workload.services[0].count",
        "spec.workload.services[0].cpuRequestMillicores",
        "spec.workload.services[0].memoryLimitMebibytes",
        "spec.workload.services[0].maxReplicas",
        "spec.workload.p99LatencyMs",
        "spec.workload.data.rpoMinutes",
        "spec.workload.team.developers",
        "spec.cluster.nodePools[0].maxNodes",
        "spec.gitops.progressiveDelivery.pauseMinutes",
        "spec.cost.monthlyBudgetUsd",
    ] {
        assert!(paths.contains(&path), "{path} not in {paths:?}");
    }
    let count = errors
        .iter()
        .find(|e| e.path == "spec.workload.services[0].count")
        .map(|e| e.message.as_str());
    assert_eq!(
        count,
        Some("At most 1000 services; this is 4294967295 services.")
    );
}

/// Every validation error names a field the model has: the wizard shows it
/// beside that field and the step lookup finds its tab.
#[test]
fn every_validation_error_points_at_a_field_the_model_has() {
    let mut broken = everything_at(u32::MAX, u8::MAX);
    broken.metadata.name = "\u{0}".repeat(200);
    broken.spec.cluster.region = String::new();
    broken.spec.cluster.kubernetes_version = "9.99".into();
    broken.spec.cost.storage_class = "Not A Class".into();
    broken.spec.gitops.repo_url = "ftp://x".into();
    broken.spec.gitops.branch = "-bad branch".into();
    broken.spec.security.egress_allow_list = vec!["a b".into()];
    broken.spec.exemptions = vec![design::critique::Exemption {
        rule: "NOPE-1".into(),
        reason: String::new(),
        owner: "\u{85}".into(),
        expires: None,
    }];
    broken.spec.workload.services[0].name = ServiceName::parse("9".repeat(63)).expect("name");
    let errors = validate(&broken);
    assert!(errors.len() >= 30, "{}", errors.len());
    for e in &errors {
        assert!(
            design::paths::exists(&e.path),
            "{} is not a field: {}",
            e.path,
            e.message
        );
    }
    for empty in [PlatformDesign {
        spec: design::model::Spec {
            workload: design::model::Workload {
                services: vec![],
                ..Default::default()
            },
            ..Default::default()
        },
        ..Default::default()
    }] {
        for e in validate(&empty) {
            assert!(design::paths::exists(&e.path), "{}", e.path);
        }
    }
}
