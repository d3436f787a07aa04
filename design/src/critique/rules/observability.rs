//! Observability first: metrics, logs and traces exist before the first workload.

use super::{regulated_by, when};
use crate::choices::{
    Availability, Compliance, LogStack, LongTermStore, MetricsStack, OnCall, Topology,
    TracingBackend,
};
use crate::critique::{Fix, Principle::Observability, Rule, Severity::*};

pub const OBS_001: Rule = Rule {
    id: "OBS-001",
    principle: Observability,
    severity: Critical,
    title: "Metrics are collected from day one",
    why: "Without metrics nobody can say whether the platform is healthy, and autoscaling and canaries have nothing to go on.",
    instead: "Install Prometheus (kube-prometheus-stack) with the platform, before any workload.",
    check: |d| when(d.spec.observability.metrics == MetricsStack::None, "spec.observability.metrics", "No metrics system."),
    fix: Some(Fix { label: "Use Prometheus", apply: |d| d.spec.observability.metrics = MetricsStack::Prometheus }),
};

pub const OBS_002: Rule = Rule {
    id: "OBS-002",
    principle: Observability,
    severity: High,
    title: "Logs are gathered centrally",
    why: "Logs that live only in pods vanish when the pod does, usually just when they are needed.",
    instead: "Ship container logs to Loki or the provider's log service.",
    check: |d| {
        when(
            d.spec.observability.logs == LogStack::None,
            "spec.observability.logs",
            "No central logs.",
        )
    },
    fix: Some(Fix {
        label: "Use Loki",
        apply: |d| d.spec.observability.logs = LogStack::Loki,
    }),
};

pub const OBS_003: Rule = Rule {
    id: "OBS-003",
    principle: Observability,
    severity: Medium,
    title: "Requests are traced across services",
    why: "With many services a slow request crosses several of them; without traces, finding the slow hop is guesswork.",
    instead: "Collect OpenTelemetry traces into Tempo or Jaeger, sampled.",
    check: |d| {
        let services = crate::traffic::service_count(&d.spec.workload);
        when(
            services > 5 && d.spec.observability.tracing == TracingBackend::None,
            "spec.observability.tracing",
            format!("{services} services and no tracing."),
        )
    },
    fix: Some(Fix { label: "Use Tempo", apply: |d| d.spec.observability.tracing = TracingBackend::Tempo }),
};

pub const OBS_004: Rule = Rule {
    id: "OBS-004",
    principle: Observability,
    severity: High,
    title: "Alerts follow SLOs",
    why: "At 99.9 % and above the error budget is minutes a month; threshold alerts either page constantly or too late.",
    instead: "Define SLOs and alert on error-budget burn rate.",
    check: |d| when(
        !d.spec.observability.slo_alerting && matches!(d.spec.workload.availability, Availability::P99_9 | Availability::P99_95 | Availability::P99_99),
        "spec.observability.sloAlerting",
        "A high availability target without SLO-based alerting.",
    ),
    fix: Some(Fix { label: "Alert on burn rate", apply: |d| d.spec.observability.slo_alerting = true }),
};

pub const OBS_005: Rule = Rule {
    id: "OBS-005",
    principle: Observability,
    severity: High,
    title: "Alerts reach a person",
    why: "An availability target with nobody paged is a hope, not a target.",
    instead: "Route alerts to an on-call tool with an escalation policy.",
    check: |d| {
        when(
            d.spec.observability.on_call == OnCall::None
                && d.spec.workload.availability != Availability::P99_0,
            "spec.observability.onCall",
            "Nobody is paged when the platform breaks.",
        )
    },
    fix: None,
};

pub const OBS_006: Rule = Rule {
    id: "OBS-006",
    principle: Observability,
    severity: Medium,
    title: "Audit logs are kept as long as compliance demands",
    why: "PCI-DSS asks for a year of audit history, HIPAA for six years of records; SOC 2 auditors look back a year.",
    instead: "Keep audit logs at least 365 days (2190 under HIPAA).",
    check: |d| {
        let needed = if regulated_by(d, &[Compliance::Hipaa]) {
            2_190
        } else if regulated_by(d, &[Compliance::PciDss, Compliance::Soc2]) {
            365
        } else {
            0
        };
        let kept = d.spec.observability.audit_log_retention_days;
        when(kept < needed, "spec.observability.auditLogRetentionDays", format!("Audit logs are kept {kept} days; compliance asks for {needed}."))
    },
    fix: Some(Fix {
        label: "Keep audit logs as required",
        apply: |d| {
            let needed = if d.spec.workload.compliance.contains(&Compliance::Hipaa) { 2_190 } else { 365 };
            d.spec.observability.audit_log_retention_days = d.spec.observability.audit_log_retention_days.max(needed);
        },
    }),
};

pub const OBS_007: Rule = Rule {
    id: "OBS-007",
    principle: Observability,
    severity: Medium,
    title: "Several clusters share one metrics view",
    why: "With a Prometheus per cluster and no global store, nobody can compare environments or keep history past local retention.",
    instead: "Add Thanos or Mimir as a long-term, global store.",
    check: |d| when(
        d.spec.cluster.topology != Topology::Single
            && d.spec.observability.metrics != MetricsStack::None
            && d.spec.observability.long_term_store == LongTermStore::None,
        "spec.observability.longTermStore",
        "Several clusters, no global metrics store.",
    ),
    fix: Some(Fix { label: "Use Thanos", apply: |d| d.spec.observability.long_term_store = LongTermStore::Thanos }),
};
