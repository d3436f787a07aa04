//! The Slipway server: HTTP API, pages, health and metrics, and the CLI's
//! commands. `main.rs` only parses arguments and calls in here, so tests
//! drive the same router with `app(state).oneshot(request)`.

// Deep Leptos view types need more than the default 128 in release builds.
#![recursion_limit = "512"]

pub mod cli;
pub mod config;
pub mod http;
pub mod update;

pub use http::app;
