//! Progressive delivery: shift traffic gradually, roll back on bad metrics.

use super::when;
use crate::choices::{
    Availability, DeliveryStrategy, DeliveryTool, GitopsTool, Ingress, Mesh, MetricsStack,
};
use crate::critique::{Fix, Principle::ProgressiveDelivery, Rule, Severity::*};
use crate::model::PlatformDesign;

fn delivering(d: &PlatformDesign) -> bool {
    d.spec.gitops.progressive_delivery.tool != DeliveryTool::None
}

fn canary(d: &PlatformDesign) -> bool {
    delivering(d) && d.spec.gitops.progressive_delivery.strategy == DeliveryStrategy::Canary
}

pub const DEL_001: Rule = Rule {
    id: "DEL-001",
    principle: ProgressiveDelivery,
    severity: High,
    title: "Production releases are progressive",
    why: "A rolling update sends every user to the new version within minutes; a bad release is found by customers, not metrics.",
    instead: "Use Argo Rollouts (with Argo CD) or Flagger (with Flux) for canary releases with automatic rollback.",
    check: |d| when(
        !delivering(d) && d.spec.workload.availability != Availability::P99_0,
        "spec.gitops.progressiveDelivery.tool",
        "Releases are plain rolling updates.",
    ),
    fix: Some(Fix {
        label: "Add the matching canary controller",
        apply: |d| {
            d.spec.gitops.progressive_delivery.tool = match d.spec.gitops.tool {
                GitopsTool::ArgoCd => DeliveryTool::ArgoRollouts,
                GitopsTool::Flux => DeliveryTool::Flagger,
            }
        },
    }),
};

pub const DEL_002: Rule = Rule {
    id: "DEL-002",
    principle: ProgressiveDelivery,
    severity: High,
    title: "Releases have metrics to judge them",
    why: "Canary analysis queries a metrics provider; without one, releases are promoted on a timer and never rolled back.",
    instead: "Run Prometheus (or VictoriaMetrics) and point the analysis at it.",
    check: |d| when(
        delivering(d) && d.spec.observability.metrics == MetricsStack::None,
        "spec.observability.metrics",
        "Progressive delivery is chosen but there is no metrics provider for its analysis.",
    ),
    fix: Some(Fix { label: "Use Prometheus", apply: |d| d.spec.observability.metrics = MetricsStack::Prometheus }),
};

pub const DEL_003: Rule = Rule {
    id: "DEL-003",
    principle: ProgressiveDelivery,
    severity: Medium,
    title: "Flagger has a traffic router",
    why: "Flagger shifts traffic through a mesh or an ingress it supports; with neither, canaries cannot receive a share of traffic.",
    instead: "Use Gateway API for ingress or add a mesh.",
    check: |d| when(
        d.spec.gitops.progressive_delivery.tool == DeliveryTool::Flagger
            && d.spec.security.mesh == Mesh::None
            && d.spec.cluster.ingress != Ingress::GatewayApi,
        "spec.cluster.ingress",
        "Flagger without a mesh or Gateway API has nothing to route canary traffic with.",
    ),
    fix: Some(Fix { label: "Use Gateway API", apply: |d| d.spec.cluster.ingress = Ingress::GatewayApi }),
};

pub const DEL_004: Rule = Rule {
    id: "DEL-004",
    principle: ProgressiveDelivery,
    severity: Medium,
    title: "Canaries grow in several steps",
    why: "One or two big steps expose most users before the metrics have said anything.",
    instead: "Use three or more rising steps, e.g. 10, 25, 50, 75 %.",
    check: |d| {
        when(
            canary(d)
                && d.spec
                    .gitops
                    .progressive_delivery
                    .canary_steps_percent
                    .len()
                    < 3,
            "spec.gitops.progressiveDelivery.canaryStepsPercent",
            "Fewer than three canary steps.",
        )
    },
    fix: Some(Fix {
        label: "Use 10, 25, 50, 75 %",
        apply: |d| d.spec.gitops.progressive_delivery.canary_steps_percent = vec![10, 25, 50, 75],
    }),
};

pub const DEL_005: Rule = Rule {
    id: "DEL-005",
    principle: ProgressiveDelivery,
    severity: Medium,
    title: "The success-rate gate is meaningful",
    why: "A gate below 95 % lets a release that fails one request in twenty reach everyone.",
    instead: "Roll back below 99 % success (or your SLO).",
    check: |d| {
        when(
            delivering(d) && d.spec.gitops.progressive_delivery.min_success_rate_percent < 95.0,
            "spec.gitops.progressiveDelivery.minSuccessRatePercent",
            "The release gate accepts a success rate under 95 %.",
        )
    },
    fix: Some(Fix {
        label: "Gate at 99 %",
        apply: |d| d.spec.gitops.progressive_delivery.min_success_rate_percent = 99.0,
    }),
};

pub const DEL_006: Rule = Rule {
    id: "DEL-006",
    principle: ProgressiveDelivery,
    severity: Medium,
    title: "The latency gate matches the latency promise",
    why: "If a release may be slower than the p99 target, the gate promotes releases that break the promise.",
    instead: "Set the gate's p99 to the workload's p99 target.",
    check: |d| when(
        delivering(d) && d.spec.gitops.progressive_delivery.max_p99_latency_ms > d.spec.workload.p99_latency_ms.saturating_mul(2),
        "spec.gitops.progressiveDelivery.maxP99LatencyMs",
        format!(
            "The release gate allows a p99 of {} ms, more than twice the {} ms target.",
            d.spec.gitops.progressive_delivery.max_p99_latency_ms, d.spec.workload.p99_latency_ms
        ),
    ),
    fix: Some(Fix { label: "Gate at the p99 target", apply: |d| d.spec.gitops.progressive_delivery.max_p99_latency_ms = d.spec.workload.p99_latency_ms }),
};
