//! Signing in and out, and who is signed in. The session itself (which user id a browser's
//! cookie stands for) is the door's business; these check credentials, record sign-ins and
//! sign-outs in the audit trail and say what the navigation shows.

use std::net::IpAddr;

use crate::auth::password;
use crate::db::{self, audit, users};
use crate::domain::limits::MAX_PASSWORD_BYTES;
use crate::domain::{Email, Role};
use crate::error::AppError;
use crate::model::CurrentUser;
use crate::service::Context;
use crate::service::throttle::{SignInThrottle, Wait};

/// The message for any failed sign-in: it does not say which of the two was wrong, so the
/// form cannot be used to discover which addresses have accounts.
pub const WRONG_CREDENTIALS: &str = "Wrong e-mail address or password.";

/// Checks an e-mail address (any capitalisation, surrounding spaces ignored) and password,
/// and records the sign-in in the audit trail. A wrong password and an unknown address get
/// the same answer in the same time. Attempts are throttled before the password is checked
/// (per client address, per account, and in how many may queue for a hash), and each failure
/// is written to the audit trail with the address it came from.
pub async fn sign_in(
    ctx: &Context,
    throttle: &SignInThrottle,
    from: Option<IpAddr>,
    email: &str,
    password: &str,
) -> Result<CurrentUser, AppError> {
    let email = Email::parse(email).map_err(|message| AppError::field("email", message))?;
    if password.is_empty() {
        return Err(AppError::field("password", "Enter your password."));
    }
    if password.len() > MAX_PASSWORD_BYTES {
        // Longer than any password this portal accepts: wrong, without a hash.
        return Err(AppError::field("password", WRONG_CREDENTIALS));
    }
    let account = email.as_str();
    throttle.admit(from, account).map_err(too_many)?;
    let turn = throttle.hash_turn().map_err(too_many)?;
    let record = users::find_by_email(&ctx.db.pool, account).await?;
    let stored_hash = record.as_ref().map(|user| user.password_hash.clone());
    // Verify even when there is no such account, so both failures take the same time.
    let matches = password::verify(password, stored_hash).await?;
    drop(turn);
    let user = match record.as_ref().filter(|_| matches) {
        Some(record) => record.to_current_user().ok_or(AppError::Internal)?,
        None => {
            record_failure(ctx, record.as_ref().map(|user| user.id), account, from).await?;
            throttle.failed(account).map_err(too_many)?;
            return Err(AppError::field("password", WRONG_CREDENTIALS));
        }
    };
    throttle.succeeded(account);
    record_session_event(ctx, &user, "auth.login").await?;
    Ok(user)
}

/// The answer to a throttled attempt: how long to wait, said plainly.
fn too_many(wait: Wait) -> AppError {
    let seconds = wait.retry_after_secs();
    let when = if seconds < 90 {
        format!("{seconds} seconds")
    } else {
        format!("{} minutes", seconds.div_ceil(60))
    };
    let message = match wait {
        Wait::Account(_) => format!(
            "Too many failed sign-ins for this account. Try again in {when}, or ask your \
             administrator to check the account."
        ),
        Wait::Address(_) => {
            format!("Too many sign-in attempts from your network. Try again in {when}.")
        }
        Wait::Busy => "Many people are signing in right now. Try again in a moment.".into(),
    };
    AppError::TooManyRequests {
        message,
        retry_after_secs: seconds,
    }
}

/// Writes a failed sign-in to the audit trail: on the account when there is one (so its
/// owner and admins see attempts on it), otherwise as an attempt on an unknown address.
async fn record_failure(
    ctx: &Context,
    user_id: Option<i64>,
    account: &str,
    from: Option<IpAddr>,
) -> Result<(), AppError> {
    let address = from.map_or_else(|| "an unknown address".to_owned(), |ip| ip.to_string());
    let detail = match user_id {
        Some(_) => format!("Wrong password, from {address}"),
        None => format!("Unknown account {account}, from {address}"),
    };
    let mut tx = ctx.db.begin().await?;
    let event = audit::NewEvent {
        actor_id: None,
        action: "auth.login_failed",
        subject_type: "user",
        subject_id: user_id.unwrap_or(0),
        brand_id: None,
        detail: &detail,
    };
    audit::record(&mut tx, &event, ctx.now()).await?;
    tx.commit().await?;
    Ok(())
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
