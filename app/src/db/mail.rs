//! The mail outbox: mail written in the transaction of what it tells of, sent later by the
//! mailer, and listed on the Mail page.

use sqlx::{AnyConnection, AnyPool, FromRow};

use crate::domain::mail::Message;

/// Queues `message` to `to_address` in the caller's transaction, due at once.
pub async fn queue(
    conn: &mut AnyConnection,
    to_address: &str,
    to_user_id: Option<i64>,
    message: &Message,
    now: i64,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO mail_outbox (to_address, to_user_id, kind, subject, body_text, body_html, \
         created_at, next_attempt_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
    )
    .bind(to_address)
    .bind(to_user_id)
    .bind(message.kind.as_str())
    .bind(&message.subject)
    .bind(&message.text)
    .bind(&message.html)
    .bind(now)
    .fetch_one(conn)
    .await
}

/// One stored mail.
#[derive(Debug, Clone, FromRow)]
pub struct MailRow {
    /// Id.
    pub id: i64,
    /// Recipient.
    pub to_address: String,
    /// Stored kind name.
    pub kind: String,
    /// Subject.
    pub subject: String,
    /// Plain-text part.
    pub body_text: String,
    /// HTML part.
    pub body_html: String,
    /// Written at.
    pub created_at: i64,
    /// Attempts made.
    pub attempts: i64,
    /// When the mailer tries next (`None`: sent or given up).
    pub next_attempt_at: Option<i64>,
    /// When it was sent.
    pub sent_at: Option<i64>,
    /// The last attempt's error.
    pub last_error: String,
}

/// Mail due by `now`, oldest first, at most `limit`.
pub async fn due(pool: &AnyPool, now: i64, limit: i64) -> sqlx::Result<Vec<MailRow>> {
    sqlx::query_as(
        "SELECT id, to_address, kind, subject, body_text, body_html, created_at, attempts, \
         next_attempt_at, sent_at, last_error FROM mail_outbox \
         WHERE next_attempt_at IS NOT NULL AND next_attempt_at <= $1 \
         ORDER BY next_attempt_at, id LIMIT $2",
    )
    .bind(now)
    .bind(limit)
    .fetch_all(pool)
    .await
}

/// Marks a mail sent.
pub async fn mark_sent(pool: &AnyPool, id: i64, now: i64) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE mail_outbox SET sent_at = $1, next_attempt_at = NULL, attempts = attempts + 1, \
         last_error = '' WHERE id = $2",
    )
    .bind(now)
    .bind(id)
    .execute(pool)
    .await?;
    Ok(())
}

/// Records a failed attempt: tried again at `next` (`None`: given up).
pub async fn mark_failed(
    pool: &AnyPool,
    id: i64,
    error: &str,
    next: Option<i64>,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE mail_outbox SET attempts = attempts + 1, last_error = $1, next_attempt_at = $2 \
         WHERE id = $3",
    )
    .bind(error)
    .bind(next)
    .bind(id)
    .execute(pool)
    .await?;
    Ok(())
}

/// The newest mail, at most `limit`, older than `before` (a cursor; `None` from the newest),
/// optionally only to addresses containing `to` (any case).
pub async fn newest(
    pool: &AnyPool,
    to: &str,
    before: Option<i64>,
    limit: i64,
) -> sqlx::Result<Vec<MailRow>> {
    let pattern = crate::db::contains_pattern(to);
    sqlx::query_as(
        "SELECT id, to_address, kind, subject, body_text, body_html, created_at, attempts, \
         next_attempt_at, sent_at, last_error FROM mail_outbox \
         WHERE id < $1 AND ($2 = '%%' OR to_address LIKE $2 ESCAPE '\\') \
         ORDER BY id DESC LIMIT $3",
    )
    .bind(before.unwrap_or(i64::MAX))
    .bind(pattern.as_str())
    .bind(limit)
    .fetch_all(pool)
    .await
}

/// Claims a due mail for sending: moves its next attempt from `due_at` to `until` (the lease);
/// `false` if another instance claimed it first.
pub async fn claim(pool: &AnyPool, id: i64, due_at: i64, until: i64) -> sqlx::Result<bool> {
    let claimed = sqlx::query(
        "UPDATE mail_outbox SET next_attempt_at = $1 WHERE id = $2 AND next_attempt_at = $3",
    )
    .bind(until)
    .bind(id)
    .bind(due_at)
    .execute(pool)
    .await?
    .rows_affected();
    Ok(claimed > 0)
}
