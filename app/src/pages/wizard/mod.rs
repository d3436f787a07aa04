//! `/d/{id}`: the wizard. Six steps and a review, a status line that tells
//! whether the design is saved, and autosave.

mod autosave;
mod steps;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

pub use autosave::{SaveState, Session};

use crate::browser::{self, RememberedDesign};
use crate::components::fields::{field_id, DesignErrors};
use crate::components::review_desk::StepComments;
use crate::components::scores::{DesignChange, ScoreActions};

pub use design::steps::Step;

/// The wizard page.
#[component]
pub fn WizardPage() -> impl IntoView {
    let params = use_params_map();
    let id = params.read_untracked().get("id").unwrap_or_default();
    let session = Session::new(id.clone(), String::new());
    provide_context(session);
    let step = RwSignal::new(Step::Workload);
    let open_rows = steps::OpenRows::new();
    provide_context(open_rows);
    // The critique runs here, in the browser, whenever the design changes:
    // once the frame that shows the edit is painted, once for all the edits
    // of that frame, so typing never waits for it. Until the engine is here
    // the panel the server rendered with the design stands in.
    let today = browser::today();
    let settled = RwSignal::new(0u64);
    let scheduled = StoredValue::new(false);
    Effect::new(move |_| {
        session.design.track();
        if !scheduled.get_value() {
            scheduled.set_value(true);
            browser::after_paint(move || {
                scheduled.set_value(false);
                settled.update(|n| *n += 1);
            });
        }
    });
    // Validation likewise: the engine's after each change's frame once it is
    // here, the server's (of the design as loaded) until then. A text that
    // does not parse is said at once by its field.
    let errors = Memo::new(move |_| {
        settled.track();
        session
            .design
            .with_untracked(|d| session.engine.errors(d))
            .unwrap_or_else(|| session.served_errors.get())
    });
    provide_context(DesignErrors(errors));
    let critique = Memo::new(move |_| {
        settled.track();
        session
            .design
            .with_untracked(|d| session.engine.critique(d, &today))
    });
    let actions = ScoreActions {
        edit: Callback::new(move |change: DesignChange| session.edit(move |d| change(d))),
        reveal: Callback::new(move |path: String| {
            step.set(Step::of_path(&path));
            open_rows.reveal(&path);
            focus_element(field_id(&path));
        }),
    };

    // Only in the browser: find the key (fragment first, then local storage), then load.
    Effect::new(move |_| {
        let id = session.id.get_value();
        let key = browser::take_key_from_fragment().or_else(|| browser::key_for(&id));
        match key {
            Some(key) => {
                session.key.set_value(key);
                session.load();
            }
            None => session.state.set(SaveState::NoAccess(
                "This browser holds no edit key for this design. Open the edit link you were given.".into(),
            )),
        }
    });
    // Keep the home page's list current once the design is readable.
    Effect::new(move |_| {
        if session.state.get() == SaveState::Saved {
            browser::remember(RememberedDesign {
                id: session.id.get_value(),
                key: session.key.get_value(),
                name: session.design.with_untracked(|d| d.metadata.name.clone()),
            });
        }
    });

    let loaded = move || {
        !matches!(
            session.state.get(),
            SaveState::Loading | SaveState::NoAccess(_)
        )
    };
    // Reviewers' open comments, fetched once the design is readable and again
    // on each step change (a reviewer may have written meanwhile). The score
    // panel shows those on a finding beside it, each step those on itself.
    let (reviewer_comments, set_reviewer_comments) = signal(Vec::<crate::reviews::Comment>::new());
    let readable = Memo::new(move |_| loaded());
    Effect::new(move |_| {
        step.track();
        if readable.get() {
            leptos::task::spawn_local(async move {
                if let Ok(desk) =
                    crate::rpc::owner_reviews(session.id.get_value(), session.key.get_value()).await
                {
                    let _ = set_reviewer_comments
                        .try_set(desk.comments.into_iter().filter(|c| !c.resolved).collect());
                }
            });
        }
    });

    view! {
        <Title text=move || session.design.with(|d| d.metadata.name.clone())/>
        <main class="page wizard" data-test="wizard" data-state=move || session.state.get().token() data-critiqued=move || if session.engine.ready() { settled.get() } else { 0 }>
            <StatusBar/>
            <Show when=loaded fallback=move || view! { <Placeholder/> }>
                <div
                    class="wizard-body"
                    on:pointerenter=move |_| session.engine.load()
                    on:focusin=move |_| session.engine.load()
                >
                    <StepTabs step/>
                    <section
                        class="step-panel"
                        role="tabpanel"
                        id=move || format!("panel-{}", step.get().slug())
                        aria-labelledby=move || format!("tab-{}", step.get().slug())
                        data-test=move || format!("panel-{}", step.get().slug())
                    >
                        {move || steps::view_step(step.get(), step)}
                        {move || view! { <StepDecisions step=step.get()/> }}
                        {move || {
                            let current = step.get();
                            (current != Step::Review).then(|| view! { <StepComments comments=reviewer_comments step=current.slug()/> })
                        }}
                    </section>
                    {move || {
                        session
                            .engine
                            .panel(critique, actions, reviewer_comments)
                            .unwrap_or_else(|| view! { <ServedPanel/> }.into_any())
                    }}
                </div>
            </Show>
        </main>
    }
}

/// The decision records of `step`, beside its fields. They are derived (the
/// design with each alternative in place is planned, priced and critiqued)
/// only while the reader has them open.
#[component]
fn StepDecisions(step: Step) -> impl IntoView {
    let session = expect_context::<Session>();
    let open = RwSignal::new(false);
    // Records opened stay open while the records follow each change.
    let opened = RwSignal::new(std::collections::BTreeSet::new());
    let today = browser::today();
    // Derived while the reader has them open; their code loads the first
    // time they are opened. Only the latest derivation is shown, should an
    // earlier one finish after it.
    let records = RwSignal::new(Vec::new());
    let latest = StoredValue::new(0u64);
    Effect::new(move |_| {
        if open.get() {
            let (design, today) = (session.design.get(), today.clone());
            latest.update_value(|n| *n += 1);
            let this = latest.get_value();
            leptos::task::spawn_local(async move {
                let derived = step_records(design, step, today).await;
                if latest.try_get_value() == Some(this) {
                    let _ = records.try_set(derived);
                }
            });
        }
    });
    design::decisions::has_records(step).then(|| view! {
        <section class="step-decisions" data-test="step-decisions">
            <button
                type="button"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                {move || if open.get() { "Hide the decision records" } else { "Decision records of this step" }}
            </button>
            <Show when=move || open.get()>
                {move || {
                    let shown = records.get();
                    Suspend::new(async move { record_list(shown, opened).await })
                }}
            </Show>
        </section>
    })
}

/// The decision records of `step` for `design`; a split point, so the
/// knowledge behind the records stays out of the wizard's first load.
#[lazy]
fn step_records(
    design: design::PlatformDesign,
    step: Step,
    today: design::IsoDate,
) -> Vec<design::decisions::Record> {
    design::decisions::records_of(&design, step, &today)
}

/// The records' view; a split point too, so the code that shows records
/// loads with their first opening, not with the wizard.
#[lazy]
fn record_list(
    records: Vec<design::decisions::Record>,
    opened: crate::components::decisions::Opened,
) -> AnyView {
    view! { <crate::components::decisions::RecordList records opened/> }.into_any()
}

/// The score panel the server rendered with the design, while the engine
/// loads. A button pressed on it is pressed again on the live panel once
/// that is on screen, so an early click is not lost.
#[component]
fn ServedPanel() -> impl IntoView {
    let session = expect_context::<Session>();
    let pressed = StoredValue::new(None::<String>);
    // Runs as the panel gives way, its own values possibly gone already.
    let replay = move || {
        if let Some(test_id) = pressed.try_get_value().flatten() {
            browser::click_when_present(format!(
                "[data-test='score-panel'] [data-test='{test_id}']"
            ));
        }
    };
    on_cleanup(replay);
    view! {
        <div
            class="served-panel"
            data-test="served-panel"
            inner_html=move || session.served_panel.get()
            on:click=move |ev| {
                session.engine.load();
                pressed.set_value(browser::pressed_test_id(&ev));
            }
        ></div>
    }
}

#[component]
fn Placeholder() -> impl IntoView {
    let session = expect_context::<Session>();
    view! {
        <div class="card" data-test="placeholder">
            {move || match session.state.get() {
                SaveState::NoAccess(message) => view! { <p role="alert">{message}</p> <p><a href="/">"Back to the home page"</a></p> }.into_any(),
                _ => view! { <p>"Loading the design…"</p> }.into_any(),
            }}
        </div>
    }
}

/// Name, status line and conflict choices.
#[component]
fn StatusBar() -> impl IntoView {
    let session = expect_context::<Session>();
    let state = session.state;
    view! {
        <div class="statusbar">
            <h1 class="design-title">{move || session.design.with(|d| d.metadata.name.clone())}</h1>
            <span class="revision muted" data-test="revision">{move || format!("revision {}", session.revision.get())}</span>
            <span class=move || format!("save-state {}", state.get().token()) data-test="save-status" role="status" aria-live="polite">
                {move || state.get().label()}
            </span>
            <Show when=move || state.get() == SaveState::Conflict>
                <div class="conflict" role="alert" data-test="conflict">
                    <span>"Someone saved this design after you loaded it."</span>
                    <button data-test="reload-theirs" on:click=move |_| session.reload_theirs()>"Reload theirs"</button>
                    <button data-test="keep-mine" on:click=move |_| session.keep_mine()>"Keep mine"</button>
                </div>
            </Show>
            {move || match state.get() {
                SaveState::Failed(message) => Some(view! { <p class="field-error" role="alert">{message}</p> }),
                _ => None,
            }}
        </div>
    }
}

/// The step list: a tablist, usable with arrow keys, Home and End.
#[component]
fn StepTabs(step: RwSignal<Step>) -> impl IntoView {
    let errors = expect_context::<DesignErrors>().0;
    let go = move |target: Step| {
        step.set(target);
        focus_tab(target);
    };
    // The later steps' code loads as soon as the reader reaches for the tabs.
    let preloaded = StoredValue::new(false);
    let preload = move || {
        if !preloaded.get_value() {
            preloaded.set_value(true);
            steps::preload_later_steps();
        }
    };
    view! {
        <nav class="steps" aria-label="Design steps" on:pointerenter=move |_| preload() on:focusin=move |_| preload()>
            <ol role="tablist" aria-orientation="vertical">
                {Step::ALL
                    .into_iter()
                    .enumerate()
                    .map(|(n, s)| {
                        let problems = move || {
                            errors.with(|all| all.iter().filter(|e| Step::of_path(&e.path) == s).count())
                        };
                        view! {
                            <li role="presentation">
                                <button
                                    role="tab"
                                    id=format!("tab-{}", s.slug())
                                    data-test=format!("tab-{}", s.slug())
                                    aria-controls=format!("panel-{}", s.slug())
                                    aria-selected=move || (step.get() == s).to_string()
                                    tabindex=move || if step.get() == s { "0" } else { "-1" }
                                    on:click=move |_| step.set(s)
                                    on:keydown=move |ev| {
                                        let target = match ev.key().as_str() {
                                            "ArrowDown" | "ArrowRight" => Some(s.moved(1)),
                                            "ArrowUp" | "ArrowLeft" => Some(s.moved(-1)),
                                            "Home" => Some(Step::Workload),
                                            "End" => Some(Step::Review),
                                            _ => None,
                                        };
                                        if let Some(target) = target {
                                            ev.prevent_default();
                                            go(target);
                                        }
                                    }
                                >
                                    <span class="step-number">{n + 1}</span>
                                    <span class="step-title">{s.title()}</span>
                                    {move || match (s, problems()) {
                                        (Step::Review, _) => None,
                                        (_, 0) => Some(view! { <span class="badge good" title="valid" aria-label="valid">"✓"</span> }.into_any()),
                                        (_, count) => Some(view! { <span class="badge bad" title="fields to fix" aria-label=format!("{count} field(s) to fix")>{count}</span> }.into_any()),
                                    }}
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </nav>
    }
}

fn focus_tab(step: Step) {
    focus_element(format!("tab-{}", step.slug()));
}

/// Focuses the element with `id` once the current render has settled.
fn focus_element(id: String) {
    #[cfg(feature = "hydrate")]
    set_timeout(
        move || {
            use wasm_bindgen::JsCast;
            if let Some(element) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id(&id))
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = element.focus();
            }
        },
        std::time::Duration::from_millis(30),
    );
    #[cfg(not(feature = "hydrate"))]
    let _ = id;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_path_finds_its_step() {
        assert_eq!(
            Step::of_path("spec.cluster.nodePools[0].name"),
            Step::Cluster
        );
        assert_eq!(Step::of_path("spec.gitops.repoUrl"), Step::Gitops);
        assert_eq!(Step::of_path("metadata.name"), Step::Review);
    }

    #[test]
    fn moving_past_the_ends_wraps_around() {
        assert_eq!(Step::Review.moved(1), Step::Workload);
        assert_eq!(Step::Workload.moved(-1), Step::Review);
    }
}
