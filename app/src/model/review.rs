//! The review queue and its decisions, and the statement of reasons a removal leaves.

use serde::{Deserialize, Serialize};

use crate::domain::{ReasonCode, RejectionCode, RightKind, Tier};

use super::ListingView;

/// Filters on the review queue.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueFilter {
    /// Only this brand (0 = all the caller may see).
    pub brand_id: i64,
    /// Only this reason (stored name; empty = all).
    pub reason: String,
    /// Only this tier (stored name; empty = all).
    pub tier: String,
    /// Zero-based page.
    pub page: i64,
    /// Only items past their deadline (the manager's home).
    #[serde(default)]
    pub overdue_only: bool,
}

/// The queue counts pending items up to this many (counting a million costs more than
/// reading the page, and even 10,000 index entries cost five times the page); a larger total
/// means "more than this", with 20 pages of 50 to go through.
pub const QUEUE_COUNT_CAP: i64 = 1_000;

/// One pending item in the review queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueRow {
    /// Item id.
    pub item_id: i64,
    /// Report number.
    pub report_id: i64,
    /// Brand name.
    pub brand_name: String,
    /// Brand tier at submission (sets priority and deadline).
    pub tier: Tier,
    /// The listing.
    pub listing: ListingView,
    /// Reason code.
    pub reason: ReasonCode,
    /// When submitted.
    pub submitted_at: i64,
    /// When due.
    pub deadline_at: i64,
    /// Past its deadline now.
    pub overdue: bool,
    /// Deadline minus the time the queue was read (negative when overdue).
    pub remaining_ms: i64,
}

/// A reviewer's decision on items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Decision {
    /// Uphold the notice: remove the listing.
    Remove,
    /// Reject the notice with a code and an explanation the brand reads.
    Reject {
        /// Why, machine-readable.
        code: RejectionCode,
        /// Why, for people.
        explanation: String,
    },
}

/// What happened to each item of a (bulk) decision.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecideOutcome {
    /// Items decided now.
    pub decided: Vec<i64>,
    /// Items not decided, with why (e.g. "already decided by …").
    pub conflicts: Vec<(i64, String)>,
}

/// Why a listing was removed (DSA Art. 17), shown on its public page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementOfReasons {
    /// When it was removed.
    pub removed_at: i64,
    /// Whose notice.
    pub brand_name: String,
    /// Kind of right relied on.
    pub right_kind: RightKind,
    /// Its registration number and jurisdiction.
    pub right_reference: String,
    /// The reason code.
    pub reason: ReasonCode,
    /// Whether the decision was taken without human review.
    pub automated: bool,
    /// Report number.
    pub report_id: i64,
    /// Days after the removal in which the seller may file a counter-notice (the policy
    /// in force).
    #[serde(default)]
    pub appeal_days: i64,
}
