//! Who is signed in, the brands they work for, and the account managers an admin can assign.

use serde::{Deserialize, Serialize};

use crate::domain::{Role, Tier};

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
    /// A brand admin: brand staff who may also manage the brand's people.
    #[serde(default)]
    pub brand_admin: bool,
    /// Authenticity inquiries waiting for the brand's answer, for brand staff (filled in for
    /// the navigation only).
    #[serde(default)]
    pub open_inquiries: i64,
    /// Notifications they have not read (filled in for the navigation's bell only).
    #[serde(default)]
    pub unread_notifications: i64,
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
    /// The person the marketplace writes to about the programme.
    pub contact_name: String,
    /// Their address.
    pub contact_email: String,
    /// When an admin deactivated the brand (its staff cannot sign in; its data stays).
    pub deactivated_at: Option<i64>,
    /// Why.
    pub deactivated_reason: String,
}

/// An account manager an admin can assign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManagerOption {
    /// User id.
    pub id: i64,
    /// Name.
    pub name: String,
}

/// One of the signed-in person's sessions, as their account page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionView {
    /// Names the session to end it (not the session's secret id).
    pub handle: String,
    /// The device, in words ("Firefox on Linux").
    pub device: String,
    /// When the person signed in there.
    pub signed_in_at: i64,
    /// When it ends unless it is used before.
    pub expires_at: i64,
    /// Whether it is the session of the request asking (this browser).
    pub this_device: bool,
}

/// One account as the admins' People page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonView {
    /// User id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Sign-in address.
    pub email: String,
    /// What they may do.
    pub role: Role,
    /// The brand (brand staff) or seller (sellers) they belong to.
    pub belongs_to: Option<String>,
    /// When an admin deactivated the account (`None`: active).
    pub deactivated_at: Option<i64>,
    /// Why, as the admin wrote it.
    pub deactivated_reason: String,
    /// When they last signed in, from their sessions (`None`: not signed in anywhere now).
    pub last_signed_in: Option<i64>,
    /// Whether this is the admin looking (who cannot deactivate themselves).
    pub you: bool,
    /// A brand admin (brand staff who manage the brand's people).
    pub brand_admin: bool,
}

/// The People page's list: the accounts that match, and how many match in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeopleList {
    /// The accounts shown, by name.
    pub people: Vec<PersonView>,
    /// How many accounts match the filter (more than shown when over the page's size).
    pub matching: i64,
}

/// One account manager's work, for admins balancing it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManagerLoad {
    /// User id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Whether the account is deactivated.
    pub deactivated: bool,
    /// How many brands they look after.
    pub brand_count: i64,
    /// The first of those brands by name (at most [`MANAGER_BRANDS_NAMED`]).
    pub brands: Vec<String>,
    /// Items waiting in their queue.
    pub pending: i64,
    /// Of those, past their review deadline.
    pub overdue: i64,
}

/// How many of a manager's brands the People page names.
pub const MANAGER_BRANDS_NAMED: i64 = 12;
