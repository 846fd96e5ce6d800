//! The public transparency figures (no sign-in), the managers' and admins' analytics, and a
//! brand's own speed.

use leptos::prelude::*;

use crate::domain::analytics::{Analytics, BrandRow};
use crate::domain::transparency::Figures;
use crate::error::AppError;
use crate::wire::Wire;

/// The figures of a period: `from` and `to` as `YYYY-MM-DD` (both empty: the last 90 days).
/// Public: they are the platform's transparency report.
#[server(prefix = "/api", endpoint = "public/transparency", output = Wire)]
pub async fn transparency_figures(
    /// The first day.
    from: String,
    /// The last day, included.
    to: String,
) -> Result<Figures, AppError> {
    use crate::api::support::{app_state, boundary};
    boundary(async move {
        let ctx = app_state()?.context();
        crate::service::transparency::figures(&ctx, &from, &to).await
    })
    .await
}

/// The analytics of a period (`from`, `to` as `YYYY-MM-DD`; both empty: the last 90 days):
/// account managers see their brands, admins every brand.
#[server(prefix = "/api", endpoint = "analytics/overview", output = Wire)]
pub async fn get_analytics(
    /// The first day.
    from: String,
    /// The last day, included.
    to: String,
) -> Result<Analytics, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::analytics::analytics(&ctx, &caller, &from, &to).await
    })
    .await
}

/// A brand's own figures of the last 90 days: its staff, its manager, admins.
#[server(prefix = "/api", endpoint = "analytics/brand", output = Wire)]
pub async fn get_brand_speed(
    /// The brand.
    brand_id: i64,
) -> Result<BrandRow, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::analytics::brand_speed(&ctx, &caller, brand_id).await
    })
    .await
}
