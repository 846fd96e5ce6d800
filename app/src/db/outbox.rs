//! The marketplace outbox's delivery: rows claimed by a dispatcher, what each attempt found,
//! the Integration page's lists and counts, redelivery, and the pull feed.
//!
//! A row is written in the transaction of the decision it reports (`lifecycle`, `takedown`,
//! `strikes`), so the marketplace is told of exactly the decisions that were committed.

use sqlx::{AnyConnection, FromRow};

use super::Db;
use super::script::{Arg, Script};
use crate::domain::delivery::{DeliveryState, EventKind};

/// Writes one outbox row in the caller's transaction: the marketplace learns of the change
/// once it commits. `listing` is `(item, listing, brand)` for listing events; `seller` and
/// `until` are for seller events.
pub async fn push(
    conn: &mut AnyConnection,
    kind: EventKind,
    listing: Option<(i64, i64, i64)>,
    seller: Option<(i64, Option<i64>)>,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO marketplace_outbox (event, item_id, listing_id, brand_id, seller_id, until_at, \
         created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(kind.as_str())
    .bind(listing.map(|case| case.0))
    .bind(listing.map(|case| case.1))
    .bind(listing.map(|case| case.2))
    .bind(seller.map(|who| who.0))
    .bind(seller.and_then(|who| who.1))
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Claims up to `limit` rows due for delivery until `lease_until`, oldest first, and returns
/// their ids. A row waits while an earlier row of the same listing (or seller) is still
/// pending, so each listing's events arrive in order. On PostgreSQL the candidates are locked
/// with `SKIP LOCKED`: dispatchers of several instances claim disjoint rows without waiting
/// for each other; on SQLite the claim runs in the write turn.
pub async fn claim(db: &Db, now: i64, lease_until: i64, limit: i64) -> sqlx::Result<Vec<i64>> {
    let lock = if db.backend == super::Backend::Postgres {
        " FOR UPDATE SKIP LOCKED"
    } else {
        ""
    };
    let sql = format!(
        "UPDATE marketplace_outbox SET lease_until = $1 WHERE id IN ( \
           SELECT o.id FROM marketplace_outbox o \
           WHERE o.state = 'pending' AND o.next_attempt_at <= $2 \
             AND (o.lease_until IS NULL OR o.lease_until < $2) \
             AND NOT EXISTS (SELECT 1 FROM marketplace_outbox e \
               WHERE e.state = 'pending' AND e.listing_id = o.listing_id AND e.id < o.id) \
             AND NOT EXISTS (SELECT 1 FROM marketplace_outbox e \
               WHERE e.state = 'pending' AND e.seller_id = o.seller_id AND e.id < o.id) \
           ORDER BY o.next_attempt_at, o.id LIMIT $3{lock}) \
         RETURNING id"
    );
    let mut tx = db.begin().await?;
    let mut ids: Vec<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
        .bind(lease_until)
        .bind(now)
        .bind(limit)
        .fetch_all(&mut *tx)
        .await?;
    tx.commit().await?;
    ids.sort_unstable();
    Ok(ids)
}

/// Whether any row is due for delivery at `now` (a read, so an idle dispatcher writes
/// nothing).
pub async fn any_due(db: &Db, now: i64) -> sqlx::Result<bool> {
    let due: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM marketplace_outbox WHERE state = 'pending' AND next_attempt_at <= $1 \
         AND (lease_until IS NULL OR lease_until < $1) LIMIT 1",
    )
    .bind(now)
    .fetch_optional(&db.pool)
    .await?;
    Ok(due.is_some())
}

/// What an event's message is made of: the row and what it names.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct EventRow {
    /// The outbox row (the message id is made from it).
    pub id: i64,
    /// `listing.removed`, …
    pub event: String,
    /// When the decision was committed (ms).
    pub created_at: i64,
    /// The listing, for listing events.
    pub listing_id: Option<i64>,
    /// The listing's title.
    pub listing_title: Option<String>,
    /// The marketplace's id of the listing.
    pub listing_external_id: Option<String>,
    /// The seller: the listing's, or the one a seller event is about.
    pub seller_id: i64,
    /// The seller's name.
    pub seller_name: String,
    /// The marketplace's id of the seller.
    pub seller_external_id: Option<String>,
    /// The brand whose report or takedown decided it.
    pub brand_id: Option<i64>,
    /// The brand's name.
    pub brand_name: Option<String>,
    /// The report item decided.
    pub item_id: Option<i64>,
    /// The report's reason code (`counterfeit`, …).
    pub reason: Option<String>,
    /// 1 when the item was an instant takedown.
    pub instant: Option<i64>,
    /// For seller.suspended: when the suspension ends.
    pub until_at: Option<i64>,
    /// Delivery attempts so far.
    pub attempts: i64,
}

const EVENT_COLUMNS: &str = "o.id, o.event, o.created_at, o.listing_id, l.title AS listing_title, \
     l.external_id AS listing_external_id, s.id AS seller_id, s.name AS seller_name, \
     s.external_id AS seller_external_id, o.brand_id, b.name AS brand_name, o.item_id, \
     r.reason, i.instant, o.until_at, o.attempts \
     FROM marketplace_outbox o \
     LEFT JOIN listings l ON l.id = o.listing_id \
     JOIN sellers s ON s.id = COALESCE(o.seller_id, l.seller_id) \
     LEFT JOIN brands b ON b.id = o.brand_id \
     LEFT JOIN report_items i ON i.id = o.item_id \
     LEFT JOIN reports r ON r.id = i.report_id";

/// The events of `ids`, in id order.
pub async fn events(db: &Db, ids: &[i64]) -> sqlx::Result<Vec<EventRow>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    // The ids are integers the claim returned: spliced as digits, never text.
    let sql = format!("SELECT {EVENT_COLUMNS} WHERE o.id IN ({list}) ORDER BY o.id");
    sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .fetch_all(&db.pool)
        .await
}

/// The pull feed: up to `limit` events after the row `after`, in order, whatever their
/// webhook delivery state.
pub async fn feed(db: &Db, after: i64, limit: i64) -> sqlx::Result<Vec<EventRow>> {
    let sql = format!("SELECT {EVENT_COLUMNS} WHERE o.id > $1 ORDER BY o.id LIMIT $2");
    sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(after)
        .bind(limit)
        .fetch_all(&db.pool)
        .await
}

/// What one attempt found, to be written back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    /// The row.
    pub id: i64,
    /// When it was made (ms).
    pub at: i64,
    /// The HTTP status, when an answer came.
    pub status: Option<i64>,
    /// The signing headers sent.
    pub request: String,
    /// The answer's beginning, or the transport error.
    pub response: String,
    /// Where the row goes next.
    pub next: Next,
}

/// Where a row goes after an attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    /// Delivered.
    Delivered,
    /// Tried again at this instant (ms).
    RetryAt(i64),
    /// Retries ran out.
    Failed,
}

/// Attempts written back per transaction. Each row's update costs ~65 µs on SQLite (its text
/// and four indexes); a round's hundred rows in one transaction held the write turn for up
/// to 20 ms, and the instant takedowns queued behind it (p99 at 500/s: 5.6 ms without the
/// dispatcher, 18–160 ms with it). Sixteen hold it for about a millisecond. (Eight a
/// transaction, with the claim's search moved out of the write turn, was tried in 71841eb and
/// measured worse: more commits, and a long read beside the writers; see
/// bench/results/history.md, 2026-12-07.)
const RECORD_CHUNK: usize = 16;

/// Writes attempts back, a few rows a transaction (each row's change stands on its own), and
/// lets their rows go.
pub async fn record_attempts(db: &Db, attempts: &[Attempt]) -> sqlx::Result<()> {
    for chunk in attempts.chunks(RECORD_CHUNK) {
        record_chunk(db, chunk).await?;
    }
    Ok(())
}

async fn record_chunk(db: &Db, attempts: &[Attempt]) -> sqlx::Result<()> {
    let mut script = Script::default();
    for attempt in attempts {
        let (state, next_at, delivered_at) = match attempt.next {
            Next::Delivered => (DeliveryState::Delivered, 0, Some(attempt.at)),
            Next::RetryAt(at) => (DeliveryState::Pending, at, None),
            Next::Failed => (DeliveryState::Failed, 0, None),
        };
        script.push(
            "UPDATE marketplace_outbox SET state = $1, attempts = attempts + 1, \
             next_attempt_at = $2, lease_until = NULL, last_attempt_at = $3, last_status = $4, \
             last_request = $5, last_response = $6, delivered_at = $7 WHERE id = $8",
            vec![
                Arg::Text(state.as_str()),
                Arg::Int(next_at),
                Arg::Int(attempt.at),
                Arg::MaybeInt(attempt.status),
                Arg::Text(&attempt.request),
                Arg::Text(&attempt.response),
                Arg::MaybeInt(delivered_at),
                Arg::Int(attempt.id),
            ],
        );
    }
    let mut tx = db.begin().await?;
    script.run(&mut tx).await?;
    tx.commit().await
}

/// Lets claimed rows go without an attempt (the endpoint was removed meanwhile).
pub async fn release(db: &Db, ids: &[i64]) -> sqlx::Result<()> {
    let mut script = Script::default();
    for id in ids {
        script.push(
            "UPDATE marketplace_outbox SET lease_until = NULL WHERE id = $1",
            vec![Arg::Int(*id)],
        );
    }
    let mut tx = db.begin().await?;
    script.run(&mut tx).await?;
    tx.commit().await
}

/// One row as the Integration page lists it.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct DeliveryRow {
    /// The row.
    pub id: i64,
    /// `listing.removed`, …
    pub event: String,
    /// The listing, for listing events.
    pub listing_id: Option<i64>,
    /// The seller, for seller events.
    pub seller_id: Option<i64>,
    /// When the decision was committed.
    pub created_at: i64,
    /// pending, delivered, failed.
    pub state: String,
    /// Attempts so far.
    pub attempts: i64,
    /// When the dispatcher tries next (pending rows).
    pub next_attempt_at: i64,
    /// The last attempt.
    pub last_attempt_at: Option<i64>,
    /// Its HTTP status.
    pub last_status: Option<i64>,
    /// Its signing headers.
    pub last_request: Option<String>,
    /// Its answer or error.
    pub last_response: Option<String>,
    /// When it was delivered.
    pub delivered_at: Option<i64>,
}

/// What the Integration page's list shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DeliveryFilter {
    /// Only rows in this state.
    pub state: Option<DeliveryState>,
    /// Only rows of this event.
    pub event: Option<EventKind>,
    /// Only rows about this listing.
    pub listing_id: Option<i64>,
    /// Rows before this id (the page before's last), newest first.
    pub before: Option<i64>,
}

/// Up to `limit` rows matching `filter`, newest first.
pub async fn deliveries(
    db: &Db,
    filter: &DeliveryFilter,
    limit: i64,
) -> sqlx::Result<Vec<DeliveryRow>> {
    let mut sql = String::from(
        "SELECT id, event, listing_id, seller_id, created_at, state, attempts, next_attempt_at, \
         last_attempt_at, last_status, last_request, last_response, delivered_at \
         FROM marketplace_outbox WHERE 1 = 1",
    );
    let mut n = 0;
    let mut next = |sql: &mut String, clause: &str| {
        n += 1;
        sql.push_str(&clause.replace('?', &format!("${n}")));
    };
    if filter.state.is_some() {
        next(&mut sql, " AND state = ?");
    }
    if filter.event.is_some() {
        next(&mut sql, " AND event = ?");
    }
    if filter.listing_id.is_some() {
        next(&mut sql, " AND listing_id = ?");
    }
    if filter.before.is_some() {
        next(&mut sql, " AND id < ?");
    }
    next(&mut sql, " ORDER BY id DESC LIMIT ?");
    let mut query = sqlx::query_as(sqlx::AssertSqlSafe(sql));
    if let Some(state) = filter.state {
        query = query.bind(state.as_str());
    }
    if let Some(event) = filter.event {
        query = query.bind(event.as_str());
    }
    if let Some(listing) = filter.listing_id {
        query = query.bind(listing);
    }
    if let Some(before) = filter.before {
        query = query.bind(before);
    }
    query.bind(limit).fetch_all(&db.pool).await
}

/// How delivery stands: rows per state and the oldest undelivered row's time.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, FromRow)]
pub struct DeliveryCounts {
    /// Rows waiting to be delivered.
    pub pending: i64,
    /// Rows delivered.
    pub delivered: i64,
    /// Rows whose retries ran out.
    pub failed: i64,
    /// When the oldest pending row was made (ms).
    pub oldest_pending_at: Option<i64>,
    /// Pending rows that have failed at least once.
    pub retrying: i64,
}

/// The counts of [`DeliveryCounts`].
pub async fn counts(db: &Db) -> sqlx::Result<DeliveryCounts> {
    sqlx::query_as(
        "SELECT \
           (SELECT COUNT(*) FROM marketplace_outbox WHERE state = 'pending') AS pending, \
           (SELECT COUNT(*) FROM marketplace_outbox WHERE state = 'delivered') AS delivered, \
           (SELECT COUNT(*) FROM marketplace_outbox WHERE state = 'failed') AS failed, \
           (SELECT MIN(created_at) FROM marketplace_outbox WHERE state = 'pending') \
             AS oldest_pending_at, \
           (SELECT COUNT(*) FROM marketplace_outbox WHERE state = 'pending' AND attempts > 0) \
             AS retrying",
    )
    .fetch_one(&db.pool)
    .await
}

/// Puts a delivered or failed row back in line, to be delivered at once; whether it was
/// (a pending row is already in line).
pub async fn redeliver(conn: &mut AnyConnection, id: i64) -> sqlx::Result<bool> {
    let changed = sqlx::query(
        "UPDATE marketplace_outbox SET state = 'pending', next_attempt_at = 0, lease_until = NULL \
         WHERE id = $1 AND state <> 'pending'",
    )
    .bind(id)
    .execute(conn)
    .await?
    .rows_affected();
    Ok(changed > 0)
}

/// Ends suspensions whose time is up, with a `seller.reinstated` row each so the marketplace
/// puts the seller back; how many ended. Suspensions lifted early are told where they are
/// lifted (`strikes`).
pub async fn end_elapsed_suspensions(db: &Db, now: i64) -> sqlx::Result<u64> {
    let mut tx = db.begin().await?;
    let ended: Vec<i64> = sqlx::query_scalar(
        "UPDATE sellers SET status = 'active', suspended_until = NULL, suspension_reason = '', \
         suspended_by_rule = 0 WHERE suspended_until IS NOT NULL AND suspended_until <= $1 \
         RETURNING id",
    )
    .bind(now)
    .fetch_all(&mut *tx)
    .await?;
    for seller in &ended {
        push(
            &mut tx,
            EventKind::SellerReinstated,
            None,
            Some((*seller, None)),
            now,
        )
        .await?;
        super::audit::record(
            &mut tx,
            &super::audit::NewEvent {
                actor_id: None,
                action: "seller.suspension_ended",
                subject_type: "seller",
                subject_id: *seller,
                brand_id: None,
                detail: "Suspension over: its time is up",
            },
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(ended.len() as u64)
}
