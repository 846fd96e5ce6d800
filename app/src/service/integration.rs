//! The marketplace connection, as the platform's admins run it and as the marketplace's
//! systems reach it: integration keys, the webhook endpoint and its signing secrets, the
//! delivery of the outbox (a dispatcher sends it; admins watch and redeliver), and the pull
//! feed of the same events.

use std::future::Future;

use crate::db::audit::{self, NewEvent};
use crate::db::integration as store;
use crate::db::outbox::{self, Attempt, DeliveryFilter, EventRow, Next};
use crate::domain::Role;
use crate::domain::delivery::{
    DeliveryState, EventKind, KEY_PREFIX, MAX_LIVE_KEYS, Retry, RetryPolicy, check_key_name,
    check_webhook_url,
};
use crate::error::AppError;
use crate::model::{
    CurrentUser, DeliveryHealth, DeliveryPage, DeliveryQuery, DeliveryView, EndpointView,
    IntegrationKeyView, NewIntegrationKey, NewSigningSecret, ReceiptView,
};
use crate::service::{Context, access, rfc3339};

/// Characters of a key's secret shown in lists, after its prefix.
const SHOWN_CHARS: usize = 8;
/// How long the previous signing secret keeps signing after a rotation: a day, for the
/// marketplace to deploy the new one.
pub const ROTATION_OVERLAP_MS: i64 = 24 * 3_600_000;
/// Deliveries listed per page.
pub const DELIVERIES_PER_PAGE: i64 = 50;
/// Undelivered events older than this mean delivery is behind.
pub const BEHIND_AFTER_MS: i64 = 5 * 60_000;

fn admin(caller: &CurrentUser) -> Result<(), AppError> {
    access::role(caller, &[Role::Admin])
}

fn key_view(row: store::KeyRow) -> IntegrationKeyView {
    IntegrationKeyView {
        id: row.id,
        name: row.name,
        prefix: row.prefix,
        created_by: row.created_by,
        created_at: row.created_at,
        last_used_at: row.last_used_at,
        revoked_at: row.revoked_at,
    }
}

/// The integration keys, newest first, revoked ones included (admins).
pub async fn list_keys(
    ctx: &Context,
    caller: &CurrentUser,
) -> Result<Vec<IntegrationKeyView>, AppError> {
    admin(caller)?;
    Ok(store::keys(&ctx.db.pool)
        .await?
        .into_iter()
        .map(key_view)
        .collect())
}

/// Makes a key for a marketplace system (admins). The secret is in the answer and nowhere
/// else: only its hash is stored.
pub async fn create_key(
    ctx: &Context,
    caller: &CurrentUser,
    name: &str,
) -> Result<NewIntegrationKey, AppError> {
    admin(caller)?;
    let name = check_key_name(name).map_err(|message| AppError::field("name", message))?;
    let now = ctx.now();
    let secret = format!("{KEY_PREFIX}{}", hex(&random_bytes::<32>()));
    let prefix: String = secret
        .chars()
        .take(KEY_PREFIX.len() + SHOWN_CHARS)
        .collect();
    let mut tx = ctx.db.begin().await?;
    if store::live_keys(&mut tx).await? >= MAX_LIVE_KEYS as i64 {
        return Err(AppError::field(
            "name",
            format!("There are already {MAX_LIVE_KEYS} working keys; revoke one first."),
        ));
    }
    let id = store::insert_key(&mut tx, &name, &prefix, &hash(&secret), caller.id, now).await?;
    let detail = format!("Integration key \"{name}\" ({prefix}…) made");
    audit::record(
        &mut tx,
        &admin_event(caller, "integration.key_created", id, &detail),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(NewIntegrationKey {
        secret,
        key: IntegrationKeyView {
            id,
            name,
            prefix,
            created_by: caller.display_name.clone(),
            created_at: now,
            last_used_at: None,
            revoked_at: None,
        },
    })
}

/// Revokes a key (admins): the next call with it is refused.
pub async fn revoke_key(ctx: &Context, caller: &CurrentUser, key_id: i64) -> Result<(), AppError> {
    admin(caller)?;
    let now = ctx.now();
    let mut tx = ctx.db.begin().await?;
    if !store::revoke_key(&mut tx, key_id, caller.id, now).await? {
        return Err(AppError::NotFound(
            "No such working key: it may have been revoked already.".into(),
        ));
    }
    let detail = format!("Integration key {key_id} revoked");
    audit::record(
        &mut tx,
        &admin_event(caller, "integration.key_revoked", key_id, &detail),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Why a marketplace key was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyRefusal {
    /// No `Authorization: Bearer …` header.
    Missing,
    /// Not a working key (unknown or revoked).
    Unknown,
}

impl KeyRefusal {
    /// The reason, for the 401's problem details.
    pub fn message(self) -> &'static str {
        match self {
            KeyRefusal::Missing => {
                "Send the marketplace integration key as `Authorization: Bearer gfm_…`."
            }
            KeyRefusal::Unknown => "This integration key is not valid: it is unknown or revoked.",
        }
    }
}

/// The working key a marketplace system sent: its id. Every call looks the key up, so a
/// revoked key stops on its next call.
pub async fn authenticate_key(ctx: &Context, secret: &str) -> Result<i64, KeyRefusal> {
    if !secret.starts_with(KEY_PREFIX) {
        return Err(KeyRefusal::Unknown);
    }
    let found = store::find_key(&ctx.db.pool, &hash(secret))
        .await
        .map_err(|error| {
            tracing::error!(%error, "looking up an integration key");
            KeyRefusal::Unknown
        })?;
    found.ok_or(KeyRefusal::Unknown)
}

/// Moves a key's "last used" on (to the minute).
pub async fn key_used(ctx: &Context, key_id: i64) -> Result<(), AppError> {
    let mut tx = ctx.db.begin().await?;
    store::touch_key(&mut tx, key_id, ctx.now()).await?;
    tx.commit().await?;
    Ok(())
}

/// The webhook endpoint, if set (admins).
pub async fn endpoint(
    ctx: &Context,
    caller: &CurrentUser,
) -> Result<Option<EndpointView>, AppError> {
    admin(caller)?;
    let now = ctx.now();
    Ok(store::endpoint(&ctx.db.pool)
        .await?
        .map(|row| EndpointView {
            url: row.url,
            previous_signs_until: row.previous_until.filter(|until| *until > now),
            updated_by: row.updated_by,
            updated_at: row.updated_at,
        }))
}

/// Sets where events go (admins). `portal_hosts` are the `host:port`s the portal answers on,
/// which may not be the address. The first time, a signing secret is made and returned
/// (shown once); changing the address keeps the secret.
pub async fn set_endpoint(
    ctx: &Context,
    caller: &CurrentUser,
    url: &str,
    portal_hosts: &[String],
) -> Result<Option<NewSigningSecret>, AppError> {
    admin(caller)?;
    let url =
        check_webhook_url(url, portal_hosts).map_err(|message| AppError::field("url", message))?;
    let now = ctx.now();
    let had = store::endpoint(&ctx.db.pool).await?;
    let secret = new_signing_secret();
    let mut tx = ctx.db.begin().await?;
    store::set_endpoint(&mut tx, &url, &secret, Some(caller.id), now).await?;
    let detail = format!("Webhook endpoint set to {url}");
    audit::record(
        &mut tx,
        &admin_event(caller, "integration.endpoint_set", 1, &detail),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(had.is_none().then_some(NewSigningSecret {
        secret,
        previous_signs_until: None,
    }))
}

/// Puts the demo's webhook endpoint in place at first start (no caller: seeding).
pub async fn set_demo_endpoint(ctx: &Context, url: &str) -> Result<String, AppError> {
    let secret = new_signing_secret();
    let now = ctx.now();
    let mut tx = ctx.db.begin().await?;
    store::set_endpoint(&mut tx, url, &secret, None, now).await?;
    tx.commit().await?;
    Ok(store::endpoint(&ctx.db.pool)
        .await?
        .map_or(secret, |row| row.secret))
}

/// Replaces the signing secret (admins); the previous one signs too for
/// [`ROTATION_OVERLAP_MS`], so the marketplace can switch without missing a message.
pub async fn rotate_secret(
    ctx: &Context,
    caller: &CurrentUser,
) -> Result<NewSigningSecret, AppError> {
    admin(caller)?;
    let now = ctx.now();
    let secret = new_signing_secret();
    let until = now + ROTATION_OVERLAP_MS;
    let mut tx = ctx.db.begin().await?;
    if !store::rotate_secret(&mut tx, &secret, until, caller.id, now).await? {
        return Err(AppError::Conflict(
            "Set the webhook address first: there is no secret to rotate.".into(),
        ));
    }
    let detail = "Webhook signing secret rotated; the previous one signs for another 24 hours";
    audit::record(
        &mut tx,
        &admin_event(caller, "integration.secret_rotated", 1, detail),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(NewSigningSecret {
        secret,
        previous_signs_until: Some(until),
    })
}

/// Stops pushing events (admins): they wait in the outbox, and the pull feed still serves
/// them.
pub async fn remove_endpoint(ctx: &Context, caller: &CurrentUser) -> Result<(), AppError> {
    admin(caller)?;
    let now = ctx.now();
    let mut tx = ctx.db.begin().await?;
    if !store::remove_endpoint(&mut tx).await? {
        return Err(AppError::NotFound("No webhook endpoint is set.".into()));
    }
    let detail = "Webhook endpoint removed: events wait in the outbox";
    audit::record(
        &mut tx,
        &admin_event(caller, "integration.endpoint_removed", 1, detail),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// How delivery stands (admins), with a plain sentence when it is behind or failing.
pub async fn health(ctx: &Context, caller: &CurrentUser) -> Result<DeliveryHealth, AppError> {
    admin(caller)?;
    let counts = outbox::counts(&ctx.db).await?;
    let has_endpoint = store::endpoint(&ctx.db.pool).await?.is_some();
    let age = counts.oldest_pending_at.map(|at| (ctx.now() - at).max(0));
    let mut trouble = Vec::new();
    if !has_endpoint && counts.pending > 0 {
        trouble.push(format!(
            "No webhook address is set: {} events wait for the marketplace to pull them.",
            counts.pending
        ));
    }
    if counts.failed > 0 {
        trouble.push(format!(
            "{} events could not be delivered for 24 hours and were given up: redeliver them \
             once the marketplace's endpoint works.",
            counts.failed
        ));
    }
    if counts.retrying > 0 {
        trouble.push(format!(
            "{} events are being retried: the endpoint refused or did not answer.",
            counts.retrying
        ));
    }
    if let Some(age) = age.filter(|age| *age > BEHIND_AFTER_MS && has_endpoint) {
        trouble.push(format!(
            "Delivery is behind: the oldest undelivered event is {} old.",
            crate::domain::format_span(age)
        ));
    }
    Ok(DeliveryHealth {
        pending: counts.pending,
        delivered: counts.delivered,
        failed: counts.failed,
        retrying: counts.retrying,
        oldest_pending_age_ms: age,
        trouble: (!trouble.is_empty()).then(|| trouble.join(" ")),
    })
}

/// The most characters of a filter a refusal repeats.
const ECHOED: usize = 40;

/// One page of deliveries, newest first, filtered (admins).
pub async fn deliveries(
    ctx: &Context,
    caller: &CurrentUser,
    query: &DeliveryQuery,
) -> Result<DeliveryPage, AppError> {
    admin(caller)?;
    let echo = |text: &str| text.chars().take(ECHOED).collect::<String>();
    let state = match query.state.as_str() {
        "" => None,
        name => Some(DeliveryState::parse(name).ok_or_else(|| {
            AppError::field(
                "state",
                format!("\"{}\" is not a delivery state.", echo(name)),
            )
        })?),
    };
    let event = match query.event.as_str() {
        "" => None,
        name => Some(EventKind::parse(name).ok_or_else(|| {
            AppError::field("event", format!("\"{}\" is not an event type.", echo(name)))
        })?),
    };
    let listing_id = crate::service::listing_filter(&query.listing)?;
    let filter = DeliveryFilter {
        state,
        event,
        listing_id,
        before: query.before,
    };
    let rows = outbox::deliveries(&ctx.db, &filter, DELIVERIES_PER_PAGE + 1).await?;
    let more = rows.len() as i64 > DELIVERIES_PER_PAGE;
    let rows: Vec<DeliveryView> = rows
        .into_iter()
        .take(DELIVERIES_PER_PAGE as usize)
        .filter_map(|row| {
            Some(DeliveryView {
                id: row.id,
                event: EventKind::parse(&row.event)?,
                listing_id: row.listing_id,
                seller_id: row.seller_id,
                created_at: row.created_at,
                state: DeliveryState::parse(&row.state)?,
                attempts: row.attempts,
                next_attempt_at: (row.state == "pending" && row.attempts > 0)
                    .then_some(row.next_attempt_at),
                last_attempt_at: row.last_attempt_at,
                last_status: row.last_status,
                last_request: row.last_request,
                last_response: row.last_response,
                delivered_at: row.delivered_at,
            })
        })
        .collect();
    let next_before = more.then(|| rows.last().map(|row| row.id)).flatten();
    Ok(DeliveryPage { rows, next_before })
}

/// Puts a delivered or failed event back in line (admins), audited.
pub async fn redeliver(
    ctx: &Context,
    caller: &CurrentUser,
    outbox_id: i64,
) -> Result<(), AppError> {
    admin(caller)?;
    let now = ctx.now();
    let mut tx = ctx.db.begin().await?;
    if !outbox::redeliver(&mut tx, outbox_id).await? {
        return Err(AppError::Conflict(
            "This event is already waiting to be delivered (or does not exist).".into(),
        ));
    }
    let detail = format!("Event msg_{outbox_id} queued for delivery again");
    audit::record(
        &mut tx,
        &admin_event(caller, "integration.redelivered", outbox_id, &detail),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// What the demo's built-in receiver took, newest first (admins; demo mode).
pub async fn receipts(ctx: &Context, caller: &CurrentUser) -> Result<Vec<ReceiptView>, AppError> {
    admin(caller)?;
    Ok(store::receipts(&ctx.db.pool, DELIVERIES_PER_PAGE)
        .await?
        .into_iter()
        .map(|row| ReceiptView {
            id: row.id,
            webhook_id: row.webhook_id,
            event: row.event,
            verified: row.verified,
            body: row.body,
            received_at: row.received_at,
        })
        .collect())
}

/// Keeps what the demo's built-in receiver took (no caller: the receiver is the portal's).
pub async fn keep_receipt(
    ctx: &Context,
    webhook_id: &str,
    event: &str,
    verified: &str,
    body: &str,
) -> Result<(), AppError> {
    let mut tx = ctx.db.begin().await?;
    store::insert_receipt(&mut tx, webhook_id, event, verified, body, ctx.now()).await?;
    tx.commit().await?;
    Ok(())
}

/// One event as the marketplace receives it: the message id and the JSON body, the same on
/// every attempt and in the pull feed (the body is made from the row alone).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// The outbox row.
    pub outbox_id: i64,
    /// `msg_<row>`: the `webhook-id`, the same on every attempt (receivers dedupe on it).
    pub id: String,
    /// The JSON body.
    pub body: String,
}

/// The message of one outbox row.
pub fn message(row: &EventRow) -> Message {
    let id = format!("msg_{}", row.id);
    let mut data = serde_json::Map::new();
    if let Some(listing_id) = row.listing_id {
        data.insert(
            "listing".into(),
            serde_json::json!({
                "id": listing_id,
                "external_id": row.listing_external_id,
                "title": row.listing_title,
            }),
        );
    }
    data.insert(
        "seller".into(),
        serde_json::json!({
            "id": row.seller_id,
            "external_id": row.seller_external_id,
            "name": row.seller_name,
        }),
    );
    if let (Some(brand_id), Some(name)) = (row.brand_id, &row.brand_name) {
        data.insert(
            "brand".into(),
            serde_json::json!({ "id": brand_id, "name": name }),
        );
    }
    if let Some(item_id) = row.item_id {
        data.insert("report_item_id".into(), item_id.into());
        data.insert("reason".into(), row.reason.clone().into());
        data.insert("instant_takedown".into(), (row.instant == Some(1)).into());
    }
    if let Some(listing_id) = row.listing_id {
        data.insert(
            "statement_of_reasons".into(),
            format!("/listings/{listing_id}").into(),
        );
    }
    if let Some(until) = row.until_at {
        data.insert("suspended_until".into(), rfc3339(until).into());
    }
    let body = serde_json::json!({
        "id": id,
        "type": row.event,
        "timestamp": rfc3339(row.created_at),
        "data": data,
    });
    Message {
        outbox_id: row.id,
        id,
        body: body.to_string(),
    }
}

/// Most events one page of the pull feed holds.
pub const FEED_MOST: i64 = 500;

/// The pull feed (marketplace keys): events after row `after`, oldest first, with the
/// cursor to ask for the next ones.
pub async fn feed(ctx: &Context, after: i64, limit: i64) -> Result<Vec<Message>, AppError> {
    let rows = outbox::feed(&ctx.db, after.max(0), limit.clamp(1, FEED_MOST)).await?;
    Ok(rows.iter().map(message).collect())
}

/// Where events go and the secrets that sign them (current first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Destination {
    /// The endpoint.
    pub url: String,
    /// Signing secrets: the current one, and the previous one during a rotation.
    pub secrets: Vec<String>,
}

/// What a delivery attempt found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sent {
    /// The HTTP status, when an answer came.
    pub status: Option<u16>,
    /// The headers sent that sign it (`webhook-id`, `-timestamp`, `-signature`), as text.
    pub request: String,
    /// The answer's first kilobyte, or why no answer came.
    pub response: String,
}

/// Sends one message to the endpoint: HTTP, signing (the server's dispatcher) or a test's.
pub trait Transport: Sync {
    /// Signs and posts `message` to `to`.
    fn send(&self, to: &Destination, message: &Message) -> impl Future<Output = Sent> + Send;
}

/// How the dispatcher works: batch size, lease and retry policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DispatchSettings {
    /// Rows claimed per round.
    pub batch: i64,
    /// How long a claim holds its rows (ms): past it, a dead dispatcher's rows go to another.
    pub lease_ms: i64,
    /// When failed deliveries are tried again.
    pub retry: RetryPolicy,
    /// Messages in flight at once.
    pub in_flight: usize,
}

impl Default for DispatchSettings {
    fn default() -> Self {
        DispatchSettings {
            batch: 500,
            lease_ms: 60_000,
            retry: RetryPolicy::default(),
            in_flight: 32,
        }
    }
}

/// One round of delivery: claims the rows due, sends them (up to `in_flight` at once), and
/// writes back what each attempt found. Returns how many rows it attempted (0: nothing due,
/// or no endpoint set).
pub async fn deliver_due<T: Transport>(
    ctx: &Context,
    transport: &T,
    settings: &DispatchSettings,
) -> Result<usize, AppError> {
    let Some(endpoint) = store::endpoint(&ctx.db.pool).await? else {
        return Ok(0);
    };
    let now = ctx.now();
    if !outbox::any_due(&ctx.db, now).await? {
        return Ok(0);
    }
    let mut secrets = vec![endpoint.secret];
    if let (Some(previous), Some(until)) = (endpoint.previous_secret, endpoint.previous_until)
        && until > now
    {
        secrets.push(previous);
    }
    let to = Destination {
        url: endpoint.url,
        secrets,
    };
    let ids = outbox::claim(&ctx.db, now, now + settings.lease_ms, settings.batch).await?;
    if ids.is_empty() {
        return Ok(0);
    }
    let rows = outbox::events(&ctx.db, &ids).await?;
    let messages: Vec<(Message, &EventRow)> = rows.iter().map(|row| (message(row), row)).collect();
    let mut attempts = Vec::with_capacity(messages.len());
    for chunk in messages.chunks(settings.in_flight.max(1)) {
        let sent = futures::future::join_all(
            chunk
                .iter()
                .map(|(message, _)| transport.send(&to, message)),
        )
        .await;
        for ((message, row), sent) in chunk.iter().zip(sent) {
            let at = ctx.now();
            let ok = sent
                .status
                .is_some_and(|status| (200..300).contains(&status));
            let next = if ok {
                Next::Delivered
            } else {
                let tried = row.attempts + 1;
                let jitter = jitter(message.outbox_id, at);
                match settings
                    .retry
                    .after_failure(tried, row.created_at, at, jitter)
                {
                    Retry::At(when) => Next::RetryAt(when),
                    Retry::GiveUp => Next::Failed,
                }
            };
            attempts.push(Attempt {
                id: message.outbox_id,
                at,
                status: sent.status.map(i64::from),
                request: sent.request,
                response: sent.response,
                next,
            });
        }
    }
    outbox::record_attempts(&ctx.db, &attempts).await?;
    Ok(attempts.len())
}

/// A number in `[0, 1)` spreading retries of rows that failed together; it need not be
/// unpredictable, only different from row to row and attempt to attempt.
fn jitter(outbox_id: i64, at: i64) -> f64 {
    let mixed =
        (outbox_id as u64 ^ (at as u64).rotate_left(17)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (mixed >> 11) as f64 / (1_u64 << 53) as f64
}

/// An admin's audit event about the integration.
fn admin_event<'a>(
    caller: &CurrentUser,
    action: &'a str,
    subject_id: i64,
    detail: &'a str,
) -> NewEvent<'a> {
    NewEvent {
        actor_id: Some(caller.id),
        action,
        subject_type: "integration",
        subject_id,
        brand_id: None,
        detail,
    }
}

/// A Standard Webhooks signing secret: `whsec_` and 24 random bytes, base64.
fn new_signing_secret() -> String {
    use base64::Engine;
    format!(
        "whsec_{}",
        base64::engine::general_purpose::STANDARD.encode(random_bytes::<24>())
    )
}

use crate::service::secrets::{hash, hex, random_bytes};

/// The stored form of a key's secret (for tests and seeding a known key).
pub fn key_hash(secret: &str) -> String {
    hash(secret)
}
