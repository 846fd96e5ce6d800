//! RFC 9457 problem details: every refusal of the Brand API, as `application/problem+json`.

use app::error::AppError;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Where the problem kinds are described (the API reference page's section on errors).
const TYPE_BASE: &str = "/api/docs#problem-";

/// What went wrong with a request, in the RFC 9457 shape.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "type": "/api/docs#problem-invalid",
    "title": "The request has problems",
    "status": 422,
    "detail": "Choose the IP right this report relies on.",
    "errors": [{"pointer": "/ip_right_id", "detail": "Choose the IP right this report relies on."}]
}))]
pub struct Problem {
    /// A link naming the kind of problem.
    #[serde(rename = "type")]
    pub kind: String,
    /// The kind of problem in a few words (the same for every problem of the kind).
    pub title: String,
    /// The HTTP status.
    pub status: u16,
    /// What went wrong this time, in words for people.
    pub detail: String,
    /// Each field or line with a problem.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldProblem>,
    /// Seconds to wait before trying again (429 only; also sent as `Retry-After`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u64>,
}

/// One field's or one line's problem.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct FieldProblem {
    /// JSON pointer to the value in the request body, e.g. `/lines/3/listing` or `/reason`.
    pub pointer: String,
    /// What is wrong with it.
    pub detail: String,
}

impl Problem {
    /// A problem of `status` with a one-word `slug` naming its kind.
    pub fn new(status: StatusCode, slug: &str, title: &str, detail: impl Into<String>) -> Problem {
        Problem {
            kind: format!("{TYPE_BASE}{slug}"),
            title: title.to_owned(),
            status: status.as_u16(),
            detail: detail.into(),
            errors: Vec::new(),
            retry_after: None,
        }
    }

    /// 400: the body is not JSON, or a path or query value is unreadable.
    pub fn malformed(detail: impl Into<String>) -> Problem {
        Problem::new(
            StatusCode::BAD_REQUEST,
            "malformed",
            "The request cannot be read",
            detail,
        )
    }

    /// 422 with one problem at `pointer`.
    pub fn invalid_at(pointer: &str, detail: impl Into<String>) -> Problem {
        let detail = detail.into();
        let mut problem = Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            "The request has problems",
            detail.clone(),
        );
        problem.errors.push(FieldProblem {
            pointer: pointer.to_owned(),
            detail,
        });
        problem
    }

    /// 401 with the reason.
    pub fn unauthorized(detail: &str) -> Problem {
        Problem::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "No valid API token",
            detail,
        )
    }

    /// 404 for an id the caller's brand does not have (another brand's ids answer the same).
    pub fn not_found(detail: impl Into<String>) -> Problem {
        Problem::new(StatusCode::NOT_FOUND, "not-found", "Not found", detail)
    }

    /// 413: the body is larger than any request needs.
    pub fn too_large(limit: usize) -> Problem {
        Problem::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too-large",
            "The request is too large",
            format!("Send at most {} KiB in one request.", limit / 1024),
        )
    }

    /// 429 after the token's rate limit, with when to try again.
    pub fn rate_limited(retry_after: u64) -> Problem {
        let mut problem = Problem::new(
            StatusCode::TOO_MANY_REQUESTS,
            "rate-limited",
            "Too many requests",
            format!("This token has used its requests for now; try again in {retry_after} s."),
        );
        problem.retry_after = Some(retry_after);
        problem
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }
}

/// The refusals every operation with a token may answer (each operation lists its 403s and
/// the rest itself: their reasons differ).
#[derive(utoipa::IntoResponses)]
pub enum TokenRefusals {
    /// No token, or one that is unknown, revoked or expired, or whose maker left the brand.
    #[response(status = 401, content_type = "application/problem+json")]
    Unauthorized(Problem),
    /// The token's rate limit is passed (or, for an instant takedown, the brand's hourly or
    /// daily takedown cap); `Retry-After` says in how many seconds to try again.
    #[response(
        status = 429,
        content_type = "application/problem+json",
        headers(("Retry-After" = u64, description = "Seconds to wait"))
    )]
    RateLimited(Problem),
}

/// The refusals of an operation's JSON body, before anything is looked up.
#[derive(utoipa::IntoResponses)]
pub enum BodyRefusals {
    /// The body is not JSON, or a path id cannot be read.
    #[response(status = 400, content_type = "application/problem+json")]
    Malformed(Problem),
    /// The body is larger than 512 KiB.
    #[response(status = 413, content_type = "application/problem+json")]
    TooLarge(Problem),
    /// The body is not sent as `application/json`.
    #[response(status = 415, content_type = "application/problem+json")]
    NotJson(Problem),
}

/// The field names the service reports, as JSON pointers into the API's request bodies.
/// The service names fields after the form (`lines`, `evidence`); the API's bodies call a
/// few of them otherwise.
fn pointer_of(field: &str) -> String {
    let name = match field {
        "evidence" => "evidence_file_ids",
        "declared" => "declaration/accepted",
        "signature" => "declaration/signature",
        "items" => "item_ids",
        other => other,
    };
    format!("/{name}")
}

impl From<AppError> for Problem {
    fn from(error: AppError) -> Problem {
        let status =
            StatusCode::from_u16(error.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let detail = error.to_string();
        match error {
            AppError::Unauthorized => Problem::unauthorized(&detail),
            AppError::Forbidden(_) => Problem::new(status, "forbidden", "Not allowed", detail),
            AppError::NotFound(_) => Problem::not_found(detail),
            AppError::Conflict(_) => Problem::new(
                status,
                "conflict",
                "In conflict with the current state",
                detail,
            ),
            AppError::Validation(fields) => {
                let mut problem =
                    Problem::new(status, "invalid", "The request has problems", detail);
                problem.errors = fields
                    .into_iter()
                    .flat_map(|(field, messages)| {
                        let pointer = pointer_of(&field);
                        messages.into_iter().map(move |detail| FieldProblem {
                            pointer: pointer.clone(),
                            detail,
                        })
                    })
                    .collect();
                problem
            }
            AppError::Request(_) => Problem::malformed(detail),
            AppError::TooManyRequests {
                retry_after_secs, ..
            } => {
                let mut problem = Problem::new(status, "rate-limited", "Too many requests", detail);
                problem.retry_after = Some(retry_after_secs);
                problem
            }
            AppError::TooLarge(_) => {
                Problem::new(status, "too-large", "The request is too large", detail)
            }
            AppError::Internal => Problem::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "Something went wrong on our side",
                detail,
            ),
        }
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = self.status();
        let retry_after = self.retry_after;
        let mut response = (status, axum::Json(self)).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if let Some(seconds) = retry_after {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_errors_point_at_the_api_fields() {
        let error = AppError::field("evidence", "Evidence file 9 is not one of your uploads.");
        let problem = Problem::from(error);
        assert_eq!(problem.status, 422);
        assert_eq!(problem.errors[0].pointer, "/evidence_file_ids");
        assert!(problem.kind.ends_with("problem-invalid"));
    }

    #[test]
    fn internal_errors_say_nothing_of_the_cause() {
        let problem = Problem::from(AppError::Internal);
        assert_eq!(problem.status, 500);
        assert!(!problem.detail.contains("sqlx"));
    }
}
