//! The rules, one small unit each, grouped by principle. Ids are stable and
//! never reused; retired rules keep their number out of circulation.

mod cost;
mod delivery;
mod experience;
pub(crate) mod fit;
mod gitops;
mod observability;
mod resilience;
mod security;

use super::{Hit, Rule};
use crate::choices::Compliance;
use crate::model::PlatformDesign;

/// One hit at `path` when `condition` holds.
fn when(condition: bool, path: &str, message: impl Into<String>) -> Vec<Hit> {
    if condition {
        vec![Hit::at(path, message)]
    } else {
        Vec::new()
    }
}

/// Whether any of `regimes` is in scope.
fn regulated_by(design: &PlatformDesign, regimes: &[Compliance]) -> bool {
    design
        .spec
        .workload
        .compliance
        .iter()
        .any(|c| regimes.contains(c))
}

/// Whether any compliance regime is in scope.
fn regulated(design: &PlatformDesign) -> bool {
    !design.spec.workload.compliance.is_empty()
}

/// Every rule, in id order.
pub static ALL: &[Rule] = &[
    gitops::GIT_001,
    gitops::GIT_002,
    gitops::GIT_003,
    gitops::GIT_004,
    gitops::GIT_005,
    gitops::GIT_006,
    security::SEC_001,
    security::SEC_002,
    security::SEC_003,
    security::SEC_004,
    security::SEC_005,
    security::SEC_006,
    security::SEC_007,
    security::SEC_008,
    security::SEC_009,
    security::SEC_010,
    security::SEC_011,
    security::SEC_012,
    security::SEC_013,
    security::SEC_014,
    security::SEC_015,
    security::SEC_016,
    security::SEC_017,
    security::SEC_018,
    experience::DX_001,
    experience::DX_002,
    experience::DX_003,
    experience::DX_004,
    experience::DX_005,
    experience::DX_006,
    delivery::DEL_001,
    delivery::DEL_002,
    delivery::DEL_003,
    delivery::DEL_004,
    delivery::DEL_005,
    delivery::DEL_006,
    observability::OBS_001,
    observability::OBS_002,
    observability::OBS_003,
    observability::OBS_004,
    observability::OBS_005,
    observability::OBS_006,
    observability::OBS_007,
    resilience::REL_001,
    resilience::REL_002,
    resilience::REL_003,
    resilience::REL_004,
    resilience::REL_005,
    resilience::REL_006,
    resilience::REL_007,
    resilience::REL_008,
    resilience::REL_009,
    resilience::REL_010,
    cost::COST_001,
    cost::COST_002,
    cost::COST_003,
    cost::COST_004,
    cost::COST_005,
    cost::COST_006,
    cost::COST_007,
    cost::COST_008,
    fit::FIT_001,
    fit::FIT_002,
    fit::FIT_003,
    fit::FIT_004,
    fit::FIT_005,
    fit::FIT_006,
];

#[cfg(test)]
mod tests;
