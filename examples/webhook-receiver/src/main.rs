//! A minimal receiver for Goodfaith's signed webhooks, to copy into a marketplace.
//!
//! Run it with the endpoint's secret (shown once when the endpoint is created in Goodfaith):
//!
//! ```sh
//! WEBHOOK_SECRETS=whsec_… cargo run -p webhook-receiver
//! ```
//!
//! - `WEBHOOK_SECRETS` (required): one or more secrets, comma-separated. While a secret is
//!   being rotated, list both the old and the new one, then drop the old one.
//! - `ADDR` (default `127.0.0.1:4000`): where to listen. Goodfaith posts to `/webhooks`.
//!
//! Each accepted event prints one line, `<webhook-id> <type> <data as JSON>`. A real
//! marketplace acts on it instead:
//!
//! - `listing.removed`: take the listing down (Goodfaith decided it infringes);
//! - `listing.restored`: put the listing back (the removal was reversed, for example on appeal);
//! - `seller.suspended`: suspend the seller's account and their listings;
//! - `seller.reinstated`: reinstate the seller.
//!
//! Unknown types should be acknowledged and ignored, so that new ones can be added.
//!
//! Deliveries are at least once: a retry repeats the same `webhook-id`, so deduplicate on it.
//! Answer 2xx only once the event is safely handled; any other answer makes Goodfaith retry.

use std::collections::{HashSet, VecDeque};
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde_json::Value;
use webhook_receiver::{Secret, verify};

/// How many recent message ids to remember for deduplication. Retries come within days, not
/// millions of messages, so a bounded window is enough here; a real consumer would more likely
/// keep the ids in its database, next to the effect of handling them.
const SEEN_CAPACITY: usize = 10_000;

struct AppState {
    secrets: Vec<Secret>,
    seen: Mutex<Seen>,
}

/// The last [`SEEN_CAPACITY`] message ids, oldest first.
#[derive(Default)]
struct Seen {
    order: VecDeque<String>,
    ids: HashSet<String>,
}

impl Seen {
    /// Records `id`; false if it was already there.
    fn insert(&mut self, id: &str) -> bool {
        if self.ids.contains(id) {
            return false;
        }
        if self.order.len() == SEEN_CAPACITY
            && let Some(oldest) = self.order.pop_front()
        {
            self.ids.remove(&oldest);
        }
        self.order.push_back(id.to_owned());
        self.ids.insert(id.to_owned());
        true
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let secrets = match secrets_from_env() {
        Ok(secrets) => secrets,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::FAILURE;
        }
    };
    let addr = std::env::var("ADDR").unwrap_or_else(|_| "127.0.0.1:4000".to_owned());
    let addr: SocketAddr = match addr.parse() {
        Ok(addr) => addr,
        Err(_) => {
            eprintln!("ADDR must be an address and port such as 127.0.0.1:4000, not {addr:?}.");
            return ExitCode::FAILURE;
        }
    };

    let state = Arc::new(AppState {
        secrets,
        seen: Mutex::new(Seen::default()),
    });
    let app = Router::new()
        .route("/webhooks", post(receive))
        .with_state(state);

    let listener = match tokio::net::TcpListener::bind(addr).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!("Cannot listen on {addr}: {error}.");
            return ExitCode::FAILURE;
        }
    };
    eprintln!("Receiving webhooks at http://{addr}/webhooks");
    if let Err(error) = axum::serve(listener, app).await {
        eprintln!("The server stopped: {error}.");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// Reads `WEBHOOK_SECRETS`, or says in a sentence what is wrong with it.
fn secrets_from_env() -> Result<Vec<Secret>, String> {
    let text = std::env::var("WEBHOOK_SECRETS").unwrap_or_default();
    let secrets = text
        .split(',')
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
        .enumerate()
        .map(|(index, entry)| {
            // The message names the entry by position: never print a secret.
            Secret::parse(entry)
                .map_err(|error| format!("WEBHOOK_SECRETS entry {}: {error}", index + 1))
        })
        .collect::<Result<Vec<_>, _>>()?;
    if secrets.is_empty() {
        return Err(
            "Set WEBHOOK_SECRETS to the endpoint's secret (whsec_…); separate several with commas."
                .to_owned(),
        );
    }
    Ok(secrets)
}

async fn receive(State(state): State<Arc<AppState>>, headers: HeaderMap, body: Bytes) -> Response {
    // `Bytes`, not `Json`: the signature covers the body exactly as sent.
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| {
            i64::try_from(elapsed.as_secs()).unwrap_or(i64::MAX)
        });
    let verified = match verify(&state.secrets, &headers, &body, now) {
        Ok(verified) => verified,
        Err(error) => return (StatusCode::UNAUTHORIZED, error.to_string()).into_response(),
    };
    // Parse only after verifying: nothing from an unsigned request is worth reading.
    let event: Value = match serde_json::from_slice(&body) {
        Ok(event) => event,
        Err(_) => return (StatusCode::BAD_REQUEST, "The body is not JSON.").into_response(),
    };

    let is_new = state
        .seen
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .insert(&verified.id);
    if !is_new {
        // Already handled: acknowledge again so that Goodfaith stops retrying.
        println!("duplicate {}", verified.id);
        return StatusCode::NO_CONTENT.into_response();
    }

    // A marketplace would act on the event here (see the top of this file). Printing cannot
    // fail, so the id was recorded first; if acting on it can fail, forget the id again and
    // answer 5xx, so that Goodfaith's retry is not mistaken for a duplicate.
    let event_type = event.get("type").and_then(Value::as_str).unwrap_or("");
    let data = event.get("data").unwrap_or(&Value::Null);
    println!("{} {event_type} {data}", verified.id);
    StatusCode::NO_CONTENT.into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seen_reports_repeats() {
        let mut seen = Seen::default();
        assert!(seen.insert("msg_1"));
        assert!(!seen.insert("msg_1"));
        assert!(seen.insert("msg_2"));
    }

    #[test]
    fn seen_forgets_the_oldest_beyond_its_capacity() {
        let mut seen = Seen::default();
        for n in 0..=SEEN_CAPACITY {
            assert!(seen.insert(&format!("msg_{n}")));
        }
        assert_eq!(seen.order.len(), SEEN_CAPACITY);
        assert_eq!(seen.ids.len(), SEEN_CAPACITY);
        // msg_0 was pushed out by the last insert; the most recent ones are still known.
        assert!(!seen.insert(&format!("msg_{SEEN_CAPACITY}")));
        assert!(!seen.insert("msg_1"));
        assert!(seen.insert("msg_0"));
    }
}
