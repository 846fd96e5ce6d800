//! Who may touch which brand's data: the scope checks every use case makes first, before it
//! looks anything else up. The `auth::require_*` guards are these checks on the session's user.

use crate::domain::Role;
use crate::error::AppError;
use crate::model::CurrentUser;
use crate::service::Context;

/// The caller has one of `roles`.
pub fn role(caller: &CurrentUser, roles: &[Role]) -> Result<(), AppError> {
    if roles.contains(&caller.role) {
        Ok(())
    } else {
        Err(AppError::forbidden())
    }
}

/// The caller is staff of this brand.
pub fn own_brand_staff(caller: &CurrentUser, brand_id: i64) -> Result<(), AppError> {
    if caller.role == Role::BrandStaff && caller.brand_id == Some(brand_id) {
        Ok(())
    } else {
        Err(AppError::Forbidden(OWN_STAFF_ONLY.into()))
    }
}

/// The refusal of [`own_brand_staff`].
const OWN_STAFF_ONLY: &str = "Only this brand's own staff can do this.";

/// Whether `error` is a scope check's refusal (the caller may not touch that brand's data),
/// rather than a refusal of what they asked for. The Brand API answers these as "not found",
/// so a token cannot tell another brand's ids from ids that do not exist.
pub fn is_scope_refusal(error: &AppError) -> bool {
    match error {
        AppError::Forbidden(message) => {
            message == OWN_STAFF_ONLY || *error == AppError::forbidden()
        }
        _ => false,
    }
}

/// Whether the caller may read a stored file: whoever uploaded it; a file of the brand's own
/// staff, the brand's people; a seller's evidence, the brand's people only once it is filed
/// with a counter-notice (before that it is the seller's draft).
pub async fn may_read_file(
    ctx: &Context,
    caller: &CurrentUser,
    file: &crate::db::files::FileRecord,
) -> Result<bool, AppError> {
    if file.uploaded_by == caller.id {
        return Ok(true);
    }
    if !file.from_brand_staff() {
        let mut conn = ctx.db.pool.acquire().await?;
        if !crate::db::files::is_attached(&mut conn, file.id).await? {
            return Ok(false);
        }
    }
    may_access_brand(ctx, caller, file.brand_id).await
}

/// Whether the caller may see this brand's data: its own staff, its account manager, admins.
pub async fn may_access_brand(
    ctx: &Context,
    caller: &CurrentUser,
    brand_id: i64,
) -> Result<bool, AppError> {
    Ok(match caller.role {
        Role::Admin => true,
        Role::BrandStaff => caller.brand_id == Some(brand_id),
        Role::AccountManager => {
            crate::db::brands::manager_of(&ctx.db.pool, brand_id).await? == Some(caller.id)
        }
        Role::Seller => false,
    })
}

/// The caller may see this brand's data.
pub async fn brand(ctx: &Context, caller: &CurrentUser, brand_id: i64) -> Result<(), AppError> {
    if may_access_brand(ctx, caller, brand_id).await? {
        Ok(())
    } else {
        Err(AppError::forbidden())
    }
}

/// The caller may decide this brand's items: its account manager or an admin.
pub async fn reviewer_of(
    ctx: &Context,
    caller: &CurrentUser,
    brand_id: i64,
) -> Result<(), AppError> {
    role(caller, &[Role::AccountManager, Role::Admin])?;
    if may_access_brand(ctx, caller, brand_id).await? {
        Ok(())
    } else {
        Err(AppError::Forbidden(
            "Only this brand's account manager or an admin can decide this.".into(),
        ))
    }
}

/// The caller may manage this brand's people (invite, change roles, deactivate): a platform
/// admin, or a brand admin of this brand.
pub fn people_of(caller: &CurrentUser, brand_id: i64) -> Result<(), AppError> {
    let brand_admin =
        caller.role == Role::BrandStaff && caller.brand_admin && caller.brand_id == Some(brand_id);
    if caller.role == Role::Admin || brand_admin {
        Ok(())
    } else {
        Err(AppError::Forbidden(
            "Only a platform admin or one of this brand's brand admins can manage its people."
                .into(),
        ))
    }
}
