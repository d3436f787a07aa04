//! Upper bounds on every count and size a design holds. They are far above
//! any real platform and keep every sum the plan and the estimate make far
//! below the integer limits (so arithmetic never wraps), and a design that a
//! browser can still render.

use crate::model::PlatformDesign;

use super::FieldError;

/// Most service groups a design holds.
pub const MAX_SERVICE_GROUPS: usize = 500;
/// Most services in one group.
pub const MAX_SERVICES_PER_GROUP: u32 = 1_000;
/// Most replicas of one service.
pub const MAX_REPLICAS: u32 = 1_000;
/// Largest CPU request or limit of one replica: 256 cores.
pub const MAX_CPU_MILLICORES: u32 = 256_000;
/// Largest memory request or limit of one replica: 2 TiB.
pub const MAX_MEMORY_MEBIBYTES: u32 = 2_097_152;
/// Most environments.
pub const MAX_ENVIRONMENTS: usize = 12;
/// Most node pools.
pub const MAX_NODE_POOLS: usize = 30;
/// Most nodes in one pool (above every provider's cluster limit).
pub const MAX_NODES_PER_POOL: u32 = 5_000;
/// Most labels, and most taints, on one pool.
pub const MAX_LABELS_PER_POOL: usize = 50;
/// Most requests a day: about 115 million a second.
pub const MAX_REQUESTS_PER_DAY: u64 = 10_000_000_000_000;
/// Longest latency target, recovery objective or pause, in their units.
pub const MAX_LATENCY_MS: u32 = 600_000;
/// A year in minutes: the longest recovery objective.
pub const MAX_RECOVERY_MINUTES: u32 = 525_600;
/// A day in minutes: the longest pause between canary steps.
pub const MAX_PAUSE_MINUTES: u32 = 1_440;
/// Most canary steps.
pub const MAX_CANARY_STEPS: usize = 20;
/// Most people in the teams.
pub const MAX_PEOPLE: u32 = 100_000;
/// Most allowed registries and egress destinations.
pub const MAX_LIST_ENTRIES: usize = 100;
/// Largest monthly budget in US dollars.
pub const MAX_BUDGET_USD: u32 = 1_000_000_000;
/// Most accepted findings.
pub const MAX_EXEMPTIONS: usize = 200;

fn at_most<T: PartialOrd + std::fmt::Display>(
    errors: &mut Vec<FieldError>,
    path: impl Into<String>,
    value: T,
    max: T,
    unit: &str,
) {
    if value > max {
        errors.push(FieldError::new(
            path,
            format!("At most {max}{unit}; this is {value}{unit}."),
        ));
    }
}

fn at_most_items(errors: &mut Vec<FieldError>, path: &str, len: usize, max: usize, what: &str) {
    if len > max {
        errors.push(FieldError::new(
            path,
            format!("A design holds at most {max} {what}; this one has {len}."),
        ));
    }
}

/// Every count and size beyond its bound.
pub(super) fn check(design: &PlatformDesign, errors: &mut Vec<FieldError>) {
    let s = &design.spec;
    let w = &s.workload;
    at_most_items(
        errors,
        "spec.workload.tenants",
        w.tenants.len(),
        MAX_SERVICE_GROUPS,
        "teams",
    );
    at_most_items(
        errors,
        "spec.workload.services",
        w.services.len(),
        MAX_SERVICE_GROUPS,
        "service groups",
    );
    for (i, g) in w.services.iter().enumerate() {
        let at = |field: &str| format!("spec.workload.services[{i}].{field}");
        at_most(
            errors,
            at("count"),
            g.count,
            MAX_SERVICES_PER_GROUP,
            " services",
        );
        for (field, value) in [
            ("cpuRequestMillicores", g.cpu_request_millicores),
            ("cpuLimitMillicores", g.cpu_limit_millicores),
        ] {
            at_most(errors, at(field), value, MAX_CPU_MILLICORES, " m");
        }
        for (field, value) in [
            ("memoryRequestMebibytes", g.memory_request_mebibytes),
            ("memoryLimitMebibytes", g.memory_limit_mebibytes),
        ] {
            at_most(errors, at(field), value, MAX_MEMORY_MEBIBYTES, " MiB");
        }
        at_most(
            errors,
            at("minReplicas"),
            g.min_replicas,
            MAX_REPLICAS,
            " replicas",
        );
        at_most(
            errors,
            at("maxReplicas"),
            g.max_replicas,
            MAX_REPLICAS,
            " replicas",
        );
    }
    at_most(
        errors,
        "spec.workload.traffic.requestsPerDay",
        w.traffic.requests_per_day,
        MAX_REQUESTS_PER_DAY,
        " requests",
    );
    at_most(
        errors,
        "spec.workload.p99LatencyMs",
        w.p99_latency_ms,
        MAX_LATENCY_MS,
        " ms",
    );
    at_most(
        errors,
        "spec.workload.data.rtoMinutes",
        w.data.rto_minutes,
        MAX_RECOVERY_MINUTES,
        " minutes",
    );
    at_most(
        errors,
        "spec.workload.data.rpoMinutes",
        w.data.rpo_minutes,
        MAX_RECOVERY_MINUTES,
        " minutes",
    );
    at_most(
        errors,
        "spec.workload.team.developers",
        w.team.developers,
        MAX_PEOPLE,
        "",
    );
    at_most(
        errors,
        "spec.workload.team.platformTeamSize",
        w.team.platform_team_size,
        MAX_PEOPLE,
        "",
    );

    let c = &s.cluster;
    at_most_items(
        errors,
        "spec.cluster.environments",
        c.environments.len(),
        MAX_ENVIRONMENTS,
        "environments",
    );
    at_most_items(
        errors,
        "spec.cluster.nodePools",
        c.node_pools.len(),
        MAX_NODE_POOLS,
        "node pools",
    );
    for (i, p) in c.node_pools.iter().enumerate() {
        let at = |field: &str| format!("spec.cluster.nodePools[{i}].{field}");
        for (field, value) in [
            ("minNodes", p.min_nodes),
            ("desiredNodes", p.desired_nodes),
            ("maxNodes", p.max_nodes),
        ] {
            at_most(errors, at(field), value, MAX_NODES_PER_POOL, " nodes");
        }
        at_most_items(
            errors,
            &at("labels"),
            p.labels.len(),
            MAX_LABELS_PER_POOL,
            "labels per pool",
        );
        at_most_items(
            errors,
            &at("taints"),
            p.taints.len(),
            MAX_LABELS_PER_POOL,
            "taints per pool",
        );
    }

    let d = &s.gitops.progressive_delivery;
    at_most_items(
        errors,
        "spec.gitops.progressiveDelivery.canaryStepsPercent",
        d.canary_steps_percent.len(),
        MAX_CANARY_STEPS,
        "canary steps",
    );
    at_most(
        errors,
        "spec.gitops.progressiveDelivery.pauseMinutes",
        d.pause_minutes,
        MAX_PAUSE_MINUTES,
        " minutes",
    );
    at_most(
        errors,
        "spec.gitops.progressiveDelivery.maxP99LatencyMs",
        d.max_p99_latency_ms,
        MAX_LATENCY_MS,
        " ms",
    );
    at_most_items(
        errors,
        "spec.security.policies.allowedRegistries",
        s.security.policies.allowed_registries.len(),
        MAX_LIST_ENTRIES,
        "allowed registries",
    );
    at_most_items(
        errors,
        "spec.security.egressAllowList",
        s.security.egress_allow_list.len(),
        MAX_LIST_ENTRIES,
        "egress destinations",
    );
    at_most(
        errors,
        "spec.cost.monthlyBudgetUsd",
        s.cost.monthly_budget_usd,
        MAX_BUDGET_USD,
        " USD",
    );
    at_most_items(
        errors,
        "spec.exemptions",
        s.exemptions.len(),
        MAX_EXEMPTIONS,
        "accepted findings",
    );
}
