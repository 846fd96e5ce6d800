//! Honest statuses for what the server-function framework refuses before any use case runs.
//! It answers every such refusal 500 ("Internal Server Error"): arguments that are not
//! numbers, bodies that are not UTF-8, bodies over the size limit. Those are the caller's
//! mistakes: 400, or 413 for the size. Our own errors carry their status already (the
//! `boundary` marks them), so only unmarked 500s from a server function are looked at.

use axum::body::Body;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::Response;

/// The header the server-function framework puts on every error answer.
const FRAMEWORK_ERROR_HEADER: &str = "serverfnerror";

/// What the framework says when a body passes the size limit.
const OVER_THE_LIMIT: &[u8] = b"length limit exceeded";

/// The largest error body read back (an error message, a few hundred bytes).
const ERROR_BODY_LIMIT: usize = 64 * 1024;

/// Middleware on the router: gives the framework's refusals of server-function calls their
/// 4xx status, and takes our marker off our own answers.
pub async fn framework_refusals(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let server_fn = path.starts_with("/api/") && !path.starts_with("/api/v1/");
    let mut response = next.run(request).await;
    if !server_fn {
        return response;
    }
    if response
        .headers_mut()
        .remove(app::api::support::ANSWERED_HEADER)
        .is_some()
        || response.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !response.headers().contains_key(FRAMEWORK_ERROR_HEADER)
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, ERROR_BODY_LIMIT)
        .await
        .unwrap_or_default();
    let over_the_limit = bytes
        .windows(OVER_THE_LIMIT.len())
        .any(|window| window == OVER_THE_LIMIT);
    parts.status = if over_the_limit {
        StatusCode::PAYLOAD_TOO_LARGE
    } else {
        StatusCode::BAD_REQUEST
    };
    Response::from_parts(parts, Body::from(bytes))
}
