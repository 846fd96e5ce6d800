//! The marketplace's own calls, `/api/v1/marketplace/…`, with an integration key (`gfm_…`,
//! made by a platform admin on the Integration page) rather than a brand's token: the pull
//! feed of the events the webhooks carry, for marketplaces that cannot take webhooks.

use axum::Json;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::{Clock, DefaultClock};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use app::service::integration::{FEED_MOST, authenticate_key, feed, key_used};

use super::body::ApiQuery;
use super::caller::bearer;
use super::problem::{Problem, TokenRefusals};
use super::{Api, one_of};

/// The key a request was made with (its id), for the handlers.
#[derive(Debug, Clone, Copy)]
pub struct MarketplaceCaller {
    /// The integration key.
    pub key_id: i64,
}

/// Middleware on every marketplace route: the integration key (401 without a working one)
/// and its rate limit (429; keyed apart from brand tokens).
pub async fn require_key(State(api): State<Api>, mut request: Request, next: Next) -> Response {
    let found = match bearer(request.headers()) {
        None => Err(app::service::integration::KeyRefusal::Missing),
        Some(secret) => authenticate_key(&api.ctx, secret).await,
    };
    let key_id = match found {
        Ok(key_id) => key_id,
        Err(refusal) => return Problem::unauthorized(refusal.message()).into_response(),
    };
    // Brand tokens are keyed by their (positive) ids; keys go below zero in the same limiter.
    if let Err(not_until) = api.limiter.check_key(&-key_id) {
        let wait = not_until.wait_time_from(DefaultClock::default().now());
        let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
        return Problem::rate_limited(seconds.max(1)).into_response();
    }
    request
        .extensions_mut()
        .insert(MarketplaceCaller { key_id });
    let response = next.run(request).await;
    if let Err(error) = key_used(&api.ctx, key_id).await {
        tracing::warn!(%error, key_id, "recording an integration key's use");
    }
    response
}

fn event_types() -> utoipa::openapi::Object {
    one_of(app::domain::delivery::EventKind::ALL.map(app::domain::delivery::EventKind::as_str))
}

/// Which events to read.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct EventQuery {
    /// The `next_cursor` of the page before (or nothing, from the first event).
    pub after: Option<String>,
    /// Events a page (1 to 500; 100 unless said).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<i64>,
}

/// One event, exactly as the webhook carries it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Event {
    /// `msg_<n>`: the `webhook-id` of the same event (dedupe on it).
    pub id: String,
    /// What happened.
    #[serde(rename = "type")]
    #[schema(schema_with = event_types)]
    pub kind: String,
    /// When the decision was committed (RFC 3339).
    pub timestamp: String,
    /// The listing, seller and brand it is about; the report item and reason for listing
    /// events; `suspended_until` for seller suspensions.
    pub data: serde_json::Value,
}

/// A page of events, oldest first.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct EventPage {
    /// The events.
    pub events: Vec<Event>,
    /// Pass as `after` for the events that follow; the same cursor when there are none yet.
    pub next_cursor: String,
}

/// The marketplace's events — removals, restorations, seller suspensions and their end —
/// in the order they were decided, whatever their webhook delivery.
#[utoipa::path(
    get, path = "/marketplace/events", tag = "Marketplace",
    params(EventQuery),
    security(("marketplace" = [])),
    responses(
        (status = 200, description = "The events after the cursor", body = EventPage),
        (status = 400, description = "A parameter cannot be read", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A parameter is out of range", body = Problem, content_type = "application/problem+json"),
        TokenRefusals,
    )
)]
pub async fn events(
    State(api): State<Api>,
    ApiQuery(query): ApiQuery<EventQuery>,
) -> Result<Json<EventPage>, Problem> {
    let after = match query.after.as_deref() {
        None | Some("") => 0,
        Some(cursor) => cursor
            .parse::<i64>()
            .ok()
            .filter(|id| *id >= 0)
            .ok_or_else(|| Problem::invalid_at("/after", "Pass a next_cursor as it was given."))?,
    };
    let limit = query.limit.unwrap_or(100);
    if !(1..=FEED_MOST).contains(&limit) {
        return Err(Problem::invalid_at(
            "/limit",
            format!("Ask for 1 to {FEED_MOST} events a page."),
        ));
    }
    let messages = feed(&api.ctx, after, limit).await?;
    let next_cursor = messages
        .last()
        .map_or(after, |message| message.outbox_id)
        .to_string();
    let events = messages
        .into_iter()
        .map(|message| {
            let mut body: serde_json::Value =
                serde_json::from_str(&message.body).unwrap_or_default();
            Event {
                id: message.id,
                kind: body["type"].as_str().unwrap_or_default().to_owned(),
                timestamp: body["timestamp"].as_str().unwrap_or_default().to_owned(),
                data: body["data"].take(),
            }
        })
        .collect();
    Ok(Json(EventPage {
        events,
        next_cursor,
    }))
}
