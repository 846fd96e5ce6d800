//! The Goodfaith server: configuration, sessions, the router and demo seeding. `main.rs`
//! wires these together; tests build the same router around a test database.

pub mod config;
pub mod seed;

use std::str::FromStr;

use anyhow::Context;
use app::api::support::AppState;
use app::db::Backend;
use app::{App, shell};
use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::Request;
use axum::response::IntoResponse;
use axum::routing::post;
use axum_session::{
    Key, SameSite, SessionAnyPool, SessionConfig, SessionLayer, SessionMode, SessionStore,
};
use axum_session_sqlx::{SessionPgPool, SessionSqlitePool};
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list, handle_server_fns_with_context};

/// Cookie settings for the session layer.
#[derive(Debug, Clone)]
pub struct SessionSettings {
    /// Key signing the session cookie.
    pub key: Key,
    /// Send the cookie only over HTTPS.
    pub secure: bool,
}

/// Sessions live in the same database as everything else, so any instance can serve any
/// request. Nothing is cached in memory: a sign-out on one instance is seen by all at once.
pub async fn session_layer(
    database_url: &str,
    settings: SessionSettings,
) -> anyhow::Result<SessionLayer<SessionAnyPool>> {
    let pool = match Backend::from_url(database_url)? {
        Backend::Sqlite => {
            let options = sqlx::sqlite::SqliteConnectOptions::from_str(database_url)?
                .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal)
                .synchronous(sqlx::sqlite::SqliteSynchronous::Normal);
            let pool = sqlx::sqlite::SqlitePoolOptions::new()
                .max_connections(4)
                .connect_with(options)
                .await
                .context("opening the session store")?;
            SessionAnyPool::new(SessionSqlitePool::from(pool))
        }
        Backend::Postgres => {
            let pool = sqlx::postgres::PgPoolOptions::new()
                .max_connections(4)
                .connect(database_url)
                .await
                .context("opening the session store")?;
            SessionAnyPool::new(SessionPgPool::from(pool))
        }
    };
    let config = SessionConfig::default()
        .with_table_name("sessions")
        .with_session_name("goodfaith_session")
        .with_mode(SessionMode::OptIn)
        .with_http_only(true)
        .with_cookie_same_site(SameSite::Lax)
        .with_secure(settings.secure)
        .with_memory_lifetime(time::Duration::ZERO)
        .with_key(settings.key);
    let store = SessionStore::new(Some(pool), config)
        .await
        .context("preparing the session table")?;
    Ok(SessionLayer::new(store))
}

async fn server_fn_handler(
    State(state): State<AppState>,
    request: Request<Body>,
) -> impl IntoResponse {
    handle_server_fns_with_context(move || provide_context(state.clone()), request).await
}

/// The whole HTTP surface: server-rendered pages, server functions under `/api`, static files.
pub fn router(state: AppState, sessions: SessionLayer<SessionAnyPool>) -> Router {
    let routes = generate_route_list(App);
    Router::new()
        .route(
            "/api/{*fn_name}",
            post(server_fn_handler).get(server_fn_handler),
        )
        .leptos_routes_with_context(
            &state,
            routes,
            {
                let state = state.clone();
                move || provide_context(state.clone())
            },
            {
                let options = state.leptos_options.clone();
                move || shell(options.clone())
            },
        )
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(sessions)
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .with_state(state)
}
