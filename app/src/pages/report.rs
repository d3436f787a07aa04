//! `/d/{id}/report`: the design on paper. Decisions, scores and findings,
//! capacity, cost and the diagram, with a print stylesheet. The design loads
//! with this browser's edit key, as in the wizard.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::wizard::{SaveState, Session};
use crate::browser;
use crate::components::sections::DesignSections;

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
    let today = StoredValue::new(browser::today());
    let loaded = move || session.state.get() == SaveState::Saved;
    view! {
        <Title text=move || format!("Report: {}", session.design.with(|d| d.metadata.name.clone()))/>
        <main class="page report" data-test="report" data-state=move || session.state.get().token()>
            <Show when=loaded fallback=move || view! { <p class="card">{move || match session.state.get() { SaveState::NoAccess(m) => m, _ => "Loading the design…".into() }}</p> }>
                <h1>{move || session.design.with(|d| d.metadata.name.clone())}</h1>
                <p class="lead">{move || session.design.with(|d| d.metadata.description.clone())}</p>
                <p class="no-print"><button type="button" onclick="window.print()">"Print"</button>" "<a href=move || format!("/d/{}", session.id.get_value())>"Back to the wizard"</a></p>
                {move || view! { <DesignSections design=session.design.get() today=today.get_value() page="report"/> }}
            </Show>
        </main>
    }
}
