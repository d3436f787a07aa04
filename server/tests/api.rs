//! API tests: the whole router, a fresh SQLite file per test, no network.

use app::state::AppState;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use leptos::config::LeptosOptions;
use serde_json::{json, Value};
use tower::ServiceExt;

struct TestApp {
    router: Router,
    _dir: tempfile::TempDir,
}

struct Reply {
    status: StatusCode,
    content_type: String,
    headers: axum::http::HeaderMap,
    body: Value,
}

impl TestApp {
    async fn new() -> Self {
        Self::with_review_rate(1_000).await
    }

    async fn with_review_rate(review_requests_per_minute: u32) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}", dir.path().join("test.db").display());
        let pool = app::store::connect(&url).await.expect("database opens");
        let leptos_options = LeptosOptions::builder().output_name("slipway").build();
        let state = AppState {
            pool,
            leptos_options,
            public_url: "http://studio.test".into(),
            review_requests_per_minute,
        };
        Self {
            router: server::app(state),
            _dir: dir,
        }
    }

    async fn send(&self, request: Request<Body>) -> Reply {
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

    async fn create(&self, name: &str) -> (String, String, Value) {
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
    async fn text(&self, uri: &str, key: &str) -> (StatusCode, axum::http::HeaderMap, String) {
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
    async fn create_preset(&self, slug: &str) -> (String, String) {
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

    async fn get(&self, id: &str, key: Option<&str>) -> Reply {
        let mut request = Request::get(format!("/api/designs/{id}"));
        if let Some(key) = key {
            request = request.header(header::AUTHORIZATION, format!("Bearer {key}"));
        }
        self.send(request.body(Body::empty()).expect("request"))
            .await
    }
}

fn json_request(
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

fn assert_problem(reply: &Reply, status: StatusCode) {
    assert_eq!(reply.status, status, "{}", reply.body);
    assert_eq!(reply.content_type, "application/problem+json");
    assert_eq!(reply.body["status"], json!(status.as_u16()));
    assert!(reply.body["type"]
        .as_str()
        .is_some_and(|t| t.starts_with("https://slipway.dev/problems/")));
    assert!(reply.body["title"].as_str().is_some_and(|t| !t.is_empty()));
    assert!(reply.body["detail"].as_str().is_some_and(|t| !t.is_empty()));
}

#[tokio::test]
async fn creating_a_design_returns_its_id_key_and_edit_link() {
    let app = TestApp::new().await;
    let (id, key, body) = app.create("Payments platform").await;
    assert_eq!(id.len(), 24);
    assert_eq!(key.len(), 64, "256-bit key in hex");
    assert_eq!(body["revision"], json!(1));
    assert_eq!(
        body["links"]["edit"],
        json!(format!("http://studio.test/d/{id}#key={key}"))
    );
}

#[tokio::test]
async fn a_created_design_loads_with_its_key_and_defaults() {
    let app = TestApp::new().await;
    let (id, key, _) = app.create("Payments platform").await;
    let reply = app.get(&id, Some(&key)).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.body["id"], json!(id));
    assert_eq!(reply.body["revision"], json!(1));
    assert_eq!(
        reply.body["design"]["apiVersion"],
        json!("slipway.dev/v1alpha1")
    );
    assert_eq!(
        reply.body["design"]["metadata"]["name"],
        json!("Payments platform")
    );
    assert_eq!(
        reply
            .headers
            .get(header::ETAG)
            .and_then(|v| v.to_str().ok()),
        Some("\"1\"")
    );
}

#[tokio::test]
async fn saving_with_the_current_revision_bumps_it_and_stores_the_change() {
    let app = TestApp::new().await;
    let (id, key, _) = app.create("Payments").await;
    let mut design = app.get(&id, Some(&key)).await.body["design"].clone();
    design["spec"]["workload"]["traffic"]["requestsPerDay"] = json!(10_000_000);
    let reply = app
        .send(json_request(
            "PUT",
            &format!("/api/designs/{id}"),
            Some(&key),
            Some("\"1\""),
            &design,
        ))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(reply.body, json!({ "revision": 2 }));
    let stored = app.get(&id, Some(&key)).await.body;
    assert_eq!(stored["revision"], json!(2));
    assert_eq!(
        stored["design"]["spec"]["workload"]["traffic"]["requestsPerDay"],
        json!(10_000_000)
    );
}

#[tokio::test]
async fn a_stale_revision_is_refused_with_conflict() {
    let app = TestApp::new().await;
    let (id, key, _) = app.create("Payments").await;
    let design = app.get(&id, Some(&key)).await.body["design"].clone();
    let uri = format!("/api/designs/{id}");
    let first = app
        .send(json_request("PUT", &uri, Some(&key), Some("1"), &design))
        .await;
    assert_eq!(first.status, StatusCode::OK);
    let second = app
        .send(json_request("PUT", &uri, Some(&key), Some("1"), &design))
        .await;
    assert_problem(&second, StatusCode::CONFLICT);
    assert_eq!(second.body["current_revision"], json!(2));
    assert!(second.body["title"]
        .as_str()
        .is_some_and(|t| t.contains("changed since it was loaded")));
}

#[tokio::test]
async fn a_save_without_if_match_is_refused() {
    let app = TestApp::new().await;
    let (id, key, _) = app.create("Payments").await;
    let design = app.get(&id, Some(&key)).await.body["design"].clone();
    let reply = app
        .send(json_request(
            "PUT",
            &format!("/api/designs/{id}"),
            Some(&key),
            None,
            &design,
        ))
        .await;
    assert_problem(&reply, StatusCode::PRECONDITION_REQUIRED);
}

#[tokio::test]
async fn a_wrong_or_missing_key_looks_exactly_like_an_unknown_design() {
    let app = TestApp::new().await;
    let (id, _key, _) = app.create("Payments").await;
    let wrong = app.get(&id, Some(&"0".repeat(64))).await;
    let missing = app.get(&id, None).await;
    let unknown = app
        .get("0123456789abcdef01234567", Some(&"0".repeat(64)))
        .await;
    let garbage = app.get("not-an-id", Some("x")).await;
    for reply in [&wrong, &missing, &unknown, &garbage] {
        assert_problem(reply, StatusCode::NOT_FOUND);
        assert_eq!(reply.body, wrong.body, "every 404 must be identical");
    }
}

#[tokio::test]
async fn saving_with_a_wrong_key_is_404_even_with_a_valid_body() {
    let app = TestApp::new().await;
    let (id, key, _) = app.create("Payments").await;
    let design = app.get(&id, Some(&key)).await.body["design"].clone();
    let reply = app
        .send(json_request(
            "PUT",
            &format!("/api/designs/{id}"),
            Some("nope"),
            Some("1"),
            &design,
        ))
        .await;
    assert_problem(&reply, StatusCode::NOT_FOUND);
    assert_eq!(
        app.get(&id, Some(&key)).await.body["revision"],
        json!(1),
        "nothing was written"
    );
}

#[tokio::test]
async fn an_invalid_document_is_refused_with_every_field_path() {
    let app = TestApp::new().await;
    let (id, key, _) = app.create("Payments").await;
    let mut design = app.get(&id, Some(&key)).await.body["design"].clone();
    design["spec"]["cluster"]["zones"] = json!(0);
    design["spec"]["workload"]["services"][0]["maxReplicas"] = json!(1);
    let reply = app
        .send(json_request(
            "PUT",
            &format!("/api/designs/{id}"),
            Some(&key),
            Some("1"),
            &design,
        ))
        .await;
    assert_problem(&reply, StatusCode::UNPROCESSABLE_ENTITY);
    let paths: Vec<&str> = reply.body["errors"]
        .as_array()
        .map(|errors| errors.iter().filter_map(|e| e["path"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(
        paths,
        [
            "spec.workload.services[0].maxReplicas",
            "spec.cluster.zones"
        ]
    );
}

#[tokio::test]
async fn a_wrongly_typed_or_misnamed_field_is_refused_with_its_path() {
    let app = TestApp::new().await;
    let (id, key, _) = app.create("Payments").await;
    let uri = format!("/api/designs/{id}");
    let mut design = app.get(&id, Some(&key)).await.body["design"].clone();
    design["spec"]["workload"]["services"][0]["name"] = json!("Not_A_Label");
    let reply = app
        .send(json_request("PUT", &uri, Some(&key), Some("1"), &design))
        .await;
    assert_problem(&reply, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        reply.body["errors"][0]["path"],
        json!("spec.workload.services[0].name")
    );
    assert!(reply.body["errors"][0]["message"]
        .as_str()
        .is_some_and(|m| m.contains("lowercase")));

    let mut design = app.get(&id, Some(&key)).await.body["design"].clone();
    design["spec"]["cluster"]["zones"] = json!("three");
    let reply = app
        .send(json_request("PUT", &uri, Some(&key), Some("1"), &design))
        .await;
    assert_problem(&reply, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(reply.body["errors"][0]["path"], json!("spec.cluster.zones"));
}

#[tokio::test]
async fn broken_json_is_a_bad_request() {
    let app = TestApp::new().await;
    let request = Request::post("/api/designs")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from("{\"name\": "))
        .expect("request");
    assert_problem(&app.send(request).await, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_body_that_is_not_json_is_refused() {
    let app = TestApp::new().await;
    let request = Request::post("/api/designs")
        .header(header::CONTENT_TYPE, "text/plain")
        .body(Body::from("name=x"))
        .expect("request");
    assert_problem(&app.send(request).await, StatusCode::UNSUPPORTED_MEDIA_TYPE);
}

#[tokio::test]
async fn an_oversize_body_is_refused_with_413() {
    let app = TestApp::new().await;
    let (id, key, _) = app.create("Payments").await;
    let mut design = app.get(&id, Some(&key)).await.body["design"].clone();
    design["metadata"]["description"] = json!("x".repeat(server::http::MAX_BODY_BYTES + 1));
    let reply = app
        .send(json_request(
            "PUT",
            &format!("/api/designs/{id}"),
            Some(&key),
            Some("1"),
            &design,
        ))
        .await;
    assert_problem(&reply, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn an_empty_name_is_refused_with_its_path() {
    let app = TestApp::new().await;
    let reply = app
        .send(json_request(
            "POST",
            "/api/designs",
            None,
            None,
            &json!({ "name": "  " }),
        ))
        .await;
    assert_problem(&reply, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(reply.body["errors"][0]["path"], json!("name"));
}

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
    let response = app
        .router
        .clone()
        .oneshot(Request::get("/").body(Body::empty()).expect("request"))
        .await
        .expect("answer");
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response
            .headers()
            .get(header::REFERRER_POLICY)
            .and_then(|v| v.to_str().ok()),
        Some("no-referrer")
    );
    assert_eq!(
        response
            .headers()
            .get(header::X_CONTENT_TYPE_OPTIONS)
            .and_then(|v| v.to_str().ok()),
        Some("nosniff")
    );
    let csp = response
        .headers()
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(
        csp.starts_with("default-src 'self'") && csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );
    let html = String::from_utf8(
        response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes()
            .to_vec(),
    )
    .unwrap_or_default();
    assert!(html.contains("Design a Kubernetes platform"), "{html}");
}

fn yaml_request(body: &str) -> Request<Body> {
    Request::post("/api/designs")
        .header(header::CONTENT_TYPE, "application/yaml")
        .body(Body::from(body.to_owned()))
        .expect("request")
}

#[tokio::test]
async fn presets_are_listed_and_a_design_starts_from_one() {
    let app = TestApp::new().await;
    let list = app
        .send(
            Request::get("/api/presets")
                .body(Body::empty())
                .expect("request"),
        )
        .await;
    let slugs: Vec<&str> = list
        .body
        .as_array()
        .map(|a| a.iter().filter_map(|p| p["slug"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(
        slugs,
        [
            "fintech-eks",
            "startup-gke",
            "regulated-kubeadm",
            "enterprise-aks"
        ]
    );

    let reply = app
        .send(json_request(
            "POST",
            "/api/designs",
            None,
            None,
            &json!({ "preset": "fintech-eks" }),
        ))
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    let id = reply.body["id"].as_str().unwrap_or_default().to_owned();
    let key = reply.body["edit_key"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let design = app.get(&id, Some(&key)).await.body["design"].clone();
    assert_eq!(design["metadata"]["name"], json!("Fintech platform on EKS"));
    assert_eq!(
        design["spec"]["workload"]["traffic"]["requestsPerDay"],
        json!(10_000_000)
    );
    assert_eq!(design["spec"]["workload"]["compliance"], json!(["pci-dss"]));
}

#[tokio::test]
async fn an_unknown_preset_is_refused_with_the_known_ones() {
    let app = TestApp::new().await;
    let reply = app
        .send(json_request(
            "POST",
            "/api/designs",
            None,
            None,
            &json!({ "preset": "mainframe" }),
        ))
        .await;
    assert_problem(&reply, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(reply.body["errors"][0]["path"], json!("preset"));
    assert!(reply.body["errors"][0]["message"]
        .as_str()
        .is_some_and(|m| m.contains("startup-gke")));
}

#[tokio::test]
async fn a_design_file_round_trips_through_download_and_import() {
    let app = TestApp::new().await;
    let (id, key) = app.create_preset("enterprise-aks").await;
    let (status, headers, yaml) = app
        .text(&format!("/api/designs/{id}/design.yaml"), &key)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        headers
            .get(header::CONTENT_DISPOSITION)
            .and_then(|v| v.to_str().ok()),
        Some("attachment; filename=\"platform-design.yaml\"")
    );
    assert!(
        yaml.starts_with("apiVersion: slipway.dev/v1alpha1"),
        "{yaml}"
    );

    let imported = app.send(yaml_request(&yaml)).await;
    assert_eq!(imported.status, StatusCode::CREATED, "{}", imported.body);
    let copy_id = imported.body["id"].as_str().unwrap_or_default().to_owned();
    let copy_key = imported.body["edit_key"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let original = app.get(&id, Some(&key)).await.body["design"].clone();
    let copy = app.get(&copy_id, Some(&copy_key)).await.body["design"].clone();
    assert_eq!(original, copy);
}

#[tokio::test]
async fn a_whole_design_can_be_imported_as_json() {
    let app = TestApp::new().await;
    let design = serde_json::to_value(design::presets::PRESETS[1].design()).expect("json");
    let reply = app
        .send(json_request("POST", "/api/designs", None, None, &design))
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
}

#[tokio::test]
async fn yaml_import_errors_name_the_line_column_and_path() {
    let app = TestApp::new().await;
    let yaml = design::file::to_yaml(&design::PlatformDesign::default());

    let syntax = app.send(yaml_request("apiVersion: [unclosed\n")).await;
    assert_problem(&syntax, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        syntax.body["errors"][0]["line"].as_u64().is_some(),
        "{}",
        syntax.body
    );

    let unknown = app
        .send(yaml_request(
            &yaml.replace("  cluster:\n", "  cluster:\n    colour: blue\n"),
        ))
        .await;
    assert_problem(&unknown, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        unknown.body["errors"][0]["path"],
        json!("spec.cluster.colour")
    );
    assert!(unknown.body["errors"][0]["message"]
        .as_str()
        .is_some_and(|m| m.contains("unknown field `colour`")));
    assert!(unknown.body["errors"][0]["line"]
        .as_u64()
        .is_some_and(|line| line > 1));

    let wrong_type = app
        .send(yaml_request(&yaml.replace("zones: 3", "zones: three")))
        .await;
    assert_problem(&wrong_type, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        wrong_type.body["errors"][0]["path"],
        json!("spec.cluster.zones")
    );

    let bad_name = app
        .send(yaml_request(
            &yaml.replace("name: general", "name: General Pool"),
        ))
        .await;
    assert_problem(&bad_name, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        bad_name.body["errors"][0]["path"],
        json!("spec.cluster.nodePools[0].name")
    );
    assert!(bad_name.body["errors"][0]["message"]
        .as_str()
        .is_some_and(|m| m.contains("lowercase letters")));

    let wrong_version = app
        .send(yaml_request(
            &yaml.replace("slipway.dev/v1alpha1", "slipway.dev/v2"),
        ))
        .await;
    assert_problem(&wrong_version, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(wrong_version.body["errors"][0]["path"], json!("apiVersion"));

    let invalid = app
        .send(yaml_request(&yaml.replace("zones: 3", "zones: 0")))
        .await;
    assert_problem(&invalid, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        invalid.body["errors"][0]["path"],
        json!("spec.cluster.zones")
    );
}

#[tokio::test]
async fn the_design_file_needs_the_key_too() {
    let app = TestApp::new().await;
    let (id, _key, _) = app.create("Secret").await;
    let reply = app
        .send(
            Request::get(format!("/api/designs/{id}/design.yaml"))
                .body(Body::empty())
                .expect("request"),
        )
        .await;
    assert_problem(&reply, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_critique_endpoint_returns_scores_findings_and_the_engine_version() {
    let app = TestApp::new().await;
    let (id, key) = app.create_preset("fintech-eks").await;
    let critique = app
        .send(
            Request::get(format!("/api/designs/{id}/critique"))
                .header(header::AUTHORIZATION, format!("Bearer {key}"))
                .body(Body::empty())
                .expect("request"),
        )
        .await;
    assert_eq!(critique.status, StatusCode::OK, "{}", critique.body);
    assert_eq!(
        critique.body["engine_version"],
        json!(design::critique::ENGINE_VERSION)
    );
    assert_eq!(critique.body["overall"], json!(96));
    assert_eq!(
        critique.body["principles"].as_array().map(Vec::len),
        Some(7)
    );
    let rules: Vec<&str> = critique.body["findings"]
        .as_array()
        .map(|f| f.iter().filter_map(|f| f["rule"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(rules, ["FIT-004", "DX-006", "FIT-005"]);

    let without_key = app
        .send(
            Request::get(format!("/api/designs/{id}/critique"))
                .body(Body::empty())
                .expect("request"),
        )
        .await;
    assert_problem(&without_key, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_cost_endpoint_returns_the_breakdown_in_usd_with_the_price_date() {
    let app = TestApp::new().await;
    let (id, key, _) = app.create("Costed").await;
    let reply = app
        .send(
            Request::get(format!("/api/designs/{id}/cost"))
                .header(header::AUTHORIZATION, format!("Bearer {key}"))
                .body(Body::empty())
                .expect("request"),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(reply.body["currency"], json!("USD"));
    assert_eq!(reply.body["prices_as_of"], json!("2026-11"));
    let categories: Vec<&str> = reply.body["lines"]
        .as_array()
        .map(|l| l.iter().filter_map(|l| l["category"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(
        categories,
        [
            "compute",
            "control-plane",
            "load-balancers",
            "nat",
            "cross-zone",
            "observability"
        ]
    );
    let total = reply.body["total_monthly_usd"].as_f64().unwrap_or_default();
    assert!(
        (total
            - design::estimate::estimate(&design::PlatformDesign::named("Costed"))
                .total_monthly_usd)
            .abs()
            < 1e-6
    );
}

#[tokio::test]
async fn the_report_is_markdown_with_every_section() {
    let app = TestApp::new().await;
    let (id, key) = app.create_preset("fintech-eks").await;
    let (status, headers, md) = app
        .text(&format!("/api/designs/{id}/report.md"), &key)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok()),
        Some("text/markdown; charset=utf-8")
    );
    assert!(md.starts_with("# Fintech platform on EKS\n"), "{md}");
    assert!(md.contains("**FIT-004** (high)"), "{md}");
    assert!(md.contains("| **Total** |"), "{md}");
}

impl TestApp {
    async fn authorized(&self, method: &str, uri: &str, key: &str, body: Option<Value>) -> Reply {
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

    async fn review_link(&self, id: &str, key: &str, body: Value) -> (String, String) {
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

fn comment_request(token: &str, body: Value) -> Request<Body> {
    json_request(
        "POST",
        &format!("/api/reviews/{token}/comments"),
        None,
        None,
        &body,
    )
}

#[tokio::test]
async fn a_review_link_opens_the_design_read_only_with_its_critique() {
    let app = TestApp::new().await;
    let (id, key) = app.create_preset("fintech-eks").await;
    let reply = app
        .authorized(
            "POST",
            &format!("/api/designs/{id}/reviews"),
            &key,
            Some(json!({ "label": "security review" })),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    let token = reply.body["token"].as_str().unwrap_or_default().to_owned();
    assert_eq!(token.len(), 64);
    assert_ne!(token, key);
    assert_eq!(
        reply.body["url"],
        json!(format!("http://studio.test/r/{token}"))
    );

    let opened = app
        .send(
            Request::get(format!("/api/reviews/{token}"))
                .body(Body::empty())
                .expect("request"),
        )
        .await;
    assert_eq!(opened.status, StatusCode::OK, "{}", opened.body);
    assert_eq!(opened.body["label"], json!("security review"));
    assert_eq!(
        opened.body["design"]["metadata"]["name"],
        json!("Fintech platform on EKS")
    );
    assert_eq!(opened.body["critique"]["overall"], json!(96));
    assert!(
        !opened.body.to_string().contains(&key),
        "the edit key never leaks"
    );

    let listed = app
        .authorized("GET", &format!("/api/designs/{id}/reviews"), &key, None)
        .await;
    assert_eq!(listed.body[0]["label"], json!("security review"));
    assert!(
        listed.body[0].get("token").is_none(),
        "tokens are shown once"
    );
}

#[tokio::test]
async fn the_review_token_cannot_write_or_manage_anything() {
    let app = TestApp::new().await;
    let (id, key) = app.create_preset("startup-gke").await;
    let (_, token) = app.review_link(&id, &key, json!({})).await;
    let design = app.get(&id, Some(&key)).await.body["design"].clone();
    let save = app
        .send(json_request(
            "PUT",
            &format!("/api/designs/{id}"),
            Some(&token),
            Some("1"),
            &design,
        ))
        .await;
    assert_problem(&save, StatusCode::NOT_FOUND);
    let read = app.get(&id, Some(&token)).await;
    assert_problem(&read, StatusCode::NOT_FOUND);
    let link = app
        .authorized(
            "POST",
            &format!("/api/designs/{id}/reviews"),
            &token,
            Some(json!({})),
        )
        .await;
    assert_problem(&link, StatusCode::NOT_FOUND);
    let list = app
        .authorized("GET", &format!("/api/designs/{id}/reviews"), &token, None)
        .await;
    assert_problem(&list, StatusCode::NOT_FOUND);
    let milestone = app
        .authorized(
            "POST",
            &format!("/api/designs/{id}/milestones"),
            &token,
            Some(json!({ "name": "sneaky" })),
        )
        .await;
    assert_problem(&milestone, StatusCode::NOT_FOUND);
    let comments = app
        .authorized("GET", &format!("/api/designs/{id}/comments"), &token, None)
        .await;
    assert_problem(&comments, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn revoked_expired_and_unknown_tokens_get_the_same_404() {
    let app = TestApp::new().await;
    let (id, key) = app.create_preset("startup-gke").await;
    let (review_id, revoked) = app.review_link(&id, &key, json!({})).await;
    let (_, expired) = app
        .review_link(&id, &key, json!({ "expires": "2020-01-01" }))
        .await;
    let gone = app
        .authorized(
            "DELETE",
            &format!("/api/designs/{id}/reviews/{review_id}"),
            &key,
            None,
        )
        .await;
    assert_eq!(gone.status, StatusCode::NO_CONTENT);
    let mut answers = Vec::new();
    for token in [revoked.as_str(), expired.as_str(), &"f".repeat(64), "short"] {
        let reply = app
            .send(
                Request::get(format!("/api/reviews/{token}"))
                    .body(Body::empty())
                    .expect("request"),
            )
            .await;
        assert_problem(&reply, StatusCode::NOT_FOUND);
        let comment = app
            .send(comment_request(
                token,
                json!({ "target": "cluster", "author": "Ana", "body": "hi" }),
            ))
            .await;
        assert_problem(&comment, StatusCode::NOT_FOUND);
        answers.push(reply.body);
    }
    assert!(
        answers.windows(2).all(|w| w[0] == w[1]),
        "indistinguishable"
    );
}

#[tokio::test]
async fn reviewers_comment_and_the_owner_sees_and_resolves_them() {
    let app = TestApp::new().await;
    let (id, key) = app.create_preset("fintech-eks").await;
    let (_, token) = app.review_link(&id, &key, json!({ "label": "sre" })).await;
    let text = "<script>alert(1)</script> {{ config }}";
    let added = app
        .send(comment_request(
            &token,
            json!({ "target": "SEC-013", "author": "Ana (SRE)", "body": text }),
        ))
        .await;
    assert_eq!(added.status, StatusCode::CREATED, "{}", added.body);

    let too_long = app
        .send(comment_request(
            &token,
            json!({ "target": "cluster", "author": "Ana", "body": "x".repeat(4_001) }),
        ))
        .await;
    assert_problem(&too_long, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(too_long.body["errors"][0]["message"]
        .as_str()
        .is_some_and(|m| m.contains("4000")));
    let bad_target = app
        .send(comment_request(
            &token,
            json!({ "target": "kitchen", "author": "Ana", "body": "x" }),
        ))
        .await;
    assert_problem(&bad_target, StatusCode::UNPROCESSABLE_ENTITY);

    let owner = app
        .authorized("GET", &format!("/api/designs/{id}/comments"), &key, None)
        .await;
    assert_eq!(
        owner.body[0]["body"],
        json!(text),
        "stored exactly as typed"
    );
    assert_eq!(owner.body[0]["target"], json!("SEC-013"));
    assert_eq!(owner.body[0]["resolved"], json!(false));
    let reviewer_view = app
        .send(
            Request::get(format!("/api/reviews/{token}"))
                .body(Body::empty())
                .expect("request"),
        )
        .await;
    assert_eq!(
        reviewer_view.body["comments"][0]["author"],
        json!("Ana (SRE)")
    );
}

#[tokio::test]
async fn milestones_freeze_the_design_and_compare_field_by_field() {
    let app = TestApp::new().await;
    let (id, key) = app.create_preset("startup-gke").await;
    let created = app
        .authorized(
            "POST",
            &format!("/api/designs/{id}/milestones"),
            &key,
            Some(json!({ "name": "v1 for security review" })),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let milestone = created.body["id"].as_str().unwrap_or_default().to_owned();
    assert_eq!(created.body["revision"], json!(1));
    assert_eq!(created.body["overall"], json!(97));

    let mut design = app.get(&id, Some(&key)).await.body["design"].clone();
    design["spec"]["cluster"]["zones"] = json!(3);
    design["spec"]["security"]["policies"]["allowedRegistries"] = json!(["ghcr.io/acme"]);
    let saved = app
        .send(json_request(
            "PUT",
            &format!("/api/designs/{id}"),
            Some(&key),
            Some("1"),
            &design,
        ))
        .await;
    assert_eq!(saved.status, StatusCode::OK);

    let listed = app
        .authorized("GET", &format!("/api/designs/{id}/milestones"), &key, None)
        .await;
    assert_eq!(listed.body.as_array().map(Vec::len), Some(1));
    assert_eq!(listed.body[0]["name"], json!("v1 for security review"));

    let compared = app
        .authorized(
            "GET",
            &format!("/api/designs/{id}/compare?from={milestone}"),
            &key,
            None,
        )
        .await;
    assert_eq!(compared.status, StatusCode::OK, "{}", compared.body);
    let paths: Vec<&str> = compared.body["changes"]
        .as_array()
        .map(|c| c.iter().filter_map(|c| c["path"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(
        paths,
        [
            "spec.cluster.zones",
            "spec.security.policies.allowedRegistries"
        ]
    );
    assert_eq!(compared.body["changes"][0]["old"], json!("2"));
    assert_eq!(compared.body["changes"][0]["new"], json!("3"));
    assert_eq!(compared.body["scores"][0][0], json!("overall"));
    assert!(compared.body["scores"][0][2].as_u64() > compared.body["scores"][0][1].as_u64());

    let unknown = app
        .authorized(
            "GET",
            &format!("/api/designs/{id}/compare?from=nope"),
            &key,
            None,
        )
        .await;
    assert_problem(&unknown, StatusCode::NOT_FOUND);
    let no_name = app
        .authorized(
            "POST",
            &format!("/api/designs/{id}/milestones"),
            &key,
            Some(json!({ "name": " " })),
        )
        .await;
    assert_problem(&no_name, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_review_link_to_a_milestone_shows_the_frozen_design() {
    let app = TestApp::new().await;
    let (id, key) = app.create_preset("startup-gke").await;
    let milestone = app
        .authorized(
            "POST",
            &format!("/api/designs/{id}/milestones"),
            &key,
            Some(json!({ "name": "v1" })),
        )
        .await
        .body["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let mut design = app.get(&id, Some(&key)).await.body["design"].clone();
    design["metadata"]["name"] = json!("Renamed later");
    app.send(json_request(
        "PUT",
        &format!("/api/designs/{id}"),
        Some(&key),
        Some("1"),
        &design,
    ))
    .await;

    let (_, frozen) = app
        .review_link(&id, &key, json!({ "milestone": milestone }))
        .await;
    let (_, latest) = app.review_link(&id, &key, json!({})).await;
    let at_milestone = app
        .send(
            Request::get(format!("/api/reviews/{frozen}"))
                .body(Body::empty())
                .expect("request"),
        )
        .await;
    assert_eq!(
        at_milestone.body["design"]["metadata"]["name"],
        json!("Startup platform on GKE")
    );
    let now = app
        .send(
            Request::get(format!("/api/reviews/{latest}"))
                .body(Body::empty())
                .expect("request"),
        )
        .await;
    assert_eq!(
        now.body["design"]["metadata"]["name"],
        json!("Renamed later")
    );

    let (other_id, other_key) = app.create_preset("fintech-eks").await;
    let foreign = app
        .authorized(
            "POST",
            &format!("/api/designs/{other_id}/reviews"),
            &other_key,
            Some(json!({ "milestone": milestone })),
        )
        .await;
    assert_problem(&foreign, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn review_token_endpoints_are_rate_limited() {
    let app = TestApp::with_review_rate(3).await;
    let mut statuses = Vec::new();
    for _ in 0..4 {
        let reply = app
            .send(
                Request::get(format!("/api/reviews/{}", "0".repeat(64)))
                    .body(Body::empty())
                    .expect("request"),
            )
            .await;
        statuses.push(reply.status.as_u16());
    }
    assert_eq!(statuses, [404, 404, 404, 429]);
    let designs = app
        .send(json_request(
            "POST",
            "/api/designs",
            None,
            None,
            &json!({ "name": "still fine" }),
        ))
        .await;
    assert_eq!(
        designs.status,
        StatusCode::CREATED,
        "other endpoints are not limited"
    );
}

#[tokio::test]
async fn the_repository_archive_is_named_after_the_design_and_identical_each_time() {
    let app = TestApp::new().await;
    let (id, key) = app.create_preset("fintech-eks").await;
    let fetch = || async {
        let request = Request::get(format!("/api/designs/{id}/bundle.zip"))
            .header(header::AUTHORIZATION, format!("Bearer {key}"))
            .body(Body::empty())
            .expect("request");
        let response = app.router.clone().oneshot(request).await.expect("answer");
        let (status, headers) = (response.status(), response.headers().clone());
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        (status, headers, bytes)
    };
    let (status, headers, first) = fetch().await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok()),
        Some("application/zip")
    );
    assert_eq!(
        headers
            .get(header::CONTENT_DISPOSITION)
            .and_then(|v| v.to_str().ok()),
        Some("attachment; filename=\"fintech-platform-on-eks.zip\"")
    );
    assert_eq!(&first[..4], b"PK\x03\x04");
    let (_, _, second) = fetch().await;
    assert_eq!(first, second, "the same design gives the same bytes");

    let anonymous = app
        .send(
            Request::get(format!("/api/designs/{id}/bundle.zip"))
                .body(Body::empty())
                .expect("request"),
        )
        .await;
    assert_problem(&anonymous, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_review_link_ending_on_a_day_the_calendar_lacks_is_refused_beside_the_field() {
    let app = TestApp::new().await;
    let (id, key) = app.create_preset("startup-gke").await;
    let reply = app
        .authorized(
            "POST",
            &format!("/api/designs/{id}/reviews"),
            &key,
            Some(json!({ "expires": "2027-02-31" })),
        )
        .await;
    assert_problem(&reply, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(reply.body["errors"][0]["path"], json!("expires"));
    assert!(reply.body["errors"][0]["message"]
        .as_str()
        .is_some_and(|m| m.contains("not a day of the calendar")));
}
