//! The public transparency figures: the figures job that counts each decision from the audit
//! trail ([`pass`], every few seconds on each instance), the recount of seeded history, and
//! a period's figures for `/transparency` and its downloads (anyone may read them).

use std::collections::HashMap;

use crate::db::audit::follow;
use crate::db::transparency::{self as store, ItemRow};
use crate::domain::transparency::{self, Figures, Item, Tally, bucket, day_of};
use crate::domain::{ReasonCode, RejectionCode};
use crate::error::AppError;
use crate::service::Context;

/// The audit actions the counts follow.
const ACTIONS: [&str; 13] = [
    "item.submitted",
    "item.removed",
    "item.rejected",
    "item.withdrawn",
    "inquiry.sent",
    "inquiry.answered",
    "inquiry.expired",
    "item.audit_overturned",
    "counter_notice.filed",
    "counter_notice.upheld",
    "listing.restored",
    "seller.suspended",
    "brand.suspended",
];
/// Audit events looked at per pass: a pass's reads and its write stay a few milliseconds long,
/// so on two cores they do not hold up the requests beside them (5,000 every 5 seconds made a
/// 300-listing report's p99 jump; bench/results/sqlite-2026-12-07-statements-1.md).
pub const EVENTS_PER_PASS: usize = 2_000;
/// How old an event must be before it is counted (ms): PostgreSQL hands out event ids before
/// commit, so a transaction still open may yet commit an id below the newest; none lasts this
/// long.
pub const SETTLE_MS: i64 = 5_000;

use crate::db::transparency::Counts;

/// Adds the tallies of a decision of `brand` (if it has one) on `day`: to the platform's
/// counts and the brand's.
fn add(
    counts: &mut Counts,
    brand: Option<i64>,
    day: i64,
    tallies: impl IntoIterator<Item = Tally>,
) {
    for tally in tallies {
        let (metric, key) = tally.stored();
        if let Some(brand) = brand.filter(|id| *id > 0) {
            *counts.entry((brand, day, metric, key.clone())).or_default() += 1;
        }
        if tally.public() {
            *counts.entry((0, day, metric, key)).or_default() += 1;
        }
    }
}

fn item_of(row: &ItemRow) -> Option<Item> {
    Some(Item {
        submitted_at: row.submitted_at,
        deadline_at: row.deadline_at,
        priority: row.priority,
        instant: row.instant == 1,
        inquiry: row.inquiry == 1,
        reason: ReasonCode::parse(&row.reason)?,
    })
}

/// One pass of the figures job: counts the decisions in the audit trail past the cursor and
/// moves it, in one transaction (a pass that loses the race to another instance counts
/// nothing). Returns how many audit events it looked at ([`EVENTS_PER_PASS`]: more wait).
pub async fn pass(ctx: &Context) -> Result<usize, AppError> {
    let pool = &ctx.db.pool;
    let from = store::cursor(pool).await?;
    let settled = ctx.now() - SETTLE_MS;
    let (events, to) = follow(pool, from, &ACTIONS, EVENTS_PER_PASS as i64, settled).await?;
    if to == from {
        return Ok(0);
    }
    let item_ids: Vec<i64> = events
        .iter()
        .filter(|event| event.subject_type == "report_item")
        .map(|event| event.subject_id)
        .collect();
    let items: HashMap<i64, ItemRow> = store::items(pool, &item_ids)
        .await?
        .into_iter()
        .map(|row| (row.id, row))
        .collect();
    let appeal_items: Vec<i64> = events
        .iter()
        .filter(|event| {
            event.subject_type == "report_item"
                && matches!(
                    event.action.as_str(),
                    "counter_notice.upheld" | "listing.restored"
                )
        })
        .map(|event| event.subject_id)
        .collect();
    let appeals: HashMap<i64, store::CounterNoticeRow> =
        store::counter_notices(pool, &appeal_items)
            .await?
            .into_iter()
            .map(|row| (row.item_id, row))
            .collect();
    let mut counts = Counts::new();
    for event in &events {
        let day = day_of(event.occurred_at);
        let brand = event.brand_id;
        let on_item = event.subject_type == "report_item";
        let item = items.get(&event.subject_id).filter(|_| on_item);
        let tallies = match (
            event.action.as_str(),
            item.and_then(|row| Some((row, item_of(row)?))),
        ) {
            ("item.submitted", Some((_, item))) => item.filed(),
            ("item.removed", Some((row, item))) => {
                // An instant takedown is filed and decided at once: it has no submission event.
                let mut tallies = if item.instant {
                    item.filed()
                } else {
                    Vec::new()
                };
                tallies.extend(item.decided(event.occurred_at, None));
                tallies.extend(item.decided_by(row.decided_by, event.occurred_at));
                tallies
            }
            ("item.rejected", Some((row, item))) => {
                let code = row
                    .rejection_code
                    .as_deref()
                    .and_then(RejectionCode::parse)
                    .unwrap_or(RejectionCode::Other);
                let mut tallies = item.decided(event.occurred_at, Some(code));
                tallies.extend(item.decided_by(row.decided_by, event.occurred_at));
                tallies
            }
            // A pending item withdrawn leaves the backlog; a retracted instant takedown was
            // never in it.
            ("item.withdrawn", Some((_, item))) if !item.instant => vec![Tally::Withdrawn],
            ("item.audit_overturned", Some(_)) => vec![Tally::Overturned],
            ("counter_notice.filed", Some(_)) => vec![Tally::CounterNoticeFiled],
            // On the item, "listing.restored" is only ever a counter-notice's decision (an
            // audit's overturn and a retraction name the item otherwise).
            (action @ ("counter_notice.upheld" | "listing.restored"), Some(_)) => {
                let restored = action == "listing.restored";
                let mut tallies = vec![Tally::CounterNoticeDecided(restored)];
                if let Some(appeal) = appeals.get(&event.subject_id) {
                    let decided = appeal.decided_at.unwrap_or(event.occurred_at);
                    tallies.push(Tally::CounterNoticeTime(bucket(decided - appeal.filed_at)));
                }
                tallies
            }
            ("inquiry.sent", _) if event.subject_type == "inquiry" => vec![Tally::InquirySent],
            ("inquiry.answered", _) if event.subject_type == "inquiry" => {
                vec![Tally::InquiryAnswered]
            }
            ("inquiry.expired", _) if event.subject_type == "inquiry" => {
                vec![Tally::InquiryExpired]
            }
            ("seller.suspended", _) if event.subject_type == "seller" => {
                vec![Tally::SellerSuspended]
            }
            ("brand.suspended", _) if event.subject_type == "brand" => vec![Tally::BrandSuspended],
            _ => Vec::new(),
        };
        add(&mut counts, brand, day, tallies);
    }
    let mut tx = ctx.db.begin().await?;
    store::add(&mut tx, &counts).await?;
    if !store::advance(&mut tx, from, to).await? {
        tx.rollback().await?;
        return Ok(0);
    }
    tx.commit().await?;
    Ok(usize::try_from(to - from).unwrap_or(usize::MAX))
}

/// Counts everything again from the items, counter-notices, audits and suspensions as they
/// stand, and follows the audit trail from its end: for seeded history (which has no audit
/// trail to follow) and after a restore. Run it on a quiet database: a decision made while it
/// reads may be counted twice.
pub async fn recount(ctx: &Context) -> Result<(), AppError> {
    let pool = &ctx.db.pool;
    let cursor = store::last_event(pool).await?;
    let mut counts = Counts::new();
    let mut after = 0;
    loop {
        let rows = store::items_after(pool, after).await?;
        let Some(last) = rows.last() else {
            break;
        };
        after = last.id;
        for row in &rows {
            let Some(item) = item_of(row) else {
                continue;
            };
            let brand = Some(row.brand_id);
            add(&mut counts, brand, day_of(row.submitted_at), item.filed());
            let Some(decided_at) = row.decided_at else {
                continue;
            };
            if row.status == "withdrawn" {
                if !item.instant {
                    add(&mut counts, brand, day_of(decided_at), [Tally::Withdrawn]);
                }
                continue;
            }
            // An item's decision as it stands: rejected (on review or overturned in audit),
            // or removed (whatever became of the removal since).
            let rejected = (row.status == "rejected").then(|| {
                row.rejection_code
                    .as_deref()
                    .and_then(RejectionCode::parse)
                    .unwrap_or(RejectionCode::Other)
            });
            let mut tallies = item.decided(decided_at, rejected);
            tallies.extend(item.decided_by(row.decided_by, decided_at));
            add(&mut counts, brand, day_of(decided_at), tallies);
        }
    }
    for (brand, at) in store::overturns(pool).await? {
        add(&mut counts, Some(brand), day_of(at), [Tally::Overturned]);
    }
    for (brand, filed_at, status, decided_at) in store::all_counter_notices(pool).await? {
        let brand = Some(brand);
        add(
            &mut counts,
            brand,
            day_of(filed_at),
            [Tally::CounterNoticeFiled],
        );
        if let (Some(decided_at), "restored" | "removal_stands") = (decided_at, status.as_str()) {
            let restored = status == "restored";
            add(
                &mut counts,
                brand,
                day_of(decided_at),
                [
                    Tally::CounterNoticeDecided(restored),
                    Tally::CounterNoticeTime(bucket(decided_at - filed_at)),
                ],
            );
        }
    }
    for (brand, sent_at, status, answered_at, deadline_at) in store::all_inquiries(pool).await? {
        let brand = Some(brand);
        add(&mut counts, brand, day_of(sent_at), [Tally::InquirySent]);
        match (status.as_str(), answered_at) {
            ("open", _) => {}
            ("expired", _) => add(
                &mut counts,
                brand,
                day_of(deadline_at),
                [Tally::InquiryExpired],
            ),
            (_, Some(at)) => add(&mut counts, brand, day_of(at), [Tally::InquiryAnswered]),
            _ => {}
        }
    }
    for (action, brand, at) in store::suspensions(pool).await? {
        let tally = if action == "seller.suspended" {
            Tally::SellerSuspended
        } else {
            Tally::BrandSuspended
        };
        add(&mut counts, brand, day_of(at), [tally]);
    }
    store::replace(&ctx.db, &counts, cursor).await?;
    Ok(())
}

/// The longest period the page shows at once: a year and a day.
pub const MOST_DAYS: i64 = 367;
/// The period shown unless another is asked for: the last 90 days.
pub const DEFAULT_DAYS: i64 = 90;

/// The figures of the days `from` to `to` (`YYYY-MM-DD`, both included; empty: the last 90
/// days). Public: anyone may read them.
pub async fn figures(ctx: &Context, from: &str, to: &str) -> Result<Figures, AppError> {
    let today = day_of(ctx.now());
    let (first, last) = if from.trim().is_empty() && to.trim().is_empty() {
        (today - DEFAULT_DAYS + 1, today)
    } else {
        let (start, end) = crate::domain::dsa::export_range(from, to)
            .map_err(|(field, why)| AppError::field(field, why))?;
        (day_of(start), day_of(end) - 1)
    };
    let counts = store::counts(&ctx.db.pool, first, last).await?;
    Ok(transparency::figures(&counts, first, last))
}
