//! Repeat-infringer strikes and seller suspensions: a strike for every removal that stands,
//! lifted when the removal is undone; the strikes rule's suspension and an admin's lifting
//! of it. Every change is written to both the listing's trail and the report item's timeline.

use crate::db::Db;
use sqlx::{AnyConnection, AnyPool, FromRow};

use crate::db::audit::{self, NewEvent, record_on_both};
use crate::db::outbox;
use crate::domain::appeal::SellerPolicy;
use crate::domain::delivery::EventKind;
use crate::domain::format_time;
use crate::model::{SellerStanding, StrikeView, SuspendedSeller};

/// Gives the listing's seller a strike for a removal (item `item_id`) and, when the strikes
/// in the window reach the limit, suspends the seller — in the caller's transaction.
pub(crate) async fn strike(
    conn: &mut AnyConnection,
    case: (i64, i64, i64),
    policy: &SellerPolicy,
    now: i64,
) -> sqlx::Result<()> {
    let seller_id = seller_of(conn, case.1).await?;
    strike_seller(conn, case, seller_id, policy, now).await
}

/// [`strike`] for a caller that already knows the listing's seller.
pub(crate) async fn strike_seller(
    conn: &mut AnyConnection,
    case: (i64, i64, i64),
    seller_id: i64,
    policy: &SellerPolicy,
    now: i64,
) -> sqlx::Result<()> {
    let Some(active) = add_strike(conn, case, seller_id, policy, now).await? else {
        return Ok(());
    };
    let detail = strike_detail(active, policy);
    record_on_both(conn, None, "seller.strike", case, &detail, now).await?;
    suspend_at_limit(conn, case, seller_id, active, policy, now).await
}

/// The first half of [`strike_seller`]: gives the seller a strike for the removal and
/// returns the seller's strikes in the window, or `None` if this removal had its strike
/// already.
async fn add_strike(
    conn: &mut AnyConnection,
    (item_id, listing_id, _): (i64, i64, i64),
    seller_id: i64,
    policy: &SellerPolicy,
    now: i64,
) -> sqlx::Result<Option<i64>> {
    let added = sqlx::query(
        "INSERT INTO strikes (item_id, seller_id, listing_id, struck_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (item_id) DO NOTHING",
    )
    .bind(item_id)
    .bind(seller_id)
    .bind(listing_id)
    .bind(now)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if added == 0 {
        return Ok(None);
    }
    active_strikes(conn, seller_id, policy, now).await.map(Some)
}

/// The trail's words for a seller's strike number `active`.
pub(crate) fn strike_detail(active: i64, policy: &SellerPolicy) -> String {
    format!(
        "Strike {active} of {} in {} days on the seller for this removal",
        policy.strike_limit, policy.strike_days
    )
}

/// The trail's words for a strike from an instant takedown, which waits for confirmation.
pub(crate) fn unconfirmed_strike_detail(policy: &SellerPolicy) -> String {
    format!(
        "Strike on the seller for this instant takedown; it counts towards the limit of {} in {} \
         days once marketplace staff confirm it",
        policy.strike_limit, policy.strike_days
    )
}

/// Which unconfirmed strikes a person confirms.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Confirming {
    /// One removal's, upheld after the seller's counter-notice.
    Item(i64),
    /// All of one brand's (instant takedowns) against one seller: an account manager's
    /// confirmation, or one of them confirmed in audit.
    BrandOnSeller {
        /// The brand whose takedowns they are.
        brand_id: i64,
        /// The seller struck.
        seller_id: i64,
    },
}

/// Confirms unconfirmed strikes in the caller's transaction, each with its event on the
/// listing's trail and the item's timeline, and suspends the seller if they now reach the
/// limit. Returns how many were confirmed.
pub(crate) async fn confirm(
    conn: &mut AnyConnection,
    which: Confirming,
    why: &str,
    actor_id: Option<i64>,
    policy: &SellerPolicy,
    now: i64,
) -> sqlx::Result<usize> {
    // Two fixed statements, one per kind, so no SQL is assembled at run time.
    let query = match which {
        Confirming::Item(item_id) => sqlx::query_as::<_, (i64, i64, i64, i64)>(
            "UPDATE strikes SET confirmed = 1 WHERE confirmed = 0 AND lifted_at IS NULL \
             AND struck_at >= $1 AND item_id = $2 \
             RETURNING item_id, listing_id, seller_id, \
             (SELECT brand_id FROM report_items WHERE id = strikes.item_id)",
        )
        .bind(policy.strikes_since(now))
        .bind(item_id),
        Confirming::BrandOnSeller {
            brand_id,
            seller_id,
        } => sqlx::query_as::<_, (i64, i64, i64, i64)>(
            "UPDATE strikes SET confirmed = 1 WHERE confirmed = 0 AND lifted_at IS NULL \
             AND struck_at >= $1 AND seller_id = $2 \
             AND item_id IN (SELECT id FROM report_items WHERE brand_id = $3 AND instant = 1) \
             RETURNING item_id, listing_id, seller_id, \
             (SELECT brand_id FROM report_items WHERE id = strikes.item_id)",
        )
        .bind(policy.strikes_since(now))
        .bind(seller_id)
        .bind(brand_id),
    };
    let confirmed = query.fetch_all(&mut *conn).await?;
    let detail = format!("Strike on the seller confirmed: {why}");
    for (item_id, listing_id, _, brand_id) in &confirmed {
        let case = (*item_id, *listing_id, *brand_id);
        record_on_both(
            conn,
            actor_id,
            "seller.strike_confirmed",
            case,
            &detail,
            now,
        )
        .await?;
    }
    if let Some((item_id, listing_id, seller_id, brand_id)) = confirmed.last().copied() {
        let active = active_strikes(conn, seller_id, policy, now).await?;
        let case = (item_id, listing_id, brand_id);
        suspend_at_limit(conn, case, seller_id, active, policy, now).await?;
    }
    Ok(confirmed.len())
}

/// One brand's strikes on one seller that wait for a person's confirmation.
#[derive(Debug, Clone, FromRow)]
pub struct WaitingStrikes {
    /// The seller.
    pub seller_id: i64,
    /// Their name.
    pub seller: String,
    /// The brand whose instant takedowns gave them.
    pub brand_id: i64,
    /// Its name.
    pub brand: String,
    /// How many wait.
    pub waiting: i64,
    /// The seller's strikes that count now (all brands).
    pub counted: i64,
}

/// Unconfirmed strikes in the window, by seller and brand: of the brands the manager looks
/// after (`Some`) or all (`None`, admins); those closest to suspending the seller first.
pub async fn waiting_confirmation(
    pool: &AnyPool,
    manager: Option<i64>,
    policy: &SellerPolicy,
    now: i64,
) -> sqlx::Result<Vec<WaitingStrikes>> {
    sqlx::query_as(
        "SELECT * FROM (SELECT w.seller_id, sl.name AS seller, w.brand_id, b.name AS brand, \
         w.waiting, (SELECT COUNT(*) FROM strikes c WHERE c.seller_id = w.seller_id \
          AND c.lifted_at IS NULL AND c.struck_at >= $1 AND c.confirmed = 1) AS counted \
         FROM (SELECT s.seller_id, i.brand_id, COUNT(*) AS waiting FROM strikes s \
               JOIN report_items i ON i.id = s.item_id \
               WHERE s.confirmed = 0 AND s.lifted_at IS NULL AND s.struck_at >= $1 \
               GROUP BY s.seller_id, i.brand_id) w \
         JOIN sellers sl ON sl.id = w.seller_id JOIN brands b ON b.id = w.brand_id \
         WHERE ($2 IS NULL OR b.manager_id = $2)) t \
         ORDER BY t.counted + t.waiting DESC, t.seller_id, t.brand_id LIMIT 100",
    )
    .bind(policy.strikes_since(now))
    .bind(manager)
    .fetch_all(pool)
    .await
}

/// Confirms one brand's strikes on one seller (an account manager's decision), in one
/// transaction with their events and any suspension they bring. Returns how many were
/// confirmed (none: nothing waited).
pub async fn confirm_brand_on_seller(
    db: &Db,
    brand_id: i64,
    seller_id: i64,
    actor_id: i64,
    policy: &SellerPolicy,
    now: i64,
) -> sqlx::Result<usize> {
    let mut tx = db.begin().await?;
    let which = Confirming::BrandOnSeller {
        brand_id,
        seller_id,
    };
    let why = "an account manager confirmed the brand's instant takedowns of this seller";
    let confirmed = confirm(&mut tx, which, why, Some(actor_id), policy, now).await?;
    tx.commit().await?;
    Ok(confirmed)
}

/// The seller's name, and until when they are suspended if they are now.
pub async fn name_and_suspension(
    pool: &AnyPool,
    seller_id: i64,
    now: i64,
) -> sqlx::Result<(String, Option<i64>)> {
    let (name, until): (String, Option<i64>) =
        sqlx::query_as("SELECT name, suspended_until FROM sellers WHERE id = $1")
            .bind(seller_id)
            .fetch_one(pool)
            .await?;
    Ok((name, until.filter(|until| *until > now)))
}

/// The second half of [`strike_seller`] (and of an instant takedown's strikes, which go in
/// with the takedown's own writes): suspends the seller once `active` strikes reach the
/// limit, with the suspension's events.
pub(crate) async fn suspend_at_limit(
    conn: &mut AnyConnection,
    case: (i64, i64, i64),
    seller_id: i64,
    active: i64,
    policy: &SellerPolicy,
    now: i64,
) -> sqlx::Result<()> {
    if active < policy.strike_limit {
        return Ok(());
    }
    let until = now + policy.suspension_days * crate::domain::trust::DAY_MS;
    let reason = format!(
        "{active} removals that stand within {} days (the limit is {})",
        policy.strike_days, policy.strike_limit
    );
    // A seller already suspended stays suspended as it is; the rule does not stack.
    let suspended = sqlx::query(
        "UPDATE sellers SET status = 'suspended', suspended_until = $1, suspension_reason = $2, \
         suspended_by_rule = 1 WHERE id = $3 AND (suspended_until IS NULL OR suspended_until <= $4)",
    )
    .bind(until)
    .bind(reason.as_str())
    .bind(seller_id)
    .bind(now)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if suspended > 0 {
        let detail = format!(
            "Seller suspended until {}: {reason}; their live listings are hidden",
            format_time(until)
        );
        record_on_both(conn, None, "seller.suspended", case, &detail, now).await?;
        let told = Some((seller_id, Some(until)));
        outbox::push(conn, EventKind::SellerSuspended, None, told, now).await?;
        audit::record(
            conn,
            &NewEvent {
                actor_id: None,
                action: "seller.suspended",
                subject_type: "seller",
                subject_id: seller_id,
                brand_id: None,
                detail: &detail,
            },
            now,
        )
        .await?;
    }
    Ok(())
}

async fn seller_of(conn: &mut AnyConnection, listing_id: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT seller_id FROM listings WHERE id = $1")
        .bind(listing_id)
        .fetch_one(conn)
        .await
}

async fn active_strikes(
    conn: &mut AnyConnection,
    seller_id: i64,
    policy: &SellerPolicy,
    now: i64,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM strikes WHERE seller_id = $1 AND lifted_at IS NULL AND struck_at >= $2 \
         AND confirmed = 1",
    )
    .bind(seller_id)
    .bind(policy.strikes_since(now))
    .fetch_one(conn)
    .await
}

/// Lifts the strike of a removal that was undone (restored, overturned, retracted), in the
/// caller's transaction. A suspension the strikes rule imposed ends with it when the seller
/// falls below the limit again.
pub(crate) async fn lift_strike(
    conn: &mut AnyConnection,
    (item_id, listing_id, brand_id): (i64, i64, i64),
    why: &str,
    actor_id: Option<i64>,
    policy: &SellerPolicy,
    now: i64,
) -> sqlx::Result<()> {
    let lifted = sqlx::query(
        "UPDATE strikes SET lifted_at = $1, lifted_why = $2 WHERE item_id = $3 AND lifted_at IS NULL",
    )
    .bind(now)
    .bind(why)
    .bind(item_id)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if lifted == 0 {
        return Ok(());
    }
    let case = (item_id, listing_id, brand_id);
    let detail = format!("Strike on the seller removed: {why}");
    record_on_both(conn, actor_id, "seller.strike_removed", case, &detail, now).await?;
    let seller_id = seller_of(conn, listing_id).await?;
    if active_strikes(conn, seller_id, policy, now).await? >= policy.strike_limit {
        return Ok(());
    }
    let reinstated = sqlx::query(
        "UPDATE sellers SET status = 'active', suspended_until = NULL, suspension_reason = '', \
         suspended_by_rule = 0 WHERE id = $1 AND suspended_by_rule = 1 AND suspended_until > $2",
    )
    .bind(seller_id)
    .bind(now)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if reinstated > 0 {
        let detail = "Seller suspension lifted: the seller is below the strike limit again";
        record_on_both(conn, actor_id, "seller.reinstated", case, detail, now).await?;
        let told = Some((seller_id, None));
        outbox::push(conn, EventKind::SellerReinstated, None, told, now).await?;
    }
    Ok(())
}

#[derive(Debug, FromRow)]
struct StrikeRow {
    listing_id: i64,
    title: String,
    item_id: i64,
    struck_at: i64,
    confirmed: i64,
}

/// A seller's strikes in the window and suspension, as they see them.
pub async fn standing(
    pool: &AnyPool,
    seller_id: i64,
    policy: &SellerPolicy,
    now: i64,
) -> sqlx::Result<SellerStanding> {
    let (name, until, reason): (String, Option<i64>, String) = sqlx::query_as(
        "SELECT name, suspended_until, suspension_reason FROM sellers WHERE id = $1",
    )
    .bind(seller_id)
    .fetch_one(pool)
    .await?;
    let rows: Vec<StrikeRow> = sqlx::query_as(
        "SELECT s.listing_id, l.title, s.item_id, s.struck_at, s.confirmed FROM strikes s \
         JOIN listings l ON l.id = s.listing_id \
         WHERE s.seller_id = $1 AND s.lifted_at IS NULL AND s.struck_at >= $2 \
         ORDER BY s.struck_at DESC",
    )
    .bind(seller_id)
    .bind(policy.strikes_since(now))
    .fetch_all(pool)
    .await?;
    let window = policy.strike_days * crate::domain::trust::DAY_MS;
    Ok(SellerStanding {
        name,
        strikes: rows
            .into_iter()
            .map(|row| StrikeView {
                listing_id: row.listing_id,
                title: row.title,
                item_id: row.item_id,
                struck_at: row.struck_at,
                counts_until: row.struck_at + window,
                confirmed: row.confirmed == 1,
            })
            .collect(),
        limit: policy.strike_limit,
        window_days: policy.strike_days,
        suspended_until: until.filter(|until| *until > now),
        suspension_reason: reason,
    })
}

/// Sellers suspended now, soonest end first.
pub async fn suspended(pool: &AnyPool, now: i64) -> sqlx::Result<Vec<SuspendedSeller>> {
    let rows: Vec<(i64, String, i64, String, i64)> = sqlx::query_as(
        "SELECT id, name, suspended_until, suspension_reason, suspended_by_rule FROM sellers \
         WHERE suspended_until > $1 ORDER BY suspended_until, id",
    )
    .bind(now)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(seller_id, name, until, reason, by_rule)| SuspendedSeller {
                seller_id,
                name,
                until,
                reason,
                by_rule: by_rule == 1,
            },
        )
        .collect())
}

/// Why a suspension was not lifted: nothing changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LiftRefusal {
    /// The seller is not suspended now.
    NotSuspended {
        /// The seller.
        seller_id: i64,
    },
}

/// Lifts a seller's suspension (an admin's decision, with a reason), in one transaction with
/// its audit event. `Err` says why nothing changed.
pub async fn lift_suspension(
    db: &Db,
    seller_id: i64,
    reason: &str,
    actor_id: i64,
    now: i64,
) -> sqlx::Result<Result<(), LiftRefusal>> {
    let mut tx = db.begin().await?;
    let lifted = sqlx::query(
        "UPDATE sellers SET status = 'active', suspended_until = NULL, suspension_reason = '', \
         suspended_by_rule = 0 WHERE id = $1 AND suspended_until > $2",
    )
    .bind(seller_id)
    .bind(now)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if lifted == 0 {
        tx.rollback().await?;
        return Ok(Err(LiftRefusal::NotSuspended { seller_id }));
    }
    let detail = format!("Suspension lifted by an admin: {reason}");
    audit::record(
        &mut tx,
        &NewEvent {
            actor_id: Some(actor_id),
            action: "seller.suspension_lifted",
            subject_type: "seller",
            subject_id: seller_id,
            brand_id: None,
            detail: &detail,
        },
        now,
    )
    .await?;
    let told = Some((seller_id, None));
    outbox::push(&mut tx, EventKind::SellerReinstated, None, told, now).await?;
    tx.commit().await?;
    Ok(Ok(()))
}

/// Whether the listing is on sale but its seller is suspended now, which hides it from the
/// marketplace's public pages (a removed listing keeps its public statement of reasons).
pub async fn hidden_by_suspension(pool: &AnyPool, listing_id: i64, now: i64) -> sqlx::Result<bool> {
    let until: Option<i64> = sqlx::query_scalar(
        "SELECT s.suspended_until FROM listings l JOIN sellers s ON s.id = l.seller_id \
         WHERE l.id = $1 AND l.status <> 'removed'",
    )
    .bind(listing_id)
    .fetch_optional(pool)
    .await?
    .flatten();
    Ok(until.is_some_and(|until| until > now))
}
