//! `Idempotency-Key` on POSTs: the same key with the same body within 24 hours gets the first
//! answer again, without doing anything twice; the same key with another body is a 422.
//!
//! The key is claimed in the database before the request runs, so a repeat arriving while
//! the first is still running (a client retrying on a timeout, or two instances behind a
//! load balancer) waits for the first answer rather than acting again.

use std::time::Duration;

use app::db::tokens::{self, Claim};
use app::service::tokens::TokenCaller;
use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::Api;
use super::body::BODY_LIMIT;
use super::problem::Problem;

/// The request header.
pub const HEADER: &str = "idempotency-key";
/// Set on a replayed answer.
pub const REPLAYED: &str = "idempotent-replayed";
/// Longest key accepted.
pub const MAX_KEY_CHARS: usize = 255;
/// How long a repeat waits for the first request's answer before giving up with a 409.
const WAIT_FOR_FIRST: Duration = Duration::from_secs(30);
/// How often a waiting repeat looks again.
const POLL: Duration = Duration::from_millis(10);

/// Middleware on the authenticated routes (after the token check).
pub async fn idempotent(State(api): State<Api>, request: Request, next: Next) -> Response {
    if request.method() != Method::POST {
        return next.run(request).await;
    }
    let Some(key) = request.headers().get(HEADER) else {
        return next.run(request).await;
    };
    let key = match key.to_str() {
        Ok(key) if !key.is_empty() && key.len() <= MAX_KEY_CHARS => key.to_owned(),
        _ => {
            return Problem::malformed(format!(
                "The Idempotency-Key must be 1 to {MAX_KEY_CHARS} visible ASCII characters."
            ))
            .into_response();
        }
    };
    let Some(caller) = request.extensions().get::<TokenCaller>().cloned() else {
        tracing::error!("idempotency ran before the token check");
        return Problem::from(app::error::AppError::Internal).into_response();
    };
    let (parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, BODY_LIMIT).await else {
        return Problem::too_large(BODY_LIMIT).into_response();
    };
    let fingerprint = {
        let mut seen = format!("{} {}\n", parts.method, parts.uri.path()).into_bytes();
        seen.extend_from_slice(&bytes);
        app::uploads::sha256_hex(&seen)
    };
    let db = &api.ctx.db;
    let started = tokio::time::Instant::now();
    loop {
        let claim = match tokens::claim(db, caller.token_id, &key, &fingerprint, api.ctx.now())
            .await
        {
            Ok(claim) => claim,
            Err(error) => return Problem::from(app::error::AppError::from(error)).into_response(),
        };
        match claim {
            Claim::Fresh => {
                let response = next
                    .run(Request::from_parts(parts, Body::from(bytes)))
                    .await;
                return remember(&api, caller.token_id, &key, response).await;
            }
            Claim::Answered { status, body } => return replay(status, body),
            Claim::OtherRequest => {
                return Problem::invalid_at(
                    "/",
                    "This Idempotency-Key was used with another request in the last 24 hours; \
                     use a new key for a new request.",
                )
                .into_response();
            }
            Claim::Running if started.elapsed() < WAIT_FOR_FIRST => tokio::time::sleep(POLL).await,
            Claim::Running => {
                return Problem::new(
                    StatusCode::CONFLICT,
                    "conflict",
                    "In conflict with the current state",
                    "The first request with this Idempotency-Key is still running; try again shortly.",
                )
                .into_response();
            }
        }
    }
}

/// Stores the answer for repeats (not a server failure: the retry should run afresh) and
/// sends it on.
async fn remember(api: &Api, token_id: i64, key: &str, response: Response) -> Response {
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, usize::MAX).await else {
        return Problem::from(app::error::AppError::Internal).into_response();
    };
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let stored = if parts.status.is_server_error() {
        tokens::release(&api.ctx.db, token_id, key).await
    } else {
        tokens::answer(&api.ctx.db, token_id, key, parts.status.as_u16(), &text).await
    };
    if let Err(error) = stored {
        tracing::error!(%error, "could not remember an idempotent answer");
    }
    parts
        .headers
        .insert(REPLAYED, HeaderValue::from_static("false"));
    Response::from_parts(parts, Body::from(bytes))
}

/// The first answer, again.
fn replay(status: u16, body: String) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    let content_type = if status.is_success() {
        "application/json"
    } else {
        "application/problem+json"
    };
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(REPLAYED, HeaderValue::from_static("true"));
    response
}
