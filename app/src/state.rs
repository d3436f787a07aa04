//! What every handler and server function shares.

use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;

/// Shared state: one connection pool for the whole process.
#[derive(Clone, Debug)]
pub struct AppState {
    /// The database (SQLite or PostgreSQL).
    pub pool: crate::store::Db,
    /// Leptos rendering options.
    pub leptos_options: LeptosOptions,
    /// The address people use to reach the studio, e.g. `http://127.0.0.1:3000`.
    pub public_url: String,
    /// Requests per client and minute on endpoints that take review tokens.
    pub review_requests_per_minute: u32,
    /// Exports computed once for review pages, their files and archives.
    pub exports: crate::exports::ExportCache,
    /// What `GET /metrics` reports.
    pub metrics: std::sync::Arc<crate::metrics::Metrics>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
