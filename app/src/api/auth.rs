//! Signing in and out, and who is signed in.

use leptos::prelude::*;
use server_fn::codec::Json;

use crate::error::AppError;
use crate::model::{CurrentUser, SessionView};
use crate::wire::Wire;

/// Signs in with e-mail and password and sends the browser to the role's home page.
#[server(prefix = "/api", endpoint = "auth/login", output = Wire)]
pub async fn login(
    /// Sign-in address as typed.
    email: String,
    /// Password as typed.
    password: String,
) -> Result<CurrentUser, AppError> {
    use crate::api::support::{app_state, boundary};
    boundary(async move {
        let state = app_state()?;
        let from = state.client_address.of_request();
        let user = crate::service::accounts::sign_in(
            &state.context(),
            &state.sign_in_throttle,
            from,
            &email,
            &password,
        )
        .await?;
        begin_session(&user).await?;
        leptos_axum::redirect(&user.home_path());
        Ok(user)
    })
    .await
}

/// Signs `user` in on this request's session: a fresh session id (which defeats session
/// fixation), the user, the time and the device, so the person can tell their sessions apart
/// on their account page.
#[cfg(feature = "ssr")]
async fn begin_session(user: &CurrentUser) -> Result<(), AppError> {
    let session = crate::auth::session().await?;
    // A fresh session id on sign-in defeats session fixation.
    session
        .cycle_id()
        .await
        .map_err(crate::auth::session_failed)?;
    session
        .insert(crate::auth::USER_ID_KEY, user.id)
        .await
        .map_err(crate::auth::session_failed)?;
    session
        .insert(crate::auth::SIGNED_IN_AT_KEY, crate::db::now_ms())
        .await
        .map_err(crate::auth::session_failed)?;
    let user_agent = use_context::<axum::http::request::Parts>()
        .and_then(|parts| {
            let agent = parts.headers.get(axum::http::header::USER_AGENT)?;
            agent.to_str().ok().map(str::to_owned)
        })
        .unwrap_or_default();
    session
        .insert(
            crate::auth::DEVICE_KEY,
            crate::domain::account::describe_device(&user_agent),
        )
        .await
        .map_err(crate::auth::session_failed)?;
    Ok(())
}

/// Signs out and sends the browser to the sign-in page.
#[server(prefix = "/api", endpoint = "auth/logout", output = Wire)]
pub async fn logout() -> Result<(), AppError> {
    use crate::api::support::{app_state, boundary};
    boundary(async move {
        let session = crate::auth::session().await?;
        if let Some(caller) = crate::auth::optional_user().await? {
            crate::service::accounts::sign_out(&app_state()?.context(), &caller).await?;
        }
        // Deletes the stored session, so the old cookie signs nobody in on any instance.
        session.flush().await.map_err(crate::auth::session_failed)?;
        leptos_axum::redirect("/login");
        Ok(())
    })
    .await
}

/// Who is signed in, or `None`: public, so every page's navigation can ask.
#[server(prefix = "/api", endpoint = "auth/get_current_user", output = Wire)]
pub async fn get_current_user() -> Result<Option<CurrentUser>, AppError> {
    use crate::api::support::{app_state, boundary};
    boundary(async move {
        let caller = crate::auth::optional_user().await?;
        crate::service::accounts::signed_in(&app_state()?.context(), caller).await
    })
    .await
}

/// The id of this request's session (`None` before it is stored).
#[cfg(feature = "ssr")]
async fn this_session() -> Result<Option<String>, AppError> {
    Ok(crate::auth::session().await?.id().map(|id| id.to_string()))
}

/// Where the signed-in person is signed in: their sessions, this one marked.
#[server(prefix = "/api", endpoint = "auth/list_my_sessions", output = Wire)]
pub async fn list_my_sessions() -> Result<Vec<SessionView>, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        let current = this_session().await?;
        crate::service::accounts::sessions(&ctx, &caller, current.as_deref()).await
    })
    .await
}

/// Ends one of the signed-in person's own sessions (on another device, say).
#[server(prefix = "/api", endpoint = "auth/end_my_session", input = Json, output = Wire)]
pub async fn end_my_session(
    /// The session's handle from the list.
    handle: String,
) -> Result<String, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::accounts::end_session(&ctx, &caller, &handle).await
    })
    .await
}

/// Ends every session of the signed-in person except this one.
#[server(prefix = "/api", endpoint = "auth/end_my_other_sessions", output = Wire)]
pub async fn end_my_other_sessions() -> Result<String, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        let current = this_session().await?;
        crate::service::accounts::end_other_sessions(&ctx, &caller, current.as_deref()).await
    })
    .await
}

/// Changes the signed-in person's password (the current one required) and signs them out
/// everywhere else.
#[server(prefix = "/api", endpoint = "auth/change_my_password", input = Json, output = Wire)]
pub async fn change_my_password(
    /// The password they sign in with now.
    current_password: String,
    /// The new password.
    new_password: String,
    /// The new password again.
    repeat_password: String,
) -> Result<String, AppError> {
    use crate::api::support::{app_state, boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        let state = app_state()?;
        let from = state.client_address.of_request();
        let current = this_session().await?;
        let change = crate::service::accounts::PasswordChange {
            current: &current_password,
            new: &new_password,
            repeated: &repeat_password,
        };
        crate::service::accounts::change_password(
            &ctx,
            &state.sign_in_throttle,
            from,
            &caller,
            current.as_deref(),
            &change,
        )
        .await
    })
    .await
}

/// Sends a password-reset link to the address, if an account uses it; the answer is the same
/// either way.
#[server(prefix = "/api", endpoint = "auth/request_password_reset", output = Wire)]
pub async fn request_password_reset(
    /// The address the person signs in with.
    email: String,
) -> Result<String, AppError> {
    use crate::api::support::{app_state, boundary};
    boundary(async move {
        let state = app_state()?;
        let from = state.client_address.of_request();
        crate::service::passwords::request_reset(
            &state.context(),
            &state.sign_in_throttle,
            from,
            &email,
        )
        .await
    })
    .await
}

/// The address a reset link is for, if the link still works.
#[server(prefix = "/api", endpoint = "auth/check_reset_link", input = Json, output = Wire)]
pub async fn check_reset_link(
    /// The link's secret.
    token: String,
) -> Result<String, AppError> {
    use crate::api::support::{app_state, boundary};
    boundary(async move {
        crate::service::passwords::check_reset_link(&app_state()?.context(), &token).await
    })
    .await
}

/// Sets a new password with a reset link; every session of the account ends.
#[server(prefix = "/api", endpoint = "auth/reset_password", input = Json, output = Wire)]
pub async fn reset_password(
    /// The link's secret.
    token: String,
    /// The new password.
    new_password: String,
    /// The new password again.
    repeat_password: String,
) -> Result<String, AppError> {
    use crate::api::support::{app_state, boundary};
    boundary(async move {
        let state = app_state()?;
        crate::service::passwords::reset_password(
            &state.context(),
            &state.sign_in_throttle,
            &token,
            &new_password,
            &repeat_password,
        )
        .await
    })
    .await
}

/// What an invitation link offers, if it still works.
#[server(prefix = "/api", endpoint = "auth/get_invitation", input = Json, output = Wire)]
pub async fn get_invitation(
    /// The link's secret.
    token: String,
) -> Result<crate::model::InvitationOffer, AppError> {
    use crate::api::support::{app_state, boundary};
    boundary(
        async move { crate::service::invitations::offer(&app_state()?.context(), &token).await },
    )
    .await
}

/// Accepts an invitation with the invitee's own password, and signs them in.
#[server(prefix = "/api", endpoint = "auth/accept_invitation", input = Json, output = Wire)]
pub async fn accept_invitation(
    /// The link's secret.
    token: String,
    /// The password they choose.
    new_password: String,
    /// The same again.
    repeat_password: String,
) -> Result<CurrentUser, AppError> {
    use crate::api::support::{app_state, boundary};
    boundary(async move {
        let state = app_state()?;
        let user = crate::service::invitations::accept(
            &state.context(),
            &token,
            &new_password,
            &repeat_password,
        )
        .await?;
        begin_session(&user).await?;
        Ok(user)
    })
    .await
}
