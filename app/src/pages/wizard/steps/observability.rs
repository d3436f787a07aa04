//! Step 5: observability.

use leptos::prelude::*;

use super::{decimal_field, field, Session};
use crate::components::fields::{ChoiceField, ParsedField, ToggleField};

pub fn view(s: Session) -> impl IntoView {
    let (metrics, set_metrics) = field!(s, spec.observability.metrics);
    let (store, set_store) = field!(s, spec.observability.long_term_store);
    let (metrics_days, set_metrics_days) = field!(s, spec.observability.metrics_retention_days);
    let (logs, set_logs) = field!(s, spec.observability.logs);
    let (retention, set_retention) = field!(s, spec.observability.log_retention_days);
    let (audit_retention, set_audit_retention) =
        field!(s, spec.observability.audit_log_retention_days);
    let (tracing, set_tracing) = field!(s, spec.observability.tracing);
    let (sampling, set_sampling) = decimal_field!(s, spec.observability.trace_sampling_percent);
    let (dashboards, set_dashboards) = field!(s, spec.observability.dashboards);
    let (slo, set_slo) = field!(s, spec.observability.slo_alerting);
    let (on_call, set_on_call) = field!(s, spec.observability.on_call);
    let (cost, set_cost) = field!(s, spec.observability.cost_visibility);
    view! {
        <h2>"Observability"</h2>
        <p class="lead">"Installed before the first workload, so every service is visible from day one."</p>
        <fieldset>
            <legend>"Metrics"</legend>
            <ChoiceField label="Metrics" path="spec.observability.metrics"
                help="Collects cluster and application metrics." value=metrics on_change=set_metrics/>
            <ChoiceField label="Long-term store" path="spec.observability.longTermStore"
                help="Keeps metrics beyond local retention, across clusters." value=store on_change=set_store/>
            <ParsedField label="Metrics retention" unit="days" path="spec.observability.metricsRetentionDays"
                help="How long metrics stay queryable locally." value=metrics_days on_change=set_metrics_days/>
        </fieldset>
        <fieldset>
            <legend>"Logs and traces"</legend>
            <ChoiceField label="Logs" path="spec.observability.logs"
                help="Where container logs are gathered and searched." value=logs on_change=set_logs/>
            <ParsedField label="Log retention" unit="days" path="spec.observability.logRetentionDays"
                help="How long application logs are kept." value=retention on_change=set_retention/>
            <ParsedField label="Audit-log retention" unit="days" path="spec.observability.auditLogRetentionDays"
                help="Compliance regimes often ask for a year or more." value=audit_retention on_change=set_audit_retention/>
            <ChoiceField label="Tracing" path="spec.observability.tracing"
                help="Follows a request across services (collected with OpenTelemetry)." value=tracing on_change=set_tracing/>
            <ParsedField label="Trace sampling" unit="%" step="any" path="spec.observability.traceSamplingPercent"
                help="Share of requests traced; lower it as traffic grows." value=sampling on_change=set_sampling/>
        </fieldset>
        <fieldset>
            <legend>"Dashboards and alerts"</legend>
            <ToggleField label="Golden-signal dashboards" path="spec.observability.dashboards"
                help="Rate, errors and duration for every service." value=dashboards on_change=set_dashboards/>
            <ToggleField label="SLOs with burn-rate alerts" path="spec.observability.sloAlerting"
                help="Page on how fast the error budget burns, not on every blip." value=slo on_change=set_slo/>
            <ChoiceField label="On-call" path="spec.observability.onCall"
                help="Where pages go." value=on_call on_change=set_on_call/>
            <ToggleField label="Cost visibility (OpenCost)" path="spec.observability.costVisibility"
                help="Cost per namespace and team." value=cost on_change=set_cost/>
        </fieldset>
    }
}
