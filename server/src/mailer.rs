//! The mailer: a background task that sends the mail outbox over SMTP (`GOODFAITH_SMTP_URL`,
//! e.g. `smtp://127.0.0.1:1025` for a local catcher, `smtps://user:pass@mail.example.com` or
//! `smtp://…?tls=required` for a real relay). The rules — claiming, retries, giving up — are
//! `app::service::mail::send_due`; this is the SMTP and the timing. Without a URL no mailer
//! runs and the mail waits on the Mail page.

use std::time::Duration;

use app::service::Context;
use app::service::mail::{MailTransport, Outgoing, send_due};
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// How long the mailer rests when nothing was due.
const IDLE: Duration = Duration::from_secs(1);
/// How long it rests after an error of its own.
const AFTER_ERROR: Duration = Duration::from_secs(5);
/// How long one SMTP conversation may take.
const TIMEOUT: Duration = Duration::from_secs(20);

/// Sends over SMTP from one address.
#[derive(Clone)]
pub struct SmtpTransport {
    smtp: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl SmtpTransport {
    /// A transport for the relay at `url`, sending as `from` ("Goodfaith <no-reply@…>").
    pub fn new(url: &str, from: &str) -> anyhow::Result<SmtpTransport> {
        let smtp = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|error| anyhow::anyhow!("GOODFAITH_SMTP_URL: {error}"))?
            .timeout(Some(TIMEOUT))
            .build();
        let from = from
            .parse()
            .map_err(|error| anyhow::anyhow!("GOODFAITH_MAIL_FROM: {error}"))?;
        Ok(SmtpTransport { smtp, from })
    }
}

impl MailTransport for SmtpTransport {
    async fn send(&self, mail: &Outgoing) -> Result<(), String> {
        let to: Mailbox = mail
            .to
            .parse()
            .map_err(|error| format!("The address is not one SMTP accepts: {error}"))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(&mail.subject)
            .multipart(MultiPart::alternative_plain_html(
                mail.text.clone(),
                mail.html.clone(),
            ))
            .map_err(|error| format!("Could not build the message: {error}"))?;
        self.smtp
            .send(message)
            .await
            .map(|_| ())
            .map_err(|error| format!("The mail server refused or could not be reached: {error}"))
    }
}

/// Sends the outbox until `stop` turns true (the round under way finishes first).
pub fn spawn_until<T: MailTransport + Send + Sync + 'static>(
    ctx: Context,
    transport: T,
    mut stop: tokio::sync::watch::Receiver<bool>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        while !*stop.borrow() {
            let pause = match send_due(&ctx, &transport).await {
                Ok(sent) if sent as i64 >= app::service::mail::MAIL_BATCH => continue,
                Ok(_) => IDLE,
                Err(error) => {
                    tracing::warn!(%error, "sending mail");
                    AFTER_ERROR
                }
            };
            tokio::select! {
                () = tokio::time::sleep(pause) => {}
                Ok(()) = stop.changed() => {}
            }
        }
        tracing::info!("the mailer has stopped");
    })
}
