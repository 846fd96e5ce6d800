//! IP rights and the reports (notices) that rely on them: the draft, the line check, the
//! receipt, the brand's report list, one report in full, and a resubmission.

use serde::{Deserialize, Serialize};

use crate::domain::{ItemStatus, ReasonCode, RejectionCode, RightKind, RightStatus};

use super::{FileRef, ListingView, Page, TimelineEntry};

/// An IP right of a brand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IpRightView {
    /// Right id.
    pub id: i64,
    /// Owning brand.
    pub brand_id: i64,
    /// Owning brand's name.
    pub brand_name: String,
    /// Trademark, copyright, design or patent.
    pub kind: RightKind,
    /// Registration number.
    pub registration_number: String,
    /// Where it is registered (e.g. EU, US).
    pub jurisdiction: String,
    /// Nice classes, for trademarks.
    pub classes: String,
    /// Expiry date (`YYYY-MM-DD`), if it expires.
    pub expires_on: Option<String>,
    /// Verification state.
    pub status: RightStatus,
    /// Why it was rejected (or a note on verification).
    pub decision_note: String,
    /// Proof document.
    pub proof: FileRef,
    /// Whether it may back a report today (verified and unexpired).
    pub usable: bool,
    /// When it was registered here.
    pub created_at: i64,
}

impl IpRightView {
    /// A one-line name, e.g. "Trademark EU 018123456".
    pub fn title(&self) -> String {
        format!(
            "{} {} {}",
            self.kind.label(),
            self.jurisdiction,
            self.registration_number
        )
    }
}

/// A report as the brand fills it in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportDraft {
    /// The reporting brand.
    pub brand_id: i64,
    /// The right the report relies on (0 = none chosen).
    pub ip_right_id: i64,
    /// Stored reason code name (empty = none chosen).
    pub reason: String,
    /// Listing IDs or URLs, one per line.
    pub lines: String,
    /// Notes per listing reference (from a CSV upload), as (reference, note).
    pub notes: Vec<(String, String)>,
    /// Why the listings infringe.
    pub explanation: String,
    /// Test-buy order number, if any.
    pub test_buy_order: String,
    /// Uploaded evidence files.
    pub evidence_file_ids: Vec<i64>,
    /// The good-faith declaration was ticked.
    pub declared: bool,
    /// Typed full-name signature.
    pub signature: String,
    /// The rejected item this report corrects, if any.
    pub resubmits_item_id: Option<i64>,
    /// Submit the good lines even if some are bad.
    pub accept_partial: bool,
    /// Lines on an authorised seller's listing the brand files anyway: each as typed or as
    /// the listing's marketplace id. The confirmation is recorded on the item.
    #[serde(default)]
    pub confirm_authorised: Vec<String>,
}

/// What submitting a report led to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SubmitOutcome {
    /// Stored: the receipt.
    Submitted(Receipt),
    /// Nothing stored: some lines need attention (all lines, each with its outcome).
    LinesNeedAttention(Vec<LineResult>),
}

/// One checked line: as typed, and either the listing it names or why it cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineResult {
    /// 1-based line number.
    pub line: usize,
    /// The line as entered.
    pub text: String,
    /// The listing's title when the line is good; the problem otherwise.
    pub outcome: Result<String, String>,
    /// The seller, when the listing's seller is on the brand's authorised list (a line to
    /// confirm, or confirmed).
    #[serde(default)]
    pub authorised_seller: Option<String>,
}

/// The receipt of a stored report (DSA Art. 16(4)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    /// Report number.
    pub report_id: i64,
    /// When it was received.
    pub submitted_at: i64,
    /// The listings it covers, as (item id, listing id, title).
    pub items: Vec<(i64, i64, String)>,
    /// Lines left out, with why (they stay in the form for correction).
    pub left_out: Vec<LineResult>,
}

/// Filters on a brand's report list (and its download, where a filter left out is empty).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReportFilter {
    /// Only items in this status (stored name; empty = all).
    pub status: String,
    /// Only this reason (stored name; empty = all).
    pub reason: String,
    /// Submitted on or after this date (`YYYY-MM-DD`; empty = no limit).
    pub from: String,
    /// Submitted on or before this date (`YYYY-MM-DD`; empty = no limit).
    pub to: String,
    /// Words in the listing title.
    pub text: String,
    /// The order: `newest` (or empty) submitted first, `oldest`, or `deadline` (items still in
    /// review by their deadline, the decided after them).
    pub sort: String,
    /// Zero-based page.
    pub page: i64,
}

/// The orders a brand's report list offers, as (stored name, label).
pub const REPORT_SORTS: [(&str, &str); 3] = [
    ("newest", "Newest first"),
    ("oldest", "Oldest first"),
    ("deadline", "Review deadline first"),
];

/// One reported listing on the brand's report list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportItemRow {
    /// Item id.
    pub item_id: i64,
    /// Report number.
    pub report_id: i64,
    /// Listing id.
    pub listing_id: i64,
    /// Listing title.
    pub listing_title: String,
    /// The listing's seller.
    pub seller_name: String,
    /// Reason code.
    pub reason: ReasonCode,
    /// Item status.
    pub status: ItemStatus,
    /// When submitted.
    pub submitted_at: i64,
    /// When decided, if it was.
    pub decided_at: Option<i64>,
    /// For an item still in review: its deadline minus the time the list was read (negative
    /// once the marketplace is late).
    pub remaining_ms: Option<i64>,
}

/// A brand's report list: one page plus counts per status (under the other filters).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportList {
    /// The page of items.
    pub page: Page<ReportItemRow>,
    /// Items per status.
    pub counts: Vec<(ItemStatus, i64)>,
}

/// A report item with its listing, decision and history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemDetail {
    /// Item id.
    pub id: i64,
    /// The listing.
    pub listing: ListingView,
    /// The line as the brand entered it.
    pub line_text: String,
    /// Note from the CSV, if any.
    pub note: String,
    /// Status.
    pub status: ItemStatus,
    /// Review deadline.
    pub deadline_at: i64,
    /// Who decided, if decided.
    pub decided_by: Option<String>,
    /// When decided.
    pub decided_at: Option<i64>,
    /// Why rejected.
    pub rejection_code: Option<RejectionCode>,
    /// The reviewer's explanation.
    pub decision_note: String,
    /// Its history, oldest first.
    pub timeline: Vec<TimelineEntry>,
}

/// A report with everything its brand and reviewers may read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportDetail {
    /// Report number.
    pub id: i64,
    /// Reporting brand.
    pub brand_id: i64,
    /// Its name.
    pub brand_name: String,
    /// Who submitted it.
    pub submitted_by: String,
    /// The right relied on, as a one-line title.
    pub right_title: String,
    /// Reason code.
    pub reason: ReasonCode,
    /// The brand's explanation.
    pub explanation: String,
    /// Test-buy order number.
    pub test_buy_order: String,
    /// The declaration text as shown when it was made.
    pub declaration: String,
    /// The typed signature.
    pub signature: String,
    /// When received.
    pub submitted_at: i64,
    /// When it was read: pending items' deadlines are told against it.
    pub read_at: i64,
    /// The rejected item this corrects, if any.
    pub resubmits_item_id: Option<i64>,
    /// Evidence files.
    pub evidence: Vec<FileRef>,
    /// The reported listings.
    pub items: Vec<ItemDetail>,
}

/// What a resubmission starts from: the rejected item's report, pre-filled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resubmission {
    /// The rejected item.
    pub item_id: i64,
    /// Its report.
    pub report_id: i64,
    /// Right used.
    pub ip_right_id: i64,
    /// Reason code.
    pub reason: ReasonCode,
    /// Explanation given.
    pub explanation: String,
    /// Test-buy order.
    pub test_buy_order: String,
    /// The line as entered.
    pub line_text: String,
    /// Why it was rejected, to fix.
    pub rejection: String,
}

/// Rows read from an uploaded report CSV.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CsvRows {
    /// (listing reference, note) per data row, in file order.
    pub rows: Vec<(String, String)>,
}
