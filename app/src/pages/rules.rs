//! `/rules`: every critique rule, generated from the registry.

use design::critique::{registry, Principle, Severity, ENGINE_VERSION};
use leptos::prelude::*;
use leptos_meta::Title;

/// The rules page.
#[component]
pub fn RulesPage() -> impl IntoView {
    let groups = Principle::SCORED.iter().copied().chain([Principle::Fit]);
    view! {
        <Title text="Critique rules"/>
        <main class="page narrow rules" data-test="rules">
            <h1>"Critique rules"</h1>
            <p class="lead">{format!("{} rules, engine {ENGINE_VERSION}. Ids are stable and never reused.", registry().len())}</p>
            <section aria-labelledby="scoring-heading">
                <h2 id="scoring-heading">"How scores are computed"</h2>
                <p>
                    {format!(
                        "Each rule weighs by severity: critical {}, high {}, medium {}, low {}. A principle's score is the share of its rules' weight that passes, from 0 to 100; the overall score is the same share over every rule, fit checks included. A rule that does not apply passes. An accepted finding counts as passing until its exemption expires. Each finding shows the points that resolving it would add to the overall score, computed by running the rules again on the fixed design.",
                        Severity::Critical.weight(), Severity::High.weight(), Severity::Medium.weight(), Severity::Low.weight()
                    )}
                </p>
            </section>
            {groups.map(|principle| view! {
                <section>
                    <h2>{principle.title()}</h2>
                    {registry().iter().filter(|r| r.principle == principle).map(|rule| view! {
                        <article class="rule card" id=rule.id data-test=format!("rule-{}", rule.id)>
                            <h3><code>{rule.id}</code>" "{rule.title}</h3>
                            <p class="muted">{format!("Severity: {}", rule.severity.label())}</p>
                            <h4>"Why it matters"</h4>
                            <p>{rule.why}</p>
                            <h4>"Do instead"</h4>
                            <p>{rule.instead}</p>
                            <h4>"Fix"</h4>
                            <p>{rule.fix.map(|f| format!("One click in the studio: {}.", f.label)).unwrap_or_else(|| "Needs a decision only you can make; no automatic fix.".into())}</p>
                        </article>
                    }).collect_view()}
                </section>
            }).collect_view()}
        </main>
    }
}
