//! Statements of reasons for the EU Transparency Database: the facts each is built from, the
//! dispatcher's claims and write-backs, the admin's list and counts, resending, and the export's
//! pages. The rows themselves are written by triggers in the decision's transaction
//! (migration 0027).

use sqlx::{AnyConnection, FromRow};

use super::Db;
use super::script::{Arg, Script};

/// A statement's row with what its text is made of.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct FactsRow {
    /// The statement.
    pub id: i64,
    /// removal, restoration, audit_confirmation.
    pub decision: String,
    /// When it was decided (ms).
    pub decided_at: i64,
    /// When the listing was taken off sale (ms).
    pub removed_at: i64,
    /// The report item.
    pub item_id: i64,
    /// The listing.
    pub listing_id: i64,
    /// The marketplace's id of the listing.
    pub listing_external_id: Option<String>,
    /// When it was put on sale (ms).
    pub listed_at: i64,
    /// The report's reason code.
    pub reason: String,
    /// The right's kind.
    pub right_kind: String,
    /// Its registration number.
    pub right_number: String,
    /// Its jurisdiction.
    pub right_jurisdiction: String,
    /// The brand.
    pub brand_id: i64,
    /// Its name.
    pub brand_name: String,
    /// 1 for an instant takedown.
    pub instant: i64,
    /// The item's queue priority (0: the brand was at Joint-Force when it filed).
    pub priority: i64,
    /// Set when the report came from an inquiry: 1 if a suspicion rule flagged the listing.
    pub inquiry_rule: Option<i64>,
    /// pending, submitted, failed.
    pub state: String,
    /// Attempts so far.
    pub attempts: i64,
    /// When the dispatcher tries next.
    pub next_attempt_at: i64,
    /// The last attempt.
    pub last_attempt_at: Option<i64>,
    /// Its error, if it failed.
    pub last_error: Option<String>,
    /// The database's id, once accepted.
    pub tdb_id: Option<String>,
    /// When it was accepted.
    pub submitted_at: Option<i64>,
}

// An instant takedown's item was removed when it was filed (an overturn or a retraction later
// sets its decision time to theirs); a reviewed item's decision time stays its removal's
// through a counter-notice.
const FACTS: &str = "SELECT d.id, d.decision, d.decided_at, \
     CASE WHEN i.instant = 1 THEN i.submitted_at ELSE COALESCE(i.decided_at, d.decided_at) END \
     AS removed_at, \
     d.item_id, d.listing_id, l.external_id AS listing_external_id, l.created_at AS listed_at, \
     r.reason, p.kind AS right_kind, p.registration_number AS right_number, \
     p.jurisdiction AS right_jurisdiction, b.id AS brand_id, b.name AS brand_name, i.instant, \
     i.priority, (SELECT CASE WHEN q.rule IS NULL THEN 0 ELSE 1 END FROM inquiries q \
       WHERE q.item_id = d.item_id) AS inquiry_rule, \
     d.state, d.attempts, d.next_attempt_at, d.last_attempt_at, d.last_error, d.tdb_id, \
     d.submitted_at \
     FROM dsa_statements d \
     JOIN report_items i ON i.id = d.item_id \
     JOIN reports r ON r.id = i.report_id \
     JOIN ip_rights p ON p.id = r.ip_right_id \
     JOIN brands b ON b.id = i.brand_id \
     JOIN listings l ON l.id = d.listing_id";

/// The statements of `ids`, in id order.
pub async fn facts(db: &Db, ids: &[i64]) -> sqlx::Result<Vec<FactsRow>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    // The ids are integers the claim returned: spliced as digits, never text.
    let sql = format!("{FACTS} WHERE d.id IN ({list}) ORDER BY d.id");
    sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .fetch_all(&db.pool)
        .await
}

/// Claims up to `limit` pending statements due at `now` until `lease_until`, oldest first.
/// On PostgreSQL `SKIP LOCKED` keeps the claims of several instances apart.
pub async fn claim(db: &Db, now: i64, lease_until: i64, limit: i64) -> sqlx::Result<Vec<i64>> {
    let lock = if db.backend == super::Backend::Postgres {
        " FOR UPDATE SKIP LOCKED"
    } else {
        ""
    };
    let sql = format!(
        "UPDATE dsa_statements SET lease_until = $1 WHERE id IN ( \
           SELECT id FROM dsa_statements \
           WHERE state <> 'submitted' AND state = 'pending' AND next_attempt_at <= $2 \
             AND (lease_until IS NULL OR lease_until < $2) \
           ORDER BY next_attempt_at, id LIMIT $3{lock}) \
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

/// Whether any statement is due at `now` (a read, so an idle dispatcher writes nothing).
pub async fn any_due(db: &Db, now: i64) -> sqlx::Result<bool> {
    let due: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM dsa_statements WHERE state <> 'submitted' AND state = 'pending' \
         AND next_attempt_at <= $1 \
         AND (lease_until IS NULL OR lease_until < $1) LIMIT 1",
    )
    .bind(now)
    .fetch_optional(&db.pool)
    .await?;
    Ok(due.is_some())
}

/// What one submission found for one statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Accepted, with the database's id.
    Submitted(String),
    /// Not accepted; tried again at this instant (ms), with why.
    RetryAt(i64, String),
    /// Refused for good (its content), or retries ran out, with why.
    Failed(String),
}

/// Writes back what a batch's submission found, one transaction for the batch (a batch is at
/// most a hundred statements, and submissions are far rarer than takedowns).
pub async fn record(db: &Db, at: i64, outcomes: &[(i64, Outcome)]) -> sqlx::Result<()> {
    let mut script = Script::default();
    for (id, outcome) in outcomes {
        let (state, next_at, error, tdb_id, submitted_at) = match outcome {
            Outcome::Submitted(tdb_id) => ("submitted", 0, None, Some(tdb_id.as_str()), Some(at)),
            Outcome::RetryAt(when, error) => ("pending", *when, Some(error.as_str()), None, None),
            Outcome::Failed(error) => ("failed", 0, Some(error.as_str()), None, None),
        };
        script.push(
            "UPDATE dsa_statements SET state = $1, attempts = attempts + 1, next_attempt_at = $2, \
             lease_until = NULL, last_attempt_at = $3, last_error = $4, tdb_id = $5, \
             submitted_at = $6 WHERE id = $7",
            vec![
                Arg::Text(state),
                Arg::Int(next_at),
                Arg::Int(at),
                Arg::MaybeText(error),
                Arg::MaybeText(tdb_id),
                Arg::MaybeInt(submitted_at),
                Arg::Int(*id),
            ],
        );
    }
    let mut tx = db.begin().await?;
    script.run(&mut tx).await?;
    tx.commit().await
}

/// What the admin's list shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only statements in this state.
    pub state: Option<&'static str>,
    /// Only statements about this listing.
    pub listing_id: Option<i64>,
    /// Statements before this id (the page before's last), newest first.
    pub before: Option<i64>,
}

/// Up to `limit` statements matching `filter`, newest first.
pub async fn list(db: &Db, filter: &Filter, limit: i64) -> sqlx::Result<Vec<FactsRow>> {
    let mut sql = format!("{FACTS} WHERE 1 = 1");
    let mut args = Vec::new();
    if let Some(state) = filter.state {
        args.push(Arg::Text(state));
        // Waiting and failed statements are read from their own index.
        let open = if state == "submitted" {
            ""
        } else {
            " AND d.state <> 'submitted'"
        };
        sql.push_str(&format!("{open} AND d.state = ${}", args.len()));
    }
    if let Some(listing_id) = filter.listing_id {
        args.push(Arg::Int(listing_id));
        sql.push_str(&format!(" AND d.listing_id = ${}", args.len()));
    }
    if let Some(before) = filter.before {
        args.push(Arg::Int(before));
        sql.push_str(&format!(" AND d.id < ${}", args.len()));
    }
    args.push(Arg::Int(limit));
    sql.push_str(&format!(" ORDER BY d.id DESC LIMIT ${}", args.len()));
    let mut query = sqlx::query_as(sqlx::AssertSqlSafe(sql));
    for arg in args {
        query = match arg {
            Arg::Int(value) => query.bind(value),
            Arg::MaybeInt(value) => query.bind(value),
            Arg::Text(value) => query.bind(value),
            Arg::MaybeText(value) => query.bind(value),
        };
    }
    query.fetch_all(&db.pool).await
}

/// Up to `limit` statements decided in `[from, to)` after the statement `after`, in id order:
/// one page of an export.
pub async fn export_page(
    db: &Db,
    from: i64,
    to: i64,
    after: i64,
    limit: i64,
) -> sqlx::Result<Vec<FactsRow>> {
    let sql = format!(
        "{FACTS} WHERE d.decided_at >= $1 AND d.decided_at < $2 AND d.id > $3 \
         ORDER BY d.id LIMIT $4"
    );
    sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(from)
        .bind(to)
        .bind(after)
        .bind(limit)
        .fetch_all(&db.pool)
        .await
}

/// How many statements are in each state, and the oldest waiting one's decision time.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, FromRow)]
pub struct Counts {
    /// Waiting to be sent.
    pub pending: i64,
    /// Accepted.
    pub submitted: i64,
    /// Failed.
    pub failed: i64,
    /// When the oldest waiting statement's decision was made (ms).
    pub oldest_pending_at: Option<i64>,
}

/// The counts by state: the waiting and failed from the open statements' index, the accepted
/// as the rest.
pub async fn counts(db: &Db) -> sqlx::Result<Counts> {
    sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM dsa_statements WHERE state <> 'submitted' \
           AND state = 'pending') AS pending, \
         (SELECT COUNT(*) FROM dsa_statements) \
           - (SELECT COUNT(*) FROM dsa_statements WHERE state <> 'submitted') AS submitted, \
         (SELECT COUNT(*) FROM dsa_statements WHERE state <> 'submitted' \
           AND state = 'failed') AS failed, \
         (SELECT MIN(decided_at) FROM dsa_statements WHERE state <> 'submitted' \
           AND state = 'pending') AS oldest_pending_at",
    )
    .fetch_one(&db.pool)
    .await
}

/// Puts a failed statement back in line, due at once; `false` if it is not failed.
pub async fn resend(conn: &mut AnyConnection, id: i64) -> sqlx::Result<bool> {
    let changed = sqlx::query(
        "UPDATE dsa_statements SET state = 'pending', next_attempt_at = 0, lease_until = NULL \
         WHERE id = $1 AND state = 'failed'",
    )
    .bind(id)
    .execute(conn)
    .await?
    .rows_affected();
    Ok(changed > 0)
}

/// Puts every failed statement back in line; how many.
pub async fn resend_failed(conn: &mut AnyConnection) -> sqlx::Result<u64> {
    Ok(sqlx::query(
        "UPDATE dsa_statements SET state = 'pending', next_attempt_at = 0, lease_until = NULL \
         WHERE state <> 'submitted' AND state = 'failed'",
    )
    .execute(conn)
    .await?
    .rows_affected())
}
