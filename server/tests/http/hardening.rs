//! The security review's findings, each proven closed through the real router: what a seller
//! is told about their listing, sign-in throttling, response headers, and cross-site POSTs.

use crate::support::*;
use app::api::appeals::{FileCounterNotice, RespondToCounterNotice};
use app::api::joint_force::{AnswerInquiry, SendInquiry};
use app::model::{RemovalCase, TimelineEntry};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use tower::ServiceExt;

on_shared_runtime! {
    a_seller_follows_their_case_without_investigations_or_names => a_seller_follows_their_case_without_investigations_or_names_scenario,
    a_seller_reads_the_brands_response_by_role_without_personal_data => a_seller_reads_the_brands_response_by_role_without_personal_data_scenario,
    the_eleventh_failed_sign_in_is_refused_for_a_while => the_eleventh_failed_sign_in_is_refused_for_a_while_scenario,
    pages_and_answers_carry_the_security_headers => pages_and_answers_carry_the_security_headers_scenario,
    posts_from_another_site_or_as_plain_text_are_refused => posts_from_another_site_or_as_plain_text_are_refused_scenario,
    sigterm_lets_the_request_in_flight_finish_then_stops => sigterm_lets_the_request_in_flight_finish_then_stops_scenario,
    a_sign_in_lasts_seven_days_however_active => a_sign_in_lasts_seven_days_however_active_scenario,
    bad_input_gets_a_4xx_that_names_it => bad_input_gets_a_4xx_that_names_it_scenario,
    a_sellers_upload_stays_theirs_and_uploads_have_a_daily_allowance => a_sellers_upload_stays_theirs_and_uploads_have_a_daily_allowance_scenario,
}

async fn one(h: &Harness, sql: &'static str, bind: i64) -> i64 {
    sqlx::query_scalar(sql)
        .bind(bind)
        .fetch_one(&h._db.db.pool)
        .await
        .expect(sql)
}

/// Bazaar Outlet's listing removed on Northwind's notice (open to appeal).
async fn bazaar_removed_listing(h: &Harness) -> i64 {
    sqlx::query_scalar(
        "SELECT l.id FROM listings l JOIN sellers s ON s.id = l.seller_id \
         JOIN strikes st ON st.listing_id = l.id WHERE s.name = 'Bazaar Outlet'",
    )
    .fetch_one(&h._db.db.pool)
    .await
    .expect("Bazaar's removed listing")
}

async fn a_seller_follows_their_case_without_investigations_or_names_scenario() {
    let h = harness().await;
    let listing = h.bazaar_listing;
    // The platform asks Helios whether Bazaar's listing is genuine; Helios says counterfeit.
    let manager = sign_in(&h.router, "manager@goodfaith.test").await;
    let ask = SendInquiry {
        draft: inquiry_draft(h.helios, listing, "Is this listing genuine?", None),
    };
    let (status, _, body) = send(
        &h.router,
        call("/api/joint_force/send_inquiry", &ask, Some(&manager)),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let inquiry: i64 = body.trim().parse().expect("inquiry number");
    let right = one(
        &h,
        "SELECT MIN(id) FROM ip_rights WHERE brand_id = $1 AND status = 'verified'",
        h.helios,
    )
    .await;
    let helios = sign_in(&h.router, "staff@helios.test").await;
    let answer = AnswerInquiry {
        answer: counterfeit_answer(inquiry, right, "Fake serial numbers.", Some("Hana Helios")),
    };
    let (status, _, body) = send(
        &h.router,
        call("/api/joint_force/answer_inquiry", &answer, Some(&helios)),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");

    let trail = |cookie: &str| {
        post(
            "/api/listings/listing_trail",
            &format!("listing_id={listing}"),
            Some(cookie),
        )
    };
    // The manager sees the whole story, with names.
    let (status, _, body) = send(&h.router, trail(&manager)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let full: Vec<TimelineEntry> = serde_json::from_str(&body).expect("trail");
    assert!(
        full.iter()
            .any(|entry| entry.action == "listing.inquiry_sent"),
        "{full:?}"
    );

    // The seller sees the removal and the strike, by role; nothing of the inquiry.
    let seller = sign_in(&h.router, "seller@bazaar.test").await;
    let (status, _, body) = send(&h.router, trail(&seller)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let told: Vec<TimelineEntry> = serde_json::from_str(&body).expect("trail");
    let actions: Vec<&str> = told.iter().map(|entry| entry.action.as_str()).collect();
    assert!(actions.contains(&"listing.removed"), "{actions:?}");
    assert!(actions.contains(&"seller.strike"), "{actions:?}");
    for entry in &told {
        assert!(app::domain::appeal::seller_sees(&entry.action), "{entry:?}");
        let actor = entry.actor.as_deref().unwrap_or_default();
        assert!(
            ["Rights holder", "Marketplace staff", "Goodfaith", "You"].contains(&actor),
            "{entry:?}"
        );
    }
    for secret in ["inquir", "genuine", "Hana Helios", "Mara Manager"] {
        assert!(!body.contains(secret), "{secret} in {body}");
    }
}

async fn a_seller_reads_the_brands_response_by_role_without_personal_data_scenario() {
    let h = harness().await;
    let listing = bazaar_removed_listing(&h).await;
    let seller = sign_in(&h.router, "seller@bazaar.test").await;
    let (status, _, body) = send(
        &h.router,
        call(
            "/api/appeals/file_counter_notice",
            &FileCounterNotice {
                draft: counter_notice(listing, true),
            },
            Some(&seller),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let appeal = one(
        &h,
        "SELECT id FROM counter_notices WHERE listing_id = $1",
        listing,
    )
    .await;
    let northwind = sign_in(&h.router, "staff@northwind.test").await;
    let respond = RespondToCounterNotice {
        appeal_id: appeal,
        kind: "evidence".into(),
        text: "Our test buy proves it. Call Nora on +44 20 7946 0958 or tel:+442079460958, \
               or write to nora@northwind.example."
            .into(),
        file_ids: vec![],
    };
    let (status, _, body) = send(
        &h.router,
        call(
            "/api/appeals/respond_to_counter_notice",
            &respond,
            Some(&northwind),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");

    let case = |cookie: &str| {
        post(
            "/api/appeals/get_removal_case",
            &format!("listing_id={listing}"),
            Some(cookie),
        )
    };
    let (status, _, body) = send(&h.router, case(&seller)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let told: Option<RemovalCase> = serde_json::from_str(&body).expect("case");
    let response = told
        .and_then(|case| case.appeal)
        .and_then(|appeal| appeal.response)
        .expect("the brand's response");
    assert_eq!(response.by, "Rights holder");
    assert_eq!(
        response.text,
        "Our test buy proves it. Call Nora on [number removed] or [number removed], \
         or write to [e-mail removed]"
    );
    // The brand itself still reads who answered and what.
    let (status, _, body) = send(&h.router, case(&northwind)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("+44 20 7946 0958"), "{body}");
}

fn login(password: &str) -> Request<Body> {
    post(
        "/api/auth/login",
        &format!("email=staff%40helios.test&password={password}"),
        None,
    )
}

async fn the_eleventh_failed_sign_in_is_refused_for_a_while_scenario() {
    let h = harness().await;
    for attempt in 1..=10 {
        let (status, _, body) = send(&h.router, login("wrong")).await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "attempt {attempt}: {body}"
        );
        assert!(body.contains("Wrong e-mail address or password."), "{body}");
    }
    let response = h
        .router
        .clone()
        .oneshot(login("wrong"))
        .await
        .expect("response");
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry_after = retry_after_secs(&response);
    assert!((1..=60).contains(&retry_after), "{retry_after}");
    // Locked: even the right password waits, without a hash being computed.
    let (status, _, body) = send(&h.router, login(server::seed::DEMO_PASSWORD)).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    assert!(body.contains("Too many failed sign-ins"), "{body}");
    // Another account is not affected.
    sign_in(&h.router, "staff@northwind.test").await;
    // Every failure is on the account's audit trail.
    let failures = one(
        &h,
        "SELECT COUNT(*) FROM audit_events e JOIN users u ON u.id = e.subject_id \
         WHERE e.action = 'auth.login_failed' AND e.subject_type = 'user' \
           AND u.email = 'staff@helios.test' AND $1 > 0",
        1,
    )
    .await;
    assert_eq!(failures, 11);
}

async fn pages_and_answers_carry_the_security_headers_scenario() {
    let h = harness().await;
    let response = h
        .router
        .clone()
        .oneshot(get("/login", None))
        .await
        .expect("response");
    assert_eq!(response.status(), StatusCode::OK);
    let headers = response.headers().clone();
    let value = |name: &str| {
        headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let policy = value("content-security-policy");
    assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
    assert!(policy.contains("object-src 'none'"), "{policy}");
    assert!(!policy.contains("unsafe-inline"), "{policy}");
    // Every inline script carries this response's nonce.
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce in the policy")
        .to_owned();
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("page");
    let page = String::from_utf8_lossy(&body);
    let scripts = page.matches("<script").count();
    assert!(scripts > 0, "{page}");
    assert_eq!(
        page.matches(&format!("nonce=\"{nonce}\"")).count(),
        scripts,
        "{page}"
    );
    assert_eq!(value("x-content-type-options"), "nosniff");
    assert_eq!(value("referrer-policy"), "same-origin");
    assert_eq!(value("x-frame-options"), "DENY");
    assert!(value("permissions-policy").contains("camera=()"));

    // A server function's answer gets the strict policy for what is not a page.
    let (status, ..) = send(&h.router, post("/api/auth/get_current_user", "", None)).await;
    assert_eq!(status, StatusCode::OK);
    let response = h
        .router
        .clone()
        .oneshot(post("/api/auth/get_current_user", "", None))
        .await
        .expect("response");
    let policy = response
        .headers()
        .get("content-security-policy")
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    assert!(policy.starts_with("default-src 'none'"), "{policy}");
}

async fn posts_from_another_site_or_as_plain_text_are_refused_scenario() {
    let h = harness().await;
    let cookie = sign_in(&h.router, "admin@goodfaith.test").await;
    let from = |origin: Option<&str>, fetch_site: Option<&str>, content_type: &str| {
        let mut request = Request::post("/api/admin/list_brands")
            .header(header::HOST, "portal.example")
            .header(header::CONTENT_TYPE, content_type)
            .header(header::COOKIE, cookie.as_str());
        if let Some(origin) = origin {
            request = request.header(header::ORIGIN, origin);
        }
        if let Some(site) = fetch_site {
            request = request.header("sec-fetch-site", site);
        }
        request.body(Body::empty()).expect("request")
    };
    let form = "application/x-www-form-urlencoded";
    let (status, _, body) = send(
        &h.router,
        from(Some("https://evil.example"), Some("cross-site"), form),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert!(body.contains("another site"), "{body}");
    let (status, ..) = send(&h.router, from(Some("https://evil.example"), None, form)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // Login CSRF too: a sign-in posted from another site never reaches the password check.
    let cross_login = Request::post("/api/auth/login")
        .header(header::CONTENT_TYPE, form)
        .header("sec-fetch-site", "cross-site")
        .body(Body::from(format!(
            "email=staff%40helios.test&password={}",
            server::seed::DEMO_PASSWORD
        )))
        .expect("request");
    let (status, cookies, _) = send(&h.router, cross_login).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(cookies.is_empty(), "{cookies:?}");
    // A text/plain body (what an HTML form can send anywhere) is not read as JSON.
    let (status, ..) = send(
        &h.router,
        from(
            Some("http://portal.example"),
            Some("same-origin"),
            "text/plain",
        ),
    )
    .await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    // The portal's own pages pass.
    let (status, _, body) = send(
        &h.router,
        from(Some("http://portal.example"), Some("same-origin"), form),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

/// The real binary, sent SIGTERM while a sign-in (a slow Argon2 hash) is in flight: the
/// sign-in is answered, no new connection is taken, and the server stops on its own, its
/// dispatcher after its round.
async fn sigterm_lets_the_request_in_flight_finish_then_stops_scenario() {
    let h = harness().await;
    let (server, base) = spawn_server(&h._db.url, &[]).await;
    let client = reqwest::Client::new();
    let sign_in = tokio::spawn({
        let client = client.clone();
        let url = format!("{base}/api/auth/login");
        async move {
            client
                .post(url)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(format!(
                    "email=staff%40helios.test&password={}",
                    server::seed::DEMO_PASSWORD
                ))
                .send()
                .await
                .map(|response| response.status())
        }
    });
    tokio::time::sleep(std::time::Duration::from_millis(15)).await;
    let sent = std::process::Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status()
        .expect("kill -TERM");
    assert!(sent.success());
    let answered = sign_in
        .await
        .expect("task")
        .expect("the sign-in was answered");
    assert_eq!(answered, StatusCode::OK);
    let exited = tokio::task::spawn_blocking(move || server.wait_with_output())
        .await
        .expect("task")
        .expect("exit");
    assert!(exited.status.success(), "{:?}", exited.status);
    let log = String::from_utf8_lossy(&[exited.stdout, exited.stderr].concat()).into_owned();
    assert!(log.contains("SIGTERM"), "{log}");
    assert!(log.contains("the dispatcher has stopped"), "{log}");
    assert!(
        client.get(format!("{base}/login")).send().await.is_err(),
        "nothing listens after the stop"
    );
}

async fn a_sign_in_lasts_seven_days_however_active_scenario() {
    let h = harness().await;
    let pool = &h._db.db.pool;
    let cookie = sign_in(&h.router, "admin@goodfaith.test").await;
    let list = || post("/api/admin/list_brands", "", Some(&cookie));
    let (status, ..) = send(&h.router, list()).await;
    assert_eq!(status, StatusCode::OK);
    // Date the sign-in back a week and a minute, as if it had been used all along.
    let rows: Vec<(String, String)> = sqlx::query_as("SELECT id, data FROM sessions")
        .fetch_all(pool)
        .await
        .expect("sessions");
    let week_ago = app::db::now_ms() - app::auth::SESSION_MAX_AGE_MS - 60_000;
    let mut aged = 0;
    for (id, data) in rows {
        let mut data: serde_json::Value = serde_json::from_str(&data).expect("session data");
        if data.get(app::auth::SIGNED_IN_AT_KEY).is_some() {
            data[app::auth::SIGNED_IN_AT_KEY] = week_ago.into();
            sqlx::query("UPDATE sessions SET data = $1 WHERE id = $2")
                .bind(data.to_string())
                .bind(id)
                .execute(pool)
                .await
                .expect("age the session");
            aged += 1;
        }
    }
    assert_eq!(aged, 1);
    let (status, ..) = send(&h.router, list()).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    // Ended for good: the stored session is gone.
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions")
        .fetch_one(pool)
        .await
        .expect("count");
    assert_eq!(left, 0);
}

async fn bad_input_gets_a_4xx_that_names_it_scenario() {
    let h = harness().await;
    let staff = sign_in(&h.router, "staff@helios.test").await;
    let get_report = |body: Vec<u8>| {
        Request::post("/api/reports/get_report")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json")
            .header(header::COOKIE, staff.as_str())
            .body(Body::from(body))
            .expect("request")
    };
    // Arguments that do not decode are the caller's mistake, not the server's.
    let (status, _, body) = send(&h.router, get_report(b"report_id=abc".to_vec())).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body.contains("not understood"), "{body}");
    let (status, _, body) = send(&h.router, get_report(b"report_id=\xff\xfe".to_vec())).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let (status, _, body) = send(&h.router, get_report(vec![b'a'; 3 * 1024 * 1024])).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{body}");
    // A page address that names no report is a 404 page.
    let (status, _, _) = send(&h.router, get("/reports/%FF", Some(&staff))).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Page numbers far beyond any list are refused, not multiplied into an overflow.
    let seller = sign_in(&h.router, "seller@bazaar.test").await;
    let (status, _, body) = send(
        &h.router,
        post(
            "/api/sellers/list_my_listings",
            "page=1000000000",
            Some(&seller),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("Pages run from 1 to 10,000"), "{body}");
    let (status, _, body) = send(
        &h.router,
        post(
            "/api/listings/market_listings",
            &format!("query=&page={}", i64::MAX),
            None,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("Pages run from 1 to 200"), "{body}");

    // An over-long text is refused with its limit named; nothing changes.
    let admin = sign_in(&h.router, "admin@goodfaith.test").await;
    let (status, _, body) = send(
        &h.router,
        post(
            "/api/appeals/lift_seller_suspension",
            &format!("seller_id=1&reason={}", "x".repeat(1_001)),
            Some(&admin),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        body.contains("Keep the reason to 1,000 characters"),
        "{body}"
    );
}

async fn a_sellers_upload_stays_theirs_and_uploads_have_a_daily_allowance_scenario() {
    let h = harness().await;
    let listing = bazaar_removed_listing(&h).await;
    let seller = sign_in(&h.router, "seller@bazaar.test").await;
    let upload = || {
        multipart(
            &format!("/uploads/evidence?listing={listing}"),
            "invoice.pdf",
            b"%PDF-1.4 invoice",
            Some(&seller),
        )
    };
    let (status, _, body) = send(&h.router, upload()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let file_id = serde_json::from_str::<serde_json::Value>(&body).expect("file")["id"]
        .as_i64()
        .expect("id");
    // Northwind may neither read the seller's draft evidence nor put it in a notice of its own.
    let northwind = sign_in(&h.router, "staff@northwind.test").await;
    let (status, ..) = send(
        &h.router,
        get(&format!("/files/{file_id}"), Some(&northwind)),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let right: i64 = sqlx::query_scalar(
        "SELECT MIN(id) FROM ip_rights WHERE brand_id = $1 AND status = 'verified'",
    )
    .bind(h.northwind)
    .fetch_one(&h._db.db.pool)
    .await
    .expect("right");
    let mut draft = signed_report(h.northwind, right, "1500", "Nora Northwind");
    draft.evidence_file_ids = vec![file_id];
    let (status, _, body) = send(
        &h.router,
        call(
            "/api/reports/submit_report",
            &app::api::reports::SubmitReport { draft },
            Some(&northwind),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        body.contains(&format!(
            "Evidence file {file_id} is not one of your uploads"
        )),
        "{body}"
    );

    // Thirty uploads attached to nothing in a day; the next is refused until some are used.
    for _ in 1..app::domain::limits::MAX_UNATTACHED_UPLOADS {
        let (status, _, body) = send(&h.router, upload()).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    let (status, _, body) = send(&h.router, upload()).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    assert!(body.contains("not attached to anything yet"), "{body}");

    // A day later the sweep removes them, each on the record.
    let removed =
        app::db::files::remove_unused(&h._db.db, app::db::now_ms() + 1, app::db::now_ms())
            .await
            .expect("sweep");
    assert!(removed >= 30, "{removed}");
    let (status, ..) = send(&h.router, get(&format!("/files/{file_id}"), Some(&seller))).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, body) = send(&h.router, upload()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}
