//! Read-only views of a design: critique, cost and report.

use super::support::*;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use serde_json::json;

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
    // Lines per cluster (each with its derivation), then the shared ones.
    let lines = reply.body["lines"].as_array().cloned().unwrap_or_default();
    let of = |cluster: Option<&str>| -> Vec<String> {
        lines
            .iter()
            .filter(|l| l["cluster"].as_str() == cluster)
            .filter_map(|l| l["category"].as_str().map(str::to_owned))
            .collect()
    };
    let per_cluster = [
        "compute",
        "control-plane",
        "load-balancers",
        "nat",
        "cross-zone",
        "egress",
        "volumes",
    ];
    assert_eq!(of(Some("platform-prod")), per_cluster);
    assert_eq!(of(Some("platform-non-prod")), per_cluster);
    assert_eq!(of(None), ["observability", "data-services"]);
    assert!(lines
        .iter()
        .all(|l| l["derivation"].as_str().is_some_and(|d| !d.is_empty())));
    assert_eq!(reply.body["per_cluster"].as_array().map(Vec::len), Some(2));
    assert!(reply.body["sensitivity"]
        .as_array()
        .is_some_and(|s| !s.is_empty()));
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

#[tokio::test]
async fn the_decision_records_cite_inputs_and_question_a_weaker_choice() {
    let app = TestApp::new().await;
    let (id, key) = app.create_preset("fintech-eks").await;
    let reply = app
        .request("GET", &format!("/api/designs/{id}/decisions"))
        .key(&key)
        .send()
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    let records = reply.body.as_array().cloned().unwrap_or_default();
    assert_eq!(records.len(), 25);
    let mesh = records
        .iter()
        .find(|r| r["slug"] == "service-mesh")
        .cloned()
        .unwrap_or_default();
    assert_eq!(mesh["number"], 13);
    assert_eq!(mesh["options"][0]["wire"], "istio");
    assert_eq!(mesh["options"][0]["chosen"], true);
    assert!(mesh["context"].as_array().is_some_and(|c| c
        .iter()
        .any(|c| c["path"] == "spec.workload.compliance" && c["wire"] == "pci-dss")));
    assert!(records
        .iter()
        .all(|r| ["accepted", "exempted", "questioned"]
            .contains(&r["status"].as_str().unwrap_or_default())));
    // Anonymous: not found, as for every other view of a design.
    let anonymous = app
        .request("GET", &format!("/api/designs/{id}/decisions"))
        .send()
        .await;
    assert_eq!(anonymous.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_precompressed_asset_is_served_in_the_encoding_the_browser_accepts() {
    // What `cargo leptos build --release --precompress --split` writes: each file
    // with its brotli and gzip siblings.
    let site = tempfile::tempdir().expect("temp dir");
    let pkg = site.path().join("pkg");
    std::fs::create_dir(&pkg).expect("pkg dir");
    let name = "slipway.Xk3lq0Zr8cVb1mE2.wasm";
    std::fs::write(pkg.join(name), b"\0asm raw").expect("file");
    std::fs::write(pkg.join(format!("{name}.br")), b"brotli bytes").expect("file");
    std::fs::write(pkg.join(format!("{name}.gz")), b"gzip bytes").expect("file");
    let app = TestApp::with_site(site.path()).await;
    for (accepted, encoding, body) in [
        ("br, gzip", Some("br"), &b"brotli bytes"[..]),
        ("gzip", Some("gzip"), &b"gzip bytes"[..]),
        ("identity", None, &b"\0asm raw"[..]),
    ] {
        let (status, headers, bytes) = app
            .request("GET", &format!("/pkg/{name}"))
            .header("accept-encoding", accepted)
            .send_raw()
            .await;
        assert_eq!(status, StatusCode::OK, "{accepted}");
        assert_eq!(
            headers
                .get(header::CONTENT_ENCODING)
                .and_then(|v| v.to_str().ok()),
            encoding,
            "{accepted}"
        );
        assert_eq!(
            &bytes[..],
            body,
            "{accepted}: the file written at build time"
        );
        assert_eq!(
            headers[header::CACHE_CONTROL],
            "public, max-age=31536000, immutable"
        );
        assert_eq!(headers[header::CONTENT_TYPE], "application/wasm");
    }
}
