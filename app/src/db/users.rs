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
}

impl UserRecord {
    /// The account as the UI sees it; `None` if the stored role is unknown.
    pub fn to_current_user(&self) -> Option<CurrentUser> {
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
            open_inquiries: 0,
        })
    }
}

/// The shared SELECT; a macro so `concat!` keeps every query a literal.
macro_rules! select_user {
    () => {
        "SELECT u.id, u.email, u.password_hash, u.display_name, u.role, \
     u.brand_id, b.name AS brand_name, b.tier AS brand_tier, u.seller_id \
     FROM users u LEFT JOIN brands b ON b.id = u.brand_id"
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
}

/// Creates an account and returns its id.
pub async fn insert_user(
    conn: &mut AnyConnection,
    user: &NewUser<'_>,
    now: i64,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO users (email, password_hash, display_name, role, brand_id, seller_id, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(user.email)
    .bind(user.password_hash)
    .bind(user.display_name)
    .bind(user.role.as_str())
    .bind(user.brand_id)
    .bind(user.seller_id)
    .bind(now)
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

/// Every account manager, by name.
pub async fn managers(pool: &AnyPool) -> sqlx::Result<Vec<crate::model::ManagerOption>> {
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, display_name FROM users WHERE role = 'account_manager' ORDER BY display_name",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name)| crate::model::ManagerOption { id, name })
        .collect())
}
