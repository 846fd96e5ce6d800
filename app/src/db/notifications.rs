//! Notifications: the notifier's reading of the audit trail, each person's list and unread
//! count, their mail preferences, and what the daily digest still carries.

use sqlx::{AnyConnection, AnyPool, FromRow};

pub use super::audit::{FollowedEvent as EventRow, follow};

/// Where the notifier has read to.
pub async fn cursor(pool: &AnyPool) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT last_event_id FROM notifier_cursor WHERE id = 1")
        .fetch_one(pool)
        .await
}

/// The events after `after` that may notify someone (of `actions`), at most `limit`, and the
/// id of the last event looked at (the cursor moves past events nobody is told of, too).
pub async fn events_after(
    pool: &AnyPool,
    after: i64,
    actions: &[&str],
    limit: i64,
) -> sqlx::Result<(Vec<EventRow>, i64)> {
    follow(pool, after, actions, limit, i64::MAX).await
}

/// Moves the cursor from `from` to `to` in the caller's transaction; `false` if another
/// instance moved it first (this pass's work is then rolled back and left to it).
pub async fn advance(conn: &mut AnyConnection, from: i64, to: i64) -> sqlx::Result<bool> {
    let moved = sqlx::query(
        "UPDATE notifier_cursor SET last_event_id = $1 WHERE id = 1 AND last_event_id = $2",
    )
    .bind(to)
    .bind(from)
    .execute(conn)
    .await?
    .rows_affected();
    Ok(moved > 0)
}

/// A notification to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewNotification {
    /// Who is told.
    pub user_id: i64,
    /// Stored kind name.
    pub kind: &'static str,
    /// What it is about, so each thing is told once ("report:12").
    pub dedupe: String,
    /// One line.
    pub title: String,
    /// A sentence or two.
    pub body: String,
    /// The portal path it opens.
    pub link: String,
}

/// Stores a notification unless the person was told of the same thing already; `true` if
/// stored. `mailed` is set when no digest should carry it.
pub async fn insert(
    conn: &mut AnyConnection,
    note: &NewNotification,
    mailed: bool,
    now: i64,
) -> sqlx::Result<bool> {
    let stored = sqlx::query(
        "INSERT INTO notifications (user_id, kind, dedupe, title, body, link, created_at, mailed) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (user_id, kind, dedupe) DO NOTHING",
    )
    .bind(note.user_id)
    .bind(note.kind)
    .bind(&note.dedupe)
    .bind(&note.title)
    .bind(&note.body)
    .bind(&note.link)
    .bind(now)
    .bind(i64::from(mailed))
    .execute(conn)
    .await?
    .rows_affected();
    Ok(stored > 0)
}

/// One stored notification.
#[derive(Debug, Clone, FromRow)]
pub struct NotificationRow {
    /// Id.
    pub id: i64,
    /// Stored kind name.
    pub kind: String,
    /// One line.
    pub title: String,
    /// More.
    pub body: String,
    /// Where it leads.
    pub link: String,
    /// When.
    pub created_at: i64,
    /// When the person read it.
    pub read_at: Option<i64>,
}

/// The person's newest notifications, older than `before` (a cursor), at most `limit`.
pub async fn of_user(
    pool: &AnyPool,
    user_id: i64,
    before: Option<i64>,
    limit: i64,
) -> sqlx::Result<Vec<NotificationRow>> {
    sqlx::query_as(
        "SELECT id, kind, title, body, link, created_at, read_at FROM notifications \
         WHERE user_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3",
    )
    .bind(user_id)
    .bind(before.unwrap_or(i64::MAX))
    .bind(limit)
    .fetch_all(pool)
    .await
}

/// How many of the person's notifications are unread.
pub async fn unread(pool: &AnyPool, user_id: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL")
        .bind(user_id)
        .fetch_one(pool)
        .await
}

/// Marks one of the person's notifications read (`Some`), or all (`None`); how many changed.
pub async fn mark_read(
    pool: &AnyPool,
    user_id: i64,
    id: Option<i64>,
    now: i64,
) -> sqlx::Result<u64> {
    Ok(sqlx::query(
        "UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL \
         AND ($3 IS NULL OR id = $3)",
    )
    .bind(now)
    .bind(user_id)
    .bind(id)
    .execute(pool)
    .await?
    .rows_affected())
}

/// The person's mail preferences that differ from "at once": (kind, delivery).
pub async fn prefs(pool: &AnyPool, user_id: i64) -> sqlx::Result<Vec<(String, String)>> {
    sqlx::query_as("SELECT kind, delivery FROM notification_prefs WHERE user_id = $1")
        .bind(user_id)
        .fetch_all(pool)
        .await
}

/// The preference of each listed person for `kind`: (user id, delivery), only those set.
pub async fn prefs_for(
    conn: &mut AnyConnection,
    kind: &str,
    user_id: i64,
) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar("SELECT delivery FROM notification_prefs WHERE user_id = $1 AND kind = $2")
        .bind(user_id)
        .bind(kind)
        .fetch_optional(conn)
        .await
}

/// Sets one preference in the caller's transaction.
pub async fn set_pref(
    conn: &mut AnyConnection,
    user_id: i64,
    kind: &str,
    delivery: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO notification_prefs (user_id, kind, delivery) VALUES ($1, $2, $3) \
         ON CONFLICT (user_id, kind) DO UPDATE SET delivery = excluded.delivery",
    )
    .bind(user_id)
    .bind(kind)
    .bind(delivery)
    .execute(conn)
    .await?;
    Ok(())
}

/// People with notifications waiting for a digest whose oldest is older than `due_before`:
/// (user id, address).
pub async fn digests_due(pool: &AnyPool, due_before: i64) -> sqlx::Result<Vec<(i64, String)>> {
    sqlx::query_as(
        "SELECT u.id, u.email FROM users u WHERE u.deactivated_at IS NULL AND EXISTS \
         (SELECT 1 FROM notifications n WHERE n.user_id = u.id AND n.mailed = 0 \
          AND n.created_at < $1)",
    )
    .bind(due_before)
    .fetch_all(pool)
    .await
}

/// The person's notifications waiting for a digest, oldest first: (id, title, link).
pub async fn waiting_for_digest(
    conn: &mut AnyConnection,
    user_id: i64,
) -> sqlx::Result<Vec<(i64, String, String)>> {
    sqlx::query_as(
        "SELECT id, title, link FROM notifications WHERE user_id = $1 AND mailed = 0 ORDER BY id",
    )
    .bind(user_id)
    .fetch_all(conn)
    .await
}

/// Marks the person's notifications up to `last` as carried by a digest.
pub async fn mark_digested(conn: &mut AnyConnection, user_id: i64, last: i64) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE notifications SET mailed = 1 WHERE user_id = $1 AND mailed = 0 AND id <= $2",
    )
    .bind(user_id)
    .bind(last)
    .execute(conn)
    .await?;
    Ok(())
}

/// Moves the notifier's cursor to the end of the audit trail: seeded history (the demo, the
/// benchmark's data) tells nobody anything.
pub async fn skip_history(pool: &AnyPool) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE notifier_cursor SET last_event_id = \
         (SELECT COALESCE(MAX(id), 0) FROM audit_events) WHERE id = 1",
    )
    .execute(pool)
    .await?;
    Ok(())
}
