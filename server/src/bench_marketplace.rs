//! Benchmark tools for the marketplace connection (`bench/run.sh`): listings pushed through
//! the ingest API, a webhook receiver that checks and counts what arrives, and the
//! dispatcher's rate on a database at scale.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use app::db::Db;
use app::service::Context;
use app::service::integration::{DispatchSettings, deliver_due};
use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};

/// The signing secret the benchmark's endpoint uses.
const SECRET: &str = "whsec_YmVuY2gtc2VjcmV0LWJlbmNoLXNlY3JldA==";

/// Sends `listings` listings (one seller) to `url`'s ingest API in batches of `batch`, from
/// `clients` connections at once; returns the seconds it took and the rows stored.
pub async fn ingest(
    url: &str,
    key: &str,
    listings: usize,
    batch: usize,
    clients: usize,
) -> anyhow::Result<(f64, u64)> {
    let client = reqwest::Client::new();
    let auth = format!("Bearer {key}");
    let sellers = serde_json::json!({"sellers": [
        {"id": "BENCH-SELLER", "name": "Bench Ingest Seller", "country": "DE", "version": 1}
    ]});
    let answer = client
        .put(format!("{url}/api/v1/marketplace/sellers"))
        .header("authorization", &auth)
        .json(&sellers)
        .send()
        .await?;
    anyhow::ensure!(answer.status().is_success(), "sellers: {}", answer.status());
    let batches = listings.div_ceil(batch);
    let next = Arc::new(AtomicU64::new(0));
    let stored = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..clients.max(1) {
        let (client, auth, next, stored) =
            (client.clone(), auth.clone(), next.clone(), stored.clone());
        let url = format!("{url}/api/v1/marketplace/listings");
        workers.spawn(async move {
            loop {
                let n = next.fetch_add(1, Ordering::Relaxed) as usize;
                if n >= batches {
                    return Ok::<(), anyhow::Error>(());
                }
                let rows: Vec<serde_json::Value> = (n * batch..((n + 1) * batch).min(listings))
                    .map(|i| {
                        serde_json::json!({
                            "id": format!("ING-{i}"), "seller": "BENCH-SELLER",
                            "title": format!("Ingested listing {i}: wireless headphones"),
                            "category": "Audio", "price_cents": 1_000 + (i % 50_000) as i64,
                            "currency": "EUR",
                            "url": format!("https://market.example/listings/ING-{i}"),
                            "status": "live", "version": 1
                        })
                    })
                    .collect();
                let body = serde_json::json!({ "listings": rows });
                let answer = client
                    .put(&url)
                    .header("authorization", &auth)
                    .json(&body)
                    .send()
                    .await?;
                let status = answer.status();
                let result: serde_json::Value = answer.json().await?;
                anyhow::ensure!(status.is_success(), "batch {n}: {status} {result}");
                stored.fetch_add(result["stored"].as_u64().unwrap_or(0), Ordering::Relaxed);
            }
        });
    }
    while let Some(done) = workers.join_next().await {
        done??;
    }
    Ok((
        started.elapsed().as_secs_f64(),
        stored.load(Ordering::Relaxed),
    ))
}

/// Starts a receiver on `addr` that checks each signature and counts the messages; points
/// the database's webhook endpoint at it. Returns the count.
pub async fn receiver(db: &Db, addr: &str) -> anyhow::Result<Arc<AtomicU64>> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let url = format!("http://{}/hooks", listener.local_addr()?);
    let mut tx = db.begin().await?;
    app::db::integration::set_endpoint(&mut tx, &url, SECRET, None, app::db::now_ms()).await?;
    sqlx::query("UPDATE webhook_endpoint SET url = $1, secret = $2, previous_secret = NULL")
        .bind(&url)
        .bind(SECRET)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    let count = Arc::new(AtomicU64::new(0));
    let secrets = Arc::new([webhook_receiver::Secret::parse(SECRET)?]);
    let counted = count.clone();
    let app = axum::Router::new().route(
        "/hooks",
        axum::routing::post(move |headers: HeaderMap, body: Bytes| {
            let (counted, secrets) = (counted.clone(), secrets.clone());
            async move {
                let now = app::db::now_ms() / 1000;
                match webhook_receiver::verify(&secrets[..], &headers, &body, now) {
                    Ok(_) => {
                        counted.fetch_add(1, Ordering::Relaxed);
                        StatusCode::NO_CONTENT
                    }
                    Err(_) => StatusCode::UNAUTHORIZED,
                }
            }
        }),
    );
    tokio::spawn(async move { axum::serve(listener, app).await });
    Ok(count)
}

/// Marks every waiting event delivered (the events of the benchmark's earlier rows), so a
/// dispatcher started now carries only what comes after.
pub async fn clear_backlog(db: &Db) -> anyhow::Result<u64> {
    let mut tx = db.begin().await?;
    let cleared = sqlx::query(
        "UPDATE marketplace_outbox SET state = 'delivered', delivered_at = $1 WHERE state = 'pending'",
    )
    .bind(app::db::now_ms())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    tx.commit().await?;
    Ok(cleared)
}

/// Puts the newest `events` outbox rows back in line and delivers them to a local receiver
/// with the real dispatcher; returns the seconds it took and the messages received.
pub async fn dispatch(db: &Db, events: i64, addr: &str) -> anyhow::Result<(f64, u64)> {
    clear_backlog(db).await?;
    let mut tx = db.begin().await?;
    let queued = sqlx::query(
        "UPDATE marketplace_outbox SET state = 'pending', attempts = 0, next_attempt_at = 0, \
         lease_until = NULL WHERE id IN (SELECT id FROM marketplace_outbox ORDER BY id DESC LIMIT $1)",
    )
    .bind(events)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    tx.commit().await?;
    let received = receiver(db, addr).await?;
    let ctx = Context::new(db.clone(), app::domain::Rules::default());
    let transport = crate::dispatcher::HttpTransport::new()?;
    let settings = DispatchSettings::default();
    let started = Instant::now();
    loop {
        let done = deliver_due(&ctx, &transport, &settings).await?;
        if done == 0 {
            break;
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    let received = received.load(Ordering::Relaxed);
    anyhow::ensure!(
        received == queued,
        "{queued} queued but {received} received"
    );
    Ok((seconds, received))
}
