//! Joint-Force instant takedown: listings removed inside the brand's request, the marketplace
//! told through the outbox, and the brand's own retraction within seven days.

use sqlx::{AnyConnection, AnyPool, FromRow};

use crate::db::Db;

use crate::db::audit::{self, NewEvent};
use crate::db::lifecycle::{self, Move, Scope};
use crate::db::reports::NewReport;
use crate::db::reports::SubmitError;
use crate::db::script::{Arg, Script};
use crate::domain::Rules;
use crate::domain::Tier;
use crate::domain::joint_force::{CapReached, CapWindow, TakedownCaps};
use crate::domain::report::ItemEvent;
use crate::domain::trust::DAY_MS;

mod carrier;
pub(crate) use carrier::Rooms;
use carrier::{Waiting, carrier};

/// Days within which a brand may retract its own instant takedown.
pub const RETRACT_DAYS: i64 = 7;

/// Why a brand may not take listings down instantly now (`service::reports` words it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TakedownBar {
    /// There is no brand with that id.
    NoSuchBrand,
    /// The brand's reports are suspended (misuse), and instant takedown with them.
    Suspended {
        /// The brand's name.
        brand: String,
        /// When the suspension ends.
        until: i64,
    },
    /// Enrolled in Joint-Force, but the tier in force is below it: standing was lost.
    LostStanding {
        /// The brand's name.
        brand: String,
        /// Why the tier is what it is, with the figures.
        reason: String,
    },
    /// Not a Joint-Force brand.
    NotJointForce {
        /// The brand's name.
        brand: String,
        /// The tier in force.
        tier: Tier,
    },
}

/// Why this brand may not take listings down instantly now, or `None` if it may. One read of
/// the brand's stored standing: this runs before every takedown (the benchmark's hot path).
pub async fn refusal(
    conn: &mut AnyConnection,
    brand_id: i64,
    now: i64,
) -> sqlx::Result<Option<TakedownBar>> {
    let Some(stored) = crate::db::trust::stored(conn, brand_id).await? else {
        return Ok(Some(TakedownBar::NoSuchBrand));
    };
    let in_force = Tier::parse(&stored.tier).unwrap_or_default();
    Ok(
        if let Some(until) = stored.suspended_until.filter(|until| *until > now) {
            Some(TakedownBar::Suspended {
                brand: stored.name,
                until,
            })
        } else if in_force == Tier::JointForce {
            None
        } else if stored.joint_force_enrolled != 0 {
            Some(TakedownBar::LostStanding {
                brand: stored.name,
                reason: stored.tier_reason,
            })
        } else {
            Some(TakedownBar::NotJointForce {
                brand: stored.name,
                tier: in_force,
            })
        },
    )
}

/// The report and (item, listing) ids of a stored takedown.
pub type TakenDown = (i64, Vec<(i64, i64)>);

/// Removes the report's listings at once, in one transaction: the report, its items (decided
/// as removed by the brand itself, marked instant), the listings, the audit events, one outbox
/// row per listing, the audit samples and the brand's recomputed tier. Returns the report and
/// (item, listing) ids.
///
/// Takedowns that arrive while others are being stored wait and then share a transaction
/// (group commit, see [`carrier`]): on SQLite all of them, which wait for the one write turn
/// anyway; on PostgreSQL those of one brand, which wait for each other at the brand's row
/// (its caps and its tier) until the commit.
pub async fn take_down(
    db: &Db,
    report: &NewReport,
    rules: &Rules,
    now: i64,
) -> Result<TakenDown, SubmitError> {
    let room = match db.writer() {
        Some(_) => 0,
        None => report.brand_id,
    };
    let (reply, answer) = tokio::sync::oneshot::channel();
    let waiting = Waiting {
        report: report.clone(),
        rules: *rules,
        now,
        reply,
    };
    let start_carrier = db.takedowns().visit(room, |room| {
        room.waiting.push(waiting);
        !std::mem::replace(&mut room.carrying, true)
    });
    if start_carrier {
        // A task of its own, so a request dropped by its client drops no one's takedown.
        tokio::spawn(carrier(db.clone(), room));
    }
    answer.await.unwrap_or_else(|_| {
        Err(
            sqlx::Error::Protocol("the takedown's transaction ended without an answer".into())
                .into(),
        )
    })
}

/// The trail's name for the path [`take_down`] serves.
const INSTANT: &str = "instant takedown";

/// Counts the takedown's listings against the brand's hourly and daily caps, in the
/// takedown's transaction: one conditional update of the brand's row, which both engines
/// serialise, so concurrent takedowns cannot pass a cap together. `Err` (nothing changed)
/// says which cap the listings would pass.
async fn claim_allowance(
    conn: &mut AnyConnection,
    report: &NewReport,
    rules: &Rules,
    now: i64,
) -> sqlx::Result<Result<(), CapReached>> {
    let asked = report.items.len() as i64;
    claim(conn, report.brand_id, asked, &rules.joint_force.caps, now).await
}

/// [`claim_allowance`] for `asked` listings of the brand.
async fn claim(
    conn: &mut AnyConnection,
    brand_id: i64,
    asked: i64,
    caps: &TakedownCaps,
    now: i64,
) -> sqlx::Result<Result<(), CapReached>> {
    let (hour, day) = TakedownCaps::windows(now);
    // Every right-hand side reads the row as it was, so a count from an earlier window
    // starts again from zero.
    let claimed = sqlx::query(
        "UPDATE brands SET \
         takedown_hour_count = CASE WHEN takedown_hour_start = $2 THEN takedown_hour_count ELSE 0 END + $4, \
         takedown_hour_start = $2, \
         takedown_day_count = CASE WHEN takedown_day_start = $3 THEN takedown_day_count ELSE 0 END + $4, \
         takedown_day_start = $3 \
         WHERE id = $1 \
         AND CASE WHEN takedown_hour_start = $2 THEN takedown_hour_count ELSE 0 END + $4 <= $5 \
         AND CASE WHEN takedown_day_start = $3 THEN takedown_day_count ELSE 0 END + $4 <= $6",
    )
    .bind(brand_id)
    .bind(hour)
    .bind(day)
    .bind(asked)
    .bind(caps.hourly)
    .bind(caps.daily)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if claimed > 0 {
        return Ok(Ok(()));
    }
    let (hour_start, hour_count, day_start, day_count): (i64, i64, i64, i64) = sqlx::query_as(
        "SELECT takedown_hour_start, takedown_hour_count, takedown_day_start, takedown_day_count \
         FROM brands WHERE id = $1",
    )
    .bind(brand_id)
    .fetch_one(&mut *conn)
    .await?;
    let counts = ((hour_start, hour_count), (day_start, day_count));
    // The update refused, so a cap is passed; should the counts say otherwise, the hour's.
    Ok(Err(CapReached::check(caps, counts.0, counts.1, asked, now)
        .unwrap_or(CapReached {
            window: CapWindow::Hour,
            cap: caps.hourly,
            taken: hour_count,
            asked,
            reopens_at: hour + 3_600_000,
        })))
}

/// Tells the brand's account manager that the brand reached a takedown cap — at most once an
/// hour per brand, so a script hammering the cap raises one alert, not thousands: the brand
/// shows on the manager's desk and the alert is in the audit trail. Returns whether this
/// call raised it.
pub async fn alert_cap_reached(
    db: &Db,
    brand_id: i64,
    reached: &CapReached,
    detail: &str,
    now: i64,
) -> sqlx::Result<bool> {
    let (hour, _) = TakedownCaps::windows(now);
    let mut tx = db.begin().await?;
    let raised = sqlx::query(
        "UPDATE brands SET takedown_cap_alerted_at = $1 WHERE id = $2 \
         AND (takedown_cap_alerted_at IS NULL OR takedown_cap_alerted_at < $3)",
    )
    .bind(now)
    .bind(brand_id)
    .bind(hour)
    .execute(&mut *tx)
    .await?
    .rows_affected()
        > 0;
    if raised {
        let event = NewEvent {
            actor_id: None,
            action: match reached.window {
                CapWindow::Hour => "brand.takedown_hourly_cap_reached",
                CapWindow::Day => "brand.takedown_daily_cap_reached",
            },
            subject_type: "brand",
            subject_id: brand_id,
            brand_id: Some(brand_id),
            detail,
        };
        audit::record(&mut tx, &event, now).await?;
    }
    tx.commit().await?;
    Ok(raised)
}

/// A brand that reached a takedown cap in the last day, for its manager's desk.
#[derive(Debug, Clone, FromRow)]
pub struct CapAlertRow {
    /// The brand.
    pub brand_id: i64,
    /// Its name.
    pub name: String,
    /// When the manager was last told.
    pub alerted_at: i64,
    /// The start of the hour counted in `hour_count`.
    pub hour_start: i64,
    /// Listings taken down in that hour.
    pub hour_count: i64,
    /// The start of the day counted in `day_count`.
    pub day_start: i64,
    /// Listings taken down that day.
    pub day_count: i64,
}

/// Brands that reached a takedown cap since `since`: those the manager looks after (`Some`),
/// or all (`None`, admins), most recent first.
pub async fn cap_alerts(
    pool: &AnyPool,
    manager: Option<i64>,
    since: i64,
) -> sqlx::Result<Vec<CapAlertRow>> {
    sqlx::query_as(
        "SELECT id AS brand_id, name, takedown_cap_alerted_at AS alerted_at, \
         takedown_hour_start AS hour_start, takedown_hour_count AS hour_count, \
         takedown_day_start AS day_start, takedown_day_count AS day_count \
         FROM brands WHERE takedown_cap_alerted_at >= $1 AND ($2 IS NULL OR manager_id = $2) \
         ORDER BY takedown_cap_alerted_at DESC LIMIT 100",
    )
    .bind(since)
    .bind(manager)
    .fetch_all(pool)
    .await
}

/// [`take_down`] on the caller's transaction, so an inquiry's "counterfeit" answer removes
/// the listing in the same transaction as the answer. `cause` names the path in the trail.
pub(crate) async fn take_down_in(
    conn: &mut AnyConnection,
    report: &NewReport,
    rules: &Rules,
    cause: &str,
    now: i64,
) -> sqlx::Result<TakenDown> {
    let done = take_down_items(conn, report, rules, cause, now).await?;
    crate::db::trust::recompute(conn, report.brand_id, rules, Some(report.submitted_by), now)
        .await?;
    Ok(done)
}

/// [`take_down_in`] but for the brand's tier, which the caller recomputes.
async fn take_down_items(
    conn: &mut AnyConnection,
    report: &NewReport,
    rules: &Rules,
    cause: &str,
    now: i64,
) -> sqlx::Result<TakenDown> {
    let report_id = crate::db::reports::insert_report(conn, report, now).await?;
    // Each statement is a round trip to the database inside the writer's turn, so the
    // brand's manager is read by subqueries, the seller and their active strikes come back
    // from the listing's update, and every write whose result nothing waits for goes in one
    // script after the items.
    let mut items = Vec::with_capacity(report.items.len());
    // (seller, their active strikes once this item's strike is counted), by item.
    let mut strikes = Vec::with_capacity(report.items.len());
    // An instant takedown rests on the brand's word alone, so its strikes wait for a person
    // to confirm them before they count towards suspension (see `db::strikes::confirm`).
    let confirmed = cause != INSTANT;
    let mut struck_here = std::collections::HashMap::<i64, i64>::new();
    for (listing_id, line_text, note) in &report.items {
        // A listing someone else removed a moment ago is not removed twice. Subqueries in
        // RETURNING see the strikes as they were before this statement on both engines.
        let Some((seller_id, active_before)) = sqlx::query_as::<_, (i64, i64)>(
            "UPDATE listings SET status = 'removed' WHERE id = $1 AND status <> 'removed' \
             RETURNING seller_id, (SELECT COUNT(*) FROM strikes s WHERE s.seller_id = listings.seller_id \
             AND s.lifted_at IS NULL AND s.struck_at >= $2 AND s.confirmed = 1)",
        )
        .bind(*listing_id)
        .bind(rules.sellers.strikes_since(now))
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
        // The item is new, so its strike is too: a confirmed one adds one to the seller's
        // count, after the strikes of this report's earlier listings of the same seller.
        let earlier = struck_here.entry(seller_id).or_default();
        *earlier += i64::from(confirmed);
        items.push((item_id, *listing_id));
        strikes.push((seller_id, active_before + *earlier));
    }
    let sampled: Vec<i64> = items
        .iter()
        .map(|(item_id, _)| *item_id)
        .filter(|item_id| rules.joint_force.audit.picks(*item_id))
        .collect();
    let mut script = Script::default();
    if !items.is_empty() {
        script.push(
            format!(
                "INSERT INTO marketplace_outbox (event, listing_id, brand_id, item_id, created_at) VALUES {}",
                crate::db::values_placeholders(items.len(), 5)
            ),
            items
                .iter()
                .flat_map(|(item_id, listing_id)| {
                    [
                        Arg::Text(crate::domain::delivery::EventKind::ListingRemoved.as_str()),
                        Arg::Int(*listing_id),
                        Arg::Int(report.brand_id),
                        Arg::Int(*item_id),
                        Arg::Int(now),
                    ]
                })
                .collect(),
        );
        script.push(
            format!(
                "INSERT INTO strikes (item_id, seller_id, listing_id, struck_at, confirmed) VALUES {}",
                crate::db::values_placeholders(items.len(), 5)
            ),
            items
                .iter()
                .zip(&strikes)
                .flat_map(|((item_id, listing_id), (seller_id, _))| {
                    [
                        Arg::Int(*item_id),
                        Arg::Int(*seller_id),
                        Arg::Int(*listing_id),
                        Arg::Int(now),
                        Arg::Int(i64::from(confirmed)),
                    ]
                })
                .collect(),
        );
    }
    for item_id in &sampled {
        script.push(
            "INSERT INTO takedown_audits (item_id, brand_id, manager_id, sampled_at) \
             VALUES ($1, $2, (SELECT manager_id FROM brands WHERE id = $2), $3)",
            vec![Arg::Int(*item_id), Arg::Int(report.brand_id), Arg::Int(now)],
        );
    }
    let item_detail = format!("Removed by {cause} on report {report_id} (Joint-Force)");
    let listing_detail = format!("Removed by {cause} on report {report_id}");
    let report_detail = format!(
        "{}: {} removed",
        capitalised(cause),
        crate::domain::listing::counted(items.len() as i64, "listing")
    );
    let sampled_detail = "Picked for the account manager's audit of instant takedowns";
    let strike_details: Vec<String> = strikes
        .iter()
        .map(|(_, active)| {
            if confirmed {
                crate::db::strikes::strike_detail(*active, &rules.sellers)
            } else {
                crate::db::strikes::unconfirmed_strike_detail(&rules.sellers)
            }
        })
        .collect();
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
    let confirmations = crate::db::reports::authorised_confirmations(report, &items);
    for (item_id, detail) in &confirmations {
        events.push(NewEvent {
            actor_id: Some(report.submitted_by),
            action: crate::db::reports::AUTHORISED_CONFIRMED,
            subject_type: "report_item",
            subject_id: *item_id,
            brand_id: Some(report.brand_id),
            detail,
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
    for ((item_id, listing_id), detail) in items.iter().zip(&strike_details) {
        for (subject_type, subject_id) in [("report_item", *item_id), ("listing", *listing_id)] {
            events.push(NewEvent {
                actor_id: None,
                action: "seller.strike",
                subject_type,
                subject_id,
                brand_id: Some(report.brand_id),
                detail,
            });
        }
    }
    audit::push_many(&mut script, &events, now);
    script.run(conn).await?;
    // A suspension at the limit follows the trail (unconfirmed strikes add nothing to it).
    for ((item_id, listing_id), (seller_id, active)) in items.iter().zip(&strikes) {
        if !confirmed {
            break;
        }
        let case = (*item_id, *listing_id, report.brand_id);
        crate::db::strikes::suspend_at_limit(conn, case, *seller_id, *active, &rules.sellers, now)
            .await?;
    }
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

/// Why a takedown could not be retracted: it is not one of the brand's instant takedowns of
/// the last [`RETRACT_DAYS`] days, or it was retracted already. Nothing changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotRetractable;

/// Retracts an instant takedown of the brand within seven days, in one transaction: the item
/// becomes withdrawn (a withdrawal, not a restoration against the brand), the listing goes live
/// again as restored, audited and sent to the outbox.
pub async fn retract(
    db: &Db,
    item_id: i64,
    brand_id: i64,
    actor_id: i64,
    rules: &Rules,
    now: i64,
) -> sqlx::Result<Result<(), NotRetractable>> {
    let mut tx = db.begin().await?;
    let mv = Move {
        item_id,
        event: ItemEvent::Retract,
        actor_id: Some(actor_id),
        scope: Scope {
            brand_id: Some(brand_id),
            report_id: None,
            instant_since: Some(now - RETRACT_DAYS * DAY_MS),
        },
        decision: Default::default(),
        item_event: ("item.withdrawn", "Instant takedown retracted by the brand"),
        listing_event: Some((
            "listing.restored",
            "Restored: the brand retracted its instant takedown",
        )),
        strike_lifted_because: "the brand retracted its takedown",
    };
    if lifecycle::apply(&mut tx, &mv, rules, now).await?.is_err() {
        tx.rollback().await?;
        return Ok(Err(NotRetractable));
    }
    // A retracted takedown has nothing left to audit.
    sqlx::query(
        "UPDATE takedown_audits SET status = 'retracted', decided_at = $1 \
         WHERE item_id = $2 AND status = 'open'",
    )
    .bind(now)
    .bind(item_id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Ok(()))
}
