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
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::brands::get_brand(&ctx, &caller, brand_id).await
    })
    .await
}

/// The brands assigned to the calling account manager.
#[server(prefix = "/api", endpoint = "brands/list_managed_brands", output = Wire)]
pub async fn list_managed_brands() -> Result<Vec<BrandSummary>, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::brands::managed_brands(&ctx, &caller).await
    })
    .await
}

/// Every brand on the platform: admins only.
#[server(prefix = "/api", endpoint = "admin/list_brands", output = Wire)]
pub async fn list_all_brands() -> Result<Vec<BrandSummary>, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::brands::all_brands(&ctx, &caller).await
    })
    .await
}

/// The brands the caller reviews: assigned ones for account managers, all for admins.
#[server(prefix = "/api", endpoint = "brands/list_visible_brands", output = Wire)]
pub async fn list_visible_brands() -> Result<Vec<BrandSummary>, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::brands::visible_brands(&ctx, &caller).await
    })
    .await
}

/// Assigns the brand's account manager (admins only); the brand's pending items move to the
/// new manager's queue.
#[server(prefix = "/api", endpoint = "admin/assign_brand_manager", input = server_fn::codec::Json, output = Wire)]
pub async fn assign_brand_manager(
    /// The brand.
    brand_id: i64,
    /// The account manager to assign.
    manager_id: i64,
) -> Result<String, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::brands::assign_manager(&ctx, &caller, brand_id, manager_id).await
    })
    .await
}

/// Every account manager's brands and queue (admins only).
#[server(prefix = "/api", endpoint = "admin/list_manager_loads", output = Wire)]
pub async fn list_manager_loads() -> Result<Vec<crate::model::ManagerLoad>, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::brands::manager_loads(&ctx, &caller).await
    })
    .await
}
