//! The Brand API (`/api/v1`) through the real router: every operation with every kind of
//! token, idempotency, rate limits, line problems and bad input. Tokens are made through the
//! same use case as the token page.

use app::db::Db;
use app::domain::api_token::TokenForm;
use app::model::CurrentUser;
use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::{Value, json};
use server::rest::RateLimit;
use server::seed::DEMO_API_TOKEN;

use crate::support::{Harness, harness, send};

on_shared_runtime! {
    every_operation_checks_the_token_its_scope_and_the_brand => matrix_scenario,
    a_repeated_takedown_acts_once_and_answers_twice_the_same => idempotency_scenario,
    lines_are_checked_like_the_form_and_bounded => lines_scenario,
    bad_input_gets_a_problem_that_points_at_it => bad_input_scenario,
    a_revoked_token_stops_at_once_and_uses_are_audited => revocation_scenario,
    a_token_past_its_rate_gets_429_with_retry_after => rate_limit_scenario,
    the_document_and_reference_need_no_token => docs_scenario,
    the_token_page_and_its_functions_answer_each_caller => token_page_matrix_scenario,
}

/// A request to the API with an optional token and JSON body.
fn api(method: &str, path: &str, token: Option<&str>, body: Option<&Value>) -> Request<Body> {
    let mut request = Request::builder()
        .method(method)
        .uri(format!("/api/v1{path}"));
    if let Some(token) = token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    match body {
        Some(body) => request
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string())),
        None => request.body(Body::empty()),
    }
    .expect("request")
}

/// Sends and reads the answer as JSON (every answer of the API is JSON).
async fn call(router: &Router, request: Request<Body>) -> (StatusCode, Value) {
    let (status, _, body) = send(router, request).await;
    let json = serde_json::from_str(&body).unwrap_or(Value::String(body));
    (status, json)
}

fn db(h: &Harness) -> &Db {
    &h._db.db
}

async fn user(db: &Db, email: &str) -> CurrentUser {
    app::db::users::find_by_email(&db.pool, email)
        .await
        .expect("user")
        .and_then(|user| user.to_current_user())
        .expect("account")
}

/// Makes a token as `email` with `scopes` through the token page's use case.
async fn token(db: &Db, email: &str, scopes: &[&str]) -> (i64, String) {
    let caller = user(db, email).await;
    let ctx = app::service::Context::new(db.clone(), Default::default());
    let scopes: Vec<String> = scopes.iter().map(|scope| (*scope).to_owned()).collect();
    let form = TokenForm {
        name: "test",
        scopes: &scopes,
        expires_on: "",
    };
    let brand = caller.brand_id.expect("brand staff");
    let made = app::service::tokens::create_token(&ctx, &caller, brand, &form)
        .await
        .expect("token");
    (made.token.id, made.secret)
}

struct Tokens {
    own: String,
    reads_only: String,
    takedowns_only: String,
    revoked: String,
    expired: String,
    other_brand: String,
}

async fn tokens(db: &Db) -> Tokens {
    let all = [
        "reports:read",
        "reports:write",
        "takedowns:write",
        "inquiries:write",
    ];
    let (revoked_id, revoked) = token(db, "staff@helios.test", &all).await;
    let helios = user(db, "staff@helios.test").await;
    let ctx = app::service::Context::new(db.clone(), Default::default());
    let brand = helios.brand_id.expect("brand");
    app::service::tokens::revoke_token(&ctx, &helios, brand, revoked_id)
        .await
        .expect("revoke");
    let (expired_id, expired) = token(db, "staff@helios.test", &all).await;
    let mut tx = db.begin().await.expect("tx");
    sqlx::query("UPDATE api_tokens SET expires_at = $1 WHERE id = $2")
        .bind(app::db::now_ms() - 1)
        .bind(expired_id)
        .execute(&mut *tx)
        .await
        .expect("expire");
    tx.commit().await.expect("commit");
    Tokens {
        own: DEMO_API_TOKEN.to_owned(),
        reads_only: token(db, "staff@helios.test", &["reports:read"]).await.1,
        takedowns_only: token(db, "staff@helios.test", &["takedowns:write"]).await.1,
        revoked,
        expired,
        other_brand: token(db, "staff@northwind.test", &all).await.1,
    }
}

/// Live listings nobody has open on a report, for fresh reports.
async fn fresh_listings(db: &Db, count: i64) -> Vec<i64> {
    sqlx::query_scalar(
        "SELECT l.id FROM listings l WHERE l.status = 'live' AND NOT EXISTS \
         (SELECT 1 FROM report_items i WHERE i.listing_id = l.id \
          AND i.status IN ('pending', 'removed', 'counter_noticed')) ORDER BY l.id LIMIT $1",
    )
    .bind(count)
    .fetch_all(&db.pool)
    .await
    .expect("listings")
}

async fn helios_right(db: &Db, brand: i64) -> i64 {
    sqlx::query_scalar("SELECT MIN(id) FROM ip_rights WHERE brand_id = $1 AND status = 'verified'")
        .bind(brand)
        .fetch_one(&db.pool)
        .await
        .expect("right")
}

fn report_body(right: i64, listings: &[String]) -> Value {
    json!({
        "ip_right_id": right,
        "reason": "counterfeit",
        "explanation": "Our logo on goods we never made; the serial format is wrong.",
        "lines": listings.iter().map(|listing| json!({"listing": listing})).collect::<Vec<_>>(),
        "declaration": {"accepted": true, "signature": "Hana Helios"},
    })
}

fn ids(listings: &[i64]) -> Vec<String> {
    listings.iter().map(i64::to_string).collect()
}

/// One operation and what each kind of token gets.
struct Row {
    name: &'static str,
    method: &'static str,
    path: String,
    body: Option<Value>,
    /// A token of the brand without the operation's scope.
    narrow: fn(&Tokens) -> &str,
    other_brand: u16,
    own: u16,
}

async fn matrix_scenario() {
    let h = harness().await;
    let db = db(&h);
    let tokens = tokens(db).await;
    let right = helios_right(db, h.helios).await;
    let (report, pending_item): (i64, i64) = sqlx::query_as(
        "SELECT report_id, id FROM report_items WHERE brand_id = $1 AND status = 'pending' ORDER BY id LIMIT 1",
    )
    .bind(h.helios)
    .fetch_one(&db.pool)
    .await
    .expect("pending item");
    let fresh = fresh_listings(db, 3).await;
    // A takedown to retract, and one a seller appeals, for the rows below.
    let (status, taken) = call(
        &h.router,
        api(
            "POST",
            "/takedowns",
            Some(&tokens.own),
            Some(&report_body(right, &ids(&[fresh[0], h.bazaar_listing]))),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{taken}");
    let retractable = taken["items"][0]["item_id"].as_i64().expect("item");
    let appealed = taken["items"][1]["item_id"].as_i64().expect("item");
    let seller = user(db, "seller@bazaar.test").await;
    let ctx = app::service::Context::new(db.clone(), Default::default());
    app::service::appeals::file_counter_notice(
        &ctx,
        &seller,
        &app::domain::appeal::CounterNoticeDraft {
            listing_id: h.bazaar_listing,
            ground: "genuine".into(),
            statement: "Bought from the brand's own distributor; invoice attached on request."
                .into(),
            contact_name: "Bea Bazaar".into(),
            contact_email: "bea@bazaar.example".into(),
            contact_address: "Market Street 1, Leeds".into(),
            file_ids: Vec::new(),
            declared: true,
            signature: "Bea Bazaar".into(),
        },
    )
    .await
    .expect("counter-notice");
    let counter_notice: i64 =
        sqlx::query_scalar("SELECT id FROM counter_notices WHERE item_id = $1")
            .bind(appealed)
            .fetch_one(&db.pool)
            .await
            .expect("counter-notice id");
    let inquiry: i64 = sqlx::query_scalar(
        "SELECT id FROM inquiries WHERE brand_id = $1 AND status = 'open' ORDER BY deadline_at DESC LIMIT 1",
    )
    .bind(h.helios)
    .fetch_one(&db.pool)
    .await
    .expect("open inquiry");

    fn reads(t: &Tokens) -> &str {
        &t.takedowns_only
    }
    fn writes(t: &Tokens) -> &str {
        &t.reads_only
    }
    let rows = vec![
        Row {
            name: "rights",
            method: "GET",
            path: "/rights".into(),
            body: None,
            narrow: reads,
            other_brand: 200,
            own: 200,
        },
        Row {
            name: "standing",
            method: "GET",
            path: "/standing".into(),
            body: None,
            narrow: reads,
            other_brand: 200,
            own: 200,
        },
        Row {
            name: "list reports",
            method: "GET",
            path: "/reports?status=pending".into(),
            body: None,
            narrow: reads,
            other_brand: 200,
            own: 200,
        },
        Row {
            name: "get report",
            method: "GET",
            path: format!("/reports/{report}"),
            body: None,
            narrow: reads,
            other_brand: 404,
            own: 200,
        },
        Row {
            name: "list inquiries",
            method: "GET",
            path: "/inquiries".into(),
            body: None,
            narrow: reads,
            other_brand: 200,
            own: 200,
        },
        Row {
            name: "list counter-notices",
            method: "GET",
            path: "/counter-notices".into(),
            body: None,
            narrow: reads,
            other_brand: 200,
            own: 200,
        },
        Row {
            name: "file report",
            method: "POST",
            path: "/reports".into(),
            body: Some(report_body(right, &ids(&fresh[1..2]))),
            // Another brand cannot rest a report on this brand's right.
            narrow: writes,
            other_brand: 422,
            own: 201,
        },
        Row {
            name: "take down",
            method: "POST",
            path: "/takedowns".into(),
            body: Some(report_body(right, &ids(&fresh[2..3]))),
            // Northwind is not Joint-Force: refused with the page's reason.
            narrow: writes,
            other_brand: 403,
            own: 201,
        },
        Row {
            name: "withdraw",
            method: "POST",
            path: format!("/reports/{report}/withdrawals"),
            body: Some(json!({"item_ids": [pending_item]})),
            narrow: writes,
            other_brand: 404,
            own: 200,
        },
        Row {
            name: "retract",
            method: "POST",
            path: format!("/takedowns/{retractable}/retraction"),
            body: None,
            narrow: writes,
            other_brand: 404,
            own: 200,
        },
        Row {
            name: "answer inquiry",
            method: "POST",
            path: format!("/inquiries/{inquiry}/answer"),
            body: Some(json!({"answer": "unsure", "comment": "Photos too small to tell."})),
            narrow: writes,
            other_brand: 404,
            own: 200,
        },
        Row {
            name: "respond to counter-notice",
            method: "POST",
            path: format!("/counter-notices/{counter_notice}/response"),
            body: Some(
                json!({"kind": "evidence", "text": "The serial on the photos belongs to a seized batch."}),
            ),
            narrow: writes,
            other_brand: 404,
            own: 200,
        },
    ];
    let mut failures = Vec::new();
    for row in &rows {
        let narrow = (row.narrow)(&tokens);
        // The refusals first, the own token last: it changes things.
        let kinds = [
            ("no token", None, 401),
            ("revoked token", Some(tokens.revoked.as_str()), 401),
            ("expired token", Some(tokens.expired.as_str()), 401),
            ("token without the scope", Some(narrow), 403),
            (
                "other brand's token",
                Some(tokens.other_brand.as_str()),
                row.other_brand,
            ),
            ("own token", Some(tokens.own.as_str()), row.own),
        ];
        for (kind, token, expected) in kinds {
            let request = api(row.method, &row.path, token, row.body.as_ref());
            let (status, _, body) = send(&h.router, request).await;
            if status.as_u16() != expected {
                failures.push(format!(
                    "{} with {kind}: expected {expected}, got {status}: {body}",
                    row.name
                ));
            } else if status.is_client_error() && !body.contains("\"type\"") {
                failures.push(format!("{} with {kind}: not a problem: {body}", row.name));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));

    // Another brand's lists hold its own data, never this brand's.
    for path in ["/rights", "/reports", "/inquiries", "/standing"] {
        let (_, _, body) = send(&h.router, api("GET", path, Some(&tokens.other_brand), None)).await;
        assert!(
            !body.contains("Helios"),
            "{path} leaked Helios data: {body}"
        );
    }
    // The token's staff member is on what it filed, and the withdrawal is in the report.
    let (_, detail) = call(
        &h.router,
        api(
            "GET",
            &format!("/reports/{report}"),
            Some(&tokens.own),
            None,
        ),
    )
    .await;
    let item = detail["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|item| item["id"] == pending_item)
        .expect("item");
    assert_eq!(item["status"], "withdrawn", "{item}");
    assert!(
        item["timeline"]
            .as_array()
            .is_some_and(|events| !events.is_empty())
    );
    assert!(
        detail["submitted_at"]
            .as_str()
            .is_some_and(|at| at.ends_with('Z'))
    );
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

/// `count` listings nobody has reported, added to the marketplace for this test.
async fn more_listings(db: &Db, count: usize) -> Vec<i64> {
    let seller: i64 = sqlx::query_scalar("SELECT MIN(id) FROM sellers")
        .fetch_one(&db.pool)
        .await
        .expect("seller");
    let now = app::db::now_ms();
    let mut tx = db.begin().await.expect("tx");
    let mut ids = Vec::with_capacity(count);
    for n in 0..count {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO listings (seller_id, title, category, price_cents, currency, status, created_at) \
             VALUES ($1, $2, 'Audio', 1999, 'EUR', 'live', $3) RETURNING id",
        )
        .bind(seller)
        .bind(format!("Bulk test listing {n}"))
        .bind(now)
        .fetch_one(&mut *tx)
        .await
        .expect("listing");
        ids.push(id);
    }
    tx.commit().await.expect("commit");
    ids
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

async fn revocation_scenario() {
    let h = harness().await;
    let db = db(&h);
    let (token_id, secret) = token(db, "staff@helios.test", &["reports:read"]).await;
    let (status, _) = call(&h.router, api("GET", "/standing", Some(&secret), None)).await;
    assert_eq!(status, StatusCode::OK);
    let helios = user(db, "staff@helios.test").await;
    let ctx = app::service::Context::new(db.clone(), Default::default());
    app::service::tokens::revoke_token(&ctx, &helios, h.helios, token_id)
        .await
        .expect("revoke");
    let (status, problem) = call(&h.router, api("GET", "/standing", Some(&secret), None)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(
        problem["detail"]
            .as_str()
            .is_some_and(|d| d.contains("revoked")),
        "{problem}"
    );
    // The use is in the audit trail (written a moment later, off the request's path).
    let mut used = 0;
    for _ in 0..100 {
        used = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_events WHERE action = 'api_token.used' AND subject_id = $1",
        )
        .bind(token_id)
        .fetch_one(&db.pool)
        .await
        .expect("count");
        if used > 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(used, 1);
    let detail: String = sqlx::query_scalar(
        "SELECT detail FROM audit_events WHERE action = 'api_token.used' AND subject_id = $1",
    )
    .bind(token_id)
    .fetch_one(&db.pool)
    .await
    .expect("detail");
    assert!(
        detail.starts_with("1 call at ") && detail.ends_with("GET /api/v1/standing → 200 ×1"),
        "{detail}"
    );
    let listed = app::service::tokens::list_tokens(&ctx, &helios, h.helios)
        .await
        .expect("tokens");
    let listed = listed.iter().find(|t| t.id == token_id).expect("listed");
    assert!(listed.last_used_at.is_some() && listed.revoked_at.is_some());
    // Another brand's staff can neither list nor revoke Helios's tokens.
    let northwind = user(db, "staff@northwind.test").await;
    assert!(
        app::service::tokens::list_tokens(&ctx, &northwind, h.helios)
            .await
            .is_err()
    );
    assert!(
        app::service::tokens::revoke_token(&ctx, &northwind, h.helios, token_id)
            .await
            .is_err()
    );
}

async fn rate_limit_scenario() {
    let h = harness().await;
    let state = app::api::support::AppState {
        leptos_options: leptos::prelude::LeptosOptions::builder()
            .output_name("goodfaith")
            .build(),
        db: db(&h).clone(),
        rules: Default::default(),
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

/// The token page and its server functions in the session matrix: only a brand's own staff
/// list, make and revoke its tokens; the API's reference is public.
async fn token_page_matrix_scenario() {
    use crate::support::{Case, Expected, assert_matrix, cookies_of_all_callers, get};
    use app::api::tokens::CreateApiToken;
    let h = harness().await;
    let cookies = cookies_of_all_callers(&h.router).await;
    let (helios, northwind) = (h.helios, h.northwind);
    let demo_token: i64 = sqlx::query_scalar("SELECT MIN(id) FROM api_tokens WHERE brand_id = $1")
        .bind(helios)
        .fetch_one(&db(&h).pool)
        .await
        .expect("demo token");
    let own_only = |own: u16| Expected {
        anonymous: 401,
        northwind_staff: 403,
        helios_staff: own,
        helios_manager: 403,
        northwind_manager: 403,
        bazaar_seller: 403,
        admin: 403,
    };
    let make = move |brand_id: i64| CreateApiToken {
        brand_id,
        name: "Matrix".into(),
        scopes: vec!["reports:read".into()],
        expires_on: String::new(),
    };
    let cases = vec![
        Case {
            name: "GET /brands/helios/api-tokens",
            request: Box::new(move |c| get(&format!("/brands/{helios}/api-tokens"), c)),
            expected: Expected {
                anonymous: 302,
                ..own_only(200)
            },
        },
        Case {
            name: "list_api_tokens helios",
            request: Box::new(move |c| {
                crate::support::post(
                    "/api/tokens/list_api_tokens",
                    &format!("brand_id={helios}"),
                    c,
                )
            }),
            expected: own_only(200),
        },
        Case {
            name: "list_api_tokens northwind",
            request: Box::new(move |c| {
                crate::support::post(
                    "/api/tokens/list_api_tokens",
                    &format!("brand_id={northwind}"),
                    c,
                )
            }),
            expected: Expected {
                northwind_staff: 200,
                helios_staff: 403,
                ..own_only(403)
            },
        },
        Case {
            name: "create_api_token helios",
            request: Box::new(move |c| {
                crate::support::call("/api/tokens/create_api_token", &make(helios), c)
            }),
            expected: own_only(200),
        },
        Case {
            name: "revoke_api_token helios",
            request: Box::new(move |c| {
                let form = format!("brand_id={helios}&token_id={demo_token}");
                crate::support::post("/api/tokens/revoke_api_token", &form, c)
            }),
            expected: own_only(200),
        },
        Case {
            name: "GET /api/docs",
            request: Box::new(|c| get("/api/docs", c)),
            expected: Expected::all(200),
        },
        Case {
            name: "GET /api/v1/openapi.json",
            request: Box::new(|c| get("/api/v1/openapi.json", c)),
            expected: Expected::all(200),
        },
    ];
    assert_matrix(&h.router, &cookies, &cases).await;
}
