//! Marketplace listings: the public listing page and a seller's own listings.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::{ListingView, Page};
use crate::wire::Wire;

/// Rows per page on the seller's listing table.
pub const SELLER_PAGE_SIZE: i64 = 50;

/// A listing's public page: anyone may read it, as on the marketplace itself.
#[server(prefix = "/api", endpoint = "listings/get_listing", output = Wire)]
pub async fn get_listing(
    /// The listing to show.
    listing_id: i64,
) -> Result<ListingView, AppError> {
    use crate::api::support::{app_state, boundary};
    boundary(async move {
        let ctx = app_state()?.context();
        let caller = crate::auth::optional_user().await?;
        crate::service::listings::get_listing(&ctx, caller.as_ref(), listing_id).await
    })
    .await
}

/// A brand's staff member's view of a listing: their brand's items on it and whether a
/// report may name it. Brand staff only.
#[server(prefix = "/api", endpoint = "listings/brand_on_listing", output = Wire)]
pub async fn brand_on_listing(
    /// The listing.
    listing_id: i64,
) -> Result<crate::model::BrandOnListing, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::listings::brand_on_listing(&ctx, &caller, listing_id).await
    })
    .await
}

/// One page of the calling seller's own listings.
#[server(prefix = "/api", endpoint = "sellers/list_my_listings", output = Wire)]
pub async fn list_my_listings(
    /// Zero-based page number.
    page: i64,
) -> Result<Page<crate::model::SellerListing>, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::listings::list_my_listings(&ctx, &caller, page).await
    })
    .await
}
