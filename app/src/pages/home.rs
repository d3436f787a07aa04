//! `/`: create a design (blank, from a preset, or from a design file), and
//! reopen the ones this browser holds keys for.

use design::presets::PRESETS;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;
use leptos_router::hooks::use_navigate;

use crate::browser::{self, RememberedDesign};
use crate::rpc::{create_design, create_from_preset, import_design};
use crate::wire::{CreatedDesign, ImportOutcome};

/// The home page.
#[component]
pub fn HomePage() -> impl IntoView {
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let import_text = RwSignal::new(String::new());
    let import_problems = RwSignal::new(Vec::<String>::new());
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
    // Remembers a new design with its key, then opens it.
    let open = move |created: CreatedDesign, title: String| {
        browser::remember(RememberedDesign {
            id: created.id.clone(),
            key: created.edit_key.clone(),
            name: title,
        });
        navigate(&format!("/d/{}", created.id), Default::default());
    };

    let submit = {
        let open = open.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if busy.get_untracked() {
                return;
            }
            let title = name.get_untracked().trim().to_owned();
            busy.set(true);
            error.set(None);
            let open = open.clone();
            spawn_local(async move {
                match create_design(title.clone()).await {
                    Ok(created) => open(created, title),
                    Err(e) => {
                        error.set(Some(e.to_string()));
                        busy.set(false);
                    }
                }
            });
        }
    };

    let start_from = {
        let open = open.clone();
        move |slug: &'static str, title: &'static str| {
            if busy.get_untracked() {
                return;
            }
            busy.set(true);
            let open = open.clone();
            spawn_local(async move {
                match create_from_preset(slug.to_owned()).await {
                    Ok(created) => open(created, title.to_owned()),
                    Err(e) => {
                        error.set(Some(e.to_string()));
                        busy.set(false);
                    }
                }
            });
        }
    };

    let import = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        import_problems.set(Vec::new());
        let text = import_text.get_untracked();
        let open = open.clone();
        spawn_local(async move {
            match import_design(text).await {
                Ok(ImportOutcome::Created(created)) => open(created, "Imported design".to_owned()),
                Ok(ImportOutcome::Problems(problems)) => {
                    import_problems.set(problems);
                    busy.set(false);
                }
                Err(e) => {
                    import_problems.set(vec![e.to_string()]);
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
                "checked as you type, and a GitOps repository to download at the end."
            </p>
            <form class="card create" on:submit=submit data-test="create-form">
                <label for="new-design-name">"Name of the new design"</label>
                <div class="row">
                    <input
                        id="new-design-name"
                        data-test="new-design-name"
                        type="text"
                        required
                        maxlength=design::validate::MAX_TITLE_CHARS.to_string()
                        placeholder="e.g. Payments platform"
                        prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev))
                        aria-describedby="new-design-error"
                    />
                    <button type="submit" data-test="create-design" disabled=move || busy.get()>"Create design"</button>
                </div>
                <p id="new-design-error" class="field-error" role="alert">{move || error.get()}</p>
            </form>
            <section aria-labelledby="presets-heading">
                <h2 id="presets-heading">"Start from a preset"</h2>
                <ul class="presets" data-test="presets">
                    {PRESETS.iter().map(|preset| {
                        let start_from = start_from.clone();
                        let (slug, title) = (preset.slug, preset.title);
                        view! {
                            <li class="card preset">
                                <h3>{title}</h3>
                                <p>{preset.summary}</p>
                                <button
                                    type="button"
                                    data-test=format!("preset-{slug}")
                                    disabled=move || busy.get()
                                    on:click=move |_| start_from(slug, title)
                                >
                                    {format!("Start from “{title}”")}
                                </button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
            <section aria-labelledby="import-heading">
                <h2 id="import-heading">"Import a design file"</h2>
                <form class="card" on:submit=import data-test="import-form">
                    <label for="import-text">"Paste platform-design.yaml (or its JSON)"</label>
                    <textarea
                        id="import-text"
                        data-test="import-text"
                        rows="8"
                        spellcheck="false"
                        aria-describedby="import-problems"
                        prop:value=move || import_text.get()
                        on:input=move |ev| import_text.set(event_target_value(&ev))
                    ></textarea>
                    <button type="submit" data-test="import-design" disabled=move || busy.get()>"Import"</button>
                    <ul id="import-problems" class="field-error" data-test="import-problems" role="alert">
                        {move || import_problems.get().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
                    </ul>
                </form>
            </section>
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
