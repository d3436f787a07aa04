//! Step 3: GitOps and progressive delivery.

use leptos::prelude::*;

use super::{decimal_field, field, Session};
use crate::components::fields::{ChoiceField, ParsedField, TextField, ToggleField};

/// Canary weights as text: "10, 25, 50".
#[derive(Clone, PartialEq)]
struct Weights(Vec<u8>);

impl std::fmt::Display for Weights {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> = self.0.iter().map(u8::to_string).collect();
        f.write_str(&parts.join(", "))
    }
}

impl std::str::FromStr for Weights {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        text.split(',')
            .map(str::trim)
            .filter(|part| !part.is_empty())
            .map(|part| {
                part.parse::<u8>()
                    .map_err(|_| format!("'{part}' is not a whole percentage"))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Weights)
    }
}

pub fn view(s: Session) -> impl IntoView {
    let (tool, set_tool) = field!(s, spec.gitops.tool);
    let (layout, set_layout) = field!(s, spec.gitops.layout);
    let (promotion, set_promotion) = field!(s, spec.gitops.promotion);
    let (repo, set_repo) = field!(s, spec.gitops.repo_url);
    let (branch, set_branch) = field!(s, spec.gitops.branch);
    let (auto_sync, set_auto_sync) = field!(s, spec.gitops.sync.auto_sync);
    let (prune, set_prune) = field!(s, spec.gitops.sync.prune);
    let (self_heal, set_self_heal) = field!(s, spec.gitops.sync.self_heal);
    let (gate, set_gate) = field!(s, spec.gitops.sync.manual_prod_gate);
    let (secrets, set_secrets) = field!(s, spec.gitops.secrets);
    let (delivery, set_delivery) = field!(s, spec.gitops.progressive_delivery.tool);
    let (strategy, set_strategy) = field!(s, spec.gitops.progressive_delivery.strategy);
    let (weights, set_weights) = super::bind(
        s,
        |d| {
            Weights(
                d.spec
                    .gitops
                    .progressive_delivery
                    .canary_steps_percent
                    .clone(),
            )
        },
        |d, w: Weights| d.spec.gitops.progressive_delivery.canary_steps_percent = w.0,
    );
    let (pause, set_pause) = field!(s, spec.gitops.progressive_delivery.pause_minutes);
    let (success, set_success) =
        decimal_field!(s, spec.gitops.progressive_delivery.min_success_rate_percent);
    let (p99, set_p99) = field!(s, spec.gitops.progressive_delivery.max_p99_latency_ms);
    view! {
        <h2>"GitOps"</h2>
        <p class="lead">"Git holds the desired state; a controller in the cluster pulls and reconciles it. Nobody runs kubectl apply in production."</p>
        <fieldset>
            <legend>"Controller and repository"</legend>
            <ChoiceField label="GitOps tool" path="spec.gitops.tool"
                help="Argo CD brings a UI and app-of-apps; Flux is lighter and CLI-driven." value=tool on_change=set_tool/>
            <ChoiceField label="Repository layout" path="spec.gitops.layout"
                help="How platform and application manifests are organised." value=layout on_change=set_layout/>
            <ChoiceField label="Promotion" path="spec.gitops.promotion"
                help="Overlays keep one branch and make differences between environments visible." value=promotion on_change=set_promotion/>
            <TextField label="Repository URL" path="spec.gitops.repoUrl" max_length=design::validate::text::MAX_URL_CHARS
                help="The https:// or ssh:// address the controller reads." value=repo on_change=set_repo/>
            <TextField label="Branch" path="spec.gitops.branch" max_length=design::validate::text::MAX_BRANCH_CHARS
                help="The branch the controller follows." value=branch on_change=set_branch/>
        </fieldset>
        <fieldset>
            <legend>"Sync policy"</legend>
            <ToggleField label="Auto-sync" path="spec.gitops.sync.autoSync" help="Apply what lands in Git without a click." value=auto_sync on_change=set_auto_sync/>
            <ToggleField label="Prune" path="spec.gitops.sync.prune" help="Delete what was removed from Git." value=prune on_change=set_prune/>
            <ToggleField label="Self-heal" path="spec.gitops.sync.selfHeal" help="Undo changes made by hand in the cluster." value=self_heal on_change=set_self_heal/>
            <ToggleField label="Manual gate for production" path="spec.gitops.sync.manualProdGate" help="A person approves production syncs." value=gate on_change=set_gate/>
        </fieldset>
        <fieldset>
            <legend>"Secrets"</legend>
            <ChoiceField label="Secrets" path="spec.gitops.secrets"
                help="Secrets come from a store; Git never holds them in plain text." value=secrets on_change=set_secrets/>
        </fieldset>
        <fieldset>
            <legend>"Progressive delivery"</legend>
            <ChoiceField label="Controller" path="spec.gitops.progressiveDelivery.tool"
                help="Shift traffic step by step and roll back on bad metrics." value=delivery on_change=set_delivery/>
            <ChoiceField label="Strategy" path="spec.gitops.progressiveDelivery.strategy"
                help="Canary grows a share of traffic; blue/green switches at once after checks." value=strategy on_change=set_strategy/>
            <ParsedField label="Canary weights" kind="text" unit="%" path="spec.gitops.progressiveDelivery.canaryStepsPercent"
                help="Rising traffic shares, separated by commas, e.g. 10, 25, 50, 75." value=weights on_change=set_weights/>
            <ParsedField label="Pause per step" unit="minutes" path="spec.gitops.progressiveDelivery.pauseMinutes"
                help="Time to watch the metrics before the next step." value=pause on_change=set_pause/>
            <ParsedField label="Minimum success rate" unit="%" step="any" path="spec.gitops.progressiveDelivery.minSuccessRatePercent"
                help="Below it the release rolls back." value=success on_change=set_success/>
            <ParsedField label="Maximum p99 latency" unit="ms" path="spec.gitops.progressiveDelivery.maxP99LatencyMs"
                help="Above it the release rolls back." value=p99 on_change=set_p99/>
        </fieldset>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_read_and_print_as_a_comma_list() {
        let weights: Result<Weights, _> = "10, 25,50".parse();
        assert_eq!(
            weights.as_ref().map(ToString::to_string),
            Ok("10, 25, 50".to_owned())
        );
        assert!("10, lots".parse::<Weights>().is_err());
    }
}
