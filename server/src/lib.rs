//! The Slipway server: HTTP API, pages, health and metrics, and the CLI's
//! commands. `main.rs` only parses arguments and calls in here, so tests
//! drive the same router with `app(state).oneshot(request)`.

pub mod cli;
pub mod config;
pub mod http;

pub use http::app;
