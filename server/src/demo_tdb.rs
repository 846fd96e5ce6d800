//! The demo's stand-in for the EU Transparency Database: in demo mode, unless
//! `GOODFAITH_TDB_URL` points at the real one (or its sandbox), statements are submitted here,
//! so a newcomer sees them accepted with an id on the admins' page. It answers as the
//! database's batch endpoint does (`POST /api/v1/statements`, bearer token, at most 100
//! statements, 201 with each statement's `uuid` and `puid` in order, 422 with
//! `statement_<index>` errors, none stored) — the HTTP tests run it as their receiver too. It
//! listens on its own port and keeps nothing.

use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use serde_json::{Value, json};

/// The receiver's path, as the database's.
pub const PATH: &str = "/api/v1/statements";
/// The token the demo's stand-in takes.
pub const DEMO_TOKEN: &str = "demo-transparency-token";

/// What the stand-in checks and answers.
#[derive(Debug, Clone)]
pub struct Receiver {
    /// The bearer token it takes.
    pub token: String,
}

/// Starts the stand-in on `addr` (port 0: any free port); returns its batch URL.
pub async fn start(addr: &str, token: &str) -> anyhow::Result<String> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let url = format!("http://{}{PATH}", listener.local_addr()?);
    let app = router(Receiver {
        token: token.to_owned(),
    });
    tokio::spawn(async move {
        if let Err(error) = axum::serve(listener, app).await {
            tracing::error!(%error, "the demo's transparency database stopped");
        }
    });
    Ok(url)
}

/// The stand-in's routes.
pub fn router(receiver: Receiver) -> Router {
    Router::new()
        .route(PATH, post(receive))
        .with_state(receiver)
}

async fn receive(
    State(receiver): State<Receiver>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> (StatusCode, Json<Value>) {
    let bearer = headers
        .get("authorization")
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "));
    if bearer != Some(receiver.token.as_str()) {
        return (
            StatusCode::UNAUTHORIZED,
            Json(json!({ "message": "Unauthenticated." })),
        );
    }
    let Ok(Value::Object(payload)) = serde_json::from_slice::<Value>(&body) else {
        return refused(json!({ "statements": ["The statements field is required."] }));
    };
    let Some(Value::Array(statements)) = payload.get("statements") else {
        return refused(json!({ "statements": ["The statements field is required."] }));
    };
    if statements.is_empty() || statements.len() > app::domain::dsa::MAX_BATCH {
        return refused(
            json!({ "statements": ["The statements field must have between 1 and 100 items."] }),
        );
    }
    let mut errors = serde_json::Map::new();
    let mut accepted = Vec::with_capacity(statements.len());
    for (index, statement) in statements.iter().enumerate() {
        let parsed = serde_json::from_value::<app::domain::dsa::Statement>(statement.clone());
        let broken: Vec<(String, String)> = match &parsed {
            Ok(statement) => app::domain::dsa::check(statement)
                .into_iter()
                .map(|(field, why)| (field.to_owned(), why))
                .collect(),
            Err(error) => vec![("statement".into(), error.to_string())],
        };
        if broken.is_empty() {
            let mut out = statement.clone();
            out["uuid"] = Value::String(new_uuid());
            accepted.push(out);
        } else {
            let fields: serde_json::Map<String, Value> = broken
                .into_iter()
                .map(|(field, why)| (field, json!([why])))
                .collect();
            errors.insert(format!("statement_{index}"), Value::Object(fields));
        }
    }
    if !errors.is_empty() {
        return refused(Value::Object(errors));
    }
    (StatusCode::CREATED, Json(json!({ "statements": accepted })))
}

fn refused(errors: Value) -> (StatusCode, Json<Value>) {
    (
        StatusCode::UNPROCESSABLE_ENTITY,
        Json(json!({ "errors": errors })),
    )
}

/// A random version-4-shaped id, as the database gives each statement.
fn new_uuid() -> String {
    let hex = app::service::secrets::hex(&app::service::secrets::random_bytes::<16>());
    format!(
        "{}-{}-4{}-a{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[13..16],
        &hex[17..20],
        &hex[20..32]
    )
}
