//! Liveness and readiness for orchestrators.

use app::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

/// `/healthz` and `/ready` are the probe paths of the manifests Slipway
/// exports, so the studio runs under its own export (`deploy/`).
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/health/live", get(live))
        .route("/health/ready", get(ready))
        .route("/healthz", get(live))
        .route("/ready", get(ready))
}

/// The process answers.
async fn live() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

/// The process answers and its database does too; names the back end.
async fn ready(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    let backend = state.pool.backend();
    match app::store::ping(&state.pool).await {
        Ok(()) => (
            StatusCode::OK,
            Json(json!({ "status": "ok", "database": "ok", "backend": backend })),
        ),
        Err(error) => {
            tracing::warn!(%error, "readiness check failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(
                    json!({ "status": "unavailable", "database": "unreachable", "backend": backend }),
                ),
            )
        }
    }
}
