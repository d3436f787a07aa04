//! Slipway's pages and components.
//!
//! Rendered on the server (`ssr`) and hydrated in the browser (`hydrate`).
//! Components render; the `design` crate decides. Server-only code (storage,
//! keys) sits behind the `ssr` feature.

#![recursion_limit = "512"]

pub mod browser;
pub mod components;
pub mod error;
pub mod pages;
pub mod reviews;
pub mod rpc;
pub mod wire;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod exports;
#[cfg(feature = "ssr")]
pub mod keys;
#[cfg(feature = "ssr")]
pub mod metrics;
#[cfg(feature = "ssr")]
pub mod state;
#[cfg(feature = "ssr")]
pub mod store;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, Link, Meta, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode, StaticSegment};

/// The HTML document around every page.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <AutoReload options=options.clone()/>
                <HashedStylesheet options=options.clone() id="leptos"/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The router and the page frame.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Link rel="icon" type_="image/svg+xml" href="/favicon.svg"/>
        <Meta name="description" content="Design a production Kubernetes platform, see it critiqued as you type, export it as a GitOps repository."/>
        <Title formatter=|text: String| if text.is_empty() { "Slipway".to_owned() } else { format!("{text} · Slipway") }/>
        <Router>
            <header class="topbar">
                <a class="brand" href="/">"Slipway"</a>
                <span class="tagline">"Platform designs that critique themselves"</span>
                <nav class="topnav"><a href="/rules">"Rules"</a></nav>
            </header>
            <Routes fallback=|| view! { <pages::NotFound/> }>
                <Route path=StaticSegment("") view=pages::home::HomePage/>
                <Route path=path!("/d/:id") view=pages::wizard::WizardPage/>
                <Route path=StaticSegment("rules") view=pages::rules::RulesPage/>
                <Route path=path!("/d/:id/report") view=pages::report::ReportPage/>
                // Async: the response waits for the review, so an invalid link can answer 404.
                <Route path=path!("/r/:token") view=pages::review::ReviewPage ssr=SsrMode::Async/>
            </Routes>
        </Router>
    }
}
