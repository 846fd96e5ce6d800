//! The append-only audit trail. Every state change calls [`record`] inside its transaction.

use sqlx::{AnyConnection, AnyPool, FromRow};

/// One thing that happened, by whom, to what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEvent<'a> {
    /// Who did it (`None` for the system: seeding, background jobs).
    pub actor_id: Option<i64>,
    /// Dotted verb, e.g. `auth.login`, `listing.removed`.
    pub action: &'a str,
    /// What kind of thing it happened to, e.g. `user`, `listing`.
    pub subject_type: &'a str,
    /// Which one.
    pub subject_id: i64,
    /// The brand whose record this belongs to, if any.
    pub brand_id: Option<i64>,
    /// Free-form detail for people reading the trail.
    pub detail: &'a str,
}

/// Appends one event. Call it on the same transaction as the change it describes.
pub async fn record(conn: &mut AnyConnection, event: &NewEvent<'_>, now: i64) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO audit_events (occurred_at, actor_id, action, subject_type, subject_id, brand_id, detail) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(now)
    .bind(event.actor_id)
    .bind(event.action)
    .bind(event.subject_type)
    .bind(event.subject_id)
    .bind(event.brand_id)
    .bind(event.detail)
    .execute(conn)
    .await?;
    Ok(())
}

/// A stored event.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct EventRecord {
    /// Event id (ascending in time).
    pub id: i64,
    /// When, in epoch milliseconds.
    pub occurred_at: i64,
    /// Who.
    pub actor_id: Option<i64>,
    /// What.
    pub action: String,
    /// Detail.
    pub detail: String,
}

/// A subject's history, oldest first.
pub async fn events_for(
    pool: &AnyPool,
    subject_type: &str,
    subject_id: i64,
) -> sqlx::Result<Vec<EventRecord>> {
    sqlx::query_as(
        "SELECT id, occurred_at, actor_id, action, detail FROM audit_events \
         WHERE subject_type = $1 AND subject_id = $2 ORDER BY id",
    )
    .bind(subject_type)
    .bind(subject_id)
    .fetch_all(pool)
    .await
}
