//! Signing in and out, and who is signed in. The session itself (which user id a browser's
//! cookie stands for) is the door's business; these check credentials, record sign-ins and
//! sign-outs in the audit trail and say what the navigation shows.

use crate::auth::password;
use crate::db::{self, audit, users};
use crate::domain::{Email, Role};
use crate::error::AppError;
use crate::model::CurrentUser;
use crate::service::Context;

/// The message for any failed sign-in: it does not say which of the two was wrong, so the
/// form cannot be used to discover which addresses have accounts.
pub const WRONG_CREDENTIALS: &str = "Wrong e-mail address or password.";

/// Checks an e-mail address (any capitalisation, surrounding spaces ignored) and password,
/// and records the sign-in in the audit trail. A wrong password and an unknown address get
/// the same answer in the same time.
pub async fn sign_in(ctx: &Context, email: &str, password: &str) -> Result<CurrentUser, AppError> {
    let email = Email::parse(email).map_err(|message| AppError::field("email", message))?;
    if password.is_empty() {
        return Err(AppError::field("password", "Enter your password."));
    }
    let record = users::find_by_email(&ctx.db.pool, email.as_str()).await?;
    let stored_hash = record.as_ref().map(|user| user.password_hash.clone());
    // Verify even when there is no such account, so both failures take the same time.
    let matches = password::verify(password, stored_hash).await?;
    let user = match record.filter(|_| matches) {
        Some(record) => record.to_current_user().ok_or(AppError::Internal)?,
        None => return Err(AppError::field("password", WRONG_CREDENTIALS)),
    };
    record_session_event(ctx, &user, "auth.login").await?;
    Ok(user)
}

/// Records the caller's sign-out in the audit trail.
pub async fn sign_out(ctx: &Context, caller: &CurrentUser) -> Result<(), AppError> {
    record_session_event(ctx, caller, "auth.logout").await
}

/// Who is signed in (`None` for a visitor), with what the navigation shows: for brand staff,
/// the count of their brand's open inquiries.
pub async fn signed_in(
    ctx: &Context,
    caller: Option<CurrentUser>,
) -> Result<Option<CurrentUser>, AppError> {
    let mut caller = caller;
    // Only the navigation needs the count, so only this use case pays for it.
    if let Some(user) = &mut caller
        && user.role == Role::BrandStaff
        && let Some(brand_id) = user.brand_id
    {
        user.open_inquiries = db::inquiries::open_count(&ctx.db.pool, brand_id, ctx.now()).await?;
    }
    Ok(caller)
}

/// Records a sign-in or sign-out of `user` in the audit trail.
async fn record_session_event(
    ctx: &Context,
    user: &CurrentUser,
    action: &'static str,
) -> Result<(), AppError> {
    let mut tx = ctx.db.begin().await?;
    let event = audit::NewEvent {
        actor_id: Some(user.id),
        action,
        subject_type: "user",
        subject_id: user.id,
        brand_id: user.brand_id,
        detail: "",
    };
    audit::record(&mut tx, &event, ctx.now()).await?;
    tx.commit().await?;
    Ok(())
}
