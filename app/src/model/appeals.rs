//! The seller's side of a removal: counter-notices and the brand's responses, the removal
//! case the seller reads, strikes and suspensions.

use serde::{Deserialize, Serialize};

use crate::domain::ItemStatus;

use super::{FileRef, ListingView, StatementOfReasons};

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

impl AppealView {
    /// The counter-notice as its seller reads it: roles instead of staff names, and the
    /// brand's response without e-mail addresses or phone numbers.
    pub fn as_told_to_seller(mut self) -> Self {
        use crate::domain::{account::Role, appeal};
        if let Some(response) = &mut self.response {
            response.by = appeal::role_for_seller(Some(Role::BrandStaff)).to_owned();
            response.text = appeal::redact_personal_data(&response.text);
        }
        if self.decided_by.is_some() {
            self.decided_by = Some(appeal::role_for_seller(Some(Role::AccountManager)).to_owned());
        }
        self.decision_note = appeal::redact_personal_data(&self.decision_note);
        self
    }
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
    /// Whether it counts towards suspension: a strike from an instant takedown waits for
    /// marketplace staff to confirm it.
    pub confirmed: bool,
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
