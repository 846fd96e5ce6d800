//! The seller's side of a removal: the statement of reasons addressed to the seller,
//! counter-notices, the brand's response, the account manager's decision, strikes and
//! suspensions, and the public marketplace page that leaves suspended sellers out.

use crate::db::counter_notices::{
    AppealOutcome, CounterNoticeRefusal, DecisionRefusal, ResponseRefusal,
};
use crate::db::strikes::LiftRefusal;
use crate::db::{counter_notices, listings, strikes};
use crate::domain::appeal::{
    AppealDecision, CounterNoticeDraft, MARKET_PAGE_SIZE, MAX_FILES, check_counter_notice,
    check_response,
};
use crate::domain::limits::{
    MAX_DECISION_CHARS, MAX_NOTE_CHARS, MAX_PUBLIC_PAGE, MAX_SEARCH_CHARS,
};
use crate::domain::{Role, format_time};
use crate::error::AppError;
use crate::model::{
    AppealView, CurrentUser, ListingView, RemovalCase, SellerStanding, SuspendedSeller,
};
use crate::service::{Context, access, page_within, within};

/// Fewest characters of an explanation that upholds a removal (the seller reads it).
const MIN_UPHOLD_EXPLANATION_CHARS: usize = 10;

/// Fewest characters of the reason for lifting a suspension (it goes on the record).
const MIN_LIFT_REASON_CHARS: usize = 5;

impl CounterNoticeRefusal {
    /// The form field the refusal concerns.
    pub fn field(&self) -> &'static str {
        match self {
            CounterNoticeRefusal::NotYourFile { .. } => "files",
            _ => "listing",
        }
    }

    /// The refusal in words for the seller.
    pub fn message(&self) -> String {
        match self {
            CounterNoticeRefusal::NotRemoved { listing_id } => {
                format!("Listing {listing_id} is not removed, so there is nothing to appeal.")
            }
            CounterNoticeRefusal::AlreadyFiled { listing_id } => format!(
                "A counter-notice on listing {listing_id} was already filed; only one is allowed per removal."
            ),
            CounterNoticeRefusal::WindowClosed { closed_at, days } => format!(
                "The window for a counter-notice closed on {} ({days} days after the removal).",
                format_time(*closed_at)
            ),
            CounterNoticeRefusal::NotYourFile { file_id } => {
                format!("File {file_id} is not one of your uploads for this listing.")
            }
        }
    }
}

impl ResponseRefusal {
    /// The form field the refusal concerns.
    pub fn field(&self) -> &'static str {
        match self {
            ResponseRefusal::NotYourFile { .. } => "files",
            _ => "appeal",
        }
    }

    /// The refusal in words for the brand's staff.
    pub fn message(&self) -> String {
        match self {
            ResponseRefusal::NoSuchAppeal { appeal_id } => {
                format!("There is no counter-notice {appeal_id}.")
            }
            ResponseRefusal::Decided => {
                "This counter-notice has been decided; a response can no longer change it.".into()
            }
            ResponseRefusal::AlreadyResponded => {
                "Your brand has already responded to this counter-notice.".into()
            }
            ResponseRefusal::WindowClosed { closed_at } => format!(
                "The response window closed on {}; the account manager decides without a response.",
                format_time(*closed_at)
            ),
            ResponseRefusal::NotYourFile { file_id } => {
                format!("File {file_id} is not one of your brand's unused uploads.")
            }
        }
    }
}

impl DecisionRefusal {
    /// The refusal in words for the account manager.
    pub fn message(&self) -> String {
        match self {
            DecisionRefusal::NotOpen { appeal_id } => {
                format!("Counter-notice {appeal_id} is not open: it was already decided.")
            }
            DecisionRefusal::ItemNotWaiting { appeal_id } => format!(
                "Counter-notice {appeal_id} is not open: its item is no longer waiting for a decision."
            ),
        }
    }
}

impl AppealOutcome {
    /// What the decision did, in words for the account manager's page.
    pub fn message(&self) -> String {
        match self {
            AppealOutcome::Upheld {
                appeal_id,
                listing_id,
            } => format!(
                "Counter-notice {appeal_id} decided: the removal of listing {listing_id} stands."
            ),
            AppealOutcome::Restored {
                listing_id,
                tier_change: Some(change),
            } => format!(
                "Listing {listing_id} restored. The brand is now {}: {}",
                change.to.label(),
                change.reason
            ),
            AppealOutcome::Restored {
                listing_id,
                tier_change: None,
            } => format!("Listing {listing_id} restored; the brand's figures were updated."),
        }
    }
}

impl LiftRefusal {
    /// The refusal in words for the admin.
    pub fn message(&self) -> String {
        match self {
            LiftRefusal::NotSuspended { seller_id } => {
                format!("Seller {seller_id} is not suspended, so there is nothing to lift.")
            }
        }
    }
}

fn no_such_listing() -> AppError {
    AppError::NotFound("There is no listing with that number.".into())
}

fn no_such_counter_notice() -> AppError {
    AppError::NotFound("There is no counter-notice with that number.".into())
}

/// The calling seller's seller id; refuses everyone who is not a seller.
fn seller_of(caller: &CurrentUser) -> Result<i64, AppError> {
    access::role(caller, &[Role::Seller])?;
    // A seller account always belongs to a seller; one that does not is a broken record.
    caller.seller_id.ok_or(AppError::Internal)
}

/// The brand whose counter-notice this is.
async fn brand_of_counter_notice(ctx: &Context, appeal_id: i64) -> Result<i64, AppError> {
    counter_notices::brand_of(&ctx.db.pool, appeal_id)
        .await?
        .ok_or_else(no_such_counter_notice)
}

/// The statement of reasons for a removed listing as its seller receives it, with the facts
/// relied on and the counter-notice. For the listing's own seller, the reporting brand's
/// staff, the brand's account manager and admins; `None` if the listing is not removed.
pub async fn removal_case(
    ctx: &Context,
    caller: &CurrentUser,
    listing_id: i64,
) -> Result<Option<RemovalCase>, AppError> {
    let pool = &ctx.db.pool;
    let listing = listings::find(pool, listing_id)
        .await?
        .ok_or_else(no_such_listing)?;
    let allowed = match caller.role {
        Role::Seller => caller.seller_id == Some(listing.seller_id),
        _ => match counter_notices::brand_of_removal(pool, listing_id).await? {
            Some(brand_id) => access::may_access_brand(ctx, caller, brand_id).await?,
            None => caller.role == Role::Admin,
        },
    };
    if !allowed {
        return Err(AppError::Forbidden(
            "Only the listing's seller and the people handling the case can read this statement."
                .into(),
        ));
    }
    let case =
        counter_notices::removal_case(pool, listing_id, &ctx.rules.sellers, ctx.now()).await?;
    Ok(match caller.role {
        Role::Seller => case.map(|mut case| {
            case.appeal = case.appeal.map(AppealView::as_told_to_seller);
            case
        }),
        _ => case,
    })
}

/// Files a counter-notice on one of the calling seller's removed listings; returns its
/// number. Field problems come back as a validation error naming each field.
pub async fn file_counter_notice(
    ctx: &Context,
    caller: &CurrentUser,
    draft: &CounterNoticeDraft,
) -> Result<i64, AppError> {
    let seller_id = seller_of(caller)?;
    let listing = listings::find(&ctx.db.pool, draft.listing_id)
        .await?
        .ok_or_else(no_such_listing)?;
    if listing.seller_id != seller_id {
        return Err(AppError::Forbidden(
            "You can only file a counter-notice on your own listings.".into(),
        ));
    }
    let errors = check_counter_notice(draft);
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    counter_notices::file(
        &ctx.db,
        draft,
        (caller.id, seller_id),
        &ctx.rules,
        ctx.now(),
    )
    .await?
    .map_err(|refusal| AppError::field(refusal.field(), refusal.message()))
}

/// The counter-notices on a report's items: the brand's staff, its manager, admins.
pub async fn report_appeals(
    ctx: &Context,
    caller: &CurrentUser,
    report_id: i64,
) -> Result<Vec<AppealView>, AppError> {
    crate::service::reports::report_brand(ctx, caller, report_id).await?;
    Ok(counter_notices::of_report(&ctx.db.pool, report_id, ctx.now()).await?)
}

/// The brand's response to a counter-notice on one of its items: its own staff only,
/// within the response window. `kind` is `evidence` or `legal_action`.
pub async fn respond_to_counter_notice(
    ctx: &Context,
    caller: &CurrentUser,
    appeal_id: i64,
    kind: &str,
    text: &str,
    file_ids: &[i64],
) -> Result<(), AppError> {
    let brand_id = brand_of_counter_notice(ctx, appeal_id).await?;
    access::own_brand_staff(caller, brand_id)?;
    let kind =
        check_response(kind, text).map_err(|(field, message)| AppError::field(field, message))?;
    if file_ids.len() > MAX_FILES {
        return Err(AppError::field(
            "files",
            format!("Attach at most {MAX_FILES} files."),
        ));
    }
    counter_notices::respond(
        &ctx.db,
        appeal_id,
        kind,
        text,
        file_ids,
        caller.id,
        ctx.now(),
    )
    .await?
    .map_err(|refusal| AppError::field(refusal.field(), refusal.message()))
}

/// A brand's counter-notices still waiting for its response, the soonest due first: its
/// staff, its manager and admins.
pub async fn waiting_for_response(
    ctx: &Context,
    caller: &CurrentUser,
    brand_id: i64,
) -> Result<Vec<AppealView>, AppError> {
    access::brand(ctx, caller, brand_id).await?;
    Ok(counter_notices::waiting_for_brand(&ctx.db.pool, brand_id, ctx.now()).await?)
}

/// Open counter-notices for the calling account manager's brands (admins: all brands), those
/// without a response from the rights holder first.
pub async fn appeals_queue(
    ctx: &Context,
    caller: &CurrentUser,
) -> Result<Vec<AppealView>, AppError> {
    access::role(caller, &[Role::AccountManager, Role::Admin])?;
    let scope = (caller.role == Role::AccountManager).then_some(caller.id);
    Ok(counter_notices::queue(&ctx.db.pool, scope, ctx.now()).await?)
}

/// Restores the listing or upholds the removal: the brand's account manager or an admin,
/// never the system (DSA Art. 20(6)). Returns what happened, for the page to say.
pub async fn decide_counter_notice(
    ctx: &Context,
    caller: &CurrentUser,
    appeal_id: i64,
    decision: &AppealDecision,
) -> Result<String, AppError> {
    let brand_id = brand_of_counter_notice(ctx, appeal_id).await?;
    access::reviewer_of(ctx, caller, brand_id).await?;
    match decision {
        AppealDecision::Uphold { explanation } => within(
            "explanation",
            explanation,
            MAX_DECISION_CHARS,
            "the explanation",
        )?,
        AppealDecision::Restore { note } => within("note", note, MAX_DECISION_CHARS, "the note")?,
    }
    if let AppealDecision::Uphold { explanation } = decision
        && explanation.trim().chars().count() < MIN_UPHOLD_EXPLANATION_CHARS
    {
        return Err(AppError::field(
            "explanation",
            "Explain in at least 10 characters why the removal stands; the seller will read it.",
        ));
    }
    counter_notices::decide(
        &ctx.db,
        appeal_id,
        decision,
        &ctx.rules,
        caller.id,
        ctx.now(),
    )
    .await?
    .map(|outcome| outcome.message())
    .map_err(|refusal| AppError::Conflict(refusal.message()))
}

/// The calling seller's strikes and suspension.
pub async fn seller_standing(
    ctx: &Context,
    caller: &CurrentUser,
) -> Result<SellerStanding, AppError> {
    let seller_id = seller_of(caller)?;
    Ok(strikes::standing(&ctx.db.pool, seller_id, &ctx.rules.sellers, ctx.now()).await?)
}

/// Sellers suspended now: admins only.
pub async fn suspended_sellers(
    ctx: &Context,
    caller: &CurrentUser,
) -> Result<Vec<SuspendedSeller>, AppError> {
    access::role(caller, &[Role::Admin])?;
    Ok(strikes::suspended(&ctx.db.pool, ctx.now()).await?)
}

/// Lifts a seller's suspension with a reason, which goes on the record: admins only.
pub async fn lift_seller_suspension(
    ctx: &Context,
    caller: &CurrentUser,
    seller_id: i64,
    reason: &str,
) -> Result<(), AppError> {
    access::role(caller, &[Role::Admin])?;
    let reason = reason.trim();
    if reason.chars().count() < MIN_LIFT_REASON_CHARS {
        return Err(AppError::field(
            "reason",
            "Give the reason for lifting the suspension; it goes on the record.",
        ));
    }
    within("reason", reason, MAX_NOTE_CHARS, "the reason")?;
    strikes::lift_suspension(&ctx.db, seller_id, reason, caller.id, ctx.now())
        .await?
        .map_err(|refusal| AppError::Conflict(refusal.message()))
}

/// The marketplace's public page (open to visitors): listings on sale (not removed, not of a
/// suspended seller), newest first, optionally those whose title contains `query`. Returns
/// one more row than a page ([`MARKET_PAGE_SIZE`]) when there is a next page.
pub async fn market_listings(
    ctx: &Context,
    query: &str,
    page: i64,
) -> Result<Vec<ListingView>, AppError> {
    let page = page_within(page, MAX_PUBLIC_PAGE)?;
    within("query", query, MAX_SEARCH_CHARS, "the search")?;
    Ok(listings::on_sale(
        &ctx.db.pool,
        query.trim(),
        page,
        MARKET_PAGE_SIZE,
        ctx.now(),
    )
    .await?)
}
