//! Brands: listing them for marketplace staff and creating them.

use sqlx::{AnyConnection, AnyPool, FromRow};

use crate::domain::Tier;
use crate::domain::brand::BrandDetails;
use crate::model::BrandSummary;

#[derive(Debug, FromRow)]
struct BrandRow {
    id: i64,
    name: String,
    tier: String,
    joint_force_enrolled: i64,
    manager_name: Option<String>,
    status: String,
    staff_count: i64,
    contact_name: String,
    contact_email: String,
    deactivated_at: Option<i64>,
    deactivated_reason: String,
}

impl From<BrandRow> for BrandSummary {
    fn from(row: BrandRow) -> Self {
        BrandSummary {
            id: row.id,
            name: row.name,
            // The CHECK constraint keeps unknown tiers out; Standard is the safe reading.
            tier: Tier::parse(&row.tier).unwrap_or(Tier::Standard),
            joint_force_enrolled: row.joint_force_enrolled != 0,
            manager_name: row.manager_name,
            status: row.status,
            staff_count: row.staff_count,
            contact_name: row.contact_name,
            contact_email: row.contact_email,
            deactivated_at: row.deactivated_at,
            deactivated_reason: row.deactivated_reason,
        }
    }
}

/// The shared SELECT; a macro so `concat!` keeps every query a literal.
macro_rules! select_brand {
    () => {
        "SELECT b.id, b.name, b.tier, b.joint_force_enrolled, \
     m.display_name AS manager_name, b.status, \
     (SELECT COUNT(*) FROM users s WHERE s.brand_id = b.id) AS staff_count, \
     b.contact_name, b.contact_email, b.deactivated_at, b.deactivated_reason \
     FROM brands b LEFT JOIN users m ON m.id = b.manager_id"
    };
}

/// Every brand, by name (for admins).
pub async fn list_all(pool: &AnyPool) -> sqlx::Result<Vec<BrandSummary>> {
    let rows: Vec<BrandRow> = sqlx::query_as(concat!(select_brand!(), " ORDER BY b.name"))
        .fetch_all(pool)
        .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// The brands assigned to one account manager, by name.
pub async fn list_managed_by(pool: &AnyPool, manager_id: i64) -> sqlx::Result<Vec<BrandSummary>> {
    let rows: Vec<BrandRow> = sqlx::query_as(concat!(
        select_brand!(),
        " WHERE b.manager_id = $1 ORDER BY b.name"
    ))
    .bind(manager_id)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// One brand.
pub async fn find(pool: &AnyPool, id: i64) -> sqlx::Result<Option<BrandSummary>> {
    let row: Option<BrandRow> = sqlx::query_as(concat!(select_brand!(), " WHERE b.id = $1"))
        .bind(id)
        .fetch_optional(pool)
        .await?;
    Ok(row.map(Into::into))
}

/// The account manager assigned to a brand, if any (scope checks use this).
pub async fn manager_of(pool: &AnyPool, brand_id: i64) -> sqlx::Result<Option<i64>> {
    let manager: Option<Option<i64>> =
        sqlx::query_scalar("SELECT manager_id FROM brands WHERE id = $1")
            .bind(brand_id)
            .fetch_optional(pool)
            .await?;
    Ok(manager.flatten())
}

/// Creates a brand and returns its id.
pub async fn insert_brand(
    conn: &mut AnyConnection,
    name: &str,
    tier: Tier,
    joint_force_enrolled: bool,
    now: i64,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO brands (name, tier, joint_force_enrolled, created_at) \
         VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(name)
    .bind(tier.as_str())
    .bind(i64::from(joint_force_enrolled))
    .bind(now)
    .fetch_one(conn)
    .await
}

/// Whether another brand than `except` is called `name` (any case): brand names are unique.
pub async fn name_taken(pool: &AnyPool, name: &str, except: Option<i64>) -> sqlx::Result<bool> {
    let taken: Option<i64> =
        sqlx::query_scalar("SELECT id FROM brands WHERE LOWER(name) = LOWER($1) AND id <> $2")
            .bind(name)
            .bind(except.unwrap_or(0))
            .fetch_optional(pool)
            .await?;
    Ok(taken.is_some())
}

/// Sets the brand's name and contact in the caller's transaction.
pub async fn set_details(
    conn: &mut AnyConnection,
    brand_id: i64,
    details: &BrandDetails,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE brands SET name = $1, contact_name = $2, contact_email = $3 WHERE id = $4")
        .bind(&details.name)
        .bind(&details.contact_name)
        .bind(&details.contact_email)
        .bind(brand_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Deactivates the brand in the caller's transaction with the admin's reason; `false` if it
/// was deactivated already.
pub async fn deactivate(
    conn: &mut AnyConnection,
    brand_id: i64,
    reason: &str,
    now: i64,
) -> sqlx::Result<bool> {
    let changed = sqlx::query(
        "UPDATE brands SET deactivated_at = $1, deactivated_reason = $2 \
         WHERE id = $3 AND deactivated_at IS NULL",
    )
    .bind(now)
    .bind(reason)
    .bind(brand_id)
    .execute(conn)
    .await?
    .rows_affected();
    Ok(changed > 0)
}

/// Reactivates the brand in the caller's transaction; `false` if it was active already.
pub async fn reactivate(conn: &mut AnyConnection, brand_id: i64) -> sqlx::Result<bool> {
    let changed = sqlx::query(
        "UPDATE brands SET deactivated_at = NULL, deactivated_reason = '' \
         WHERE id = $1 AND deactivated_at IS NOT NULL",
    )
    .bind(brand_id)
    .execute(conn)
    .await?
    .rows_affected();
    Ok(changed > 0)
}

/// Assigns an account manager to a brand, moving its pending report items to their queue.
pub async fn assign_manager(
    conn: &mut AnyConnection,
    brand_id: i64,
    manager_id: i64,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE brands SET manager_id = $1 WHERE id = $2")
        .bind(manager_id)
        .bind(brand_id)
        .execute(&mut *conn)
        .await?;
    // Pending items follow their brand to the new manager's queue.
    sqlx::query(
        "UPDATE report_items SET manager_id = $1 WHERE brand_id = $2 AND status = 'pending'",
    )
    .bind(manager_id)
    .bind(brand_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Number of brands.
pub async fn count(pool: &AnyPool) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM brands")
        .fetch_one(pool)
        .await
}

/// One account manager's work: their brands and their pending and overdue items.
#[derive(Debug, Clone, FromRow)]
pub struct ManagerLoadRow {
    /// The manager.
    pub id: i64,
    /// Name.
    pub display_name: String,
    /// Deactivated (still listed while brands point at them).
    pub deactivated_at: Option<i64>,
    /// Brands assigned.
    pub brands: i64,
    /// Items waiting in their queue.
    pub pending: i64,
    /// Of those, past their review deadline.
    pub overdue: i64,
}

/// Every account manager with their brands and queue, by name: what an admin balances work by.
/// The counts walk the queue's per-manager index, pending items only.
pub async fn manager_loads(pool: &AnyPool, now: i64) -> sqlx::Result<Vec<ManagerLoadRow>> {
    sqlx::query_as(
        "SELECT u.id, u.display_name, u.deactivated_at, \
         (SELECT COUNT(*) FROM brands b WHERE b.manager_id = u.id) AS brands, \
         (SELECT COUNT(*) FROM report_items i WHERE i.manager_id = u.id AND i.status = 'pending') \
         AS pending, \
         (SELECT COUNT(*) FROM report_items i WHERE i.manager_id = u.id AND i.status = 'pending' \
          AND i.deadline_at < $1) AS overdue \
         FROM users u WHERE u.role = 'account_manager' ORDER BY u.display_name, u.id",
    )
    .bind(now)
    .fetch_all(pool)
    .await
}

/// The names of the brands each manager looks after, at most `per_manager` each, by name:
/// (manager, brand name).
pub async fn managed_brand_names(
    pool: &AnyPool,
    per_manager: i64,
) -> sqlx::Result<Vec<(i64, String)>> {
    sqlx::query_as(
        "SELECT manager_id, name FROM (SELECT manager_id, name, \
         ROW_NUMBER() OVER (PARTITION BY manager_id ORDER BY name) AS n \
         FROM brands WHERE manager_id IS NOT NULL) ranked WHERE n <= $1 ORDER BY manager_id, name",
    )
    .bind(per_manager)
    .fetch_all(pool)
    .await
}
