//! Statements of reasons for the EU Transparency Database through the real router and real
//! local receivers: a statement exists for each decision once it commits; the submitter posts
//! batches of at most 100 with the bearer token and keeps each id the database gives; a
//! refusing or failing database leaves statements to retry or failed with why; admins resend
//! and export; nobody else sees any of it.

use std::sync::{Arc, Mutex};

use crate::support::*;
use app::api::joint_force::DecideAudit;
use app::model::{AuditVerdict, StatementPage, StatementQuery};
use app::service::dsa::{Target, submit_due};
use app::service::{Clock, Context};
use axum::http::StatusCode;
use server::demo_tdb;
use server::transparency::HttpSubmit;

on_shared_runtime! {
    only_admins_see_and_export_statements => matrix_scenario,
    a_removal_and_a_restoration_each_get_a_statement => decisions_scenario,
    the_submitter_posts_batches_the_database_accepts_and_keeps_their_ids => submission_scenario,
    a_refusing_or_failing_database_leaves_statements_to_retry_or_failed => failure_scenario,
    exports_hold_the_statements_of_the_days_asked_for => export_scenario,
}

fn ctx(h: &Harness) -> Context {
    Context {
        clock: Clock::Fixed(app::db::now_ms()),
        ..Context::new(h._db.db.clone(), Default::default())
    }
}

async fn count(h: &Harness, sql: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned()))
        .fetch_one(&h._db.db.pool)
        .await
        .expect("count")
}

async fn matrix_scenario() {
    let h = harness().await;
    // One failed statement, for the resend rows.
    let failed: i64 = count(&h, "SELECT MIN(id) FROM dsa_statements").await;
    sqlx::query("UPDATE dsa_statements SET state = 'failed' WHERE id = $1")
        .bind(failed)
        .execute(&h._db.db.pool)
        .await
        .expect("fail one");
    let cookies = cookies_of_all_callers(&h.router).await;
    let json = |path: &'static str, body: &'static str| {
        move |c: Option<&str>| {
            let mut request = post(path, "", c);
            *request.body_mut() = axum::body::Body::from(body);
            request.headers_mut().insert(
                axum::http::header::CONTENT_TYPE,
                "application/json".parse().expect("header"),
            );
            request
        }
    };
    let cases = vec![
        Case {
            name: "GET /admin/statements",
            request: Box::new(|c| get("/admin/statements", c)),
            expected: Expected {
                anonymous: 302,
                ..ADMINS
            },
        },
        Case {
            name: "transparency/submission",
            request: Box::new(|c| post("/api/transparency/submission", "", c)),
            expected: ADMINS,
        },
        Case {
            name: "transparency/statements",
            request: Box::new(json(
                "/api/transparency/statements",
                r#"{"query":{"state":"","listing":"","before":null}}"#,
            )),
            expected: ADMINS,
        },
        Case {
            name: "transparency/resend (a failed statement)",
            request: Box::new(move |c| {
                post(
                    "/api/transparency/resend",
                    &format!("statement_id={failed}"),
                    c,
                )
            }),
            // The admin's resend put it back in line: a second one has nothing to resend.
            expected: ADMINS,
        },
        Case {
            name: "transparency/resend_failed (none failed)",
            request: Box::new(|c| post("/api/transparency/resend_failed", "", c)),
            expected: Expected {
                admin: 409,
                ..NOBODY
            },
        },
        Case {
            name: "GET /admin/statements.jsonl",
            request: Box::new(|c| get("/admin/statements.jsonl?from=2020-01-01&to=2020-12-31", c)),
            expected: ADMINS,
        },
        Case {
            name: "GET /admin/statements.csv",
            request: Box::new(|c| get("/admin/statements.csv?from=2020-01-01&to=2020-12-31", c)),
            expected: ADMINS,
        },
        Case {
            name: "GET /admin/statements.csv (a bad date)",
            request: Box::new(|c| get("/admin/statements.csv?from=2020-13-01&to=2020-12-31", c)),
            expected: ADMINS_INVALID,
        },
    ];
    assert_matrix(&h.router, &cookies, &cases).await;
}

async fn decisions_scenario() {
    let h = harness().await;
    // The demo's instant takedowns have statements (written by the same triggers as they
    // were seeded).
    assert!(
        count(
            &h,
            "SELECT COUNT(*) FROM dsa_statements WHERE decision = 'removal'"
        )
        .await
            > 0
    );
    let before = count(&h, "SELECT COUNT(*) FROM dsa_statements").await;
    let report = crate::notifications::decide_a_northwind_report(&h).await;
    let removed = count(
        &h,
        &format!(
            "SELECT COUNT(*) FROM report_items i JOIN listings l ON l.id = i.listing_id \
             WHERE i.report_id = {report} AND i.status = 'removed'"
        ),
    )
    .await;
    assert!(removed > 0);
    let made: Vec<(String, i64)> = sqlx::query_as(
        "SELECT d.decision, d.item_id FROM dsa_statements d WHERE d.id > $1 ORDER BY d.id",
    )
    .bind(before)
    .fetch_all(&h._db.db.pool)
    .await
    .expect("statements");
    assert_eq!(made.len() as i64, removed, "{made:?}");
    assert!(made.iter().all(|(decision, _)| decision == "removal"));

    // Mara audits two of Helios's instant takedowns: one confirmed (a person decided the
    // removal stands), one overturned (the listing is restored).
    let samples: Vec<i64> = sqlx::query_scalar(
        "SELECT item_id FROM takedown_audits WHERE brand_id = $1 AND status = 'open' \
         ORDER BY item_id LIMIT 2",
    )
    .bind(h.helios)
    .fetch_all(&h._db.db.pool)
    .await
    .expect("samples");
    assert_eq!(samples.len(), 2, "the demo has open audit samples");
    let mara = sign_in(&h.router, "manager@goodfaith.test").await;
    for (item_id, verdict) in [
        (samples[0], AuditVerdict::Confirm),
        (samples[1], overturn("The photos show the genuine product.")),
    ] {
        let (status, _, body) = send(
            &h.router,
            call(
                "/api/joint_force/decide_audit",
                &DecideAudit { item_id, verdict },
                Some(&mara),
            ),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    let of = |item: i64| {
        format!(
            "SELECT decision FROM dsa_statements WHERE item_id = {item} ORDER BY id DESC LIMIT 1"
        )
    };
    let confirmed: String = sqlx::query_scalar(sqlx::AssertSqlSafe(of(samples[0])))
        .fetch_one(&h._db.db.pool)
        .await
        .expect("statement");
    assert_eq!(confirmed, "audit_confirmation");
    let restored: String = sqlx::query_scalar(sqlx::AssertSqlSafe(of(samples[1])))
        .fetch_one(&h._db.db.pool)
        .await
        .expect("statement");
    assert_eq!(restored, "restoration");
    // The admin's list shows the newest with its statement as sent.
    let admin = sign_in(&h.router, "admin@goodfaith.test").await;
    let (status, _, body) = send(
        &h.router,
        call(
            "/api/transparency/statements",
            &app::api::transparency::ListStatements {
                query: StatementQuery::default(),
            },
            Some(&admin),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let page: StatementPage = serde_json::from_str(&body).expect("page");
    assert!(page.rows.len() <= 50 && !page.rows.is_empty());
    assert!(page.rows[0].json.contains("\"puid\""), "{:?}", page.rows[0]);
}

/// A receiver that records each batch's size and token and answers as the database does:
/// the demo's stand-in behind it, after `fail_first` answers of 503.
#[derive(Clone, Default)]
struct Recorder {
    batches: Arc<Mutex<Vec<(usize, String)>>>,
    fail_first: Arc<Mutex<usize>>,
}

async fn start_recorder(recorder: Recorder, token: &str) -> String {
    use axum::body::Bytes;
    use axum::http::HeaderMap;
    use tower::ServiceExt;
    let stand_in = demo_tdb::router(demo_tdb::Receiver {
        token: token.to_owned(),
    });
    let app = axum::Router::new().route(
        demo_tdb::PATH,
        axum::routing::post(move |headers: HeaderMap, body: Bytes| {
            let recorder = recorder.clone();
            let stand_in = stand_in.clone();
            async move {
                let size = serde_json::from_slice::<serde_json::Value>(&body)
                    .ok()
                    .and_then(|value| value["statements"].as_array().map(Vec::len))
                    .unwrap_or(0);
                let token = headers
                    .get("authorization")
                    .and_then(|value| value.to_str().ok())
                    .unwrap_or_default()
                    .to_owned();
                recorder.batches.lock().expect("lock").push((size, token));
                {
                    let mut fail = recorder.fail_first.lock().expect("lock");
                    if *fail > 0 {
                        *fail -= 1;
                        return axum::response::IntoResponse::into_response((
                            StatusCode::SERVICE_UNAVAILABLE,
                            "down for maintenance",
                        ));
                    }
                }
                let mut request = axum::http::Request::post(demo_tdb::PATH)
                    .body(axum::body::Body::from(body))
                    .expect("request");
                *request.headers_mut() = headers;
                stand_in.oneshot(request).await.expect("answer")
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!(
        "http://{}{}",
        listener.local_addr().expect("addr"),
        demo_tdb::PATH
    );
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    url
}

/// Copies the statements until there are more than two batches of them (the demo has a few).
async fn more_than_two_batches(h: &Harness) {
    while count(h, "SELECT COUNT(*) FROM dsa_statements").await <= 2 * 100 {
        sqlx::query(
            "INSERT INTO dsa_statements (decision, item_id, listing_id, decided_at) \
             SELECT decision, item_id, listing_id, decided_at FROM dsa_statements",
        )
        .execute(&h._db.db.pool)
        .await
        .expect("copies");
    }
}

async fn submission_scenario() {
    let h = harness().await;
    more_than_two_batches(&h).await;
    let recorder = Recorder::default();
    let url = start_recorder(recorder.clone(), "platform-token").await;
    let target = Target {
        url,
        token: "platform-token".into(),
    };
    let all = count(&h, "SELECT COUNT(*) FROM dsa_statements").await;
    let submit = HttpSubmit::new().expect("client");
    let mut rounds = 0;
    while submit_due(&ctx(&h), &submit, &target, 60_000)
        .await
        .expect("round")
        > 0
    {
        rounds += 1;
        assert!(rounds < 1_000, "the submitter does not finish");
    }
    let batches = recorder.batches.lock().expect("lock").clone();
    assert!(batches.len() >= 2, "{batches:?}");
    assert!(batches.iter().all(|(size, _)| (1..=100).contains(size)));
    assert!(
        batches
            .iter()
            .all(|(_, token)| token == "Bearer platform-token")
    );
    // The stand-in checks every statement by the database's rules: all were taken, each with
    // its own id.
    assert_eq!(
        count(
            &h,
            "SELECT COUNT(*) FROM dsa_statements WHERE state = 'submitted'"
        )
        .await,
        all
    );
    let ids = count(
        &h,
        "SELECT COUNT(DISTINCT tdb_id) FROM dsa_statements WHERE tdb_id LIKE '________-____-4___-a___-____________'",
    )
    .await;
    assert_eq!(ids, all);
    // A new decision is sent on the next round.
    crate::notifications::decide_a_northwind_report(&h).await;
    let sent = submit_due(&ctx(&h), &submit, &target, 60_000)
        .await
        .expect("round");
    assert!(sent >= 1);
    assert_eq!(
        count(
            &h,
            "SELECT COUNT(*) FROM dsa_statements WHERE state <> 'submitted'"
        )
        .await,
        0
    );
}

async fn failure_scenario() {
    let h = harness().await;
    more_than_two_batches(&h).await;
    let pool = h._db.db.pool.clone();
    let submit = HttpSubmit::new().expect("client");
    // A wrong token: the batch waits to be retried, and the admins are told why.
    let recorder = Recorder::default();
    let url = start_recorder(recorder.clone(), "the-right-one").await;
    let wrong = Target {
        url: url.clone(),
        token: "a-wrong-one".into(),
    };
    let sent = submit_due(&ctx(&h), &submit, &wrong, 60_000)
        .await
        .expect("round");
    assert_eq!(sent, 100);
    let (state, error, next): (String, String, i64) = sqlx::query_as(
        "SELECT state, last_error, next_attempt_at FROM dsa_statements WHERE attempts = 1 LIMIT 1",
    )
    .fetch_one(&pool)
    .await
    .expect("retried");
    assert_eq!(state, "pending");
    assert!(error.contains("GOODFAITH_TDB_TOKEN"), "{error}");
    assert!(next > app::db::now_ms(), "retried later, not at once");

    // The database is down: after the last attempt, the statement is failed.
    *recorder.fail_first.lock().expect("lock") = 1;
    sqlx::query("UPDATE dsa_statements SET next_attempt_at = 0, attempts = $1 WHERE attempts = 1")
        .bind(app::domain::dsa::MOST_ATTEMPTS - 1)
        .execute(&pool)
        .await
        .expect("last attempt due");
    let right = Target {
        url,
        token: "the-right-one".into(),
    };
    submit_due(&ctx(&h), &submit, &right, 60_000)
        .await
        .expect("round");
    let (failed, error): (i64, String) = sqlx::query_as(
        "SELECT COUNT(*), MAX(last_error) FROM dsa_statements WHERE state = 'failed'",
    )
    .fetch_one(&pool)
    .await
    .expect("failed");
    assert_eq!(failed, 100);
    assert!(
        error.contains("HTTP 503") && error.contains("Gave up"),
        "{error}"
    );

    // A statement the database refuses for its content is failed at once with its reasons;
    // the rest of its batch goes again.
    let refusing = axum::Router::new().route(
        demo_tdb::PATH,
        axum::routing::post(|| async {
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                axum::Json(serde_json::json!({
                    "errors": { "statement_0": { "content_date": ["The content date does not match the format YYYY-MM-DD."] } }
                })),
            )
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let refusing_url = format!(
        "http://{}{}",
        listener.local_addr().expect("addr"),
        demo_tdb::PATH
    );
    tokio::spawn(async move {
        let _ = axum::serve(listener, refusing).await;
    });
    let first_pending: i64 = sqlx::query_scalar(
        "SELECT MIN(id) FROM dsa_statements WHERE state = 'pending' AND attempts = 0",
    )
    .fetch_one(&pool)
    .await
    .expect("pending");
    submit_due(
        &ctx(&h),
        &submit,
        &Target {
            url: refusing_url,
            token: "t".into(),
        },
        60_000,
    )
    .await
    .expect("round");
    let (state, error): (String, String) =
        sqlx::query_as("SELECT state, last_error FROM dsa_statements WHERE id = $1")
            .bind(first_pending)
            .fetch_one(&pool)
            .await
            .expect("refused");
    assert_eq!(state, "failed");
    assert!(error.contains("content_date: The content date"), "{error}");
    let (state, error): (String, String) = sqlx::query_as(
        "SELECT state, last_error FROM dsa_statements WHERE id > $1 AND attempts = 1 \
         ORDER BY id LIMIT 1",
    )
    .bind(first_pending)
    .fetch_one(&pool)
    .await
    .expect("the rest");
    assert_eq!(state, "pending");
    assert!(error.contains("another statement"), "{error}");

    // The admin resends the failed ones; they are waiting again and it is audited.
    let admin = sign_in(&h.router, "admin@goodfaith.test").await;
    let (status, _, body) = send(
        &h.router,
        post("/api/transparency/resend_failed", "", Some(&admin)),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body.trim(), "101");
    assert_eq!(
        count(
            &h,
            "SELECT COUNT(*) FROM dsa_statements WHERE state = 'failed'"
        )
        .await,
        0
    );
    assert_eq!(
        count(
            &h,
            "SELECT COUNT(*) FROM audit_events WHERE action = 'integration.statement_resent'"
        )
        .await,
        1
    );
}

async fn export_scenario() {
    let h = harness().await;
    let pool = h._db.db.pool.clone();
    let admin = sign_in(&h.router, "admin@goodfaith.test").await;
    // The days of the newest statement.
    let newest: i64 = count(&h, "SELECT MAX(decided_at) FROM dsa_statements").await;
    let day = app::domain::iso_date(newest);
    let in_range: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM dsa_statements WHERE decided_at >= $1 AND decided_at < $2",
    )
    .bind(app::domain::start_of_day_ms(&day).expect("day"))
    .bind(app::domain::start_of_day_ms(&day).expect("day") + 86_400_000)
    .fetch_one(&pool)
    .await
    .expect("count");
    assert!(in_range > 0);

    let (status, content_type, bytes) = send_raw(
        &h.router,
        get(
            &format!("/admin/statements.jsonl?from={day}&to={day}"),
            Some(&admin),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(content_type, "application/x-ndjson");
    let text = String::from_utf8(bytes).expect("UTF-8");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len() as i64, in_range);
    for line in &lines {
        let statement: app::domain::dsa::Statement =
            serde_json::from_str(line).expect("a statement");
        assert_eq!(app::domain::dsa::check(&statement), Vec::new(), "{line}");
        assert_eq!(statement.application_date.len(), 10);
    }

    let (status, content_type, bytes) = send_raw(
        &h.router,
        get(
            &format!("/admin/statements.csv?from={day}&to={day}"),
            Some(&admin),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(content_type.starts_with("text/csv"), "{content_type}");
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let headers = reader.headers().expect("headers").clone();
    assert_eq!(&headers[1], "puid");
    assert_eq!(&headers[25], "automated_decision");
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len() as i64, in_range);
    // The same statements, in the same order.
    for (row, line) in rows.iter().zip(&lines) {
        assert!(
            line.contains(&format!("\"puid\":\"{}\"", &row[1])),
            "{line}"
        );
    }

    // A range of more than a year and a day is refused by its field, before anything is read.
    let (status, _, body) = send(
        &h.router,
        get(
            "/admin/statements.csv?from=2024-01-01&to=2026-01-01",
            Some(&admin),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("At most 367 days at a time."), "{body}");
}
