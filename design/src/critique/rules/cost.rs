//! Cost efficiency: the bill follows the load.

use super::when;
use crate::choices::{Purchase, RightSizing};
use crate::critique::{Fix, Principle::Cost, Rule, Severity::*};
use crate::estimate::estimate;
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
        let total = estimate(d).total_monthly_usd;
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
