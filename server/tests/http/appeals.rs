//! The seller's side over HTTP, through the real router: who may read a statement, file,
//! answer and decide a counter-notice, see strikes and lift suspensions; and a counter-notice
//! filed with evidence, refused for each kind of bad input with a specific message.

use crate::support::*;
use app::api::appeals::{DecideCounterNotice, FileCounterNotice, RespondToCounterNotice};
use app::domain::appeal::{AppealDecision, CounterNoticeDraft};
use axum::http::StatusCode;

on_shared_runtime! {
    every_appeal_endpoint_answers_each_caller_with_the_right_status => every_appeal_endpoint_answers_each_caller_with_the_right_status_scenario,
    a_counter_notice_is_checked_filed_once_and_only_by_its_seller => a_counter_notice_is_checked_filed_once_and_only_by_its_seller_scenario,
}

async fn one(h: &Harness, sql: &'static str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&h._db.db.pool)
        .await
        .expect(sql)
}

/// Bazaar Outlet's listing removed on Northwind's notice (open to appeal).
const BAZAAR_REMOVED: &str = "SELECT l.id FROM listings l JOIN sellers s ON s.id = l.seller_id \
     JOIN strikes st ON st.listing_id = l.id WHERE s.name = 'Bazaar Outlet'";
/// Harbour Goods' appealed listing, and its counter-notice (Aurora's case).
/// (The demo's one counter-notice; tests may file more after it.)
const HARBOUR_APPEALED: &str = "SELECT listing_id FROM counter_notices ORDER BY id LIMIT 1";
const HARBOUR_APPEAL: &str = "SELECT MIN(id) FROM counter_notices";
const HARBOUR_REPORT: &str = "SELECT i.report_id FROM counter_notices c \
     JOIN report_items i ON i.id = c.item_id ORDER BY c.id LIMIT 1";

async fn every_appeal_endpoint_answers_each_caller_with_the_right_status_scenario() {
    let h = harness().await;
    let cookies = cookies_of_all_callers(&h.router).await;
    let (northwind, bazaar_removed) = (h.northwind, one(&h, BAZAAR_REMOVED).await);
    let harbour_listing = one(&h, HARBOUR_APPEALED).await;
    let appeal = one(&h, HARBOUR_APPEAL).await;
    let report = one(&h, HARBOUR_REPORT).await;
    let cases = vec![
        Case {
            name: "GET /review/appeals",
            request: Box::new(|c| get("/review/appeals", c)),
            expected: REVIEWERS_PAGE,
        },
        Case {
            name: "GET /market (public)",
            request: Box::new(|c| get("/market?q=watch", c)),
            expected: Expected::all(200),
        },
        Case {
            name: "POST /api/appeals/get_removal_case (Bazaar's removal on Northwind's notice)",
            request: Box::new(move |c| {
                post(
                    "/api/appeals/get_removal_case",
                    &format!("listing_id={bazaar_removed}"),
                    c,
                )
            }),
            expected: Expected {
                anonymous: 401,
                northwind_staff: 200,
                helios_staff: 403,
                helios_manager: 403,
                northwind_manager: 200,
                bazaar_seller: 200,
                admin: 200,
            },
        },
        Case {
            name: "POST /api/appeals/get_removal_case (Harbour's: another seller's statement)",
            request: Box::new(move |c| {
                post(
                    "/api/appeals/get_removal_case",
                    &format!("listing_id={harbour_listing}"),
                    c,
                )
            }),
            expected: HELIOS_REVIEWERS,
        },
        Case {
            name: "POST /api/listings/listing_trail (Harbour's listing: not the caller's)",
            request: Box::new(move |c| {
                post(
                    "/api/listings/listing_trail",
                    &format!("listing_id={harbour_listing}"),
                    c,
                )
            }),
            expected: REVIEWERS,
        },
        Case {
            name: "POST /api/appeals/file_counter_notice (on Harbour's listing)",
            request: Box::new(move |c| {
                call(
                    "/api/appeals/file_counter_notice",
                    &FileCounterNotice {
                        draft: counter_notice(harbour_listing, true),
                    },
                    c,
                )
            }),
            expected: NOBODY,
        },
        Case {
            name: "POST /api/appeals/file_counter_notice (own listing, no declaration)",
            request: Box::new(move |c| {
                call(
                    "/api/appeals/file_counter_notice",
                    &FileCounterNotice {
                        draft: counter_notice(bazaar_removed, false),
                    },
                    c,
                )
            }),
            expected: Expected {
                anonymous: 401,
                northwind_staff: 403,
                helios_staff: 403,
                helios_manager: 403,
                northwind_manager: 403,
                bazaar_seller: 422,
                admin: 403,
            },
        },
        Case {
            name: "POST /api/appeals/list_report_appeals (Aurora's report)",
            request: Box::new(move |c| {
                post(
                    "/api/appeals/list_report_appeals",
                    &format!("report_id={report}"),
                    c,
                )
            }),
            // Aurora's report is the Helios manager's; everyone else is told there is no such
            // report.
            expected: Expected {
                northwind_staff: 404,
                helios_staff: 404,
                northwind_manager: 404,
                ..HELIOS_REVIEWERS
            },
        },
        Case {
            name: "POST /api/brands/attention (Northwind)",
            request: Box::new(move |c| {
                post("/api/brands/attention", &format!("brand_id={northwind}"), c)
            }),
            expected: NORTHWIND_DATA,
        },
        Case {
            name: "POST /api/appeals/respond_to_counter_notice (Aurora's case, no text)",
            request: Box::new(move |c| {
                call(
                    "/api/appeals/respond_to_counter_notice",
                    &RespondToCounterNotice {
                        appeal_id: appeal,
                        kind: "evidence".into(),
                        text: String::new(),
                        file_ids: vec![],
                    },
                    c,
                )
            }),
            expected: NOBODY,
        },
        Case {
            name: "POST /api/appeals/appeals_queue",
            request: Box::new(|c| post("/api/appeals/appeals_queue", "", c)),
            expected: REVIEWERS,
        },
        Case {
            name: "POST /api/appeals/decide_counter_notice (Aurora's case, uphold unexplained)",
            request: Box::new(move |c| {
                call(
                    "/api/appeals/decide_counter_notice",
                    &DecideCounterNotice {
                        appeal_id: appeal,
                        decision: AppealDecision::Uphold {
                            explanation: String::new(),
                        },
                    },
                    c,
                )
            }),
            expected: HELIOS_REVIEWERS_INVALID,
        },
        Case {
            name: "POST /api/appeals/get_seller_standing",
            request: Box::new(|c| post("/api/appeals/get_seller_standing", "", c)),
            expected: BAZAAR_SELLER,
        },
        Case {
            name: "POST /api/appeals/list_suspended_sellers",
            request: Box::new(|c| post("/api/appeals/list_suspended_sellers", "", c)),
            expected: ADMINS,
        },
        Case {
            name: "POST /api/appeals/lift_seller_suspension (no reason)",
            request: Box::new(|c| {
                post(
                    "/api/appeals/lift_seller_suspension",
                    "seller_id=1&reason=",
                    c,
                )
            }),
            expected: ADMINS_INVALID,
        },
        Case {
            name: "POST /api/listings/market_listings",
            request: Box::new(|c| post("/api/listings/market_listings", "query=&page=0", c)),
            expected: Expected::all(200),
        },
    ];
    assert_matrix(&h.router, &cookies, &cases).await;
}

async fn a_counter_notice_is_checked_filed_once_and_only_by_its_seller_scenario() {
    let h = harness().await;
    let pool = &h._db.db.pool;
    let listing = one(&h, BAZAAR_REMOVED).await;
    let harbour_listing = one(&h, HARBOUR_APPEALED).await;
    let seller = sign_in(&h.router, "seller@bazaar.test").await;
    let file_with = |draft: CounterNoticeDraft| {
        call(
            "/api/appeals/file_counter_notice",
            &FileCounterNotice { draft },
            Some(&seller),
        )
    };

    // Evidence only for the seller's own removed listing, checked by content.
    let upload = |target: i64, bytes: &'static [u8]| {
        multipart(
            &format!("/uploads/evidence?listing={target}"),
            "invoice.pdf",
            bytes,
            Some(&seller),
        )
    };
    let (status, _, body) = send(&h.router, upload(harbour_listing, b"%PDF-1.4 invoice")).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    let (status, _, body) = send(&h.router, upload(listing, b"MZ not a document")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let big = [b"%PDF-1.4 ".as_slice(), &vec![b'x'; 6 * 1024 * 1024]].concat();
    let oversized = multipart(
        &format!("/uploads/evidence?listing={listing}"),
        "huge.pdf",
        &big,
        Some(&seller),
    );
    let (status, _, body) = send(&h.router, oversized).await;
    assert!(
        status == StatusCode::UNPROCESSABLE_ENTITY || status == StatusCode::PAYLOAD_TOO_LARGE,
        "{status}"
    );
    assert!(body.contains("5 MB"), "{body}");
    let (status, _, body) = send(&h.router, upload(listing, b"%PDF-1.4 invoice")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let file: serde_json::Value = serde_json::from_str(&body).expect("file");
    let file_id = file["id"].as_i64().expect("id");
    // The seller may fetch their own upload; another brand may not, and the case's own brand
    // only once it is filed with the counter-notice (until then it is the seller's draft).
    let (status, _, _) = send(&h.router, get(&format!("/files/{file_id}"), Some(&seller))).await;
    assert_eq!(status, StatusCode::OK);
    let helios = sign_in(&h.router, "staff@helios.test").await;
    let (status, _, _) = send(&h.router, get(&format!("/files/{file_id}"), Some(&helios))).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let early = sign_in(&h.router, "staff@northwind.test").await;
    let (status, _, _) = send(&h.router, get(&format!("/files/{file_id}"), Some(&early))).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Every missing part is named by its field.
    let (status, _, body) = send(
        &h.router,
        file_with(CounterNoticeDraft {
            listing_id: listing,
            statement: "short".into(),
            contact_email: "nope".into(),
            ..CounterNoticeDraft::default()
        }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    for message in [
        "Choose why the removal is wrong.",
        "at least 20 characters",
        "Enter an e-mail address",
        "Confirm the declaration",
        "Type your full name",
    ] {
        assert!(body.contains(message), "{message}: {body}");
    }
    // Someone else's file is refused.
    let foreign: i64 = sqlx::query_scalar("SELECT MIN(id) FROM files")
        .fetch_one(pool)
        .await
        .expect("file");
    let with_file = |id: i64| CounterNoticeDraft {
        file_ids: vec![id],
        ..counter_notice(listing, true)
    };
    let (status, _, body) = send(&h.router, file_with(with_file(foreign))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("not one of your uploads"), "{body}");

    // Filed once, with the evidence; the second is refused.
    let (status, _, body) = send(&h.router, file_with(with_file(file_id))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, _, body) = send(&h.router, file_with(counter_notice(listing, true))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("already filed"), "{body}");

    // Northwind sees it on its report, Helios does not; the seller's evidence is Northwind's
    // to read now.
    let report: i64 = sqlx::query_scalar(
        "SELECT i.report_id FROM counter_notices c JOIN report_items i ON i.id = c.item_id \
         WHERE c.listing_id = $1",
    )
    .bind(listing)
    .fetch_one(pool)
    .await
    .expect("report");
    let northwind = sign_in(&h.router, "staff@northwind.test").await;
    let list = |cookie: &str| {
        post(
            "/api/appeals/list_report_appeals",
            &format!("report_id={report}"),
            Some(cookie),
        )
    };
    let (status, _, body) = send(&h.router, list(&northwind)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("invoice.pdf"), "{body}");
    let (status, _, _) = send(&h.router, list(&helios)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, _) = send(
        &h.router,
        get(&format!("/files/{file_id}"), Some(&northwind)),
    )
    .await;
    assert_eq!(status, StatusCode::OK);

    // Aurora's window on Harbour's counter-notice has passed: its response is refused with
    // the date; only Aurora's own manager may decide.
    let appeal = one(&h, HARBOUR_APPEAL).await;
    let aurora = sign_in(&h.router, "staff@aurora.test").await;
    let (status, _, body) = send(
        &h.router,
        call(
            "/api/appeals/respond_to_counter_notice",
            &RespondToCounterNotice {
                appeal_id: appeal,
                kind: "legal_action".into(),
                text: "Proceedings filed in Amsterdam.".into(),
                file_ids: vec![],
            },
            Some(&aurora),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("window closed"), "{body}");
    let decide = |cookie: &str| {
        call(
            "/api/appeals/decide_counter_notice",
            &DecideCounterNotice {
                appeal_id: appeal,
                decision: AppealDecision::Restore {
                    note: String::new(),
                },
            },
            Some(cookie),
        )
    };
    let manager2 = sign_in(&h.router, "manager2@goodfaith.test").await;
    let (status, _, _) = send(&h.router, decide(&manager2)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let manager = sign_in(&h.router, "manager@goodfaith.test").await;
    let (status, _, body) = send(&h.router, decide(&manager)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(
        body.contains(&format!("Listing {harbour_listing} restored")),
        "{body}"
    );
    let (status, _, body) = send(&h.router, decide(&manager)).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
}
