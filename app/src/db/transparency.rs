//! The transparency figures' running counts: the figures job's cursor and what it reads of
//! each decision, adding to the counts, reading a period back, and the recount of seeded
//! history (migration 0028).

use std::collections::HashMap;

use sqlx::{AnyConnection, AnyPool, FromRow};

use super::Db;
use super::script::{Arg, Script};
use crate::domain::transparency::Count;

/// Where the figures job has read the audit trail to.
pub async fn cursor(pool: &AnyPool) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT last_event_id FROM transparency_cursor WHERE id = 1")
        .fetch_one(pool)
        .await
}

/// Moves the cursor from `from` to `to` in the caller's transaction; `false` if another
/// instance moved it first (this pass's counts are then rolled back and left to it).
pub async fn advance(conn: &mut AnyConnection, from: i64, to: i64) -> sqlx::Result<bool> {
    let moved = sqlx::query(
        "UPDATE transparency_cursor SET last_event_id = $1 WHERE id = 1 AND last_event_id = $2",
    )
    .bind(to)
    .bind(from)
    .execute(conn)
    .await?
    .rows_affected();
    Ok(moved > 0)
}

/// A report item as the counts read it.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct ItemRow {
    /// The item.
    pub id: i64,
    /// When it was filed.
    pub submitted_at: i64,
    /// Its review deadline.
    pub deadline_at: i64,
    /// Its queue priority.
    pub priority: i64,
    /// 1 for an instant takedown.
    pub instant: i64,
    /// 1 when an inquiry's answer filed it.
    pub inquiry: i64,
    /// The report's reason code.
    pub reason: String,
    /// Its status now.
    pub status: String,
    /// Its rejection code, if rejected.
    pub rejection_code: Option<String>,
    /// When it was decided.
    pub decided_at: Option<i64>,
    /// Its brand.
    pub brand_id: i64,
    /// Who decided it.
    pub decided_by: Option<i64>,
}

const ITEM_COLUMNS: &str = "i.id, i.submitted_at, i.deadline_at, i.priority, i.instant, \
     CASE WHEN EXISTS (SELECT 1 FROM inquiries q WHERE q.item_id = i.id) THEN 1 ELSE 0 END \
     AS inquiry, r.reason, i.status, i.rejection_code, i.decided_at, i.brand_id, i.decided_by \
     FROM report_items i JOIN reports r ON r.id = i.report_id";

/// The items of `ids`.
pub async fn items(pool: &AnyPool, ids: &[i64]) -> sqlx::Result<Vec<ItemRow>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    // The ids are integers from the audit trail: spliced as digits, never text.
    let sql = format!("SELECT {ITEM_COLUMNS} WHERE i.id IN ({list})");
    sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .fetch_all(pool)
        .await
}

/// A decided counter-notice as the counts read it.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct CounterNoticeRow {
    /// The removal it contested.
    pub item_id: i64,
    /// When it was filed.
    pub filed_at: i64,
    /// When it was decided.
    pub decided_at: Option<i64>,
}

/// The counter-notices of the items `ids` (one per item at most).
pub async fn counter_notices(pool: &AnyPool, ids: &[i64]) -> sqlx::Result<Vec<CounterNoticeRow>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    let sql = format!(
        "SELECT item_id, filed_at, decided_at FROM counter_notices WHERE item_id IN ({list})"
    );
    sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .fetch_all(pool)
        .await
}

/// Counts to add: (brand, or 0 for the platform's; day; metric; key) → n.
pub type Counts = HashMap<(i64, i64, &'static str, String), i64>;

/// Adds `counts` in the caller's transaction: brand 0's to the platform's counts, the others
/// to their brand's.
pub async fn add(conn: &mut AnyConnection, counts: &Counts) -> sqlx::Result<()> {
    let mut script = Script::default();
    for ((brand_id, day, metric, key), n) in counts {
        if *brand_id == 0 {
            script.push(
                "INSERT INTO transparency_counts (day, metric, key, tally) \
                 VALUES ($1, $2, $3, $4) ON CONFLICT (day, metric, key) \
                 DO UPDATE SET tally = transparency_counts.tally + $4",
                vec![
                    Arg::Int(*day),
                    Arg::Text(metric),
                    Arg::Text(key),
                    Arg::Int(*n),
                ],
            );
        } else {
            script.push(
                "INSERT INTO brand_counts (brand_id, day, metric, key, tally) \
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (brand_id, day, metric, key) \
                 DO UPDATE SET tally = brand_counts.tally + $5",
                vec![
                    Arg::Int(*brand_id),
                    Arg::Int(*day),
                    Arg::Text(metric),
                    Arg::Text(key),
                    Arg::Int(*n),
                ],
            );
        }
    }
    script.run(conn).await
}

/// The per-brand counts of days `[first, last]`: of `brands`, or of every brand (`None`).
pub async fn brand_counts(
    pool: &AnyPool,
    brands: Option<&[i64]>,
    first: i64,
    last: i64,
) -> sqlx::Result<Vec<crate::domain::analytics::BrandCount>> {
    let scope = match brands {
        None => String::new(),
        Some([]) => " AND 1 = 0".into(),
        // Brand ids the access check returned: spliced as digits, never text.
        Some(ids) => format!(
            " AND brand_id IN ({})",
            ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
        ),
    };
    let sql = format!(
        "SELECT brand_id, day, metric, key, tally FROM brand_counts \
         WHERE day >= $1 AND day <= $2{scope}"
    );
    let rows: Vec<(i64, i64, String, String, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(first)
        .bind(last)
        .fetch_all(pool)
        .await?;
    Ok(rows
        .into_iter()
        .map(
            |(brand_id, day, metric, key, tally)| crate::domain::analytics::BrandCount {
                brand_id,
                day,
                metric,
                key,
                tally,
            },
        )
        .collect())
}

/// Items waiting for review now: of `brands`, or of every brand.
pub async fn pending(pool: &AnyPool, brands: Option<&[i64]>) -> sqlx::Result<i64> {
    let scope = match brands {
        None => String::new(),
        Some([]) => return Ok(0),
        Some(ids) => format!(
            " AND brand_id IN ({})",
            ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
        ),
    };
    sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT COUNT(*) FROM report_items WHERE status = 'pending'{scope}"
    )))
    .fetch_one(pool)
    .await
}

/// The counts of the days `[first, last]`.
pub async fn counts(pool: &AnyPool, first: i64, last: i64) -> sqlx::Result<Vec<Count>> {
    let rows: Vec<(i64, String, String, i64)> = sqlx::query_as(
        "SELECT day, metric, key, tally FROM transparency_counts WHERE day >= $1 AND day <= $2",
    )
    .bind(first)
    .bind(last)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(day, metric, key, tally)| Count {
            day,
            metric,
            key,
            tally,
        })
        .collect())
}

/// Items read per step of a recount.
const RECOUNT_STEP: i64 = 10_000;

/// What a recount reads: every item (a page at a time, after the id `after`) …
pub async fn items_after(pool: &AnyPool, after: i64) -> sqlx::Result<Vec<ItemRow>> {
    let sql = format!("SELECT {ITEM_COLUMNS} WHERE i.id > $1 ORDER BY i.id LIMIT $2");
    sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(after)
        .bind(RECOUNT_STEP)
        .fetch_all(pool)
        .await
}

/// … the overturned audits: brand and when (ms) …
pub async fn overturns(pool: &AnyPool) -> sqlx::Result<Vec<(i64, i64)>> {
    sqlx::query_as(
        "SELECT brand_id, decided_at FROM takedown_audits WHERE status = 'overturned' \
         AND decided_at IS NOT NULL",
    )
    .fetch_all(pool)
    .await
}

/// … every counter-notice: brand, filed, outcome, decided …
pub async fn all_counter_notices(
    pool: &AnyPool,
) -> sqlx::Result<Vec<(i64, i64, String, Option<i64>)>> {
    sqlx::query_as("SELECT brand_id, filed_at, status, decided_at FROM counter_notices")
        .fetch_all(pool)
        .await
}

/// … every inquiry: brand, sent, status, answered, deadline …
pub async fn all_inquiries(
    pool: &AnyPool,
) -> sqlx::Result<Vec<(i64, i64, String, Option<i64>, i64)>> {
    sqlx::query_as("SELECT brand_id, created_at, status, answered_at, deadline_at FROM inquiries")
        .fetch_all(pool)
        .await
}

/// … and the suspensions of sellers and brands (their audit events: action, brand, when).
pub async fn suspensions(pool: &AnyPool) -> sqlx::Result<Vec<(String, Option<i64>, i64)>> {
    sqlx::query_as(
        "SELECT action, brand_id, occurred_at FROM audit_events \
         WHERE action IN ('seller.suspended', 'brand.suspended') AND subject_type IN ('seller', 'brand')",
    )
    .fetch_all(pool)
    .await
}

/// The audit trail's last event: where a recount starts following from.
pub async fn last_event(pool: &AnyPool) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM audit_events")
        .fetch_one(pool)
        .await
}

/// Replaces every count with `counts` and puts the cursor at `cursor`, in one transaction.
pub async fn replace(db: &Db, counts: &Counts, cursor: i64) -> sqlx::Result<()> {
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM transparency_counts")
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM brand_counts")
        .execute(&mut *tx)
        .await?;
    sqlx::query("UPDATE transparency_cursor SET last_event_id = $1 WHERE id = 1")
        .bind(cursor)
        .execute(&mut *tx)
        .await?;
    add(&mut tx, counts).await?;
    tx.commit().await
}

/// The names of the brands `ids`.
pub async fn brand_names(pool: &AnyPool, ids: &[i64]) -> sqlx::Result<Vec<(i64, String)>> {
    named(pool, "brands", "name", ids).await
}

/// The display names of the accounts `ids`.
pub async fn person_names(pool: &AnyPool, ids: &[i64]) -> sqlx::Result<Vec<(i64, String)>> {
    named(pool, "users", "display_name", ids).await
}

async fn named(
    pool: &AnyPool,
    table: &str,
    column: &str,
    ids: &[i64],
) -> sqlx::Result<Vec<(i64, String)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    // The table and column are this module's constants; the ids are integers from the counts.
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT id, {column} FROM {table} WHERE id IN ({list})"
    )))
    .fetch_all(pool)
    .await
}
