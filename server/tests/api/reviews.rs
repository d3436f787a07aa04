//! Review links, comments, milestones and their limits.

use super::support::*;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::json;

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
    // A page's server function is refused in its own error form.
    let (status, headers, body) = app
        .request("POST", "/rpc/review_file")
        .json(&json!({ "token": "0".repeat(64), "path": "README.md" }))
        .send_raw()
        .await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(headers["retry-after"], "60");
    assert_eq!(
        design::compact::from_bytes::<app::error::StudioError>(&body),
        Ok(app::error::StudioError::Busy)
    );
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
async fn a_review_link_ending_on_a_day_the_calendar_lacks_is_refused_beside_the_field() {
    let app = TestApp::new().await;
    let (id, key) = app.create_preset("startup-gke").await;
    let reply = app
        .request("POST", &format!("/api/designs/{id}/reviews"))
        .key(&key)
        .json(&json!({ "expires": "2027-02-31" }))
        .send()
        .await;
    assert_problem(&reply, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(reply.body["errors"][0]["path"], json!("expires"));
    assert!(reply.body["errors"][0]["message"]
        .as_str()
        .is_some_and(|m| m.contains("not a day of the calendar")));
}

#[tokio::test]
async fn comparing_with_something_that_is_neither_a_milestone_nor_current_is_404() {
    let app = TestApp::new().await;
    let (id, key) = app.create_preset("startup-gke").await;
    for from in ["nonsense", "CURRENT", "0123456789abcdef01234567"] {
        let reply = app
            .request("GET", &format!("/api/designs/{id}/compare?from={from}"))
            .key(&key)
            .send()
            .await;
        assert_problem(&reply, StatusCode::NOT_FOUND);
    }
    let same = app
        .request("GET", &format!("/api/designs/{id}/compare?from=current"))
        .key(&key)
        .send()
        .await;
    assert_eq!(same.status, StatusCode::OK, "{}", same.body);
    assert_eq!(same.body["changes"], json!([]));
}

#[tokio::test]
async fn repository_changes_since_a_milestone_list_files_and_apply_as_a_patch() {
    let app = TestApp::new().await;
    let (id, key) = app.create_preset("fintech-eks").await;
    let created = app
        .authorized(
            "POST",
            &format!("/api/designs/{id}/milestones"),
            &key,
            Some(json!({ "name": "before the mesh change" })),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let milestone = created.body["id"].as_str().unwrap_or_default().to_owned();
    let before: design::PlatformDesign =
        serde_json::from_value(app.get(&id, Some(&key)).await.body["design"].clone())
            .expect("design");

    switch_to_linkerd(&app, &id, &key).await;

    let changes = app
        .authorized(
            "GET",
            &format!("/api/designs/{id}/changes?from={milestone}"),
            &key,
            None,
        )
        .await;
    assert_eq!(changes.status, StatusCode::OK, "{}", changes.body);
    let fate = |path: &str| {
        changes.body["files"]
            .as_array()
            .and_then(|f| f.iter().find(|f| f["path"] == json!(path)))
            .map(|f| f["fate"].clone())
    };
    assert_eq!(fate("platform/istiod/values.yaml"), Some(json!("removed")));
    assert_eq!(
        fate("platform/linkerd-control-plane/values.yaml"),
        Some(json!("added"))
    );
    assert_eq!(changes.body["to"], json!("current"));

    // The patch turns the milestone's export into the current one.
    let (status, headers, patch) = app
        .text(
            &format!("/api/designs/{id}/bundle.patch?from={milestone}"),
            &key,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["content-type"], "text/x-diff; charset=utf-8");
    let dir = tempfile::tempdir().expect("dir");
    let valid = design::ValidDesign::new(before).expect("valid");
    export::export(&valid, &app::browser::today())
        .expect("export")
        .write_to(dir.path())
        .expect("written");
    let patch_file = dir.path().join(".changes.patch");
    std::fs::write(&patch_file, &patch).expect("patch written");
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .args(args)
            .current_dir(dir.path())
            .output()
            .expect("git")
    };
    git(&["init", "-q"]);
    let applied = git(&["apply", ".changes.patch"]);
    assert!(
        applied.status.success(),
        "{}",
        String::from_utf8_lossy(&applied.stderr)
    );
    assert!(dir
        .path()
        .join("platform/linkerd-control-plane/values.yaml")
        .exists());
    assert!(!dir.path().join("platform/istiod/values.yaml").exists());

    let unknown = app
        .authorized(
            "GET",
            &format!("/api/designs/{id}/changes?from=nope"),
            &key,
            None,
        )
        .await;
    assert_problem(&unknown, StatusCode::NOT_FOUND);
}

/// The provenance file of a repository archive.
fn provenance_of(archive: &[u8]) -> export::provenance::Provenance {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(archive)).expect("an archive");
    let name = (0..zip.len())
        .filter_map(|i| zip.by_index(i).ok().map(|f| f.name().to_owned()))
        .find(|n| n.ends_with(export::provenance::PATH))
        .expect("the archive has its provenance");
    let mut text = String::new();
    std::io::Read::read_to_string(&mut zip.by_name(&name).expect("entry"), &mut text)
        .expect("text");
    export::provenance::Provenance::read(&text).expect("readable")
}

#[tokio::test]
async fn an_archive_names_the_revision_and_the_milestone_it_was_exported_from() {
    let app = TestApp::new().await;
    let (id, key) = app.create_preset("fintech-eks").await;
    let created = app
        .authorized(
            "POST",
            &format!("/api/designs/{id}/milestones"),
            &key,
            Some(json!({ "name": "Board review" })),
        )
        .await;
    let milestone = created.body["id"].as_str().unwrap_or_default().to_owned();
    switch_to_linkerd(&app, &id, &key).await;

    let fetch = |query: String| {
        app.request("GET", &format!("/api/designs/{id}/bundle.zip{query}"))
            .key(&key)
            .send_raw()
    };
    let (status, _, now) = fetch(String::new()).await;
    assert_eq!(status, StatusCode::OK);
    let now = provenance_of(&now);
    assert_eq!((now.revision, now.milestone.as_deref()), (Some(2), None));
    let (status, _, frozen) = fetch(format!("?at={milestone}")).await;
    assert_eq!(status, StatusCode::OK);
    let frozen = provenance_of(&frozen);
    assert_eq!(
        (frozen.revision, frozen.milestone.as_deref()),
        (Some(1), Some("Board review"))
    );
    assert!(frozen.files.contains_key("platform/istiod/values.yaml"));
    assert!(!now.files.contains_key("platform/istiod/values.yaml"));
    let (status, _, _) = fetch("?at=000000000000000000000000".into()).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, _) = fetch("?at=nope".into()).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_design_of_an_earlier_export_compares_with_the_current_one() {
    let app = TestApp::new().await;
    let (id, key) = app.create_preset("fintech-eks").await;
    let earlier: design::PlatformDesign =
        serde_json::from_value(app.get(&id, Some(&key)).await.body["design"].clone())
            .expect("design");
    switch_to_linkerd(&app, &id, &key).await;
    // The design file the earlier export holds, as the team has it.
    let bundle =
        export::export_checked(earlier, &app::browser::today()).expect("the earlier export");
    let file = bundle
        .file(export::provenance::DESIGN_FILE)
        .expect("design file")
        .content
        .clone();
    let post = |uri: String, body: String| {
        Request::post(uri)
            .header(axum::http::header::AUTHORIZATION, format!("Bearer {key}"))
            .header(axum::http::header::CONTENT_TYPE, "application/yaml")
            .body(Body::from(body))
            .expect("request")
    };
    let changes = app
        .send(post(format!("/api/designs/{id}/changes"), file.clone()))
        .await;
    assert_eq!(changes.status, StatusCode::OK, "{}", changes.body);
    assert_eq!(changes.body["from"], json!("file"));
    let files = changes.body["files"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(files.iter().any(
        |f| f["path"] == json!("platform/istiod/values.yaml") && f["fate"] == json!("removed")
    ));
    // The same as a patch for the earlier export.
    let (status, _, bytes) = app
        .request("POST", &format!("/api/designs/{id}/bundle.patch"))
        .key(&key)
        .yaml(&file)
        .send_raw()
        .await;
    assert_eq!(status, StatusCode::OK);
    let patch = String::from_utf8_lossy(&bytes);
    assert!(
        patch.contains("diff --git a/platform/istiod/values.yaml b/platform/istiod/values.yaml\ndeleted file mode 100644"),
        "{patch}"
    );
    let bad = app
        .send(post(
            format!("/api/designs/{id}/changes"),
            "kind: [\n".into(),
        ))
        .await;
    assert_problem(&bad, StatusCode::UNPROCESSABLE_ENTITY);
    let anonymous = app
        .send(
            Request::post(format!("/api/designs/{id}/changes"))
                .header(axum::http::header::CONTENT_TYPE, "application/yaml")
                .body(Body::from("{}"))
                .expect("request"),
        )
        .await;
    assert_problem(&anonymous, StatusCode::NOT_FOUND);
}

/// A review link to the fintech preset, and the link's token.
async fn reviewed_fintech(app: &TestApp) -> (String, String, String) {
    reviewed(app, "fintech-eks").await
}

/// A review link to `preset`: the design's id and key, and the link's token.
async fn reviewed(app: &TestApp, preset: &str) -> (String, String, String) {
    let (id, key) = app.create_preset(preset).await;
    let reply = app
        .authorized(
            "POST",
            &format!("/api/designs/{id}/reviews"),
            &key,
            Some(json!({ "label": "board" })),
        )
        .await;
    let token = reply.body["token"].as_str().unwrap_or_default().to_owned();
    (id, key, token)
}

async fn page(
    app: &TestApp,
    token: &str,
    etag: Option<&str>,
) -> (StatusCode, axum::http::HeaderMap, axum::body::Bytes) {
    let mut request = app.request("GET", &format!("/r/{token}"));
    if let Some(tag) = etag {
        request = request.header("if-none-match", tag);
    }
    request.send_raw().await
}

/// A review page's HTML stays within 120 KB before compression.
fn assert_within_budget(html: &str) {
    assert!(
        html.len() <= 120 * 1024,
        "the review page is {} bytes (budget 120 KB)",
        html.len()
    );
}

#[tokio::test]
async fn a_review_page_is_light_and_names_each_file_without_its_content() {
    let app = TestApp::new().await;
    let (_, _, token) = reviewed_fintech(&app).await;
    let (status, headers, html) = page(&app, &token, None).await;
    assert_eq!(status, StatusCode::OK);
    let html = String::from_utf8_lossy(&html);
    assert_within_budget(&html);
    assert!(
        html.contains("data-path=\"platform/istiod/values.yaml\""),
        "every path is listed"
    );
    assert!(
        !html.contains("kind: Application"),
        "no generated manifest is inlined"
    );
    assert!(html.contains(&format!("/api/reviews/{token}/bundle.zip")));
    assert!(headers.contains_key("etag"));

    // A file's content comes when it is opened, through the same token.
    let file = app
        .request("POST", "/rpc/review_file")
        .json(&json!({ "token": token, "path": "bootstrap/platform-prod/platform/karpenter.yaml" }))
        .send()
        .await;
    assert_eq!(file.status, StatusCode::OK, "{}", file.body);
    assert!(
        file.body
            .as_str()
            .is_some_and(|t| t.contains("kind: Application")),
        "{}",
        file.body
    );
    let missing = app
        .request("POST", "/rpc/review_file")
        .json(&json!({ "token": token, "path": "no/such/file" }))
        .send()
        .await;
    assert_eq!(missing.body, json!(null));
    let stranger = app
        .request("POST", "/rpc/review_file")
        .json(&json!({ "token": "0".repeat(64), "path": "README.md" }))
        .send()
        .await;
    assert_eq!(stranger.body, json!(null));

    // The archive, from the review link.
    let (status, headers, zip) = app
        .request("GET", &format!("/api/reviews/{token}/bundle.zip"))
        .send_raw()
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["content-type"], "application/zip");
    assert_eq!(&zip[..4], b"PK\x03\x04");
    let (status, _, _) = app
        .request(
            "GET",
            &format!("/api/reviews/{}/bundle.zip", "0".repeat(64)),
        )
        .send_raw()
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_review_page_carries_its_derived_sections_as_html_and_a_record_opens_through_the_link() {
    let app = TestApp::new().await;
    let (_, _, token) = reviewed_fintech(&app).await;
    let (_, _, html) = page(&app, &token, None).await;
    let html = String::from_utf8_lossy(&html);
    assert!(html.contains("data-test=\"review-overall\""), "scores");
    assert!(html.contains("data-test=\"review-capacity\""), "capacity");
    assert!(
        html.contains("data-record=\"service-mesh\""),
        "a record, on request"
    );
    assert!(
        !html.contains("data-test=\"record-details\""),
        "no details before asked"
    );
    // The design is rendered, never written into the page's data.
    assert!(
        !html.contains("targetUtilisationPercent"),
        "the design's document is not in the page"
    );

    let record = |token: String, slug: &str| {
        app.request("POST", "/rpc/review_record")
            .json(&json!({ "token": token, "slug": slug }))
            .send()
    };
    let details = record(token.clone(), "service-mesh").await;
    assert_eq!(details.status, StatusCode::OK, "{}", details.body);
    assert!(
        details.body.as_str().is_some_and(
            |t| t.contains("data-test=\"record-details\"") && t.contains("Options considered")
        ),
        "{}",
        details.body
    );
    assert_eq!(
        record(token.clone(), "no-such-record").await.body,
        json!(null)
    );
    assert_eq!(
        record("0".repeat(64), "service-mesh").await.body,
        json!(null)
    );

    // A browser that builds the page itself gets the same sections.
    let sections = app
        .request("POST", "/rpc/review_sections")
        .json(&json!({ "token": token }))
        .send()
        .await;
    let sections = sections.body.as_str().unwrap_or_default().to_owned();
    assert!(
        sections.contains("data-test=\"review-overall\""),
        "{sections}"
    );
    assert!(
        html.contains(&sections),
        "the page holds exactly these sections"
    );
    let stranger = app
        .request("POST", "/rpc/review_sections")
        .json(&json!({ "token": "0".repeat(64) }))
        .send()
        .await;
    assert_eq!(stranger.body, json!(null));
}

#[tokio::test]
async fn the_largest_preset_s_review_page_stays_in_budget_and_carries_its_file_list_once() {
    let app = TestApp::new().await;
    let (_, _, token) = reviewed(&app, "enterprise-aks").await;
    let (status, _, html) = page(&app, &token, None).await;
    assert_eq!(status, StatusCode::OK);
    let html = String::from_utf8_lossy(&html);
    assert_within_budget(&html);
    // The repository's file list is written into the page for hydration
    // once, and a lazy list carries no empty contents.
    assert_eq!(
        html.matches("archive_name").count(),
        1,
        "one repository resource"
    );
    assert!(
        !html.contains(r#"\"content\":\"\""#),
        "no empty contents on the wire"
    );
    assert!(html.contains("data-path=\"terraform/aks/main.tf\""));
}

#[tokio::test]
async fn a_reload_of_an_unchanged_review_page_is_a_304_and_a_comment_changes_it() {
    let app = TestApp::new().await;
    let (_, _, token) = reviewed_fintech(&app).await;
    let (_, headers, _) = page(&app, &token, None).await;
    let tag = headers["etag"].to_str().expect("text").to_owned();
    assert!(tag.starts_with("W/\""), "{tag}");
    assert_eq!(headers["cache-control"], "private, no-cache");
    let (status, again, body) = page(&app, &token, Some(&tag)).await;
    assert_eq!(status, StatusCode::NOT_MODIFIED);
    assert!(body.is_empty());
    assert_eq!(again["etag"], tag.as_str());

    let commented = app
        .send(comment_request(
            &token,
            json!({ "target": "review", "author": "Ana", "body": "Looks right." }),
        ))
        .await;
    assert_eq!(commented.status, StatusCode::CREATED, "{}", commented.body);
    let (status, after, _) = page(&app, &token, Some(&tag)).await;
    assert_eq!(status, StatusCode::OK, "a new comment is a new page");
    assert_ne!(after["etag"], tag.as_str());
    // A link that is no longer valid is never a 304.
    let (status, _, _) = page(&app, &"0".repeat(64), Some(&tag)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

/// The number `GET /metrics` reports for review pages from `source`.
async fn review_pages(app: &TestApp, source: &str) -> u64 {
    let (_, _, text) = app.request("GET", "/metrics").send_raw().await;
    let text = String::from_utf8_lossy(&text);
    let prefix = format!("slipway_review_pages_total{{source=\"{source}\"}} ");
    text.lines()
        .find_map(|line| line.strip_prefix(&prefix))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no {prefix} in {text}"))
}

#[tokio::test]
async fn a_review_page_is_rendered_once_per_state_and_a_comment_renders_it_again() {
    let app = TestApp::new().await;
    let (_, _, token) = reviewed_fintech(&app).await;
    let (status, first_headers, first) = page(&app, &token, None).await;
    assert_eq!(status, StatusCode::OK);
    let (status, headers, second) = page(&app, &token, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(second, first, "the kept rendering is the same page");
    assert_eq!(headers["etag"], first_headers["etag"]);
    assert_eq!(headers["content-type"], first_headers["content-type"]);
    assert_eq!(headers["cache-control"], "private, no-cache");
    assert!(headers.contains_key("content-security-policy"));
    assert_eq!(
        (
            review_pages(&app, "rendered").await,
            review_pages(&app, "kept").await
        ),
        (1, 1)
    );

    // A browser that accepts brotli gets the kept page compressed (once, by
    // the cache, not again on the way out).
    let (status, headers, compressed) = app
        .request("GET", &format!("/r/{token}"))
        .header("accept-encoding", "gzip, br")
        .send_raw()
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["content-encoding"], "br");
    let mut html = Vec::new();
    brotli::BrotliDecompress(&mut &compressed[..], &mut html).expect("one layer of brotli");
    assert_eq!(html, first, "the same page");
    assert!(
        compressed.len() * 4 < first.len(),
        "{} of {} bytes",
        compressed.len(),
        first.len()
    );

    // A comment changes the validator: the next request renders, and shows it.
    let commented = app
        .send(comment_request(
            &token,
            json!({ "target": "review", "author": "Ana", "body": "Kept pages must not hide me." }),
        ))
        .await;
    assert_eq!(commented.status, StatusCode::CREATED, "{}", commented.body);
    let (status, _, after) = page(&app, &token, None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(String::from_utf8_lossy(&after).contains("Kept pages must not hide me."));
    assert_eq!(review_pages(&app, "rendered").await, 2);

    // A page for a link that is not valid is neither kept nor counted.
    let (status, _, _) = page(&app, &"0".repeat(64), None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(review_pages(&app, "rendered").await, 2);
}

/// Saves the design (at revision 1) with Linkerd as its mesh.
async fn switch_to_linkerd(app: &TestApp, id: &str, key: &str) {
    let mut design = app.get(id, Some(key)).await.body["design"].clone();
    design["spec"]["security"]["mesh"] = json!("linkerd");
    let saved = app
        .send(json_request(
            "PUT",
            &format!("/api/designs/{id}"),
            Some(key),
            Some("1"),
            &design,
        ))
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
}
