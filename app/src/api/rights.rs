//! IP rights: brands register them with a proof document; reviewers verify them.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::IpRightView;
use crate::wire::Wire;

/// A brand's IP rights: for its staff, its account manager and admins.
#[server(prefix = "/api", endpoint = "rights/list_rights", output = Wire)]
pub async fn list_rights(
    /// The brand.
    brand_id: i64,
) -> Result<Vec<IpRightView>, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::rights::list_rights(&ctx, &caller, brand_id).await
    })
    .await
}

/// Registers a right for the caller's own brand; it waits for verification.
#[server(prefix = "/api", endpoint = "rights/register_right", output = Wire)]
#[allow(clippy::too_many_arguments)] // one argument per form field, as the form posts them
pub async fn register_right(
    /// The brand (must be the caller's own).
    brand_id: i64,
    /// Stored kind name.
    kind: String,
    /// Registration number.
    registration_number: String,
    /// Where registered.
    jurisdiction: String,
    /// Nice classes (trademarks).
    classes: String,
    /// Expiry date (`YYYY-MM-DD`; empty if it does not expire).
    expires_on: String,
    /// The uploaded proof document (0 = none).
    proof_file_id: i64,
) -> Result<i64, AppError> {
    use crate::api::support::{boundary, door};
    use crate::domain::right::RightForm;
    boundary(async move {
        let (ctx, caller) = door().await?;
        let form = RightForm {
            kind: &kind,
            registration_number: &registration_number,
            jurisdiction: &jurisdiction,
            classes: &classes,
            expires_on: &expires_on,
        };
        crate::service::rights::register_right(&ctx, &caller, brand_id, &form, proof_file_id).await
    })
    .await
}

/// Rights waiting for verification: of the caller's brands (managers) or all (admins).
#[server(prefix = "/api", endpoint = "rights/rights_to_verify", output = Wire)]
pub async fn rights_to_verify() -> Result<Vec<IpRightView>, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::rights::rights_to_verify(&ctx, &caller).await
    })
    .await
}

/// Verifies a pending right, or rejects it with a reason the brand reads.
#[server(prefix = "/api", endpoint = "rights/decide_right", output = Wire)]
pub async fn decide_right(
    /// The right.
    right_id: i64,
    /// `true` to verify, `false` to reject.
    verify: bool,
    /// Why (required to reject).
    note: String,
) -> Result<(), AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::rights::decide_right(&ctx, &caller, right_id, verify, &note).await
    })
    .await
}
