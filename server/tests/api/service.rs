//! The service around the API: health, unknown paths, stored keys, server-rendered pages.

use super::support::*;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use serde_json::json;

#[tokio::test]
async fn an_unknown_api_path_is_a_problem_not_a_page() {
    let app = TestApp::new().await;
    let reply = app
        .send(
            Request::get("/api/nothing")
                .body(Body::empty())
                .expect("request"),
        )
        .await;
    assert_problem(&reply, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn health_endpoints_answer_and_ready_checks_the_database() {
    let app = TestApp::new().await;
    let live = app
        .send(
            Request::get("/health/live")
                .body(Body::empty())
                .expect("request"),
        )
        .await;
    assert_eq!(
        (live.status, live.body["status"].clone()),
        (StatusCode::OK, json!("ok"))
    );
    let ready = app
        .send(
            Request::get("/health/ready")
                .body(Body::empty())
                .expect("request"),
        )
        .await;
    assert_eq!(
        (ready.status, ready.body["database"].clone()),
        (StatusCode::OK, json!("ok"))
    );
    assert_eq!(ready.body["backend"], json!(backend()));
    // The probe paths of the exported manifests (deploy/ runs the studio so).
    for (path, expected) in [("/healthz", None), ("/ready", Some(backend()))] {
        let reply = app
            .send(Request::get(path).body(Body::empty()).expect("request"))
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert_eq!(reply.body["status"], json!("ok"), "{path}");
        if let Some(backend) = expected {
            assert_eq!(reply.body["backend"], json!(backend), "{path}");
        }
    }
}

#[tokio::test]
async fn the_edit_key_is_stored_only_as_a_hash() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = fresh_database(dir.path()).await;
    let design =
        design::ValidDesign::new(design::PlatformDesign::default()).expect("default is valid");
    let created = app::store::create(&db, &design).await.expect("created");
    let stored: Vec<u8> = match &db {
        app::store::Db::Sqlite(pool) => {
            let journal: String = sqlx::query_scalar("PRAGMA journal_mode")
                .fetch_one(pool)
                .await
                .expect("pragma");
            assert_eq!(journal, "wal");
            sqlx::query_scalar("SELECT edit_key_hash FROM designs WHERE id = ?")
                .bind(&created.id)
                .fetch_one(pool)
                .await
                .expect("row")
        }
        app::store::Db::Postgres(pool) => {
            sqlx::query_scalar("SELECT edit_key_hash FROM designs WHERE id = $1")
                .bind(&created.id)
                .fetch_one(pool)
                .await
                .expect("row")
        }
    };
    assert_eq!(stored.len(), 32);
    assert_ne!(stored, created.edit_key.as_bytes());
}

#[tokio::test]
async fn pages_render_on_the_server() {
    let app = TestApp::new().await;
    let (status, headers, body) = app.request("GET", "/").send_raw().await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        headers
            .get(header::REFERRER_POLICY)
            .and_then(|v| v.to_str().ok()),
        Some("no-referrer")
    );
    assert_eq!(
        headers
            .get(header::X_CONTENT_TYPE_OPTIONS)
            .and_then(|v| v.to_str().ok()),
        Some("nosniff")
    );
    let csp = headers
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(
        csp.starts_with("default-src 'self'") && csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );
    let html = String::from_utf8(body.to_vec()).unwrap_or_default();
    assert!(html.contains("Design a Kubernetes platform"), "{html}");
}

/// The metrics as Prometheus's own text-format parser reads them.
async fn scrape(app: &TestApp) -> (axum::http::HeaderMap, prometheus_parse::Scrape) {
    let (status, headers, body) = app.request("GET", "/metrics").send_raw().await;
    assert_eq!(status, StatusCode::OK);
    let text = String::from_utf8(body.to_vec()).expect("utf-8");
    let lines = text.lines().map(|l| Ok(l.to_owned()));
    (
        headers,
        prometheus_parse::Scrape::parse(lines).expect("Prometheus text format"),
    )
}

fn sample<'a>(
    scrape: &'a prometheus_parse::Scrape,
    metric: &str,
    labels: &[(&str, &str)],
) -> Option<&'a prometheus_parse::Sample> {
    scrape
        .samples
        .iter()
        .find(|s| s.metric == metric && labels.iter().all(|(k, v)| s.labels.get(k) == Some(*v)))
}

#[tokio::test]
async fn metrics_count_requests_by_route_template_and_time_saves_exports_and_critiques() {
    let app = TestApp::new().await;
    let (id, key) = app.create_preset("startup-gke").await;
    for _ in 0..2 {
        let reply = app
            .request("GET", &format!("/api/designs/{id}/critique"))
            .key(&key)
            .send()
            .await;
        assert_eq!(reply.status, StatusCode::OK);
    }
    let (status, _, _) = app
        .request("GET", &format!("/api/designs/{id}/bundle.zip"))
        .key(&key)
        .send_raw()
        .await;
    assert_eq!(status, StatusCode::OK);
    let loaded = app.get(&id, Some(&key)).await;
    let saved = app
        .request("PUT", &format!("/api/designs/{id}"))
        .key(&key)
        .if_match("1")
        .json(&loaded.body["design"])
        .send()
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let missing = app
        .request("GET", "/api/designs/0123456789abcdef01234567")
        .key(&key)
        .send()
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);

    let (headers, scrape) = scrape(&app).await;
    assert_eq!(
        headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok()),
        Some("text/plain; version=0.0.4; charset=utf-8")
    );
    let requests = |route: &str, status: &str| {
        sample(
            &scrape,
            "slipway_http_requests_total",
            &[("route", route), ("status", status)],
        )
        .map(|s| s.value.clone())
    };
    assert_eq!(
        requests("/api/designs/:id/critique", "200"),
        Some(prometheus_parse::Value::Counter(2.0)),
        "by template, never by id"
    );
    assert_eq!(
        requests("/api/designs/:id", "404"),
        Some(prometheus_parse::Value::Counter(1.0))
    );
    assert!(scrape
        .samples
        .iter()
        .all(|s| !s.labels.get("route").is_some_and(|r| r.contains(&id))));
    for operation in ["critique", "export", "save"] {
        let timed = sample(
            &scrape,
            "slipway_operation_duration_seconds",
            &[("operation", operation)],
        )
        .unwrap_or_else(|| panic!("{operation} timed"));
        let prometheus_parse::Value::Histogram(buckets) = &timed.value else {
            panic!("{operation}: a histogram");
        };
        let count = buckets.last().map(|b| b.count).unwrap_or_default();
        assert_eq!(
            count,
            if operation == "critique" { 2.0 } else { 1.0 },
            "{operation}"
        );
    }
    assert_eq!(
        sample(&scrape, "slipway_designs", &[]).map(|s| s.value.clone()),
        Some(prometheus_parse::Value::Gauge(1.0))
    );
    assert!(sample(&scrape, "slipway_db_pool_connections", &[("state", "idle")]).is_some());
}

#[tokio::test]
async fn every_answer_carries_a_request_id_and_keeps_one_it_was_given() {
    let app = TestApp::new().await;
    let (status, headers, _) = app.request("GET", "/health/live").send_raw().await;
    assert_eq!(status, StatusCode::OK);
    let first = headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let (_, again, _) = app.request("GET", "/health/live").send_raw().await;
    let second = again
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    assert!(!first.is_empty() && first != second, "{first} / {second}");
    let (_, kept, _) = app
        .request("GET", "/health/live")
        .header("x-request-id", "from-the-load-balancer")
        .send_raw()
        .await;
    assert_eq!(
        kept.get("x-request-id").and_then(|v| v.to_str().ok()),
        Some("from-the-load-balancer")
    );
}
