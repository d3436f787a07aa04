//! Step 5: metrics, logs, traces and alerting.

use serde::{Deserialize, Serialize};

use crate::choices::{LogStack, LongTermStore, MetricsStack, OnCall, TracingBackend};

/// The observability stack, deployed before any workload.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Observability {
    /// Metrics system.
    pub metrics: MetricsStack,
    /// Long-term metrics store.
    pub long_term_store: LongTermStore,
    /// Days of metrics kept.
    pub metrics_retention_days: u32,
    /// Log system.
    pub logs: LogStack,
    /// Days of application logs kept.
    pub log_retention_days: u32,
    /// Days of audit logs kept (compliance often asks for a year).
    pub audit_log_retention_days: u32,
    /// Tracing back end.
    pub tracing: TracingBackend,
    /// Share of requests traced, in percent.
    pub trace_sampling_percent: f64,
    /// Golden-signal dashboards per service.
    pub dashboards: bool,
    /// SLOs with burn-rate alerts.
    pub slo_alerting: bool,
    /// Where alerts page people.
    pub on_call: OnCall,
    /// Cost per namespace with OpenCost.
    pub cost_visibility: bool,
}

impl Default for Observability {
    fn default() -> Self {
        Self {
            metrics: MetricsStack::Prometheus,
            long_term_store: LongTermStore::None,
            metrics_retention_days: 15,
            logs: LogStack::Loki,
            log_retention_days: 30,
            audit_log_retention_days: 365,
            tracing: TracingBackend::Tempo,
            trace_sampling_percent: 10.0,
            dashboards: true,
            slo_alerting: true,
            on_call: OnCall::None,
            cost_visibility: true,
        }
    }
}
