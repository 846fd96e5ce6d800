//! The review queue and decisions, and what the public learns about a removal.

use leptos::prelude::*;
use server_fn::codec::Json;

use crate::error::AppError;
use crate::model::{
    DecideOutcome, Decision, Page, QueueFilter, QueueRow, StatementOfReasons, TimelineEntry,
};
use crate::wire::Wire;

/// One page of the review queue: pending items of the caller's brands (account managers)
/// or of all brands (admins), in priority order.
#[server(prefix = "/api", endpoint = "review/review_queue", input = Json, output = Wire)]
pub async fn review_queue(
    /// Filters and page.
    filter: QueueFilter,
) -> Result<Page<QueueRow>, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::review::review_queue(&ctx, &caller, &filter).await
    })
    .await
}

/// Decides items: each in its own transaction, so one that someone else decided first is
/// reported ("already decided by …") without holding up the rest. The caller must be the
/// account manager of every item's brand, or an admin; otherwise nothing is decided.
#[server(prefix = "/api", endpoint = "review/decide_items", input = Json, output = Wire)]
pub async fn decide_items(
    /// The items.
    item_ids: Vec<i64>,
    /// Remove, or reject with a code and explanation.
    decision: Decision,
) -> Result<DecideOutcome, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::review::decide_items(&ctx, &caller, &item_ids, decision).await
    })
    .await
}

/// Why a listing was removed (DSA Art. 17): public, like the listing page itself.
#[server(prefix = "/api", endpoint = "listings/statement_of_reasons", output = Wire)]
pub async fn get_statement_of_reasons(
    /// The listing.
    listing_id: i64,
) -> Result<Option<StatementOfReasons>, AppError> {
    use crate::api::support::{app_state, boundary};
    boundary(async move {
        crate::service::review::statement_of_reasons(&app_state()?.context(), listing_id).await
    })
    .await
}

/// A listing's audit trail: for account managers (events of their brands and the
/// marketplace's own), admins, and the listing's own seller (who follows their case in it).
#[server(prefix = "/api", endpoint = "listings/listing_trail", output = Wire)]
pub async fn listing_trail(
    /// The listing.
    listing_id: i64,
) -> Result<Vec<TimelineEntry>, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::review::listing_trail(&ctx, &caller, listing_id).await
    })
    .await
}
