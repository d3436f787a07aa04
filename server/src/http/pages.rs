//! Rendered review pages, kept by their validator.
//!
//! A review page is a function of what its `ETag` covers (the review, the
//! state it shows, its comments and milestones, the day, the build), so the
//! first rendering of a validator answers every later request for it until
//! one of those changes and the validator with it. Entries are never
//! invalidated, only pushed out: a changed page has a new validator, and the
//! old one is no longer asked for.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, OnceLock};

use axum::body::Bytes;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// The most bytes of rendered pages kept (a review page is ~100–130 KB, so
/// a few hundred pages).
pub const DEFAULT_BUDGET: usize = 32 * 1024 * 1024;

/// A page larger than this is served but not kept.
const LARGEST_KEPT: usize = 4 * 1024 * 1024;

/// Brotli quality for kept pages: a 120 KB page compresses in a few
/// milliseconds, once, to about a seventh.
const BROTLI_QUALITY: i32 = 9;

/// One rendered page: the headers and body of a 200 answer, and the body
/// compressed with brotli once a browser asked for it.
#[derive(Debug)]
struct Page {
    headers: HeaderMap,
    body: Bytes,
    brotli: OnceLock<Option<Bytes>>,
}

impl Page {
    fn brotli(&self) -> Option<&Bytes> {
        self.brotli
            .get_or_init(|| {
                let params = brotli::enc::BrotliEncoderParams {
                    quality: BROTLI_QUALITY,
                    ..Default::default()
                };
                let mut out = Vec::with_capacity(self.body.len() / 4);
                brotli::BrotliCompress(&mut &self.body[..], &mut out, &params)
                    .ok()
                    .map(|_| Bytes::from(out))
            })
            .as_ref()
    }
}

/// Whether an `Accept-Encoding` header accepts brotli (`br`, not `br;q=0`).
pub fn accepts_brotli(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|coding| {
            let mut parts = coding.split(';').map(str::trim);
            parts
                .next()
                .is_some_and(|name| name.eq_ignore_ascii_case("br"))
                && parts.all(|p| {
                    p.strip_prefix("q=")
                        .and_then(|q| q.parse::<f32>().ok())
                        .is_none_or(|q| q > 0.0)
                })
        })
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

    /// The page rendered for `validator`, as a fresh response: compressed
    /// with brotli when `brotli` (the browser accepts it).
    pub fn get(&self, validator: &str, brotli: bool) -> Option<Response> {
        let page = self.kept.lock().ok()?.pages.get(validator).cloned()?;
        let compressed = if brotli { page.brotli().cloned() } else { None };
        let encoded = compressed.is_some();
        let mut response = (
            StatusCode::OK,
            compressed.unwrap_or_else(|| page.body.clone()),
        )
            .into_response();
        let headers = response.headers_mut();
        *headers = page.headers.clone();
        if encoded {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("br"));
            headers.remove(header::CONTENT_LENGTH);
        }
        headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
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
        if let Some(old) = kept.pages.insert(
            validator.to_owned(),
            Arc::new(Page {
                headers,
                body,
                brotli: OnceLock::new(),
            }),
        ) {
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
        assert!(cache.get("a", false).is_none());
        let mut headers = HeaderMap::new();
        headers.insert(
            "content-type",
            "text/html; charset=utf-8".parse().expect("value"),
        );
        cache.put("a", headers, Bytes::from_static(b"<p>hi</p>"));
        let response = cache.get("a", false).expect("kept");
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
            cache.get("b", false).is_none(),
            "another validator is another page"
        );
    }

    #[tokio::test]
    async fn a_browser_that_accepts_brotli_gets_the_page_compressed_once() {
        let cache = PageCache::default();
        let page = "<p>a review page</p>".repeat(500);
        cache.put("a", HeaderMap::new(), Bytes::from(page.clone()));
        let response = cache.get("a", true).expect("kept");
        assert_eq!(response.headers()[header::CONTENT_ENCODING], "br");
        assert_eq!(response.headers()[header::VARY], "accept-encoding");
        let compressed = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("body");
        assert!(
            compressed.len() < page.len() / 10,
            "{} bytes",
            compressed.len()
        );
        let mut text = Vec::new();
        brotli::BrotliDecompress(&mut &compressed[..], &mut text).expect("brotli");
        assert_eq!(text, page.as_bytes());
        let plain = cache.get("a", false).expect("kept");
        assert!(!plain.headers().contains_key(header::CONTENT_ENCODING));
    }

    #[test]
    fn accept_encoding_is_read_with_its_weights() {
        let with = |value: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::ACCEPT_ENCODING, value.parse().expect("value"));
            accepts_brotli(&headers)
        };
        assert!(with("gzip, deflate, br, zstd"));
        assert!(with("BR;q=0.5"));
        assert!(!with("gzip"));
        assert!(!with("br;q=0, gzip"));
        assert!(!with("brotli"));
        assert!(!accepts_brotli(&HeaderMap::new()));
    }

    #[test]
    fn the_oldest_pages_go_when_the_budget_is_spent() {
        let cache = PageCache::with_budget(250);
        cache.put("a", HeaderMap::new(), body(100));
        cache.put("b", HeaderMap::new(), body(100));
        assert_eq!(cache.bytes(), 200);
        cache.put("c", HeaderMap::new(), body(100));
        assert_eq!(cache.bytes(), 200);
        assert!(cache.get("a", false).is_none(), "the oldest went");
        assert!(cache.get("b", false).is_some() && cache.get("c", false).is_some());
        // Keeping a validator again replaces it rather than counting it twice.
        cache.put("c", HeaderMap::new(), body(50));
        assert_eq!(cache.bytes(), 150);
        // A page larger than the whole budget is never kept.
        cache.put("d", HeaderMap::new(), body(300));
        assert!(cache.get("d", false).is_none());
        assert_eq!(cache.bytes(), 150);
    }
}
