//! Joint-Force instant takedown: listings removed inside the brand's request, the marketplace
//! told through the outbox, and the brand's own retraction within seven days.

use sqlx::{AnyConnection, AnyPool, FromRow};

use crate::db::audit::{self, NewEvent};
use crate::db::reports::NewReport;
use crate::db::trust::Rules;
use crate::domain::trust::DAY_MS;
use crate::domain::{Tier, format_time};

/// Days within which a brand may retract its own instant takedown.
pub const RETRACT_DAYS: i64 = 7;

/// Why this brand may not take listings down instantly now, or `None` if it may.
pub async fn refusal(
    conn: &mut AnyConnection,
    brand_id: i64,
    now: i64,
) -> sqlx::Result<Option<String>> {
    let Some(stored) = crate::db::trust::stored(conn, brand_id).await? else {
        return Ok(Some("There is no brand with that number.".into()));
    };
    let in_force = Tier::parse(&stored.tier).unwrap_or_default();
    Ok(
        if let Some(until) = stored.suspended_until.filter(|until| *until > now) {
            Some(format!(
                "Reports from {} are suspended until {}, so instant takedown is too.",
                stored.name,
                format_time(until)
            ))
        } else if in_force == Tier::JointForce {
            None
        } else if stored.joint_force_enrolled != 0 {
            Some(format!(
                "{} is enrolled in Joint-Force but has lost Good Faith standing ({}); instant takedown \
             returns when the standing does. Use a normal report meanwhile.",
                stored.name, stored.tier_reason
            ))
        } else {
            Some(format!(
                "Instant takedown is for Joint-Force brands; {} is {}. Use a normal report.",
                stored.name,
                in_force.label()
            ))
        },
    )
}

pub(crate) fn outbox_row(event: &'static str) -> &'static str {
    // One literal per event keeps the SQL static.
    match event {
        "listing.restored" => {
            "INSERT INTO marketplace_outbox (event, listing_id, brand_id, item_id, created_at) \
             VALUES ('listing.restored', $1, $2, $3, $4)"
        }
        _ => {
            "INSERT INTO marketplace_outbox (event, listing_id, brand_id, item_id, created_at) \
             VALUES ('listing.removed', $1, $2, $3, $4)"
        }
    }
}

/// Puts a removed listing back on sale as restored and tells the marketplace through the
/// outbox, in the caller's transaction (retractions, audit overturns, appeals).
pub(crate) async fn restore_listing(
    conn: &mut AnyConnection,
    (item_id, listing_id, brand_id): (i64, i64, i64),
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE listings SET status = 'restored' WHERE id = $1")
        .bind(listing_id)
        .execute(&mut *conn)
        .await?;
    sqlx::query(outbox_row("listing.restored"))
        .bind(listing_id)
        .bind(brand_id)
        .bind(item_id)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Removes the report's listings at once, in one transaction: the report, its items (decided
/// as removed by the brand itself, marked instant), the listings, the audit events, one outbox
/// row per listing, the audit samples and the brand's recomputed tier. Returns the report and
/// (item, listing) ids.
pub async fn take_down(
    pool: &AnyPool,
    report: &NewReport,
    rules: &Rules,
    now: i64,
) -> Result<(i64, Vec<(i64, i64)>), crate::db::reports::SubmitError> {
    let mut tx = crate::db::begin(pool).await?;
    let done = take_down_in(&mut tx, report, rules, "instant takedown", now).await?;
    tx.commit().await?;
    Ok(done)
}

/// [`take_down`] on the caller's transaction, so an inquiry's "counterfeit" answer removes
/// the listing in the same transaction as the answer. `cause` names the path in the trail.
pub(crate) async fn take_down_in(
    conn: &mut AnyConnection,
    report: &NewReport,
    rules: &Rules,
    cause: &str,
    now: i64,
) -> sqlx::Result<(i64, Vec<(i64, i64)>)> {
    let report_id = crate::db::reports::insert_report(conn, report, now).await?;
    // Each statement is a round trip to the database inside the writer's turn, so the
    // brand's manager is read by subqueries and the seller comes back from the update.
    let mut items = Vec::with_capacity(report.items.len());
    let mut sellers = Vec::with_capacity(report.items.len());
    for (listing_id, line_text, note) in &report.items {
        // A listing someone else removed a moment ago is not removed twice.
        let Some(seller_id) = sqlx::query_scalar::<_, i64>(
            "UPDATE listings SET status = 'removed' WHERE id = $1 AND status <> 'removed' \
             RETURNING seller_id",
        )
        .bind(*listing_id)
        .fetch_optional(&mut *conn)
        .await?
        else {
            continue;
        };
        let item_id: i64 = sqlx::query_scalar(
            "INSERT INTO report_items (report_id, brand_id, manager_id, listing_id, line_text, note, \
             status, priority, deadline_at, submitted_at, decided_by, decided_at, instant) \
             VALUES ($1, $2, (SELECT manager_id FROM brands WHERE id = $2), $3, $4, $5, \
             'removed', 0, $6, $6, $7, $6, 1) RETURNING id",
        )
        .bind(report_id)
        .bind(report.brand_id)
        .bind(*listing_id)
        .bind(line_text.as_str())
        .bind(note.as_str())
        .bind(now)
        .bind(report.submitted_by)
        .fetch_one(&mut *conn)
        .await?;
        sqlx::query(outbox_row("listing.removed"))
            .bind(*listing_id)
            .bind(report.brand_id)
            .bind(item_id)
            .bind(now)
            .execute(&mut *conn)
            .await?;
        items.push((item_id, *listing_id));
        sellers.push(seller_id);
    }
    let sampled: Vec<i64> = items
        .iter()
        .map(|(item_id, _)| *item_id)
        .filter(|item_id| rules.joint_force.audit.picks(*item_id))
        .collect();
    for item_id in &sampled {
        sqlx::query(
            "INSERT INTO takedown_audits (item_id, brand_id, manager_id, sampled_at) \
             VALUES ($1, $2, (SELECT manager_id FROM brands WHERE id = $2), $3)",
        )
        .bind(*item_id)
        .bind(report.brand_id)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    }
    let item_detail = format!("Removed by {cause} on report {report_id} (Joint-Force)");
    let listing_detail = format!("Removed by {cause} on report {report_id}");
    let report_detail = format!("{}: {} listing(s) removed", capitalised(cause), items.len());
    let sampled_detail = "Picked for the account manager's audit of instant takedowns";
    let mut events = vec![NewEvent {
        actor_id: Some(report.submitted_by),
        action: "report.submitted",
        subject_type: "report",
        subject_id: report_id,
        brand_id: Some(report.brand_id),
        detail: &report_detail,
    }];
    for (item_id, listing_id) in &items {
        events.push(NewEvent {
            actor_id: Some(report.submitted_by),
            action: "item.removed",
            subject_type: "report_item",
            subject_id: *item_id,
            brand_id: Some(report.brand_id),
            detail: &item_detail,
        });
        events.push(NewEvent {
            actor_id: Some(report.submitted_by),
            action: "listing.removed",
            subject_type: "listing",
            subject_id: *listing_id,
            brand_id: Some(report.brand_id),
            detail: &listing_detail,
        });
    }
    for item_id in &sampled {
        events.push(NewEvent {
            actor_id: None,
            action: "item.audit_sampled",
            subject_type: "report_item",
            subject_id: *item_id,
            brand_id: Some(report.brand_id),
            detail: sampled_detail,
        });
    }
    audit::record_many(conn, &events, now).await?;
    for ((item_id, listing_id), seller_id) in items.iter().zip(sellers) {
        let case = (*item_id, *listing_id, report.brand_id);
        crate::db::appeals::strike_seller(conn, case, seller_id, &rules.sellers, now).await?;
    }
    crate::db::trust::recompute(conn, report.brand_id, rules, Some(report.submitted_by), now)
        .await?;
    Ok((report_id, items))
}

/// "instant takedown" → "Instant takedown".
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// One of a brand's recent instant takedowns.
#[derive(Debug, Clone, FromRow)]
pub struct TakedownRow {
    /// Item id.
    pub item_id: i64,
    /// Report number.
    pub report_id: i64,
    /// Listing id.
    pub listing_id: i64,
    /// Listing title.
    pub title: String,
    /// Item status (removed, or withdrawn once retracted).
    pub status: String,
    /// When it was taken down.
    pub decided_at: i64,
}

/// A brand's instant takedowns of the last `days` days, newest first.
pub async fn recent(pool: &AnyPool, brand_id: i64, since: i64) -> sqlx::Result<Vec<TakedownRow>> {
    sqlx::query_as(
        "SELECT i.id AS item_id, i.report_id, i.listing_id, l.title, i.status, i.decided_at \
         FROM report_items i JOIN listings l ON l.id = i.listing_id \
         WHERE i.brand_id = $1 AND i.instant = 1 AND i.decided_at >= $2 ORDER BY i.id DESC LIMIT 500",
    )
    .bind(brand_id)
    .bind(since)
    .fetch_all(pool)
    .await
}

/// Retracts an instant takedown of the brand within seven days, in one transaction: the item
/// becomes withdrawn (a withdrawal, not a restoration against the brand), the listing goes live
/// again as restored, audited and sent to the outbox. `Err` says why not.
pub async fn retract(
    pool: &AnyPool,
    item_id: i64,
    brand_id: i64,
    actor_id: i64,
    rules: &Rules,
    now: i64,
) -> sqlx::Result<Result<(), String>> {
    let mut tx = crate::db::begin(pool).await?;
    let changed = sqlx::query(
        "UPDATE report_items SET status = 'withdrawn' WHERE id = $1 AND brand_id = $2 \
         AND instant = 1 AND status = 'removed' AND decided_at >= $3",
    )
    .bind(item_id)
    .bind(brand_id)
    .bind(now - RETRACT_DAYS * DAY_MS)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed == 0 {
        tx.rollback().await?;
        return Ok(Err(format!(
            "Item {item_id} is not one of your instant takedowns of the last {RETRACT_DAYS} days, \
             or it was already retracted."
        )));
    }
    let listing_id: i64 = sqlx::query_scalar("SELECT listing_id FROM report_items WHERE id = $1")
        .bind(item_id)
        .fetch_one(&mut *tx)
        .await?;
    restore_listing(&mut tx, (item_id, listing_id, brand_id), now).await?;
    // A retracted takedown has nothing left to audit.
    sqlx::query(
        "UPDATE takedown_audits SET status = 'retracted', decided_at = $1 \
         WHERE item_id = $2 AND status = 'open'",
    )
    .bind(now)
    .bind(item_id)
    .execute(&mut *tx)
    .await?;
    let events = [
        NewEvent {
            actor_id: Some(actor_id),
            action: "item.withdrawn",
            subject_type: "report_item",
            subject_id: item_id,
            brand_id: Some(brand_id),
            detail: "Instant takedown retracted by the brand",
        },
        NewEvent {
            actor_id: Some(actor_id),
            action: "listing.restored",
            subject_type: "listing",
            subject_id: listing_id,
            brand_id: Some(brand_id),
            detail: "Restored: the brand retracted its instant takedown",
        },
    ];
    audit::record_many(&mut tx, &events, now).await?;
    crate::db::appeals::lift_strike(
        &mut tx,
        (item_id, listing_id, brand_id),
        "the brand retracted its takedown",
        Some(actor_id),
        &rules.sellers,
        now,
    )
    .await?;
    crate::db::trust::recompute(&mut tx, brand_id, rules, Some(actor_id), now).await?;
    tx.commit().await?;
    Ok(Ok(()))
}
