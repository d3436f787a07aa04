//! The owner's side of reviews, in the wizard's Review step: create and
//! revoke review links, read and resolve reviewers' comments.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::comparison::ComparisonView;
use crate::reviews::{Comparison, ReviewDesk};
use crate::rpc::{
    compare_designs, create_milestone, create_review_link, owner_reviews, resolve_comment,
    revoke_review_link,
};

/// The panel; `id` and `key` identify the design being edited.
#[component]
pub fn ReviewDeskPanel(id: StoredValue<String>, key: StoredValue<String>) -> impl IntoView {
    let desk = RwSignal::new(None::<ReviewDesk>);
    let label = RwSignal::new(String::new());
    let new_link = RwSignal::new(None::<String>);
    let milestone_name = RwSignal::new(String::new());
    let link_target = RwSignal::new(String::new());
    let expires = RwSignal::new(String::new());
    let comparison = RwSignal::new(None::<(String, Comparison)>);
    let problem = RwSignal::new(None::<String>);
    let compare_from = RwSignal::new(String::new());
    let compare_to = RwSignal::new("current".to_owned());
    let compare = move |from: String, to: String, title: String| {
        spawn_local(async move {
            match compare_designs(id.get_value(), key.get_value(), from, to).await {
                // The step may have been left meanwhile: then nothing to show.
                Ok(result) => drop(comparison.try_set(Some((title, result)))),
                Err(error) => drop(problem.try_set(Some(error.to_string()))),
            }
        });
    };
    let refresh = move || {
        spawn_local(async move {
            match owner_reviews(id.get_value(), key.get_value()).await {
                Ok(loaded) => drop(desk.try_set(Some(loaded))),
                Err(error) => drop(problem.try_set(Some(error.to_string()))),
            }
        })
    };
    Effect::new(move |_| refresh());
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let label = label.get_untracked();
        let milestone = Some(link_target.get_untracked()).filter(|m| !m.is_empty());
        let expires = Some(expires.get_untracked()).filter(|d| !d.is_empty());
        spawn_local(async move {
            match create_review_link(id.get_value(), key.get_value(), label, milestone, expires)
                .await
            {
                Ok(path) => {
                    let origin = web_origin();
                    new_link.set(Some(format!("{origin}{path}")));
                    refresh();
                }
                Err(error) => problem.set(Some(error.to_string())),
            }
        });
    };
    let freeze = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let name = milestone_name.get_untracked();
        spawn_local(async move {
            match create_milestone(id.get_value(), key.get_value(), name).await {
                Ok(()) => {
                    milestone_name.set(String::new());
                    problem.set(None);
                    refresh();
                }
                Err(error) => problem.set(Some(error.to_string())),
            }
        });
    };
    view! {
        <section aria-labelledby="milestones-heading" data-test="milestones">
            <h3 id="milestones-heading">"Milestones"</h3>
            <p class="help">"A milestone freezes the design as it is now, under a name; it never changes afterwards."</p>
            <form class="row" on:submit=freeze>
                <label for="milestone-name" class="sr-only">"Milestone name"</label>
                <input id="milestone-name" data-test="milestone-name" placeholder="e.g. v1 for security review" maxlength="100"
                    prop:value=move || milestone_name.get() on:input=move |ev| milestone_name.set(event_target_value(&ev))/>
                <button type="submit" data-test="create-milestone">"Freeze milestone"</button>
            </form>
            <ul class="milestones" data-test="milestone-list">
                {move || desk.get().map(|d| d.milestones).unwrap_or_default().into_iter().map(|m| {
                    let (milestone_id, name) = (m.id.clone(), m.name.clone());
                    view! {
                        <li>
                            <strong>{m.name.clone()}</strong>
                            <span class="muted">{format!(" · revision {} · {} · overall {}", m.revision, m.created_at.chars().take(10).collect::<String>(), m.overall)}</span>
                            " "
                            <button type="button" class="link" data-test="compare-milestone" on:click=move |_| {
                                compare(milestone_id.clone(), "current".into(), format!("“{name}” → now"));
                            }>"Compare with now"</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <Show when=move || desk.with(|d| d.as_ref().is_some_and(|d| !d.milestones.is_empty()))>
                <form class="row" data-test="compare-form" on:submit=move |ev: leptos::ev::SubmitEvent| {
                    ev.prevent_default();
                    let milestones = desk.get_untracked().map(|d| d.milestones).unwrap_or_default();
                    let pick = |chosen: String| if chosen.is_empty() {
                        milestones.first().map(|m| m.id.clone()).unwrap_or_default()
                    } else {
                        chosen
                    };
                    let (from, to) = (pick(compare_from.get_untracked()), compare_to.get_untracked());
                    let label = |which: &str| milestones.iter().find(|m| m.id == which)
                        .map(|m| format!("“{}”", m.name)).unwrap_or_else(|| "now".into());
                    let title = format!("{} → {}", label(&from), label(&to));
                    compare(from, to, title);
                }>
                    <label for="compare-from">"Compare"</label>
                    <select id="compare-from" data-test="compare-from" on:change=move |ev| compare_from.set(event_target_value(&ev))>
                        {move || desk.get().map(|d| d.milestones).unwrap_or_default().into_iter().map(|m| view! { <option value=m.id.clone()>{m.name.clone()}</option> }).collect_view()}
                        <option value="current">"Current design"</option>
                    </select>
                    <label for="compare-to">"with"</label>
                    <select id="compare-to" data-test="compare-to" on:change=move |ev| compare_to.set(event_target_value(&ev))>
                        <option value="current" selected>"Current design"</option>
                        {move || desk.get().map(|d| d.milestones).unwrap_or_default().into_iter().map(|m| view! { <option value=m.id.clone()>{m.name.clone()}</option> }).collect_view()}
                    </select>
                    <button type="submit" data-test="compare">"Compare"</button>
                </form>
            </Show>
            {move || comparison.get().map(|(title, comparison)| view! { <ComparisonView title comparison/> })}
        </section>
        <section aria-labelledby="reviews-heading" data-test="review-desk">
            <h3 id="reviews-heading">"Review links"</h3>
            <p class="help">"A review link lets anyone who holds it read this design and comment, never edit. Revoke it when the review is over."</p>
            <form class="row" on:submit=create>
                <label for="review-label" class="sr-only">"Label"</label>
                <input id="review-label" data-test="review-label" placeholder="e.g. security review" maxlength="100" on:input=move |ev| label.set(event_target_value(&ev))/>
                <label for="review-target" class="sr-only">"Show"</label>
                <select id="review-target" data-test="review-target" on:change=move |ev| link_target.set(event_target_value(&ev))>
                    <option value="">"the latest state"</option>
                    {move || desk.get().map(|d| d.milestones).unwrap_or_default().into_iter().map(|m| view! { <option value=m.id.clone()>{m.name.clone()}</option> }).collect_view()}
                </select>
                <label for="review-expires" class="sr-only">"Last day"</label>
                <input id="review-expires" data-test="review-expires" type="date" title="Last day the link works (optional)" on:input=move |ev| expires.set(event_target_value(&ev))/>
                <button type="submit" data-test="create-review">"Create review link"</button>
            </form>
            {move || new_link.get().map(|url| view! {
                <p>"New link (shown once): "<a data-test="review-url" href=url.clone()>{url.clone()}</a></p>
            })}
            <p class="field-error" role="alert">{move || problem.get()}</p>
            <ul class="review-links" data-test="review-links">
                {move || desk.get().map(|d| d.links).unwrap_or_default().into_iter().map(|link| {
                    let review_id = link.id.clone();
                    view! {
                        <li>
                            {if link.label.is_empty() { "(no label)".to_owned() } else { link.label.clone() }}
                            <span class="muted">{format!(" created {}{}", link.created_at.chars().take(10).collect::<String>(), link.expires_at.as_ref().map(|d| format!(", until {d}")).unwrap_or_default())}</span>
                            {if link.revoked {
                                view! { <span class="muted">" · revoked"</span> }.into_any()
                            } else {
                                view! {
                                    " "
                                    <button type="button" class="secondary small" data-test="revoke-review" on:click=move |_| {
                                        let review_id = review_id.clone();
                                        spawn_local(async move {
                                            if let Err(error) = revoke_review_link(id.get_value(), key.get_value(), review_id).await {
                                                problem.set(Some(error.to_string()));
                                            }
                                            refresh();
                                        });
                                    }>"Revoke"</button>
                                }.into_any()
                            }}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <h3>"Comments"</h3>
            <ul class="comments" data-test="owner-comments">
                {move || desk.get().map(|d| d.comments).unwrap_or_default().into_iter().map(|comment| {
                    let comment_id = comment.id;
                    view! {
                        <li class:resolved=comment.resolved>
                            <strong>{comment.author}</strong>{format!(" on {}", comment.target)}
                            <p>{comment.body}</p>
                            {(!comment.resolved).then(|| view! {
                                <button type="button" class="link" data-test="resolve-comment" on:click=move |_| {
                                    spawn_local(async move {
                                        if let Err(error) = resolve_comment(id.get_value(), key.get_value(), comment_id).await {
                                            problem.set(Some(error.to_string()));
                                        }
                                        refresh();
                                    });
                                }>"Resolve"</button>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

/// `http://host:port` of the page, for showing full links.
fn web_origin() -> String {
    #[cfg(feature = "hydrate")]
    {
        web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        String::new()
    }
}

/// Reviewers' open comments on one step, shown at the foot of that step;
/// `comments` are the design's open ones, as the wizard fetched them.
#[component]
pub fn StepComments(
    comments: ReadSignal<Vec<crate::reviews::Comment>>,
    step: &'static str,
) -> impl IntoView {
    let comments = Memo::new(move |_| {
        comments.with(|all| {
            all.iter()
                .filter(|c| c.target == step)
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    view! {
        <Show when=move || !comments.with(Vec::is_empty)>
            <aside class="step-comments" data-test=format!("step-comments-{step}") aria-label="Reviewers' comments on this step">
                <h3>"Reviewers' comments"</h3>
                <ul class="comments">
                    {move || comments.get().into_iter().map(|c| view! {
                        <li><strong>{c.author}</strong><p>{c.body}</p></li>
                    }).collect_view()}
                </ul>
                <p class="help">"Resolve them in the Review step."</p>
            </aside>
        </Show>
    }
}
