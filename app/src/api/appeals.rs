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
    use crate::api::support::{app_state, boundary};
    use crate::domain::Role;
    boundary(async move {
        let user = crate::auth::current_user().await?;
        let state = app_state()?;
        let pool = &state.db.pool;
        let listing = crate::db::listings::find(pool, listing_id)
            .await?
            .ok_or_else(|| AppError::NotFound("There is no listing with that number.".into()))?;
        let allowed = match user.role {
            Role::Seller => user.seller_id == Some(listing.seller_id),
            _ => match crate::db::counter_notices::brand_of_removal(pool, listing_id).await? {
                Some(brand_id) => crate::service::access::may_access_brand(&state.context(), &user, brand_id).await?,
                None => user.role == Role::Admin,
            },
        };
        if !allowed {
            return Err(AppError::Forbidden(
                "Only the listing's seller and the people handling the case can read this statement."
                    .into(),
            ));
        }
        Ok(crate::db::counter_notices::removal_case(
            pool,
            listing_id,
            &state.rules.sellers,
            crate::db::now_ms(),
        )
        .await?)
    })
    .await
}

/// Files a counter-notice on one of the calling seller's removed listings.
#[server(prefix = "/api", endpoint = "appeals/file_counter_notice", input = Json, output = Wire)]
pub async fn file_counter_notice(
    /// What the seller entered.
    draft: CounterNoticeDraft,
) -> Result<i64, AppError> {
    use crate::api::support::{app_state, boundary};
    use crate::domain::Role;
    boundary(async move {
        let user = crate::auth::require_role(&[Role::Seller]).await?;
        let seller_id = user.seller_id.ok_or(AppError::Internal)?;
        let state = app_state()?;
        let listing = crate::db::listings::find(&state.db.pool, draft.listing_id)
            .await?
            .ok_or_else(|| AppError::NotFound("There is no listing with that number.".into()))?;
        if listing.seller_id != seller_id {
            return Err(AppError::Forbidden(
                "You can only file a counter-notice on your own listings.".into(),
            ));
        }
        let errors = crate::domain::appeal::check_counter_notice(&draft);
        if !errors.is_empty() {
            return Err(AppError::Validation(errors));
        }
        crate::db::counter_notices::file(
            &state.db,
            &draft,
            (user.id, seller_id),
            &state.rules,
            crate::db::now_ms(),
        )
        .await?
        .map_err(|(field, message)| AppError::field(field, message))
    })
    .await
}

/// The counter-notices on a report's items: the brand's staff, its manager, admins.
#[server(prefix = "/api", endpoint = "appeals/list_report_appeals", output = Wire)]
pub async fn list_report_appeals(
    /// The report.
    report_id: i64,
) -> Result<Vec<AppealView>, AppError> {
    use crate::api::support::{app_state, boundary};
    boundary(async move {
        let pool = &app_state()?.db.pool;
        let brand_id = crate::db::reports::brand_of_report(pool, report_id)
            .await?
            .ok_or_else(|| AppError::NotFound("There is no report with that number.".into()))?;
        crate::auth::require_brand_access(brand_id).await?;
        Ok(crate::db::counter_notices::of_report(pool, report_id, crate::db::now_ms()).await?)
    })
    .await
}

/// The brand's counter-notices still waiting for its response: the brand's staff, its
/// manager, admins.
#[server(prefix = "/api", endpoint = "appeals/count_awaiting_response", output = Wire)]
pub async fn count_awaiting_response(
    /// The brand.
    brand_id: i64,
) -> Result<i64, AppError> {
    use crate::api::support::{app_state, boundary};
    boundary(async move {
        crate::auth::require_brand_access(brand_id).await?;
        Ok(crate::db::counter_notices::awaiting_response(
            &app_state()?.db.pool,
            brand_id,
            crate::db::now_ms(),
        )
        .await?)
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
    use crate::api::support::{app_state, boundary};
    boundary(async move {
        let state = app_state()?;
        let brand_id = crate::db::counter_notices::brand_of(&state.db.pool, appeal_id)
            .await?
            .ok_or_else(|| {
                AppError::NotFound("There is no counter-notice with that number.".into())
            })?;
        let user = crate::auth::require_own_brand_staff(brand_id).await?;
        let kind = crate::domain::appeal::check_response(&kind, &text)
            .map_err(|(field, message)| AppError::field(field, message))?;
        if file_ids.len() > 10 {
            return Err(AppError::field("files", "Attach at most 10 files."));
        }
        crate::db::counter_notices::respond(
            &state.db,
            appeal_id,
            kind,
            &text,
            &file_ids,
            user.id,
            crate::db::now_ms(),
        )
        .await?
        .map_err(|(field, message)| AppError::field(field, message))
    })
    .await
}

/// Open counter-notices for the calling account manager's brands (admins: all brands), those
/// without a response from the rights holder first.
#[server(prefix = "/api", endpoint = "appeals/appeals_queue", output = Wire)]
pub async fn appeals_queue() -> Result<Vec<AppealView>, AppError> {
    use crate::api::support::{app_state, boundary};
    use crate::domain::Role;
    boundary(async move {
        let user = crate::auth::require_role(&[Role::AccountManager, Role::Admin]).await?;
        let scope = (user.role == Role::AccountManager).then_some(user.id);
        Ok(
            crate::db::counter_notices::queue(&app_state()?.db.pool, scope, crate::db::now_ms())
                .await?,
        )
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
    use crate::api::support::{app_state, boundary};
    boundary(async move {
        let state = app_state()?;
        let brand_id = crate::db::counter_notices::brand_of(&state.db.pool, appeal_id)
            .await?
            .ok_or_else(|| AppError::NotFound("There is no counter-notice with that number.".into()))?;
        let user = crate::auth::require_reviewer_of(brand_id).await?;
        if let AppealDecision::Uphold { explanation } = &decision
            && explanation.trim().chars().count() < 10
        {
            return Err(AppError::field(
                "explanation",
                "Explain in at least 10 characters why the removal stands; the seller will read it.",
            ));
        }
        crate::db::counter_notices::decide(
            &state.db,
            appeal_id,
            &decision,
            &state.rules,
            user.id,
            crate::db::now_ms(),
        )
        .await?
        .map_err(AppError::Conflict)
    })
    .await
}

/// The calling seller's strikes and suspension.
#[server(prefix = "/api", endpoint = "appeals/get_seller_standing", output = Wire)]
pub async fn get_seller_standing() -> Result<SellerStanding, AppError> {
    use crate::api::support::{app_state, boundary};
    use crate::domain::Role;
    boundary(async move {
        let user = crate::auth::require_role(&[Role::Seller]).await?;
        let seller_id = user.seller_id.ok_or(AppError::Internal)?;
        let state = app_state()?;
        Ok(crate::db::strikes::standing(
            &state.db.pool,
            seller_id,
            &state.rules.sellers,
            crate::db::now_ms(),
        )
        .await?)
    })
    .await
}

/// Sellers suspended now: admins only.
#[server(prefix = "/api", endpoint = "appeals/list_suspended_sellers", output = Wire)]
pub async fn list_suspended_sellers() -> Result<Vec<SuspendedSeller>, AppError> {
    use crate::api::support::{app_state, boundary};
    use crate::domain::Role;
    boundary(async move {
        crate::auth::require_role(&[Role::Admin]).await?;
        Ok(crate::db::strikes::suspended(&app_state()?.db.pool, crate::db::now_ms()).await?)
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
    use crate::api::support::{app_state, boundary};
    use crate::domain::Role;
    boundary(async move {
        let user = crate::auth::require_role(&[Role::Admin]).await?;
        if reason.trim().chars().count() < 5 {
            return Err(AppError::field(
                "reason",
                "Give the reason for lifting the suspension; it goes on the record.",
            ));
        }
        crate::db::strikes::lift_suspension(
            &app_state()?.db,
            seller_id,
            reason.trim(),
            user.id,
            crate::db::now_ms(),
        )
        .await?
        .map_err(AppError::Conflict)
    })
    .await
}

/// Rows per page of the marketplace page.
pub const MARKET_PAGE_SIZE: i64 = 50;

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
        if page < 0 {
            return Err(AppError::field("page", "Page numbers start at 1."));
        }
        if query.chars().count() > 100 {
            return Err(AppError::field(
                "query",
                "Search for at most 100 characters.",
            ));
        }
        Ok(crate::db::listings::on_sale(
            &app_state()?.db.pool,
            query.trim(),
            page,
            MARKET_PAGE_SIZE,
            crate::db::now_ms(),
        )
        .await?)
    })
    .await
}
