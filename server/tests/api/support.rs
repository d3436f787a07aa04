//! The test app: the whole router on a fresh database, and helpers to send
//! requests and read problem answers.
//!
//! The database is an SQLite file per test, or, when
//! `SLIPWAY_TEST_POSTGRES_URL` names a PostgreSQL server (`make test` runs
//! this binary a second time so, through `scripts/with-postgres`), a fresh
//! PostgreSQL database per test.

use app::state::AppState;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use leptos::config::LeptosOptions;
use serde_json::{json, Value};
use tower::ServiceExt;

pub struct TestApp {
    router: Router,
    _dir: tempfile::TempDir,
}

pub struct Reply {
    pub status: StatusCode,
    pub content_type: String,
    pub headers: axum::http::HeaderMap,
    pub body: Value,
}

/// A request put together step by step:
/// `app.request("PUT", uri).key(&key).if_match("1").json(&body).send().await`.
pub struct RequestBuilder<'a> {
    app: &'a TestApp,
    builder: axum::http::request::Builder,
    body: Body,
}

impl RequestBuilder<'_> {
    /// Presents an edit key (or a review token) as a bearer credential.
    pub fn key(mut self, key: &str) -> Self {
        self.builder = self
            .builder
            .header(header::AUTHORIZATION, format!("Bearer {key}"));
        self
    }

    /// The revision the change is based on.
    pub fn if_match(mut self, revision: &str) -> Self {
        self.builder = self.builder.header(header::IF_MATCH, revision);
        self
    }

    /// A JSON body.
    pub fn json(mut self, body: &Value) -> Self {
        self.builder = self
            .builder
            .header(header::CONTENT_TYPE, "application/json");
        self.body = Body::from(body.to_string());
        self
    }

    /// A body in the compact form the studio's own server functions read.
    pub fn compact<T: serde::Serialize>(mut self, body: &T) -> Self {
        self.builder = self
            .builder
            .header(header::CONTENT_TYPE, "application/vnd.slipway.compact");
        self.body = Body::from(design::compact::to_bytes(body).expect("compact form"));
        self
    }

    /// A body of raw bytes.
    pub fn bytes(mut self, body: Vec<u8>) -> Self {
        self.body = Body::from(body);
        self
    }

    /// Any header.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.builder = self.builder.header(name, value);
        self
    }

    /// A design file body in YAML.
    pub fn yaml(mut self, text: &str) -> Self {
        self.builder = self
            .builder
            .header(header::CONTENT_TYPE, "application/yaml");
        self.body = Body::from(text.to_owned());
        self
    }

    /// Sends it through the router.
    pub async fn send(self) -> Reply {
        let request = self.builder.body(self.body).expect("request");
        self.app.send(request).await
    }

    /// Sends it and returns the raw answer (status, headers, body bytes).
    pub async fn send_raw(self) -> (StatusCode, axum::http::HeaderMap, axum::body::Bytes) {
        let request = self.builder.body(self.body).expect("request");
        let response = self
            .app
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("router answers");
        let (status, headers) = (response.status(), response.headers().clone());
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        (status, headers, bytes)
    }
}

impl TestApp {
    /// Starts a request to `uri`.
    pub fn request(&self, method: &str, uri: &str) -> RequestBuilder<'_> {
        RequestBuilder {
            app: self,
            builder: Request::builder().method(method).uri(uri),
            body: Body::empty(),
        }
    }

    pub async fn new() -> Self {
        Self::with_review_rate(1_000).await
    }

    pub async fn with_review_rate(review_requests_per_minute: u32) -> Self {
        Self::with(review_requests_per_minute, None).await
    }

    /// A studio serving its built front end from `site_root` (`pkg/` in it).
    pub async fn with_site(site_root: &std::path::Path) -> Self {
        Self::with(1_000, Some(site_root)).await
    }

    async fn with(review_requests_per_minute: u32, site_root: Option<&std::path::Path>) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let pool = fresh_database(dir.path()).await;
        let mut leptos_options = LeptosOptions::builder().output_name("slipway").build();
        if let Some(root) = site_root {
            leptos_options.site_root = root.to_string_lossy().into_owned().into();
        }
        let state = AppState {
            pool,
            leptos_options,
            public_url: "http://studio.test".into(),
            review_requests_per_minute,
            exports: Default::default(),
            metrics: Default::default(),
        };
        Self {
            router: server::app(state),
            _dir: dir,
        }
    }

    pub async fn send(&self, request: Request<Body>) -> Reply {
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("router answers");
        let status = response.status();
        let headers = response.headers().clone();
        let content_type = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Reply {
            status,
            content_type,
            headers,
            body,
        }
    }

    pub async fn create(&self, name: &str) -> (String, String, Value) {
        let reply = self
            .send(json_request(
                "POST",
                "/api/designs",
                None,
                None,
                &json!({ "name": name }),
            ))
            .await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
        let id = reply.body["id"].as_str().expect("id").to_owned();
        let key = reply.body["edit_key"].as_str().expect("key").to_owned();
        (id, key, reply.body)
    }

    /// A GET with the edit key whose answer is text, not JSON.
    pub async fn text(&self, uri: &str, key: &str) -> (StatusCode, axum::http::HeaderMap, String) {
        let request = Request::get(uri)
            .header(header::AUTHORIZATION, format!("Bearer {key}"))
            .body(Body::empty())
            .expect("request");
        let response = self.router.clone().oneshot(request).await.expect("answer");
        let (status, headers) = (response.status(), response.headers().clone());
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        (
            status,
            headers,
            String::from_utf8(bytes.to_vec()).unwrap_or_default(),
        )
    }

    /// Creates a design from a preset; returns its id and key.
    pub async fn create_preset(&self, slug: &str) -> (String, String) {
        let reply = self
            .send(json_request(
                "POST",
                "/api/designs",
                None,
                None,
                &json!({ "preset": slug }),
            ))
            .await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
        let field = |name: &str| reply.body[name].as_str().unwrap_or_default().to_owned();
        (field("id"), field("edit_key"))
    }

    pub async fn get(&self, id: &str, key: Option<&str>) -> Reply {
        let mut request = Request::get(format!("/api/designs/{id}"));
        if let Some(key) = key {
            request = request.header(header::AUTHORIZATION, format!("Bearer {key}"));
        }
        self.send(request.body(Body::empty()).expect("request"))
            .await
    }
}

pub fn json_request(
    method: &str,
    uri: &str,
    key: Option<&str>,
    if_match: Option<&str>,
    body: &Value,
) -> Request<Body> {
    let mut request = Request::builder()
        .method(method)
        .uri(uri)
        .header(header::CONTENT_TYPE, "application/json");
    if let Some(key) = key {
        request = request.header(header::AUTHORIZATION, format!("Bearer {key}"));
    }
    if let Some(revision) = if_match {
        request = request.header(header::IF_MATCH, revision);
    }
    request.body(Body::from(body.to_string())).expect("request")
}

pub fn assert_problem(reply: &Reply, status: StatusCode) {
    assert_eq!(reply.status, status, "{}", reply.body);
    assert_eq!(reply.content_type, "application/problem+json");
    assert_eq!(reply.body["status"], json!(status.as_u16()));
    assert!(reply.body["type"]
        .as_str()
        .is_some_and(|t| t.starts_with("https://slipway.dev/problems/")));
    assert!(reply.body["title"].as_str().is_some_and(|t| !t.is_empty()));
    assert!(reply.body["detail"].as_str().is_some_and(|t| !t.is_empty()));
}

pub fn yaml_request(body: &str) -> Request<Body> {
    Request::post("/api/designs")
        .header(header::CONTENT_TYPE, "application/yaml")
        .body(Body::from(body.to_owned()))
        .expect("request")
}

impl TestApp {
    pub async fn authorized(
        &self,
        method: &str,
        uri: &str,
        key: &str,
        body: Option<Value>,
    ) -> Reply {
        let builder = Request::builder()
            .method(method)
            .uri(uri)
            .header(header::AUTHORIZATION, format!("Bearer {key}"));
        let request = match body {
            Some(body) => builder
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(body.to_string())),
            None => builder.body(Body::empty()),
        };
        self.send(request.expect("request")).await
    }

    pub async fn review_link(&self, id: &str, key: &str, body: Value) -> (String, String) {
        let reply = self
            .authorized(
                "POST",
                &format!("/api/designs/{id}/reviews"),
                key,
                Some(body),
            )
            .await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
        let field = |name: &str| reply.body[name].as_str().unwrap_or_default().to_owned();
        (field("id"), field("token"))
    }
}

pub fn comment_request(token: &str, body: Value) -> Request<Body> {
    json_request(
        "POST",
        &format!("/api/reviews/{token}/comments"),
        None,
        None,
        &body,
    )
}

/// The back end these tests run on: `postgres` when a server is given.
pub fn backend() -> &'static str {
    match std::env::var("SLIPWAY_TEST_POSTGRES_URL") {
        Ok(url) if !url.is_empty() => "postgres",
        _ => "sqlite",
    }
}

/// A new, empty, migrated database on the back end under test.
pub async fn fresh_database(dir: &std::path::Path) -> app::store::Db {
    let url = match std::env::var("SLIPWAY_TEST_POSTGRES_URL") {
        Ok(server) if !server.is_empty() => {
            let name = format!("api_{:016x}", rand::random::<u64>());
            let admin = sqlx::PgPool::connect(&server)
                .await
                .expect("the PostgreSQL server answers");
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(&admin)
                .await
                .expect("database created");
            admin.close().await;
            let (server, _) = server.rsplit_once('/').expect("the URL names a database");
            format!("{server}/{name}")
        }
        _ => format!("sqlite://{}", dir.join("test.db").display()),
    };
    app::store::connect(&url).await.expect("database opens")
}
