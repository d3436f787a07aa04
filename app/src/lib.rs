//! Slipway's pages and components.
//!
//! Rendered on the server (`ssr`) and hydrated in the browser (`hydrate`).
//! Components render; the `design` crate decides. Server-only code (storage,
//! keys) sits behind the `ssr` feature.

#![recursion_limit = "512"]

pub mod browser;
pub mod codec;
pub mod components;
pub mod engine;
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

// Every page but the home page is its own piece of the front end: the build
// (`cargo leptos build --split`, always) cuts the WebAssembly at each of these
// routes, and a page's code, with the parts of the domain only it uses, loads
// when the page is first shown.

/// A lazily loaded route `$route` showing the component `$page`.
macro_rules! lazy_page {
    ($(#[$doc:meta])* $route:ident => $page:path) => {
        $(#[$doc])*
        struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                Self
            }

            fn view(this: Self) -> AnyView {
                let $route = this;
                view! { <$page/> }.into_any()
            }
        }
    };
}

lazy_page!(
    /// `/d/{id}`: the wizard.
    WizardRoute => pages::wizard::WizardPage
);
lazy_page!(
    /// `/rules`: the rule catalogue.
    RulesRoute => pages::rules::RulesPage
);
lazy_page!(
    /// `/d/{id}/report`: the report.
    ReportRoute => pages::report::ReportPage
);
lazy_page!(
    /// `/r/{token}`: a review page.
    ReviewRoute => pages::review::ReviewPage
);
