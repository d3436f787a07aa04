//! Re-export: the component catalogue lives in the domain crate (the plan reads it).

pub use design::plan::catalog::*;
