//! `goodfaith`: serves the portal.

use anyhow::Context;
use app::api::support::AppState;
use app::db::Db;
use clap::Parser;
use leptos::prelude::*;
use server::config::{Command, Config};
use server::{
    SessionSettings, router_with, seed, session_layer, spawn_session_sweeper, spawn_tier_sweeper,
};
use tracing_subscriber::EnvFilter;

/// mimalloc rather than glibc's allocator: glibc keeps freed large blocks in each thread's
/// arena, so every Argon2 sign-in (19 MiB of working memory, on whichever blocking thread ran
/// it) left its block resident — bench/run.sh measured 330 MB more after a burst of sign-ins.
/// mimalloc returns them to the system and fragments less across the many database threads.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();
    let config = Config::parse();
    if let Some(command) = &config.command {
        let db = Db::connect(&config.database_url, config.pool_size()?).await?;
        return run_tool(&db, command, &config).await;
    }
    let key = config.session_key()?;

    let db = Db::connect(&config.database_url, config.pool_size()?).await?;
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
    spawn_tier_sweeper(&db, config.rules());
    let state = AppState {
        leptos_options,
        db,
        rules: config.rules(),
        public_url: config.public_url.clone(),
        sign_in_throttle: Default::default(),
        client_address: match &config.client_ip_header {
            Some(name) => app::api::support::ClientAddress::Header(name.to_ascii_lowercase()),
            None => app::api::support::ClientAddress::Peer,
        },
    };
    if config.demo && config.demo_receiver {
        let url = server::demo_receiver::start(state.context(), &config.demo_receiver_addr).await?;
        tracing::info!("the demo's webhook receiver listens at {url}");
    }
    if config.dispatcher {
        let transport = server::dispatcher::HttpTransport::new()?;
        server::dispatcher::spawn(state.context(), transport, config.dispatch_settings());
    }
    let app = router_with(state, sessions, config.api_rate());

    let listener = tokio::net::TcpListener::bind(&addr)
        .await
        .with_context(|| format!("listening on {addr} (is another server running there?)"))?;
    tracing::info!("Goodfaith is serving on http://{addr}");
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await?;
    Ok(())
}

/// Runs a benchmark tool instead of serving, printing its figures on standard output.
async fn run_tool(db: &Db, command: &Command, config: &Config) -> anyhow::Result<()> {
    match command {
        Command::SeedScale {
            brands,
            decided_items,
        } => {
            let started = std::time::Instant::now();
            seed::seed_scale(db, *brands, *decided_items).await?;
            db.settle().await?;
            println!(
                "seeded {brands} brands with {decided_items} decided items in {:.1} s",
                started.elapsed().as_secs_f64()
            );
        }
        Command::Seed {
            listings,
            sellers,
            brands,
            decided_items,
            pending_items,
        } => {
            let phase = |name: &str, started: std::time::Instant| {
                println!("{name}: {:.1} s", started.elapsed().as_secs_f64());
            };
            let started = std::time::Instant::now();
            seed::seed_demo_if_empty(db).await?;
            phase("demo data", started);
            let started = std::time::Instant::now();
            seed::seed_marketplace(db, *listings, *sellers).await?;
            phase(
                &format!("{listings} listings from {sellers} sellers"),
                started,
            );
            let started = std::time::Instant::now();
            seed::seed_scale(db, *brands, *decided_items).await?;
            app::db::trust::recompute_all(db, &config.rules(), app::db::now_ms()).await?;
            phase(
                &format!("{brands} brands with {decided_items} decided items, tiers computed"),
                started,
            );
            let started = std::time::Instant::now();
            seed::seed_pending(db, *pending_items, &config.rules()).await?;
            phase(&format!("{pending_items} pending items"), started);
            let started = std::time::Instant::now();
            db.settle().await?;
            phase("write-ahead log copied into the database file", started);
            let tiers: Vec<(String, i64)> =
                sqlx::query_as("SELECT tier, COUNT(*) FROM brands GROUP BY tier ORDER BY tier")
                    .fetch_all(&db.pool)
                    .await?;
            println!("brands by tier: {tiers:?}");
        }
        Command::BenchFacts => {
            let facts = server::bench::facts(db).await?;
            println!(
                "HELIOS={} HELIOS_RIGHT={} NORTHWIND={} NORTHWIND_RIGHT={} FIRST_LISTING={} LAST_LISTING={}",
                facts.helios.0,
                facts.helios.1,
                facts.northwind.0,
                facts.northwind.1,
                facts.listings.0,
                facts.listings.1
            );
        }
        #[cfg(feature = "bench-ceiling")]
        Command::BenchCeiling { addr } => {
            let facts = server::bench::facts(db).await?;
            let app = server::bench_ceiling::ceiling_router(db.clone(), config.rules(), facts);
            let listener = tokio::net::TcpListener::bind(addr).await?;
            tracing::info!("ceiling serving on http://{addr}");
            axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = tokio::signal::ctrl_c().await;
                })
                .await?;
        }
        Command::BenchIngest {
            url,
            key,
            listings,
            batch,
            clients,
        } => {
            let (seconds, stored) =
                server::bench_marketplace::ingest(url, key, *listings, *batch, *clients).await?;
            println!(
                "INGEST seconds={seconds:.1} stored={stored} rate={:.0}",
                stored as f64 / seconds
            );
        }
        Command::BenchReceiver { addr } => {
            let cleared = server::bench_marketplace::clear_backlog(db).await?;
            let count = server::bench_marketplace::receiver(db, addr).await?;
            println!("receiving at {addr} ({cleared} earlier events marked delivered)");
            let _ = tokio::signal::ctrl_c().await;
            // Stop pointing at a receiver that is going away: later rows run undisturbed.
            let mut tx = db.begin().await?;
            app::db::integration::remove_endpoint(&mut tx).await?;
            tx.commit().await?;
            println!(
                "RECEIVED {}",
                count.load(std::sync::atomic::Ordering::Relaxed)
            );
        }
        Command::BenchDispatch { events, addr } => {
            let (seconds, received) =
                server::bench_marketplace::dispatch(db, *events, addr).await?;
            println!(
                "DISPATCH seconds={seconds:.2} events={received} rate={:.0}",
                received as f64 / seconds
            );
        }
        Command::RecomputeTiers => {
            let brands = app::db::brands::count(&db.pool).await?;
            let decided = app::db::reports::count_decided(&db.pool).await?;
            for run in ["first run", "second run (nothing changes)"] {
                let started = std::time::Instant::now();
                let changed =
                    app::db::trust::recompute_all(db, &config.rules(), app::db::now_ms()).await?;
                println!(
                    "recomputed tiers of {brands} brands from {decided} decided items in {:.2} s \
                     ({changed} changed tier; {run})",
                    started.elapsed().as_secs_f64()
                );
            }
        }
    }
    Ok(())
}
