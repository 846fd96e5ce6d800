//! The Mail page's list.

use leptos::prelude::*;
use server_fn::codec::Json;

use crate::error::AppError;
use crate::model::MailPage;
use crate::wire::Wire;

/// The newest mail the portal wrote (admins; in demo mode everyone).
#[server(prefix = "/api", endpoint = "mail/list_mail", input = Json, output = Wire)]
pub async fn list_mail(
    /// Text the recipient's address contains.
    #[server(default)]
    to: String,
    /// The cursor: mail older than this id (none: the newest).
    before: Option<i64>,
) -> Result<MailPage, AppError> {
    use crate::api::support::{app_state, boundary};
    boundary(async move {
        let caller = crate::auth::optional_user().await?;
        crate::service::mail::list(&app_state()?.context(), caller.as_ref(), &to, before).await
    })
    .await
}

/// Whether the portal's mail is for everyone to read (demo mode), so pages can say where
/// the demo's mail went.
#[server(prefix = "/api", endpoint = "mail/mail_is_public", output = Wire)]
pub async fn mail_is_public() -> Result<bool, AppError> {
    use crate::api::support::{app_state, boundary};
    boundary(async move { Ok(app_state()?.demo) }).await
}
