//! Accepted findings: a rule the owner chose not to follow, with a reason,
//! an owner and an optional expiry. Stored in the design file.

use serde::{Deserialize, Serialize};

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
    /// Last day it holds, `YYYY-MM-DD`; none means until removed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<String>,
}

impl Exemption {
    /// Whether it still holds on `today` (`YYYY-MM-DD`; ISO dates sort as text).
    pub fn active_on(&self, today: &str) -> bool {
        self.expires
            .as_deref()
            .is_none_or(|last_day| today <= last_day)
    }
}

/// Whether `text` is a plausible `YYYY-MM-DD` date.
pub fn is_iso_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit())
        && matches!(text[5..7].parse::<u8>(), Ok(1..=12))
        && matches!(text[8..10].parse::<u8>(), Ok(1..=31))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_exemption_holds_through_its_last_day() {
        let exemption = Exemption {
            rule: "SEC-013".into(),
            reason: "registry mirror arrives in Q1".into(),
            owner: "platform team".into(),
            expires: Some("2026-12-31".into()),
        };
        assert!(exemption.active_on("2026-12-31"));
        assert!(!exemption.active_on("2027-01-01"));
        assert!(Exemption {
            expires: None,
            ..exemption
        }
        .active_on("2099-01-01"));
    }

    #[test]
    fn dates_are_checked() {
        assert!(is_iso_date("2027-03-31"));
        assert!(!is_iso_date("2027-13-01"));
        assert!(!is_iso_date("31/03/2027"));
    }
}
