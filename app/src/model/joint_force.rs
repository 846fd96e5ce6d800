//! Joint-Force: instant takedowns and their audit, the manager's listing search with the
//! suspicion rules, authenticity inquiries, and the brand's lists the rules use.

use serde::{Deserialize, Serialize};

use super::{ListingView, QueueRow};

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

/// Results per page of a listing search.
pub const SEARCH_PAGE: i64 = 20;

/// A listing search ranks the newest this many matches: ten pages, and a bounded amount of
/// rule checking however large the marketplace.
pub const SEARCH_WINDOW: i64 = 200;

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
    /// Zero-based page of the ranked results.
    #[serde(default)]
    pub page: i64,
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
    /// Brands that reached a takedown cap in the last day.
    pub cap_alerts: Vec<CapAlert>,
    /// Strikes from instant takedowns waiting for a person's confirmation.
    pub strikes_to_confirm: Vec<StrikesToConfirm>,
}

/// A brand that reached its instant-takedown cap: takedowns beyond it were refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CapAlert {
    /// The brand.
    pub brand_id: i64,
    /// Its name.
    pub brand: String,
    /// When it last reached a cap.
    pub alerted_at: i64,
    /// Listings it took down in the current hour, and the hourly cap.
    pub this_hour: (i64, i64),
    /// Listings it took down today (UTC), and the daily cap.
    pub today: (i64, i64),
}

/// One brand's instant takedowns that struck one seller, waiting for a person: they count
/// towards the seller's suspension only once confirmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StrikesToConfirm {
    /// The seller.
    pub seller_id: i64,
    /// Their name.
    pub seller: String,
    /// The brand.
    pub brand_id: i64,
    /// Its name.
    pub brand: String,
    /// Strikes waiting.
    pub waiting: i64,
    /// The seller's strikes that count now.
    pub counted: i64,
    /// Strikes that suspend a seller.
    pub limit: i64,
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
