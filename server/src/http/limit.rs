//! A small fixed-window rate limit for the endpoints that take review
//! tokens, so tokens cannot be guessed at speed. Counted per client address
//! (all clients share one budget when the address is unknown, as in tests).

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// Paths whose requests count against the budget.
fn limited(path: &str) -> bool {
    path.starts_with("/r/")
        || path.starts_with("/api/reviews/")
        // Every server function that takes a review token is named review_….
        || path.starts_with("/rpc/review_")
        || path == "/rpc/add_comment"
}

/// Requests per client per minute on token endpoints.
#[derive(Debug)]
pub struct Limiter {
    per_minute: u32,
    windows: Mutex<HashMap<Option<std::net::IpAddr>, (Instant, u32)>>,
}

impl Limiter {
    /// A limiter allowing `per_minute` requests per client and minute.
    pub fn new(per_minute: u32) -> Arc<Self> {
        Arc::new(Self {
            per_minute,
            windows: Mutex::new(HashMap::new()),
        })
    }

    /// Counts a request; false when the client is over its budget.
    fn admit(&self, client: Option<std::net::IpAddr>) -> bool {
        let Ok(mut windows) = self.windows.lock() else {
            return true;
        };
        let now = Instant::now();
        // Forget idle clients so the map cannot grow without bound.
        if windows.len() > 10_000 {
            windows.retain(|_, (start, _)| now.duration_since(*start) < Duration::from_secs(60));
        }
        let entry = windows.entry(client).or_insert((now, 0));
        if now.duration_since(entry.0) >= Duration::from_secs(60) {
            *entry = (now, 0);
        }
        entry.1 += 1;
        entry.1 <= self.per_minute
    }
}

/// The middleware.
pub async fn limit(State(limiter): State<Arc<Limiter>>, request: Request, next: Next) -> Response {
    if limited(request.uri().path()) {
        let client = request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|info| info.0.ip());
        if !limiter.admit(client) {
            if request.uri().path().starts_with("/rpc/") {
                return refused_server_function();
            }
            let body = json!({
                "type": "https://slipway.dev/problems/too-many-requests",
                "title": "Too many requests",
                "status": 429,
                "detail": app::error::StudioError::Busy.to_string(),
            });
            let mut response = (StatusCode::TOO_MANY_REQUESTS, axum::Json(body)).into_response();
            response.headers_mut().insert(
                axum::http::header::CONTENT_TYPE,
                axum::http::HeaderValue::from_static("application/problem+json"),
            );
            response.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from_static("60"),
            );
            return response;
        }
    }
    next.run(request).await
}

/// A refusal a page's server function reads as its own error, in the
/// compact form those answer with.
fn refused_server_function() -> Response {
    let Ok(body) = design::compact::to_bytes(&app::error::StudioError::Busy) else {
        return StatusCode::TOO_MANY_REQUESTS.into_response();
    };
    (
        StatusCode::TOO_MANY_REQUESTS,
        [
            (
                axum::http::header::CONTENT_TYPE,
                <app::codec::CompactEncoding as leptos::server_fn::ContentType>::CONTENT_TYPE,
            ),
            (axum::http::header::RETRY_AFTER, "60"),
        ],
        body,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_over_budget_is_refused_and_others_are_not() {
        let limiter = Limiter::new(2);
        let a = Some(std::net::IpAddr::from([10, 0, 0, 1]));
        let b = Some(std::net::IpAddr::from([10, 0, 0, 2]));
        assert!(limiter.admit(a) && limiter.admit(a));
        assert!(!limiter.admit(a));
        assert!(limiter.admit(b));
    }

    #[test]
    fn only_token_paths_are_limited() {
        assert!(
            limited("/r/abc")
                && limited("/api/reviews/abc/comments")
                && limited("/rpc/add_comment")
                && limited("/rpc/review_changes")
                && limited("/rpc/review_file")
                && limited("/rpc/review_record")
        );
        assert!(!limited("/rpc/owner_reviews") && !limited("/rpc/create_review_link"));
        assert!(!limited("/api/designs") && !limited("/d/abc"));
    }
}
