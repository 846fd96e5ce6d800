//! The marketplace connection, for platform admins: integration keys, the webhook endpoint
//! and its signing secret, and the deliveries of the outbox.

use leptos::prelude::*;
use server_fn::codec::Json;

use crate::error::AppError;
use crate::model::{
    DeliveryPage, DeliveryQuery, IntegrationState, NewIntegrationKey, NewSigningSecret,
};
use crate::wire::Wire;

/// The Integration page's overview (admins).
#[server(prefix = "/api", endpoint = "integration/overview", output = Wire)]
pub async fn integration_overview() -> Result<IntegrationState, AppError> {
    use crate::api::support::{boundary, door};
    use crate::service::integration as uses;
    boundary(async move {
        let (ctx, caller) = door().await?;
        Ok(IntegrationState {
            endpoint: uses::endpoint(&ctx, &caller).await?,
            health: uses::health(&ctx, &caller).await?,
            keys: uses::list_keys(&ctx, &caller).await?,
            receipts: uses::receipts(&ctx, &caller).await?,
        })
    })
    .await
}

/// One page of deliveries, filtered (admins).
#[server(prefix = "/api", endpoint = "integration/deliveries", input = Json, output = Wire)]
pub async fn list_deliveries(
    /// The filters and the page.
    query: DeliveryQuery,
) -> Result<DeliveryPage, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::integration::deliveries(&ctx, &caller, &query).await
    })
    .await
}

/// Puts a delivered or failed event back in line (admins).
#[server(prefix = "/api", endpoint = "integration/redeliver", output = Wire)]
pub async fn redeliver_event(
    /// The outbox row (`msg_<id>`).
    outbox_id: i64,
) -> Result<(), AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::integration::redeliver(&ctx, &caller, outbox_id).await
    })
    .await
}

/// Sets the webhook address (admins); the first time, the answer holds the signing secret.
#[server(prefix = "/api", endpoint = "integration/set_endpoint", input = Json, output = Wire)]
pub async fn set_webhook_endpoint(
    /// Where events go.
    url: String,
) -> Result<Option<NewSigningSecret>, AppError> {
    use crate::api::support::{app_state, boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        let hosts = app_state()?.portal_hosts();
        crate::service::integration::set_endpoint(&ctx, &caller, &url, &hosts).await
    })
    .await
}

/// Rotates the signing secret (admins): the answer holds the new one.
#[server(prefix = "/api", endpoint = "integration/rotate_secret", output = Wire)]
pub async fn rotate_signing_secret() -> Result<NewSigningSecret, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::integration::rotate_secret(&ctx, &caller).await
    })
    .await
}

/// Removes the webhook endpoint (admins): events wait for the pull feed.
#[server(prefix = "/api", endpoint = "integration/remove_endpoint", output = Wire)]
pub async fn remove_webhook_endpoint() -> Result<(), AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::integration::remove_endpoint(&ctx, &caller).await
    })
    .await
}

/// Makes an integration key (admins); the answer holds the secret, shown once.
#[server(prefix = "/api", endpoint = "integration/create_key", input = Json, output = Wire)]
pub async fn create_integration_key(
    /// What the key is for.
    name: String,
) -> Result<NewIntegrationKey, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::integration::create_key(&ctx, &caller, &name).await
    })
    .await
}

/// Revokes an integration key (admins).
#[server(prefix = "/api", endpoint = "integration/revoke_key", output = Wire)]
pub async fn revoke_integration_key(
    /// The key.
    key_id: i64,
) -> Result<(), AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::integration::revoke_key(&ctx, &caller, key_id).await
    })
    .await
}
