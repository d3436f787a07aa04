//! `/`: create a design, and reopen the ones this browser holds keys for.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;
use leptos_router::hooks::use_navigate;

use crate::browser::{self, RememberedDesign};
use crate::rpc::create_design;

/// The home page.
#[component]
pub fn HomePage() -> impl IntoView {
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let mine = RwSignal::new(Vec::<RememberedDesign>::new());
    let hydrated = RwSignal::new(false);
    // Effects run only in the browser: read local storage there, so the
    // server-rendered markup and the first hydrated render agree.
    Effect::new(move |_| {
        mine.set(browser::remembered());
        hydrated.set(true);
    });
    let navigate = use_navigate();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let title = name.get_untracked();
        busy.set(true);
        error.set(None);
        let navigate = navigate.clone();
        spawn_local(async move {
            match create_design(title.clone()).await {
                Ok(created) => {
                    browser::remember(RememberedDesign {
                        id: created.id.clone(),
                        key: created.edit_key.clone(),
                        name: title.trim().to_owned(),
                    });
                    navigate(&format!("/d/{}", created.id), Default::default());
                }
                Err(e) => {
                    error.set(Some(e.to_string()));
                    busy.set(false);
                }
            }
        });
    };

    view! {
        <Title text=""/>
        <main class="page narrow" data-test="home" data-hydrated=move || hydrated.get().to_string()>
            <h1>"Design a Kubernetes platform"</h1>
            <p class="lead">
                "Six steps — workload, cluster, GitOps, security, observability, cost — with the design "
                "critiqued as you type, and a GitOps repository to download at the end."
            </p>
            <form class="card create" on:submit=submit data-test="create-form">
                <label for="new-design-name">"Name of the new design"</label>
                <div class="row">
                    <input
                        id="new-design-name"
                        data-test="new-design-name"
                        type="text"
                        required
                        maxlength="100"
                        placeholder="e.g. Payments platform"
                        prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev))
                        aria-describedby="new-design-error"
                    />
                    <button type="submit" data-test="create-design" disabled=move || busy.get()>
                        {move || if busy.get() { "Creating…" } else { "Create design" }}
                    </button>
                </div>
                <p id="new-design-error" class="field-error" role="alert">{move || error.get()}</p>
            </form>
            <section aria-labelledby="mine-heading">
                <h2 id="mine-heading">"Designs in this browser"</h2>
                <Show
                    when=move || !mine.get().is_empty()
                    fallback=|| view! { <p class="muted">"None yet. Designs you create or open with an edit link appear here."</p> }
                >
                    <ul class="design-list" data-test="my-designs">
                        <For each=move || mine.get() key=|d| d.id.clone() let:entry>
                            <li>
                                <a href=format!("/d/{}", entry.id)>{entry.name.clone()}</a>
                                <code class="muted">{entry.id.clone()}</code>
                            </li>
                        </For>
                    </ul>
                </Show>
            </section>
        </main>
    }
}
