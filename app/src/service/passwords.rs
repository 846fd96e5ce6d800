//! Forgotten passwords: a reset link by mail (it works for 15 minutes, once), and choosing a
//! new password with it. Asking says the same whether or not the address has an account, so
//! the form cannot be used to find out who uses the portal.

use std::net::IpAddr;

use crate::auth::password;
use crate::db::{self, audit, links, users};
use crate::domain::Email;
use crate::domain::mail::{self, RESET_LINK_MINUTES};
use crate::error::AppError;
use crate::service::accounts::{new_password_problem, too_many};
use crate::service::throttle::SignInThrottle;
use crate::service::{Context, secrets};

/// Most reset mails one address gets in an hour; further requests are answered the same but
/// send nothing (nobody can flood a mailbox through the form).
pub const RESETS_PER_HOUR: i64 = 3;

/// What the form always answers.
pub const RESET_SENT: &str = "If an account uses that address, a link to choose a new \
    password is on its way to it. The link works for 15 minutes, once.";

/// Sends a reset link to the account using `email`, if there is an active one: the link, its
/// mail and the audit event in one transaction. Throttled per client address like a sign-in.
pub async fn request_reset(
    ctx: &Context,
    throttle: &SignInThrottle,
    from: Option<IpAddr>,
    email: &str,
) -> Result<String, AppError> {
    let email = Email::parse(email).map_err(|message| AppError::field("email", message))?;
    let address = email.as_str();
    throttle.admit(from, address).map_err(too_many)?;
    let Some(user) = users::find_by_email(&ctx.db.pool, address).await? else {
        return Ok(RESET_SENT.into());
    };
    let person = user.to_current_user();
    let now = ctx.now();
    let recent =
        links::sent_since(&ctx.db.pool, links::PASSWORD_RESET, address, now - HOUR_MS).await?;
    if person.is_none() || recent >= RESETS_PER_HOUR {
        // Deactivated accounts and flooded mailboxes get nothing; the answer is the same.
        return Ok(RESET_SENT.into());
    }
    let secret = secrets::random_hex();
    let token_hash = secrets::hash(&secret);
    let link = links::NewLink {
        purpose: links::PASSWORD_RESET,
        token_hash: &token_hash,
        email: address,
        user_id: Some(user.id),
        expires_at: now + RESET_LINK_MINUTES * 60_000,
        ..Default::default()
    };
    let message = mail::password_reset(
        &user.display_name,
        &ctx.site.link(&format!("/reset-password?token={secret}")),
    );
    let mut tx = ctx.db.begin().await?;
    links::insert(&mut tx, &link, now).await?;
    db::mail::queue(&mut tx, address, Some(user.id), &message, now).await?;
    let event = audit::NewEvent {
        actor_id: Some(user.id),
        action: "auth.password_reset_requested",
        subject_type: "user",
        subject_id: user.id,
        brand_id: user.brand_id,
        detail: &format!("Reset link sent to {address}{}", from_text(from)),
    };
    audit::record(&mut tx, &event, now).await?;
    tx.commit().await?;
    Ok(RESET_SENT.into())
}

const HOUR_MS: i64 = 3_600_000;

fn from_text(from: Option<IpAddr>) -> String {
    from.map(|address| format!(" (asked from {address})"))
        .unwrap_or_default()
}

/// The address a reset link is for, if it still works (the page shows the form only then).
pub async fn check_reset_link(ctx: &Context, token: &str) -> Result<String, AppError> {
    let link = working_link(ctx, links::PASSWORD_RESET, token).await?;
    Ok(link.email)
}

/// Sets a new password with a reset link: the policy as for a change, the link used once, every
/// session of the account ended (whoever knew the old password is signed out), and the audit
/// event, in one transaction. The person then signs in with the new password.
pub async fn reset_password(
    ctx: &Context,
    throttle: &SignInThrottle,
    token: &str,
    new: &str,
    repeated: &str,
) -> Result<String, AppError> {
    let link = working_link(ctx, links::PASSWORD_RESET, token).await?;
    if let Some((field, message)) = new_password_problem(new, repeated, &link.email) {
        return Err(AppError::field(field, message));
    }
    let user_id = link.user_id.ok_or(AppError::Internal)?;
    let user = users::find_by_id(&ctx.db.pool, user_id)
        .await?
        .filter(|user| user.to_current_user().is_some())
        .ok_or_else(|| {
            AppError::Forbidden(
                "This account cannot sign in any more; ask your administrator.".into(),
            )
        })?;
    let hash = password::hash(new).await?;
    let now = ctx.now();
    let mut tx = ctx.db.begin().await?;
    if !links::use_once(&mut tx, link.id, now).await? {
        tx.rollback().await?;
        return Err(AppError::Conflict(USED.into()));
    }
    users::set_password(&mut tx, user.id, &hash).await?;
    let ended = db::sessions::end_all_of_user(&mut tx, user.id, None).await?;
    let sessions = if ended == 1 { "session" } else { "sessions" };
    let event = audit::NewEvent {
        actor_id: Some(user.id),
        action: "auth.password_reset",
        subject_type: "user",
        subject_id: user.id,
        brand_id: user.brand_id,
        detail: &format!("Password set with a reset link; {ended} {sessions} ended"),
    };
    audit::record(&mut tx, &event, now).await?;
    tx.commit().await?;
    // A reset after failed guesses ends the account's lock: the owner has proved themselves.
    throttle.succeeded(&user.email);
    Ok("Your new password is set, and you are signed out everywhere. Sign in with it now.".into())
}

const USED: &str = "This link has been used already. If that was not you, ask for a new one.";

/// The unused, unexpired link of `purpose` the secret `token` stands for, or a refusal saying
/// plainly why it does not work.
pub(crate) async fn working_link(
    ctx: &Context,
    purpose: &str,
    token: &str,
) -> Result<links::LinkRow, AppError> {
    let token = token.trim();
    let well_formed = token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit());
    let found = if well_formed {
        links::find(&ctx.db.pool, purpose, &secrets::hash(token)).await?
    } else {
        None
    };
    let Some(link) = found else {
        return Err(AppError::NotFound(
            "This link is not one we sent: check that the whole address was copied from the \
             mail, or ask for a new one."
                .into(),
        ));
    };
    let again = if purpose == links::INVITATION {
        "Ask the person who invited you to send a new invitation."
    } else {
        "Ask for a new one."
    };
    if link.used_at.is_some() {
        let message = if purpose == links::INVITATION {
            "This invitation has been accepted already: sign in with its address.".to_owned()
        } else {
            USED.to_owned()
        };
        return Err(AppError::Conflict(message));
    }
    if link.revoked_at.is_some() {
        return Err(AppError::Conflict(format!(
            "This link was replaced by a newer one or withdrawn. Use the newest mail. {again}"
        )));
    }
    if link.expires_at <= ctx.now() {
        return Err(AppError::Conflict(format!(
            "This link has expired. {again}"
        )));
    }
    Ok(link)
}
