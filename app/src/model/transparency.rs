//! Statements of reasons as the admins' Transparency database page shows them.

use serde::{Deserialize, Serialize};

use crate::domain::dsa::{Decision, SubmissionState};

/// One statement and where its submission stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementView {
    /// Row id.
    pub id: i64,
    /// The platform's unique id sent with it.
    pub puid: String,
    /// What was decided.
    pub decision: Decision,
    /// The listing.
    pub listing_id: i64,
    /// The report item.
    pub item_id: i64,
    /// The brand.
    pub brand_name: String,
    /// When it was decided (ms).
    pub decided_at: i64,
    /// `SOURCE_ARTICLE_16`, … as sent.
    pub source_type: String,
    /// `AUTOMATED_DECISION_FULLY`, … as sent.
    pub automated_decision: String,
    /// Where it stands.
    pub state: SubmissionState,
    /// Attempts so far.
    pub attempts: i64,
    /// When the dispatcher tries next, for pending rows tried before.
    pub next_attempt_at: Option<i64>,
    /// The last attempt.
    pub last_attempt_at: Option<i64>,
    /// Why the last attempt failed.
    pub last_error: Option<String>,
    /// The database's id, once accepted.
    pub tdb_id: Option<String>,
    /// When it was accepted.
    pub submitted_at: Option<i64>,
    /// The statement as sent, pretty-printed JSON.
    pub json: String,
}

/// How submission stands, for the top of the page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmissionHealth {
    /// The database's address, when submission is on (`GOODFAITH_TDB_URL`).
    pub endpoint: Option<String>,
    /// Statements waiting.
    pub pending: i64,
    /// Statements accepted.
    pub submitted: i64,
    /// Statements refused or given up.
    pub failed: i64,
    /// Age of the oldest waiting statement (ms), if any.
    pub oldest_pending_age_ms: Option<i64>,
    /// What needs an admin's attention, in words.
    pub trouble: Option<String>,
    /// The export's default range: the last 30 days (`YYYY-MM-DD`, both included).
    pub export_from: String,
    /// Today.
    pub export_to: String,
}

/// The page's filters.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementQuery {
    /// Only this state (stored name), or all.
    pub state: String,
    /// Only this listing (digits), or all.
    pub listing: String,
    /// Rows before this id: the next page.
    pub before: Option<i64>,
}

/// One page of statements.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementPage {
    /// The rows, newest first.
    pub rows: Vec<StatementView>,
    /// The id to ask for the next page with, when there is one.
    pub next_before: Option<i64>,
}
