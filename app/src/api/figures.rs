//! The public transparency figures (no sign-in).

use leptos::prelude::*;

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
