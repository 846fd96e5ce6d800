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
    use crate::domain::Role;
    boundary(async move {
        let pool = &app_state()?.db.pool;
        let listing = crate::db::listings::find(pool, listing_id)
            .await?
            .ok_or_else(|| AppError::NotFound("There is no listing with that number.".into()))?;
        // A suspended seller's listings are off the marketplace; the seller and the
        // marketplace's staff still see them.
        let now = crate::db::now_ms();
        if crate::db::strikes::hidden_by_suspension(pool, listing_id, now).await? {
            let user = crate::auth::optional_user().await?;
            let insider = user.is_some_and(|user| {
                matches!(user.role, Role::AccountManager | Role::Admin)
                    || user.seller_id == Some(listing.seller_id)
            });
            if !insider {
                return Err(AppError::NotFound(
                    "This listing is not available: its seller is suspended from the marketplace."
                        .into(),
                ));
            }
        }
        Ok(listing)
    })
    .await
}

/// One page of the calling seller's own listings.
#[server(prefix = "/api", endpoint = "sellers/list_my_listings", output = Wire)]
pub async fn list_my_listings(
    /// Zero-based page number.
    page: i64,
) -> Result<Page<ListingView>, AppError> {
    use crate::api::support::{app_state, boundary};
    use crate::domain::Role;
    boundary(async move {
        let user = crate::auth::require_role(&[Role::Seller]).await?;
        let seller_id = user.seller_id.ok_or(AppError::Internal)?;
        if page < 0 {
            return Err(AppError::field("page", "Page numbers start at 1."));
        }
        Ok(crate::db::listings::page_for_seller(
            &app_state()?.db.pool,
            seller_id,
            page,
            SELLER_PAGE_SIZE,
        )
        .await?)
    })
    .await
}
