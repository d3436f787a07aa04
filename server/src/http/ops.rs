//! Operations: `GET /metrics` in the Prometheus text format, the layer that
//! counts every request by its route template, and request ids.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use app::metrics::Gauges;
use app::state::AppState;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tower_http::request_id::{MakeRequestId, RequestId};

pub fn router() -> Router<AppState> {
    Router::new().route("/metrics", get(metrics))
}

/// `GET /metrics`: counters, histograms and gauges as Prometheus scrapes them.
async fn metrics(State(state): State<AppState>) -> Response {
    let (designs, reviews) = match app::store::counts(&state.pool).await {
        Ok(counts) => counts,
        Err(error) => {
            tracing::warn!(%error, "metrics: counting designs and reviews failed");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let gauges = Gauges {
        designs,
        reviews,
        pool_size: state.pool.size(),
        pool_idle: u32::try_from(state.pool.num_idle()).unwrap_or(u32::MAX),
        pool_max: state.pool.max_connections(),
    };
    let mut response = state.metrics.render(gauges).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
    );
    response
}

/// Counts the request under its route template (`/api/designs/:id`, never
/// the id itself; parameters are written `:name`, which every text-format
/// reader takes inside a label value); requests no route matched count as
/// `other`, built assets as `/pkg/*`.
pub async fn count(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let route = match request.extensions().get::<MatchedPath>() {
        Some(matched) => template(matched.as_str()),
        None if request.uri().path().starts_with("/pkg/") => "/pkg/*".to_owned(),
        None => "other".to_owned(),
    };
    let method = request.method().as_str().to_owned();
    let started = Instant::now();
    let response = next.run(request).await;
    state.metrics.request(
        &method,
        &route,
        response.status().as_u16(),
        started.elapsed(),
    );
    response
}

/// `/api/designs/{id}/critique` → `/api/designs/:id/critique`.
fn template(path: &str) -> String {
    path.replace('{', ":").replace('}', "")
}

/// Request ids: `<process>-<sequence>`, unique across restarts and replicas
/// without coordination. A request that arrives with `x-request-id` keeps it.
#[derive(Clone)]
pub struct Ids {
    process: String,
    next: std::sync::Arc<AtomicU64>,
}

impl Ids {
    pub fn new() -> Self {
        Self {
            process: format!("{:08x}", rand::random::<u32>()),
            next: Default::default(),
        }
    }
}

impl Default for Ids {
    fn default() -> Self {
        Self::new()
    }
}

impl MakeRequestId for Ids {
    fn make_request_id<B>(&mut self, _: &axum::http::Request<B>) -> Option<RequestId> {
        let n = self.next.fetch_add(1, Ordering::Relaxed);
        HeaderValue::from_str(&format!("{}-{n}", self.process))
            .ok()
            .map(RequestId::new)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn route_parameters_are_written_with_a_colon() {
        assert_eq!(
            super::template("/api/designs/{id}/critique"),
            "/api/designs/:id/critique"
        );
        assert_eq!(super::template("/r/{token}"), "/r/:token");
    }
}
