//! The dispatcher: a background task of every server instance that delivers the marketplace
//! outbox to the webhook endpoint (`app::service::integration::deliver_due` holds the rules;
//! this is the HTTP and the timing), and ends seller suspensions whose time is up so the
//! marketplace is told of that too.
//!
//! Several instances on one PostgreSQL run one dispatcher each; their claims never overlap
//! (`SKIP LOCKED`), and a claim of an instance that died lapses after the lease.

use std::time::Duration;

use app::service::Context;
use app::service::integration::{
    Destination, DispatchSettings, Message, Sent, Transport, deliver_due,
};
use webhook_receiver::{ID_HEADER, SIGNATURE_HEADER, Secret, TIMESTAMP_HEADER, sign};

/// How long the dispatcher rests when nothing was due: the most a decision waits before its
/// webhook leaves (a takedown's own request never waits for it).
const IDLE: Duration = Duration::from_millis(200);
/// How long it rests after an error of its own (the database was unreachable, say).
const AFTER_ERROR: Duration = Duration::from_secs(2);
/// How often elapsed seller suspensions are ended.
const SUSPENSIONS_EVERY: Duration = Duration::from_secs(60);
/// How long one delivery may take: a receiver should answer at once and work afterwards.
const TIMEOUT: Duration = Duration::from_secs(10);
/// How much of an answer is kept for the Integration page.
const ANSWER_KEPT: usize = 1024;

/// Posts signed messages over HTTP(S).
#[derive(Debug, Clone)]
pub struct HttpTransport {
    client: reqwest::Client,
}

impl HttpTransport {
    /// A client that does not follow redirects: the endpoint is the address an admin set,
    /// and a redirect elsewhere is an answer to show them, not a place to send events.
    pub fn new() -> anyhow::Result<HttpTransport> {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(TIMEOUT)
            .user_agent(concat!("Goodfaith-Webhooks/", env!("CARGO_PKG_VERSION")))
            .build()?;
        Ok(HttpTransport { client })
    }
}

/// The `webhook-signature` value: one `v1,…` per secret in force (two during a rotation).
pub fn signatures(secrets: &[String], id: &str, timestamp: i64, body: &[u8]) -> String {
    secrets
        .iter()
        .filter_map(|secret| Secret::parse(secret).ok())
        .map(|secret| sign(&secret, id, timestamp, body))
        .collect::<Vec<_>>()
        .join(" ")
}

impl Transport for HttpTransport {
    async fn send(&self, to: &Destination, message: &Message) -> Sent {
        let timestamp = app::db::now_ms() / 1000;
        let signature = signatures(&to.secrets, &message.id, timestamp, message.body.as_bytes());
        let request = format!(
            "POST {}\ncontent-type: application/json\n{ID_HEADER}: {}\n{TIMESTAMP_HEADER}: {timestamp}\n\
             {SIGNATURE_HEADER}: {signature}\n\n{}",
            to.url, message.id, message.body
        );
        let answer = self
            .client
            .post(&to.url)
            .header("content-type", "application/json")
            .header(ID_HEADER, &message.id)
            .header(TIMESTAMP_HEADER, timestamp.to_string())
            .header(SIGNATURE_HEADER, signature)
            .body(message.body.clone())
            .send()
            .await;
        match answer {
            Ok(mut response) => {
                let status = response.status().as_u16();
                let mut kept = Vec::new();
                while kept.len() < ANSWER_KEPT {
                    match response.chunk().await {
                        Ok(Some(chunk)) => kept.extend_from_slice(&chunk),
                        _ => break,
                    }
                }
                kept.truncate(ANSWER_KEPT);
                Sent {
                    status: Some(status),
                    request,
                    response: String::from_utf8_lossy(&kept).into_owned(),
                }
            }
            Err(error) => Sent {
                status: None,
                request,
                response: no_answer(&error),
            },
        }
    }
}

/// Why no answer came, in words an admin can act on.
fn no_answer(error: &reqwest::Error) -> String {
    use std::error::Error;
    let mut cause = error.to_string();
    let mut source = error.source();
    while let Some(inner) = source {
        cause = format!("{cause}: {inner}");
        source = inner.source();
    }
    if error.is_timeout() {
        format!("No answer within {} s ({cause})", TIMEOUT.as_secs())
    } else if error.is_connect() {
        format!("Could not connect ({cause})")
    } else {
        format!("No answer ({cause})")
    }
}

/// Starts the dispatcher for the life of the process.
pub fn spawn<T: Transport + Send + 'static>(
    ctx: Context,
    transport: T,
    settings: DispatchSettings,
) -> tokio::task::JoinHandle<()> {
    let (_never, stop) = tokio::sync::watch::channel(false);
    spawn_until(ctx, transport, settings, stop)
}

/// As [`spawn`], until `stop` turns true: the round under way finishes (its attempts are
/// written back, so no row waits out its lease after a restart) and no new one starts.
pub fn spawn_until<T: Transport + Send + 'static>(
    ctx: Context,
    transport: T,
    settings: DispatchSettings,
    mut stop: tokio::sync::watch::Receiver<bool>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut suspensions_checked = tokio::time::Instant::now() - SUSPENSIONS_EVERY;
        // (With its sender gone, `stop` can no longer change: the loop runs for good.)
        while !*stop.borrow() {
            if suspensions_checked.elapsed() >= SUSPENSIONS_EVERY {
                suspensions_checked = tokio::time::Instant::now();
                if let Err(error) =
                    app::db::outbox::end_elapsed_suspensions(&ctx.db, ctx.now()).await
                {
                    tracing::warn!(%error, "ending elapsed seller suspensions");
                }
            }
            let pause = match deliver_due(&ctx, &transport, &settings).await {
                // A full batch: more may be due at once.
                Ok(done) if done as i64 >= settings.batch => continue,
                Ok(_) => IDLE,
                Err(error) => {
                    tracing::warn!(%error, "delivering marketplace events");
                    AFTER_ERROR
                }
            };
            tokio::select! {
                () = tokio::time::sleep(pause) => {}
                Ok(()) = stop.changed() => {}
            }
        }
        tracing::info!("the dispatcher has stopped");
    })
}
