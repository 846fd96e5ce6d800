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
    use crate::api::support::{app_state, boundary};
    boundary(async move {
        crate::auth::require_brand_access(brand_id).await?;
        let state = app_state()?;
        crate::db::trust::view(&state.db, brand_id, &state.rules, crate::db::now_ms())
            .await?
            .ok_or_else(|| AppError::NotFound("There is no brand with that number.".into()))
    })
    .await
}

/// The brands assigned to the calling account manager, with their standing.
#[server(prefix = "/api", endpoint = "trust/list_my_standings", output = Wire)]
pub async fn list_my_standings() -> Result<Vec<BrandStanding>, AppError> {
    use crate::api::support::{app_state, boundary};
    use crate::domain::Role;
    boundary(async move {
        let user = crate::auth::require_role(&[Role::AccountManager]).await?;
        let state = app_state()?;
        Ok(crate::db::trust::standings(
            &state.db.pool,
            Some(user.id),
            &state.rules,
            crate::db::now_ms(),
        )
        .await?)
    })
    .await
}

/// Every brand on the platform with its standing: admins only.
#[server(prefix = "/api", endpoint = "admin/list_standings", output = Wire)]
pub async fn list_all_standings() -> Result<Vec<BrandStanding>, AppError> {
    use crate::api::support::{app_state, boundary};
    use crate::domain::Role;
    boundary(async move {
        crate::auth::require_role(&[Role::Admin]).await?;
        let state = app_state()?;
        Ok(
            crate::db::trust::standings(&state.db.pool, None, &state.rules, crate::db::now_ms())
                .await?,
        )
    })
    .await
}

/// The account managers an admin can assign.
#[server(prefix = "/api", endpoint = "admin/list_managers", output = Wire)]
pub async fn list_managers() -> Result<Vec<ManagerOption>, AppError> {
    use crate::api::support::{app_state, boundary};
    use crate::domain::Role;
    boundary(async move {
        crate::auth::require_role(&[Role::Admin]).await?;
        Ok(crate::db::users::managers(&app_state()?.db.pool).await?)
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
    use crate::api::support::{app_state, boundary};
    use crate::domain::Role;
    boundary(async move {
        let admin = crate::auth::require_role(&[Role::Admin]).await?;
        let state = app_state()?;
        crate::db::trust::set_joint_force(
            &state.db,
            brand_id,
            enrolled,
            manager_id,
            &state.rules,
            admin.id,
            crate::db::now_ms(),
        )
        .await
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
    use crate::api::support::{app_state, boundary};
    use crate::domain::{Role, Tier};
    boundary(async move {
        let admin = crate::auth::require_role(&[Role::Admin]).await?;
        let state = app_state()?;
        let now = crate::db::now_ms();
        let change = if tier.is_empty() {
            None
        } else {
            let mut errors = crate::error::FieldErrors::new();
            let parsed = Tier::parse(&tier);
            if parsed.is_none() {
                errors
                    .entry("tier".into())
                    .or_default()
                    .push("Choose a tier.".into());
            }
            let reason = reason.trim().to_owned();
            if reason.chars().count() < 5 {
                errors
                    .entry("override_reason".into())
                    .or_default()
                    .push("Give the reason for the override; the brand will see it.".into());
            }
            // The override lasts to the end of its last day.
            let end = crate::domain::start_of_day_ms(&until).map(|start| start + 86_400_000);
            match end {
                Some(end) if end > now => {}
                Some(_) => errors
                    .entry("until".into())
                    .or_default()
                    .push("The end date must be in the future.".into()),
                None => errors
                    .entry("until".into())
                    .or_default()
                    .push("Enter the last day of the override as YYYY-MM-DD.".into()),
            }
            match (parsed, end) {
                (Some(tier), Some(end)) if errors.is_empty() => Some((tier, reason, end)),
                _ => return Err(AppError::Validation(errors)),
            }
        };
        crate::db::trust::set_override(&state.db, brand_id, change, &state.rules, admin.id, now)
            .await
    })
    .await
}
