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

/// What waits for the brand: counter-notices to answer, open inquiries, listings in review
/// and those past their deadline. For its own staff, its account manager and admins.
#[server(prefix = "/api", endpoint = "brands/attention", output = Wire)]
pub async fn brand_attention(
    /// The brand.
    brand_id: i64,
) -> Result<crate::model::BrandAttention, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::brands::attention(&ctx, &caller, brand_id).await
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

/// Creates a brand with its contact and, if chosen, its account manager (admins only);
/// answers with the new brand's number.
#[server(prefix = "/api", endpoint = "admin/create_brand", input = server_fn::codec::Json, output = Wire)]
pub async fn create_brand(
    /// The brand's name.
    name: String,
    /// The person the marketplace writes to.
    contact_name: String,
    /// Their address.
    contact_email: String,
    /// The account manager to assign (0: none yet).
    manager_id: i64,
) -> Result<i64, AppError> {
    use crate::api::support::{boundary, door};
    use crate::service::brands::BrandForm;
    boundary(async move {
        let (ctx, caller) = door().await?;
        let form = BrandForm {
            name: &name,
            contact_name: &contact_name,
            contact_email: &contact_email,
        };
        let manager = (manager_id != 0).then_some(manager_id);
        crate::service::brands::create_brand(&ctx, &caller, form, manager).await
    })
    .await
}

/// Changes a brand's name and contact (admins only).
#[server(prefix = "/api", endpoint = "admin/update_brand", input = server_fn::codec::Json, output = Wire)]
pub async fn update_brand(
    /// The brand.
    brand_id: i64,
    /// The brand's name.
    name: String,
    /// The person the marketplace writes to.
    contact_name: String,
    /// Their address.
    contact_email: String,
) -> Result<String, AppError> {
    use crate::api::support::{boundary, door};
    use crate::service::brands::BrandForm;
    boundary(async move {
        let (ctx, caller) = door().await?;
        let form = BrandForm {
            name: &name,
            contact_name: &contact_name,
            contact_email: &contact_email,
        };
        crate::service::brands::update_brand(&ctx, &caller, brand_id, form).await
    })
    .await
}

/// Deactivates a brand with a reason (admins only): its staff are signed out and cannot sign
/// in; its data stays.
#[server(prefix = "/api", endpoint = "admin/deactivate_brand", input = server_fn::codec::Json, output = Wire)]
pub async fn deactivate_brand(
    /// The brand.
    brand_id: i64,
    /// Why, for other admins and the brand's manager.
    reason: String,
) -> Result<String, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::brands::deactivate_brand(&ctx, &caller, brand_id, &reason).await
    })
    .await
}

/// Reactivates a deactivated brand (admins only).
#[server(prefix = "/api", endpoint = "admin/reactivate_brand", input = server_fn::codec::Json, output = Wire)]
pub async fn reactivate_brand(
    /// The brand.
    brand_id: i64,
) -> Result<String, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::brands::reactivate_brand(&ctx, &caller, brand_id).await
    })
    .await
}
