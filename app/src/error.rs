//! The errors the studio's pages can receive from the server, typed so the UI
//! can react (a conflict is not a failure to show, it is a choice to offer).

use design::FieldError;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// An error a server function returns to the browser. Messages are written for
/// people; internal details stay in the server log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
pub enum StudioError {
    /// Unknown design or wrong key; deliberately the same answer for both.
    #[error(
        "No design here, or this browser's key for it is wrong. Open the edit link you were given."
    )]
    NotFound,
    /// The document breaks validation rules.
    #[error("The design has {} problem(s); fix the highlighted fields.", .0.len())]
    Invalid(Vec<FieldError>),
    /// The input was malformed.
    #[error("{0}")]
    BadInput(String),
    /// Something failed on the server; details are in its log.
    #[error(
        "Something went wrong on our side; your changes are kept here. Try again in a moment."
    )]
    Internal,
    /// Too many requests on review links from this address; the browser may
    /// try again after the window.
    #[error("Review links are rate-limited; wait a minute and try again.")]
    Busy,
    /// The request did not reach the server.
    #[error(
        "Could not reach the studio; your changes are kept here. Check the connection and try again."
    )]
    Unreachable,
    /// The browser could not read the server's answer.
    #[error("The studio's answer could not be read. Try again in a moment, or reload the page.")]
    Unreadable,
    /// The server could not read the request: the page is older than the
    /// studio (it was updated since), or the request was damaged.
    #[error(
        "This page is older than the studio it talks to. Reload the page (changes since the last save are lost by a reload)."
    )]
    Outdated,
}

impl StudioError {
    /// The HTTP status a server function answers this error with.
    pub fn status(&self) -> u16 {
        match self {
            StudioError::NotFound => 404,
            StudioError::Invalid(_) => 422,
            StudioError::BadInput(_) | StudioError::Outdated => 400,
            StudioError::Busy => 429,
            StudioError::Internal | StudioError::Unreadable => 500,
            StudioError::Unreachable => 502,
        }
    }
}

impl FromServerFnError for StudioError {
    // The compact form, as the studio's own server functions answer.
    type Encoder = crate::codec::CompactEncoding;

    /// Failures around a server function's body. Their own text (decoder
    /// messages, type names) is for the server's log, never for people.
    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        #[cfg(feature = "ssr")]
        tracing::warn!(error = %value, "a server function's request or answer failed");
        match value {
            ServerFnErrorErr::Request(_) => StudioError::Unreachable,
            // On the server: arguments it cannot read.
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => StudioError::Outdated,
            #[cfg(feature = "ssr")]
            ServerFnErrorErr::Deserialization(_) => StudioError::Outdated,
            // In the browser: an answer it cannot read.
            #[cfg(not(feature = "ssr"))]
            ServerFnErrorErr::Deserialization(_) => StudioError::Unreadable,
            _ => StudioError::Internal,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_around_a_server_function_say_nothing_of_its_internals() {
        let detail = "invalid type: found u8, expected struct OpenDesign".to_owned();
        let cases = [
            (
                ServerFnErrorErr::Args(detail.clone()),
                StudioError::Outdated,
                400,
            ),
            (
                ServerFnErrorErr::MissingArg(detail.clone()),
                StudioError::Outdated,
                400,
            ),
            (
                ServerFnErrorErr::Deserialization(detail.clone()),
                StudioError::Outdated,
                400,
            ),
            (
                ServerFnErrorErr::Request(detail.clone()),
                StudioError::Unreachable,
                502,
            ),
            (
                ServerFnErrorErr::Response(detail.clone()),
                StudioError::Internal,
                500,
            ),
        ];
        for (failure, expected, status) in cases {
            let error = StudioError::from_server_fn_error(failure);
            assert_eq!(error, expected);
            assert_eq!(error.status(), status);
            let text = error.to_string();
            assert!(
                !text.contains("OpenDesign") && !text.contains("u8"),
                "{text}"
            );
        }
    }
}
