//! Authentication and authorization (server only).
//!
//! Server functions call [`current_user`], [`require_role`] or [`require_brand_access`]
//! first; each returns `Err` so the code below never runs for the wrong caller.

pub mod password;

use crate::api::support::app_state;
use crate::db::{self, users};
use crate::domain::Role;
use crate::error::AppError;
use crate::model::CurrentUser;

/// The session of a request (stored in the database by [`crate::db::sessions`]).
pub type AppSession = tower_sessions::Session;

/// The session's keys (the store reads them to know whose each session is).
pub use crate::db::sessions::{DEVICE_KEY, SIGNED_IN_AT_KEY, USER_ID_KEY};

/// The longest a sign-in lasts, however active: 7 days. A stolen cookie stops working within
/// a week even if it is used all the time (inactivity ends a session sooner, after 12 hours).
pub const SESSION_MAX_AGE_MS: i64 = 7 * 24 * 3_600_000;

/// The session of the current request.
pub async fn session() -> Result<AppSession, AppError> {
    leptos_axum::extract::<AppSession>().await.map_err(|error| {
        tracing::error!(%error, "session layer missing");
        AppError::Internal
    })
}

/// Logs a session-store failure and turns it into the plain internal error.
pub fn session_failed(error: tower_sessions::session::Error) -> AppError {
    tracing::error!(%error, "session store");
    AppError::Internal
}

/// The signed-in person, or `None` for an anonymous visitor.
pub async fn optional_user() -> Result<Option<CurrentUser>, AppError> {
    user_of_session(&session().await?, &app_state()?.db).await
}

/// Who a session belongs to, for handlers outside server functions (the file routes).
pub async fn user_of_session(
    session: &AppSession,
    db: &db::Db,
) -> Result<Option<CurrentUser>, AppError> {
    let Some(user_id) = session
        .get::<i64>(USER_ID_KEY)
        .await
        .map_err(session_failed)?
    else {
        return Ok(None);
    };
    let signed_in_at = session
        .get::<i64>(SIGNED_IN_AT_KEY)
        .await
        .map_err(session_failed)?
        .unwrap_or(0);
    if db::now_ms() - signed_in_at > SESSION_MAX_AGE_MS {
        // Too old (or from before sign-ins were dated): end it, on every instance.
        session.flush().await.map_err(session_failed)?;
        return Ok(None);
    }
    let user = users::find_by_id(&db.pool, user_id).await?;
    Ok(user.and_then(|record| record.to_current_user()))
}

/// The signed-in person; `Unauthorized` for anonymous visitors.
pub async fn current_user() -> Result<CurrentUser, AppError> {
    optional_user().await?.ok_or(AppError::Unauthorized)
}

/// The signed-in person if their role is one of `roles`.
pub async fn require_role(roles: &[Role]) -> Result<CurrentUser, AppError> {
    let user = current_user().await?;
    crate::service::access::role(&user, roles)?;
    Ok(user)
}

/// The signed-in person if they may see and act on this brand's data: its own staff, the
/// account manager assigned to it, or an admin. Everyone else gets `Forbidden`.
pub async fn require_brand_access(brand_id: i64) -> Result<CurrentUser, AppError> {
    let user = current_user().await?;
    crate::service::access::brand(&app_state()?.context(), &user, brand_id).await?;
    Ok(user)
}

/// The signed-in person if they are staff *of this brand*: only a brand's own staff may
/// register its rights, report in its name or withdraw its reports.
pub async fn require_own_brand_staff(brand_id: i64) -> Result<CurrentUser, AppError> {
    let user = current_user().await?;
    crate::service::access::own_brand_staff(&user, brand_id)?;
    Ok(user)
}

/// The signed-in person if they may review this brand's notices and rights: its assigned
/// account manager or an admin.
pub async fn require_reviewer_of(brand_id: i64) -> Result<CurrentUser, AppError> {
    let user = current_user().await?;
    crate::service::access::reviewer_of(&app_state()?.context(), &user, brand_id).await?;
    Ok(user)
}

/// The message for any failed sign-in (defined with the sign-in use case).
pub use crate::service::accounts::WRONG_CREDENTIALS;

/// Checks an e-mail address and password and records the sign-in in the audit trail: the
/// sign-in use case ([`crate::service::accounts::sign_in`]) for callers holding only a
/// database, on the system clock.
pub async fn authenticate(
    db: &db::Db,
    email: &str,
    password: &str,
) -> Result<CurrentUser, AppError> {
    // Each call its own throttle: the callers (tests, tools) are not browsers to slow down.
    let throttle = crate::service::throttle::SignInThrottle::default();
    crate::service::accounts::sign_in(&account_context(db), &throttle, None, email, password).await
}

/// Records a sign-out in the audit trail ([`crate::service::accounts::sign_out`]).
pub async fn record_logout(db: &db::Db, user: &CurrentUser) -> Result<(), AppError> {
    crate::service::accounts::sign_out(&account_context(db), user).await
}

/// A use-case context on this database; signing in and out reads no configurable rules.
fn account_context(db: &db::Db) -> crate::service::Context {
    crate::service::Context::new(db.clone(), crate::domain::Rules::default())
}
