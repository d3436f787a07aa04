//! Errors as RFC 9457 problem details (`application/problem+json`).
//!
//! Each variant documents its status. Internal details are logged here and
//! never sent; clients get a message that says what to do.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use design::file::FileProblem;
use design::FieldError;
use serde::Serialize;

/// An API error.
#[derive(Debug, thiserror::Error)]
pub enum Problem {
    /// 404: unknown design or a missing or wrong key (indistinguishable on purpose).
    #[error("not found")]
    NotFound,
    /// 404: no such endpoint.
    #[error("no route")]
    NoRoute,
    /// 409: the `If-Match` revision is not the stored one.
    #[error("conflict")]
    Conflict {
        /// The stored revision.
        current_revision: i64,
    },
    /// 422: the document is well-formed but breaks rules; lists every field.
    #[error("invalid design")]
    Invalid(Vec<FileProblem>),
    /// 400: the body is not the expected JSON; says where.
    #[error("malformed body: {0}")]
    Malformed(String),
    /// 428: a write without `If-Match`.
    #[error("missing If-Match")]
    PreconditionRequired,
    /// 413: the body is larger than we accept.
    #[error("body too large")]
    TooLarge,
    /// 415: the body is neither JSON nor (where accepted) YAML.
    #[error("unsupported media type")]
    UnsupportedMediaType,
    /// 500: something failed inside; logged with its cause.
    #[error("internal: {0}")]
    Internal(String),
}

#[derive(Serialize)]
struct Body {
    #[serde(rename = "type")]
    kind: String,
    title: &'static str,
    status: u16,
    detail: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    errors: Option<Vec<FileProblem>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    current_revision: Option<i64>,
}

impl Problem {
    /// A 422 from validation errors.
    pub fn invalid(errors: Vec<FieldError>) -> Self {
        Problem::Invalid(errors.into_iter().map(FileProblem::from).collect())
    }

    fn parts(
        self,
    ) -> (
        StatusCode,
        &'static str,
        &'static str,
        String,
        Option<Vec<FileProblem>>,
        Option<i64>,
    ) {
        match self {
            Problem::NotFound => (
                StatusCode::NOT_FOUND,
                "not-found",
                "Not found",
                "No design with this id can be opened with this key. Check the id and the Authorization: Bearer <edit_key> header.".into(),
                None,
                None,
            ),
            Problem::NoRoute => (
                StatusCode::NOT_FOUND,
                "no-route",
                "No such endpoint",
                "See the README for the API's endpoints.".into(),
                None,
                None,
            ),
            Problem::Conflict { current_revision } => (
                StatusCode::CONFLICT,
                "conflict",
                "The design changed since it was loaded",
                format!("The design is now at revision {current_revision}. Load it again, reapply your change and save with If-Match: {current_revision}."),
                None,
                Some(current_revision),
            ),
            Problem::Invalid(errors) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid-design",
                "The design is invalid",
                format!("{} field(s) need fixing; see errors[].path and errors[].message.", errors.len()),
                Some(errors),
                None,
            ),
            Problem::Malformed(detail) => (StatusCode::BAD_REQUEST, "malformed-body", "The request body could not be read", detail, None, None),
            Problem::PreconditionRequired => (
                StatusCode::PRECONDITION_REQUIRED,
                "if-match-required",
                "If-Match is required",
                "Send the revision you loaded in an If-Match header, so a newer save is never overwritten.".into(),
                None,
                None,
            ),
            Problem::TooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "too-large",
                "The request body is too large",
                format!("Bodies are limited to {} KiB.", super::MAX_BODY_BYTES / 1024),
                None,
                None,
            ),
            Problem::UnsupportedMediaType => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported-media-type",
                "Unsupported body type",
                "Send the body as application/json (or, for a design file, application/yaml).".into(),
                None,
                None,
            ),
            Problem::Internal(cause) => {
                tracing::error!(%cause, "request failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    "Something went wrong on our side",
                    "The error was logged. Try again in a moment.".into(),
                    None,
                    None,
                )
            }
        }
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let (status, slug, title, detail, errors, current_revision) = self.parts();
        let body = Body {
            kind: format!("https://slipway.dev/problems/{slug}"),
            title,
            status: status.as_u16(),
            detail,
            errors,
            current_revision,
        };
        let mut response = (status, axum::Json(body)).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        response
    }
}

impl From<app::store::StoreError> for Problem {
    fn from(error: app::store::StoreError) -> Self {
        use app::store::StoreError;
        match error {
            StoreError::NotFound => Problem::NotFound,
            StoreError::Conflict { current } => Problem::Conflict {
                current_revision: current,
            },
            other => Problem::Internal(other.to_string()),
        }
    }
}
