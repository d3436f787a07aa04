//! Creating, loading and saving designs: keys, revisions, field errors, body limits.

use super::support::*;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use serde_json::json;

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
    let save = || {
        app.request("PUT", &uri)
            .key(&key)
            .if_match("1")
            .json(&design)
            .send()
    };
    let first = save().await;
    assert_eq!(first.status, StatusCode::OK);
    let second = save().await;
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
async fn a_server_function_says_plainly_what_went_wrong_with_the_status_it_means() {
    let app = TestApp::new().await;
    let (id, key, _) = app.create("Plain errors").await;
    let app = &app;
    let answer = |uri: &'static str, body: Vec<u8>| async move {
        let (status, _, bytes) = app
            .request("POST", uri)
            .header("content-type", "application/vnd.slipway.compact")
            .bytes(body)
            .send_raw()
            .await;
        let text = String::from_utf8_lossy(&bytes).to_lowercase();
        assert!(
            !text.contains("deserializ") && !text.contains("opendesign"),
            "no decoder text: {text}"
        );
        (
            status,
            design::compact::from_bytes::<app::error::StudioError>(&bytes),
        )
    };
    // What no request of this build looks like (a page older than the studio):
    // one field of two.
    let one_field = design::compact::to_bytes(&(id.clone(),)).expect("bytes");
    assert_eq!(
        answer("/rpc/open_design", one_field).await,
        (
            StatusCode::BAD_REQUEST,
            Ok(app::error::StudioError::Outdated)
        )
    );
    let save = |key: String, name: &str| {
        let mut design = design::PlatformDesign::default();
        design.metadata.name = name.to_owned();
        design::compact::to_bytes(&app::rpc::SaveDesign {
            id: id.clone(),
            key,
            revision: 1,
            design,
        })
        .expect("bytes")
    };
    assert_eq!(
        answer("/rpc/save_design", save("0".repeat(64), "Plain errors")).await,
        (StatusCode::NOT_FOUND, Ok(app::error::StudioError::NotFound))
    );
    let (status, error) = answer("/rpc/save_design", save(key, "  ")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        matches!(error, Ok(app::error::StudioError::Invalid(_))),
        "{error:?}"
    );
}

#[tokio::test]
async fn the_wizard_opens_a_design_with_the_server_s_validation_and_score_panel() {
    let app = TestApp::new().await;
    let (id, key, _) = app.create("Opened platform").await;
    // The wizard's own format: the design's compact form, not JSON.
    let app = &app;
    let open = |id: String, key: String| async move {
        let (status, headers, body) = app
            .request("POST", "/rpc/open_design")
            .compact(&app::rpc::OpenDesign { id, key })
            .send_raw()
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            headers.get("content-type").and_then(|v| v.to_str().ok()),
            Some("application/vnd.slipway.compact")
        );
        design::compact::from_bytes::<Option<app::wire::OpenedDesign>>(&body)
    };
    let opened = open(id.clone(), key.clone()).await.ok().flatten();
    let Some(opened) = opened else {
        panic!("the design opens");
    };
    assert_eq!(opened.envelope.revision, 1);
    assert_eq!(opened.envelope.design.metadata.name, "Opened platform");
    assert_eq!(opened.errors, vec![], "a new design is valid");
    let panel = opened.panel;
    assert!(panel.contains("data-test=\"score-panel\""), "{panel}");
    // The panel shows this design's critique: a default design leaves its
    // registry unmirrored, and the panel says so with its buttons.
    assert!(panel.contains("data-test=\"finding-SEC-013\""), "{panel}");
    assert!(panel.contains("data-test=\"accept-SEC-013\""), "{panel}");

    // A wrong key or an unknown id opens nothing.
    assert_eq!(open(id.clone(), "0".repeat(64)).await, Ok(None));
    assert_eq!(open("0".repeat(24), key).await, Ok(None));
}
