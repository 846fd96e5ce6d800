//! View models: the plain, serialisable data that server functions hand to pages.

use serde::{Deserialize, Serialize};

use crate::domain::{
    ItemStatus, ListingStatus, ReasonCode, RejectionCode, RightKind, RightStatus, Role, Tier,
};

/// The signed-in person, as the UI needs them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    /// User id.
    pub id: i64,
    /// Sign-in address.
    pub email: String,
    /// Name shown in the navigation.
    pub display_name: String,
    /// What they may do.
    pub role: Role,
    /// The brand, for brand staff.
    pub brand_id: Option<i64>,
    /// The brand's name, for brand staff.
    pub brand_name: Option<String>,
    /// The brand's tier in force, for brand staff (the navigation offers instant takedown
    /// to Joint-Force staff; the server checks again on every takedown).
    pub brand_tier: Option<Tier>,
    /// The seller account, for sellers.
    pub seller_id: Option<i64>,
    /// Authenticity inquiries waiting for the brand's answer, for brand staff (filled in for
    /// the navigation only).
    #[serde(default)]
    pub open_inquiries: i64,
}

impl CurrentUser {
    /// Where this person lands after signing in.
    pub fn home_path(&self) -> String {
        self.role.home_path(self.brand_id)
    }
}

/// One brand as listed for marketplace staff and shown on its own page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrandSummary {
    /// Brand id.
    pub id: i64,
    /// Brand name.
    pub name: String,
    /// Current trust tier.
    pub tier: Tier,
    /// Enrolled in Joint-Force by an admin.
    pub joint_force_enrolled: bool,
    /// The assigned account manager's name.
    pub manager_name: Option<String>,
    /// `active` or `suspended`.
    pub status: String,
    /// How many staff accounts the brand has.
    pub staff_count: i64,
}

/// A marketplace listing with its seller.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListingView {
    /// Listing id (also its reference on the marketplace).
    pub id: i64,
    /// Listing title.
    pub title: String,
    /// Product category.
    pub category: String,
    /// Price in minor units.
    pub price_cents: i64,
    /// ISO currency code.
    pub currency: String,
    /// Live, removed or restored.
    pub status: ListingStatus,
    /// Seller id.
    pub seller_id: i64,
    /// Seller's shop name.
    pub seller_name: String,
}

/// One page of a longer list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page<T> {
    /// The rows on this page.
    pub rows: Vec<T>,
    /// Rows in the whole list.
    pub total: i64,
    /// Zero-based page number.
    pub page: i64,
    /// Rows per page.
    pub per_page: i64,
}

impl<T> Page<T> {
    /// Number of pages in the whole list (at least one, so "page 1 of 1" reads right).
    pub fn page_count(&self) -> i64 {
        ((self.total + self.per_page - 1) / self.per_page.max(1)).max(1)
    }
}

/// A stored file as the UI shows and links it (never its bytes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRef {
    /// File id; downloaded from `/files/{id}`.
    pub id: i64,
    /// Name as uploaded (path removed).
    pub file_name: String,
    /// Type read from the file's bytes.
    pub content_type: String,
    /// Size in bytes.
    pub size_bytes: i64,
    /// Hex SHA-256 of the bytes, for the record.
    pub sha256: String,
}

impl FileRef {
    /// Where the file is downloaded.
    pub fn href(&self) -> String {
        format!("/files/{}", self.id)
    }
}

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

/// Filters on a brand's report list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
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
    /// Zero-based page.
    pub page: i64,
}

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
    /// Reason code.
    pub reason: ReasonCode,
    /// Item status.
    pub status: ItemStatus,
    /// When submitted.
    pub submitted_at: i64,
    /// When decided, if it was.
    pub decided_at: Option<i64>,
}

/// A brand's report list: one page plus counts per status (under the other filters).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportList {
    /// The page of items.
    pub page: Page<ReportItemRow>,
    /// Items per status.
    pub counts: Vec<(ItemStatus, i64)>,
}

/// One entry of a timeline or audit trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// When.
    pub at: i64,
    /// Who (name), `None` for the system.
    pub actor: Option<String>,
    /// What, as a stored verb (e.g. `item.removed`).
    pub action: String,
    /// Detail for people.
    pub detail: String,
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
}

/// What an upload endpoint answers when it refuses a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadRefusal {
    /// Why, in one sentence.
    pub error: String,
}

/// Rows read from an uploaded report CSV.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CsvRows {
    /// (listing reference, note) per data row, in file order.
    pub rows: Vec<(String, String)>,
}

/// An admin's override of a brand's tier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TierOverride {
    /// The tier imposed.
    pub tier: Tier,
    /// Why (mandatory).
    pub reason: String,
    /// When it lapses.
    pub until: i64,
}

/// Everything the tier card and its charts show for one brand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrustView {
    /// The brand.
    pub brand: BrandSummary,
    /// The tier the rules give (the override, if any, is in `override_`).
    pub computed_tier: Tier,
    /// Whether the figures meet Good Faith.
    pub good_faith: bool,
    /// Why the tier is what it is.
    pub reason: String,
    /// Locked out of Good Faith until.
    pub lockout_until: Option<i64>,
    /// Under a misuse warning since.
    pub warned_at: Option<i64>,
    /// Reports suspended until.
    pub suspended_until: Option<i64>,
    /// An admin override in force.
    pub override_: Option<TierOverride>,
    /// Figures in the window.
    pub figures: crate::domain::trust::Figures,
    /// The thresholds in force.
    pub policy: crate::domain::trust::TrustPolicy,
    /// Review target for this brand's reports, in hours.
    pub review_target_hours: i64,
    /// May take listings down instantly now.
    pub instant_takedown: bool,
    /// Distance to the next tier and to losing this one.
    pub distance: crate::domain::trust::Distance,
    /// Tier changes, warnings, suspensions, enrolments and overrides, newest first.
    pub history: Vec<TimelineEntry>,
    /// The last 26 weeks, oldest first: (week start, figures).
    pub weeks: Vec<(i64, crate::domain::trust::Figures)>,
    /// Figures per reason code in the window.
    pub per_reason: Vec<(ReasonCode, crate::domain::trust::Figures)>,
    /// Per staff member: (name, reports filed in the window, figures).
    pub per_staff: Vec<(String, i64, crate::domain::trust::Figures)>,
}

/// One row of the brands page for account managers and admins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrandStanding {
    /// The brand.
    pub brand: BrandSummary,
    /// Figures in the window.
    pub figures: crate::domain::trust::Figures,
    /// Accuracy over the last 30 days minus the 30 before, in basis points (`None` without data).
    pub trend_bp: Option<i64>,
    /// Under a misuse warning since.
    pub warned_at: Option<i64>,
    /// Reports suspended until.
    pub suspended_until: Option<i64>,
    /// An admin override in force.
    pub override_: Option<TierOverride>,
}

/// An account manager an admin can assign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManagerOption {
    /// User id.
    pub id: i64,
    /// Name.
    pub name: String,
}

/// One of a brand's recent instant takedowns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TakedownView {
    /// Item id.
    pub item_id: i64,
    /// Report number.
    pub report_id: i64,
    /// Listing id.
    pub listing_id: i64,
    /// Listing title.
    pub title: String,
    /// Retracted by the brand.
    pub retracted: bool,
    /// When it was taken down.
    pub taken_down_at: i64,
}

/// A sampled instant takedown waiting for the account manager's audit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditSample {
    /// The item taken down.
    pub item_id: i64,
    /// Its report.
    pub report_id: i64,
    /// The brand.
    pub brand_id: i64,
    /// The brand's name.
    pub brand_name: String,
    /// The reason the brand gave.
    pub reason: crate::domain::ReasonCode,
    /// The brand's explanation.
    pub explanation: String,
    /// Who took it down.
    pub submitted_by: String,
    /// When.
    pub taken_down_at: i64,
    /// The listing.
    pub listing: ListingView,
}

/// The manager's decision on an audit sample.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum AuditVerdict {
    /// The takedown was right.
    Confirm,
    /// The takedown was wrong: restore the listing; counts against the brand.
    Overturn {
        /// Why, as a code.
        code: crate::domain::RejectionCode,
        /// Why, in words.
        explanation: String,
    },
}

/// What the manager searches the marketplace for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListingSearch {
    /// The Joint-Force brand the suspicion rules are applied for.
    pub brand_id: i64,
    /// Words in the title.
    pub text: String,
    /// Words in the seller's name.
    pub seller: String,
    /// Lowest price, in whole currency units as typed ("" for none).
    pub min_price: String,
    /// Highest price, as typed.
    pub max_price: String,
    /// Only listings a suspicion rule flags.
    pub flagged_only: bool,
}

/// A live listing as the manager's search shows it, with the rules that flag it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlaggedListing {
    /// The listing.
    pub listing: ListingView,
    /// The rules that fired, with the facts behind each.
    pub rules: Vec<(crate::domain::joint_force::SuspicionRule, String)>,
    /// The brand answered "genuine" about it before.
    pub cleared: bool,
    /// The inquiry about it still waiting for the brand, if any.
    pub open_inquiry: Option<i64>,
}

/// How often brands answered "counterfeit" about listings a rule flagged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleFeedback {
    /// The rule.
    pub rule: crate::domain::joint_force::SuspicionRule,
    /// Inquiries sent from it.
    pub asked: i64,
    /// Answered counterfeit.
    pub counterfeit: i64,
    /// Answered genuine.
    pub genuine: i64,
    /// Answered unsure.
    pub unsure: i64,
}

/// An inquiry as the brand and the manager see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InquiryView {
    /// Inquiry number.
    pub id: i64,
    /// The brand asked.
    pub brand_id: i64,
    /// Its name.
    pub brand_name: String,
    /// The listing asked about.
    pub listing: ListingView,
    /// Who asked.
    pub asked_by: String,
    /// The question.
    pub question: String,
    /// The suspicion rule the manager started from, if any.
    pub rule: Option<crate::domain::joint_force::SuspicionRule>,
    /// Where it is (an open one past its deadline shows as expired).
    pub status: crate::domain::joint_force::InquiryStatus,
    /// The brand's comment with its answer.
    pub comment: String,
    /// Who answered, when.
    pub answered: Option<(String, i64)>,
    /// The report (and item) a "counterfeit" answer created.
    pub report_item: Option<(i64, i64)>,
    /// Sent at.
    pub created_at: i64,
    /// Answer by.
    pub deadline_at: i64,
}

/// A new inquiry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InquiryDraft {
    /// The brand asked.
    pub brand_id: i64,
    /// The listing.
    pub listing_id: i64,
    /// The question.
    pub question: String,
    /// Hours to answer.
    pub deadline_hours: i64,
    /// The rule the manager started from.
    pub rule: Option<crate::domain::joint_force::SuspicionRule>,
}

/// The brand's answer to an inquiry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InquiryAnswer {
    /// The inquiry.
    pub inquiry_id: i64,
    /// Counterfeit, genuine or unsure.
    pub answer: crate::domain::joint_force::Answer,
    /// Optional comment for the manager.
    pub comment: String,
    /// For "counterfeit": the verified right the removal relies on.
    pub ip_right_id: i64,
    /// For "counterfeit": the good-faith declaration was ticked.
    pub declared: bool,
    /// For "counterfeit": the typed signature under the good-faith declaration.
    pub signature: String,
}

/// A brand's reference price for a product line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferencePrice {
    /// Row id.
    pub id: i64,
    /// Product line, as it appears in listing titles.
    pub product_line: String,
    /// Usual price, in cents.
    pub price_cents: i64,
}

/// A seller on a brand's authorised list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthorisedSeller {
    /// Seller id.
    pub seller_id: i64,
    /// Shop name.
    pub name: String,
    /// Country.
    pub country: String,
}

/// Reference prices and authorised sellers of one brand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuspicionLists {
    /// Product lines with usual prices.
    pub prices: Vec<ReferencePrice>,
    /// Authorised sellers.
    pub sellers: Vec<AuthorisedSeller>,
}

/// The account manager's home: what waits for them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManagerDesk {
    /// Sampled instant takedowns to audit.
    pub audits: Vec<AuditSample>,
    /// Inquiries they sent, newest first.
    pub inquiries: Vec<InquiryView>,
    /// Overdue review items, most overdue first.
    pub overdue: Vec<QueueRow>,
    /// All overdue items (capped like the queue's count).
    pub overdue_total: i64,
}

/// A change a brand makes to its suspicion-rule lists, as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ListEdit {
    /// Add a product line, or change its price.
    SetPrice {
        /// As it appears in listing titles.
        product_line: String,
        /// Usual price as typed, e.g. "349.00".
        price: String,
    },
    /// Remove a product line.
    RemovePrice(i64),
    /// Authorise a seller by shop name.
    AddSeller(String),
    /// Take a seller off the list.
    RemoveSeller(i64),
}

/// A seller's counter-notice against a removal, with the brand's response and the decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppealView {
    /// Counter-notice id.
    pub id: i64,
    /// The removed report item it contests.
    pub item_id: i64,
    /// The report the item belongs to.
    pub report_id: i64,
    /// The listing.
    pub listing: ListingView,
    /// The reporting brand.
    pub brand_id: i64,
    /// Its name.
    pub brand_name: String,
    /// The seller's ground.
    pub ground: crate::domain::appeal::CounterGround,
    /// The seller's statement.
    pub statement: String,
    /// Contact name, e-mail and postal address, for the rights holder.
    pub contact: [String; 3],
    /// When it was filed.
    pub filed_at: i64,
    /// Until when the brand may respond.
    pub response_due_at: i64,
    /// The brand's response, if it gave one.
    pub response: Option<AppealResponse>,
    /// Files the seller attached.
    pub seller_files: Vec<FileRef>,
    /// Files the brand attached to its response.
    pub brand_files: Vec<FileRef>,
    /// Open, restored or removal upheld.
    pub status: crate::domain::appeal::AppealStatus,
    /// The brand's window passed without a response.
    pub no_response: bool,
    /// Who decided, by name.
    pub decided_by: Option<String>,
    /// When.
    pub decided_at: Option<i64>,
    /// The explanation the seller reads (removal upheld) or the note of a restoration.
    pub decision_note: String,
}

/// The brand's answer to a counter-notice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppealResponse {
    /// Evidence or legal action.
    pub kind: crate::domain::appeal::ResponseKind,
    /// What the brand wrote.
    pub text: String,
    /// Who, by name.
    pub by: String,
    /// When.
    pub at: i64,
}

/// What the seller of a removed listing is told, and where their appeal stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemovalCase {
    /// The removed report item.
    pub item_id: i64,
    /// Its status.
    pub item_status: ItemStatus,
    /// The statement of reasons.
    pub statement: StatementOfReasons,
    /// The facts relied on: the brand's explanation without personal data.
    pub facts: String,
    /// When the counter-notice window closes.
    pub appeal_closes_at: i64,
    /// Whether it is still open (decided on the server, whose clock counts).
    pub appeal_open: bool,
    /// The seller's counter-notice, if filed.
    pub appeal: Option<AppealView>,
}

/// One strike on a seller.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StrikeView {
    /// The removed listing.
    pub listing_id: i64,
    /// Its title.
    pub title: String,
    /// The report item behind it.
    pub item_id: i64,
    /// When the strike was given.
    pub struck_at: i64,
    /// When it stops counting.
    pub counts_until: i64,
}

/// A seller's strikes and suspension, as the seller sees them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SellerStanding {
    /// The seller's name.
    pub name: String,
    /// Strikes counting now, newest first.
    pub strikes: Vec<StrikeView>,
    /// Strikes that suspend.
    pub limit: i64,
    /// The window strikes count in, in days.
    pub window_days: i64,
    /// Suspended until then, if suspended now.
    pub suspended_until: Option<i64>,
    /// Why.
    pub suspension_reason: String,
}

/// A suspended seller, for the admin's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuspendedSeller {
    /// Seller id.
    pub seller_id: i64,
    /// Name.
    pub name: String,
    /// Suspended until.
    pub until: i64,
    /// Why.
    pub reason: String,
    /// Whether the strikes rule suspended them (rather than an admin).
    pub by_rule: bool,
}
