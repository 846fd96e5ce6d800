//! The Goodfaith server: configuration, sessions, the router and demo seeding. `main.rs`
//! wires these together; tests build the same router around a test database.
// The pages' view types nest deeply, and the release build (without `erase_components`)
// lays them out here: the default limit of 128 was reached by the token page.
#![recursion_limit = "256"]

pub mod assets;
pub mod bench;
#[cfg(feature = "bench-ceiling")]
pub mod bench_ceiling;
pub mod bench_marketplace;
pub mod config;
pub mod demo_receiver;
pub mod demo_tdb;
pub mod dispatcher;
pub mod mailer;
pub mod rest;
pub mod security;
pub mod seed;
pub mod statuses;
pub mod transparency;

use app::api::support::AppState;
use app::db::Db;
use app::db::sessions::DbSessionStore;
use app::{App, shell};
use axum::Router;
use axum::body::Body;
use axum::extract::DefaultBodyLimit;
use axum::extract::State;
use axum::http::Request;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list, handle_server_fns_with_context};
use tower_sessions::cookie::{Key, SameSite};
use tower_sessions::service::SignedCookie;
use tower_sessions::{ExpiredDeletion, Expiry, SessionManagerLayer};

/// Cookie settings for the session layer.
#[derive(Clone)]
pub struct SessionSettings {
    /// Key signing the session cookie.
    pub key: Key,
    /// Send the cookie only over HTTPS.
    pub secure: bool,
}

/// Hours of inactivity after which a session ends.
pub const SESSION_IDLE_HOURS: i64 = 12;

/// The session cookie's name (signed, HttpOnly, SameSite=Lax).
pub const SESSION_COOKIE: &str = "goodfaith_session";

/// Sessions live in the application database, so any instance can serve any request; the
/// cookie is signed, HttpOnly and SameSite=Lax (and Secure when configured).
pub fn session_layer(
    db: &Db,
    settings: SessionSettings,
) -> SessionManagerLayer<DbSessionStore, SignedCookie> {
    SessionManagerLayer::new(DbSessionStore::new(db.clone()))
        .with_name(SESSION_COOKIE)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(settings.secure)
        .with_expiry(Expiry::OnInactivity(time::Duration::hours(
            SESSION_IDLE_HOURS,
        )))
        .with_signed(settings.key)
}

/// How often an instance looks for a policy change another instance saved.
const POLICY_REFRESH: std::time::Duration = std::time::Duration::from_secs(5);

/// Keeps `live` up to date with the Policy page's changes saved by any instance: one indexed
/// `MAX(id)` every few seconds, and the stored settings read again only when it moved.
pub fn spawn_policy_refresher(db: &Db, live: app::service::policy::LiveRules) {
    let db = db.clone();
    tokio::spawn(async move {
        let mut every = tokio::time::interval(POLICY_REFRESH);
        loop {
            every.tick().await;
            match live.refresh(&db.pool).await {
                Ok(true) => tracing::info!("policy changed: the new rules are in force"),
                Ok(false) => {}
                Err(error) => tracing::warn!(%error, "could not read the policy"),
            }
        }
    });
}

/// How often the notifier reads the audit trail for news.
const NOTIFY_EVERY: std::time::Duration = std::time::Duration::from_secs(2);
/// How often it also looks for what time alone brings (reports past half their target,
/// digests due).
const NOTIFY_TIMED_EVERY: std::time::Duration = std::time::Duration::from_secs(60);

/// How often the transparency figures count what the audit trail brought: one pass of at
/// most 2,000 events a second, behind or not. It keeps up with 500 takedowns a second (about
/// 1,750 events); a burst beyond that is worked off afterwards at the same gentle pace, the
/// figures lagging meanwhile. (A pause of 200 ms when behind worked a benchmark's burst off at
/// 10,000 events a second while the 500-a-second takedown rows ran beside it:
/// bench/results/sqlite-2026-12-07-statements-2.md.)
const FIGURES_EVERY: std::time::Duration = std::time::Duration::from_secs(1);

/// Runs the figures job for the life of the server (`app::service::transparency::pass`):
/// every instance may; the cursor lets only one count each event.
pub fn spawn_figures(ctx: app::service::Context) {
    tokio::spawn(async move {
        loop {
            if let Err(error) = app::service::transparency::pass(&ctx).await {
                tracing::warn!(%error, "transparency figures pass");
            }
            tokio::time::sleep(FIGURES_EVERY).await;
        }
    });
}

/// Runs the notifier for the life of the server (`app::service::notifications::pass`): every
/// instance may; their passes never store a notification twice.
pub fn spawn_notifier(ctx: app::service::Context, live: app::service::policy::LiveRules) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(NOTIFY_EVERY);
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut timed_at = tokio::time::Instant::now() - NOTIFY_TIMED_EVERY;
        loop {
            every.tick().await;
            let timed = timed_at.elapsed() >= NOTIFY_TIMED_EVERY;
            if timed {
                timed_at = tokio::time::Instant::now();
            }
            // The review targets in force now (the Policy page may have changed them).
            let ctx = app::service::Context {
                rules: live.current(),
                ..ctx.clone()
            };
            match app::service::notifications::pass(&ctx, timed).await {
                Ok(0) => {}
                Ok(stored) => tracing::debug!(stored, "notifications stored"),
                Err(error) => tracing::warn!(%error, "notifier pass"),
            }
        }
    });
}

/// Deletes expired sessions every few minutes, for the life of the server.
pub fn spawn_session_sweeper(db: &Db) {
    let store = DbSessionStore::new(db.clone());
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(300));
        loop {
            every.tick().await;
            if let Err(error) = store.delete_expired().await {
                tracing::warn!(%error, "could not delete expired sessions");
            }
        }
    });
}

/// Recomputes every brand's tier every hour, as decided items age out of the window and
/// lockouts, suspensions and overrides end; records expired inquiries and counter-notices
/// left without a response; forgets the Brand API's idempotent answers older than a day. The
/// first run is at start-up. With several instances on one database, the first to claim the
/// hour sweeps and the others skip it (`db::sweeps`). It reads the rules in force each hour.
pub fn spawn_tier_sweeper(db: &Db, live: app::service::policy::LiveRules) {
    let db = db.clone();
    tokio::spawn(async move {
        const HOUR_MS: i64 = 3_600_000;
        let mut every = tokio::time::interval(std::time::Duration::from_secs(3600));
        loop {
            every.tick().await;
            match app::db::sweeps::claim(&db, "hourly", HOUR_MS, app::db::now_ms()).await {
                Ok(true) => {}
                Ok(false) => {
                    tracing::info!("hourly sweep: another instance ran it this hour");
                    continue;
                }
                Err(error) => {
                    tracing::warn!(%error, "could not claim the hourly sweep");
                    continue;
                }
            }
            let started = std::time::Instant::now();
            let rules = live.current();
            match app::db::trust::recompute_all(&db, &rules, app::db::now_ms()).await {
                Ok(changed) => tracing::info!(
                    changed,
                    elapsed_ms = started.elapsed().as_millis(),
                    "tiers recomputed"
                ),
                Err(error) => tracing::warn!(%error, "could not recompute tiers"),
            }
            // Pages already show overdue inquiries as expired; this writes it down, audited.
            match app::db::inquiries::expire(&db, app::db::now_ms()).await {
                Ok(0) => {}
                Ok(expired) => tracing::info!(expired, "inquiries expired"),
                Err(error) => tracing::warn!(%error, "could not expire inquiries"),
            }
            // Idempotent answers are kept for a day; older ones only take room.
            match app::db::tokens::forget_old_answers(&db, app::db::now_ms()).await {
                Ok(0) => {}
                Ok(forgotten) => tracing::info!(forgotten, "old idempotent answers forgotten"),
                Err(error) => tracing::warn!(%error, "could not forget old idempotent answers"),
            }
            // Uploads nothing uses after a day were abandoned: they go, each audited.
            let now = app::db::now_ms();
            let before = now - app::domain::limits::UNUSED_UPLOAD_KEPT_MS;
            match app::db::files::remove_unused(&db, before, now).await {
                Ok(0) => {}
                Ok(removed) => tracing::info!(removed, "unused uploads removed"),
                Err(error) => tracing::warn!(%error, "could not remove unused uploads"),
            }
            // Likewise counter-notices whose brand let its response window pass.
            match app::db::counter_notices::flag_no_response(&db, app::db::now_ms()).await {
                Ok(0) => {}
                Ok(flagged) => tracing::info!(flagged, "counter-notices without a response"),
                Err(error) => tracing::warn!(%error, "could not flag counter-notices"),
            }
            tracing::info!(
                elapsed_ms = started.elapsed().as_millis(),
                "hourly sweep done on this instance"
            );
        }
    });
}

async fn server_fn_handler(
    State(state): State<AppState>,
    request: Request<Body>,
) -> impl IntoResponse {
    handle_server_fns_with_context(move || provide_context(state.clone()), request).await
}

/// Largest request body an upload may send: the 5 MB file limit plus multipart framing, so
/// the handler (not the transport) explains an oversized file when it can.
pub const UPLOAD_BODY_LIMIT: usize = 6 * 1024 * 1024;

/// The whole HTTP surface with the Brand API's default rate limit (see [`router_with`]).
pub fn router(
    state: AppState,
    sessions: SessionManagerLayer<DbSessionStore, SignedCookie>,
) -> Router {
    router_with(state, sessions, rest::RateLimit::default())
}

/// The whole HTTP surface: server-rendered pages, server functions under `/api`, the Brand
/// API under `/api/v1` (each token limited to `api_rate`) with its reference at `/api/docs`,
/// static files.
pub fn router_with(
    state: AppState,
    sessions: SessionManagerLayer<DbSessionStore, SignedCookie>,
    api_rate: rest::RateLimit,
) -> Router {
    let routes = generate_route_list(App);
    let security = security::SecuritySettings {
        https: state
            .public_url
            .as_deref()
            .is_some_and(|url| url.starts_with("https://")),
        extra_origins: state.public_url.iter().map(|url| origin_of(url)).collect(),
    };
    let router = Router::new()
        .nest_service("/api/v1", rest::router(&state, api_rate))
        .route("/api/docs", get(rest::docs::reference))
        .route(
            "/api/{*fn_name}",
            post(server_fn_handler).get(server_fn_handler),
        )
        // Files are posted to plain handlers, not server functions (see app::uploads).
        .route(
            "/uploads/{purpose}",
            post(app::uploads::upload).layer(DefaultBodyLimit::max(UPLOAD_BODY_LIMIT)),
        )
        .route(
            "/uploads/csv",
            post(app::uploads::read_csv).layer(DefaultBodyLimit::max(UPLOAD_BODY_LIMIT)),
        )
        .route("/files/{id}", get(app::uploads::download))
        .route("/audit.csv", get(app::exports::audit_csv))
        .route(
            "/admin/statements.jsonl",
            get(app::exports::statements_jsonl),
        )
        .route("/admin/statements.csv", get(app::exports::statements_csv))
        .route("/transparency.csv", get(app::exports::transparency_csv))
        .route(
            "/brands/{id}/reports.csv",
            get(app::exports::brand_reports_csv),
        )
        .route(
            "/brands/{id}/timeline.csv",
            get(app::exports::brand_timeline_csv),
        )
        .route("/transparency.json", get(app::exports::transparency_json))
        // The wasm, scripts and styles are plain files. Served here rather than by Leptos's
        // fallback, whose file branch runs in whatever reactive owner is current on the
        // thread: it took a page's response headers and status (its security policy, a 403)
        // for a chunk fetched while the page was rendering.
        .nest_service(
            &format!("/{}", state.leptos_options.site_pkg_dir),
            assets::pkg_files(&state.leptos_options),
        )
        .route_service(
            "/favicon.ico",
            tower_http::services::ServeFile::new(format!(
                "{}/favicon.ico",
                state.leptos_options.site_root
            )),
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
        .layer(axum::middleware::from_fn(assets::page_caching));
    security::protect(router, security)
        .layer(axum::middleware::from_fn(statuses::framework_refusals))
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .with_state(state)
}

/// `https://host:port` of an address (its scheme and authority, without the path).
fn origin_of(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("https", url));
    let authority = rest.split('/').next().unwrap_or_default();
    format!("{scheme}://{authority}")
}
