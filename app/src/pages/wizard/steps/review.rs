//! Review: the design's name, every problem with a link to its step, and the
//! design file to download.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::super::Step;
use super::{field, Session};
use crate::browser::data_url;
use crate::components::fields::{DesignErrors, TextField};
use crate::components::repository::RepositoryView;
use crate::components::review_desk::ReviewDeskPanel;
use crate::rpc::{design_yaml, export_repository};

pub fn view(s: Session, current: RwSignal<Step>) -> impl IntoView {
    let (name, set_name) = field!(s, metadata.name);
    let (description, set_description) = field!(s, metadata.description);
    let errors = expect_context::<DesignErrors>().0;
    let yaml = RwSignal::new(None::<String>);
    // The YAML follows the design; JSON is formatted right here in the browser.
    // Answers can arrive out of order: only the newest request's is shown.
    let yaml_request = StoredValue::new(0u64);
    Effect::new(move |_| {
        let design = s.design.get();
        yaml_request.update_value(|n| *n += 1);
        let this = yaml_request.get_value();
        spawn_local(async move {
            if let Ok(text) = design_yaml(design).await {
                // The step may be gone by now: then there is nothing to update.
                if yaml_request.try_get_value() == Some(this) {
                    let _ = yaml.try_set(Some(text));
                }
            }
        });
    });
    // The repository follows the design too; rendered on the server, asked
    // for once typing pauses, newest answer only.
    let repository = RwSignal::new(None::<crate::wire::RepositoryPreview>);
    let repository_request = StoredValue::new(0u64);
    // The revision goes into the export's provenance only while the screen
    // shows exactly what is saved as that revision.
    let saved_revision = Memo::new(move |_| {
        (s.state.get() == super::super::autosave::SaveState::Saved).then(|| s.revision.get())
    });
    Effect::new(move |previous: Option<()>| {
        let design = s.design.get();
        let revision = saved_revision.get();
        repository_request.update_value(|n| *n += 1);
        let this = repository_request.get_value();
        let fetch = move || {
            spawn_local(async move {
                if repository_request.try_get_value() != Some(this) {
                    return;
                }
                if let Ok(preview) = export_repository(design, revision).await {
                    if repository_request.try_get_value() == Some(this) {
                        let _ = repository.try_set(Some(preview));
                    }
                }
            })
        };
        if previous.is_none() {
            fetch();
        } else {
            set_timeout(fetch, std::time::Duration::from_millis(500));
        }
    });
    // What the team supplies before the first sync: the same list the export
    // writes to docs/inputs.yaml, derived here from the design as it changes.
    let inputs = Memo::new(move |_| {
        s.design.with(|d| {
            design::plan::inputs(d, &design::plan::Plan::of(d))
                .into_iter()
                .map(|i| (i.id, i.title, i.detail, i.field))
                .collect::<Vec<_>>()
        })
    });
    let json = move || {
        s.design
            .with(|d| serde_json::to_string_pretty(d).unwrap_or_default())
    };
    view! {
        <h2>"Review"</h2>
        <fieldset>
            <legend>"About this design"</legend>
            <TextField label="Design name" path="metadata.name" max_length=design::validate::text::MAX_TITLE_CHARS
                help="What people call this design." value=name on_change=set_name/>
            <TextField label="Description" path="metadata.description" max_length=design::validate::text::MAX_DESCRIPTION_CHARS
                help="One or two sentences on what the platform is for." value=description on_change=set_description/>
        </fieldset>
        <section aria-labelledby="problems-heading">
            <h3 id="problems-heading">"Fields to fix"</h3>
            <Show
                when=move || !errors.with(Vec::is_empty)
                fallback=|| view! { <p class="good" data-test="no-problems">"Every field is valid."</p> }
            >
                <ul class="problems" data-test="problems">
                    {move || errors.get().into_iter().map(|problem| {
                        let step = Step::of_path(&problem.path);
                        view! {
                            <li>
                                <button type="button" class="link" on:click=move |_| current.set(step)>{step.title()}</button>
                                " · "<code>{problem.path.clone()}</code>" — "{problem.message.clone()}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </Show>
        </section>
        <section aria-labelledby="inputs-heading">
            <h3 id="inputs-heading">"What your team supplies"</h3>
            <p class="help">"Values no design can know. Until each is supplied its placeholder in the repository fails safe (reported, not enforced); the repository's docs/inputs.yaml says where each goes and docs/first-run.md when."</p>
            <ul class="inputs" data-test="inputs">
                {move || inputs.get().into_iter().map(|(id, title, detail, field)| {
                    let link = field.map(|path| {
                        let step = Step::of_path(path);
                        view! { " "<button type="button" class="link" data-test="input-field" on:click=move |_| current.set(step)>{format!("Set it in {}", step.title())}</button> }
                    });
                    view! {
                        <li data-test="input" data-id=id>
                            <strong>{title}</strong>" — "{detail}{link}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
        <section aria-labelledby="diagram-heading">
            <h3 id="diagram-heading">"Architecture"</h3>
            <div class="diagram" data-test="diagram" inner_html=move || s.design.with(design::diagram::svg)></div>
            <p><a class="button secondary" data-test="open-report" href=move || format!("/d/{}/report", s.id.get_value())>"Printable report"</a></p>
        </section>
        <section aria-labelledby="repository-heading">
            <h3 id="repository-heading">"GitOps repository"</h3>
            <p class="help">"What the export contains: pick a file to read it. The archive is the same for the same design, byte for byte."</p>
            {move || match repository.get() {
                Some(preview) => view! { <RepositoryView preview/> }.into_any(),
                None => view! { <p class="muted" data-test="repository-loading">"Generating the repository…"</p> }.into_any(),
            }}
        </section>
        <ReviewDeskPanel id=s.id key=s.key/>
        <section aria-labelledby="file-heading">
            <h3 id="file-heading">"Design file"</h3>
            <p class="help">"The whole design as one versioned file; import it on the home page or with the API to make a copy."</p>
            <p class="downloads">
                <a
                    class="button"
                    data-test="download-yaml"
                    download="platform-design.yaml"
                    href=move || yaml.get().map(|text| data_url("application/yaml", &text))
                    aria-disabled=move || yaml.with(Option::is_none).to_string()
                >
                    "Download platform-design.yaml"
                </a>
                <a class="button secondary" data-test="download-json" download="platform-design.json" href=move || data_url("application/json", &json())>
                    "Download JSON"
                </a>
            </p>
            <pre class="file-preview" data-test="yaml-preview" tabindex="0" aria-label="platform-design.yaml">{move || yaml.get().unwrap_or_default()}</pre>
        </section>
    }
}
