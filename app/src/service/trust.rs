//! Trust tiers: the tier card, standings, overrides and Joint-Force enrolment.

use crate::db::tier_settings::{self, EnrolmentRefusal, OverrideRefusal};
use crate::db::{trust, trust_views, users};
use crate::domain::tier::OverrideForm;
use crate::domain::{Role, format_time};
use crate::error::AppError;
use crate::model::{BrandStanding, CurrentUser, ManagerOption, TrustView};
use crate::service::{Context, access};

/// The answer for a brand that does not exist.
fn no_such_brand() -> AppError {
    AppError::NotFound("There is no brand with that number.".into())
}

impl From<EnrolmentRefusal> for AppError {
    /// The refusal in words for the admin, with its status: a missing brand is 404, a brand
    /// not in Good Faith standing a conflict, a manager problem the `manager_id` field's.
    fn from(refusal: EnrolmentRefusal) -> AppError {
        match refusal {
            EnrolmentRefusal::NoSuchBrand => no_such_brand(),
            EnrolmentRefusal::NotGoodFaith { brand_name } => AppError::Conflict(format!(
                "{brand_name} does not have Good Faith standing; only Good Faith brands can be enrolled."
            )),
            EnrolmentRefusal::NotAManager => {
                AppError::field("manager_id", "Choose an account manager.")
            }
            EnrolmentRefusal::NeedsManager => {
                AppError::field("manager_id", "Joint-Force brands need an account manager.")
            }
        }
    }
}

impl From<OverrideRefusal> for AppError {
    /// The refusal in words for the admin.
    fn from(refusal: OverrideRefusal) -> AppError {
        match refusal {
            OverrideRefusal::NoSuchBrand => no_such_brand(),
        }
    }
}

/// Why a brand may not file reports now, if it is suspended: the sentence the report form
/// shows.
pub(crate) async fn suspension_notice(
    ctx: &Context,
    brand_id: i64,
    now: i64,
) -> Result<Option<String>, AppError> {
    let suspension = trust::report_suspension(&ctx.db.pool, brand_id, now).await?;
    Ok(suspension.map(|suspension| {
        format!(
            "New reports from {} are suspended until {}: too many of its reports were \
             rejected as not infringing, and the warning was not heeded (DSA Art. 23).",
            suspension.brand_name,
            format_time(suspension.until)
        )
    }))
}

/// The tier card of one brand: its own staff, its account manager and admins.
pub async fn tier_card(
    ctx: &Context,
    caller: &CurrentUser,
    brand_id: i64,
) -> Result<TrustView, AppError> {
    access::brand(ctx, caller, brand_id).await?;
    trust_views::view(&ctx.db, brand_id, &ctx.rules, ctx.now())
        .await?
        .ok_or_else(no_such_brand)
}

/// The brands assigned to the calling account manager, with their standing.
pub async fn my_standings(
    ctx: &Context,
    caller: &CurrentUser,
) -> Result<Vec<BrandStanding>, AppError> {
    access::role(caller, &[Role::AccountManager])?;
    Ok(trust_views::standings(&ctx.db.pool, Some(caller.id), &ctx.rules, ctx.now()).await?)
}

/// Every brand on the platform with its standing: admins only.
pub async fn all_standings(
    ctx: &Context,
    caller: &CurrentUser,
) -> Result<Vec<BrandStanding>, AppError> {
    access::role(caller, &[Role::Admin])?;
    Ok(trust_views::standings(&ctx.db.pool, None, &ctx.rules, ctx.now()).await?)
}

/// The account managers an admin can assign.
pub async fn managers(ctx: &Context, caller: &CurrentUser) -> Result<Vec<ManagerOption>, AppError> {
    access::role(caller, &[Role::Admin])?;
    Ok(users::managers(&ctx.db.pool).await?)
}

/// Enrols a Good Faith brand in Joint-Force with an account manager (`manager_id`; 0 keeps
/// the current one), or ends its enrolment: admins only. The tier is recomputed in the same
/// transaction.
pub async fn set_joint_force(
    ctx: &Context,
    caller: &CurrentUser,
    brand_id: i64,
    enrolled: bool,
    manager_id: i64,
) -> Result<(), AppError> {
    access::role(caller, &[Role::Admin])?;
    tier_settings::set_joint_force(
        &ctx.db,
        brand_id,
        enrolled,
        manager_id,
        &ctx.rules,
        caller.id,
        ctx.now(),
    )
    .await?
    .map_err(AppError::from)
}

/// Overrides a brand's tier until the end of a day, with a mandatory reason; an empty tier
/// ends the override. Admins only; audited; the tier in force is recomputed in the same
/// transaction.
pub async fn override_tier(
    ctx: &Context,
    caller: &CurrentUser,
    brand_id: i64,
    form: &OverrideForm<'_>,
) -> Result<(), AppError> {
    access::role(caller, &[Role::Admin])?;
    let now = ctx.now();
    let change = form
        .check(now)
        .map_err(AppError::Validation)?
        .map(|checked| (checked.tier, checked.reason, checked.ends_at));
    tier_settings::set_override(&ctx.db, brand_id, change, &ctx.rules, caller.id, now)
        .await?
        .map_err(AppError::from)
}
