//! The score panel beside the wizard: per-principle and overall scores and
//! the findings, each linking to its field, with one-click fixes and
//! exemptions. The critique runs here, in the browser, on every change.

use design::critique::{apply_fix, Critique, Finding, Principle, Severity};
use leptos::prelude::*;

use crate::components::fields::field_id;

/// A change to the design, as the panel hands it to the page.
pub type DesignChange = Box<dyn FnOnce(&mut design::PlatformDesign) + Send + Sync>;

/// What the panel asks of the page: run a change, and reveal a field.
#[derive(Clone, Copy)]
pub struct ScoreActions {
    /// Changes the design (and saves it).
    pub edit: Callback<DesignChange>,
    /// Shows the step holding a field path and focuses the field.
    pub reveal: Callback<String>,
}

fn band(score: u32) -> &'static str {
    match score {
        90..=100 => "good",
        70..=89 => "fair",
        _ => "poor",
    }
}

/// The panel.
#[component]
pub fn ScorePanel(
    critique: Memo<Critique>,
    actions: ScoreActions,
    /// Reviewers' open comments; those on a finding are shown beside it.
    comments: ReadSignal<Vec<crate::reviews::Comment>>,
) -> impl IntoView {
    let severities = [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
    ];
    view! {
        <aside class="scores" aria-labelledby="scores-heading" data-test="score-panel">
            <h2 id="scores-heading">"Critique"</h2>
            <p class=move || format!("overall {}", band(critique.with(|c| c.overall)))>
                <span class="overall-number" data-test="score-overall">{move || critique.with(|c| c.overall)}</span>
                <span class="muted">" / 100 overall"</span>
            </p>
            <ul class="principles">
                {Principle::SCORED.iter().map(|&principle| {
                    let score = Memo::new(move |_| critique.with(|c| c.principles.iter().find(|p| p.principle == principle).map(|p| p.score).unwrap_or(100)));
                    let slug = format!("{principle:?}").to_ascii_lowercase();
                    view! {
                        <li>
                            <span class="principle-name">{principle.title()}</span>
                            <span class=move || format!("principle-score {}", band(score.get())) data-test=format!("score-{slug}")>{move || score.get()}</span>
                            <span class="bar" aria-hidden="true"><span class=move || format!("fill {}", band(score.get())) style=move || format!("width: {}%", score.get())></span></span>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <h3>{move || format!("Findings ({})", critique.with(|c| c.findings.len()))}</h3>
            {severities.into_iter().map(|severity| {
                let of = move || critique.with(|c| c.findings.iter().filter(|f| f.severity == severity).cloned().collect::<Vec<_>>());
                view! {
                    <Show when=move || !of().is_empty()>
                        <h4 class=format!("severity {}", severity.label())>{severity.label()}</h4>
                        <ul class="findings">
                            {move || of().into_iter().map(|finding| view! { <FindingItem finding actions comments/> }).collect_view()}
                        </ul>
                    </Show>
                }
            }).collect_view()}
            <Show when=move || critique.with(|c| !c.accepted.is_empty())>
                <h3>"Accepted"</h3>
                <ul class="findings accepted" data-test="accepted">
                    {move || critique.with(|c| c.accepted.clone()).into_iter().map(|finding| {
                        let rule = finding.rule;
                        let exemption = finding.exemption.clone();
                        view! {
                            <li data-test=format!("accepted-{rule}")>
                                <strong>{rule}</strong>" "{finding.title}
                                {exemption.map(|e| view! {
                                    <p class="muted">{format!("{} — {}{}", e.reason, e.owner, e.expires.map(|d| format!(", until {d}")).unwrap_or_default())}</p>
                                })}
                                <button type="button" class="link" data-test=format!("withdraw-{rule}") on:click=move |_| actions.edit.run(Box::new(move |d| design::edits::withdraw_finding(d, rule)))>
                                    "Withdraw"
                                </button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </Show>
        </aside>
    }
}

/// The panel over the critique of `design` on `today`, as HTML: what the
/// wizard shows until its engine has arrived in the browser (its buttons
/// are pressed again on the live panel once it has).
#[cfg(feature = "ssr")]
pub fn panel_html(design: &design::PlatformDesign, today: &design::IsoDate) -> String {
    let critique = design::critique::critique(design, today);
    super::render_to_string(move || {
        let critique = Memo::new(move |_| critique.clone());
        let actions = ScoreActions {
            edit: Callback::new(|_| {}),
            reveal: Callback::new(|_| {}),
        };
        let (comments, _) = signal(Vec::new());
        view! { <ScorePanel critique actions comments/> }
    })
}

#[component]
fn FindingItem(
    finding: Finding,
    actions: ScoreActions,
    comments: ReadSignal<Vec<crate::reviews::Comment>>,
) -> impl IntoView {
    let rule = finding.rule;
    let on_this = move || {
        comments.with(|all| {
            all.iter()
                .filter(|c| c.target == rule)
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let accepting = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let owner = RwSignal::new(String::new());
    let expires = RwSignal::new(String::new());
    let form_error = RwSignal::new(None::<String>);
    let path = finding.path.clone();
    let form_id = format!("accept-{rule}-{}", field_id(&finding.path));
    view! {
        <li class="finding" data-test=format!("finding-{rule}")>
            <p>
                <a class="rule-id" href=format!("/rules#{rule}")>{rule}</a>" "
                <strong>{finding.title}</strong>
                <span class="gain" title="points this would add to the overall score">{format!(" +{}", finding.gain)}</span>
            </p>
            <p>{finding.message.clone()}</p>
            <Show when=move || !on_this().is_empty()>
                <ul class="comments finding-comments" data-test=format!("finding-comments-{rule}") aria-label="Reviewers' comments on this finding">
                    {move || on_this().into_iter().map(|c| view! { <li><strong>{c.author}</strong>": "{c.body}</li> }).collect_view()}
                </ul>
            </Show>
            <p class="finding-actions">
                <button type="button" class="link" data-test=format!("show-{rule}") on:click=move |_| actions.reveal.run(path.clone())>"Show field"</button>
                {finding.fix.map(|label| view! {
                    <button type="button" class="secondary small" data-test=format!("fix-{rule}") on:click=move |_| actions.edit.run(Box::new(move |d| { apply_fix(d, rule); }))>
                        {format!("Fix: {label}")}
                    </button>
                })}
                <button type="button" class="link" data-test=format!("accept-{rule}") aria-expanded=move || accepting.get().to_string() on:click=move |_| accepting.update(|open| *open = !*open)>
                    "Accept…"
                </button>
            </p>
            <Show when=move || accepting.get()>
                <form class="accept" on:submit=move |ev| {
                    ev.prevent_default();
                    match design::edits::exemption_from_form(rule, &reason.get_untracked(), &owner.get_untracked(), &expires.get_untracked()) {
                        Ok(exemption) => {
                            form_error.set(None);
                            accepting.set(false);
                            actions.edit.run(Box::new(move |d| design::edits::accept_finding(d, exemption)));
                        }
                        Err(problem) => form_error.set(Some(problem)),
                    }
                }>
                    <label for=format!("{form_id}-reason")>"Reason"</label>
                    <input id=format!("{form_id}-reason") data-test=format!("accept-{rule}-reason") required on:input=move |ev| reason.set(event_target_value(&ev))/>
                    <label for=format!("{form_id}-owner")>"Owner"</label>
                    <input id=format!("{form_id}-owner") data-test=format!("accept-{rule}-owner") required on:input=move |ev| owner.set(event_target_value(&ev))/>
                    <label for=format!("{form_id}-expires")>"Until (optional)"</label>
                    <input id=format!("{form_id}-expires") type="date" on:input=move |ev| expires.set(event_target_value(&ev))/>
                    <button type="submit" class="small" data-test=format!("accept-{rule}-save")>"Accept finding"</button>
                    {move || form_error.get().map(|problem| view! { <p class="field-error" role="alert">{problem}</p> })}
                </form>
            </Show>
        </li>
    }
}
