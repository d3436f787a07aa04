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
}

#[tokio::test]
async fn the_edit_key_is_stored_only_as_a_hash() {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("keys.db").display());
    let pool = app::store::connect(&url).await.expect("database opens");
    let design =
        design::ValidDesign::new(design::PlatformDesign::default()).expect("default is valid");
    let created = app::store::create(&pool, &design).await.expect("created");
    let stored: Vec<u8> = sqlx::query_scalar("SELECT edit_key_hash FROM designs WHERE id = ?")
        .bind(&created.id)
        .fetch_one(&pool)
        .await
        .expect("row");
    assert_eq!(stored.len(), 32);
    assert_ne!(stored, created.edit_key.as_bytes());
    let journal: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(&pool)
        .await
        .expect("pragma");
    assert_eq!(journal, "wal");
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
