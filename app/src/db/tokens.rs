//! Brand API tokens (stored as hashes) and the remembered answers of idempotent requests.

use sqlx::{AnyConnection, AnyPool, FromRow};

use crate::db::Db;
use crate::db::users::UserRecord;

/// A token to store.
#[derive(Debug, Clone)]
pub struct NewToken<'a> {
    /// Whose data it reaches.
    pub brand_id: i64,
    /// The staff member it acts as.
    pub user_id: i64,
    /// What it is for.
    pub name: &'a str,
    /// The secret's first characters, shown in lists.
    pub prefix: &'a str,
    /// SHA-256 of the secret, hex.
    pub token_hash: &'a str,
    /// Space-separated scope names.
    pub scopes: &'a str,
    /// When it stops working, if ever.
    pub expires_at: Option<i64>,
}

/// Stores a token and returns its id.
pub async fn insert(conn: &mut AnyConnection, token: &NewToken<'_>, now: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO api_tokens (brand_id, user_id, name, prefix, token_hash, scopes, expires_at, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(token.brand_id)
    .bind(token.user_id)
    .bind(token.name)
    .bind(token.prefix)
    .bind(token.token_hash)
    .bind(token.scopes)
    .bind(token.expires_at)
    .bind(now)
    .fetch_one(conn)
    .await
}

/// How many of a brand's tokens still work at `now` (neither revoked nor expired).
pub async fn live_count(conn: &mut AnyConnection, brand_id: i64, now: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM api_tokens WHERE brand_id = $1 AND revoked_at IS NULL \
         AND (expires_at IS NULL OR expires_at > $2)",
    )
    .bind(brand_id)
    .bind(now)
    .fetch_one(conn)
    .await
}

/// A token as its brand's page lists it.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct TokenRow {
    /// Token id.
    pub id: i64,
    /// What it is for.
    pub name: String,
    /// The secret's first characters.
    pub prefix: String,
    /// Space-separated scope names.
    pub scopes: String,
    /// Who made it (and whom it acts as).
    pub created_by: String,
    /// When.
    pub created_at: i64,
    /// When it stops working, if ever.
    pub expires_at: Option<i64>,
    /// When it was last used.
    pub last_used_at: Option<i64>,
    /// When it was revoked.
    pub revoked_at: Option<i64>,
}

/// Most tokens one page lists: revoked ones stay for the record, the newest first.
pub const MAX_LISTED: i64 = 200;

/// A brand's tokens, newest first.
pub async fn for_brand(pool: &AnyPool, brand_id: i64) -> sqlx::Result<Vec<TokenRow>> {
    sqlx::query_as(
        "SELECT t.id, t.name, t.prefix, t.scopes, u.display_name AS created_by, t.created_at, \
         t.expires_at, t.last_used_at, t.revoked_at \
         FROM api_tokens t JOIN users u ON u.id = t.user_id \
         WHERE t.brand_id = $1 ORDER BY t.id DESC LIMIT $2",
    )
    .bind(brand_id)
    .bind(MAX_LISTED)
    .fetch_all(pool)
    .await
}

/// Why a token was not revoked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RevokeRefusal {
    /// No token with that id belongs to the brand.
    NotFound,
    /// It was revoked before.
    AlreadyRevoked,
}

/// Revokes one of a brand's tokens; it stops working at once (every call looks it up).
pub async fn revoke(
    conn: &mut AnyConnection,
    token_id: i64,
    brand_id: i64,
    by: i64,
    now: i64,
) -> sqlx::Result<Result<String, RevokeRefusal>> {
    let name: Option<String> = sqlx::query_scalar(
        "UPDATE api_tokens SET revoked_at = $1, revoked_by = $2 \
         WHERE id = $3 AND brand_id = $4 AND revoked_at IS NULL RETURNING name",
    )
    .bind(now)
    .bind(by)
    .bind(token_id)
    .bind(brand_id)
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(name) = name {
        return Ok(Ok(name));
    }
    let exists: Option<i64> =
        sqlx::query_scalar("SELECT id FROM api_tokens WHERE id = $1 AND brand_id = $2")
            .bind(token_id)
            .bind(brand_id)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(Err(match exists {
        Some(_) => RevokeRefusal::AlreadyRevoked,
        None => RevokeRefusal::NotFound,
    }))
}

/// A token found by its secret's hash, with the account it acts as.
#[derive(Debug, Clone, FromRow)]
pub struct TokenHolder {
    /// Token id.
    pub token_id: i64,
    /// The brand the token was made for.
    pub token_brand_id: i64,
    /// Space-separated scope names.
    pub scopes: String,
    /// When it stops working, if ever.
    pub expires_at: Option<i64>,
    /// When it was revoked.
    pub revoked_at: Option<i64>,
    /// The staff member it acts as, as they are now.
    #[sqlx(flatten)]
    pub user: UserRecord,
}

/// The token whose secret hashes to `token_hash`, with its staff member as they are now (a
/// token follows its maker: moved to another brand, removed or deactivated, it stops).
pub async fn find_by_hash(pool: &AnyPool, token_hash: &str) -> sqlx::Result<Option<TokenHolder>> {
    sqlx::query_as(
        "SELECT t.id AS token_id, t.brand_id AS token_brand_id, t.scopes, t.expires_at, t.revoked_at, \
         u.id, u.email, u.password_hash, u.display_name, u.role, u.brand_id, \
         b.name AS brand_name, b.tier AS brand_tier, u.seller_id, u.deactivated_at, \
         u.brand_admin, b.deactivated_at AS brand_deactivated_at FROM api_tokens t JOIN users u ON u.id = t.user_id LEFT JOIN brands b ON b.id = u.brand_id \
         WHERE t.token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(pool)
    .await
}

/// A token's calls over a short while, as one audit event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenUses {
    /// Which token.
    pub token_id: i64,
    /// Its brand.
    pub brand_id: i64,
    /// The staff member it acted as.
    pub user_id: i64,
    /// The last call's time (epoch milliseconds): the token's last use.
    pub last_at: i64,
    /// The calls in words, for people reading the trail.
    pub detail: String,
}

/// Writes token uses: one audit event each, and each token's last-used time.
pub async fn record_uses(db: &Db, uses: &[TokenUses], now: i64) -> sqlx::Result<()> {
    if uses.is_empty() {
        return Ok(());
    }
    let mut tx = db.begin().await?;
    let events: Vec<crate::db::audit::NewEvent> = uses
        .iter()
        .map(|one| crate::db::audit::NewEvent {
            actor_id: Some(one.user_id),
            action: "api_token.used",
            subject_type: "api_token",
            subject_id: one.token_id,
            brand_id: Some(one.brand_id),
            detail: &one.detail,
        })
        .collect();
    crate::db::audit::record_many(&mut tx, &events, now).await?;
    let last = uses.iter().map(|one| (one.token_id, one.last_at));
    for (token_id, at) in last {
        sqlx::query(
            "UPDATE api_tokens SET last_used_at = $1 \
             WHERE id = $2 AND (last_used_at IS NULL OR last_used_at < $1)",
        )
        .bind(at)
        .bind(token_id)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await
}

/// How long an idempotent answer is remembered.
pub const IDEMPOTENCY_WINDOW_MS: i64 = 24 * 3_600_000;

/// How long a claim may wait for its answer before it counts as abandoned. Longer than any
/// request runs (the API's largest, a 300-listing report, takes tens of milliseconds), and
/// longer than a repeat waits for the first answer (30 s), so a live request is never
/// overtaken.
pub const ABANDONED_AFTER_MS: i64 = 60_000;

/// What the store knows of an idempotency key when a request arrives with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// First time (or the last use is older than the window): this request goes ahead.
    Fresh,
    /// Answered before: send the same answer again.
    Answered {
        /// HTTP status of the first answer.
        status: u16,
        /// Its body.
        body: String,
    },
    /// The first request with this key is still running.
    Running,
    /// The key was used with another body.
    OtherRequest,
}

/// Claims `key` for this token and request, or reports what it is already used for.
pub async fn claim(
    db: &Db,
    token_id: i64,
    key: &str,
    request_hash: &str,
    now: i64,
) -> sqlx::Result<Claim> {
    let mut tx = db.begin().await?;
    // An answer older than the window no longer counts, and a claim left without an answer
    // for a minute was abandoned (its server stopped mid-request): the key may be used afresh.
    sqlx::query(
        "DELETE FROM api_idempotency WHERE token_id = $1 AND idem_key = $2 \
         AND (created_at <= $3 OR (status IS NULL AND created_at <= $4))",
    )
    .bind(token_id)
    .bind(key)
    .bind(now - IDEMPOTENCY_WINDOW_MS)
    .bind(now - ABANDONED_AFTER_MS)
    .execute(&mut *tx)
    .await?;
    let inserted = sqlx::query(
        "INSERT INTO api_idempotency (token_id, idem_key, request_hash, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (token_id, idem_key) DO NOTHING",
    )
    .bind(token_id)
    .bind(key)
    .bind(request_hash)
    .bind(now)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    let claim = if inserted == 1 {
        Claim::Fresh
    } else {
        let (hash, status, body): (String, Option<i64>, Option<String>) = sqlx::query_as(
            "SELECT request_hash, status, body FROM api_idempotency WHERE token_id = $1 AND idem_key = $2",
        )
        .bind(token_id)
        .bind(key)
        .fetch_one(&mut *tx)
        .await?;
        match (hash == request_hash, status, body) {
            (false, _, _) => Claim::OtherRequest,
            (true, Some(status), Some(body)) => Claim::Answered {
                status: u16::try_from(status).unwrap_or(500),
                body,
            },
            (true, _, _) => Claim::Running,
        }
    };
    tx.commit().await?;
    Ok(claim)
}

/// Remembers the answer to a claimed key.
pub async fn answer(
    db: &Db,
    token_id: i64,
    key: &str,
    status: u16,
    body: &str,
) -> sqlx::Result<()> {
    let mut tx = db.begin().await?;
    sqlx::query(
        "UPDATE api_idempotency SET status = $1, body = $2 WHERE token_id = $3 AND idem_key = $4",
    )
    .bind(i64::from(status))
    .bind(body)
    .bind(token_id)
    .bind(key)
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

/// Lets go of a claimed key whose request never produced an answer (the server failed), so
/// the client's retry runs afresh.
pub async fn release(db: &Db, token_id: i64, key: &str) -> sqlx::Result<()> {
    let mut tx = db.begin().await?;
    sqlx::query(
        "DELETE FROM api_idempotency WHERE token_id = $1 AND idem_key = $2 AND status IS NULL",
    )
    .bind(token_id)
    .bind(key)
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

/// Deletes remembered answers older than the window; returns how many.
pub async fn forget_old_answers(db: &Db, now: i64) -> sqlx::Result<u64> {
    let mut tx = db.begin().await?;
    let deleted = sqlx::query("DELETE FROM api_idempotency WHERE created_at <= $1")
        .bind(now - IDEMPOTENCY_WINDOW_MS)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    tx.commit().await?;
    Ok(deleted)
}
