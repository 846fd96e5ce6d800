//! Signing in and out, and who is signed in. The session itself (which user id a browser's
//! cookie stands for) is the door's business; these check credentials, record sign-ins and
//! sign-outs in the audit trail and say what the navigation shows.

use std::net::IpAddr;

use crate::auth::password;
use crate::db::{self, audit, users};
use crate::domain::limits::MAX_PASSWORD_BYTES;
use crate::domain::listing::counted;
use crate::domain::{Email, Role};
use crate::error::AppError;
use crate::model::{CurrentUser, SessionView};
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
    // Both fields' problems at once, so an empty form is answered by each field.
    let email = Email::parse(email);
    if email.is_err() || password.is_empty() {
        let mut problems = crate::error::FieldErrors::new();
        if let Err(message) = &email {
            problems.insert("email".into(), vec![message.clone()]);
        }
        if password.is_empty() {
            problems.insert("password".into(), vec!["Enter your password.".into()]);
        }
        return Err(AppError::Validation(problems));
    }
    let email = email.map_err(|message| AppError::field("email", message))?;
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
        // Said only to someone who knows the password, so it reveals nothing to a guesser.
        Some(record) if record.deactivated_at.is_some() => {
            throttle.succeeded(account);
            return Err(AppError::Forbidden(DEACTIVATED.into()));
        }
        Some(record) if record.brand_deactivated_at.is_some() => {
            throttle.succeeded(account);
            return Err(AppError::Forbidden(BRAND_DEACTIVATED.into()));
        }
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

/// The answer to the right password of a deactivated account.
pub const DEACTIVATED: &str =
    "This account has been deactivated. Ask your administrator if you need it again.";

/// The answer to the right password of someone whose brand is deactivated.
pub const BRAND_DEACTIVATED: &str = "Your brand's account on this marketplace has been \
    deactivated. Ask the marketplace's brand-protection team if it should be active again.";

/// The answer to a throttled attempt: how long to wait, said plainly.
pub(crate) fn too_many(wait: Wait) -> AppError {
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

/// Who is signed in (`None` for a visitor), with what the navigation shows: their unread
/// notifications (the bell) and, for brand staff, the count of their brand's open inquiries.
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
    if let Some(user) = &mut caller {
        user.unread_notifications = db::notifications::unread(&ctx.db.pool, user.id).await?;
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

/// Where the caller is signed in: their sessions that have not expired, newest first, the
/// session of this request (`current`, its id) marked.
pub async fn sessions(
    ctx: &Context,
    caller: &CurrentUser,
    current: Option<&str>,
) -> Result<Vec<SessionView>, AppError> {
    let rows = db::sessions::of_user(&ctx.db.pool, caller.id, ctx.now()).await?;
    Ok(rows
        .into_iter()
        .map(|row| SessionView {
            handle: db::sessions::handle_of(&row.id),
            this_device: current == Some(row.id.as_str()),
            device: if row.device.is_empty() {
                "A browser".into()
            } else {
                row.device
            },
            signed_in_at: row.signed_in_at.unwrap_or(0),
            expires_at: row.expires_at,
        })
        .collect())
}

/// What a person types to change their password.
#[derive(Debug, Clone)]
pub struct PasswordChange<'a> {
    /// The password they sign in with now.
    pub current: &'a str,
    /// The new one.
    pub new: &'a str,
    /// The new one again, so a slip of the finger does not lock them out.
    pub repeated: &'a str,
}

/// Changes the caller's password: the current one is checked first (throttled like a sign-in,
/// so a session left open cannot be used to guess it), the new one must follow the policy
/// (`domain::account::check_new_password`). The new hash, the end of every other session (a
/// thief signed in elsewhere is signed out) and the audit event are one transaction; `keep`
/// is this request's session. Answers with what was done, in words.
pub async fn change_password(
    ctx: &Context,
    throttle: &SignInThrottle,
    from: Option<IpAddr>,
    caller: &CurrentUser,
    keep: Option<&str>,
    change: &PasswordChange<'_>,
) -> Result<String, AppError> {
    let mut problems = crate::error::FieldErrors::new();
    let mut complain = |field: &str, message: String| {
        problems.entry(field.to_owned()).or_default().push(message);
    };
    if change.current.is_empty() {
        complain(
            "current_password",
            "Enter the password you sign in with now.".into(),
        );
    }
    if let Some((field, message)) = new_password_problem(change.new, change.repeated, &caller.email)
    {
        complain(field, message);
    }
    if !problems.is_empty() {
        return Err(AppError::Validation(problems));
    }
    if change.current.len() > MAX_PASSWORD_BYTES {
        return Err(AppError::field("current_password", WRONG_CURRENT));
    }
    throttle.admit(from, &caller.email).map_err(too_many)?;
    let turn = throttle.hash_turn().map_err(too_many)?;
    let record = users::find_by_id(&ctx.db.pool, caller.id)
        .await?
        .ok_or(AppError::Unauthorized)?;
    let matches = password::verify(change.current, Some(record.password_hash.clone())).await?;
    if !matches {
        drop(turn);
        record_failure(ctx, Some(caller.id), &caller.email, from).await?;
        throttle.failed(&caller.email).map_err(too_many)?;
        return Err(AppError::field("current_password", WRONG_CURRENT));
    }
    if change.new == change.current {
        return Err(AppError::field(
            "new_password",
            "This is your current password. Choose a new one.",
        ));
    }
    let hash = password::hash(change.new).await?;
    drop(turn);
    throttle.succeeded(&caller.email);
    let mut tx = ctx.db.begin().await?;
    users::set_password(&mut tx, caller.id, &hash).await?;
    let ended = db::sessions::end_all_of_user(&mut tx, caller.id, keep).await?;
    let detail = match ended {
        0 => "Password changed".to_owned(),
        1 => "Password changed; signed out of 1 other session".to_owned(),
        n => format!("Password changed; signed out of {n} other sessions"),
    };
    let event = audit::NewEvent {
        actor_id: Some(caller.id),
        action: "auth.password_changed",
        subject_type: "user",
        subject_id: caller.id,
        brand_id: caller.brand_id,
        detail: &detail,
    };
    audit::record(&mut tx, &event, ctx.now()).await?;
    tx.commit().await?;
    Ok(format!("{detail}."))
}

/// What is wrong with a new password and its repetition, by field (`new_password`,
/// `repeat_password`), if anything: the policy of `domain::account::check_new_password`, and
/// the same twice, so a slip of the finger does not lock the person out.
pub(crate) fn new_password_problem(
    new: &str,
    repeated: &str,
    email: &str,
) -> Option<(&'static str, String)> {
    if let Err(message) = crate::domain::account::check_new_password(new, email) {
        Some(("new_password", message))
    } else if repeated != new {
        Some((
            "repeat_password",
            "This is not the same as the new password. Type it again.".into(),
        ))
    } else {
        None
    }
}

/// The answer when the current password given to change it is wrong.
const WRONG_CURRENT: &str = "That is not your current password.";

/// Ends one of the caller's own sessions, named by its handle, in one transaction with its
/// audit event. Answers with what was done, in words.
pub async fn end_session(
    ctx: &Context,
    caller: &CurrentUser,
    handle: &str,
) -> Result<String, AppError> {
    // A handle is 16 hex digits; anything longer names no session.
    crate::service::within("handle", handle, 64, "a session's handle")?;
    let now = ctx.now();
    let rows = db::sessions::of_user(&ctx.db.pool, caller.id, now).await?;
    let Some(row) = rows
        .into_iter()
        .find(|row| db::sessions::handle_of(&row.id) == handle)
    else {
        return Err(AppError::NotFound(
            "That session has ended already (or is not yours).".into(),
        ));
    };
    let mut tx = ctx.db.begin().await?;
    if !db::sessions::end_one(&mut tx, caller.id, &row.id).await? {
        tx.rollback().await?;
        return Err(AppError::NotFound("That session has ended already.".into()));
    }
    let detail = format!("Signed out of the session on {}", row.device);
    record_sessions_ended(&mut tx, caller, &detail, now).await?;
    tx.commit().await?;
    Ok(format!("Signed out on {}.", row.device))
}

/// Ends every session of the caller but this one (`current`), in one transaction with its
/// audit event. Answers with what was done, in words.
pub async fn end_other_sessions(
    ctx: &Context,
    caller: &CurrentUser,
    current: Option<&str>,
) -> Result<String, AppError> {
    let mut tx = ctx.db.begin().await?;
    let ended = db::sessions::end_all_of_user(&mut tx, caller.id, current).await?;
    if ended == 0 {
        tx.rollback().await?;
        return Ok("You are not signed in anywhere else.".into());
    }
    let detail = format!("Signed out of {}", counted(ended as i64, "other session"));
    record_sessions_ended(&mut tx, caller, &detail, ctx.now()).await?;
    tx.commit().await?;
    Ok(format!(
        "Signed out of {}.",
        counted(ended as i64, "other session")
    ))
}

async fn record_sessions_ended(
    conn: &mut sqlx::AnyConnection,
    caller: &CurrentUser,
    detail: &str,
    now: i64,
) -> Result<(), AppError> {
    let event = audit::NewEvent {
        actor_id: Some(caller.id),
        action: "auth.sessions_ended",
        subject_type: "user",
        subject_id: caller.id,
        brand_id: caller.brand_id,
        detail,
    };
    audit::record(conn, &event, now).await?;
    Ok(())
}
