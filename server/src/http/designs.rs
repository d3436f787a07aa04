//! The designs resource of the JSON API under `/api`: create, load, save, import, the design file, critique, cost, report and the repository archive — the contract automation relies on.

use app::keys::SecretKey;
use app::metrics::Operation;
use app::state::AppState;
use app::wire::{edit_path, CreatedDesign};
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, FromRequest, FromRequestParts, Path, Query, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use design::file::FileProblem;
use design::{PlatformDesign, ValidDesign};
use serde::{Deserialize, Serialize};

use super::{Problem, MAX_BODY_BYTES};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/presets", get(presets))
        .route("/designs", post(create))
        .route("/designs/{id}", get(load).put(save))
        .route("/designs/{id}/design.yaml", get(design_yaml))
        .route("/designs/{id}/design.json", get(design_json))
        .route("/designs/{id}/critique", get(critique))
        .route("/designs/{id}/cost", get(cost))
        .route("/designs/{id}/report.md", get(report))
        .route("/designs/{id}/decisions", get(decisions))
        .route("/designs/{id}/bundle.zip", get(bundle))
        .fallback(|| async { Problem::NoRoute })
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
}

/// `POST /api/designs` with JSON that is not a whole design.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CreateRequest {
    /// Title of the new design; defaults to the preset's title.
    name: Option<String>,
    /// Start from this preset instead of the defaults.
    preset: Option<String>,
}

#[derive(Serialize)]
struct Links {
    edit: String,
}

#[derive(Serialize)]
struct CreateResponse {
    #[serde(flatten)]
    created: CreatedDesign,
    links: Links,
}

#[derive(Serialize)]
struct PresetSummary {
    slug: &'static str,
    title: &'static str,
    summary: &'static str,
}

/// `GET /api/presets`: the designs to start from.
async fn presets() -> Json<Vec<PresetSummary>> {
    Json(
        design::presets::PRESETS
            .iter()
            .map(|p| PresetSummary {
                slug: p.slug,
                title: p.title,
                summary: p.summary,
            })
            .collect(),
    )
}

/// `POST /api/designs`: `{"name"}`, `{"preset", "name"?}`, or a whole design
/// file as JSON or YAML (`Content-Type: application/yaml`).
async fn create(State(state): State<AppState>, body: DesignBody) -> Result<Response, Problem> {
    let design = match body {
        DesignBody::File(text) => design::file::parse(&text).map_err(Problem::Invalid)?,
        DesignBody::Json(text) => {
            let value: serde_json::Value = serde_json::from_str(&text).map_err(|error| {
                Problem::Malformed(format!("The body is not valid JSON: {error}."))
            })?;
            if value.get("apiVersion").is_some() || value.get("spec").is_some() {
                design::file::parse(&text).map_err(Problem::Invalid)?
            } else {
                from_request(bytes_body::read_json(text.as_bytes())?)?
            }
        }
    };
    let design = ValidDesign::new(design).map_err(Problem::invalid)?;
    let created = app::store::create(&state.pool, &design).await?;
    let location = format!("/api/designs/{}", created.id);
    let links = Links {
        edit: format!(
            "{}{}",
            state.public_url,
            edit_path(&created.id, &created.edit_key)
        ),
    };
    let mut response =
        (StatusCode::CREATED, Json(CreateResponse { created, links })).into_response();
    if let Ok(value) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    Ok(response)
}

fn from_request(request: CreateRequest) -> Result<PlatformDesign, Problem> {
    let problem = |path: &str, message: String| {
        Problem::Invalid(vec![FileProblem {
            path: path.into(),
            line: None,
            column: None,
            message,
        }])
    };
    let mut design = match request.preset.as_deref() {
        Some(slug) => design::presets::find(slug)
            .map(|p| p.design())
            .ok_or_else(|| {
                let known: Vec<&str> = design::presets::PRESETS.iter().map(|p| p.slug).collect();
                problem(
                    "preset",
                    format!(
                        "There is no preset '{slug}'; use one of: {}.",
                        known.join(", ")
                    ),
                )
            })?,
        None => PlatformDesign::default(),
    };
    match request.name {
        Some(name) => design.metadata.name = name.trim().to_owned(),
        None if request.preset.is_none() => {
            return Err(problem(
                "name",
                "Give the design a name, or a preset to start from.".into(),
            ))
        }
        None => {}
    }
    // The only field a caller sets here is the name, so point errors at it.
    ValidDesign::new(design.clone()).map_err(|errors| {
        Problem::Invalid(
            errors
                .into_iter()
                .map(|e| FileProblem {
                    path: if e.path == "metadata.name" {
                        "name".into()
                    } else {
                        e.path
                    },
                    line: None,
                    column: None,
                    message: e.message,
                })
                .collect(),
        )
    })?;
    Ok(design)
}

/// `GET /api/designs/{id}/design.yaml`: the design file, as exported.
async fn design_yaml(OwnedDesign(envelope): OwnedDesign) -> Result<Response, Problem> {
    Ok(attachment(
        design::file::to_yaml(&envelope.design),
        "application/yaml; charset=utf-8",
        design::file::FILE_NAME,
    ))
}

/// `GET /api/designs/{id}/design.json`: the same, as JSON.
async fn design_json(OwnedDesign(envelope): OwnedDesign) -> Result<Response, Problem> {
    Ok(attachment(
        design::file::to_json(&envelope.design),
        "application/json",
        "platform-design.json",
    ))
}

/// `GET /api/designs/{id}/critique`: scores, findings, accepted findings and the engine version.
async fn critique(
    State(state): State<AppState>,
    OwnedDesign(envelope): OwnedDesign,
) -> Result<Response, Problem> {
    let critique = state.metrics.time(Operation::Critique, || {
        design::critique::critique(&envelope.design, &app::browser::today())
    });
    Ok(Json(critique).into_response())
}

/// `GET /api/designs/{id}/cost`: the monthly estimate in USD, line by line, with savings and the price date.
async fn cost(OwnedDesign(envelope): OwnedDesign) -> Result<Response, Problem> {
    Ok(Json(design::estimate::estimate(&envelope.design)).into_response())
}

/// `GET /api/designs/{id}/decisions`: the decision records, in order.
async fn decisions(OwnedDesign(envelope): OwnedDesign) -> Result<Response, Problem> {
    Ok(Json(design::decisions::records(
        &envelope.design,
        &app::browser::today(),
    ))
    .into_response())
}

/// `GET /api/designs/{id}/report.md`: the printable report as Markdown.
async fn report(OwnedDesign(envelope): OwnedDesign) -> Result<Response, Problem> {
    let markdown = design::report::markdown(&envelope.design, &app::browser::today());
    let mut response = markdown.into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/markdown; charset=utf-8"),
    );
    Ok(response)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BundleQuery {
    /// A milestone id, or `current` (the default).
    at: Option<String>,
}

/// `GET /api/designs/{id}/bundle.zip[?at=<milestone>]`: the design (now, or
/// as a milestone froze it) as a GitOps repository, byte-identical for the
/// same state; its provenance names the revision and milestone. 422 with
/// field paths when the design cannot be exported yet.
async fn bundle(
    State(state): State<AppState>,
    Query(query): Query<BundleQuery>,
    OwnedDesign(envelope): OwnedDesign,
) -> Result<Response, Problem> {
    let (design, revision, milestone) = match query.at.as_deref() {
        None | Some("current") => (envelope.design, envelope.revision, None),
        Some(at) => {
            let at = app::reviews::MilestoneId::parse(at).ok_or(Problem::NotFound)?;
            let (design, name, revision) =
                app::reviews::milestones::frozen(&state.pool, &envelope.id, at.as_str()).await?;
            (design, revision, Some(name))
        }
    };
    let name = export::archive_name(&design);
    let exported = state.metrics.time(Operation::Export, || {
        export::export_checked(design, &app::browser::today())
    });
    let bundle = match exported {
        Ok(bundle) => export::provenance::stamped(bundle, revision, milestone.as_deref()),
        Err(Ok(errors)) => return Err(Problem::invalid(errors)),
        Err(Err(defect)) => return Err(Problem::Internal(defect.to_string())),
    };
    Ok(attachment(bundle.zip(), "application/zip", &name))
}

pub(super) fn attachment(
    body: impl IntoResponse,
    content_type: &'static str,
    file_name: &str,
) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{file_name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

async fn load(OwnedDesign(envelope): OwnedDesign) -> Result<Response, Problem> {
    let etag = etag(envelope.revision);
    let mut response = Json(envelope).into_response();
    response.headers_mut().insert(header::ETAG, etag);
    Ok(response)
}

#[derive(Serialize)]
struct SaveResponse {
    revision: i64,
}

async fn save(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    JsonBody(design): JsonBody<PlatformDesign>,
) -> Result<Response, Problem> {
    let id = design_id(&id)?;
    let key = bearer(&headers)?;
    // Authorise before looking at preconditions or content, so a caller
    // without the key learns nothing about the design.
    app::store::load(&state.pool, &id, &key).await?;
    let expected = if_match(&headers)?;
    let design = ValidDesign::new(design).map_err(Problem::invalid)?;
    let started = std::time::Instant::now();
    let saved = app::store::save(&state.pool, &id, &key, expected, &design).await;
    state.metrics.operation(Operation::Save, started.elapsed());
    let revision = saved?;
    let mut response = Json(SaveResponse { revision }).into_response();
    response.headers_mut().insert(header::ETAG, etag(revision));
    Ok(response)
}

fn etag(revision: i64) -> HeaderValue {
    HeaderValue::from_str(&format!("\"{revision}\""))
        .unwrap_or_else(|_| HeaderValue::from_static("\"0\""))
}

/// The design named in the path, loaded for the holder of its edit key:
/// the one check every owner-only read shares.
pub struct OwnedDesign(pub app::wire::DesignEnvelope);

impl FromRequestParts<AppState> for OwnedDesign {
    type Rejection = Problem;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let Path(id) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|_| Problem::NotFound)?;
        let id = design_id(&id)?;
        let key = bearer(&parts.headers)?;
        Ok(Self(app::store::load(&state.pool, &id, &key).await?))
    }
}

/// The design id from the path: one the studio could have issued, or a 404
/// exactly like an unknown design.
pub(super) fn design_id(text: &str) -> Result<app::keys::DesignId, Problem> {
    app::keys::DesignId::parse(text).ok_or(Problem::NotFound)
}

/// The edit key from `Authorization: Bearer <key>`; absent or malformed is a 404.
pub(super) fn bearer(headers: &HeaderMap) -> Result<SecretKey, Problem> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .map(SecretKey::presented)
        .ok_or(Problem::NotFound)
}

/// The revision from `If-Match`: `3`, `"3"` or `W/"3"`.
fn if_match(headers: &HeaderMap) -> Result<i64, Problem> {
    let value = headers
        .get(header::IF_MATCH)
        .ok_or(Problem::PreconditionRequired)?;
    value
        .to_str()
        .ok()
        .map(|text| text.trim().trim_start_matches("W/").trim_matches('"'))
        .and_then(|text| text.parse::<i64>().ok())
        .ok_or_else(|| {
            Problem::Malformed(
                "If-Match must hold the revision number you loaded, e.g. If-Match: \"3\".".into(),
            )
        })
}

/// A JSON body whose every rejection is a problem document: 413 when too
/// large, 415 when not JSON, 400 for broken syntax, 422 with the field path
/// when the shape is wrong.
pub struct JsonBody<T>(pub T);

impl<S, T> FromRequest<S> for JsonBody<T>
where
    S: Send + Sync,
    T: serde::de::DeserializeOwned,
{
    type Rejection = Problem;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_json = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .map(|value| {
                let essence = value
                    .split(';')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_ascii_lowercase();
                essence == "application/json" || essence.ends_with("+json")
            })
            .unwrap_or(false);
        if !is_json {
            return Err(Problem::UnsupportedMediaType);
        }
        let bytes = read_body(request, state).await?;
        bytes_body::read_json(&bytes).map(JsonBody)
    }
}

/// A body that may be a design file: JSON, or YAML by content type.
pub enum DesignBody {
    /// `application/json` (or `+json`).
    Json(String),
    /// `application/yaml`, `application/x-yaml` or `text/yaml`.
    File(String),
}

impl<S: Send + Sync> FromRequest<S> for DesignBody {
    type Rejection = Problem;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let essence = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .map(|value| {
                value
                    .split(';')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_ascii_lowercase()
            })
            .unwrap_or_default();
        let is_json = essence == "application/json" || essence.ends_with("+json");
        let is_yaml = matches!(
            essence.as_str(),
            "application/yaml" | "application/x-yaml" | "text/yaml"
        );
        if !is_json && !is_yaml {
            return Err(Problem::UnsupportedMediaType);
        }
        let bytes = read_body(request, state).await?;
        let text = String::from_utf8(bytes.to_vec())
            .map_err(|_| Problem::Malformed("The body is not UTF-8 text.".into()))?;
        Ok(if is_json {
            DesignBody::Json(text)
        } else {
            DesignBody::File(text)
        })
    }
}

async fn read_body<S: Send + Sync>(
    request: Request,
    state: &S,
) -> Result<axum::body::Bytes, Problem> {
    axum::body::Bytes::from_request(request, state)
        .await
        .map_err(|rejection: BytesRejection| {
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                Problem::TooLarge
            } else {
                Problem::Malformed("The body could not be read.".into())
            }
        })
}

mod bytes_body {
    use design::file::FileProblem;
    use serde_json::error::Category;

    use super::Problem;

    /// Parses JSON, keeping the path of the first field that does not fit.
    pub fn read_json<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, Problem> {
        let mut deserializer = serde_json::Deserializer::from_slice(bytes);
        let parsed: Result<T, _> = serde_path_to_error::deserialize(&mut deserializer);
        let value = parsed.map_err(|error| {
            let path = error.path().to_string();
            let inner = error.into_inner();
            match inner.classify() {
                Category::Data => Problem::Invalid(vec![FileProblem {
                    path: if path == "." { String::new() } else { path },
                    line: Some(inner.line()),
                    column: Some(inner.column()),
                    message: inner.to_string(),
                }]),
                _ => Problem::Malformed(format!("The body is not valid JSON: {inner}.")),
            }
        })?;
        deserializer
            .end()
            .map_err(|error| Problem::Malformed(format!("The body is not valid JSON: {error}.")))?;
        Ok(value)
    }
}
