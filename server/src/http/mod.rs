//! The router: JSON API, health, pages and static files, with the layers
//! every response passes through.

mod designs;
mod health;
mod limit;
mod ops;
mod pages;
mod problem;
mod reviews;

use std::time::Duration;

use app::state::AppState;
use app::{shell, App};
use axum::http::{header, HeaderValue, Request};
use axum::Router;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

pub use problem::Problem;

/// Only our own scripts, styles and connections. Inline scripts are allowed
/// because the hydration bootstrap is inline; WebAssembly needs
/// `wasm-unsafe-eval`; inline styles carry the score bars.
pub const CONTENT_SECURITY_POLICY: &str =
    "default-src 'self'; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'; \
style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; \
base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/// Largest request body accepted; a design is a few kilobytes.
pub const MAX_BODY_BYTES: usize = 512 * 1024;

/// The path as logged: review tokens travel in paths (`/r/{token}`,
/// `/api/reviews/{token}`), so they are replaced before anything is logged.
pub fn redacted_path(path: &str) -> String {
    for prefix in ["/r/", "/api/reviews/"] {
        if let Some(rest) = path.strip_prefix(prefix) {
            let tail = rest.find('/').map(|i| &rest[i..]).unwrap_or("");
            return format!("{prefix}[token]{tail}");
        }
    }
    path.to_owned()
}

/// The whole application.
pub fn app(state: AppState) -> Router {
    let options = state.leptos_options.clone();
    let routes = generate_route_list(App);
    let site_root = options.site_root.to_string();
    let pkg_dir = format!("{site_root}/{}", options.site_pkg_dir);

    // Built assets: a name with a content hash never changes meaning, so it
    // is cached for good; any other name is revalidated on every use.
    let assets = Router::new()
        .nest_service(
            "/pkg",
            ServeDir::new(&pkg_dir)
                .precompressed_br()
                .precompressed_gzip(),
        )
        .layer(axum::middleware::map_response(asset_caching));

    let build = build_id(std::path::Path::new(&pkg_dir));
    let pages = Router::new()
        .leptos_routes_with_context(
            &state,
            routes,
            {
                let state = state.clone();
                move || leptos::prelude::provide_context(state.clone())
            },
            {
                let options = options.clone();
                move || shell(options.clone())
            },
        )
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(
            {
                let state = state.clone();
                move || leptos::prelude::provide_context(state.clone())
            },
            shell,
        ))
        .layer(axum::middleware::from_fn_with_state(
            (state.clone(), build, pages::PageCache::default()),
            review_page,
        ))
        .layer(axum::middleware::from_fn(server_function_status))
        // Pages are never served stale from a cache: a browser revalidates.
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-cache"),
        ))
        // Pages may carry secrets (the edit key in the fragment, review tokens
        // in the path): never leak the address to other sites.
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        ));

    Router::new()
        .nest("/api", designs::router().merge(reviews::router()))
        .merge(health::router())
        .merge(ops::router())
        .merge(assets)
        .merge(pages)
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(axum::middleware::from_fn_with_state(
            limit::Limiter::new(state.review_requests_per_minute),
            limit::limit,
        ))
        .layer(CompressionLayer::new())
        .layer(
            TraceLayer::new_for_http()
                // Log the path only: query strings could carry secrets one day,
                // and keys travel in headers and bodies, which are never logged.
                .make_span_with(|request: &Request<_>| {
                    let id = request
                        .headers()
                        .get("x-request-id")
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or_default();
                    tracing::info_span!("http", method = %request.method(), path = %redacted_path(request.uri().path()), request_id = %id)
                })
                .on_response(DefaultOnResponse::new().level(Level::INFO).latency_unit(tower_http::LatencyUnit::Millis)),
        )
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(30),
        ))
        // Every answer counts, refusals and timeouts too (route layers run
        // after routing, so the route template is known).
        .layer(axum::middleware::from_fn_with_state(state.clone(), ops::count))
        // Outside the trace: the span carries the id, the answer echoes it.
        .layer(tower_http::request_id::PropagateRequestIdLayer::x_request_id())
        .layer(tower_http::request_id::SetRequestIdLayer::x_request_id(ops::Ids::new()))
        .with_state(state)
}

/// `Cache-Control` for a built asset: a year and `immutable` for a name
/// that carries a content hash (`slipway.<hash>.wasm`), else revalidate.
/// A server function's error, answered with the status it means: 404 for no
/// design, 422 for an invalid one, 400 for a request the server cannot read.
/// (server_fn answers every error with 500; the page reads the error itself
/// either way.)
async fn server_function_status(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let server_function = request.uri().path().starts_with("/rpc/");
    let response = next.run(request).await;
    if !server_function || response.status() != axum::http::StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    // An error is a few bytes; an answer that is not one stays a 500.
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return axum::response::IntoResponse::into_response(
            axum::http::StatusCode::INTERNAL_SERVER_ERROR,
        );
    };
    if let Ok(error) = design::compact::from_bytes::<app::error::StudioError>(&bytes) {
        if let Ok(status) = axum::http::StatusCode::from_u16(error.status()) {
            parts.status = status;
        }
    }
    axum::response::Response::from_parts(parts, axum::body::Body::from(bytes))
}

async fn asset_caching(
    uri: axum::http::Uri,
    mut response: axum::response::Response,
) -> axum::response::Response {
    let value = if response.status().is_success() && hashed_name(uri.path()) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    response
}

/// Whether the last segment of `path` is `<name>.<hash>.<extension>` with a
/// hash of at least 10 characters (cargo-leptos writes URL-safe base64).
fn hashed_name(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or_default();
    let parts: Vec<&str> = file.split('.').collect();
    parts.len() >= 3
        && parts[1..parts.len() - 1].iter().any(|p| {
            p.len() >= 10
                && p.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
}

/// What the HTML of this build names (the front end's files): part of every
/// page's validator, so a deploy never answers 304 with an old page.
fn build_id(pkg_dir: &std::path::Path) -> String {
    let mut parts: Vec<String> = std::fs::read_dir(pkg_dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| {
            let meta = entry.metadata().ok();
            let modified = meta
                .as_ref()
                .and_then(|m| m.modified().ok())
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            format!(
                "{}:{}:{modified}",
                entry.file_name().to_string_lossy(),
                meta.map_or(0, |m| m.len())
            )
        })
        .collect();
    parts.sort();
    format!("{} {}", env!("CARGO_PKG_VERSION"), parts.join(","))
}

/// Review pages, opened by many people and reloaded often, answer a
/// matching `If-None-Match` with 304 before anything is rendered, and are
/// rendered once per validator: the validator covers all the page shows (the
/// review, the state it shows, its comments and milestones, the day, and
/// this build), so the first rendering answers for it until one changes.
async fn review_page(
    axum::extract::State((state, build, cache)): axum::extract::State<(
        AppState,
        String,
        pages::PageCache,
    )>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let token = request
        .uri()
        .path()
        .strip_prefix("/r/")
        .filter(|t| !t.is_empty() && !t.contains('/'))
        .map(str::to_owned);
    let (Some(token), true) = (token, request.method() == axum::http::Method::GET) else {
        return next.run(request).await;
    };
    let today = app::browser::today();
    let Ok(version) = app::reviews::store::version(&state.pool, &token, &today).await else {
        return next.run(request).await;
    };
    let digest = export::provenance::hash(&format!("{version}\n{build}"));
    let tag = format!("W/\"{}\"", &digest["sha256:".len()..][..32]);
    let matches = request
        .headers()
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|candidate| {
            let candidate = candidate.trim();
            candidate == "*" || candidate.trim_start_matches("W/") == tag.trim_start_matches("W/")
        });
    let mut response = if matches {
        axum::http::StatusCode::NOT_MODIFIED.into_response()
    } else if let Some(kept) = cache.get(&tag, pages::accepts_brotli(request.headers())) {
        state.metrics.page(true);
        kept
    } else {
        let rendered = next.run(request).await;
        if rendered.status() != axum::http::StatusCode::OK {
            return rendered;
        }
        state.metrics.page(false);
        let (parts, body) = rendered.into_parts();
        match axum::body::to_bytes(body, usize::MAX).await {
            Ok(bytes) => {
                cache.put(&tag, parts.headers.clone(), bytes.clone());
                axum::response::Response::from_parts(parts, axum::body::Body::from(bytes))
            }
            Err(error) => {
                tracing::warn!(%error, "rendering a review page failed");
                axum::http::StatusCode::INTERNAL_SERVER_ERROR.into_response()
            }
        }
    };
    if matches!(
        response.status(),
        axum::http::StatusCode::OK | axum::http::StatusCode::NOT_MODIFIED
    ) {
        if let Ok(value) = HeaderValue::from_str(&tag) {
            response.headers_mut().insert(header::ETAG, value);
        }
        response.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-cache"),
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::redacted_path;

    #[test]
    fn only_names_with_a_content_hash_count_as_hashed() {
        assert!(super::hashed_name("/pkg/slipway.Xk3lq0Zr8cVb1mE2.wasm"));
        assert!(super::hashed_name("/slipway.Xk3lq0Zr8c-_b1.css"));
        assert!(!super::hashed_name("/pkg/slipway.wasm"));
        assert!(!super::hashed_name("/pkg/slipway_bg.wasm"));
        assert!(!super::hashed_name("/pkg/slipway.js.map"));
        assert!(!super::hashed_name("/pkg/a.b.c"));
    }

    #[test]
    fn review_tokens_never_reach_the_log() {
        assert_eq!(redacted_path("/r/abc123"), "/r/[token]");
        assert_eq!(
            redacted_path("/api/reviews/abc123/comments"),
            "/api/reviews/[token]/comments"
        );
        assert_eq!(redacted_path("/d/0123"), "/d/0123");
    }
}
