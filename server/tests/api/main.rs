//! API tests: the whole router, a fresh SQLite file per test, no network.
//! One test binary; a module per resource.

mod designs;
mod files;
mod reviews;
mod service;
mod support;
mod views;
