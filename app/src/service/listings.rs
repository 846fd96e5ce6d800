//! Listings: the public listing page and a seller's own listings.

use crate::api::listings::SELLER_PAGE_SIZE;
use crate::db::{listings, strikes};
use crate::domain::ItemStatus;
use crate::domain::Role;
use crate::domain::appeal::AppealStatus;
use crate::error::AppError;
use crate::model::{
    BrandItemOnListing, BrandOnListing, CurrentUser, ListingView, Page, SellerListing,
};
use crate::service::{Context, access};

/// A listing's public page: anyone may read it, as on the marketplace itself. A suspended
/// seller's listings are off the marketplace; the seller and the marketplace's staff
/// (`caller`, if signed in) still see them.
pub async fn get_listing(
    ctx: &Context,
    caller: Option<&CurrentUser>,
    listing_id: i64,
) -> Result<ListingView, AppError> {
    let listing = listings::find(&ctx.db.pool, listing_id)
        .await?
        .ok_or_else(|| AppError::NotFound("There is no listing with that number.".into()))?;
    if strikes::hidden_by_suspension(&ctx.db.pool, listing_id, ctx.now()).await? {
        let insider = caller.is_some_and(|caller| {
            matches!(caller.role, Role::AccountManager | Role::Admin)
                || caller.seller_id == Some(listing.seller_id)
        });
        if !insider {
            return Err(AppError::NotFound(
                "This listing is not available: its seller is suspended from the marketplace."
                    .into(),
            ));
        }
    }
    Ok(listing)
}

/// What a brand's staff member may do about a listing from its page: their brand's items on
/// it, and whether a report may name it (on sale, not removed, not already under review for
/// the brand). Brand staff only; the listing itself is public.
pub async fn brand_on_listing(
    ctx: &Context,
    caller: &CurrentUser,
    listing_id: i64,
) -> Result<BrandOnListing, AppError> {
    access::role(caller, &[Role::BrandStaff])?;
    let brand_id = caller.brand_id.ok_or(AppError::Internal)?;
    let listing = get_listing(ctx, Some(caller), listing_id).await?;
    let items: Vec<BrandItemOnListing> = listings::brand_items(&ctx.db.pool, brand_id, listing_id)
        .await?
        .into_iter()
        .map(
            |(item_id, report_id, status, submitted_at)| BrandItemOnListing {
                item_id,
                report_id,
                status: ItemStatus::parse(&status).unwrap_or(ItemStatus::Pending),
                submitted_at,
            },
        )
        .collect();
    let may_report = listing.status != crate::domain::ListingStatus::Removed
        && !items.iter().any(|item| item.status == ItemStatus::Pending);
    Ok(BrandOnListing {
        brand_id,
        items,
        may_report,
    })
}

/// One page (zero-based) of the calling seller's own listings, the removals they may still
/// appeal first.
pub async fn list_my_listings(
    ctx: &Context,
    caller: &CurrentUser,
    page: i64,
) -> Result<Page<SellerListing>, AppError> {
    access::role(caller, &[Role::Seller])?;
    let seller_id = caller.seller_id.ok_or(AppError::Internal)?;
    let page = crate::service::page_within(page, crate::domain::limits::MAX_PAGE)?;
    let now = ctx.now();
    let sellers = &ctx.rules.sellers;
    // A removal decided after this instant is still inside its counter-notice window.
    let window_opened_after = now - sellers.counter_notice_days * crate::domain::trust::DAY_MS;
    let found = listings::page_for_seller(
        &ctx.db.pool,
        seller_id,
        page,
        SELLER_PAGE_SIZE,
        window_opened_after,
    )
    .await?;
    Ok(Page {
        rows: found
            .rows
            .into_iter()
            .map(|row| SellerListing {
                appeal_closes_at: row.removed_at.map(|at| sellers.appeal_closes_at(at)),
                appeal: row.appeal_status.as_deref().and_then(AppealStatus::parse),
                read_at: now,
                listing: row.listing(),
            })
            .collect(),
        total: found.total,
        page: found.page,
        per_page: found.per_page,
    })
}
