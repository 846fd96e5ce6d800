//! Brands and their account managers.

use crate::db::{audit, brands, users};
use crate::domain::Role;
use crate::error::AppError;
use crate::model::{BrandSummary, CurrentUser, MANAGER_BRANDS_NAMED, ManagerLoad};
use crate::service::{Context, access};

/// One brand's summary: for its own staff, its account manager and admins.
pub async fn get_brand(
    ctx: &Context,
    caller: &CurrentUser,
    brand_id: i64,
) -> Result<BrandSummary, AppError> {
    access::brand(ctx, caller, brand_id).await?;
    brands::find(&ctx.db.pool, brand_id)
        .await?
        .ok_or_else(|| AppError::NotFound("There is no brand with that number.".into()))
}

/// The brands assigned to the calling account manager.
pub async fn managed_brands(
    ctx: &Context,
    caller: &CurrentUser,
) -> Result<Vec<BrandSummary>, AppError> {
    access::role(caller, &[Role::AccountManager])?;
    Ok(brands::list_managed_by(&ctx.db.pool, caller.id).await?)
}

/// Every brand on the platform: admins only.
pub async fn all_brands(
    ctx: &Context,
    caller: &CurrentUser,
) -> Result<Vec<BrandSummary>, AppError> {
    access::role(caller, &[Role::Admin])?;
    Ok(brands::list_all(&ctx.db.pool).await?)
}

/// The brands the caller reviews: assigned ones for account managers, all for admins.
pub async fn visible_brands(
    ctx: &Context,
    caller: &CurrentUser,
) -> Result<Vec<BrandSummary>, AppError> {
    access::role(caller, &[Role::AccountManager, Role::Admin])?;
    Ok(match caller.role {
        Role::Admin => brands::list_all(&ctx.db.pool).await?,
        _ => brands::list_managed_by(&ctx.db.pool, caller.id).await?,
    })
}

/// Assigns the brand's account manager (admins only), at any time and whatever the brand's
/// tier: the brand's pending items move to the new manager's queue in the same transaction as
/// the assignment and its audit event. Answers with what was done, in words.
pub async fn assign_manager(
    ctx: &Context,
    caller: &CurrentUser,
    brand_id: i64,
    manager_id: i64,
) -> Result<String, AppError> {
    access::role(caller, &[Role::Admin])?;
    let brand = brands::find(&ctx.db.pool, brand_id)
        .await?
        .ok_or_else(|| AppError::NotFound("There is no brand with that number.".into()))?;
    let manager = users::find_by_id(&ctx.db.pool, manager_id)
        .await?
        .filter(|user| user.role == Role::AccountManager.as_str() && user.deactivated_at.is_none())
        .ok_or_else(|| {
            AppError::field(
                "manager_id",
                "Choose an active account manager from the list.",
            )
        })?;
    if brands::manager_of(&ctx.db.pool, brand_id).await? == Some(manager.id) {
        return Err(AppError::Conflict(format!(
            "{} is {}'s account manager already.",
            manager.display_name, brand.name
        )));
    }
    let before = brand.manager_name.as_deref().unwrap_or("nobody");
    let detail = format!("Account manager: {before} → {}", manager.display_name);
    let mut tx = ctx.db.begin().await?;
    brands::assign_manager(&mut tx, brand_id, manager.id).await?;
    let event = audit::NewEvent {
        actor_id: Some(caller.id),
        action: "brand.manager_assigned",
        subject_type: "brand",
        subject_id: brand_id,
        brand_id: Some(brand_id),
        detail: &detail,
    };
    audit::record(&mut tx, &event, ctx.now()).await?;
    tx.commit().await?;
    Ok(format!(
        "{} is now {}'s account manager; its pending items are in their queue.",
        manager.display_name, brand.name
    ))
}

/// Every account manager's brands, pending items and overdue items, by name, so an admin can
/// balance the work (admins only).
pub async fn manager_loads(
    ctx: &Context,
    caller: &CurrentUser,
) -> Result<Vec<ManagerLoad>, AppError> {
    access::role(caller, &[Role::Admin])?;
    let rows = brands::manager_loads(&ctx.db.pool, ctx.now()).await?;
    let mut names = std::collections::HashMap::<i64, Vec<String>>::new();
    for (manager, name) in brands::managed_brand_names(&ctx.db.pool, MANAGER_BRANDS_NAMED).await? {
        names.entry(manager).or_default().push(name);
    }
    Ok(rows
        .into_iter()
        .map(|row| ManagerLoad {
            id: row.id,
            name: row.display_name,
            deactivated: row.deactivated_at.is_some(),
            brand_count: row.brands,
            brands: names.remove(&row.id).unwrap_or_default(),
            pending: row.pending,
            overdue: row.overdue,
        })
        .collect())
}
