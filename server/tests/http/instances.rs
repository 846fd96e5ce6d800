//! Several server instances on one PostgreSQL, as a deployment that outgrows one machine runs
//! them: two real binaries share sign-ins, reports and sign-outs, and the hourly sweep runs
//! on one of them only. (SQLite is one instance's database: on SQLite this test says so and
//! passes; CI's PostgreSQL pass runs it.)

use crate::support::*;
use app::api::reports::SubmitReport;

on_shared_runtime! {
    two_instances_on_one_postgresql_share_sessions_reports_and_the_hourly_sweep => two_instances_on_one_postgresql_share_sessions_reports_and_the_hourly_sweep_scenario,
}

async fn two_instances_on_one_postgresql_share_sessions_reports_and_the_hourly_sweep_scenario() {
    let h = harness().await;
    if !h._db.url.starts_with("postgres") {
        eprintln!("two instances need PostgreSQL; this run is on SQLite (CI runs both)");
        return;
    }
    let pool = &h._db.db.pool;
    let (first, a) = spawn_server(&h._db.url, &[]).await;
    let (second, b) = spawn_server(&h._db.url, &[]).await;
    let client = reqwest::Client::new();
    // Signed in on one, known on the other.
    let cookie = sign_in_at(&client, &a, "staff@helios.test").await;
    let page = client
        .get(format!("{b}/brands/{}", h.helios))
        .header("cookie", &cookie)
        .send()
        .await
        .expect("page");
    assert_eq!(page.status().as_u16(), 200);
    // A report filed on the second is read on the first.
    let right: i64 = sqlx::query_scalar(
        "SELECT MIN(id) FROM ip_rights WHERE brand_id = $1 AND status = 'verified'",
    )
    .bind(h.helios)
    .fetch_one(pool)
    .await
    .expect("right");
    let listing: i64 = sqlx::query_scalar(
        "SELECT MIN(l.id) FROM listings l WHERE l.status = 'live' \
         AND NOT EXISTS (SELECT 1 FROM report_items i WHERE i.listing_id = l.id)",
    )
    .fetch_one(pool)
    .await
    .expect("listing");
    let report = SubmitReport {
        draft: signed_report(h.helios, right, &listing.to_string(), "Hana Helios"),
    };
    let json = serde_json::to_string(&report).expect("json");
    let url = format!("{b}/api/reports/submit_report");
    let (status, body) = answer_to(
        client.clone(),
        url,
        cookie.clone(),
        "application/json",
        json,
    )
    .await
    .expect("answer");
    assert_eq!(status, 200, "{body}");
    let outcome: serde_json::Value = serde_json::from_str(&body).expect("outcome");
    let report_id = outcome["Submitted"]["report_id"]
        .as_i64()
        .expect("report id");
    let read = |cookie: String| {
        answer_to(
            client.clone(),
            format!("{a}/api/reports/get_report"),
            cookie,
            "application/x-www-form-urlencoded",
            format!("report_id={report_id}"),
        )
    };
    let (status, body) = read(cookie.clone()).await.expect("answer");
    assert_eq!(status, 200, "{body}");
    assert!(
        body.contains(&format!("\"listing_id\":{listing}")) || body.contains(&listing.to_string()),
        "{body}"
    );
    // Signed out on the second, signed out on the first.
    let (status, _) = answer_to(
        client.clone(),
        format!("{b}/api/auth/logout"),
        cookie.clone(),
        "application/x-www-form-urlencoded",
        String::new(),
    )
    .await
    .expect("answer");
    assert_eq!(status, 200);
    let (status, body) = read(cookie).await.expect("answer");
    assert_eq!(status, 401, "{body}");
    // Each ran its start-up sweep tick; one swept, the other found the hour taken.
    let mut logs = Vec::new();
    for server in [first, second] {
        let sent = std::process::Command::new("kill")
            .args(["-TERM", &server.id().to_string()])
            .status()
            .expect("kill -TERM");
        assert!(sent.success());
        let exited = tokio::task::spawn_blocking(move || server.wait_with_output())
            .await
            .expect("task")
            .expect("exit");
        logs.push(String::from_utf8_lossy(&[exited.stdout, exited.stderr].concat()).into_owned());
    }
    let swept = logs
        .iter()
        .filter(|log| log.contains("hourly sweep done on this instance"))
        .count();
    let skipped = logs
        .iter()
        .filter(|log| log.contains("another instance ran it this hour"))
        .count();
    assert_eq!((swept, skipped), (1, 1), "{logs:#?}");
}
