//! The JSON API under `/api`: the contract automation relies on.

use app::keys::SecretKey;
use app::state::AppState;
use app::wire::{edit_path, CreatedDesign};
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, FromRequest, Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use bytes_body::read_json;
use design::{FieldError, PlatformDesign, ValidDesign};
use serde::{Deserialize, Serialize};

use super::{Problem, MAX_BODY_BYTES};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/designs", post(create))
        .route("/designs/{id}", axum::routing::get(load).put(save))
        .fallback(|| async { Problem::NoRoute })
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
}

/// `POST /api/designs` body.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CreateRequest {
    name: String,
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

async fn create(
    State(state): State<AppState>,
    JsonBody(request): JsonBody<CreateRequest>,
) -> Result<Response, Problem> {
    let design =
        ValidDesign::new(PlatformDesign::named(request.name.trim())).map_err(|errors| {
            // The only field a caller sets here is the name.
            Problem::Invalid(
                errors
                    .into_iter()
                    .map(|e| FieldError {
                        path: "name".into(),
                        message: e.message,
                    })
                    .collect(),
            )
        })?;
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

async fn load(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    let key = bearer(&headers)?;
    let envelope = app::store::load(&state.pool, &id, &key).await?;
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
    let key = bearer(&headers)?;
    // Authorise before looking at preconditions or content, so a caller
    // without the key learns nothing about the design.
    app::store::load(&state.pool, &id, &key).await?;
    let expected = if_match(&headers)?;
    let design = ValidDesign::new(design).map_err(Problem::Invalid)?;
    let revision = app::store::save(&state.pool, &id, &key, expected, &design).await?;
    let mut response = Json(SaveResponse { revision }).into_response();
    response.headers_mut().insert(header::ETAG, etag(revision));
    Ok(response)
}

fn etag(revision: i64) -> HeaderValue {
    HeaderValue::from_str(&format!("\"{revision}\""))
        .unwrap_or_else(|_| HeaderValue::from_static("\"0\""))
}

/// The edit key from `Authorization: Bearer <key>`; absent or malformed is a 404.
fn bearer(headers: &HeaderMap) -> Result<SecretKey, Problem> {
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
        let bytes = axum::body::Bytes::from_request(request, state)
            .await
            .map_err(|rejection: BytesRejection| {
                if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    Problem::TooLarge
                } else {
                    Problem::Malformed("The body could not be read.".into())
                }
            })?;
        read_json(&bytes).map(JsonBody)
    }
}

mod bytes_body {
    use design::FieldError;
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
                Category::Data => Problem::Invalid(vec![FieldError {
                    path: if path == "." { String::new() } else { path },
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
