//! The thresholds admins changed, over the environment's defaults, and their history.

use sqlx::{AnyConnection, AnyPool, FromRow};

/// Every stored setting: (key, value).
pub async fn overrides(pool: &AnyPool) -> sqlx::Result<Vec<(String, i64)>> {
    sqlx::query_as("SELECT key, value FROM policy_settings ORDER BY key")
        .fetch_all(pool)
        .await
}

/// The newest change's id (0 before any): instances compare it to know when to reload.
pub async fn latest_change(pool: &AnyPool) -> sqlx::Result<i64> {
    let latest: Option<i64> = sqlx::query_scalar("SELECT MAX(id) FROM policy_changes")
        .fetch_one(pool)
        .await?;
    Ok(latest.unwrap_or(0))
}

/// One change to store.
#[derive(Debug, Clone, Copy)]
pub struct Change<'a> {
    /// The setting's key.
    pub key: &'a str,
    /// Its value before.
    pub old_value: i64,
    /// Its value now.
    pub new_value: i64,
    /// Why, as the admin wrote it.
    pub reason: &'a str,
    /// Who.
    pub changed_by: i64,
}

/// Stores the new value and the change, in the caller's transaction; returns the change's id.
pub async fn save(conn: &mut AnyConnection, change: &Change<'_>, now: i64) -> sqlx::Result<i64> {
    sqlx::query(
        "INSERT INTO policy_settings (key, value, updated_by, updated_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by, \
         updated_at = excluded.updated_at",
    )
    .bind(change.key)
    .bind(change.new_value)
    .bind(change.changed_by)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    sqlx::query_scalar(
        "INSERT INTO policy_changes (key, old_value, new_value, reason, changed_by, changed_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(change.key)
    .bind(change.old_value)
    .bind(change.new_value)
    .bind(change.reason)
    .bind(change.changed_by)
    .bind(now)
    .fetch_one(conn)
    .await
}

/// One past change, with who made it.
#[derive(Debug, Clone, FromRow)]
pub struct ChangeRow {
    /// Id.
    pub id: i64,
    /// The setting's key.
    pub key: String,
    /// Before.
    pub old_value: i64,
    /// After.
    pub new_value: i64,
    /// Why.
    pub reason: String,
    /// Who, by name.
    pub changed_by: String,
    /// When.
    pub changed_at: i64,
}

/// The newest changes, at most `limit`.
pub async fn history(pool: &AnyPool, limit: i64) -> sqlx::Result<Vec<ChangeRow>> {
    sqlx::query_as(
        "SELECT c.id, c.key, c.old_value, c.new_value, c.reason, u.display_name AS changed_by, \
         c.changed_at FROM policy_changes c JOIN users u ON u.id = c.changed_by \
         ORDER BY c.id DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(pool)
    .await
}

/// Moves the deadlines of pending items whose queue priority is in `priorities` to
/// `hours` after their submission (a review target changed); returns how many moved.
pub async fn move_deadlines(
    conn: &mut AnyConnection,
    priorities: &[i64],
    hours: i64,
) -> sqlx::Result<u64> {
    let (first, last) = (
        priorities.iter().copied().min().unwrap_or(0),
        priorities.iter().copied().max().unwrap_or(0),
    );
    Ok(sqlx::query(
        "UPDATE report_items SET deadline_at = submitted_at + $1 \
         WHERE status = 'pending' AND priority BETWEEN $2 AND $3",
    )
    .bind(hours * 3_600_000)
    .bind(first)
    .bind(last)
    .execute(conn)
    .await?
    .rows_affected())
}
