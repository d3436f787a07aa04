//! `/r/{token}`: the read-only review page. Rendered on the server from the
//! review token; it has no edit control. Reviewers comment on a step or a
//! finding; comments are shown as text, whatever they contain.

use design::critique::critique;
use design::estimate::estimate;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::components::comparison::ComparisonView;
use crate::components::cost_chart::CostChart;
use crate::components::decisions::RecordsByStep;
use crate::components::repository::RepositoryView;
use crate::reviews::OpenedReview;
use crate::rpc::{add_comment, open_review, review_changes, review_repository};

/// The review page.
#[component]
pub fn ReviewPage() -> impl IntoView {
    let token = use_params_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default();
    let version = RwSignal::new(0u32);
    // Outlives the body's re-render after each comment, so a reviewer types
    // their name once.
    let author = RwSignal::new(String::new());
    let repository_token = token.clone();
    let review = Resource::new(
        move || (token.clone(), version.get()),
        |(token, _)| open_review(token),
    );
    // Here rather than in the body, which renders again when the review
    // resolves and after each comment: one request, and its answer is
    // written into the page once.
    let repository = Resource::new(move || repository_token.clone(), review_repository);
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    view! {
        <Title text="Review"/>
        <main class="page report review" data-test="review" data-hydrated=move || hydrated.get().to_string()>
            <Suspense fallback=|| view! { <p>"Loading the review…"</p> }>
                {move || review.get().map(|answer| match answer {
                    Ok(Some(opened)) => view! { <ReviewBody opened version author repository/> }.into_any(),
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
    opened: OpenedReview,
    version: RwSignal<u32>,
    author: RwSignal<String>,
    repository: Resource<Result<Option<crate::wire::RepositoryPreview>, crate::error::StudioError>>,
) -> impl IntoView {
    let token = use_params_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default();
    let design = opened.design.clone();
    let review = critique(&design, &crate::browser::today());
    let cost_design = design.clone();
    let cost = Memo::new(move |_| estimate(&cost_design));
    let svg = design::diagram::svg(&design);
    let view_token = token.clone();
    let mut targets: Vec<String> = design::steps::Step::ALL
        .iter()
        .map(|s| s.slug().to_owned())
        .collect();
    targets.extend(review.findings.iter().map(|f| f.rule.to_owned()));
    targets.dedup();
    let changes_token = token.clone();
    let target = RwSignal::new("review".to_owned());
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
        <p class="muted">{format!("Review{} · read-only", if opened.label.is_empty() { String::new() } else { format!(": {}", opened.label) })}</p>
        <h1 data-test="review-title">{design.metadata.name.clone()}</h1>
        <p class="lead">{design.metadata.description.clone()}</p>
        <h2>"Decisions"</h2>
        <RecordsByStep records=design::decisions::records(&design, &crate::browser::today())/>
        <h2>"Scores"</h2>
        <p data-test="review-overall">{format!("Overall {}/100", review.overall)}</p>
        <table>
            <tbody>
                {review.principles.iter().map(|p| view! { <tr><th scope="row">{p.title}</th><td>{p.score}</td></tr> }).collect_view()}
            </tbody>
        </table>
        <h2>"Findings"</h2>
        <ul>
            {review.findings.iter().map(|f| view! { <li><strong>{f.rule}</strong>{format!(" ({}) {} — {}", f.severity.label(), f.title, f.message)}</li> }).collect_view()}
        </ul>
        <h2>"Capacity"</h2>
        <ul data-test="review-capacity">{
            design::capacity::capacity(&design).into_iter().map(|c| view! { <li>{c.summary()}</li> }).collect_view()
        }</ul>
        <h2>"Cost"</h2>
        <CostChart estimate=cost/>
        <h2>"Architecture"</h2>
        <div class="diagram" data-test="diagram" inner_html=svg></div>
        <ChangesSince token=changes_token milestones=opened.milestones.clone()/>
        <h2>"GitOps repository"</h2>
        <Suspense fallback=|| view! { <p class="muted">"Generating the repository…"</p> }>
            {move || repository.get().map(|answer| match answer {
                Ok(Some(preview)) => view! { <RepositoryView preview review_token=view_token.clone()/> }.into_any(),
                Ok(None) => view! { <p class="field-error" role="alert">"This review link is no longer valid."</p> }.into_any(),
                Err(error) => view! { <p class="field-error" role="alert">{error.to_string()}</p> }.into_any(),
            })}
        </Suspense>
        <h2>"Comments"</h2>
        <ul class="comments" data-test="comments">
            {opened.comments.into_iter().map(|c| view! {
                <li class:resolved=c.resolved>
                    <strong>{c.author}</strong>{format!(" on {}", c.target)}{c.resolved.then_some(" (resolved)")}
                    <p>{c.body}</p>
                </li>
            }).collect_view()}
        </ul>
        <form class="card comment-form" on:submit=submit data-test="comment-form">
            <label for="comment-target">"On"</label>
            <select id="comment-target" data-test="comment-target" on:change=move |ev| target.set(event_target_value(&ev))>
                {targets.into_iter().map(|t| {
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
    let shown = RwSignal::new(None::<(String, crate::reviews::Comparison)>);
    let problem = RwSignal::new(None::<String>);
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
        spawn_local(async move {
            match review_changes(token.get_value(), from).await {
                Ok(Some(comparison)) => {
                    problem.set(None);
                    shown.set(Some((format!("Since “{name}”"), comparison)));
                }
                Ok(None) => problem.set(Some("This review link is no longer valid.".into())),
                Err(error) => problem.set(Some(error.to_string())),
            }
        });
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
        <p class="field-error" role="alert">{move || problem.get()}</p>
        {move || shown.get().map(|(title, comparison)| view! { <ComparisonView title comparison/> })}
    }
    .into_any()
}
