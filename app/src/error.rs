//! The one error type every server function returns.
//!
//! Variants carry only what a person may read. Internal failures are logged on the server
//! where they happen and reach the browser as a plain sentence, never as a database message.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

pub use crate::domain::FieldErrors;

/// Everything that can go wrong at the boundary between the browser and the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// Nobody is signed in.
    #[error("Please sign in to continue.")]
    Unauthorized,
    /// Signed in, but this account may not do this or see this data.
    #[error("{0}")]
    Forbidden(String),
    /// The thing asked for does not exist (or is not visible to the caller).
    #[error("{0}")]
    NotFound(String),
    /// Input was rejected; each field has its own messages.
    #[error("{}", summary(.0))]
    Validation(FieldErrors),
    /// The request conflicts with the current state (duplicate, already decided, …).
    #[error("{0}")]
    Conflict(String),
    /// Something failed on the server; details are in the server log only.
    #[error("Something went wrong on our side. Please try again in a moment.")]
    Internal,
    /// The request could not be sent or read (network, malformed arguments).
    #[error("{0}")]
    Request(String),
    /// The request's body is larger than the endpoint accepts.
    #[error("{0}")]
    TooLarge(String),
    /// Too many attempts: try again after the wait (sent as `Retry-After`).
    #[error("{message}")]
    TooManyRequests {
        /// What to tell the person.
        message: String,
        /// Seconds until trying again is worthwhile.
        retry_after_secs: u64,
    },
}

fn summary(fields: &FieldErrors) -> String {
    fields
        .values()
        .flatten()
        .cloned()
        .collect::<Vec<_>>()
        .join(" ")
}

impl AppError {
    /// A validation error on a single field.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        Self::Validation(BTreeMap::from([(field.to_owned(), vec![message.into()])]))
    }

    /// A forbidden error with the standard wording.
    pub fn forbidden() -> Self {
        Self::Forbidden("Your account does not have access to this page or data.".into())
    }

    /// The messages for one field, if this is a validation error that names it.
    pub fn messages_for(&self, field: &str) -> Vec<String> {
        match self {
            Self::Validation(fields) => fields.get(field).cloned().unwrap_or_default(),
            _ => Vec::new(),
        }
    }

    /// The HTTP status this error is answered with.
    pub fn status_code(&self) -> u16 {
        match self {
            Self::Unauthorized => 401,
            Self::Forbidden(_) => 403,
            Self::NotFound(_) => 404,
            Self::Validation(_) | Self::Request(_) => 422,
            Self::Conflict(_) => 409,
            Self::TooLarge(_) => 413,
            Self::TooManyRequests { .. } => 429,
            Self::Internal => 500,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = crate::wire::Negotiated;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Response(_) => {
                Self::Request("The server could not be reached. Check your connection.".into())
            }
            ServerFnErrorErr::Args(message) | ServerFnErrorErr::Deserialization(message) => {
                Self::Request(format!("The request was not understood: {message}"))
            }
            _ => Self::Internal,
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        tracing::error!(%error, "database error");
        Self::Internal
    }
}

#[cfg(feature = "ssr")]
impl From<anyhow::Error> for AppError {
    fn from(error: anyhow::Error) -> Self {
        tracing::error!(error = format!("{error:#}"), "internal error");
        Self::Internal
    }
}

/// The plain HTTP routes (uploads, downloads) answer an error with its status and
/// `{"error": "…"}`, the body the upload widget reads.
#[cfg(feature = "ssr")]
impl axum::response::IntoResponse for AppError {
    fn into_response(self) -> axum::response::Response {
        let status = axum::http::StatusCode::from_u16(self.status_code())
            .unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR);
        let body = crate::model::UploadRefusal {
            error: self.to_string(),
        };
        (status, axum::Json(body)).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_errors_are_found_by_field_name() {
        let error = AppError::field("email", "Enter an email address.");
        assert_eq!(error.messages_for("email"), vec!["Enter an email address."]);
        assert!(error.messages_for("password").is_empty());
        assert_eq!(error.to_string(), "Enter an email address.");
    }

    #[test]
    fn each_error_kind_has_its_own_status() {
        assert_eq!(AppError::Unauthorized.status_code(), 401);
        assert_eq!(AppError::forbidden().status_code(), 403);
        assert_eq!(AppError::Internal.status_code(), 500);
    }

    #[test]
    fn internal_errors_never_show_details() {
        assert!(!AppError::Internal.to_string().contains("sqlx"));
    }
}
