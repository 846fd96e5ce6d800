//! The managers' and admins' analytics (their brands; every brand) and a brand's own time to
//! takedown, read from the per-brand running counts the figures job keeps.

use crate::db::transparency as store;
use crate::domain::Role;
use crate::domain::analytics::{self, Analytics, BrandRow};
use crate::domain::transparency::day_of;
use crate::error::AppError;
use crate::model::CurrentUser;
use crate::service::{Context, access};

/// The period shown unless another is asked for: the last 90 days.
pub const DEFAULT_DAYS: i64 = 90;

/// The days `[first, last]` of `from`–`to`, or the last 90 days when both are empty.
fn period(ctx: &Context, from: &str, to: &str) -> Result<(i64, i64), AppError> {
    let today = day_of(ctx.now());
    if from.trim().is_empty() && to.trim().is_empty() {
        return Ok((today - DEFAULT_DAYS + 1, today));
    }
    let (start, end) = crate::domain::dsa::export_range(from, to)
        .map_err(|(field, why)| AppError::field(field, why))?;
    Ok((day_of(start), day_of(end) - 1))
}

/// The analytics of the period: of every brand for admins, of their own brands for account
/// managers; nobody else.
pub async fn analytics(
    ctx: &Context,
    caller: &CurrentUser,
    from: &str,
    to: &str,
) -> Result<Analytics, AppError> {
    access::role(caller, &[Role::AccountManager, Role::Admin])?;
    let (first, last) = period(ctx, from, to)?;
    let pool = &ctx.db.pool;
    let scope: Option<Vec<i64>> = if caller.role == Role::Admin {
        None
    } else {
        Some(
            crate::db::brands::list_managed_by(pool, caller.id)
                .await?
                .into_iter()
                .map(|brand| brand.id)
                .collect(),
        )
    };
    let today = day_of(ctx.now());
    let counts = store::brand_counts(pool, scope.as_deref(), first, today.max(last)).await?;
    let pending = store::pending(pool, scope.as_deref()).await?;
    let mut analytics = analytics::analytics(&counts, first, last, today, pending);
    let ids: Vec<i64> = analytics.brands.iter().map(|b| b.brand_id).collect();
    let names = store::brand_names(pool, &ids).await?;
    for row in &mut analytics.brands {
        row.name = names
            .iter()
            .find(|(id, _)| *id == row.brand_id)
            .map(|(_, name)| name.clone())
            .unwrap_or_else(|| format!("Brand {}", row.brand_id));
    }
    let ids: Vec<i64> = analytics.managers.iter().map(|m| m.manager_id).collect();
    let people = store::person_names(pool, &ids).await?;
    for row in &mut analytics.managers {
        row.name = people
            .iter()
            .find(|(id, _)| *id == row.manager_id)
            .map(|(_, name)| name.clone())
            .unwrap_or_else(|| format!("Account {}", row.manager_id));
    }
    Ok(analytics)
}

/// A brand's own figures of the last 90 days (time to takedown, targets met, instant
/// takedowns overturned, inquiries answered): for its staff, its manager and admins.
pub async fn brand_speed(
    ctx: &Context,
    caller: &CurrentUser,
    brand_id: i64,
) -> Result<BrandRow, AppError> {
    access::brand(ctx, caller, brand_id).await?;
    let today = day_of(ctx.now());
    let first = today - DEFAULT_DAYS + 1;
    let counts = store::brand_counts(&ctx.db.pool, Some(&[brand_id]), first, today).await?;
    let analytics = analytics::analytics(&counts, first, today, today, 0);
    Ok(analytics
        .brands
        .into_iter()
        .find(|row| row.brand_id == brand_id)
        .unwrap_or(BrandRow {
            brand_id,
            ..BrandRow::default()
        }))
}
