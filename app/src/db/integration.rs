//! The marketplace's credentials: integration keys (stored as hashes) and the one webhook
//! endpoint with its signing secrets.

use sqlx::{AnyConnection, AnyPool, FromRow};

/// Stores a key and returns its id.
pub async fn insert_key(
    conn: &mut AnyConnection,
    name: &str,
    prefix: &str,
    key_hash: &str,
    created_by: i64,
    now: i64,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO marketplace_keys (name, prefix, key_hash, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(name)
    .bind(prefix)
    .bind(key_hash)
    .bind(created_by)
    .bind(now)
    .fetch_one(conn)
    .await
}

/// How many keys still work.
pub async fn live_keys(conn: &mut AnyConnection) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM marketplace_keys WHERE revoked_at IS NULL")
        .fetch_one(conn)
        .await
}

/// A key as the Integration page lists it.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct KeyRow {
    /// Key id.
    pub id: i64,
    /// What it is for.
    pub name: String,
    /// The secret's first characters.
    pub prefix: String,
    /// Who made it.
    pub created_by: String,
    /// When.
    pub created_at: i64,
    /// When it was last used.
    pub last_used_at: Option<i64>,
    /// When it was revoked.
    pub revoked_at: Option<i64>,
}

/// Most keys the page lists (revoked ones stay for the record, newest first).
pub const KEYS_LISTED: i64 = 100;

/// The keys, newest first.
pub async fn keys(pool: &AnyPool) -> sqlx::Result<Vec<KeyRow>> {
    sqlx::query_as(
        "SELECT k.id, k.name, k.prefix, u.display_name AS created_by, k.created_at, \
         k.last_used_at, k.revoked_at FROM marketplace_keys k JOIN users u ON u.id = k.created_by \
         ORDER BY k.id DESC LIMIT $1",
    )
    .bind(KEYS_LISTED)
    .fetch_all(pool)
    .await
}

/// Revokes a working key; `false` when there is no such working key.
pub async fn revoke_key(
    conn: &mut AnyConnection,
    key_id: i64,
    by: i64,
    now: i64,
) -> sqlx::Result<bool> {
    let changed = sqlx::query(
        "UPDATE marketplace_keys SET revoked_at = $1, revoked_by = $2 \
         WHERE id = $3 AND revoked_at IS NULL",
    )
    .bind(now)
    .bind(by)
    .bind(key_id)
    .execute(conn)
    .await?
    .rows_affected();
    Ok(changed > 0)
}

/// The working key with this hash, if any: its id.
pub async fn find_key(pool: &AnyPool, key_hash: &str) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar("SELECT id FROM marketplace_keys WHERE key_hash = $1 AND revoked_at IS NULL")
        .bind(key_hash)
        .fetch_optional(pool)
        .await
}

/// Moves a key's last use on (at most once a minute per key, so reads stay reads).
pub async fn touch_key(conn: &mut AnyConnection, key_id: i64, now: i64) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE marketplace_keys SET last_used_at = $1 \
         WHERE id = $2 AND (last_used_at IS NULL OR last_used_at < $3)",
    )
    .bind(now)
    .bind(key_id)
    .bind(now - 60_000)
    .execute(conn)
    .await?;
    Ok(())
}

/// The webhook endpoint as stored.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct EndpointRow {
    /// Where events go.
    pub url: String,
    /// The signing secret (`whsec_…`).
    pub secret: String,
    /// The secret before the last rotation, signing too until `previous_until`.
    pub previous_secret: Option<String>,
    /// When the previous secret stops signing.
    pub previous_until: Option<i64>,
    /// Who set it last.
    pub updated_by: Option<String>,
    /// When.
    pub updated_at: i64,
}

/// The endpoint, if one is set.
pub async fn endpoint(pool: &AnyPool) -> sqlx::Result<Option<EndpointRow>> {
    sqlx::query_as(
        "SELECT w.url, w.secret, w.previous_secret, w.previous_until, u.display_name AS updated_by, \
         w.updated_at FROM webhook_endpoint w LEFT JOIN users u ON u.id = w.updated_by WHERE w.id = 1",
    )
    .fetch_optional(pool)
    .await
}

/// Sets the endpoint's address, and its secret when there was none (`secret`).
pub async fn set_endpoint(
    conn: &mut AnyConnection,
    url: &str,
    secret: &str,
    by: Option<i64>,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO webhook_endpoint (id, url, secret, updated_by, updated_at) \
         VALUES (1, $1, $2, $3, $4) \
         ON CONFLICT (id) DO UPDATE SET url = excluded.url, updated_by = excluded.updated_by, \
         updated_at = excluded.updated_at",
    )
    .bind(url)
    .bind(secret)
    .bind(by)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Replaces the signing secret; the one it replaces keeps signing until `previous_until`.
/// `false` when no endpoint is set.
pub async fn rotate_secret(
    conn: &mut AnyConnection,
    secret: &str,
    previous_until: i64,
    by: i64,
    now: i64,
) -> sqlx::Result<bool> {
    let changed = sqlx::query(
        "UPDATE webhook_endpoint SET previous_secret = secret, previous_until = $1, secret = $2, \
         updated_by = $3, updated_at = $4 WHERE id = 1",
    )
    .bind(previous_until)
    .bind(secret)
    .bind(by)
    .bind(now)
    .execute(conn)
    .await?
    .rows_affected();
    Ok(changed > 0)
}

/// Removes the endpoint: nothing is pushed until one is set again (rows wait, and the pull
/// feed still serves them).
pub async fn remove_endpoint(conn: &mut AnyConnection) -> sqlx::Result<bool> {
    let changed = sqlx::query("DELETE FROM webhook_endpoint WHERE id = 1")
        .execute(conn)
        .await?
        .rows_affected();
    Ok(changed > 0)
}

/// One message the demo's built-in receiver took.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct ReceiptRow {
    /// Receipt id.
    pub id: i64,
    /// The message's `webhook-id`.
    pub webhook_id: String,
    /// Its type.
    pub event: String,
    /// "verified", or why the signature check failed.
    pub verified: String,
    /// The body as received.
    pub body: String,
    /// When.
    pub received_at: i64,
}

/// Stores what the demo receiver took.
pub async fn insert_receipt(
    conn: &mut AnyConnection,
    webhook_id: &str,
    event: &str,
    verified: &str,
    body: &str,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO demo_webhook_receipts (webhook_id, event, verified, body, received_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(webhook_id)
    .bind(event)
    .bind(verified)
    .bind(body)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// The demo receiver's latest receipts, newest first.
pub async fn receipts(pool: &AnyPool, limit: i64) -> sqlx::Result<Vec<ReceiptRow>> {
    sqlx::query_as(
        "SELECT id, webhook_id, event, verified, body, received_at FROM demo_webhook_receipts \
         ORDER BY id DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(pool)
    .await
}
