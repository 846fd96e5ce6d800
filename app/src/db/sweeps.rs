//! Which instance runs a periodic sweep. Several server instances may share one PostgreSQL;
//! each ticks on its own clock, and the first to claim a period runs that period's sweep.

use crate::db::Db;

/// A tick this long before the period is over still claims it, so an instance whose timer
/// fires a little early does not skip a whole period.
const SLACK_MS: i64 = 5 * 60_000;

/// Claims the sweep `name` for the calling instance if no instance ran it in the last
/// `period_ms` (less a few minutes' slack): one conditional update, which both engines
/// serialise, so of several instances ticking at once exactly one gets `true`.
pub async fn claim(db: &Db, name: &str, period_ms: i64, now: i64) -> sqlx::Result<bool> {
    let mut tx = db.begin().await?;
    let claimed =
        sqlx::query("UPDATE sweeps SET last_run_at = $1 WHERE name = $2 AND last_run_at <= $3")
            .bind(now)
            .bind(name)
            .bind(now - period_ms + SLACK_MS)
            .execute(&mut *tx)
            .await?
            .rows_affected()
            > 0;
    tx.commit().await?;
    Ok(claimed)
}
