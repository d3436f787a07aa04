//! Cost efficiency: the bill follows the load.

use super::when;
use crate::capacity::{capacity, Fit, FAR_OVER_FACTOR};
use crate::choices::{Purchase, RightSizing};
use crate::critique::Hit;
use crate::critique::{Fix, Principle::Cost, Rule, Severity::*};
use crate::estimate::monthly_total;
use crate::model::NodePool;

pub const COST_001: Rule = Rule {
    id: "COST-001",
    principle: Cost,
    severity: Medium,
    title: "Node utilisation target is neither wasteful nor tight",
    why: "Below 50 % you pay for half-empty nodes; above 85 % a burst has nowhere to go.",
    instead: "Aim for 65–75 %.",
    check: |d| {
        let target = d.spec.cost.target_utilisation_percent;
        when(
            !(50..=85).contains(&target),
            "spec.cost.targetUtilisationPercent",
            format!("A {target} % utilisation target."),
        )
    },
    fix: Some(Fix {
        label: "Aim for 70 %",
        apply: |d| d.spec.cost.target_utilisation_percent = 70,
    }),
};

pub const COST_002: Rule = Rule {
    id: "COST-002",
    principle: Cost,
    severity: Medium,
    title: "Non-production runs on spot",
    why: "Dev and staging tolerate interruptions; spot typically costs 60–70 % less.",
    instead: "Add a spot pool for non-production workloads.",
    check: |d| {
        when(
            d.spec.cluster.provider.pricing_key().is_some()
                && d.spec.cluster.environments.iter().any(|e| !e.production)
                && !d
                    .spec
                    .cluster
                    .node_pools
                    .iter()
                    .any(|p| p.purchase == Purchase::Spot),
            "spec.cluster.nodePools",
            "Non-production environments without a spot pool.",
        )
    },
    fix: Some(Fix {
        label: "Add a spot pool for non-prod",
        apply: |d| {
            let base = d
                .spec
                .cluster
                .node_pools
                .first()
                .cloned()
                .unwrap_or_default();
            crate::edits::add_node_pool(d);
            if let Some(pool) = d.spec.cluster.node_pools.last_mut() {
                *pool = NodePool {
                    name: pool.name.clone(),
                    purchase: Purchase::Spot,
                    min_nodes: 0,
                    desired_nodes: 1,
                    ..base
                };
            }
        },
    }),
};

pub const COST_003: Rule = Rule {
    id: "COST-003",
    principle: Cost,
    severity: Low,
    title: "The steady baseline is reserved",
    why: "Nodes that run all year cost about a third less with a one-year commitment.",
    instead: "Reserve (or commit to) the pool that carries the production baseline.",
    check: |d| {
        when(
            d.spec.cluster.provider.pricing_key().is_some()
                && !d
                    .spec
                    .cluster
                    .node_pools
                    .iter()
                    .any(|p| p.purchase == Purchase::Reserved)
                && d.spec
                    .cluster
                    .node_pools
                    .iter()
                    .any(|p| p.purchase == Purchase::OnDemand && p.min_nodes >= 3),
            "spec.cluster.nodePools[0].purchase",
            "A steady on-demand baseline without a commitment.",
        )
    },
    fix: Some(Fix {
        label: "Reserve the baseline pool",
        apply: |d| {
            if let Some(pool) = d
                .spec
                .cluster
                .node_pools
                .iter_mut()
                .find(|p| p.purchase == Purchase::OnDemand && p.min_nodes >= 3)
            {
                pool.purchase = Purchase::Reserved;
            }
        },
    }),
};

pub const COST_004: Rule = Rule {
    id: "COST-004",
    principle: Cost,
    severity: High,
    title: "The budget covers the estimate",
    why: "A design that costs more than its budget is either re-cut later under pressure or never approved.",
    instead: "Bring pools, purchase options or the budget in line before review.",
    check: |d| {
        let total = monthly_total(d);
        let budget = f64::from(d.spec.cost.monthly_budget_usd);
        when(
            total > budget && budget > 0.0,
            "spec.cost.monthlyBudgetUsd",
            format!("The estimate is about ${total:.0} a month; the budget is ${budget:.0}."),
        )
    },
    fix: None,
};

pub const COST_005: Rule = Rule {
    id: "COST-005",
    principle: Cost,
    severity: Low,
    title: "Requests are right-sized",
    why: "Requests guessed once and never revisited are usually two to three times real usage.",
    instead: "Review VPA recommendations regularly, or apply them automatically.",
    check: |d| {
        when(
            d.spec.cost.right_sizing == RightSizing::Off,
            "spec.cost.rightSizing",
            "Nobody adjusts requests to usage.",
        )
    },
    fix: Some(Fix {
        label: "Use recommendations",
        apply: |d| d.spec.cost.right_sizing = RightSizing::Recommend,
    }),
};

pub const COST_006: Rule = Rule {
    id: "COST-006",
    principle: Cost,
    severity: Medium,
    title: "Cost is visible per team",
    why: "Without cost per namespace, teams never see what their services cost and nothing gets cheaper.",
    instead: "Run OpenCost and label workloads with team and cost centre.",
    check: |d| when(!d.spec.observability.cost_visibility, "spec.observability.costVisibility", "No cost attribution per namespace or team."),
    fix: Some(Fix { label: "Run OpenCost", apply: |d| d.spec.observability.cost_visibility = true }),
};

pub const COST_007: Rule = Rule {
    id: "COST-007",
    principle: Cost,
    severity: High,
    title: "Each cluster's pools at desired size hold its load",
    why: "A cluster that starts short leaves pods pending until the autoscaler catches up, or for good without one; the bill that looked affordable was never the real one.",
    instead: "Size each cluster's pools for its applications, their sidecars, the platform and the node agents at the target utilisation.",
    check: |d| {
        capacity(d)
            .iter()
            .filter(|c| c.fit == Fit::Short)
            .map(|c| Hit::at("spec.cluster.nodePools", format!("{} is short. {}", c.cluster, c.summary())))
            .collect()
    },
    fix: Some(Fix {
        label: "Add nodes where a cluster is short",
        apply: |d| {
            // For each short cluster, the nodes its best pool needs, computed at
            // once; a pool shared by several clusters grows in all of them, so
            // look again until none is short.
            let utilisation = f64::from(d.spec.cost.target_utilisation_percent.max(1)) / 100.0;
            for _ in 0..16 {
                let short = capacity(d).into_iter().find(|c| c.fit == Fit::Short);
                let Some(short) = short else { break };
                let Some((pool, nodes)) = nodes_to_add(&short, utilisation) else {
                    break;
                };
                let Some(pool) = d.spec.cluster.node_pools.iter_mut().find(|p| p.name.as_str() == pool) else {
                    break;
                };
                pool.desired_nodes = pool.desired_nodes.saturating_add(nodes);
                pool.max_nodes = pool.max_nodes.max(pool.desired_nodes);
            }
        },
    }),
};

pub const COST_008: Rule = Rule {
    id: "COST-008",
    principle: Cost,
    severity: Medium,
    title: "No cluster starts far larger than its load",
    why: "Nodes bought for load that is not there are the most common waste in a Kubernetes bill.",
    instead: "Lower the desired (and minimum) node counts of that cluster's pools; the autoscaler adds nodes when load arrives.",
    check: |d| {
        capacity(d)
            .iter()
            .filter(|c| c.fit == Fit::FarOver)
            .map(|c| {
                Hit::at(
                    "spec.cluster.nodePools",
                    format!(
                        "{} offers {:.1} times what it needs ({FAR_OVER_FACTOR} is the limit). {}",
                        c.cluster,
                        c.coverage(),
                        c.summary()
                    ),
                )
            })
            .collect()
    },
    fix: None,
};

/// The pool of a short cluster whose nodes add most of the scarcer resource,
/// and how many of them close the gap: with `k` more nodes of allocatable `a`
/// and node agents `g` each, `(requested + k·g) / utilisation ≤ offered + k·a`.
fn nodes_to_add(c: &crate::capacity::ClusterCapacity, utilisation: f64) -> Option<(String, u32)> {
    let memory_bound = c.allocatable_memory_gib / c.needed_memory_gib.max(1e-9)
        < c.allocatable_vcpu / c.needed_vcpu.max(1e-9);
    let pool = c
        .pools
        .iter()
        .filter(|p| p.nodes_needed_alone.is_some())
        .max_by_key(|p| {
            p.node_size.map(|(cpu, memory)| {
                if memory_bound {
                    (memory, cpu)
                } else {
                    (cpu, memory)
                }
            })
        })?;
    let a = pool.allocatable?;
    let g = c.per_node_agents;
    let gap = |need: f64, offered: f64, per_node: f64, agents: f64| -> Option<f64> {
        let room = per_node - agents / utilisation;
        if need <= offered {
            Some(0.0)
        } else if room > 0.0 {
            Some((need - offered) / room)
        } else {
            None
        }
    };
    let cpu = gap(c.needed_vcpu, c.allocatable_vcpu, a.vcpu(), g.vcpu())?;
    let memory = gap(
        c.needed_memory_gib,
        c.allocatable_memory_gib,
        a.memory_gib(),
        g.memory_gib(),
    )?;
    let nodes = cpu.max(memory).ceil().clamp(1.0, f64::from(u32::MAX)) as u32;
    Some((pool.pool.clone(), nodes))
}
