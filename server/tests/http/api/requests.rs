//! What a call must look like: idempotency keys, the lines of a report, bad input, the rate
//! limit, and the published document and reference.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::{Value, json};
use server::rest::RateLimit;
use server::seed::DEMO_API_TOKEN;

use super::*;
use crate::support::{harness, send};

on_shared_runtime! {
    a_repeated_takedown_acts_once_and_answers_twice_the_same => idempotency_scenario,
    lines_are_checked_like_the_form_and_bounded => lines_scenario,
    bad_input_gets_a_problem_that_points_at_it => bad_input_scenario,
    a_token_past_its_rate_gets_429_with_retry_after => rate_limit_scenario,
    the_document_and_reference_need_no_token => docs_scenario,
}

async fn idempotency_scenario() {
    let h = harness().await;
    let db = db(&h);
    let right = helios_right(db, h.helios).await;
    let listing = fresh_listings(db, 1).await[0];
    let body = report_body(right, &ids(&[listing]));
    let keyed = |body: &Value| {
        let mut request = api("POST", "/takedowns", Some(DEMO_API_TOKEN), Some(body));
        request
            .headers_mut()
            .insert("idempotency-key", "takedown-7f3a".parse().expect("header"));
        request
    };
    let (first, second) =
        tokio::join!(send(&h.router, keyed(&body)), send(&h.router, keyed(&body)));
    assert_eq!(first.0, StatusCode::CREATED, "{}", first.2);
    assert_eq!(first.0, second.0);
    assert_eq!(first.2, second.2, "two answers differ");
    let removals: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM report_items WHERE listing_id = $1 AND status = 'removed'",
    )
    .bind(listing)
    .fetch_one(&db.pool)
    .await
    .expect("count");
    let outbox: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM marketplace_outbox WHERE listing_id = $1")
            .bind(listing)
            .fetch_one(&db.pool)
            .await
            .expect("count");
    assert_eq!((removals, outbox), (1, 1));

    // The same key later replays; with another body it is refused.
    let response = h.router.clone();
    let replay = tower::ServiceExt::oneshot(response, keyed(&body))
        .await
        .expect("response");
    assert_eq!(replay.status(), StatusCode::CREATED);
    assert_eq!(
        replay
            .headers()
            .get("idempotent-replayed")
            .and_then(|v| v.to_str().ok()),
        Some("true")
    );
    let other = report_body(right, &ids(&fresh_listings(db, 1).await));
    let (status, problem) = call(&h.router, keyed(&other)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert!(
        problem["detail"]
            .as_str()
            .is_some_and(|d| d.contains("another request"))
    );
}

async fn lines_scenario() {
    let h = harness().await;
    let db = db(&h);
    let right = helios_right(db, h.helios).await;
    let good = fresh_listings(db, 2).await;
    // Two bad lines: nothing is filed without accept_partial, and each bad line is named.
    let mut lines = ids(&good);
    lines.insert(1, "999999999".into());
    lines.push("not a listing".into());
    let body = report_body(right, &lines);
    let (status, problem) = call(
        &h.router,
        api("POST", "/reports", Some(DEMO_API_TOKEN), Some(&body)),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    let pointers: Vec<&str> = problem["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .filter_map(|error| error["pointer"].as_str())
        .collect();
    assert_eq!(
        pointers,
        ["/lines/1/listing", "/lines/3/listing"],
        "{problem}"
    );
    assert_eq!(fresh_listings(db, 2).await, good, "something was filed");
    let mut partial = body.clone();
    partial["accept_partial"] = json!(true);
    let (status, filed) = call(
        &h.router,
        api("POST", "/reports", Some(DEMO_API_TOKEN), Some(&partial)),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{filed}");
    assert_eq!(filed["items"].as_array().map(Vec::len), Some(2));
    assert_eq!(
        filed["left_out"].as_array().map(Vec::len),
        Some(2),
        "{filed}"
    );
    assert_eq!(filed["items"][0]["status"], "pending");

    // 300 listings are one report; 301 are refused before anything is looked up.
    let many = more_listings(db, 300).await;
    let body = report_body(right, &ids(&many));
    let (status, filed) = call(
        &h.router,
        api("POST", "/reports", Some(DEMO_API_TOKEN), Some(&body)),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{filed}");
    assert_eq!(filed["items"].as_array().map(Vec::len), Some(300));
    let mut lines = ids(&many);
    lines.push("1".into());
    let (status, problem) = call(
        &h.router,
        api(
            "POST",
            "/reports",
            Some(DEMO_API_TOKEN),
            Some(&report_body(right, &lines)),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem["errors"][0]["pointer"], "/lines", "{problem}");

    // The list pages through them with a cursor, newest first.
    let (_, page) = call(
        &h.router,
        api("GET", "/reports?limit=1", Some(DEMO_API_TOKEN), None),
    )
    .await;
    let first = page["reports"][0]["id"].as_i64().expect("report");
    let cursor = page["next_cursor"].as_str().expect("cursor").to_owned();
    let (_, next) = call(
        &h.router,
        api(
            "GET",
            &format!("/reports?limit=1&cursor={cursor}"),
            Some(DEMO_API_TOKEN),
            None,
        ),
    )
    .await;
    assert!(next["reports"][0]["id"].as_i64().expect("report") < first);
}

async fn bad_input_scenario() {
    let h = harness().await;
    let db = db(&h);
    let right = helios_right(db, h.helios).await;
    let report: i64 =
        sqlx::query_scalar("SELECT MIN(report_id) FROM report_items WHERE brand_id = $1")
            .bind(h.helios)
            .fetch_one(&db.pool)
            .await
            .expect("report");
    let withdrawals = format!("/reports/{report}/withdrawals");
    let post = |path: &str, content_type: &str, body: Vec<u8>| {
        Request::post(format!("/api/v1{path}"))
            .header(header::AUTHORIZATION, format!("Bearer {DEMO_API_TOKEN}"))
            .header(header::CONTENT_TYPE, content_type)
            .body(Body::from(body))
            .expect("request")
    };
    let json = "application/json";
    let cases: Vec<(&str, Request<Body>, u16, &str)> = vec![
        (
            "malformed JSON",
            post("/reports", json, b"{\"lines\": [".to_vec()),
            400,
            "",
        ),
        (
            "text/plain",
            post("/reports", "text/plain", b"{}".to_vec()),
            415,
            "",
        ),
        (
            "wrong type",
            post(
                "/reports",
                json,
                report_body(right, &["1".into()])
                    .to_string()
                    .replace("\"counterfeit\"", "7")
                    .into_bytes(),
            ),
            422,
            "/reason",
        ),
        (
            "unknown field",
            post(
                &withdrawals,
                json,
                br#"{"item_ids": [1], "everything": true}"#.to_vec(),
            ),
            422,
            "/everything",
        ),
        (
            "10 MB body",
            post(
                "/reports",
                json,
                format!("{{\"explanation\": \"{}\"}}", "x".repeat(10 << 20)).into_bytes(),
            ),
            413,
            "",
        ),
        (
            "10,000 ids",
            post(
                &withdrawals,
                json,
                json!({"item_ids": (1..=10_000).collect::<Vec<i64>>()})
                    .to_string()
                    .into_bytes(),
            ),
            422,
            "/item_ids",
        ),
        (
            "over-long explanation",
            post("/reports", json, {
                let mut body = report_body(right, &["1".into()]);
                body["explanation"] = json!("x".repeat(5_001));
                body.to_string().into_bytes()
            }),
            422,
            "/explanation",
        ),
        (
            "over-long line note",
            post("/reports", json, {
                let mut body = report_body(right, &["1".into()]);
                body["lines"][0]["note"] = json!("n".repeat(501));
                body.to_string().into_bytes()
            }),
            422,
            "/lines/0/note",
        ),
        (
            "id not a number",
            api("GET", "/reports/abc", Some(DEMO_API_TOKEN), None),
            400,
            "",
        ),
        (
            "unknown reason filter",
            api("GET", "/reports?reason=stolen", Some(DEMO_API_TOKEN), None),
            422,
            "/reason",
        ),
        (
            "unknown address",
            api("GET", "/nothing-here", Some(DEMO_API_TOKEN), None),
            404,
            "",
        ),
    ];
    let before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM reports")
        .fetch_one(&db.pool)
        .await
        .expect("count");
    let mut failures = Vec::new();
    for (name, request, expected, pointer) in cases {
        let (status, content_type, body) = crate::support::send_raw(&h.router, request).await;
        let problem: Value = serde_json::from_slice(&body).unwrap_or_default();
        if status.as_u16() != expected || content_type != "application/problem+json" {
            failures.push(format!(
                "{name}: {status} {content_type} {}",
                String::from_utf8_lossy(&body)
            ));
        } else if !pointer.is_empty()
            && !problem["errors"]
                .as_array()
                .is_some_and(|errors| errors.iter().any(|error| error["pointer"] == pointer))
        {
            failures.push(format!("{name}: no problem at {pointer}: {problem}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM reports")
        .fetch_one(&db.pool)
        .await
        .expect("count");
    assert_eq!(before, after, "bad input stored something");
}

async fn rate_limit_scenario() {
    let h = harness().await;
    let state = app::api::support::AppState {
        leptos_options: leptos::prelude::LeptosOptions::builder()
            .output_name("goodfaith")
            .build(),
        db: db(&h).clone(),
        rules: Default::default(),
        public_url: None,
        sign_in_throttle: Default::default(),
        client_address: Default::default(),
        demo: false,
        tdb_url: None,
    };
    let sessions = server::session_layer(
        db(&h),
        server::SessionSettings {
            key: tower_sessions::cookie::Key::generate(),
            secure: false,
        },
    );
    let one = std::num::NonZeroU32::MIN;
    let strict = server::router_with(
        state,
        sessions,
        RateLimit {
            per_second: one,
            burst: one.saturating_add(1),
        },
    );
    let statuses = [
        send(&strict, api("GET", "/standing", Some(DEMO_API_TOKEN), None))
            .await
            .0,
        send(&strict, api("GET", "/standing", Some(DEMO_API_TOKEN), None))
            .await
            .0,
    ];
    assert_eq!(statuses, [StatusCode::OK, StatusCode::OK]);
    let response =
        tower::ServiceExt::oneshot(strict, api("GET", "/standing", Some(DEMO_API_TOKEN), None))
            .await
            .expect("response");
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry = response
        .headers()
        .get(header::RETRY_AFTER)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok());
    assert!(retry.is_some_and(|seconds| seconds >= 1), "{retry:?}");
}

async fn docs_scenario() {
    let h = harness().await;
    let (status, doc) = call(&h.router, api("GET", "/openapi.json", None, None)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        doc["openapi"]
            .as_str()
            .is_some_and(|v| v.starts_with("3.1"))
    );
    let request = Request::get("/api/docs")
        .body(Body::empty())
        .expect("request");
    let (status, content_type, body) = crate::support::send_raw(&h.router, request).await;
    let page = String::from_utf8_lossy(&body);
    assert_eq!(status, StatusCode::OK);
    assert!(content_type.starts_with("text/html"));
    // Everything the page needs comes from the portal itself.
    assert!(page.contains("POST /api/v1/takedowns"));
    assert!(
        !page.contains("src=\"http") && !page.contains("href=\"http"),
        "{page}"
    );
}
