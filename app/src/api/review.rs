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
    use crate::api::support::{app_state, boundary};
    use crate::domain::Role;
    boundary(async move {
        let user = crate::auth::require_role(&[Role::AccountManager, Role::Admin]).await?;
        if filter.brand_id > 0 {
            crate::auth::require_brand_access(filter.brand_id).await?;
        }
        let scope = (user.role == Role::AccountManager).then_some(user.id);
        Ok(
            crate::db::review::queue(&app_state()?.db.pool, scope, &filter, crate::db::now_ms())
                .await?,
        )
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
    use crate::api::support::{app_state, boundary};
    use crate::domain::Role;
    boundary(async move {
        let user = crate::auth::require_role(&[Role::AccountManager, Role::Admin]).await?;
        let state = app_state()?;
        if item_ids.is_empty() {
            return Err(AppError::field("items", "Select the items to decide."));
        }
        if item_ids.len() > 300 {
            return Err(AppError::field(
                "items",
                "Decide at most 300 items at once.",
            ));
        }
        let owners = crate::db::review::brands_of_items(&state.db.pool, &item_ids).await?;
        if owners.len()
            != item_ids
                .iter()
                .collect::<std::collections::HashSet<_>>()
                .len()
        {
            return Err(AppError::NotFound(
                "Some of these items do not exist.".into(),
            ));
        }
        for (_, brand_id) in &owners {
            if !crate::service::access::may_access_brand(&state.context(), &user, *brand_id).await?
            {
                return Err(AppError::Forbidden(
                    "Some of these items belong to brands you do not manage.".into(),
                ));
            }
        }
        let decision = match decision {
            Decision::Reject { code, explanation } => {
                let explanation = explanation.trim().to_owned();
                if explanation.chars().count() < 5 {
                    return Err(AppError::field(
                        "explanation",
                        "Explain the rejection; the brand will read it.",
                    ));
                }
                Decision::Reject { code, explanation }
            }
            Decision::Remove => Decision::Remove,
        };
        let mut outcome = DecideOutcome::default();
        for item_id in item_ids {
            let now = crate::db::now_ms();
            match crate::db::review::decide(
                &state.db,
                item_id,
                &decision,
                &state.rules,
                user.id,
                now,
            )
            .await?
            {
                Ok(()) => outcome.decided.push(item_id),
                Err(message) => outcome.conflicts.push((item_id, message)),
            }
        }
        Ok(outcome)
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
        Ok(crate::db::review::statement_of_reasons(&app_state()?.db.pool, listing_id).await?)
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
    use crate::api::support::{app_state, boundary};
    use crate::domain::Role;
    boundary(async move {
        let user =
            crate::auth::require_role(&[Role::AccountManager, Role::Admin, Role::Seller]).await?;
        let pool = &app_state()?.db.pool;
        if user.role == Role::Seller {
            let owner = crate::db::listings::find(pool, listing_id)
                .await?
                .map(|listing| listing.seller_id);
            if owner.is_none() || owner != user.seller_id {
                return Err(AppError::forbidden());
            }
        }
        let scope = (user.role == Role::AccountManager).then_some(user.id);
        let events = crate::db::audit::listing_trail(pool, listing_id, scope).await?;
        Ok(events.into_iter().map(Into::into).collect())
    })
    .await
}
