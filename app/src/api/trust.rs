//! Trust tiers: the tier card, the brands page, and the admin's programme controls.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::{BrandStanding, ManagerOption, TrustView};
use crate::wire::Wire;

/// The tier card of one brand: its own staff, its account manager and admins.
#[server(prefix = "/api", endpoint = "trust/get_trust", output = Wire)]
pub async fn get_trust(
    /// The brand.
    brand_id: i64,
) -> Result<TrustView, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::trust::tier_card(&ctx, &caller, brand_id).await
    })
    .await
}

/// The brands assigned to the calling account manager, with their standing.
#[server(prefix = "/api", endpoint = "trust/list_my_standings", output = Wire)]
pub async fn list_my_standings() -> Result<Vec<BrandStanding>, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::trust::my_standings(&ctx, &caller).await
    })
    .await
}

/// Every brand on the platform with its standing: admins only.
#[server(prefix = "/api", endpoint = "admin/list_standings", output = Wire)]
pub async fn list_all_standings() -> Result<Vec<BrandStanding>, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::trust::all_standings(&ctx, &caller).await
    })
    .await
}

/// The account managers an admin can assign.
#[server(prefix = "/api", endpoint = "admin/list_managers", output = Wire)]
pub async fn list_managers() -> Result<Vec<ManagerOption>, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::trust::managers(&ctx, &caller).await
    })
    .await
}

/// Enrols a Good Faith brand in Joint-Force with an account manager, or ends its enrolment:
/// admins only. The tier is recomputed in the same transaction.
#[server(prefix = "/api", endpoint = "admin/set_joint_force", output = Wire)]
pub async fn set_joint_force(
    /// The brand.
    brand_id: i64,
    /// Enrol (`true`) or un-enrol.
    enrolled: bool,
    /// The account manager to assign (enrolment only; 0 keeps the current one).
    manager_id: i64,
) -> Result<(), AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::trust::set_joint_force(&ctx, &caller, brand_id, enrolled, manager_id).await
    })
    .await
}

/// Overrides a brand's tier until a date, with a mandatory reason; an empty tier ends the
/// override. Admins only; audited; the tier in force is recomputed in the same transaction.
#[server(prefix = "/api", endpoint = "admin/override_tier", output = Wire)]
pub async fn override_tier(
    /// The brand.
    brand_id: i64,
    /// Stored tier name, or empty to end the override.
    tier: String,
    /// Why.
    reason: String,
    /// Last day of the override (`YYYY-MM-DD`).
    until: String,
) -> Result<(), AppError> {
    use crate::api::support::{boundary, door};
    use crate::domain::tier::OverrideForm;
    boundary(async move {
        let (ctx, caller) = door().await?;
        let form = OverrideForm {
            tier: &tier,
            reason: &reason,
            until: &until,
        };
        crate::service::trust::override_tier(&ctx, &caller, brand_id, &form).await
    })
    .await
}
