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
}

async fn one(h: &Harness, sql: &'static str, bind: i64) -> i64 {
    sqlx::query_scalar(sql)
        .bind(bind)
        .fetch_one(&h._db.db.pool)
        .await
        .expect(sql)
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
    // Bazaar Outlet's listing removed on Northwind's notice, open to appeal.
    let listing: i64 = sqlx::query_scalar(
        "SELECT l.id FROM listings l JOIN sellers s ON s.id = l.seller_id \
         JOIN strikes st ON st.listing_id = l.id WHERE s.name = 'Bazaar Outlet'",
    )
    .fetch_one(&h._db.db.pool)
    .await
    .expect("Bazaar's removed listing");
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
    let retry_after: u64 = response
        .headers()
        .get(header::RETRY_AFTER)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse().ok())
        .expect("Retry-After in seconds");
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
