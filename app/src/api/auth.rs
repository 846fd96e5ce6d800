//! Signing in and out, and who is signed in.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::CurrentUser;
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
        leptos_axum::redirect(&user.home_path());
        Ok(user)
    })
    .await
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
