//! One-time links sent by mail — password resets and invitations — stored as a hash of their
//! secret, used once.

use sqlx::{AnyConnection, AnyPool, FromRow};

/// What a link is for, as stored.
pub const PASSWORD_RESET: &str = "password_reset";
/// An invitation to create an account.
pub const INVITATION: &str = "invitation";

/// A link to store. For an invitation it carries the account to create on acceptance.
#[derive(Debug, Clone, Default)]
pub struct NewLink<'a> {
    /// [`PASSWORD_RESET`] or [`INVITATION`].
    pub purpose: &'a str,
    /// SHA-256 of the secret, hex.
    pub token_hash: &'a str,
    /// The address it was sent to (lower-case).
    pub email: &'a str,
    /// The account it resets (password resets).
    pub user_id: Option<i64>,
    /// The invitee's name.
    pub display_name: &'a str,
    /// The invitee's stored role name.
    pub role: Option<&'a str>,
    /// The invitee's brand (brand staff).
    pub brand_id: Option<i64>,
    /// The invitee's seller (sellers).
    pub seller_id: Option<i64>,
    /// Whether the invitee becomes a brand admin.
    pub brand_admin: bool,
    /// Who sent it (invitations).
    pub created_by: Option<i64>,
    /// When it stops working.
    pub expires_at: i64,
}

/// Stores a link in the caller's transaction, voiding the unused links of the same purpose to
/// the same address (only the newest works). Returns its id.
pub async fn insert(conn: &mut AnyConnection, link: &NewLink<'_>, now: i64) -> sqlx::Result<i64> {
    sqlx::query(
        "UPDATE one_time_links SET revoked_at = $1 \
         WHERE email = $2 AND purpose = $3 AND used_at IS NULL AND revoked_at IS NULL",
    )
    .bind(now)
    .bind(link.email)
    .bind(link.purpose)
    .execute(&mut *conn)
    .await?;
    sqlx::query_scalar(
        "INSERT INTO one_time_links (purpose, token_hash, email, user_id, display_name, role, \
         brand_id, seller_id, brand_admin, created_by, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
    )
    .bind(link.purpose)
    .bind(link.token_hash)
    .bind(link.email)
    .bind(link.user_id)
    .bind(link.display_name)
    .bind(link.role)
    .bind(link.brand_id)
    .bind(link.seller_id)
    .bind(i64::from(link.brand_admin))
    .bind(link.created_by)
    .bind(now)
    .bind(link.expires_at)
    .fetch_one(conn)
    .await
}

/// A stored link.
#[derive(Debug, Clone, FromRow)]
pub struct LinkRow {
    /// Id.
    pub id: i64,
    /// What it is for.
    pub purpose: String,
    /// The address it was sent to.
    pub email: String,
    /// The account it resets.
    pub user_id: Option<i64>,
    /// The invitee's name.
    pub display_name: String,
    /// The invitee's stored role name.
    pub role: Option<String>,
    /// The invitee's brand.
    pub brand_id: Option<i64>,
    /// The invitee's seller.
    pub seller_id: Option<i64>,
    /// Brand admin (1) or not.
    pub brand_admin: i64,
    /// Who sent it.
    pub created_by: Option<i64>,
    /// Sent at.
    pub created_at: i64,
    /// Works until.
    pub expires_at: i64,
    /// Used at.
    pub used_at: Option<i64>,
    /// Voided at (a newer link, or withdrawn).
    pub revoked_at: Option<i64>,
}

macro_rules! select_link {
    () => {
        "SELECT id, purpose, email, user_id, display_name, role, brand_id, seller_id, \
         brand_admin, created_by, created_at, expires_at, used_at, revoked_at FROM one_time_links"
    };
}

/// The link of `purpose` whose secret hashes to `token_hash`, used or not.
pub async fn find(
    pool: &AnyPool,
    purpose: &str,
    token_hash: &str,
) -> sqlx::Result<Option<LinkRow>> {
    sqlx::query_as(concat!(
        select_link!(),
        " WHERE token_hash = $1 AND purpose = $2"
    ))
    .bind(token_hash)
    .bind(purpose)
    .fetch_optional(pool)
    .await
}

/// Uses the link in the caller's transaction: `false` if it was used, voided or expired
/// meanwhile (the conditional update is what makes a link work once, even when two
/// requests race).
pub async fn use_once(conn: &mut AnyConnection, id: i64, now: i64) -> sqlx::Result<bool> {
    let used = sqlx::query(
        "UPDATE one_time_links SET used_at = $1 \
         WHERE id = $2 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $1",
    )
    .bind(now)
    .bind(id)
    .execute(conn)
    .await?
    .rows_affected();
    Ok(used > 0)
}

/// Withdraws an unused invitation in the caller's transaction; `false` if it was not pending.
pub async fn revoke(conn: &mut AnyConnection, id: i64, now: i64) -> sqlx::Result<bool> {
    let revoked = sqlx::query(
        "UPDATE one_time_links SET revoked_at = $1 \
         WHERE id = $2 AND used_at IS NULL AND revoked_at IS NULL",
    )
    .bind(now)
    .bind(id)
    .execute(conn)
    .await?
    .rows_affected();
    Ok(revoked > 0)
}

/// The invitations still waiting for an answer (unused, not voided, not expired), newest
/// first, at most `limit`: one brand's (`Some`) or every one (`None`).
pub async fn pending_invitations(
    pool: &AnyPool,
    brand_id: Option<i64>,
    now: i64,
    limit: i64,
) -> sqlx::Result<Vec<LinkRow>> {
    sqlx::query_as(concat!(
        select_link!(),
        " WHERE purpose = 'invitation' AND used_at IS NULL AND revoked_at IS NULL \
         AND expires_at > $1 AND ($2 IS NULL OR brand_id = $2) ORDER BY id DESC LIMIT $3"
    ))
    .bind(now)
    .bind(brand_id)
    .bind(limit)
    .fetch_all(pool)
    .await
}

/// One link by id.
pub async fn by_id(pool: &AnyPool, id: i64) -> sqlx::Result<Option<LinkRow>> {
    sqlx::query_as(concat!(select_link!(), " WHERE id = $1"))
        .bind(id)
        .fetch_optional(pool)
        .await
}

/// How many links of `purpose` were sent to `email` since `since`.
pub async fn sent_since(
    pool: &AnyPool,
    purpose: &str,
    email: &str,
    since: i64,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM one_time_links WHERE email = $1 AND purpose = $2 AND created_at >= $3",
    )
    .bind(email)
    .bind(purpose)
    .bind(since)
    .fetch_one(pool)
    .await
}
