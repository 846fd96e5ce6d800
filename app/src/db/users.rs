//! Accounts: looking people up for sign-in and creating them.

use sqlx::{AnyConnection, AnyPool, FromRow};

use crate::domain::Role;
use crate::model::CurrentUser;

/// A stored account, including its password hash (never leaves the server).
#[derive(Debug, Clone, FromRow)]
pub struct UserRecord {
    /// User id.
    pub id: i64,
    /// Sign-in address (lower-case).
    pub email: String,
    /// Argon2 PHC string.
    pub password_hash: String,
    /// Name shown in the navigation.
    pub display_name: String,
    /// Stored role name.
    pub role: String,
    /// Brand, for brand staff.
    pub brand_id: Option<i64>,
    /// Brand name, for brand staff.
    pub brand_name: Option<String>,
    /// Brand tier in force, for brand staff.
    pub brand_tier: Option<String>,
    /// Seller account, for sellers.
    pub seller_id: Option<i64>,
    /// When an admin deactivated the account (`None`: active).
    pub deactivated_at: Option<i64>,
    /// A brand admin (1) or not (0).
    pub brand_admin: i64,
    /// When an admin deactivated the person's brand (`None`: active, or no brand).
    pub brand_deactivated_at: Option<i64>,
}

impl UserRecord {
    /// The account as the UI sees it; `None` if the stored role is unknown or the account or
    /// its brand is deactivated (so a session that outlived the deactivation signs nobody in).
    pub fn to_current_user(&self) -> Option<CurrentUser> {
        if self.deactivated_at.is_some() || self.brand_deactivated_at.is_some() {
            return None;
        }
        Some(CurrentUser {
            id: self.id,
            email: self.email.clone(),
            display_name: self.display_name.clone(),
            role: Role::parse(&self.role)?,
            brand_id: self.brand_id,
            brand_name: self.brand_name.clone(),
            brand_tier: self
                .brand_tier
                .as_deref()
                .and_then(crate::domain::Tier::parse),
            seller_id: self.seller_id,
            brand_admin: self.brand_admin != 0 && self.brand_id.is_some(),
            open_inquiries: 0,
            unread_notifications: 0,
        })
    }
}

/// The shared SELECT; a macro so `concat!` keeps every query a literal.
macro_rules! select_user {
    () => {
        "SELECT u.id, u.email, u.password_hash, u.display_name, u.role, \
     u.brand_id, b.name AS brand_name, b.tier AS brand_tier, u.seller_id, u.deactivated_at, \
     u.brand_admin, b.deactivated_at AS brand_deactivated_at FROM users u LEFT JOIN brands b ON b.id = u.brand_id"
    };
}

/// The account with this (lower-case) e-mail address.
pub async fn find_by_email(pool: &AnyPool, email: &str) -> sqlx::Result<Option<UserRecord>> {
    sqlx::query_as(concat!(select_user!(), " WHERE u.email = $1"))
        .bind(email)
        .fetch_optional(pool)
        .await
}

/// The account with this id.
pub async fn find_by_id(pool: &AnyPool, id: i64) -> sqlx::Result<Option<UserRecord>> {
    sqlx::query_as(concat!(select_user!(), " WHERE u.id = $1"))
        .bind(id)
        .fetch_optional(pool)
        .await
}

/// What is needed to create an account.
#[derive(Debug, Clone)]
pub struct NewUser<'a> {
    /// Lower-case sign-in address.
    pub email: &'a str,
    /// Argon2 PHC string.
    pub password_hash: &'a str,
    /// Name shown in the navigation.
    pub display_name: &'a str,
    /// Role.
    pub role: Role,
    /// Brand, for brand staff.
    pub brand_id: Option<i64>,
    /// Seller account, for sellers.
    pub seller_id: Option<i64>,
    /// Brand staff who may manage the brand's people.
    pub brand_admin: bool,
}

/// Creates an account and returns its id.
pub async fn insert_user(
    conn: &mut AnyConnection,
    user: &NewUser<'_>,
    now: i64,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO users (email, password_hash, display_name, role, brand_id, seller_id, \
         created_at, brand_admin) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(user.email)
    .bind(user.password_hash)
    .bind(user.display_name)
    .bind(user.role.as_str())
    .bind(user.brand_id)
    .bind(user.seller_id)
    .bind(now)
    .bind(i64::from(user.brand_admin))
    .fetch_one(conn)
    .await
}

/// Replaces the account's password hash in the caller's transaction.
pub async fn set_password(
    conn: &mut AnyConnection,
    user_id: i64,
    password_hash: &str,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(password_hash)
        .bind(user_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Number of accounts (the demo seeder runs only on an empty database).
pub async fn count(pool: &AnyPool) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(pool)
        .await
}

/// Every active account manager, by name.
pub async fn managers(pool: &AnyPool) -> sqlx::Result<Vec<crate::model::ManagerOption>> {
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, display_name FROM users WHERE role = 'account_manager' \
         AND deactivated_at IS NULL ORDER BY display_name",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name)| crate::model::ManagerOption { id, name })
        .collect())
}

/// One account for the admins' People page.
#[derive(Debug, Clone, FromRow)]
pub struct PersonRow {
    /// User id.
    pub id: i64,
    /// Name.
    pub display_name: String,
    /// Sign-in address.
    pub email: String,
    /// Stored role name.
    pub role: String,
    /// The brand's or the seller's name.
    pub belongs_to: Option<String>,
    /// When it was deactivated.
    pub deactivated_at: Option<i64>,
    /// Why.
    pub deactivated_reason: String,
    /// The newest sign-in among the account's live sessions.
    pub last_signed_in: Option<i64>,
    /// A brand admin (1) or not.
    pub brand_admin: i64,
}

/// Which accounts the People page asks for.
#[derive(Debug, Clone, Default)]
pub struct PeopleFilter<'a> {
    /// Only this stored role.
    pub role: Option<&'a str>,
    /// Only deactivated (`Some(true)`) or active (`Some(false)`) accounts.
    pub deactivated: Option<bool>,
    /// Text the name, address, brand or seller contains, any case (empty: any).
    pub text: &'a str,
    /// Only this brand's staff.
    pub brand_id: Option<i64>,
}

/// The accounts a [`PeopleFilter`] matches: role `$1`, deactivated `$2` (1 or 0), text `$3`,
/// brand `$4`.
macro_rules! people_matching {
    () => {
        "FROM users u LEFT JOIN brands b ON b.id = u.brand_id \
         LEFT JOIN sellers s ON s.id = u.seller_id \
         WHERE ($1 IS NULL OR u.role = $1) \
         AND ($2 IS NULL OR (u.deactivated_at IS NOT NULL) = ($2 = 1)) \
         AND ($3 = '%%' OR LOWER(u.display_name) LIKE $3 ESCAPE '\\' \
              OR u.email LIKE $3 ESCAPE '\\' OR LOWER(COALESCE(b.name, s.name, '')) LIKE $3 ESCAPE '\\') \
         AND ($4 IS NULL OR u.brand_id = $4)"
    };
}

/// The accounts matching `filter`, by name, at most `limit`, and how many match in all.
pub async fn people(
    pool: &AnyPool,
    filter: &PeopleFilter<'_>,
    now: i64,
    limit: i64,
) -> sqlx::Result<(Vec<PersonRow>, i64)> {
    // `$3`, the text as a LIKE pattern ('%%' when empty, which matches every row).
    let pattern = crate::db::contains_pattern(filter.text);
    let deactivated = filter.deactivated.map(i64::from);
    let rows = sqlx::query_as(concat!(
        "SELECT u.id, u.display_name, u.email, u.role, COALESCE(b.name, s.name) AS belongs_to, \
         u.deactivated_at, u.deactivated_reason, u.brand_admin, \
         (SELECT MAX(x.signed_in_at) FROM sessions x WHERE x.user_id = u.id AND x.expires_at > $5) \
         AS last_signed_in ",
        people_matching!(),
        " ORDER BY u.display_name, u.id LIMIT $6"
    ))
    .bind(filter.role)
    .bind(deactivated)
    .bind(pattern.as_str())
    .bind(filter.brand_id)
    .bind(now)
    .bind(limit)
    .fetch_all(pool)
    .await?;
    let matching: i64 = sqlx::query_scalar(concat!("SELECT COUNT(*) ", people_matching!()))
        .bind(filter.role)
        .bind(deactivated)
        .bind(pattern.as_str())
        .bind(filter.brand_id)
        .fetch_one(pool)
        .await?;
    Ok((rows, matching))
}

/// Deactivates the account in the caller's transaction, with the admin's reason; `false` if
/// it was deactivated already (or does not exist).
pub async fn deactivate(
    conn: &mut AnyConnection,
    user_id: i64,
    reason: &str,
    now: i64,
) -> sqlx::Result<bool> {
    let changed = sqlx::query(
        "UPDATE users SET deactivated_at = $1, deactivated_reason = $2 \
         WHERE id = $3 AND deactivated_at IS NULL",
    )
    .bind(now)
    .bind(reason)
    .bind(user_id)
    .execute(conn)
    .await?
    .rows_affected();
    Ok(changed > 0)
}

/// Reactivates the account in the caller's transaction; `false` if it was active already.
pub async fn reactivate(conn: &mut AnyConnection, user_id: i64) -> sqlx::Result<bool> {
    let changed = sqlx::query(
        "UPDATE users SET deactivated_at = NULL, deactivated_reason = '' \
         WHERE id = $1 AND deactivated_at IS NOT NULL",
    )
    .bind(user_id)
    .execute(conn)
    .await?
    .rows_affected();
    Ok(changed > 0)
}

/// Whether an account uses this (lower-case) address.
pub async fn email_taken(pool: &AnyPool, email: &str) -> sqlx::Result<bool> {
    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(email)
        .fetch_optional(pool)
        .await?;
    Ok(found.is_some())
}

/// Makes the brand staff member a brand admin or plain staff, in the caller's transaction.
pub async fn set_brand_admin(
    conn: &mut AnyConnection,
    user_id: i64,
    brand_admin: bool,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE users SET brand_admin = $1 WHERE id = $2 AND role = 'brand_staff'")
        .bind(i64::from(brand_admin))
        .bind(user_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// The seller account called `name` (any case): (id, name as stored).
pub async fn seller_by_name(pool: &AnyPool, name: &str) -> sqlx::Result<Option<(i64, String)>> {
    sqlx::query_as("SELECT id, name FROM sellers WHERE LOWER(name) = LOWER($1)")
        .bind(name.trim())
        .fetch_optional(pool)
        .await
}

/// A brand's or seller's name for the invitation list: (brand name, seller name).
pub async fn names_of(
    pool: &AnyPool,
    brand_id: Option<i64>,
    seller_id: Option<i64>,
) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar(
        "SELECT COALESCE((SELECT name FROM brands WHERE id = $1), \
         (SELECT name FROM sellers WHERE id = $2))",
    )
    .bind(brand_id)
    .bind(seller_id)
    .fetch_one(pool)
    .await
}

/// Changes a marketplace staff member's role (account manager ↔ admin) in the caller's
/// transaction; `false` if they are not marketplace staff.
pub async fn set_staff_role(
    conn: &mut AnyConnection,
    user_id: i64,
    role: crate::domain::Role,
) -> sqlx::Result<bool> {
    let changed = sqlx::query(
        "UPDATE users SET role = $1 WHERE id = $2 AND role IN ('account_manager', 'admin')",
    )
    .bind(role.as_str())
    .bind(user_id)
    .execute(conn)
    .await?
    .rows_affected();
    Ok(changed > 0)
}
