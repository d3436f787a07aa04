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
    /// The request did not reach the server or its answer was unreadable.
    #[error("Could not reach the studio ({0}); your changes are kept here.")]
    Transport(String),
}

impl FromServerFnError for StudioError {
    // The compact form, as the studio's own server functions answer.
    type Encoder = crate::codec::CompactEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        StudioError::Transport(value.to_string())
    }
}
