//! The seller's side of a removal: the statement of reasons addressed to the seller,
//! counter-notices, the brand's response, the account manager's decision, strikes and
//! suspensions, and the public marketplace pages that leave suspended sellers out.

use leptos::prelude::*;
use server_fn::codec::Json;

use crate::domain::appeal::{AppealDecision, CounterNoticeDraft};
use crate::error::AppError;
use crate::model::{AppealView, ListingView, RemovalCase, SellerStanding, SuspendedSeller};
use crate::wire::Wire;

/// The statement of reasons for a removed listing as its seller receives it, with the facts
/// relied on and the counter-notice. For the listing's own seller, the reporting brand's
/// staff, the brand's account manager and admins; `None` if the listing is not removed.
#[server(prefix = "/api", endpoint = "appeals/get_removal_case", output = Wire)]
pub async fn get_removal_case(
    /// The listing.
    listing_id: i64,
) -> Result<Option<RemovalCase>, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::appeals::removal_case(&ctx, &caller, listing_id).await
    })
    .await
}

/// Files a counter-notice on one of the calling seller's removed listings.
#[server(prefix = "/api", endpoint = "appeals/file_counter_notice", input = Json, output = Wire)]
pub async fn file_counter_notice(
    /// What the seller entered.
    draft: CounterNoticeDraft,
) -> Result<i64, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::appeals::file_counter_notice(&ctx, &caller, &draft).await
    })
    .await
}

/// The counter-notices on a report's items: the brand's staff, its manager, admins.
#[server(prefix = "/api", endpoint = "appeals/list_report_appeals", output = Wire)]
pub async fn list_report_appeals(
    /// The report.
    report_id: i64,
) -> Result<Vec<AppealView>, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::appeals::report_appeals(&ctx, &caller, report_id).await
    })
    .await
}

/// The brand's response to a counter-notice on one of its items: its own staff only,
/// within the response window.
#[server(prefix = "/api", endpoint = "appeals/respond_to_counter_notice", input = Json, output = Wire)]
pub async fn respond_to_counter_notice(
    /// The counter-notice.
    appeal_id: i64,
    /// `evidence` or `legal_action`.
    kind: String,
    /// The brand's statement.
    text: String,
    /// Uploaded evidence files.
    file_ids: Vec<i64>,
) -> Result<(), AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::appeals::respond_to_counter_notice(
            &ctx, &caller, appeal_id, &kind, &text, &file_ids,
        )
        .await
    })
    .await
}

/// Open counter-notices for the calling account manager's brands (admins: all brands), those
/// without a response from the rights holder first.
#[server(prefix = "/api", endpoint = "appeals/appeals_queue", output = Wire)]
pub async fn appeals_queue() -> Result<Vec<AppealView>, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::appeals::appeals_queue(&ctx, &caller).await
    })
    .await
}

/// Restores the listing or upholds the removal: the brand's account manager or an admin,
/// never the system (DSA Art. 20(6)). Returns what happened, for the page to say.
#[server(prefix = "/api", endpoint = "appeals/decide_counter_notice", input = Json, output = Wire)]
pub async fn decide_counter_notice(
    /// The counter-notice.
    appeal_id: i64,
    /// Restore or uphold.
    decision: AppealDecision,
) -> Result<String, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::appeals::decide_counter_notice(&ctx, &caller, appeal_id, &decision).await
    })
    .await
}

/// The calling seller's strikes and suspension.
#[server(prefix = "/api", endpoint = "appeals/get_seller_standing", output = Wire)]
pub async fn get_seller_standing() -> Result<SellerStanding, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::appeals::seller_standing(&ctx, &caller).await
    })
    .await
}

/// Sellers suspended now: admins only.
#[server(prefix = "/api", endpoint = "appeals/list_suspended_sellers", output = Wire)]
pub async fn list_suspended_sellers() -> Result<Vec<SuspendedSeller>, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::appeals::suspended_sellers(&ctx, &caller).await
    })
    .await
}

/// Lifts a seller's suspension with a reason: admins only.
#[server(prefix = "/api", endpoint = "appeals/lift_seller_suspension", output = Wire)]
pub async fn lift_seller_suspension(
    /// The seller.
    seller_id: i64,
    /// Why, for the record.
    reason: String,
) -> Result<(), AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::appeals::lift_seller_suspension(&ctx, &caller, seller_id, &reason).await
    })
    .await
}

// Rows per page of the marketplace page: a seller rule, kept here too for the page's path.
pub use crate::domain::appeal::MARKET_PAGE_SIZE;

/// The marketplace's public page: listings on sale (not removed, not of a suspended seller),
/// newest first, optionally those whose title contains `query`. Returns one more row than a
/// page when there is a next page.
#[server(prefix = "/api", endpoint = "listings/market_listings", output = Wire)]
pub async fn market_listings(
    /// Words in the title (empty for all).
    query: String,
    /// Zero-based page.
    page: i64,
) -> Result<Vec<ListingView>, AppError> {
    use crate::api::support::{app_state, boundary};
    boundary(async move {
        let ctx = app_state()?.context();
        crate::service::appeals::market_listings(&ctx, &query, page).await
    })
    .await
}
