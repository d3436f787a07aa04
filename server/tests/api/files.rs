//! Presets, the design file (download and import) and the repository archive.

use super::support::*;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use serde_json::json;

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
async fn the_repository_archive_is_named_after_the_design_and_identical_each_time() {
    let app = TestApp::new().await;
    let (id, key) = app.create_preset("fintech-eks").await;
    let fetch = || {
        app.request("GET", &format!("/api/designs/{id}/bundle.zip"))
            .key(&key)
            .send_raw()
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
