//! The owner's side of reviews, in the wizard's Review step: create and
//! revoke review links, read and resolve reviewers' comments.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::reviews::ReviewDesk;
use crate::rpc::{create_review_link, owner_reviews, resolve_comment, revoke_review_link};

/// The panel; `id` and `key` identify the design being edited.
#[component]
pub fn ReviewDeskPanel(id: StoredValue<String>, key: StoredValue<String>) -> impl IntoView {
    let desk = RwSignal::new(None::<ReviewDesk>);
    let label = RwSignal::new(String::new());
    let new_link = RwSignal::new(None::<String>);
    let problem = RwSignal::new(None::<String>);
    let refresh = move || {
        spawn_local(async move {
            match owner_reviews(id.get_value(), key.get_value()).await {
                Ok(loaded) => desk.set(Some(loaded)),
                Err(error) => problem.set(Some(error.to_string())),
            }
        })
    };
    Effect::new(move |_| refresh());
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let label = label.get_untracked();
        spawn_local(async move {
            match create_review_link(id.get_value(), key.get_value(), label).await {
                Ok(path) => {
                    let origin = web_origin();
                    new_link.set(Some(format!("{origin}{path}")));
                    refresh();
                }
                Err(error) => problem.set(Some(error.to_string())),
            }
        });
    };
    view! {
        <section aria-labelledby="reviews-heading" data-test="review-desk">
            <h3 id="reviews-heading">"Review links"</h3>
            <p class="help">"A review link lets anyone who holds it read this design and comment, never edit. Revoke it when the review is over."</p>
            <form class="row" on:submit=create>
                <label for="review-label" class="sr-only">"Label"</label>
                <input id="review-label" data-test="review-label" placeholder="e.g. security review" maxlength="100" on:input=move |ev| label.set(event_target_value(&ev))/>
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
                            <span class="muted">{format!(" created {}", link.created_at.chars().take(10).collect::<String>())}</span>
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
