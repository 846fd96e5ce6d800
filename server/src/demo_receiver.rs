//! The demo's built-in webhook receiver: in demo mode the portal's webhook points here, so a
//! newcomer sees a takedown leave the portal. It checks each message the way the reference
//! receiver (`examples/webhook-receiver`) does — with the same code — and keeps what it took
//! for the Integration page. It listens on its own port: a webhook may not point at the portal.

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;

use app::service::Context;
use app::service::integration::{keep_receipt, set_demo_endpoint};

/// The receiver's path; an endpoint with it is the demo's, moved to the new port at start.
pub const PATH: &str = "/demo-receiver/webhooks";

/// Starts the receiver on `addr` (port 0: any free port) and points the webhook endpoint at
/// it unless an admin set another address. Returns the receiver's URL.
pub async fn start(ctx: Context, addr: &str) -> anyhow::Result<String> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let url = format!("http://{}{PATH}", listener.local_addr()?);
    let current = app::db::integration::endpoint(&ctx.db.pool).await?;
    if current
        .as_ref()
        .is_none_or(|endpoint| endpoint.url.contains(PATH))
    {
        set_demo_endpoint(&ctx, &url).await?;
    }
    let app = Router::new().route(PATH, post(receive)).with_state(ctx);
    tokio::spawn(async move {
        if let Err(error) = axum::serve(listener, app).await {
            tracing::error!(%error, "the demo webhook receiver stopped");
        }
    });
    Ok(url)
}

async fn receive(State(ctx): State<Context>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let secrets: Vec<webhook_receiver::Secret> = app::db::integration::endpoint(&ctx.db.pool)
        .await
        .ok()
        .flatten()
        .map(|endpoint| {
            std::iter::once(endpoint.secret)
                .chain(endpoint.previous_secret)
                .filter_map(|secret| webhook_receiver::Secret::parse(&secret).ok())
                .collect()
        })
        .unwrap_or_default();
    let now = app::db::now_ms() / 1000;
    let checked = webhook_receiver::verify(&secrets, &headers, &body, now);
    let text = String::from_utf8_lossy(&body);
    let event = serde_json::from_slice::<serde_json::Value>(&body)
        .ok()
        .and_then(|value| value.get("type")?.as_str().map(str::to_owned))
        .unwrap_or_default();
    let (id, verified, status) = match &checked {
        Ok(verified) => (
            verified.id.clone(),
            "Signature verified".to_owned(),
            StatusCode::NO_CONTENT,
        ),
        Err(error) => {
            let id = headers
                .get(webhook_receiver::ID_HEADER)
                .and_then(|value| value.to_str().ok())
                .unwrap_or_default()
                .to_owned();
            (id, format!("Refused: {error}"), StatusCode::UNAUTHORIZED)
        }
    };
    match keep_receipt(&ctx, &id, &event, &verified, &text).await {
        Ok(()) => status,
        Err(error) => {
            tracing::error!(%error, "keeping a demo webhook receipt");
            StatusCode::INTERNAL_SERVER_ERROR
        }
    }
}
