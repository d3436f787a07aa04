//! Rendered review pages, kept by their validator.
//!
//! A review page is a function of what its `ETag` covers (the review, the
//! state it shows, its comments and milestones, the day, the build), so the
//! first rendering of a validator answers every later request for it until
//! one of those changes and the validator with it. Entries are never
//! invalidated, only pushed out: a changed page has a new validator, and the
//! old one is no longer asked for.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

/// The most bytes of rendered pages kept (a review page is ~100–130 KB, so
/// a few hundred pages).
pub const DEFAULT_BUDGET: usize = 32 * 1024 * 1024;

/// A page larger than this is served but not kept.
const LARGEST_KEPT: usize = 4 * 1024 * 1024;

/// One rendered page: the headers and body of a 200 answer.
#[derive(Debug)]
struct Page {
    headers: HeaderMap,
    body: Bytes,
}

#[derive(Debug, Default)]
struct Kept {
    pages: HashMap<String, Arc<Page>>,
    /// Validators in the order they were kept; the oldest goes first.
    order: VecDeque<String>,
    bytes: usize,
}

/// Pages by validator, up to a byte budget.
#[derive(Debug, Clone)]
pub struct PageCache {
    kept: Arc<Mutex<Kept>>,
    budget: usize,
}

impl Default for PageCache {
    fn default() -> Self {
        Self::with_budget(DEFAULT_BUDGET)
    }
}

impl PageCache {
    /// A cache that keeps at most `budget` bytes of bodies.
    pub fn with_budget(budget: usize) -> Self {
        Self {
            kept: Arc::default(),
            budget,
        }
    }

    /// The page rendered for `validator`, as a fresh response.
    pub fn get(&self, validator: &str) -> Option<Response> {
        let page = self.kept.lock().ok()?.pages.get(validator).cloned()?;
        let mut response = (StatusCode::OK, page.body.clone()).into_response();
        *response.headers_mut() = page.headers.clone();
        Some(response)
    }

    /// Keeps a rendered page under `validator`, pushing out the oldest pages
    /// beyond the budget.
    pub fn put(&self, validator: &str, headers: HeaderMap, body: Bytes) {
        if body.len() > LARGEST_KEPT.min(self.budget) {
            return;
        }
        let Ok(mut kept) = self.kept.lock() else {
            return;
        };
        let size = body.len();
        if let Some(old) = kept
            .pages
            .insert(validator.to_owned(), Arc::new(Page { headers, body }))
        {
            kept.bytes -= old.body.len();
            kept.order.retain(|v| v != validator);
        }
        kept.bytes += size;
        kept.order.push_back(validator.to_owned());
        while kept.bytes > self.budget {
            let Some(oldest) = kept.order.pop_front() else {
                break;
            };
            if let Some(page) = kept.pages.remove(&oldest) {
                kept.bytes -= page.body.len();
            }
        }
    }

    /// Bytes of bodies kept now.
    #[cfg(test)]
    pub fn bytes(&self) -> usize {
        self.kept.lock().map_or(0, |k| k.bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(n: usize) -> Bytes {
        Bytes::from(vec![b'x'; n])
    }

    #[tokio::test]
    async fn a_kept_page_answers_with_its_headers_and_body() {
        let cache = PageCache::default();
        assert!(cache.get("a").is_none());
        let mut headers = HeaderMap::new();
        headers.insert(
            "content-type",
            "text/html; charset=utf-8".parse().expect("value"),
        );
        cache.put("a", headers, Bytes::from_static(b"<p>hi</p>"));
        let response = cache.get("a").expect("kept");
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(
            response.headers()["content-type"],
            "text/html; charset=utf-8"
        );
        let bytes = axum::body::to_bytes(response.into_body(), 1024)
            .await
            .expect("body");
        assert_eq!(&bytes[..], b"<p>hi</p>");
        assert!(
            cache.get("b").is_none(),
            "another validator is another page"
        );
    }

    #[test]
    fn the_oldest_pages_go_when_the_budget_is_spent() {
        let cache = PageCache::with_budget(250);
        cache.put("a", HeaderMap::new(), body(100));
        cache.put("b", HeaderMap::new(), body(100));
        assert_eq!(cache.bytes(), 200);
        cache.put("c", HeaderMap::new(), body(100));
        assert_eq!(cache.bytes(), 200);
        assert!(cache.get("a").is_none(), "the oldest went");
        assert!(cache.get("b").is_some() && cache.get("c").is_some());
        // Keeping a validator again replaces it rather than counting it twice.
        cache.put("c", HeaderMap::new(), body(50));
        assert_eq!(cache.bytes(), 150);
        // A page larger than the whole budget is never kept.
        cache.put("d", HeaderMap::new(), body(300));
        assert!(cache.get("d").is_none());
        assert_eq!(cache.bytes(), 150);
    }
}
