//! The marketplace connection as the admins' Integration page shows it.

use serde::{Deserialize, Serialize};

use crate::domain::delivery::{DeliveryState, EventKind};

/// One marketplace integration key (never its secret).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntegrationKeyView {
    /// Key id.
    pub id: i64,
    /// What it is for.
    pub name: String,
    /// The secret's first characters, to tell keys apart.
    pub prefix: String,
    /// The admin who made it.
    pub created_by: String,
    /// When (epoch milliseconds).
    pub created_at: i64,
    /// When it was last used (to the minute), if ever.
    pub last_used_at: Option<i64>,
    /// When it was revoked, if it was.
    pub revoked_at: Option<i64>,
}

/// A key just made: its secret, shown this once, and the key as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewIntegrationKey {
    /// The secret to send as `Authorization: Bearer …`. Not stored; not shown again.
    pub secret: String,
    /// The key as the list shows it.
    pub key: IntegrationKeyView,
}

/// The webhook endpoint (its secrets are shown only when made).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EndpointView {
    /// Where events go.
    pub url: String,
    /// While a rotation lasts: until when the previous secret signs too.
    pub previous_signs_until: Option<i64>,
    /// Who set it last.
    pub updated_by: Option<String>,
    /// When.
    pub updated_at: i64,
}

/// A signing secret just made (endpoint set for the first time, or rotated): shown once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewSigningSecret {
    /// `whsec_…`, for the marketplace's receiver.
    pub secret: String,
    /// Until when the secret it replaces still signs, after a rotation.
    pub previous_signs_until: Option<i64>,
}

/// One outbox row with its delivery state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryView {
    /// Row id; the message's `webhook-id` is `msg_<id>`.
    pub id: i64,
    /// What happened.
    pub event: EventKind,
    /// The listing, for listing events.
    pub listing_id: Option<i64>,
    /// The seller, for seller events.
    pub seller_id: Option<i64>,
    /// When the decision was committed.
    pub created_at: i64,
    /// Where it stands.
    pub state: DeliveryState,
    /// Attempts so far.
    pub attempts: i64,
    /// When the dispatcher tries next, for pending rows tried before.
    pub next_attempt_at: Option<i64>,
    /// The last attempt, if any.
    pub last_attempt_at: Option<i64>,
    /// Its HTTP status (none when no answer came).
    pub last_status: Option<i64>,
    /// The request of the last attempt: headers and body as sent.
    pub last_request: Option<String>,
    /// The answer of the last attempt, or why none came.
    pub last_response: Option<String>,
    /// When it was delivered.
    pub delivered_at: Option<i64>,
}

/// How delivery stands, in plain words for the page's banner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryHealth {
    /// Rows waiting.
    pub pending: i64,
    /// Rows delivered.
    pub delivered: i64,
    /// Rows whose retries ran out.
    pub failed: i64,
    /// Pending rows that failed at least once.
    pub retrying: i64,
    /// Age of the oldest undelivered event (ms), if any.
    pub oldest_pending_age_ms: Option<i64>,
    /// Whether delivery is behind or failing: the page says so plainly.
    pub trouble: Option<String>,
}

/// The Integration page's filters.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryQuery {
    /// Only this state (stored name), or all.
    pub state: String,
    /// Only this event (stored name), or all.
    pub event: String,
    /// Only this listing (digits), or all.
    pub listing: String,
    /// Rows before this id: the next page.
    pub before: Option<i64>,
}

/// One page of deliveries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryPage {
    /// The rows, newest first.
    pub rows: Vec<DeliveryView>,
    /// The id to ask for the next page with, when there is one.
    pub next_before: Option<i64>,
}

/// What the demo's built-in receiver took.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptView {
    /// Receipt id.
    pub id: i64,
    /// The message's `webhook-id`.
    pub webhook_id: String,
    /// Its type.
    pub event: String,
    /// "Signature verified", or why it was refused.
    pub verified: String,
    /// The body as received.
    pub body: String,
    /// When.
    pub received_at: i64,
}

/// Everything the Integration page shows at the top: the endpoint, how delivery stands, the
/// keys, and (in demo mode) what the built-in receiver took.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntegrationState {
    /// The webhook endpoint, if set.
    pub endpoint: Option<EndpointView>,
    /// Counts and trouble.
    pub health: DeliveryHealth,
    /// The integration keys, newest first.
    pub keys: Vec<IntegrationKeyView>,
    /// The demo receiver's latest receipts (empty outside demo mode).
    pub receipts: Vec<ReceiptView>,
}
