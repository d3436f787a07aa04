//! Accepted findings: a rule the owner chose not to follow, with a reason,
//! an owner and an optional expiry. Stored in the design file.

use serde::{Deserialize, Serialize};

use crate::date::IsoDate;

/// An accepted finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Exemption {
    /// The rule id, e.g. `SEC-013`.
    pub rule: String,
    /// Why the finding is accepted.
    pub reason: String,
    /// Who answers for it.
    pub owner: String,
    /// Last day it holds; none means until removed.
    #[serde(default, skip_serializing_if = "crate::compact::omitted")]
    pub expires: Option<IsoDate>,
}

impl Exemption {
    /// Whether it still holds on `today`.
    pub fn active_on(&self, today: &IsoDate) -> bool {
        self.expires
            .as_ref()
            .is_none_or(|last_day| today <= last_day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> IsoDate {
        IsoDate::parse(text).expect("date")
    }

    #[test]
    fn an_exemption_holds_through_its_last_day() {
        let exemption = Exemption {
            rule: "SEC-013".into(),
            reason: "registry mirror arrives in Q1".into(),
            owner: "platform team".into(),
            expires: Some(date("2026-12-31")),
        };
        assert!(exemption.active_on(&date("2026-12-31")));
        assert!(!exemption.active_on(&date("2027-01-01")));
        assert!(Exemption {
            expires: None,
            ..exemption
        }
        .active_on(&date("2099-01-01")));
    }
}
