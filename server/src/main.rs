//! `goodfaith`: serves the portal.

use anyhow::Context;
use app::api::support::AppState;
use app::db::Db;
use clap::Parser;
use leptos::prelude::*;
use server::config::Config;
use server::{SessionSettings, router, seed, session_layer, spawn_session_sweeper};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();
    let config = Config::parse();
    let key = config.session_key()?;

    let db = Db::connect(&config.database_url, config.db_connections).await?;
    tracing::info!(database = %app::db::redact(&config.database_url), "database ready");
    if config.demo {
        seed::seed_demo_if_empty(&db).await?;
        seed::print_demo_logins();
    }

    let leptos_options = get_configuration(None)
        .context("reading the Leptos configuration")?
        .leptos_options;
    let addr = leptos_options.site_addr;
    let sessions = session_layer(
        &db,
        SessionSettings {
            key,
            secure: config.secure_cookies,
        },
    );
    spawn_session_sweeper(&db);
    let state = AppState {
        leptos_options,
        db,
        review_targets: config.review_targets(),
    };
    let app = router(state, sessions);

    let listener = tokio::net::TcpListener::bind(&addr)
        .await
        .with_context(|| format!("listening on {addr} (is another server running there?)"))?;
    tracing::info!("Goodfaith is serving on http://{addr}");
    axum::serve(listener, app.into_make_service())
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}
