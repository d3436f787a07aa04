//! Step 6: cost targets.

use design::capacity::requests_per_environment;
use leptos::prelude::*;

use super::{field, Session};
use crate::components::cost_chart::CostChart;
use crate::components::fields::{ChoiceField, ParsedField, TextField};

pub fn view(s: Session) -> impl IntoView {
    let (utilisation, set_utilisation) = field!(s, spec.cost.target_utilisation_percent);
    let (budget, set_budget) = field!(s, spec.cost.monthly_budget_usd);
    let (alert, set_alert) = field!(s, spec.cost.budget_alert_percent);
    let (right_sizing, set_right_sizing) = field!(s, spec.cost.right_sizing);
    let (storage, set_storage) = field!(s, spec.cost.storage_class);
    let per_env = Memo::new(move |_| s.design.with(requests_per_environment));
    let estimate = Memo::new(move |_| s.design.with(design::estimate::estimate));
    view! {
        <h2>"Cost"</h2>
        <p class="lead">"Targets that keep the bill proportional to the load. Purchase options (on-demand, spot, reserved) are set per node pool in the Cluster step."</p>
        <fieldset>
            <legend>"Targets"</legend>
            <ParsedField label="Target node utilisation" unit="%" path="spec.cost.targetUtilisationPercent"
                help="Share of node capacity that requests fill; 65–75 % leaves headroom to scale." value=utilisation on_change=set_utilisation/>
            <ParsedField label="Monthly budget" unit="USD" path="spec.cost.monthlyBudgetUsd"
                help="What the platform may cost per month, all environments together." value=budget on_change=set_budget/>
            <ParsedField label="Budget alert" unit="% of budget" path="spec.cost.budgetAlertPercent"
                help="Warn when spending reaches this share of the budget." value=alert on_change=set_alert/>
            <ChoiceField label="Right-sizing" path="spec.cost.rightSizing"
                help="How requests are kept close to real usage." value=right_sizing on_change=set_right_sizing/>
            <TextField label="Storage class" path="spec.cost.storageClass" max_length=63
                help="Default class for volumes, e.g. gp3." value=storage on_change=set_storage/>
            <dl class="derived" data-test="derived-requests">
                {move || per_env.get().into_iter().map(|(env, r)| view! {
                    <dt>{format!("Requested in {env}")}</dt>
                    <dd>{format!("{:.1} vCPU, {:.1} GiB", r.cpu_millicores as f64 / 1000.0, r.memory_mebibytes as f64 / 1024.0)}</dd>
                }).collect_view()}
            </dl>
        </fieldset>
        <fieldset>
            <legend>"Monthly estimate"</legend>
            <CostChart estimate/>
        </fieldset>
    }
}
