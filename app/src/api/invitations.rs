//! Inviting people and managing a brand's team: platform admins for anyone, brand admins for
//! their own brand's staff.

use leptos::prelude::*;
use server_fn::codec::Json;

use crate::error::AppError;
use crate::model::{InvitationView, PeopleList};
use crate::wire::Wire;

/// Sends an invitation by mail (platform admins: any role; brand admins: their brand's staff).
#[server(prefix = "/api", endpoint = "people/invite_person", input = Json, output = Wire)]
pub async fn invite_person(
    /// The invitee's address.
    email: String,
    /// Their name.
    name: String,
    /// A stored role name.
    role: String,
    /// Their brand (brand staff).
    brand_id: Option<i64>,
    /// Their seller's name (seller accounts).
    #[server(default)]
    seller: String,
    /// Whether they become a brand admin.
    #[server(default)]
    brand_admin: bool,
) -> Result<String, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        let form = crate::service::invitations::InvitationForm {
            email: &email,
            name: &name,
            role: &role,
            brand_id,
            seller: &seller,
            brand_admin,
        };
        crate::service::invitations::invite(&ctx, &caller, form).await
    })
    .await
}

/// The invitations still open: one brand's, or (admins, no brand) every one.
#[server(prefix = "/api", endpoint = "people/list_invitations", input = Json, output = Wire)]
pub async fn list_invitations(
    /// The brand, or none for every invitation.
    brand_id: Option<i64>,
) -> Result<Vec<InvitationView>, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::invitations::pending(&ctx, &caller, brand_id).await
    })
    .await
}

/// Withdraws an invitation not yet accepted.
#[server(prefix = "/api", endpoint = "people/withdraw_invitation", input = Json, output = Wire)]
pub async fn withdraw_invitation(
    /// The invitation.
    invitation_id: i64,
) -> Result<String, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::invitations::withdraw(&ctx, &caller, invitation_id).await
    })
    .await
}

/// One brand's staff, by name (its brand admins and platform admins).
#[server(prefix = "/api", endpoint = "people/list_team", input = Json, output = Wire)]
pub async fn list_team(
    /// The brand.
    brand_id: i64,
) -> Result<PeopleList, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        let query = crate::service::people::PeopleQuery {
            brand_id: Some(brand_id),
            ..Default::default()
        };
        crate::service::people::list(&ctx, &caller, &query).await
    })
    .await
}

/// Makes one of a brand's staff a brand admin, or plain staff again.
#[server(prefix = "/api", endpoint = "people/set_brand_admin", input = Json, output = Wire)]
pub async fn set_brand_admin(
    /// The staff member.
    user_id: i64,
    /// Brand admin (true) or plain staff (false).
    brand_admin: bool,
) -> Result<String, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::people::set_brand_admin(&ctx, &caller, user_id, brand_admin).await
    })
    .await
}
