//! People: the admins' list of accounts, deactivating and reactivating one, and the audit log
//! of what everyone did.

use leptos::prelude::*;
use server_fn::codec::Json;

use crate::error::AppError;
use crate::model::PeopleList;
use crate::wire::Wire;

/// The accounts matching the filter, by name (admins only).
#[server(prefix = "/api", endpoint = "admin/list_people", output = Wire)]
pub async fn list_people(
    /// A stored role name, or empty for every role.
    #[server(default)]
    role: String,
    /// `active`, `deactivated`, or empty for both.
    #[server(default)]
    status: String,
    /// Text the name, address, brand or seller contains.
    #[server(default)]
    text: String,
) -> Result<PeopleList, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        let query = crate::service::people::PeopleQuery {
            role: &role,
            status: &status,
            text: &text,
            brand_id: None,
        };
        crate::service::people::list(&ctx, &caller, &query).await
    })
    .await
}

/// Deactivates an account, with the reason (admins only): it cannot sign in, and every
/// session of it ends at once.
#[server(prefix = "/api", endpoint = "admin/deactivate_person", input = Json, output = Wire)]
pub async fn deactivate_person(
    /// The account.
    user_id: i64,
    /// Why, for the audit trail and the other admins.
    reason: String,
) -> Result<String, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::people::deactivate(&ctx, &caller, user_id, &reason).await
    })
    .await
}

/// Reactivates a deactivated account (admins only).
#[server(prefix = "/api", endpoint = "admin/reactivate_person", input = Json, output = Wire)]
pub async fn reactivate_person(
    /// The account.
    user_id: i64,
) -> Result<String, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::people::reactivate(&ctx, &caller, user_id).await
    })
    .await
}

/// Makes an account manager a platform admin or the other way round (platform admins only).
#[server(prefix = "/api", endpoint = "admin/set_staff_role", input = Json, output = Wire)]
pub async fn set_staff_role(
    /// The account.
    user_id: i64,
    /// `account_manager` or `admin`.
    role: String,
) -> Result<String, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::people::set_staff_role(&ctx, &caller, user_id, &role).await
    })
    .await
}

/// One page of the audit log, newest first (admins every event; account managers their
/// brands').
#[server(prefix = "/api", endpoint = "admin/search_audit_log", input = Json, output = Wire)]
pub async fn search_audit_log(
    /// The filter and the cursor.
    query: crate::model::AuditQuery,
) -> Result<crate::model::AuditPage, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::audit_log::search(&ctx, &caller, &query).await
    })
    .await
}
