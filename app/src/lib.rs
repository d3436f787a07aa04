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
use leptos_router::{lazy_route, path, Lazy, LazyRoute, SsrMode, StaticSegment};

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
                <Route path=path!("/d/:id") view={Lazy::<WizardRoute>::new()}/>
                <Route path=StaticSegment("rules") view={Lazy::<RulesRoute>::new()}/>
                <Route path=path!("/d/:id/report") view={Lazy::<ReportRoute>::new()}/>
                // Async: the response waits for the review, so an invalid link can answer 404.
                <Route path=path!("/r/:token") view={Lazy::<ReviewRoute>::new()} ssr=SsrMode::Async/>
            </Routes>
        </Router>
    }
}

// Every page but the home page is its own piece of the front end: a release
// build split with `cargo leptos build --split` loads a page's code (and the
// parts of the domain only it uses) when the page is first shown, so a first
// visit downloads what that page needs.

/// `/d/{id}`: the wizard, loaded on demand.
struct WizardRoute;

#[lazy_route]
impl LazyRoute for WizardRoute {
    fn data() -> Self {
        Self
    }

    fn view(this: Self) -> AnyView {
        let WizardRoute = this;
        view! { <pages::wizard::WizardPage/> }.into_any()
    }
}

/// `/rules`: the rule catalogue, loaded on demand.
struct RulesRoute;

#[lazy_route]
impl LazyRoute for RulesRoute {
    fn data() -> Self {
        Self
    }

    fn view(this: Self) -> AnyView {
        let RulesRoute = this;
        view! { <pages::rules::RulesPage/> }.into_any()
    }
}

/// `/d/{id}/report`: the report, loaded on demand.
struct ReportRoute;

#[lazy_route]
impl LazyRoute for ReportRoute {
    fn data() -> Self {
        Self
    }

    fn view(this: Self) -> AnyView {
        let ReportRoute = this;
        view! { <pages::report::ReportPage/> }.into_any()
    }
}

/// `/r/{token}`: a review page, loaded on demand.
struct ReviewRoute;

#[lazy_route]
impl LazyRoute for ReviewRoute {
    fn data() -> Self {
        Self
    }

    fn view(this: Self) -> AnyView {
        let ReviewRoute = this;
        view! { <pages::review::ReviewPage/> }.into_any()
    }
}
