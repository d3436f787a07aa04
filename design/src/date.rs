//! Calendar dates as the design and the studio use them: `YYYY-MM-DD`,
//! checked against the calendar once, at the edge (no 2027-02-31).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A calendar date between the years 1970 and 9999.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct IsoDate(String);

/// Why a text is not a date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// Not `YYYY-MM-DD`.
    #[error("write the date as YYYY-MM-DD, e.g. 2027-03-31")]
    Shape,
    /// A month or day the calendar does not have.
    #[error("{0} is not a day of the calendar")]
    NoSuchDay(String),
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 0,
    }
}

impl IsoDate {
    /// Parses `YYYY-MM-DD`, refusing days the calendar does not have.
    pub fn parse(text: &str) -> Result<Self, DateError> {
        let bytes = text.as_bytes();
        let shaped = bytes.len() == 10
            && bytes[4] == b'-'
            && bytes[7] == b'-'
            && bytes
                .iter()
                .enumerate()
                .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
        if !shaped {
            return Err(DateError::Shape);
        }
        let number = |range: std::ops::Range<usize>| text[range].parse::<u32>().unwrap_or(0);
        let (year, month, day) = (number(0..4), number(5..7), number(8..10));
        if year < 1970 || day == 0 || day > days_in_month(year, month) {
            return Err(DateError::NoSuchDay(text.to_owned()));
        }
        Ok(Self(text.to_owned()))
    }

    /// The date `days` after 1970-01-01 (Howard Hinnant's civil-from-days).
    pub fn from_days_since_epoch(days: u64) -> Self {
        let z = i64::try_from(days).unwrap_or(0) + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = (yoe + era * 400 + i64::from(month <= 2)).min(9_999);
        Self(format!("{year:04}-{month:02}-{day:02}"))
    }

    /// The date as `YYYY-MM-DD`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for IsoDate {
    type Err = DateError;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text)
    }
}

impl TryFrom<String> for IsoDate {
    type Error = DateError;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        Self::parse(&text)
    }
}

impl From<IsoDate> for String {
    fn from(date: IsoDate) -> String {
        date.0
    }
}

impl fmt::Display for IsoDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_days_parse_and_others_are_refused() {
        assert!(IsoDate::parse("2027-03-31").is_ok());
        assert!(IsoDate::parse("2028-02-29").is_ok());
        for bad in [
            "2027-02-31",
            "2027-02-29",
            "2100-02-29",
            "2027-13-01",
            "2027-04-31",
            "2027-00-10",
        ] {
            assert!(
                matches!(IsoDate::parse(bad), Err(DateError::NoSuchDay(_))),
                "{bad}"
            );
        }
        assert_eq!(IsoDate::parse("31/03/2027"), Err(DateError::Shape));
    }

    #[test]
    fn days_since_the_epoch_give_the_calendar_date() {
        assert_eq!(IsoDate::from_days_since_epoch(0).as_str(), "1970-01-01");
        assert_eq!(
            IsoDate::from_days_since_epoch(20_789).as_str(),
            "2026-12-02"
        );
        assert_eq!(
            IsoDate::from_days_since_epoch(19_782).as_str(),
            "2024-02-29"
        );
    }

    #[test]
    fn dates_order_as_the_calendar() {
        let a = IsoDate::parse("2026-12-31").expect("date");
        let b = IsoDate::parse("2027-01-01").expect("date");
        assert!(a < b);
    }
}
