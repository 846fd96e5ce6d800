//! Brands and their account managers.

use crate::db::brands;
use crate::domain::Role;
use crate::error::AppError;
use crate::model::{BrandSummary, CurrentUser};
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
