//! The account managers' review queue and decisions, and what is told about a removal: the
//! public statement of reasons and the listing's audit trail.

use std::collections::HashSet;

use crate::db::review::{self, AlreadyDecided, NotPending};
use crate::db::statements;
use crate::domain::{Role, appeal, format_time};
use crate::error::AppError;
use crate::model::{
    CurrentUser, DecideOutcome, Decision, Page, QueueFilter, QueueRow, StatementOfReasons,
    TimelineEntry,
};
use crate::service::{Context, access};

/// The most items one decision may cover.
pub const MAX_ITEMS_PER_DECISION: usize = crate::domain::report::MAX_ITEMS_PER_REPORT;

/// The manager's id for scoping queries: `Some` for account managers, `None` for admins.
fn manager_scope(caller: &CurrentUser) -> Option<i64> {
    (caller.role == Role::AccountManager).then_some(caller.id)
}

/// One page of the review queue: pending items of the caller's brands (account managers)
/// or of all brands (admins), in priority order.
pub async fn review_queue(
    ctx: &Context,
    caller: &CurrentUser,
    filter: &QueueFilter,
) -> Result<Page<QueueRow>, AppError> {
    access::role(caller, &[Role::AccountManager, Role::Admin])?;
    if filter.brand_id > 0 {
        access::brand(ctx, caller, filter.brand_id).await?;
    }
    crate::service::page_within(filter.page, crate::domain::limits::MAX_PAGE)?;
    Ok(review::queue(&ctx.db.pool, manager_scope(caller), filter, ctx.now()).await?)
}

/// Decides items: each in its own transaction, so one that someone else decided first is
/// reported ("already decided by …") without holding up the rest. The caller must be the
/// account manager of every item's brand, or an admin; otherwise nothing is decided.
pub async fn decide_items(
    ctx: &Context,
    caller: &CurrentUser,
    item_ids: &[i64],
    decision: Decision,
) -> Result<DecideOutcome, AppError> {
    access::role(caller, &[Role::AccountManager, Role::Admin])?;
    if item_ids.is_empty() {
        return Err(AppError::field("items", "Select the items to decide."));
    }
    if item_ids.len() > MAX_ITEMS_PER_DECISION {
        return Err(AppError::field(
            "items",
            format!("Decide at most {MAX_ITEMS_PER_DECISION} items at once."),
        ));
    }
    let owners = review::brands_of_items(&ctx.db.pool, item_ids).await?;
    if owners.len() != item_ids.iter().collect::<HashSet<_>>().len() {
        return Err(AppError::NotFound(
            "Some of these items do not exist.".into(),
        ));
    }
    for (_, brand_id) in &owners {
        if !access::may_access_brand(ctx, caller, *brand_id).await? {
            return Err(AppError::Forbidden(
                "Some of these items belong to brands you do not manage.".into(),
            ));
        }
    }
    let decision = match decision {
        Decision::Reject { code, explanation } => {
            let explanation = crate::service::decision_explanation(
                &explanation,
                "Explain the rejection; the brand will read it.",
            )?;
            Decision::Reject { code, explanation }
        }
        Decision::Remove => Decision::Remove,
    };
    let mut outcome = DecideOutcome::default();
    for &item_id in item_ids {
        match review::decide(
            &ctx.db,
            item_id,
            &decision,
            &ctx.rules,
            caller.id,
            ctx.now(),
        )
        .await?
        {
            Ok(()) => outcome.decided.push(item_id),
            Err(refusal) => outcome.conflicts.push((item_id, refusal.message(item_id))),
        }
    }
    Ok(outcome)
}

impl NotPending {
    /// Why item `item_id` was not decided, for the reviewer: "already decided by … at …".
    pub fn message(&self, item_id: i64) -> String {
        match self {
            NotPending::NoSuchItem => format!("Item {item_id} does not exist."),
            NotPending::AlreadyDecided(AlreadyDecided { status, by, at }) => {
                let status = status.map_or("decided", |status| status.label());
                let by = by.as_deref().unwrap_or("someone else");
                let at = at.map(format_time).unwrap_or_default();
                format!("Item {item_id} was already decided by {by} at {at} ({status}).")
            }
        }
    }
}

/// Why a listing was removed (DSA Art. 17): public, like the listing page itself, so it
/// takes no caller.
pub async fn statement_of_reasons(
    ctx: &Context,
    listing_id: i64,
) -> Result<Option<StatementOfReasons>, AppError> {
    let statement = statements::statement_of_reasons(&ctx.db.pool, listing_id).await?;
    Ok(statement.map(|statement| StatementOfReasons {
        appeal_days: ctx.rules.sellers.counter_notice_days,
        ..statement
    }))
}

/// A listing's audit trail: for account managers (events of their brands and the
/// marketplace's own), admins, and the listing's own seller (who follows their case in it).
pub async fn listing_trail(
    ctx: &Context,
    caller: &CurrentUser,
    listing_id: i64,
) -> Result<Vec<TimelineEntry>, AppError> {
    access::role(caller, &[Role::AccountManager, Role::Admin, Role::Seller])?;
    if caller.role == Role::Seller {
        let owner = crate::db::listings::find(&ctx.db.pool, listing_id)
            .await?
            .map(|listing| listing.seller_id);
        if owner.is_none() || owner != caller.seller_id {
            return Err(AppError::forbidden());
        }
        // The seller follows their own case, told by role: no investigations, no names.
        let events = crate::db::audit::listing_trail_by_role(
            &ctx.db.pool,
            listing_id,
            appeal::SELLER_TRAIL_ACTIONS,
        )
        .await?;
        return Ok(events
            .into_iter()
            .map(|event| {
                let role = event.actor_name.as_deref().and_then(Role::parse);
                TimelineEntry {
                    actor: Some(appeal::role_for_seller(role).to_owned()),
                    detail: appeal::detail_for_seller(&event.action, &event.detail),
                    ..event.into()
                }
            })
            .collect());
    }
    let events =
        crate::db::audit::listing_trail(&ctx.db.pool, listing_id, manager_scope(caller)).await?;
    Ok(events.into_iter().map(Into::into).collect())
}
