//! What this browser remembers: the designs it created or opened, with their
//! edit keys, in `localStorage`. On the server every function is a no-op, so
//! pages render the same markup before hydration.

/// A design this browser can edit.
#[derive(Debug, Clone, PartialEq)]
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
            .map(|text| stored::read(&text))
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
    if let (Some(storage), Some(text)) = (storage(), stored::write(&list)) {
        // A full or disabled storage only costs the list on the home page.
        let _ = storage.set_item(STORAGE_KEY, &text);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (list, STORAGE_KEY);
}

/// The stored list is JSON (`[{"id", "key", "name"}, …]`), read and written
/// by the browser's own `JSON`: every page has this code, and a JSON library
/// compiled in for three fields would outweigh it many times.
#[cfg(feature = "hydrate")]
mod stored {
    use super::RememberedDesign;
    use wasm_bindgen::{JsCast, JsValue};

    const FIELDS: [&str; 3] = ["id", "key", "name"];

    /// The entries of `text`; an entry missing a field is dropped, text that
    /// is not such a list reads as none.
    pub fn read(text: &str) -> Vec<RememberedDesign> {
        let Some(entries) = js_sys::JSON::parse(text)
            .ok()
            .and_then(|v| v.dyn_into::<js_sys::Array>().ok())
        else {
            return Vec::new();
        };
        entries
            .iter()
            .filter_map(|entry| {
                let [id, key, name] = FIELDS.map(|field| {
                    js_sys::Reflect::get(&entry, &JsValue::from_str(field))
                        .ok()
                        .and_then(|v| v.as_string())
                });
                Some(RememberedDesign {
                    id: id?,
                    key: key?,
                    name: name?,
                })
            })
            .collect()
    }

    /// `list` as the stored text.
    pub fn write(list: &[RememberedDesign]) -> Option<String> {
        let entries = js_sys::Array::new();
        for design in list {
            let entry = js_sys::Object::new();
            for (field, value) in FIELDS
                .into_iter()
                .zip([&design.id, &design.key, &design.name])
            {
                js_sys::Reflect::set(&entry, &JsValue::from_str(field), &JsValue::from_str(value))
                    .ok()?;
            }
            entries.push(&entry);
        }
        js_sys::JSON::stringify(&entries).ok()?.as_string()
    }
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

/// Today (UTC): the one clock the studio reads, for exemption expiry and
/// review links. The browser asks its own clock; the server its system's.
pub fn today() -> design::IsoDate {
    #[cfg(feature = "hydrate")]
    {
        let days = js_sys::Date::now() / 86_400_000.0;
        design::IsoDate::from_days_since_epoch(days.max(0.0) as u64)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let seconds = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        design::IsoDate::from_days_since_epoch(seconds / 86_400)
    }
}

/// Runs `work` once the next frame is painted: from a task queued by that
/// frame's animation callback, so the frame shows what came before it. On
/// the server it never runs (nothing is painted there).
pub fn after_paint(work: impl FnOnce() + 'static) {
    #[cfg(feature = "hydrate")]
    leptos::prelude::request_animation_frame(move || {
        leptos::prelude::set_timeout(work, std::time::Duration::ZERO);
    });
    #[cfg(not(feature = "hydrate"))]
    drop(work);
}

/// The `data-test` of the button a click landed on, if it landed on one.
pub fn pressed_test_id(ev: &leptos::ev::MouseEvent) -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
        target
            .closest("button[data-test]")
            .ok()??
            .get_attribute("data-test")
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = ev;
        None
    }
}

/// Clicks what `selector` finds as soon as it is on the page: tried after
/// each of the next frames, for about half a second.
pub fn click_when_present(selector: String) {
    #[cfg(feature = "hydrate")]
    fn attempt(selector: String, left: u32) {
        use wasm_bindgen::JsCast;
        let found = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(&selector).ok().flatten())
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        match found {
            Some(element) => element.click(),
            None if left > 0 => after_paint(move || attempt(selector, left - 1)),
            None => {}
        }
    }
    #[cfg(feature = "hydrate")]
    after_paint(move || attempt(selector, 30));
    #[cfg(not(feature = "hydrate"))]
    let _ = selector;
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
    fn data_urls_escape_everything_but_unreserved_characters() {
        assert_eq!(
            data_url("text/plain", "a b:#\n"),
            "data:text/plain;charset=utf-8,a%20b%3A%23%0A"
        );
    }
}
