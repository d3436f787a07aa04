//! One module per page.

pub mod home;
pub mod report;
pub mod review;
pub mod rules;
pub mod wizard;

use leptos::prelude::*;
use leptos_meta::Title;

/// Shown for any address the studio does not know.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http_status_not_found());
    }
    view! {
        <Title text="Not found"/>
        <main class="page narrow">
            <h1>"Nothing here"</h1>
            <p>"This address does not lead anywhere in the studio. "<a href="/">"Start from the home page."</a></p>
        </main>
    }
}

#[cfg(feature = "ssr")]
fn http_status_not_found() -> axum::http::StatusCode {
    axum::http::StatusCode::NOT_FOUND
}
