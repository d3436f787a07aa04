//! `/d/{id}/report`: the design on paper. Decisions, scores and findings,
//! capacity, cost and the diagram, with a print stylesheet. The design loads
//! with this browser's edit key, as in the wizard.

use design::capacity::capacity;
use design::critique::critique;
use design::estimate::estimate;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::wizard::{SaveState, Session};
use crate::browser;
use crate::components::cost_chart::CostChart;
use crate::components::decisions::RecordsByStep;

/// The report page.
#[component]
pub fn ReportPage() -> impl IntoView {
    let id = use_params_map()
        .read_untracked()
        .get("id")
        .unwrap_or_default();
    let session = Session::new(id, String::new());
    Effect::new(move |_| match browser::key_for(&session.id.get_value()) {
        Some(key) => {
            session.key.set_value(key);
            session.load();
        }
        None => session.state.set(SaveState::NoAccess(
            "This browser holds no edit key for this design.".into(),
        )),
    });
    let today = browser::today();
    let review = Memo::new(move |_| session.design.with(|d| critique(d, &today)));
    let cost = Memo::new(move |_| session.design.with(estimate));
    let on = browser::today();
    let records = Memo::new(move |_| session.design.with(|d| design::decisions::records(d, &on)));
    let loaded = move || session.state.get() == SaveState::Saved;
    view! {
        <Title text=move || format!("Report: {}", session.design.with(|d| d.metadata.name.clone()))/>
        <main class="page report" data-test="report" data-state=move || session.state.get().token()>
            <Show when=loaded fallback=move || view! { <p class="card">{move || match session.state.get() { SaveState::NoAccess(m) => m, _ => "Loading the design…".into() }}</p> }>
                <h1>{move || session.design.with(|d| d.metadata.name.clone())}</h1>
                <p class="lead">{move || session.design.with(|d| d.metadata.description.clone())}</p>
                <p class="no-print"><button type="button" onclick="window.print()">"Print"</button>" "<a href=move || format!("/d/{}", session.id.get_value())>"Back to the wizard"</a></p>
                <h2>"Decisions"</h2>
                {move || view! { <RecordsByStep records=records.get()/> }}
                <h2>"Scores"</h2>
                <p data-test="report-overall">{move || format!("Overall {}/100", review.with(|r| r.overall))}</p>
                <table>
                    <tbody>
                        {move || review.get().principles.into_iter().map(|p| view! { <tr><th scope="row">{p.title}</th><td>{p.score}</td></tr> }).collect_view()}
                    </tbody>
                </table>
                <h2>"Findings"</h2>
                <ul>
                    {move || review.get().findings.into_iter().map(|f| view! {
                        <li><strong>{f.rule}</strong>{format!(" ({}) {} — {}", f.severity.label(), f.title, f.message)}</li>
                    }).collect_view()}
                </ul>
                <h2>"Capacity"</h2>
                <ul data-test="report-capacity">{move || session.design.with(|d| {
                    capacity(d).into_iter().map(|c| view! { <li>{c.summary()}</li> }).collect_view()
                })}</ul>
                <h2>"Cost"</h2>
                <CostChart estimate=cost/>
                <h2>"Architecture"</h2>
                <div class="diagram" data-test="diagram" inner_html=move || session.design.with(design::diagram::svg)></div>
            </Show>
        </main>
    }
}
