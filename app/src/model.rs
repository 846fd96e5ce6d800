//! View models: the plain, serialisable data that server functions hand to pages.

use serde::{Deserialize, Serialize};

use crate::domain::{ListingStatus, Role, Tier};

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
    /// The seller account, for sellers.
    pub seller_id: Option<i64>,
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
