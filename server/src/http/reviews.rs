//! Review links and comments over JSON. Owner endpoints take the edit key;
//! reviewer endpoints take only the review token, which opens the design
//! read-only and lets a reviewer comment. Every unknown, revoked or expired
//! token gets the same 404.

use app::reviews::check_comment;
use app::reviews::store as reviews;
use app::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use design::file::FileProblem;
use serde::{Deserialize, Serialize};

use super::designs::{bearer, design_id, DesignBody, JsonBody};
use super::Problem;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/designs/{id}/reviews", post(create).get(list))
        .route("/designs/{id}/reviews/{review_id}", delete(revoke))
        .route("/designs/{id}/comments", get(owner_comments))
        .route("/designs/{id}/comments/{comment_id}/resolve", post(resolve))
        .route(
            "/designs/{id}/milestones",
            post(create_milestone).get(list_milestones),
        )
        .route("/designs/{id}/compare", get(compare))
        .route(
            "/designs/{id}/changes",
            get(repository_changes).post(changes_from_file),
        )
        .route(
            "/designs/{id}/bundle.patch",
            get(repository_patch).post(patch_from_file),
        )
        .route("/reviews/{token}", get(open))
        .route("/reviews/{token}/comments", post(comment))
        .route("/reviews/{token}/bundle.zip", get(reviewed_bundle))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CreateReview {
    #[serde(default)]
    label: String,
    /// Last day the link works, `YYYY-MM-DD`.
    expires: Option<String>,
    /// Show this milestone instead of the latest state.
    milestone: Option<String>,
}

#[derive(Serialize)]
struct Created {
    id: String,
    token: String,
    url: String,
}

fn invalid(path: &str, message: impl Into<String>) -> Problem {
    Problem::Invalid(vec![FileProblem {
        path: path.into(),
        line: None,
        column: None,
        message: message.into(),
    }])
}

async fn create(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    JsonBody(request): JsonBody<CreateReview>,
) -> Result<Response, Problem> {
    let id = design_id(&id)?;
    let key = bearer(&headers)?;
    if request.label.chars().count() > 100 {
        return Err(invalid("label", "Keep the label to 100 characters."));
    }
    let expires = request
        .expires
        .as_deref()
        .map(design::IsoDate::parse)
        .transpose()
        .map_err(|e| invalid("expires", format!("The last day: {e}.")))?;
    let created = reviews::create(
        &state.pool,
        &id,
        &key,
        &request.label,
        expires.as_ref().map(design::IsoDate::as_str),
        request.milestone.as_deref(),
    )
    .await?;
    let url = format!("{}/r/{}", state.public_url, created.token);
    Ok((
        StatusCode::CREATED,
        Json(Created {
            id: created.id,
            token: created.token,
            url,
        }),
    )
        .into_response())
}

async fn list(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    let id = design_id(&id)?;
    let key = bearer(&headers)?;
    Ok(Json(reviews::list(&state.pool, &id, &key).await?).into_response())
}

async fn revoke(
    State(state): State<AppState>,
    Path((id, review_id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    let id = design_id(&id)?;
    let key = bearer(&headers)?;
    reviews::revoke(&state.pool, &id, &key, &review_id).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

async fn owner_comments(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    let id = design_id(&id)?;
    let key = bearer(&headers)?;
    Ok(Json(reviews::comments(&state.pool, &id, &key).await?).into_response())
}

async fn resolve(
    State(state): State<AppState>,
    Path((id, comment_id)): Path<(String, i64)>,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    let id = design_id(&id)?;
    let key = bearer(&headers)?;
    reviews::resolve(&state.pool, &id, &key, comment_id).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

#[derive(Serialize)]
struct Opened {
    #[serde(flatten)]
    review: app::reviews::OpenedReview,
    critique: design::critique::Critique,
}

async fn open(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, Problem> {
    let review = reviews::open(&state.pool, &token, &app::browser::today()).await?;
    let critique = design::critique::critique(&review.design, &app::browser::today());
    Ok(Json(Opened { review, critique }).into_response())
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NewMilestone {
    name: String,
}

async fn create_milestone(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    JsonBody(request): JsonBody<NewMilestone>,
) -> Result<Response, Problem> {
    let id = design_id(&id)?;
    let key = bearer(&headers)?;
    let name = request.name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(invalid(
            "name",
            "Name the milestone in 1 to 100 characters, e.g. v1 for security review.",
        ));
    }
    let milestone =
        app::reviews::milestones::create(&state.pool, &id, &key, name, &app::browser::today())
            .await?;
    Ok((StatusCode::CREATED, Json(milestone)).into_response())
}

async fn list_milestones(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    let id = design_id(&id)?;
    let key = bearer(&headers)?;
    Ok(
        Json(app::reviews::milestones::list(&state.pool, &id, &key, &app::browser::today()).await?)
            .into_response(),
    )
}

#[derive(Debug, Deserialize)]
struct CompareQuery {
    /// A milestone id, or `current`.
    from: String,
    /// A milestone id, or `current` (the default).
    #[serde(default = "current")]
    to: String,
}

fn current() -> String {
    "current".into()
}

/// The design at both ends of a comparison, for the holder of the key. Text
/// that names neither the current design nor a milestone id answers like a
/// milestone that does not exist.
async fn designs_at(
    state: &AppState,
    id: &str,
    query: &CompareQuery,
    headers: &HeaderMap,
) -> Result<(design::PlatformDesign, design::PlatformDesign), Problem> {
    Ok((
        design_in(state, id, &query.from, headers).await?,
        design_in(state, id, &query.to, headers).await?,
    ))
}

/// The design in one state (`current` or a milestone id), for the holder of the key.
async fn design_in(
    state: &AppState,
    id: &str,
    which: &str,
    headers: &HeaderMap,
) -> Result<design::PlatformDesign, Problem> {
    let id = design_id(id)?;
    let key = bearer(headers)?;
    let which = app::reviews::DesignState::parse(which).ok_or(app::store::StoreError::NotFound)?;
    Ok(app::reviews::milestones::design_at(&state.pool, &id, &key, &which).await?)
}

/// `GET /api/designs/{id}/compare?from=<milestone|current>&to=<milestone|current>`.
async fn compare(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<CompareQuery>,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    let (old, new) = designs_at(&state, &id, &query, &headers).await?;
    let today = app::browser::today();
    Ok(Json(app::reviews::Comparison::of(&old, &new, &today)).into_response())
}

/// The repositories of both ends of a comparison.
async fn exports(
    state: &AppState,
    id: &str,
    query: &CompareQuery,
    headers: &HeaderMap,
) -> Result<(export::Bundle, export::Bundle), Problem> {
    let (old, new) = designs_at(state, id, query, headers).await?;
    export_both(old, new)
}

fn export_both(
    old: design::PlatformDesign,
    new: design::PlatformDesign,
) -> Result<(export::Bundle, export::Bundle), Problem> {
    let today = app::browser::today();
    let export = |design| match export::export_checked(design, &today) {
        Ok(bundle) => Ok(bundle),
        Err(Ok(errors)) => Err(Problem::invalid(errors)),
        Err(Err(defect)) => Err(Problem::Internal(defect.to_string())),
    };
    Ok((export(old)?, export(new)?))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ToQuery {
    /// A milestone id, or `current` (the default).
    #[serde(default = "current")]
    to: String,
}

/// The repositories of the design an earlier export holds (the body: its
/// `platform-design.yaml`, YAML or JSON) and of a state of this design.
async fn exports_from_file(
    state: &AppState,
    id: &str,
    to: &str,
    headers: &HeaderMap,
    body: DesignBody,
) -> Result<(export::Bundle, export::Bundle), Problem> {
    // The key first: a stranger learns nothing, not even about the body.
    let later = design_in(state, id, to, headers).await?;
    let (DesignBody::File(text) | DesignBody::Json(text)) = body;
    let earlier = design::file::parse(&text).map_err(Problem::Invalid)?;
    export_both(earlier, later)
}

/// `POST /api/designs/{id}/changes[?to=…]` with the `platform-design.yaml` of
/// an earlier export as the body: what updating that export would change.
async fn changes_from_file(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<ToQuery>,
    headers: HeaderMap,
    body: DesignBody,
) -> Result<Response, Problem> {
    let (from, to) = exports_from_file(&state, &id, &query.to, &headers, body).await?;
    Ok(Json(serde_json::json!({
        "from": "file",
        "to": query.to,
        "files": export::changes::changes(&from, &to),
    }))
    .into_response())
}

/// `POST /api/designs/{id}/bundle.patch[?to=…]`: the same as a Git patch.
async fn patch_from_file(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<ToQuery>,
    headers: HeaderMap,
    body: DesignBody,
) -> Result<Response, Problem> {
    let (from, to) = exports_from_file(&state, &id, &query.to, &headers, body).await?;
    Ok(patch_response(&from, &to))
}

/// `GET /api/designs/{id}/changes?from=…&to=…`: the repository files added,
/// removed and changed between two states of the design, with line diffs.
async fn repository_changes(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<CompareQuery>,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    let (from, to) = exports(&state, &id, &query, &headers).await?;
    let files = export::changes::changes(&from, &to);
    Ok(Json(serde_json::json!({
        "from": query.from,
        "to": query.to,
        "files": files,
    }))
    .into_response())
}

/// `GET /api/designs/{id}/bundle.patch?from=…&to=…`: the same as a Git patch
/// that `git apply` accepts on a checkout of the earlier export.
async fn repository_patch(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<CompareQuery>,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    let (from, to) = exports(&state, &id, &query, &headers).await?;
    Ok(patch_response(&from, &to))
}

fn patch_response(from: &export::Bundle, to: &export::Bundle) -> Response {
    let text = export::changes::patch(&export::changes::changes(from, to));
    let mut response = text.into_response();
    response.headers_mut().insert(
        axum::http::header::CONTENT_TYPE,
        axum::http::HeaderValue::from_static("text/x-diff; charset=utf-8"),
    );
    response
}

/// `GET /api/reviews/{token}/bundle.zip`: the repository the review link
/// shows, as the zip the owner would download (from the shared export cache).
async fn reviewed_bundle(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, Problem> {
    let today = app::browser::today();
    let design = reviews::reviewed(&state.pool, &token, &today).await?;
    let name = export::archive_name(&design);
    let bundle = match state.exports.export(&design, &today, &state.metrics) {
        Ok(bundle) => bundle,
        Err(Ok(errors)) => return Err(Problem::invalid(errors)),
        Err(Err(defect)) => return Err(Problem::Internal(defect.to_string())),
    };
    Ok(super::designs::attachment(
        bundle.zip(),
        "application/zip",
        &name,
    ))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NewComment {
    target: String,
    author: String,
    body: String,
}

async fn comment(
    State(state): State<AppState>,
    Path(token): Path<String>,
    JsonBody(request): JsonBody<NewComment>,
) -> Result<Response, Problem> {
    // The token is checked before the text, so an invalid link learns nothing.
    reviews::open(&state.pool, &token, &app::browser::today()).await?;
    check_comment(&request.target, &request.author, &request.body)
        .map_err(|e| invalid("body", e.to_string()))?;
    let id = reviews::comment(
        &state.pool,
        &token,
        &app::browser::today(),
        &request.target,
        &request.author,
        &request.body,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(serde_json::json!({ "id": id }))).into_response())
}
