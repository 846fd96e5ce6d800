//! The one lifecycle engine for report items. Every status change of an existing item — a
//! review decision, a withdrawal, a retraction, an audit overturn, a counter-notice and its
//! decision — is a [`Move`] run by [`apply`], in the caller's transaction:
//!
//! 1. the move is checked against the domain's transition table
//!    ([`crate::domain::report::TRANSITIONS`]): the update is guarded by the one status the
//!    event may start from, so of two concurrent moves the first wins and the second is
//!    refused with the status it found;
//! 2. the listing changes with it (removed, or restored) and the marketplace is told through
//!    the outbox;
//! 3. the item's and the listing's audit events are written;
//! 4. the seller's strike is added or lifted;
//! 5. the brand's tier is recomputed when the move changes its figures.
//!
//! Items are born elsewhere (`reports::submit` pending, `takedown` removed): creating an item
//! is not a move, and the instant takedown's batched insert is the benchmark's hot path.

use std::fmt::Write;

use sqlx::AnyConnection;

use crate::db::audit::{self, NewEvent};
use crate::db::outbox;
use crate::db::script::Arg;
use crate::domain::Rules;
use crate::domain::delivery::EventKind;
use crate::domain::report::{IllegalTransition, ItemEvent, ListingEffect};
use crate::domain::{ItemStatus, RejectionCode};

/// One move of one report item, with the words its audit events carry.
#[derive(Debug, Clone)]
pub struct Move<'a> {
    /// The item.
    pub item_id: i64,
    /// What happens to it.
    pub event: ItemEvent,
    /// Who makes the move (`None` for the system).
    pub actor_id: Option<i64>,
    /// Narrows the move to items of this brand (and report): a brand moves only its own.
    pub scope: Scope,
    /// The rejection code and note a decision records.
    pub decision: Decision<'a>,
    /// The item's event: action and detail.
    pub item_event: (&'static str, &'a str),
    /// The listing's event, written when the listing changed (or when the move leaves the
    /// listing as it is, for the seller's trail): action and detail.
    pub listing_event: Option<(&'static str, &'a str)>,
    /// Why a strike is lifted, for moves that restore the listing.
    pub strike_lifted_because: &'a str,
}

/// Which items a move may touch beyond its status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scope {
    /// Only an item of this brand.
    pub brand_id: Option<i64>,
    /// Only an item of this report.
    pub report_id: Option<i64>,
    /// Only an instant takedown decided at or after this time (the retraction window).
    pub instant_since: Option<i64>,
}

/// What a decision writes on the item beside its status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Decision<'a> {
    /// The rejection code, for moves that reject.
    pub code: Option<RejectionCode>,
    /// The reviewer's note or explanation.
    pub note: &'a str,
}

/// The item a move changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    /// The reported listing.
    pub listing_id: i64,
    /// The brand that reported it.
    pub brand_id: i64,
    /// The report it belongs to.
    pub report_id: i64,
    /// The brand's tier change, when the move changed its tier.
    pub tier_change: Option<crate::db::trust::TierChange>,
}

/// Why a move did not happen: nothing was changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// No such item in the move's scope.
    Missing,
    /// The item is in a status the event does not start from (or out of the scope's window).
    Illegal(IllegalTransition),
}

/// Runs `mv` in the caller's transaction (see the module's steps). On a [`Refusal`] nothing
/// was written; the caller rolls back or carries on with its other moves.
pub async fn apply(
    conn: &mut AnyConnection,
    mv: &Move<'_>,
    rules: &Rules,
    now: i64,
) -> sqlx::Result<Result<Moved, Refusal>> {
    let Some((listing_id, brand_id, report_id)) = guarded_update(conn, mv, now).await? else {
        return Ok(Err(refusal(conn, mv).await?));
    };
    let case = (mv.item_id, listing_id, brand_id);
    let listing_changed = match mv.event.listing_effect() {
        ListingEffect::None => true,
        ListingEffect::Remove => remove_listing(conn, case, now).await?,
        ListingEffect::Restore => {
            restore_listing(conn, case, now).await?;
            true
        }
    };
    let item_event = NewEvent {
        actor_id: mv.actor_id,
        action: mv.item_event.0,
        subject_type: "report_item",
        subject_id: mv.item_id,
        brand_id: Some(brand_id),
        detail: mv.item_event.1,
    };
    let listing_event = mv
        .listing_event
        .filter(|_| listing_changed)
        .map(|(action, detail)| NewEvent {
            actor_id: mv.actor_id,
            action,
            subject_type: "listing",
            subject_id: listing_id,
            brand_id: Some(brand_id),
            detail,
        });
    let events: Vec<NewEvent> = std::iter::once(item_event).chain(listing_event).collect();
    audit::record_many(conn, &events, now).await?;
    match mv.event.listing_effect() {
        // A listing someone else removed a moment ago keeps its one removal and one strike.
        ListingEffect::Remove if listing_changed => {
            crate::db::strikes::strike(conn, case, &rules.sellers, now).await?;
        }
        ListingEffect::Restore => {
            crate::db::strikes::lift_strike(
                conn,
                case,
                mv.strike_lifted_because,
                mv.actor_id,
                &rules.sellers,
                now,
            )
            .await?;
        }
        _ => {}
    }
    let tier_change = if mv.event.changes_figures() {
        crate::db::trust::recompute(conn, brand_id, rules, mv.actor_id, now).await?
    } else {
        None
    };
    Ok(Ok(Moved {
        listing_id,
        brand_id,
        report_id,
        tier_change,
    }))
}

/// The status-guarded update: the item moves from the event's one starting status to where
/// the table takes it, within the scope. Returns the item's listing, brand and report, or
/// `None` when nothing matched.
async fn guarded_update(
    conn: &mut AnyConnection,
    mv: &Move<'_>,
    now: i64,
) -> sqlx::Result<Option<(i64, i64, i64)>> {
    let from = mv.event.from();
    let to = from
        .apply(mv.event)
        .map_err(|illegal| sqlx::Error::Protocol(illegal.to_string()))?;
    let mut sql = String::from("UPDATE report_items SET status = $1");
    let mut args = vec![Arg::Text(to.as_str())];
    // Appends `clause $n` for the next argument: values are bound, never spliced.
    let mut set = |sql: &mut String, clause: &str, arg| {
        args.push(arg);
        let _ = write!(sql, "{clause}${}", args.len());
    };
    if mv.event.decides() {
        set(&mut sql, ", decided_by = ", Arg::MaybeInt(mv.actor_id));
        set(&mut sql, ", decided_at = ", Arg::Int(now));
    }
    // A rejection (on review or by an audit) records its code and explanation.
    if let Some(code) = mv.decision.code {
        set(&mut sql, ", rejection_code = ", Arg::Text(code.as_str()));
        set(&mut sql, ", decision_note = ", Arg::Text(mv.decision.note));
    }
    set(&mut sql, " WHERE id = ", Arg::Int(mv.item_id));
    set(&mut sql, " AND status = ", Arg::Text(from.as_str()));
    if let Some(brand_id) = mv.scope.brand_id {
        set(&mut sql, " AND brand_id = ", Arg::Int(brand_id));
    }
    if let Some(report_id) = mv.scope.report_id {
        set(&mut sql, " AND report_id = ", Arg::Int(report_id));
    }
    if let Some(since) = mv.scope.instant_since {
        set(
            &mut sql,
            " AND instant = 1 AND decided_at >= ",
            Arg::Int(since),
        );
    }
    sql.push_str(" RETURNING listing_id, brand_id, report_id");
    let mut query = sqlx::query_as(sqlx::AssertSqlSafe(sql));
    for arg in args {
        query = match arg {
            Arg::Int(value) => query.bind(value),
            Arg::MaybeInt(value) => query.bind(value),
            Arg::Text(value) => query.bind(value),
            Arg::MaybeText(value) => query.bind(value),
        };
    }
    query.fetch_optional(&mut *conn).await
}

/// Why the guarded update matched nothing: the item's status as it is now.
async fn refusal(conn: &mut AnyConnection, mv: &Move<'_>) -> sqlx::Result<Refusal> {
    let status: Option<String> = sqlx::query_scalar(
        "SELECT status FROM report_items WHERE id = $1 \
         AND ($2 IS NULL OR brand_id = $2) AND ($3 IS NULL OR report_id = $3)",
    )
    .bind(mv.item_id)
    .bind(mv.scope.brand_id)
    .bind(mv.scope.report_id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(match status.as_deref().and_then(ItemStatus::parse) {
        None => Refusal::Missing,
        Some(status) => Refusal::Illegal(IllegalTransition {
            status,
            event: mv.event,
        }),
    })
}

/// Takes the listing off sale unless it already is, and tells the marketplace; whether this
/// move removed it. A listing someone removed a moment ago (a racing takedown) keeps the one
/// outbox row of the removal that took it down.
async fn remove_listing(
    conn: &mut AnyConnection,
    case: (i64, i64, i64),
    now: i64,
) -> sqlx::Result<bool> {
    let removed =
        sqlx::query("UPDATE listings SET status = 'removed' WHERE id = $1 AND status <> 'removed'")
            .bind(case.1)
            .execute(&mut *conn)
            .await?
            .rows_affected()
            > 0;
    if removed {
        outbox::push(conn, EventKind::ListingRemoved, Some(case), None, now).await?;
    }
    Ok(removed)
}

/// Puts a removed listing back on sale as restored and tells the marketplace.
async fn restore_listing(
    conn: &mut AnyConnection,
    case: (i64, i64, i64),
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE listings SET status = 'restored' WHERE id = $1")
        .bind(case.1)
        .execute(&mut *conn)
        .await?;
    outbox::push(conn, EventKind::ListingRestored, Some(case), None, now).await
}
