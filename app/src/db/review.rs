//! The review queue and decisions on items.

use crate::db::Db;
use sqlx::{AnyPool, FromRow};

use crate::db::lifecycle::{self, Move, Scope};
use crate::db::listings::ListingRow;
use crate::domain::queue::is_overdue;
use crate::domain::report::ItemEvent;
use crate::domain::{ItemStatus, ReasonCode, Tier};
use crate::model::{Decision, Page, QueueFilter, QueueRow};

/// Rows per page of the review queue.
pub const QUEUE_PAGE_SIZE: i64 = 50;

pub use crate::model::QUEUE_COUNT_CAP;

/// The tier whose queue priority an item carries (see `domain::queue::priority`).
fn tier_of_priority(priority: i64) -> Tier {
    match priority {
        0 => Tier::JointForce,
        1 => Tier::GoodFaith,
        _ => Tier::Standard,
    }
}

#[derive(Debug, FromRow)]
struct QueueDbRow {
    item_id: i64,
    report_id: i64,
    brand_name: String,
    priority: i64,
    reason: String,
    submitted_at: i64,
    deadline_at: i64,
    #[sqlx(flatten)]
    listing: ListingRow,
}

/// One page of pending items in queue order: of one manager's brands (`Some(manager)`) or of
/// every brand (`None`, for admins).
pub async fn queue(
    pool: &AnyPool,
    manager_id: Option<i64>,
    filter: &QueueFilter,
    now: i64,
) -> sqlx::Result<Page<QueueRow>> {
    // Conditions on report_items alone, so counting needs no joins; the reason (on reports)
    // is the one filter that needs another table.
    let mut conditions = vec!["i.status = 'pending'".to_owned()];
    let mut numbers: Vec<i64> = Vec::new();
    if let Some(manager) = manager_id {
        numbers.push(manager);
        conditions.push(format!("i.manager_id = ${}", numbers.len()));
    }
    if filter.brand_id > 0 {
        numbers.push(filter.brand_id);
        conditions.push(format!("i.brand_id = ${}", numbers.len()));
    }
    if let Some(tier) = Tier::parse(&filter.tier) {
        numbers.push(i64::from(crate::domain::queue::priority(tier)));
        conditions.push(format!("i.priority = ${}", numbers.len()));
    }
    if filter.overdue_only {
        numbers.push(now);
        conditions.push(format!("i.deadline_at < ${}", numbers.len()));
    }
    let reason = ReasonCode::parse(&filter.reason);
    let reason_join = if reason.is_some() {
        conditions.push(format!("r.reason = ${}", numbers.len() + 1));
        " JOIN reports r ON r.id = i.report_id"
    } else {
        ""
    };
    let conditions = conditions.join(" AND ");
    let page = filter.page.max(0);
    // Counting a million pending items costs ~50-100 ms on SQLite while the page itself takes
    // under a millisecond, so the count stops just past the cap ("more than 1,000 waiting").
    let count_sql = format!(
        "SELECT COUNT(*) FROM (SELECT 1 FROM report_items i{reason_join} WHERE {conditions} \
         LIMIT {}) capped",
        QUEUE_COUNT_CAP + 1
    );
    // The page's items are picked first, alone, then joined to what the rows show. The inner
    // ORDER BY matches the partial queue indexes (all, per manager, per brand), so the page is
    // read off an index in order, without sorting. Picking first also keeps PostgreSQL's
    // planner from weighing five-table join orders on every call: 3 ms of planning per
    // request at a million pending items, more than the query itself.
    let order = "i.priority, i.deadline_at, i.submitted_at, i.id";
    let rows_sql = format!(
        "SELECT i.id AS item_id, i.report_id, b.name AS brand_name, i.priority, r.reason, \
         i.submitted_at, i.deadline_at, l.id AS listing_id, l.title, l.category, l.price_cents, \
         l.currency, l.status AS listing_status, l.external_id AS listing_ref, l.url AS listing_url, l.seller_id, s.name AS seller_name \
         FROM (SELECT i.id, i.report_id, i.brand_id, i.listing_id, i.priority, i.submitted_at, \
         i.deadline_at FROM report_items i{reason_join} WHERE {conditions} ORDER BY {order} \
         LIMIT {QUEUE_PAGE_SIZE} OFFSET {}) i \
         JOIN reports r ON r.id = i.report_id JOIN brands b ON b.id = i.brand_id \
         JOIN listings l ON l.id = i.listing_id JOIN sellers s ON s.id = l.seller_id \
         ORDER BY {order}",
        page * QUEUE_PAGE_SIZE
    );
    // Only placeholders and numbers computed here are spliced into the SQL.
    let mut count = sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(count_sql));
    let mut rows = sqlx::query_as::<_, QueueDbRow>(sqlx::AssertSqlSafe(rows_sql));
    for n in &numbers {
        count = count.bind(*n);
        rows = rows.bind(*n);
    }
    if let Some(reason) = reason {
        count = count.bind(reason.as_str());
        rows = rows.bind(reason.as_str());
    }
    let total = count.fetch_one(pool).await?;
    let rows = rows.fetch_all(pool).await?;
    Ok(Page {
        rows: rows
            .into_iter()
            .map(|row| QueueRow {
                item_id: row.item_id,
                report_id: row.report_id,
                brand_name: row.brand_name,
                tier: tier_of_priority(row.priority),
                listing: row.listing.into(),
                reason: ReasonCode::parse(&row.reason).unwrap_or(ReasonCode::Counterfeit),
                submitted_at: row.submitted_at,
                deadline_at: row.deadline_at,
                overdue: is_overdue(row.deadline_at, now),
                remaining_ms: row.deadline_at - now,
            })
            .collect(),
        total,
        page,
        per_page: QUEUE_PAGE_SIZE,
    })
}

/// The brand of each of these items that exists, as (item id, brand id).
pub async fn brands_of_items(pool: &AnyPool, item_ids: &[i64]) -> sqlx::Result<Vec<(i64, i64)>> {
    if item_ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT id, brand_id FROM report_items WHERE id IN ({})",
        crate::db::in_placeholders(1, item_ids.len())
    );
    let mut query = sqlx::query_as(sqlx::AssertSqlSafe(sql));
    for id in item_ids {
        query = query.bind(*id);
    }
    query.fetch_all(pool).await
}

/// Why an item could not be decided: nothing changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotPending {
    /// There is no such item.
    NoSuchItem,
    /// Someone decided it first (another reviewer, or the brand withdrew it).
    AlreadyDecided(AlreadyDecided),
}

/// Who decided an item that is no longer pending, when, and how it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlreadyDecided {
    /// Its status now (`None` if the stored status is not one the app knows).
    pub status: Option<ItemStatus>,
    /// Who decided it, by display name.
    pub by: Option<String>,
    /// When.
    pub at: Option<i64>,
}

/// Decides one pending item in one transaction, through the lifecycle engine: the item's
/// status, the listing's removal (for `Remove`), their audit events, the seller's strike and
/// the brand's recomputed tier. If the item is no longer pending — another reviewer got there
/// first, or the brand withdrew it — nothing changes and the refusal says who decided and when.
pub async fn decide(
    db: &Db,
    item_id: i64,
    decision: &Decision,
    rules: &crate::domain::Rules,
    actor_id: i64,
    now: i64,
) -> sqlx::Result<Result<(), NotPending>> {
    let pool = &db.pool;
    let detail = match decision {
        Decision::Remove => String::new(),
        Decision::Reject { code, explanation } => {
            format!("Notice rejected ({}): {explanation}", code.label())
        }
    };
    let (event, code, note) = match decision {
        Decision::Remove => (ItemEvent::Uphold, None, ""),
        Decision::Reject { code, explanation } => {
            (ItemEvent::Reject, Some(*code), explanation.as_str())
        }
    };
    let mut tx = db.begin().await?;
    // The trail names the listing, which the item knows: read it first for an upheld notice.
    let (removal_detail, listing_detail) = if event == ItemEvent::Uphold {
        let row: Option<(i64, i64)> =
            sqlx::query_as("SELECT listing_id, report_id FROM report_items WHERE id = $1")
                .bind(item_id)
                .fetch_optional(&mut *tx)
                .await?;
        let (listing_id, report_id) = row.unwrap_or_default();
        (
            format!("Notice upheld: listing {listing_id} removed"),
            format!("Removed on report {report_id} (item {item_id})"),
        )
    } else {
        (detail, String::new())
    };
    let mv = Move {
        item_id,
        event,
        actor_id: Some(actor_id),
        scope: Scope::default(),
        decision: lifecycle::Decision { code, note },
        item_event: (
            if event == ItemEvent::Uphold {
                "item.removed"
            } else {
                "item.rejected"
            },
            &removal_detail,
        ),
        listing_event: (event == ItemEvent::Uphold)
            .then_some(("listing.removed", listing_detail.as_str())),
        strike_lifted_because: "",
    };
    match lifecycle::apply(&mut tx, &mv, rules, now).await? {
        Ok(_) => {
            tx.commit().await?;
            Ok(Ok(()))
        }
        Err(_) => {
            tx.rollback().await?;
            Ok(Err(already_decided(pool, item_id).await?))
        }
    }
}

/// Who decided an item that is no longer pending, and when.
async fn already_decided(pool: &AnyPool, item_id: i64) -> sqlx::Result<NotPending> {
    let row: Option<(String, Option<String>, Option<i64>)> = sqlx::query_as(
        "SELECT i.status, u.display_name, i.decided_at FROM report_items i \
         LEFT JOIN users u ON u.id = i.decided_by WHERE i.id = $1",
    )
    .bind(item_id)
    .fetch_optional(pool)
    .await?;
    Ok(match row {
        None => NotPending::NoSuchItem,
        Some((status, by, at)) => NotPending::AlreadyDecided(AlreadyDecided {
            status: ItemStatus::parse(&status),
            by,
            at,
        }),
    })
}
