//! The audit log as the admins' and managers' page shows it.

use serde::{Deserialize, Serialize};

/// The audit log's filter, as the page (or the CSV link) sends it. Empty text means "any".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditQuery {
    /// Only this brand's events (empty: every brand the caller may see).
    #[serde(default)]
    pub brand: String,
    /// Text in the name or e-mail address of who did it.
    #[serde(default)]
    pub actor: String,
    /// A kind of event (`domain::audit::EventKind`).
    #[serde(default)]
    pub kind: String,
    /// A kind of thing the event is about (`domain::audit::SubjectKind`), with `number`.
    #[serde(default)]
    pub subject: String,
    /// The thing's number.
    #[serde(default)]
    pub number: String,
    /// From this day on (`YYYY-MM-DD`, UTC).
    #[serde(default)]
    pub from: String,
    /// Up to and including this day.
    #[serde(default)]
    pub to: String,
    /// Only events older than this one (the next page).
    #[serde(default)]
    pub before: Option<i64>,
}

/// One event of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEventView {
    /// Event number (ascending in time).
    pub id: i64,
    /// When.
    pub occurred_at: i64,
    /// Who, by name (`None`: the system).
    pub actor: Option<String>,
    /// The dotted action, e.g. `listing.removed`.
    pub action: String,
    /// What it is about, e.g. `listing`.
    pub subject_type: String,
    /// Which one.
    pub subject_id: i64,
    /// The brand it belongs to, by name.
    pub brand: Option<String>,
    /// What the event says.
    pub detail: String,
}

/// One page of the audit log, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    /// The events.
    pub events: Vec<AuditEventView>,
    /// The cursor for older events, if there are more.
    pub next_before: Option<i64>,
}
