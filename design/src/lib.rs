//! The Slipway domain: a platform design as a typed, versioned document.
//!
//! This crate holds no IO and no framework: the same code validates a design in
//! the browser (compiled to WebAssembly), in the server and in the CLI, so the
//! three can never disagree about what a valid design is.

pub mod capacity;
pub mod choices;
pub mod compact;
pub mod critique;
pub mod date;
pub mod decisions;
pub mod diagram;
pub mod diff;
pub mod edits;
pub mod estimate;
#[cfg(feature = "file")]
pub mod file;
pub mod model;
pub mod names;
pub mod paths;
pub mod plan;
pub mod presets;
pub mod pricing;
pub mod report;
pub mod steps;
pub mod traffic;
pub mod validate;

pub use date::IsoDate;
pub use model::PlatformDesign;
pub use names::{EnvName, NameError, PoolName, ServiceName};
pub use validate::{validate, FieldError, ValidDesign};
