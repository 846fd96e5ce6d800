//! What many areas share: a marketplace listing, a page of a longer list, a stored file,
//! an entry of a history, and an upload's refusal.

use serde::{Deserialize, Serialize};

use crate::domain::ListingStatus;

/// A marketplace listing with its seller.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListingView {
    /// The portal's id of the listing (its page is `/listings/<id>`).
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
    /// The marketplace's id of the listing: what brands type and paste.
    pub marketplace_id: String,
    /// Its address on the marketplace (empty for listings the marketplace never sent).
    pub url: String,
    /// Seller id.
    pub seller_id: i64,
    /// Seller's shop name.
    pub seller_name: String,
}

/// A seller's own listing on their home, with where its appeal stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SellerListing {
    /// The listing.
    pub listing: ListingView,
    /// For a removed listing: when the counter-notice window of its latest removal closes
    /// (in the past once it has closed).
    pub appeal_closes_at: Option<i64>,
    /// The latest counter-notice filed against a removal of it, if any.
    pub appeal: Option<crate::domain::appeal::AppealStatus>,
    /// When the page was read, to tell an open window from a closed one.
    pub read_at: i64,
}

impl SellerListing {
    /// Removed, not appealed, and the window still open: the seller can act.
    pub fn may_appeal(&self) -> bool {
        self.listing.status == crate::domain::ListingStatus::Removed
            && self.appeal.is_none()
            && self.appeal_closes_at.is_some_and(|at| at > self.read_at)
    }
}

/// One of the reader's brand's report items on a listing, for the listing's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrandItemOnListing {
    /// The item.
    pub item_id: i64,
    /// Its report.
    pub report_id: i64,
    /// Where it stands.
    pub status: crate::domain::ItemStatus,
    /// When it was filed.
    pub submitted_at: i64,
}

/// What the listing's page offers a brand's staff: their brand's items on it (newest first)
/// and whether a new report may name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrandOnListing {
    /// The reader's brand.
    pub brand_id: i64,
    /// Its items on the listing, newest first (at most [`BRAND_ITEMS_SHOWN`]).
    pub items: Vec<BrandItemOnListing>,
    /// The listing is on sale and not under review for the brand: a report may name it.
    pub may_report: bool,
}

/// A listing's page shows at most this many of the brand's items on it.
pub const BRAND_ITEMS_SHOWN: i64 = 20;

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

impl<T> Default for Page<T> {
    /// An empty list (no `T: Default` needed, as a derive would ask).
    fn default() -> Self {
        Page {
            rows: Vec::new(),
            total: 0,
            page: 0,
            per_page: 1,
        }
    }
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

/// What an upload endpoint answers when it refuses a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadRefusal {
    /// Why, in one sentence.
    pub error: String,
}
