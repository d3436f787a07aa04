//! Decision records as the wizard, the report and review pages show them:
//! one line each (decision, choice, status, verdict) and, on request, the
//! context, the options weighed for this design and the consequences. The
//! records themselves come from the domain crate; this only renders them.

use std::collections::BTreeSet;

use design::decisions::{outcome, Changed, Record, Status};
use leptos::prelude::*;

fn status_class(status: Status) -> &'static str {
    match status {
        Status::Accepted => "record-status accepted",
        Status::Exempted => "record-status exempted",
        Status::Questioned => "record-status questioned",
    }
}

/// Which records a reader has opened, by slug: kept by a parent that
/// outlives re-renders (the wizard re-derives records at every change).
pub type Opened = RwSignal<BTreeSet<String>>;

/// One record; its details render when the reader opens them.
#[component]
pub fn RecordView(record: Record, #[prop(optional)] opened: Option<Opened>) -> impl IntoView {
    let opened = opened.unwrap_or_else(|| RwSignal::new(BTreeSet::new()));
    let slug = StoredValue::new(record.slug.clone());
    let open = Memo::new(move |_| slug.with_value(|s| opened.with(|o| o.contains(s))));
    let toggle = move |_| {
        let s = slug.get_value();
        opened.update(|o| {
            if !o.remove(&s) {
                o.insert(s);
            }
        });
    };
    let details = StoredValue::new(record.clone());
    view! {
        <article class="record" data-test="record" data-slug=record.slug.clone() data-status=status_token(&record)>
            {record_head(&record)}
            <button
                type="button"
                class="link"
                aria-expanded=move || open.get().to_string()
                on:click=toggle
            >
                {move || if open.get() { HIDE_LABEL } else { DETAILS_LABEL }}
            </button>
            <Show when=move || open.get()>
                {move || details.with_value(|r| view! { <RecordDetails record=r.clone()/> })}
            </Show>
        </article>
    }
}

/// A record's status as a token, `accepted`, `exempted` or `questioned`.
fn status_token(record: &Record) -> String {
    format!("{:?}", record.status).to_ascii_lowercase()
}

/// A record's line (number, decision, choice, status) and its verdict.
fn record_head(record: &Record) -> impl IntoView {
    let chosen = record.chosen().map(|c| c.label.clone()).unwrap_or_default();
    view! {
        <h4>
            {format!("{}. {}: ", record.number, record.title)}
            <strong>{chosen}</strong>
            " "
            <span class=status_class(record.status)>{record.status.label()}</span>
        </h4>
        <p class="verdict">{record.verdict.clone()}</p>
    }
}

/// Written once into a page rendered on the server (a review page): the
/// record's line and a button whose details the page fetches when pressed
/// ([`DETAILS_LABEL`]; the button's `data-record` names the record, the
/// element after it receives the details).
#[cfg(feature = "ssr")]
#[component]
pub fn RecordOnRequest(record: Record) -> impl IntoView {
    view! {
        <article class="record" data-test="record" data-slug=record.slug.clone() data-status=status_token(&record)>
            {record_head(&record)}
            <button type="button" class="link" aria-expanded="false" data-record=record.slug.clone()>{DETAILS_LABEL}</button>
            <div class="record-slot"></div>
        </article>
    }
}

/// The label of a closed record's button.
pub const DETAILS_LABEL: &str = "Context, options and consequences";
/// The label of an open record's button.
pub const HIDE_LABEL: &str = "Hide the record";

/// A record's context, options and consequences.
#[component]
pub fn RecordDetails(record: Record) -> impl IntoView {
    view! {
        <div class="record-details" data-test="record-details">
            <p><em>{record.question}</em>" "<code>{record.field}</code></p>
            <h5>"Inputs that bear on it"</h5>
            <ul class="record-context">
                {record.context.into_iter().map(|c| view! { <li>{format!("{}: {}", c.label, c.value)}</li> }).collect_view()}
            </ul>
            <h5>"Consequences"</h5>
            <ul>
                {record.consequences.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}
                {record.rules.into_iter().map(|r| {
                    let text = if r.triggered {
                        match r.exemption {
                            Some(e) => format!("Fails {} ({}), accepted: {e}", r.rule, r.title),
                            None => format!("Fails {} ({}): {}", r.rule, r.title, r.message),
                        }
                    } else {
                        format!("Satisfies {} ({}), which the alternative would fail.", r.rule, r.title)
                    };
                    view! { <li data-test="record-rule">{text}</li> }
                }).collect_view()}
            </ul>
            <h5>"Options considered"</h5>
            <table class="record-options">
                <thead><tr><th scope="col">"Option"</th><th scope="col">"Fit"</th><th scope="col">"For it here"</th><th scope="col">"Against it here"</th></tr></thead>
                <tbody>
                    {record.options.into_iter().map(|o| view! {
                        <tr class:chosen=o.chosen>
                            <th scope="row" title=format!("{} {} {}", o.strengths, o.costs, o.risks)>{o.label}{o.chosen.then_some(" (chosen)")}</th>
                            <td>{if o.blocked.is_some() { "n/a".to_owned() } else { format!("{:+}", o.score) }}</td>
                            <td>{o.better.join("; ")}</td>
                            <td>{o.worse.join("; ")}{o.blocked.map(|b| format!(" Not possible here: {b}"))}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// A list of records.
#[component]
pub fn RecordList(records: Vec<Record>, #[prop(optional)] opened: Option<Opened>) -> impl IntoView {
    view! {
        <div class="records" data-test="records">
            {records.into_iter().map(|r| match opened {
                Some(opened) => view! { <RecordView record=r opened/> }.into_any(),
                None => view! { <RecordView record=r/> }.into_any(),
            }).collect_view()}
        </div>
    }
}

/// Records grouped under the wizard step whose fields decide them; with
/// `on_request`, each as a [`RecordOnRequest`].
#[component]
pub fn RecordsByStep(records: Vec<Record>, #[prop(optional)] on_request: bool) -> impl IntoView {
    #[cfg(not(feature = "ssr"))]
    let _ = on_request;
    design::steps::Step::ALL
        .into_iter()
        .filter_map(|step| {
            let of_step: Vec<Record> = records
                .iter()
                .filter(|r| r.step == step.slug())
                .cloned()
                .collect();
            (!of_step.is_empty()).then(|| {
                // Records on request are written by the server only.
                #[cfg(feature = "ssr")]
                let list = if on_request {
                    view! {
                        <div class="records" data-test="records">
                            {of_step.into_iter().map(|record| view! { <RecordOnRequest record/> }).collect_view()}
                        </div>
                    }
                    .into_any()
                } else {
                    view! { <RecordList records=of_step/> }.into_any()
                };
                #[cfg(not(feature = "ssr"))]
                let list = view! { <RecordList records=of_step/> }.into_any();
                view! { <h3>{step.title()}</h3>{list} }
            })
        })
        .collect_view()
}

/// Decisions whose outcome changed between two states, before and after.
#[component]
pub fn ChangedDecisions(changes: Vec<Changed>) -> impl IntoView {
    view! {
        <h5>{format!("Decisions that changed: {}", changes.len())}</h5>
        <ul class="changed-decisions" data-test="changed-decisions">
            {changes.into_iter().map(|c| {
                let line = format!("{}: {} → {}", c.title, outcome(c.before.as_ref()), outcome(c.after.as_ref()));
                let verdict = c.after.as_ref().or(c.before.as_ref()).map(|r| r.verdict.clone()).unwrap_or_default();
                let open = RwSignal::new(false);
                let both = StoredValue::new((c.before, c.after));
                view! {
                    <li>
                        <strong>{line}</strong><br/><span class="muted">{verdict}</span>" "
                        <button type="button" class="link" aria-expanded=move || open.get().to_string() on:click=move |_| open.update(|o| *o = !*o)>
                            {move || if open.get() { "Hide the records" } else { "Records before and after" }}
                        </button>
                        <Show when=move || open.get()>
                            <div class="record-pair" data-test="record-pair">
                                {move || both.with_value(|(before, after)| view! {
                                    <div><h5>"Before"</h5>{before.clone().map(|r| view! { <RecordView record=r/> })}</div>
                                    <div><h5>"After"</h5>{after.clone().map(|r| view! { <RecordView record=r/> })}</div>
                                })}
                            </div>
                        </Show>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
