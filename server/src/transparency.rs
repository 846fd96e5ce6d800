//! Statements of reasons out to the EU DSA Transparency Database: a background task of every
//! instance (when `GOODFAITH_TDB_URL` is set) that posts the due statements in batches of up
//! to 100 (`app::service::dsa::submit_due` holds the rules; this is the HTTP and the timing).
//! Several instances claim disjoint statements (`SKIP LOCKED`), as the webhook dispatcher does.

use std::time::Duration;

use app::service::Context;
use app::service::dsa::{Answer, Submit, Target, submit_due};

/// How long the submitter rests when nothing was due: statements are not urgent (the DSA asks
/// for them "without undue delay"), and an idle check is one index read.
const IDLE: Duration = Duration::from_secs(2);
/// How long it rests after an error of its own.
const AFTER_ERROR: Duration = Duration::from_secs(5);
/// How long one batch may take.
const TIMEOUT: Duration = Duration::from_secs(30);
/// How long a claim holds its statements: past it, a dead instance's go to another.
const LEASE_MS: i64 = 120_000;
/// How much of an answer is read: a hundred accepted statements are about 150 KB.
const ANSWER_KEPT: usize = 512 * 1024;

/// Posts batches over HTTP(S) with the bearer token.
#[derive(Debug, Clone)]
pub struct HttpSubmit {
    client: reqwest::Client,
}

impl HttpSubmit {
    /// A client that does not follow redirects (the address is configured; a redirect is an
    /// answer to show the admins).
    pub fn new() -> anyhow::Result<HttpSubmit> {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(TIMEOUT)
            .user_agent(concat!("Goodfaith/", env!("CARGO_PKG_VERSION")))
            .build()?;
        Ok(HttpSubmit { client })
    }
}

impl Submit for HttpSubmit {
    async fn post(&self, to: &Target, body: String) -> Answer {
        let answer = self
            .client
            .post(&to.url)
            .header("content-type", "application/json")
            .header("accept", "application/json")
            .bearer_auth(&to.token)
            .body(body)
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
                Answer {
                    status: Some(status),
                    body: String::from_utf8_lossy(&kept).into_owned(),
                }
            }
            Err(error) => Answer {
                status: None,
                body: if error.is_timeout() {
                    format!("no answer within {} s", TIMEOUT.as_secs())
                } else if error.is_connect() {
                    format!("could not connect ({error})")
                } else {
                    error.to_string()
                },
            },
        }
    }
}

/// Starts the submitter until `stop` turns true (the batch under way finishes and is written
/// back first).
pub fn spawn_until<S: Submit + Send + 'static>(
    ctx: Context,
    submit: S,
    target: Target,
    mut stop: tokio::sync::watch::Receiver<bool>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        while !*stop.borrow() {
            let pause = match submit_due(&ctx, &submit, &target, LEASE_MS).await {
                // A full batch: more may be due at once.
                Ok(done) if done >= app::domain::dsa::MAX_BATCH => continue,
                Ok(_) => IDLE,
                Err(error) => {
                    tracing::warn!(%error, "submitting statements of reasons");
                    AFTER_ERROR
                }
            };
            tokio::select! {
                () = tokio::time::sleep(pause) => {}
                Ok(()) = stop.changed() => {}
            }
        }
        tracing::info!("the statements' submitter has stopped");
    })
}
