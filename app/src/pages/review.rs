//! `/r/{token}`: the read-only review page. Rendered on the server from the
//! review token; it has no edit control. Reviewers comment on a step or a
//! finding; comments are shown as text, whatever they contain.
//!
//! What the page derives from the design (decisions, scores, findings,
//! capacity, cost, diagram) is rendered on the server only and reaches the
//! browser as HTML: the browser never receives the design, and the code that
//! derives those sections stays out of the page's WebAssembly. A decision
//! record's details are fetched when a reader opens them.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::components::comparison::ComparisonView;
use crate::components::repository::RepositoryView;
use crate::error::StudioError;
use crate::reviews::{Comment, ReviewPageData};
use crate::rpc::{add_comment, review_changes, review_comments, review_page, review_repository};

type Comments = Resource<Result<Option<Vec<Comment>>, StudioError>>;
type Repository = Resource<Result<Option<crate::wire::RepositoryPreview>, StudioError>>;

/// The review page.
#[component]
pub fn ReviewPage() -> impl IntoView {
    let token = use_params_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default();
    let version = RwSignal::new(0u32);
    let page = Resource::new(
        {
            let token = token.clone();
            move || token.clone()
        },
        review_page,
    );
    // Fetched again after each comment, without rendering the rest again.
    let comments = Resource::new(
        {
            let token = token.clone();
            move || (token.clone(), version.get())
        },
        |(token, _)| review_comments(token),
    );
    let repository = Resource::new(move || token.clone(), review_repository);
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    view! {
        <Title text="Review"/>
        <main class="page report review" data-test="review" data-hydrated=move || hydrated.get().to_string()>
            <Suspense fallback=|| view! { <p>"Loading the review…"</p> }>
                {move || page.get().map(|answer| match answer {
                    Ok(Some(data)) => view! { <ReviewBody data comments version repository/> }.into_any(),
                    Ok(None) => {
                        #[cfg(feature = "ssr")]
                        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
                            response.set_status(axum::http::StatusCode::NOT_FOUND);
                        }
                        view! {
                            <div class="card" data-test="review-gone" role="alert">
                                <h1>"This review link is not valid"</h1>
                                <p>"It may have been revoked or have expired. Ask the design's owner for a new link."</p>
                            </div>
                        }.into_any()
                    }
                    Err(error) => view! { <p class="field-error" role="alert">{error.to_string()}</p> }.into_any(),
                })}
            </Suspense>
        </main>
    }
}

#[component]
fn ReviewBody(
    data: ReviewPageData,
    comments: Comments,
    version: RwSignal<u32>,
    repository: Repository,
) -> impl IntoView {
    let token = use_params_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default();
    let view_token = token.clone();
    let changes_token = token.clone();
    let sections_token = token.clone();
    let target = RwSignal::new("review".to_owned());
    let author = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let token = token.clone();
        let (t, a, b) = (
            target.get_untracked(),
            author.get_untracked(),
            body.get_untracked(),
        );
        spawn_local(async move {
            match add_comment(token, t, a, b).await {
                Ok(Ok(())) => {
                    body.set(String::new());
                    message.set(None);
                    version.update(|v| *v += 1);
                }
                Ok(Err(refusal)) => message.set(Some(refusal)),
                Err(error) => message.set(Some(error.to_string())),
            }
        });
    };
    view! {
        <p class="muted">{format!("Review{} · read-only", if data.label.is_empty() { String::new() } else { format!(": {}", data.label) })}</p>
        <h1 data-test="review-title">{data.name}</h1>
        <p class="lead">{data.description}</p>
        <ServerSections token=sections_token html=data.sections/>
        <ChangesSince token=changes_token milestones=data.milestones/>
        <h2>"GitOps repository"</h2>
        <Suspense fallback=|| view! { <p class="muted">"Generating the repository…"</p> }>
            {move || repository.get().map(|answer| match answer {
                Ok(Some(preview)) => view! { <RepositoryView preview review_token=view_token.clone()/> }.into_any(),
                Ok(None) => view! { <p class="field-error" role="alert">"This review link is no longer valid."</p> }.into_any(),
                Err(error) => view! { <p class="field-error" role="alert">{error.to_string()}</p> }.into_any(),
            })}
        </Suspense>
        <h2>"Comments"</h2>
        <Transition fallback=|| ()>
            <ul class="comments" data-test="comments">
                {move || comments.get().map(|answer| answer.ok().flatten().unwrap_or_default().into_iter().map(|c| view! {
                    <li class:resolved=c.resolved>
                        <strong>{c.author}</strong>{format!(" on {}", c.target)}{c.resolved.then_some(" (resolved)")}
                        <p>{c.body}</p>
                    </li>
                }).collect_view())}
            </ul>
        </Transition>
        <form class="card comment-form" on:submit=submit data-test="comment-form">
            <label for="comment-target">"On"</label>
            <select id="comment-target" data-test="comment-target" on:change=move |ev| target.set(event_target_value(&ev))>
                {data.targets.into_iter().map(|t| {
                    let selected = t == "review";
                    view! { <option value=t.clone() selected=selected>{t.clone()}</option> }
                }).collect_view()}
            </select>
            <label for="comment-author">"Your name"</label>
            <input id="comment-author" data-test="comment-author" maxlength="80" required prop:value=move || author.get() on:input=move |ev| author.set(event_target_value(&ev))/>
            <label for="comment-body">"Comment"</label>
            <textarea id="comment-body" data-test="comment-body" rows="4" maxlength="4000" required prop:value=move || body.get() on:input=move |ev| body.set(event_target_value(&ev))></textarea>
            <button type="submit" data-test="comment-submit">"Add comment"</button>
            <p class="field-error" role="alert" data-test="comment-error">{move || message.get()}</p>
        </form>
    }
}

/// The derived sections as the server rendered them. Hydration leaves the
/// server's HTML in place; a page built in this browser (after a
/// navigation) asks the server for it. A decision record's button fetches
/// its details (one listener for all of them).
#[component]
fn ServerSections(token: String, html: String) -> impl IntoView {
    let html = RwSignal::new(html);
    let node = NodeRef::<leptos::html::Div>::new();
    let token = StoredValue::new(token);
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(element) = node.get() {
            if element.child_element_count() == 0 && html.with_untracked(String::is_empty) {
                spawn_local(async move {
                    if let Ok(Some(text)) = crate::rpc::review_sections(token.get_value()).await {
                        let _ = html.try_set(text);
                    }
                });
            }
        }
    });
    view! {
        <div
            class="review-sections"
            data-test="review-sections"
            node_ref=node
            inner_html=move || html.get()
            on:click=move |ev| toggle_record(&ev, token.get_value())
        ></div>
    }
}

/// Opens or closes the decision record whose button was pressed, if one was.
fn toggle_record(ev: &leptos::ev::MouseEvent, token: String) {
    #[cfg(feature = "hydrate")]
    {
        use crate::components::decisions::{DETAILS_LABEL, HIDE_LABEL};
        use wasm_bindgen::JsCast;
        let Some(button) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("button[data-record]").ok().flatten())
        else {
            return;
        };
        let (Some(slot), Some(slug)) = (
            button.next_element_sibling(),
            button.get_attribute("data-record"),
        ) else {
            return;
        };
        if button.get_attribute("aria-busy").is_some() {
            return;
        }
        if button.get_attribute("aria-expanded").as_deref() == Some("true") {
            slot.set_inner_html("");
            let _ = button.set_attribute("aria-expanded", "false");
            button.set_text_content(Some(DETAILS_LABEL));
            return;
        }
        let _ = button.set_attribute("aria-busy", "true");
        spawn_local(async move {
            match crate::rpc::review_record(token, slug).await {
                Ok(Some(details)) => {
                    slot.set_inner_html(&details);
                    let _ = button.set_attribute("aria-expanded", "true");
                    button.set_text_content(Some(HIDE_LABEL));
                }
                Ok(None) => {
                    slot.set_text_content(Some("This record is no longer part of the review."))
                }
                Err(_) => slot.set_text_content(Some("The record could not be loaded; try again.")),
            }
            let _ = button.remove_attribute("aria-busy");
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (ev, token);
}

/// The derived sections of `design` on `today`, as a review page shows them.
#[cfg(feature = "ssr")]
pub fn sections_html(design: &design::PlatformDesign, today: &design::IsoDate) -> String {
    use crate::components::sections::DesignSections;
    let (design, today) = (design.clone(), today.clone());
    crate::components::render_to_string(
        move || view! { <DesignSections design today page="review" records_on_request=true/> },
    )
}

/// A decision record's details, as a review page shows them when opened.
#[cfg(feature = "ssr")]
pub fn record_html(record: design::decisions::Record) -> String {
    use crate::components::decisions::RecordDetails;
    crate::components::render_to_string(move || view! { <RecordDetails record/> })
}

/// "Changes since …": the reviewed state against one of the design's other
/// milestones, with the repository files the change touches.
#[component]
fn ChangesSince(token: String, milestones: Vec<(String, String)>) -> impl IntoView {
    if milestones.is_empty() {
        return ().into_any();
    }
    let first = milestones[0].0.clone();
    let since = RwSignal::new(first);
    let names = StoredValue::new(milestones.clone());
    // The milestone asked for and its title; each request shows anew.
    let asked = RwSignal::new(None::<(String, String)>);
    let token = StoredValue::new(token);
    let compare = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let from = since.get_untracked();
        let name = names.with_value(|m| {
            m.iter()
                .find(|(id, _)| *id == from)
                .map(|(_, name)| name.clone())
                .unwrap_or_default()
        });
        asked.set(Some((from, format!("Since “{name}”"))));
    };
    view! {
        <h2>"Changes since a milestone"</h2>
        <form class="row" data-test="review-compare-form" on:submit=compare>
            <label for="review-since">"Since"</label>
            <select id="review-since" data-test="review-since" on:change=move |ev| since.set(event_target_value(&ev))>
                {milestones.into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
            </select>
            <button type="submit" data-test="review-compare">"Show the changes"</button>
        </form>
        {move || asked.get().map(|(from, title)| {
            let token = token.get_value();
            Suspend::new(async move { changes_since(token, from, title).await })
        })}
    }
    .into_any()
}

/// The comparison with milestone `since`, fetched and shown by code that
/// loads the first time a reader asks for one (a split point: most
/// reviewers never do).
#[lazy]
async fn changes_since(token: String, since: String, title: String) -> AnyView {
    match review_changes(token, since).await {
        Ok(Some(comparison)) => view! { <ComparisonView title comparison/> }.into_any(),
        Ok(None) => {
            view! { <p class="field-error" role="alert">"This review link is no longer valid."</p> }
                .into_any()
        }
        Err(error) => {
            view! { <p class="field-error" role="alert">{error.to_string()}</p> }.into_any()
        }
    }
}
