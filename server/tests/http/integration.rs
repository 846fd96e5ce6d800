//! The marketplace connection over HTTP: the Integration page and its server functions in the
//! session matrix, the pull feed with integration keys, and webhooks delivered to real
//! receivers (axum on a random port) that check every signature the way the reference
//! receiver does — one that answers, one that fails twice, one that is down, and a server
//! killed in the middle of delivering.

use std::sync::{Arc, Mutex};

use app::db::Db;
use app::service::Context;
use app::service::integration::{DispatchSettings, deliver_due};
use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use server::dispatcher::HttpTransport;

use crate::support::{Harness, harness, send};

const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

on_shared_runtime! {
    integration_page_and_calls_are_for_admins_only => page_matrix_scenario,
    the_pull_feed_takes_integration_keys_only => feed_scenario,
    a_real_receiver_gets_signed_events => signed_scenario,
    a_receiver_failing_twice_gets_each_event_once_delivered => flaky_scenario,
    a_receiver_that_is_down_fails_then_is_redelivered_to => down_scenario,
    a_server_killed_mid_dispatch_loses_no_event => killed_scenario,
}

fn db(h: &Harness) -> &Db {
    &h._db.db
}

/// What a receiver saw: each message's id, whether its signature checked out, its body.
#[derive(Clone, Default)]
struct Received {
    messages: Arc<Mutex<Vec<(String, bool, String)>>>,
}

impl Received {
    fn ids(&self) -> Vec<String> {
        self.messages
            .lock()
            .expect("received")
            .iter()
            .map(|(id, _, _)| id.clone())
            .collect()
    }
    fn all_verified(&self) -> bool {
        self.messages
            .lock()
            .expect("received")
            .iter()
            .all(|(_, ok, _)| *ok)
    }
}

/// A receiver on a random port checking signatures with `SECRET`; it answers each request
/// with the next of `statuses` (204 once they run out) after `delay_ms`. Returns its URL.
async fn receiver(received: Received, statuses: Vec<u16>, delay_ms: u64) -> String {
    let script = Arc::new(Mutex::new(statuses));
    let handler = move |headers: HeaderMap, body: Bytes| {
        let received = received.clone();
        let script = script.clone();
        async move {
            if delay_ms > 0 {
                tokio::time::sleep(std::time::Duration::from_millis(delay_ms)).await;
            }
            let secrets = [webhook_receiver::Secret::parse(SECRET).expect("secret")];
            let now = app::db::now_ms() / 1000;
            let checked = webhook_receiver::verify(&secrets, &headers, &body, now);
            let id = headers
                .get("webhook-id")
                .and_then(|value| value.to_str().ok())
                .unwrap_or_default()
                .to_owned();
            received.messages.lock().expect("received").push((
                id,
                checked.is_ok(),
                String::from_utf8_lossy(&body).into_owned(),
            ));
            let mut script = script.lock().expect("script");
            let status = if script.is_empty() {
                204
            } else {
                script.remove(0)
            };
            StatusCode::from_u16(status).expect("status")
        }
    };
    let app = axum::Router::new().route("/hooks", axum::routing::post(handler));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!("http://{}/hooks", listener.local_addr().expect("addr"));
    tokio::spawn(async move { axum::serve(listener, app).await });
    url
}

async fn point_at(db: &Db, url: &str) {
    let mut tx = db.begin().await.expect("tx");
    app::db::integration::set_endpoint(&mut tx, url, SECRET, None, app::db::now_ms())
        .await
        .expect("endpoint");
    sqlx::query("UPDATE webhook_endpoint SET url = $1, secret = $2")
        .bind(url)
        .bind(SECRET)
        .execute(&mut *tx)
        .await
        .expect("secret");
    tx.commit().await.expect("commit");
}

async fn states(db: &Db) -> Vec<(i64, String, i64)> {
    sqlx::query_as("SELECT id, state, attempts FROM marketplace_outbox ORDER BY id")
        .fetch_all(&db.pool)
        .await
        .expect("states")
}

fn ctx(db: &Db) -> Context {
    Context::new(db.clone(), Default::default())
}

async fn page_matrix_scenario() {
    use crate::support::{Case, Expected, NOBODY, assert_matrix, cookies_of_all_callers, get};
    let h = harness().await;
    let cookies = cookies_of_all_callers(&h.router).await;
    let admins = Expected {
        admin: 200,
        ..NOBODY
    };
    let outbox_id: i64 = sqlx::query_scalar("SELECT MIN(id) FROM marketplace_outbox")
        .fetch_one(&db(&h).pool)
        .await
        .expect("an outbox row from the demo");
    sqlx::query("UPDATE marketplace_outbox SET state = 'failed'")
        .execute(&db(&h).pool)
        .await
        .expect("failed");
    let json = |path: &'static str, body: &'static str| {
        move |cookie: Option<&str>| {
            let mut request = axum::http::Request::post(path)
                .header("content-type", "application/json")
                .header("accept", "application/json");
            if let Some(cookie) = cookie {
                request = request.header("cookie", cookie);
            }
            request.body(axum::body::Body::from(body)).expect("request")
        }
    };
    let cases = vec![
        Case {
            name: "GET /admin/integration",
            request: Box::new(|c| get("/admin/integration", c)),
            expected: Expected {
                anonymous: 302,
                ..admins
            },
        },
        Case {
            name: "integration_overview",
            request: Box::new(|c| crate::support::post("/api/integration/overview", "", c)),
            expected: admins,
        },
        Case {
            name: "list_deliveries",
            request: Box::new(json(
                "/api/integration/deliveries",
                r#"{"query":{"state":"","event":"","listing":"","before":null}}"#,
            )),
            expected: admins,
        },
        Case {
            name: "set_endpoint",
            request: Box::new(json(
                "/api/integration/set_endpoint",
                r#"{"url":"https://market.example/hooks"}"#,
            )),
            expected: admins,
        },
        Case {
            name: "rotate_secret",
            request: Box::new(|c| crate::support::post("/api/integration/rotate_secret", "", c)),
            expected: admins,
        },
        Case {
            name: "create_key",
            request: Box::new(json("/api/integration/create_key", r#"{"name":"Matrix"}"#)),
            expected: admins,
        },
        Case {
            name: "redeliver",
            request: Box::new(move |c| {
                let form = format!("outbox_id={outbox_id}");
                crate::support::post("/api/integration/redeliver", &form, c)
            }),
            expected: admins,
        },
        Case {
            name: "remove_endpoint",
            request: Box::new(|c| crate::support::post("/api/integration/remove_endpoint", "", c)),
            expected: admins,
        },
    ];
    assert_matrix(&h.router, &cookies, &cases).await;
}

async fn feed_scenario() {
    use crate::support::post;
    let h = harness().await;
    let admin = crate::support::sign_in(&h.router, "admin@goodfaith.test").await;
    // An admin makes a key on the page; its secret is shown once.
    let (status, _, body) = send(
        &h.router,
        crate::support::call(
            "/api/integration/create_key",
            &app::api::integration::CreateIntegrationKey {
                name: "Listings sync".into(),
            },
            Some(&admin),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let made: serde_json::Value = serde_json::from_str(&body).expect("json");
    let key = made["secret"].as_str().expect("secret").to_owned();
    assert!(key.starts_with("gfm_"));
    let bearer = |secret: &str| format!("Bearer {secret}");

    let (status, _, body) = send(&h.router, get_with("/api/v1/marketplace/events", &[])).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    // A brand's token is not a marketplace key.
    let token = bearer(seed_token());
    let (status, _, _) = send(
        &h.router,
        get_with("/api/v1/marketplace/events", &[("authorization", &token)]),
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    // The key reads the events in order, a page at a time, with a cursor.
    let auth = bearer(&key);
    let (status, _, body) = send(
        &h.router,
        get_with(
            "/api/v1/marketplace/events?limit=2",
            &[("authorization", &auth)],
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let page: serde_json::Value = serde_json::from_str(&body).expect("json");
    let events = page["events"].as_array().expect("events");
    assert_eq!(events.len(), 2);
    assert!(events[0]["id"].as_str().expect("id").starts_with("msg_"));
    assert!(
        events[0]["type"]
            .as_str()
            .expect("type")
            .starts_with("listing.")
    );
    let cursor = page["next_cursor"].as_str().expect("cursor").to_owned();
    let (_, _, body) = send(
        &h.router,
        get_with(
            &format!("/api/v1/marketplace/events?after={cursor}&limit=500"),
            &[("authorization", &auth)],
        ),
    )
    .await;
    let rest: serde_json::Value = serde_json::from_str(&body).expect("json");
    let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM marketplace_outbox")
        .fetch_one(&db(&h).pool)
        .await
        .expect("count");
    assert_eq!(
        rest["events"].as_array().expect("events").len() as i64,
        total - 2
    );
    // Bad parameters are named.
    for (query, pointer) in [
        ("limit=0", "/limit"),
        ("limit=501", "/limit"),
        ("after=x", "/after"),
    ] {
        let (status, _, body) = send(
            &h.router,
            get_with(
                &format!("/api/v1/marketplace/events?{query}"),
                &[("authorization", &auth)],
            ),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{query}: {body}");
        assert!(body.contains(pointer), "{query}: {body}");
    }
    // Revoked, the key stops at once.
    let key_id: i64 = sqlx::query_scalar("SELECT MAX(id) FROM marketplace_keys")
        .fetch_one(&db(&h).pool)
        .await
        .expect("key");
    let (status, _, _) = send(
        &h.router,
        post(
            "/api/integration/revoke_key",
            &format!("key_id={key_id}"),
            Some(&admin),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _, _) = send(
        &h.router,
        get_with("/api/v1/marketplace/events", &[("authorization", &auth)]),
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    // Creating and revoking are in the audit trail.
    let audited: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_events WHERE (action = 'integration.key_created' \
         AND detail LIKE '%Listings sync%') OR action = 'integration.key_revoked'",
    )
    .fetch_one(&db(&h).pool)
    .await
    .expect("audit");
    assert_eq!(audited, 2);
}

/// A GET with these headers.
fn get_with(path: &str, headers: &[(&str, &str)]) -> axum::http::Request<axum::body::Body> {
    let mut request = axum::http::Request::get(path);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.body(axum::body::Body::empty()).expect("request")
}

fn seed_token() -> &'static str {
    server::seed::DEMO_API_TOKEN
}

async fn signed_scenario() {
    let h = harness().await;
    let received = Received::default();
    let url = receiver(received.clone(), vec![], 0).await;
    point_at(db(&h), &url).await;
    let rows = states(db(&h)).await;
    assert!(!rows.is_empty(), "the demo has outbox rows");
    let transport = HttpTransport::new().expect("client");
    let settings = DispatchSettings::default();
    while deliver_due(&ctx(db(&h)), &transport, &settings)
        .await
        .expect("round")
        > 0
    {}
    let ids = received.ids();
    assert_eq!(ids.len(), rows.len());
    assert!(received.all_verified(), "every signature checks out");
    let expected: Vec<String> = rows.iter().map(|(id, _, _)| format!("msg_{id}")).collect();
    let mut sorted = ids.clone();
    sorted.sort_by_key(|id| id[4..].parse::<i64>().unwrap_or_default());
    assert_eq!(sorted, expected);
    assert!(
        states(db(&h))
            .await
            .iter()
            .all(|(_, state, n)| state == "delivered" && *n == 1)
    );
    // What was sent is kept for the Integration page: headers and body, and the answer.
    let (request, status): (String, i64) = sqlx::query_as(
        "SELECT last_request, last_status FROM marketplace_outbox ORDER BY id LIMIT 1",
    )
    .fetch_one(&db(&h).pool)
    .await
    .expect("row");
    assert!(request.contains("webhook-signature: v1,"), "{request}");
    assert_eq!(status, 204);
    // A second secret during a rotation: both sign, and a receiver with either accepts.
    sqlx::query(
        "UPDATE webhook_endpoint SET previous_secret = secret, previous_until = $1, \
         secret = 'whsec_bmV3LXNlY3JldC1uZXctc2VjcmV0'",
    )
    .bind(app::db::now_ms() + 60_000)
    .execute(&db(&h).pool)
    .await
    .expect("rotate");
    let first = rows[0].0;
    let mut tx = db(&h).begin().await.expect("tx");
    app::db::outbox::redeliver(&mut tx, first)
        .await
        .expect("redeliver");
    tx.commit().await.expect("commit");
    deliver_due(&ctx(db(&h)), &transport, &settings)
        .await
        .expect("round");
    assert_eq!(received.ids().len(), rows.len() + 1);
    assert!(
        received.all_verified(),
        "the old secret still verifies during the rotation"
    );
    let request: String =
        sqlx::query_scalar("SELECT last_request FROM marketplace_outbox WHERE id = $1")
            .bind(first)
            .fetch_one(&db(&h).pool)
            .await
            .expect("row");
    assert_eq!(request.matches("v1,").count(), 2, "{request}");
}

async fn flaky_scenario() {
    let h = harness().await;
    // Only one event: the first outbox row.
    sqlx::query("UPDATE marketplace_outbox SET state = 'delivered' WHERE id > (SELECT MIN(id) FROM marketplace_outbox)")
        .execute(&db(&h).pool)
        .await
        .expect("one left");
    let received = Received::default();
    let url = receiver(received.clone(), vec![500, 503], 0).await;
    point_at(db(&h), &url).await;
    let transport = HttpTransport::new().expect("client");
    let settings = DispatchSettings::default();
    let now = app::db::now_ms();
    for later in [0, 10_000, 30_000, 90_000] {
        let ctx = Context {
            clock: app::service::Clock::Fixed(now + later),
            ..ctx(db(&h))
        };
        deliver_due(&ctx, &transport, &settings)
            .await
            .expect("round");
    }
    let ids = received.ids();
    assert_eq!(ids.len(), 3, "two failures and one success: {ids:?}");
    assert!(
        ids.iter().all(|id| *id == ids[0]),
        "the same message id every time"
    );
    let bodies: Vec<String> = received
        .messages
        .lock()
        .expect("received")
        .iter()
        .map(|(_, _, body)| body.clone())
        .collect();
    assert!(
        bodies.iter().all(|body| *body == bodies[0]),
        "the same body every time"
    );
    let row: (String, i64, i64, Option<i64>) = sqlx::query_as(
        "SELECT state, attempts, last_status, delivered_at FROM marketplace_outbox \
         ORDER BY id LIMIT 1",
    )
    .fetch_one(&db(&h).pool)
    .await
    .expect("row");
    assert_eq!((row.0.as_str(), row.1, row.2), ("delivered", 3, 204));
    assert!(row.3.is_some());
}

async fn down_scenario() {
    let h = harness().await;
    sqlx::query("UPDATE marketplace_outbox SET state = 'delivered' WHERE id > (SELECT MIN(id) FROM marketplace_outbox)")
        .execute(&db(&h).pool)
        .await
        .expect("one left");
    // A port nothing listens on.
    let closed = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let down = format!("http://{}/hooks", closed.local_addr().expect("addr"));
    drop(closed);
    point_at(db(&h), &down).await;
    let transport = HttpTransport::new().expect("client");
    let settings = DispatchSettings {
        retry: app::domain::delivery::RetryPolicy {
            first_wait_ms: 1_000,
            longest_wait_ms: 60_000,
            give_up_after_ms: 10 * 60_000,
        },
        ..DispatchSettings::default()
    };
    let mut now = app::db::now_ms();
    let mut attempts = 0;
    loop {
        let ctx = Context {
            clock: app::service::Clock::Fixed(now),
            ..ctx(db(&h))
        };
        attempts += deliver_due(&ctx, &transport, &settings)
            .await
            .expect("round");
        let (state, next, response): (String, i64, Option<String>) = sqlx::query_as(
            "SELECT state, next_attempt_at, last_response FROM marketplace_outbox ORDER BY id LIMIT 1",
        )
        .fetch_one(&db(&h).pool)
        .await
        .expect("row");
        assert!(response.is_some_and(|text| text.contains("connect")));
        if state == "failed" {
            break;
        }
        assert!(next > now, "backs off");
        now = next;
        assert!(attempts < 30, "gives up");
    }
    assert!(attempts >= 5, "retried with backoff: {attempts} attempts");
    // The Integration page says delivery is failing.
    let admin = crate::support::sign_in(&h.router, "admin@goodfaith.test").await;
    let (_, _, body) = send(
        &h.router,
        crate::support::post_accepting("/api/integration/overview", "", &admin, "application/json"),
    )
    .await;
    assert!(body.contains("could not be delivered"), "{body}");
    // The receiver is back; an admin redelivers from the page, and it arrives.
    let received = Received::default();
    let url = receiver(received.clone(), vec![], 0).await;
    point_at(db(&h), &url).await;
    let first: i64 = sqlx::query_scalar("SELECT MIN(id) FROM marketplace_outbox")
        .fetch_one(&db(&h).pool)
        .await
        .expect("row");
    let (status, _, body) = send(
        &h.router,
        crate::support::post(
            "/api/integration/redeliver",
            &format!("outbox_id={first}"),
            Some(&admin),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    deliver_due(&ctx(db(&h)), &transport, &settings)
        .await
        .expect("round");
    assert_eq!(received.ids(), vec![format!("msg_{first}")]);
    let audited: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_events WHERE action = 'integration.redelivered'",
    )
    .fetch_one(&db(&h).pool)
    .await
    .expect("audit");
    assert_eq!(audited, 1);
}

/// The real server binary delivers to a slow receiver and is killed (SIGKILL) partway; started
/// again, it delivers the rest. Every event arrives, none is lost; some may arrive twice (at
/// least once), always with the same id.
async fn killed_scenario() {
    let h = harness().await;
    run_killed(db(&h), &h._db.url).await;
}

async fn run_killed(db: &Db, url: &str) {
    // Ten events for each listing the demo's outbox names: a listing's events go one at a
    // time, in order, so the dispatcher takes several rounds and is killed between them or
    // in the middle of one.
    for _ in 0..9 {
        sqlx::query(
            "INSERT INTO marketplace_outbox (event, listing_id, brand_id, item_id, created_at) \
             SELECT event, listing_id, brand_id, item_id, created_at FROM marketplace_outbox \
             WHERE id IN (SELECT MIN(id) FROM marketplace_outbox GROUP BY listing_id)",
        )
        .execute(&db.pool)
        .await
        .expect("more events");
    }
    let received = Received::default();
    let receiver_url = receiver(received.clone(), vec![], 100).await;
    point_at(db, &receiver_url).await;
    let expected: Vec<i64> = sqlx::query_scalar("SELECT id FROM marketplace_outbox ORDER BY id")
        .fetch_all(&db.pool)
        .await
        .expect("rows");
    assert!(expected.len() >= 50, "enough events to kill between");
    let start = || {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .expect("port")
            .port();
        std::process::Command::new(env!("CARGO_BIN_EXE_goodfaith"))
            .env("DATABASE_URL", url)
            .env("LEPTOS_OUTPUT_NAME", "goodfaith")
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
            .env("GOODFAITH_WEBHOOK_LEASE_SECONDS", "1")
            .env("GOODFAITH_DEMO", "false")
            .env("GOODFAITH_SESSION_KEY", "k".repeat(64))
            .env("RUST_LOG", "warn")
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("server")
    };
    let mut first = start();
    // Kill it as soon as a round's messages have reached the receiver, before the dispatcher
    // has written down that they did.
    let waited = std::time::Instant::now();
    while received.ids().len() < 20 && waited.elapsed().as_secs() < 60 {
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    first.kill().expect("kill");
    first.wait().expect("wait");
    let before_restart = received.ids().len();
    assert!(before_restart < expected.len(), "killed before the end");
    let mut second = start();
    let waited = std::time::Instant::now();
    let all: std::collections::BTreeSet<String> =
        expected.iter().map(|id| format!("msg_{id}")).collect();
    let undelivered = || async {
        sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM marketplace_outbox WHERE state <> 'delivered'",
        )
        .fetch_one(&db.pool)
        .await
        .expect("count")
    };
    loop {
        if undelivered().await == 0 || waited.elapsed().as_secs() > 60 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    second.kill().expect("kill");
    second.wait().expect("wait");
    let seen: std::collections::BTreeSet<String> = received.ids().into_iter().collect();
    assert_eq!(seen, all, "every event delivered after the restart");
    assert!(received.all_verified());
    // A message sent twice (its delivery was not yet written down when the server died) is
    // the same message: same id, same body.
    let messages = received.messages.lock().expect("received").clone();
    eprintln!(
        "{} messages for {} events; {before_restart} before the kill",
        messages.len(),
        all.len()
    );
    for (id, _, body) in &messages {
        assert!(
            messages
                .iter()
                .filter(|(other, _, _)| other == id)
                .all(|(_, _, other)| other == body)
        );
    }
    assert_eq!(undelivered().await, 0);
}
