//! Who is calling the Brand API: the bearer token checked on every request, the token's
//! rate limit, and each use written to the audit trail.

use std::num::NonZeroU32;
use std::sync::Arc;

use app::service::Context;
use app::service::tokens::{Call, TokenCaller, TokenRefusal, authenticate, record_calls};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use tokio::sync::mpsc;

use super::Api;
use super::problem::Problem;

/// How many requests a token may make: a steady rate and a burst above it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    /// Requests per second, sustained.
    pub per_second: NonZeroU32,
    /// Requests that may come at once before the rate applies.
    pub burst: NonZeroU32,
}

impl Default for RateLimit {
    /// 20 a second with bursts of 100: a vendor filing thousands of notices a week needs a
    /// fraction of it; a runaway script is stopped before it crowds out the portal's people.
    fn default() -> Self {
        RateLimit {
            per_second: NonZeroU32::new(20).unwrap_or(NonZeroU32::MIN),
            burst: NonZeroU32::new(100).unwrap_or(NonZeroU32::MIN),
        }
    }
}

/// One limiter for every token, keyed by token id (governor's GCRA: no timer, one atomic
/// state per token).
pub fn limiter(limit: RateLimit) -> Arc<DefaultKeyedRateLimiter<i64>> {
    Arc::new(RateLimiter::keyed(
        Quota::per_second(limit.per_second).allow_burst(limit.burst),
    ))
}

/// Token uses on their way to the audit trail: requests hand them over without waiting for
/// a write, and one task writes whatever has gathered in one transaction, at most five times
/// a second.
#[derive(Debug, Clone)]
pub struct UseLog {
    sender: mpsc::Sender<Call>,
}

/// Uses that may wait before requests themselves wait for the writer.
const USE_QUEUE: usize = 10_000;
/// Most uses written in one transaction.
const USE_BATCH: usize = 1_000;
/// The pause after each write, so calls gather into a few transactions a second (and a few
/// audit events: one per token per write). Written one row per call, as soon as they came,
/// they cost the flat-out takedown a sixth of its rate behind SQLite's one writer.
const USE_PAUSE: std::time::Duration = std::time::Duration::from_millis(200);

impl UseLog {
    /// Starts the writing task on `ctx`'s database; it ends when the last clone of the log
    /// is dropped.
    pub fn spawn(ctx: Context) -> UseLog {
        let (sender, mut receiver) = mpsc::channel::<Call>(USE_QUEUE);
        tokio::spawn(async move {
            let mut batch = Vec::with_capacity(USE_BATCH);
            while receiver.recv_many(&mut batch, USE_BATCH).await > 0 {
                if let Err(error) = record_calls(&ctx, &batch).await {
                    tracing::error!(%error, calls = batch.len(), "could not record API token uses");
                }
                batch.clear();
                tokio::time::sleep(USE_PAUSE).await;
            }
        });
        UseLog { sender }
    }

    /// Hands one use over; waits only when the queue is full.
    pub async fn record(&self, one: Call) {
        if self.sender.send(one).await.is_err() {
            tracing::error!("the API token use log has stopped");
        }
    }
}

/// The secret of an `Authorization: Bearer …` header.
pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, secret) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| secret.trim())
}

/// Middleware on every authenticated route: finds the token's caller (401 without one),
/// applies its rate limit (429), hands the caller to the handler and records the use.
pub async fn require_token(State(api): State<Api>, mut request: Request, next: Next) -> Response {
    let caller = match bearer(request.headers()) {
        None => Err(TokenRefusal::Missing),
        Some(secret) => authenticate(&api.ctx, secret).await,
    };
    let caller: TokenCaller = match caller {
        Ok(caller) => caller,
        Err(refusal) => return Problem::unauthorized(refusal.message()).into_response(),
    };
    if let Err(not_until) = api.limiter.check_key(&caller.token_id) {
        let wait = not_until.wait_time_from(DefaultClock::default().now());
        let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
        return Problem::rate_limited(seconds.max(1)).into_response();
    }
    // The path as the client sent it (this router is nested at /api/v1).
    let path = request
        .extensions()
        .get::<axum::extract::OriginalUri>()
        .map_or_else(
            || request.uri().path().to_owned(),
            |uri| uri.path().to_owned(),
        );
    let what = format!("{} {path}", request.method());
    request.extensions_mut().insert(caller.clone());
    let response = next.run(request).await;
    api.uses
        .record(Call {
            caller_token: caller.token_id,
            brand_id: caller.brand_id,
            user_id: caller.user.id,
            at: api.ctx.now(),
            what,
            status: response.status().as_u16(),
        })
        .await;
    response
}
