//! `goodfaith`: serves the portal.

use std::future::IntoFuture;

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
    let mut leptos_options = get_configuration(None)
        .context("reading the Leptos configuration")?
        .leptos_options;
    server::assets::use_hashed_names(&mut leptos_options);
    let addr = leptos_options.site_addr;
    if config.demo {
        if !config.demo_force {
            // The demo's passwords are published: it serves this machine only, and never
            // a database with real accounts.
            anyhow::ensure!(
                addr.ip().is_loopback(),
                "demo mode serves accounts whose password is published, so it listens on a \
                 loopback address only (LEPTOS_SITE_ADDR is {addr}); set GOODFAITH_DEMO_FORCE=1 \
                 to serve it elsewhere"
            );
            seed::refuse_real_database(&db).await?;
        }
        seed::seed_demo_if_empty(&db).await?;
        seed::print_demo_logins();
    }
    let sessions = session_layer(
        &db,
        SessionSettings {
            key,
            secure: config.secure_cookies(),
        },
    );
    spawn_session_sweeper(&db);
    // The environment gives the defaults; the Policy page's changes are read over them now
    // and whenever another instance saves one.
    let rules = app::service::policy::LiveRules::new(config.rules());
    rules.refresh(&db.pool).await?;
    server::spawn_policy_refresher(&db, rules.clone());
    spawn_tier_sweeper(&db, rules.clone());
    let mut state = AppState {
        leptos_options,
        db,
        rules,
        public_url: config.public_url.clone(),
        sign_in_throttle: std::sync::Arc::new(app::service::throttle::SignInThrottle::new(
            config.sign_in_throttle(),
        )),
        client_address: match &config.client_ip_header {
            Some(name) => app::api::support::ClientAddress::Header(name.to_ascii_lowercase()),
            None => app::api::support::ClientAddress::Peer,
        },
        demo: config.demo,
        tdb_url: None,
    };
    if config.demo && config.demo_receiver {
        let url = server::demo_receiver::start(state.context(), &config.demo_receiver_addr).await?;
        tracing::info!("the demo's webhook receiver listens at {url}");
    }
    let (stopping, stop) = tokio::sync::watch::channel(false);
    let dispatcher = if config.dispatcher {
        let transport = server::dispatcher::HttpTransport::new()?;
        Some(server::dispatcher::spawn_until(
            state.context(),
            transport,
            config.dispatch_settings(),
            stop,
        ))
    } else {
        None
    };
    let mailer = match &config.smtp_url {
        Some(url) => {
            let transport = server::mailer::SmtpTransport::new(url, &config.mail_from)?;
            tracing::info!("mail goes out through SMTP");
            Some(server::mailer::spawn_until(
                state.context(),
                transport,
                stopping.subscribe(),
            ))
        }
        None => {
            tracing::info!("no GOODFAITH_SMTP_URL: mail waits in the outbox (the Mail page)");
            None
        }
    };
    let mut tdb = config.tdb_target()?;
    if tdb.is_none() && config.demo && config.demo_receiver {
        let url = server::demo_tdb::start(&config.demo_receiver_addr, server::demo_tdb::DEMO_TOKEN)
            .await?;
        tracing::info!("the demo's stand-in transparency database listens at {url}");
        tdb = Some(app::service::dsa::Target {
            url,
            token: server::demo_tdb::DEMO_TOKEN.into(),
        });
    }
    let submitter = match tdb {
        Some(target) => {
            state.tdb_url = Some(target.url.clone());
            Some(server::transparency::spawn_until(
                state.context(),
                server::transparency::HttpSubmit::new()?,
                target,
                stopping.subscribe(),
            ))
        }
        None => {
            tracing::info!("no GOODFAITH_TDB_URL: statements of reasons wait to be exported");
            None
        }
    };
    server::spawn_notifier(state.context(), state.rules.clone());
    server::spawn_figures(state.context());
    let db = state.db.clone();
    let app = router_with(state, sessions, config.api_rate());

    let listener = tokio::net::TcpListener::bind(&addr)
        .await
        .with_context(|| format!("listening on {addr} (is another server running there?)"))?;
    tracing::info!("Goodfaith is serving on http://{addr}");
    // On SIGTERM (what systemd and container runtimes send) or Ctrl-C: stop accepting, let the
    // requests in flight finish for up to the grace period, stop the background jobs after
    // their current round, and leave the database settled.
    let grace = std::time::Duration::from_secs(config.shutdown_grace_seconds);
    let draining = stopping.clone();
    let server = axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        let which = shutdown_signal().await;
        tracing::info!(
            signal = which,
            grace_seconds = grace.as_secs(),
            "stopping: finishing the requests in flight"
        );
        let _ = draining.send(true);
    });
    let mut stopped = stopping.subscribe();
    tokio::select! {
        served = server.into_future() => served?,
        () = async {
            let _ = stopped.wait_for(|stop| *stop).await;
            tokio::time::sleep(grace).await;
        } => tracing::warn!("the grace period is over: stopping with requests still in flight"),
    }
    let _ = stopping.send(true);
    if let Some(dispatcher) = dispatcher
        && tokio::time::timeout(grace, dispatcher).await.is_err()
    {
        tracing::warn!("the dispatcher did not finish its round within the grace period");
    }
    if let Some(mailer) = mailer
        && tokio::time::timeout(grace, mailer).await.is_err()
    {
        tracing::warn!("the mailer did not finish its round within the grace period");
    }
    if let Some(submitter) = submitter
        && tokio::time::timeout(grace, submitter).await.is_err()
    {
        tracing::warn!(
            "the statements' submitter did not finish its batch within the grace period"
        );
    }
    db.settle().await?;
    tracing::info!("stopped");
    Ok(())
}

/// Waits for SIGTERM or Ctrl-C (SIGINT); says which.
async fn shutdown_signal() -> &'static str {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut terminate) => tokio::select! {
                () = interrupt => "SIGINT",
                _ = terminate.recv() => "SIGTERM",
            },
            Err(error) => {
                tracing::warn!(%error, "cannot listen for SIGTERM; Ctrl-C still stops the server");
                interrupt.await;
                "SIGINT"
            }
        }
    }
    #[cfg(not(unix))]
    {
        interrupt.await;
        "SIGINT"
    }
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
            if !config.demo_force {
                seed::refuse_real_database(db).await?;
            }
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
                "HELIOS={} HELIOS_RIGHT={} NORTHWIND={} NORTHWIND_RIGHT={} FIRST_LISTING={} LAST_LISTING={} EXPORT_BRAND={}",
                facts.helios.0,
                facts.helios.1,
                facts.northwind.0,
                facts.northwind.1,
                facts.listings.0,
                facts.listings.1,
                facts.export_brand
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
