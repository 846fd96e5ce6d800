//! The bell: the caller's notifications, marking them read, and their mail preferences.

use leptos::prelude::*;
use server_fn::codec::Json;

use crate::error::AppError;
use crate::model::{NotificationPage, NotificationPrefView};
use crate::wire::Wire;

/// The caller's newest notifications, older than the cursor `before`.
#[server(prefix = "/api", endpoint = "me/list_notifications", input = Json, output = Wire)]
pub async fn list_notifications(
    /// The cursor (none: the newest).
    before: Option<i64>,
) -> Result<NotificationPage, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::notifications::list(&ctx, &caller, before).await
    })
    .await
}

/// Marks one of the caller's notifications read, or all of them (no id); how many changed.
#[server(prefix = "/api", endpoint = "me/mark_notifications_read", input = Json, output = Wire)]
pub async fn mark_notifications_read(
    /// The notification, or none for all.
    id: Option<i64>,
) -> Result<u64, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::notifications::mark_read(&ctx, &caller, id).await
    })
    .await
}

/// The caller's mail preference per kind.
#[server(prefix = "/api", endpoint = "me/notification_prefs", output = Wire)]
pub async fn notification_prefs() -> Result<Vec<NotificationPrefView>, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::notifications::prefs(&ctx, &caller).await
    })
    .await
}

/// Sets the caller's mail preferences: (kind, delivery) pairs.
#[server(prefix = "/api", endpoint = "me/set_notification_prefs", input = Json, output = Wire)]
pub async fn set_notification_prefs(
    /// Each kind's choice.
    choices: Vec<(String, String)>,
) -> Result<String, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::notifications::set_prefs(&ctx, &caller, &choices).await
    })
    .await
}
