//! Brands as seen by their own staff and by marketplace staff.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::BrandSummary;
use crate::wire::Wire;

/// One brand's summary: for its own staff, its account manager and admins.
#[server(prefix = "/api", endpoint = "brands/get_brand", output = Wire)]
pub async fn get_brand(
    /// The brand to show.
    brand_id: i64,
) -> Result<BrandSummary, AppError> {
    use crate::api::support::{app_state, boundary};
    boundary(async move {
        crate::auth::require_brand_access(brand_id).await?;
        crate::db::brands::find(&app_state()?.db.pool, brand_id)
            .await?
            .ok_or_else(|| AppError::NotFound("There is no brand with that number.".into()))
    })
    .await
}

/// The brands assigned to the calling account manager.
#[server(prefix = "/api", endpoint = "brands/list_managed_brands", output = Wire)]
pub async fn list_managed_brands() -> Result<Vec<BrandSummary>, AppError> {
    use crate::api::support::{app_state, boundary};
    use crate::domain::Role;
    boundary(async move {
        let user = crate::auth::require_role(&[Role::AccountManager]).await?;
        Ok(crate::db::brands::list_managed_by(&app_state()?.db.pool, user.id).await?)
    })
    .await
}

/// Every brand on the platform: admins only.
#[server(prefix = "/api", endpoint = "admin/list_brands", output = Wire)]
pub async fn list_all_brands() -> Result<Vec<BrandSummary>, AppError> {
    use crate::api::support::{app_state, boundary};
    use crate::domain::Role;
    boundary(async move {
        crate::auth::require_role(&[Role::Admin]).await?;
        Ok(crate::db::brands::list_all(&app_state()?.db.pool).await?)
    })
    .await
}

/// The brands the caller reviews: assigned ones for account managers, all for admins.
#[server(prefix = "/api", endpoint = "brands/list_visible_brands", output = Wire)]
pub async fn list_visible_brands() -> Result<Vec<BrandSummary>, AppError> {
    use crate::api::support::{app_state, boundary};
    use crate::domain::Role;
    boundary(async move {
        let user = crate::auth::require_role(&[Role::AccountManager, Role::Admin]).await?;
        let pool = &app_state()?.db.pool;
        Ok(match user.role {
            Role::Admin => crate::db::brands::list_all(pool).await?,
            _ => crate::db::brands::list_managed_by(pool, user.id).await?,
        })
    })
    .await
}
