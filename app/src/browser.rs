//! What this browser remembers: the designs it created or opened, with their
//! edit keys, in `localStorage`. On the server every function is a no-op, so
//! pages render the same markup before hydration.

use serde::{Deserialize, Serialize};

/// A design this browser can edit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RememberedDesign {
    /// Public identifier.
    pub id: String,
    /// Edit key.
    pub key: String,
    /// Title when last seen.
    pub name: String,
}

const STORAGE_KEY: &str = "slipway.designs";

#[cfg(feature = "hydrate")]
fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Every design this browser remembers, most recent first.
pub fn remembered() -> Vec<RememberedDesign> {
    #[cfg(feature = "hydrate")]
    {
        storage()
            .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        Vec::new()
    }
}

/// Remembers (or refreshes) a design, moving it to the top.
pub fn remember(entry: RememberedDesign) {
    let mut list = remembered();
    list.retain(|d| d.id != entry.id);
    list.insert(0, entry);
    #[cfg(feature = "hydrate")]
    if let (Some(storage), Ok(text)) = (storage(), serde_json::to_string(&list)) {
        // A full or disabled storage only costs the list on the home page.
        let _ = storage.set_item(STORAGE_KEY, &text);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (list, STORAGE_KEY);
}

/// The edit key this browser holds for `id`, if any.
pub fn key_for(id: &str) -> Option<String> {
    remembered().into_iter().find(|d| d.id == id).map(|d| d.key)
}

/// Takes `key=…` from the address fragment and removes it from the address
/// bar, so it is not shoulder-surfed or bookmarked by accident.
pub fn take_key_from_fragment() -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        let window = web_sys::window()?;
        let hash = window.location().hash().ok()?;
        let key = hash.strip_prefix("#key=")?.to_owned();
        if let Ok(history) = window.history() {
            let path = window.location().pathname().unwrap_or_default();
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
        }
        (!key.is_empty()).then_some(key)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        None
    }
}

/// Today as `YYYY-MM-DD` (UTC), for exemption expiry.
pub fn today() -> String {
    #[cfg(feature = "hydrate")]
    {
        let iso: String = js_sys::Date::new_0().to_iso_string().into();
        iso.chars().take(10).collect()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let seconds = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        civil_date(seconds / 86_400)
    }
}

/// The calendar date `days` after 1970-01-01 (Howard Hinnant's algorithm).
#[cfg_attr(
    feature = "hydrate",
    allow(dead_code, reason = "the browser asks its own clock")
)]
fn civil_date(days: u64) -> String {
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// A `data:` URL holding `text`, for download links built in the browser.
pub fn data_url(mime: &str, text: &str) -> String {
    let mut url = format!("data:{mime};charset=utf-8,");
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            url.push(byte as char);
        } else {
            url.push_str(&format!("%{byte:02X}"));
        }
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_are_right_around_leap_days() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(19_782), "2024-02-29");
        assert_eq!(civil_date(20_783), "2026-11-26");
    }

    #[test]
    fn data_urls_escape_everything_but_unreserved_characters() {
        assert_eq!(
            data_url("text/plain", "a b:#\n"),
            "data:text/plain;charset=utf-8,a%20b%3A%23%0A"
        );
    }
}
