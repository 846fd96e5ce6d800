//! `kill -9` in the middle of writes, against the real binary: a 300-listing report and a
//! burst of instant takedowns are in flight when the server is killed. After a restart every
//! write the server acknowledged is there, whole, and no report is left half-stored — on
//! whichever engine the tests run on (SQLite by default, PostgreSQL in CI's second pass).

use crate::support::*;
use app::api::reports::{InstantTakedown, SubmitReport};

on_shared_runtime! {
    kill_nine_mid_write_loses_no_acknowledged_write_and_leaves_no_half_report => kill_nine_mid_write_loses_no_acknowledged_write_and_leaves_no_half_report_scenario,
}

/// When each round kills the server: after this many takedowns of the burst were answered.
/// The 300-listing report is sent three takedowns before, so it is in flight (being checked
/// or being written) when the kill comes, and so are takedowns.
const KILL_AT_TAKEDOWN: [usize; 3] = [5, 15, 30];

/// Takedowns in each round's burst, one listing each, one after another on four connections.
const BURST: usize = 40;

async fn scalar(h: &Harness, sql: &'static str, bind: i64) -> i64 {
    sqlx::query_scalar(sql)
        .bind(bind)
        .fetch_one(&h._db.db.pool)
        .await
        .expect(sql)
}

/// `count` new live listings of Bazaar Outlet, nobody's reported yet.
async fn new_listings(h: &Harness, count: usize) -> Vec<i64> {
    let pool = &h._db.db.pool;
    let seller = scalar(
        h,
        "SELECT id FROM sellers WHERE name = 'Bazaar Outlet' AND $1 > 0",
        1,
    )
    .await;
    let mut ids = Vec::with_capacity(count);
    for n in 0..count {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO listings (seller_id, title, category, price_cents, currency, status, \
             created_at) VALUES ($1, $2, 'audio', 1999, 'USD', 'live', $3) RETURNING id",
        )
        .bind(seller)
        .bind(format!("Crash-test earbuds {n}"))
        .bind(app::db::now_ms())
        .fetch_one(pool)
        .await
        .expect("listing");
        ids.push(id);
    }
    sqlx::query("UPDATE listings SET external_id = CAST(id AS TEXT) WHERE external_id IS NULL")
        .execute(pool)
        .await
        .expect("external ids");
    ids
}

async fn kill_nine_mid_write_loses_no_acknowledged_write_and_leaves_no_half_report_scenario() {
    let h = harness().await;
    let right = scalar(
        &h,
        "SELECT MIN(id) FROM ip_rights WHERE brand_id = $1 AND status = 'verified'",
        h.helios,
    )
    .await;
    let caps = [
        ("GOODFAITH_TAKEDOWN_HOURLY_CAP", "100000"),
        ("GOODFAITH_TAKEDOWN_DAILY_CAP", "100000"),
    ];
    let client = reqwest::Client::new();
    for kill_at in KILL_AT_TAKEDOWN {
        let reports_before = scalar(
            &h,
            "SELECT COALESCE(MAX(id), 0) FROM reports WHERE $1 > 0",
            1,
        )
        .await;
        let listings = new_listings(&h, 300 + BURST).await;
        let (mut server, base) = spawn_server(&h._db.url, &caps).await;
        let cookie = sign_in_at(&client, &base, "staff@helios.test").await;
        // The burst: four workers taking the listings down one at a time, each telling of
        // every takedown answered 200 (any other answer fails the test).
        let (acked, mut acks) = tokio::sync::mpsc::unbounded_channel::<i64>();
        let queue = std::sync::Arc::new(std::sync::Mutex::new(listings[300..].to_vec()));
        let workers: Vec<_> = (0..4)
            .map(|_| {
                let (client, queue, acked) = (client.clone(), queue.clone(), acked.clone());
                let (url, cookie) = (
                    format!("{base}/api/reports/instant_takedown"),
                    cookie.clone(),
                );
                let (brand, right) = (h.helios, right);
                tokio::spawn(async move {
                    loop {
                        let Some(listing) = queue.lock().expect("queue").pop() else {
                            return;
                        };
                        let takedown = InstantTakedown {
                            draft: signed_report(brand, right, &listing.to_string(), "Hana Helios"),
                        };
                        let json = serde_json::to_string(&takedown).expect("json");
                        match send_json(client.clone(), url.clone(), cookie.clone(), json).await {
                            Some(200) => {
                                let _ = acked.send(listing);
                            }
                            Some(status) => panic!("takedown of {listing} answered {status}"),
                            // The server is gone.
                            None => return,
                        }
                    }
                })
            })
            .collect();
        drop(acked);
        let lines: Vec<String> = listings[..300].iter().map(i64::to_string).collect();
        let report = SubmitReport {
            draft: signed_report(h.helios, right, &lines.join("\n"), "Hana Helios"),
        };
        let report = serde_json::to_string(&report).expect("json");
        let mut acknowledged = Vec::new();
        let mut big = None;
        while let Some(listing) = acks.recv().await {
            acknowledged.push(listing);
            if acknowledged.len() == kill_at - 3 {
                big = Some(tokio::spawn(send_json(
                    client.clone(),
                    format!("{base}/api/reports/submit_report"),
                    cookie.clone(),
                    report.clone(),
                )));
            }
            if acknowledged.len() == kill_at {
                server.kill().expect("kill -9");
                server.wait().expect("killed");
            }
        }
        for worker in workers {
            worker.await.expect("worker");
        }
        let big = big.expect("the report was sent").await.expect("task");
        eprintln!(
            "killed at takedown {kill_at}: report {}, {} of {BURST} takedowns acknowledged",
            big.map_or("unanswered".to_owned(), |status| status.to_string()),
            acknowledged.len()
        );

        // The restarted server comes up on what the killed one left.
        let (mut again, _) = spawn_server(&h._db.url, &caps).await;
        // Every acknowledged takedown is there whole: item, listing, outbox row, strike.
        for listing in &acknowledged {
            let whole = scalar(
                &h,
                "SELECT COUNT(*) FROM report_items i JOIN listings l ON l.id = i.listing_id \
                 JOIN marketplace_outbox o ON o.item_id = i.id JOIN strikes s ON s.item_id = i.id \
                 WHERE i.listing_id = $1 AND i.instant = 1 AND i.status = 'removed' \
                 AND l.status = 'removed'",
                *listing,
            )
            .await;
            assert_eq!(whole, 1, "acknowledged takedown of listing {listing}");
        }
        // The big report is all there or not at all, and there if it was acknowledged.
        let stored: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM report_items WHERE listing_id BETWEEN $1 AND $2",
        )
        .bind(listings[0])
        .bind(listings[299])
        .fetch_one(&h._db.db.pool)
        .await
        .expect("the report's items");
        assert!(
            stored == 0 || stored == 300,
            "{stored} of the report's 300 items"
        );
        if big == Some(200) {
            assert_eq!(stored, 300, "the acknowledged report");
        }
        // No report of this round without its items, and no item without its listing's state.
        let empty = scalar(
            &h,
            "SELECT COUNT(*) FROM reports r WHERE r.id > $1 \
             AND NOT EXISTS (SELECT 1 FROM report_items i WHERE i.report_id = r.id)",
            reports_before,
        )
        .await;
        assert_eq!(empty, 0, "reports left without items");
        let torn = scalar(
            &h,
            "SELECT COUNT(*) FROM report_items i JOIN listings l ON l.id = i.listing_id \
             WHERE i.report_id > $1 AND i.instant = 1 AND (l.status <> 'removed' \
             OR NOT EXISTS (SELECT 1 FROM marketplace_outbox o WHERE o.item_id = i.id))",
            reports_before,
        )
        .await;
        assert_eq!(torn, 0, "takedowns stored in part");
        again.kill().expect("stop");
        again.wait().expect("stopped");
    }
}
