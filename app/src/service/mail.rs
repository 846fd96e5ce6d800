//! The Mail page: what the portal has written to people, and whether it went. Admins read it;
//! in demo mode everyone does (its passwords are published, and without it nobody could follow
//! a reset or invitation link in the demo). Sending is the mailer's job (`server::mailer`).

use crate::db;
use crate::domain::Role;
use crate::domain::limits::MAX_SEARCH_CHARS;
use crate::domain::mail::MailKind;
use crate::error::AppError;
use crate::model::{CurrentUser, MailPage, MailView};
use crate::service::Context;

/// Mail one page lists.
pub const MAIL_PER_PAGE: i64 = 50;

/// The newest mail (to addresses containing `to`), older than the cursor `before`.
pub async fn list(
    ctx: &Context,
    caller: Option<&CurrentUser>,
    to: &str,
    before: Option<i64>,
) -> Result<MailPage, AppError> {
    match caller {
        _ if ctx.site.demo => {}
        Some(caller) if caller.role == Role::Admin => {}
        Some(_) => return Err(AppError::forbidden()),
        None => return Err(AppError::Unauthorized),
    }
    crate::service::within("to", to, MAX_SEARCH_CHARS, "the address")?;
    let mut rows = db::mail::newest(&ctx.db.pool, to, before, MAIL_PER_PAGE + 1).await?;
    let older = (rows.len() as i64 > MAIL_PER_PAGE).then(|| {
        rows.truncate(MAIL_PER_PAGE as usize);
        rows.last().map(|row| row.id)
    });
    let mail = rows
        .into_iter()
        .filter_map(|row| {
            let kind = MailKind::parse(&row.kind)?;
            let private = kind.carries_secret() && row.sent_at.is_some() && !ctx.site.demo;
            Some(MailView {
                id: row.id,
                to: row.to_address,
                kind,
                subject: row.subject,
                text: (!private).then_some(row.body_text),
                created_at: row.created_at,
                sent_at: row.sent_at,
                attempts: row.attempts,
                next_attempt_at: row.next_attempt_at,
                last_error: row.last_error,
            })
        })
        .collect();
    Ok(MailPage {
        mail,
        older: older.flatten(),
    })
}

/// Sends one mail: SMTP in service (`server::mailer`); tests bring their own.
pub trait MailTransport {
    /// Sends `mail`; the error, in words for the Mail page, if it did not go.
    fn send(&self, mail: &Outgoing) -> impl Future<Output = Result<(), String>> + Send;
}

/// A mail as it leaves: recipient, subject and both parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    /// Recipient.
    pub to: String,
    /// Subject.
    pub subject: String,
    /// Plain-text part.
    pub text: String,
    /// HTML part.
    pub html: String,
}

/// How many mails one round sends at most.
pub const MAIL_BATCH: i64 = 20;
/// Attempts before a mail is given up (about a day of backoff).
pub const MAIL_ATTEMPTS: i64 = 12;
/// How long one instance holds a mail it is sending before another may try it.
const MAIL_LEASE_MS: i64 = 120_000;

/// The wait after the `attempts`-th failure: 30 s, doubling, at most 4 hours.
pub fn mail_backoff_ms(attempts: i64) -> i64 {
    let doublings = u32::try_from(attempts.clamp(0, 16)).unwrap_or(16);
    (30_000_i64 << doublings).min(4 * 3_600_000)
}

/// Sends the mail that is due, oldest first: each is claimed first (so two instances never
/// send one mail twice), then marked sent, or its error recorded and retried with backoff
/// until [`MAIL_ATTEMPTS`]. Returns how many were attempted.
pub async fn send_due<T: MailTransport>(ctx: &Context, transport: &T) -> Result<usize, AppError> {
    let now = ctx.now();
    let due = db::mail::due(&ctx.db.pool, now, MAIL_BATCH).await?;
    let mut attempted = 0;
    for row in due {
        let Some(at) = row.next_attempt_at else {
            continue;
        };
        if !db::mail::claim(&ctx.db.pool, row.id, at, now + MAIL_LEASE_MS).await? {
            continue;
        }
        attempted += 1;
        let mail = Outgoing {
            to: row.to_address,
            subject: row.subject,
            text: row.body_text,
            html: row.body_html,
        };
        match transport.send(&mail).await {
            Ok(()) => db::mail::mark_sent(&ctx.db.pool, row.id, ctx.now()).await?,
            Err(error) => {
                let attempts = row.attempts + 1;
                let next =
                    (attempts < MAIL_ATTEMPTS).then(|| ctx.now() + mail_backoff_ms(attempts));
                let error = if next.is_none() {
                    format!("Given up after {attempts} attempts: {error}")
                } else {
                    error
                };
                db::mail::mark_failed(&ctx.db.pool, row.id, &error, next).await?;
            }
        }
    }
    Ok(attempted)
}
