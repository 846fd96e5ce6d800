//! Notice and action over HTTP, through the real router: who may read and act on rights,
//! reports, the queue, decisions and files; text that must stay text; and a
//! report's way from submission to the public statement of reasons.

use crate::support::*;
use app::api::reports::{
    CheckReportLines, InstantTakedown, ListReports, SubmitReport, WithdrawItems,
};
use app::api::review::{DecideItems, ReviewQueue};
use app::domain::RejectionCode;
use app::model::{Decision, QueueFilter, ReportDraft, ReportFilter};
use axum::http::StatusCode;

on_shared_runtime! {
    every_notice_endpoint_answers_each_caller_with_the_right_status => every_notice_endpoint_answers_each_caller_with_the_right_status_scenario,
    a_report_goes_from_submission_to_a_public_statement_of_reasons => a_report_goes_from_submission_to_a_public_statement_of_reasons_scenario,
    a_suspended_brand_is_refused_new_reports_with_the_reason_and_end_date => a_suspended_brand_is_refused_new_reports_with_the_reason_and_end_date_scenario,
    the_demo_tiers_come_from_the_rules => the_demo_tiers_come_from_the_rules_scenario,
    only_joint_force_brands_take_listings_down_instantly => only_joint_force_brands_take_listings_down_instantly_scenario,
    an_authorised_sellers_listing_is_filed_only_once_confirmed => an_authorised_sellers_listing_is_filed_only_once_confirmed_scenario,
}

/// Ids from the demo data the matrix needs.
struct Seeded {
    helios_report: i64,
    helios_pending_item: i64,
    helios_proof: i64,
    northwind_pending_right: i64,
}

async fn seeded(h: &Harness) -> Seeded {
    let pool = &h._db.db.pool;
    let one = |sql: &'static str, brand: i64| async move {
        sqlx::query_scalar::<_, i64>(sql)
            .bind(brand)
            .fetch_one(pool)
            .await
            .expect(sql)
    };
    Seeded {
        helios_report: one("SELECT MIN(id) FROM reports WHERE brand_id = $1", h.helios).await,
        helios_pending_item: one(
            "SELECT MIN(id) FROM report_items WHERE brand_id = $1 AND status = 'pending'",
            h.helios,
        )
        .await,
        helios_proof: one(
            "SELECT MIN(proof_file_id) FROM ip_rights WHERE brand_id = $1",
            h.helios,
        )
        .await,
        northwind_pending_right: one(
            "SELECT MIN(id) FROM ip_rights WHERE brand_id = $1 AND status = 'pending'",
            h.northwind,
        )
        .await,
    }
}

async fn every_notice_endpoint_answers_each_caller_with_the_right_status_scenario() {
    let h = harness().await;
    let s = seeded(&h).await;
    let cookies = cookies_of_all_callers(&h.router).await;
    let (helios, northwind) = (h.helios, h.northwind);
    let (report, item, proof, right) = (
        s.helios_report,
        s.helios_pending_item,
        s.helios_proof,
        s.northwind_pending_right,
    );
    let listing = h.bazaar_listing;
    let staff_only = Expected {
        anonymous: 401,
        northwind_staff: 403,
        helios_staff: 200,
        helios_manager: 403,
        northwind_manager: 403,
        bazaar_seller: 403,
        admin: 403,
    };
    let cases = vec![
        Case {
            name: "GET /brands/helios/rights",
            request: Box::new(move |c| get(&format!("/brands/{helios}/rights"), c)),
            expected: HELIOS_PAGE,
        },
        Case {
            name: "GET /brands/helios/reports",
            request: Box::new(move |c| get(&format!("/brands/{helios}/reports"), c)),
            expected: HELIOS_PAGE,
        },
        Case {
            name: "GET /brands/helios/reports/new",
            request: Box::new(move |c| get(&format!("/brands/{helios}/reports/new"), c)),
            expected: HELIOS_PAGE,
        },
        Case {
            name: "GET /reports/:helios_report",
            request: Box::new(move |c| get(&format!("/reports/{report}"), c)),
            expected: Expected {
                anonymous: 302,
                ..HELIOS_REPORT
            },
        },
        Case {
            name: "GET /reports/999999",
            request: Box::new(|c| get("/reports/999999", c)),
            expected: Expected {
                anonymous: 302,
                northwind_staff: 404,
                helios_staff: 404,
                helios_manager: 404,
                northwind_manager: 404,
                // Sellers never read reports: refused before any lookup.
                bazaar_seller: 403,
                admin: 404,
            },
        },
        Case {
            name: "GET /review",
            request: Box::new(|c| get("/review", c)),
            expected: REVIEWERS_PAGE,
        },
        Case {
            name: "GET /review/rights",
            request: Box::new(|c| get("/review/rights", c)),
            expected: REVIEWERS_PAGE,
        },
        Case {
            name: "POST /api/rights/list_rights (Helios)",
            request: Box::new(move |c| {
                post("/api/rights/list_rights", &format!("brand_id={helios}"), c)
            }),
            expected: HELIOS_DATA,
        },
        Case {
            name: "POST /api/rights/register_right (Helios, nothing filled in)",
            request: Box::new(move |c| {
                post(
                    "/api/rights/register_right",
                    &format!(
                        "brand_id={helios}&kind=&registration_number=&jurisdiction=&classes=&expires_on=&proof_file_id=0"
                    ),
                    c,
                )
            }),
            expected: HELIOS_STAFF_INVALID,
        },
        Case {
            name: "POST /api/rights/rights_to_verify",
            request: Box::new(|c| post("/api/rights/rights_to_verify", "", c)),
            expected: REVIEWERS,
        },
        Case {
            name: "POST /api/rights/decide_right (Northwind's, rejecting without a note)",
            request: Box::new(move |c| {
                post(
                    "/api/rights/decide_right",
                    &format!("right_id={right}&verify=false&note="),
                    c,
                )
            }),
            expected: Expected {
                anonymous: 401,
                northwind_staff: 403,
                helios_staff: 403,
                helios_manager: 403,
                northwind_manager: 422,
                bazaar_seller: 403,
                admin: 422,
            },
        },
        Case {
            name: "POST /api/reports/check_lines (Helios)",
            request: Box::new(move |c| {
                let lines = format!("{listing}\nabc");
                call(
                    "/api/reports/check_lines",
                    &CheckReportLines {
                        brand_id: helios,
                        lines,
                    },
                    c,
                )
            }),
            expected: staff_only,
        },
        Case {
            name: "POST /api/reports/submit_report (Helios, empty)",
            request: Box::new(move |c| {
                call(
                    "/api/reports/submit_report",
                    &SubmitReport {
                        draft: empty_report(helios),
                    },
                    c,
                )
            }),
            expected: HELIOS_STAFF_INVALID,
        },
        Case {
            name: "POST /api/reports/list_reports (Helios)",
            request: Box::new(move |c| {
                call(
                    "/api/reports/list_reports",
                    &ListReports {
                        brand_id: helios,
                        filter: ReportFilter::default(),
                    },
                    c,
                )
            }),
            expected: HELIOS_DATA,
        },
        Case {
            name: "POST /api/reports/get_report (Helios)",
            request: Box::new(move |c| {
                post("/api/reports/get_report", &format!("report_id={report}"), c)
            }),
            expected: HELIOS_REPORT,
        },
        Case {
            name: "POST /api/reports/withdraw_items (Helios, none selected)",
            request: Box::new(move |c| {
                call(
                    "/api/reports/withdraw_items",
                    &WithdrawItems {
                        report_id: report,
                        item_ids: vec![],
                    },
                    c,
                )
            }),
            expected: Expected {
                northwind_staff: 404,
                northwind_manager: 404,
                ..HELIOS_STAFF_INVALID
            },
        },
        Case {
            name: "POST /api/reports/get_resubmission (Helios, a pending item)",
            request: Box::new(move |c| {
                post(
                    "/api/reports/get_resubmission",
                    &format!("item_id={item}"),
                    c,
                )
            }),
            expected: HELIOS_STAFF_CONFLICT,
        },
        Case {
            name: "POST /api/review/review_queue",
            request: Box::new(|c| {
                call(
                    "/api/review/review_queue",
                    &ReviewQueue {
                        filter: QueueFilter::default(),
                    },
                    c,
                )
            }),
            expected: REVIEWERS,
        },
        Case {
            name: "POST /api/review/review_queue (Helios only)",
            request: Box::new(move |c| {
                call(
                    "/api/review/review_queue",
                    &ReviewQueue {
                        filter: QueueFilter {
                            brand_id: helios,
                            ..QueueFilter::default()
                        },
                    },
                    c,
                )
            }),
            expected: HELIOS_REVIEWERS,
        },
        Case {
            name: "POST /api/review/decide_items (Helios item, rejection without explanation)",
            request: Box::new(move |c| {
                call(
                    "/api/review/decide_items",
                    &DecideItems {
                        item_ids: vec![item],
                        decision: Decision::Reject {
                            code: RejectionCode::Other,
                            explanation: String::new(),
                        },
                    },
                    c,
                )
            }),
            expected: HELIOS_REVIEWERS_INVALID,
        },
        Case {
            name: "POST /api/listings/statement_of_reasons",
            request: Box::new(move |c| {
                post(
                    "/api/listings/statement_of_reasons",
                    &format!("listing_id={listing}"),
                    c,
                )
            }),
            expected: Expected::all(200),
        },
        Case {
            // The listing is Bazaar Outlet's, so its seller follows the case too.
            name: "POST /api/listings/listing_trail (Bazaar's listing)",
            request: Box::new(move |c| {
                post(
                    "/api/listings/listing_trail",
                    &format!("listing_id={listing}"),
                    c,
                )
            }),
            expected: Expected {
                anonymous: 401,
                northwind_staff: 403,
                helios_staff: 403,
                helios_manager: 200,
                northwind_manager: 200,
                bazaar_seller: 200,
                admin: 200,
            },
        },
        Case {
            name: "POST /api/trust/get_trust (Helios)",
            request: Box::new(move |c| {
                post("/api/trust/get_trust", &format!("brand_id={helios}"), c)
            }),
            expected: HELIOS_DATA,
        },
        Case {
            name: "POST /api/trust/list_my_standings",
            request: Box::new(|c| post("/api/trust/list_my_standings", "", c)),
            expected: MANAGERS,
        },
        Case {
            name: "POST /api/admin/list_standings",
            request: Box::new(|c| post("/api/admin/list_standings", "", c)),
            expected: ADMINS,
        },
        Case {
            name: "POST /api/admin/list_managers",
            request: Box::new(|c| post("/api/admin/list_managers", "", c)),
            expected: ADMINS,
        },
        Case {
            name: "POST /api/admin/set_joint_force (Northwind, not Good Faith)",
            request: Box::new(move |c| {
                post(
                    "/api/admin/set_joint_force",
                    &format!("brand_id={northwind}&enrolled=true&manager_id=0"),
                    c,
                )
            }),
            expected: Expected {
                anonymous: 401,
                northwind_staff: 403,
                helios_staff: 403,
                helios_manager: 403,
                northwind_manager: 403,
                bazaar_seller: 403,
                admin: 409,
            },
        },
        Case {
            name: "POST /api/admin/override_tier (Helios, no reason or date)",
            request: Box::new(move |c| {
                post(
                    "/api/admin/override_tier",
                    &format!("brand_id={helios}&tier=good_faith&reason=&until="),
                    c,
                )
            }),
            expected: ADMINS_INVALID,
        },
        Case {
            name: "POST /api/reports/instant_takedown (Helios, empty)",
            request: Box::new(move |c| {
                call(
                    "/api/reports/instant_takedown",
                    &InstantTakedown {
                        draft: empty_report(helios),
                    },
                    c,
                )
            }),
            expected: HELIOS_STAFF_INVALID,
        },
        Case {
            name: "POST /api/reports/list_takedowns (Helios)",
            request: Box::new(move |c| {
                post(
                    "/api/reports/list_takedowns",
                    &format!("brand_id={helios}"),
                    c,
                )
            }),
            expected: staff_only,
        },
        Case {
            name: "POST /api/reports/retract_takedown (a reviewed Helios item)",
            request: Box::new(move |c| {
                post(
                    "/api/reports/retract_takedown",
                    &format!("item_id={item}"),
                    c,
                )
            }),
            expected: HELIOS_STAFF_CONFLICT,
        },
        Case {
            name: "GET /brands/helios/takedown (the brand's own staff only)",
            request: Box::new(move |c| get(&format!("/brands/{helios}/takedown"), c)),
            expected: Expected {
                anonymous: 302,
                northwind_staff: 403,
                helios_staff: 200,
                helios_manager: 403,
                northwind_manager: 403,
                bazaar_seller: 403,
                admin: 403,
            },
        },
        Case {
            name: "GET /files/:helios_proof",
            request: Box::new(move |c| get(&format!("/files/{proof}"), c)),
            // Whoever may not read it is told there is no such file.
            expected: Expected {
                bazaar_seller: 404,
                ..HELIOS_REPORT
            },
        },
        Case {
            // Sellers upload evidence only for an appeal, so they must name the listing.
            name: "POST /uploads/evidence",
            request: Box::new(|c| multipart("/uploads/evidence", "e.pdf", b"%PDF-1.4 test", c)),
            expected: Expected {
                anonymous: 401,
                northwind_staff: 200,
                helios_staff: 200,
                helios_manager: 403,
                northwind_manager: 403,
                bazaar_seller: 422,
                admin: 403,
            },
        },
        Case {
            name: "POST /uploads/csv",
            request: Box::new(|c| raw("/uploads/csv", b"listing,note\n12,x\n", c)),
            expected: Expected {
                anonymous: 401,
                northwind_staff: 200,
                helios_staff: 200,
                helios_manager: 403,
                northwind_manager: 403,
                bazaar_seller: 403,
                admin: 403,
            },
        },
    ];
    assert_matrix(&h.router, &cookies, &cases).await;
}

async fn a_report_goes_from_submission_to_a_public_statement_of_reasons_scenario() {
    let h = harness().await;
    let staff = sign_in(&h.router, "staff@helios.test").await;
    let pool = &h._db.db.pool;
    let right: i64 =
        sqlx::query_scalar("SELECT id FROM ip_rights WHERE brand_id = $1 AND status = 'verified'")
            .bind(h.helios)
            .fetch_one(pool)
            .await
            .expect("right");
    let (good_a, good_b) = (1500, 1501);
    let draft = |accept_partial: bool| SubmitReport {
        draft: ReportDraft {
            explanation: "Fake <script>alert('x')</script> headphones".into(),
            accept_partial,
            ..signed_report(
                h.helios,
                right,
                &format!("{good_a}\nnot a listing\nhttps://m.example/listings/{good_b}"),
                "Hana Helios",
            )
        },
    };
    let (status, _, body) = send(
        &h.router,
        call("/api/reports/submit_report", &draft(false), Some(&staff)),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("LinesNeedAttention"), "{body}");
    assert!(
        body.contains("listing URL"),
        "the bad line is explained: {body}"
    );
    let reports_before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM reports")
        .fetch_one(pool)
        .await
        .expect("count");

    let (status, _, body) = send(
        &h.router,
        call("/api/reports/submit_report", &draft(true), Some(&staff)),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let outcome: serde_json::Value = serde_json::from_str(&body).expect("json");
    let receipt = &outcome["Submitted"];
    let report = receipt["report_id"].as_i64().expect("report number");
    assert_eq!(receipt["items"].as_array().map(Vec::len), Some(2));
    assert_eq!(receipt["left_out"].as_array().map(Vec::len), Some(1));
    let reports_after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM reports")
        .fetch_one(pool)
        .await
        .expect("count");
    assert_eq!(reports_after, reports_before + 1);

    // The explanation is shown as text, never run.
    let (status, _, page) = send(&h.router, get(&format!("/reports/{report}"), Some(&staff))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        !page.contains("<script>alert('x')"),
        "script must be escaped"
    );
    assert!(page.contains("&lt;script&gt;"), "escaped text is shown");

    // Brand staff cannot decide their own report.
    let item = receipt["items"][0][0].as_i64().expect("item");
    let decide = DecideItems {
        item_ids: vec![item],
        decision: Decision::Remove,
    };
    let (status, ..) = send(
        &h.router,
        call("/api/review/decide_items", &decide, Some(&staff)),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let manager = sign_in(&h.router, "manager@goodfaith.test").await;
    let (status, _, body) = send(
        &h.router,
        call("/api/review/decide_items", &decide, Some(&manager)),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains(&format!("\"decided\":[{item}]")), "{body}");
    // A second decision on the same item is refused, naming who decided.
    let (status, _, body) = send(
        &h.router,
        call("/api/review/decide_items", &decide, Some(&manager)),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("already decided by Mara Manager"), "{body}");

    let (status, _, page) = send(&h.router, get(&format!("/listings/{good_a}"), None)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Statement of reasons"), "{page}");
    assert!(
        page.contains("Helios Audio"),
        "the notifying brand is named"
    );
}

async fn a_suspended_brand_is_refused_new_reports_with_the_reason_and_end_date_scenario() {
    let h = harness().await;
    let pool = &h._db.db.pool;
    let until = app::db::now_ms() + 30 * 86_400_000;
    sqlx::query("UPDATE brands SET suspended_until = $1 WHERE id = $2")
        .bind(until)
        .bind(h.helios)
        .execute(pool)
        .await
        .expect("suspend");
    let staff = sign_in(&h.router, "staff@helios.test").await;
    let draft = SubmitReport {
        draft: ReportDraft {
            lines: "1500".into(),
            ..empty_report(h.helios)
        },
    };
    let (status, _, body) = send(
        &h.router,
        call("/api/reports/submit_report", &draft, Some(&staff)),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert!(body.contains("suspended until"), "{body}");
    assert!(body.contains(&app::domain::format_time(until)), "{body}");
}

async fn the_demo_tiers_come_from_the_rules_scenario() {
    let h = harness().await;
    let pool = &h._db.db.pool;
    let rows: Vec<(String, String, String, i64, Option<i64>)> = sqlx::query_as(
        "SELECT name, tier, computed_tier, good_faith, misuse_warned_at FROM brands ORDER BY name",
    )
    .fetch_all(pool)
    .await
    .expect("brands");
    let find = |name: &str| rows.iter().find(|row| row.0 == name).cloned().expect(name);
    assert_eq!(find("Aurora Watches").1, "good_faith");
    assert_eq!(find("Helios Audio").1, "joint_force");
    assert_eq!(find("Borealis Optics").1, "good_faith");
    assert_eq!(find("Northwind Apparel").1, "standard");
    assert!(
        find("Cobalt Cosmetics").4.is_some(),
        "Cobalt is under a misuse warning"
    );
    // No override: the tier in force is the computed one everywhere.
    assert!(rows.iter().all(|row| row.1 == row.2));
    // Borealis is one rejection from losing Good Faith.
    let staff = sign_in(&h.router, "staff@borealis.test").await;
    let borealis: i64 = sqlx::query_scalar("SELECT id FROM brands WHERE name = 'Borealis Optics'")
        .fetch_one(pool)
        .await
        .expect("id");
    let (status, _, body) = send(
        &h.router,
        post(
            "/api/trust/get_trust",
            &format!("brand_id={borealis}"),
            Some(&staff),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(
        body.contains("1 more rejection in the window would drop you below 90 % accuracy."),
        "{body}"
    );
}

async fn only_joint_force_brands_take_listings_down_instantly_scenario() {
    let h = harness().await;
    let pool = &h._db.db.pool;
    let draft = |brand_id: i64, ip_right_id: i64, signature: &str| InstantTakedown {
        draft: signed_report(brand_id, ip_right_id, "1700\n1701", signature),
    };
    let right_of = |brand: i64| async move {
        sqlx::query_scalar::<_, i64>(
            "SELECT id FROM ip_rights WHERE brand_id = $1 AND status = 'verified'",
        )
        .bind(brand)
        .fetch_one(pool)
        .await
        .expect("right")
    };
    // Aurora is Good Faith, not Joint-Force: refused with the reason.
    let aurora: i64 = sqlx::query_scalar("SELECT id FROM brands WHERE name = 'Aurora Watches'")
        .fetch_one(pool)
        .await
        .expect("aurora");
    let staff = sign_in(&h.router, "staff@aurora.test").await;
    let (status, _, body) = send(
        &h.router,
        call(
            "/api/reports/instant_takedown",
            &draft(aurora, right_of(aurora).await, "Ari Aurora"),
            Some(&staff),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert!(
        body.contains("Instant takedown is for Joint-Force brands"),
        "{body}"
    );

    // Helios is Joint-Force: removed inside the request.
    let staff = sign_in(&h.router, "staff@helios.test").await;
    let (status, _, body) = send(
        &h.router,
        call(
            "/api/reports/instant_takedown",
            &draft(h.helios, right_of(h.helios).await, "Hana Helios"),
            Some(&staff),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("Submitted"), "{body}");
    let status: String = sqlx::query_scalar("SELECT status FROM listings WHERE id = 1700")
        .fetch_one(pool)
        .await
        .expect("listing");
    assert_eq!(status, "removed");
    let (_, _, page) = send(&h.router, get("/listings/1700", None)).await;
    assert!(
        page.contains("decided on the rights holder"),
        "the statement says it was automated"
    );
}

async fn an_authorised_sellers_listing_is_filed_only_once_confirmed_scenario() {
    let h = harness().await;
    let pool = &h._db.db.pool;
    // Helios authorises Pacific Audio House and Nordic Gear Shop (the demo's lists): four
    // live listings of theirs that nobody has reported.
    let listings: Vec<(i64, String)> = sqlx::query_as(
        "SELECT l.id, s.name FROM listings l JOIN sellers s ON s.id = l.seller_id \
         JOIN authorised_sellers a ON a.seller_id = l.seller_id AND a.brand_id = $1 \
         WHERE l.status = 'live' AND l.market_status = 'live' AND NOT EXISTS \
         (SELECT 1 FROM report_items i WHERE i.listing_id = l.id) ORDER BY l.id LIMIT 4",
    )
    .bind(h.helios)
    .fetch_all(pool)
    .await
    .expect("listings");
    assert_eq!(
        listings.len(),
        4,
        "the demo has authorised sellers' listings"
    );
    let right: i64 = sqlx::query_scalar(
        "SELECT MIN(id) FROM ip_rights WHERE brand_id = $1 AND status = 'verified'",
    )
    .bind(h.helios)
    .fetch_one(pool)
    .await
    .expect("right");
    let staff = sign_in(&h.router, "staff@helios.test").await;
    let (listing, seller) = listings[0].clone();
    let draft = |confirm: Vec<String>| SubmitReport {
        draft: ReportDraft {
            confirm_authorised: confirm,
            ..signed_report(h.helios, right, &listing.to_string(), "Hana Helios")
        },
    };

    // Unconfirmed: nothing is filed, and the line names the seller and the way to go on.
    let (status, _, body) = send(
        &h.router,
        call("/api/reports/submit_report", &draft(vec![]), Some(&staff)),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let outcome: serde_json::Value = serde_json::from_str(&body).expect("json");
    let line = &outcome["LinesNeedAttention"][0];
    assert_eq!(line["authorised_seller"], seller.as_str(), "{body}");
    assert!(
        line["outcome"]["Err"]
            .as_str()
            .is_some_and(|why| why.contains("authorised-seller list")),
        "{body}"
    );
    let filed: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM report_items WHERE listing_id = $1")
        .bind(listing)
        .fetch_one(pool)
        .await
        .expect("count");
    assert_eq!(filed, 0);

    // Confirmed: filed, and the item's timeline says so.
    let (status, _, body) = send(
        &h.router,
        call(
            "/api/reports/submit_report",
            &draft(vec![listing.to_string()]),
            Some(&staff),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let outcome: serde_json::Value = serde_json::from_str(&body).expect("json");
    let item = outcome["Submitted"]["items"][0][0].as_i64().expect("item");
    let confirmations = |item: i64| async move {
        sqlx::query_scalar::<_, String>(
            "SELECT detail FROM audit_events WHERE subject_type = 'report_item' \
             AND subject_id = $1 AND action = 'item.authorised_seller_confirmed'",
        )
        .bind(item)
        .fetch_all(pool)
        .await
        .expect("events")
    };
    let recorded = confirmations(item).await;
    assert_eq!(recorded.len(), 1);
    assert!(recorded[0].contains(&seller), "{recorded:?}");

    // The listing's page tells each brand's staff about their own brand's items only.
    let on_listing = |cookie: String| {
        let router = h.router.clone();
        async move {
            let (status, _, body) = send(
                &router,
                post(
                    "/api/listings/brand_on_listing",
                    &format!("listing_id={listing}"),
                    Some(&cookie),
                ),
            )
            .await;
            assert_eq!(status, StatusCode::OK, "{body}");
            serde_json::from_str::<serde_json::Value>(&body).expect("json")
        }
    };
    let helios_view = on_listing(staff.clone()).await;
    assert_eq!(helios_view["items"][0]["item_id"], item, "{helios_view}");
    assert_eq!(helios_view["may_report"], false, "under review already");
    let northwind_view = on_listing(sign_in(&h.router, "staff@northwind.test").await).await;
    assert_eq!(northwind_view["items"].as_array().map(Vec::len), Some(0));
    assert_eq!(northwind_view["may_report"], true);

    // An instant takedown asks the same, and records the same.
    let (takedown, _) = listings[1].clone();
    let instant = |confirm: Vec<String>| InstantTakedown {
        draft: ReportDraft {
            confirm_authorised: confirm,
            ..signed_report(h.helios, right, &takedown.to_string(), "Hana Helios")
        },
    };
    let (status, _, body) = send(
        &h.router,
        call(
            "/api/reports/instant_takedown",
            &instant(vec![]),
            Some(&staff),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("LinesNeedAttention"), "{body}");
    let (status, _, body) = send(
        &h.router,
        call(
            "/api/reports/instant_takedown",
            &instant(vec![takedown.to_string()]),
            Some(&staff),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let outcome: serde_json::Value = serde_json::from_str(&body).expect("json");
    let item = outcome["Submitted"]["items"][0][0].as_i64().expect("item");
    assert_eq!(confirmations(item).await.len(), 1);

    // The Brand API answers the same way: 422 naming the line, then 201 with the line's
    // confirmation.
    let (api_listing, _) = listings[2].clone();
    let body = |confirm: bool| {
        serde_json::json!({
            "ip_right_id": right,
            "reason": "counterfeit",
            "explanation": "Counterfeit goods with our mark.",
            "lines": [{"listing": api_listing.to_string(), "confirm_authorised_seller": confirm}],
            "declaration": {"accepted": true, "signature": "Hana Helios"},
        })
        .to_string()
    };
    let api = |json: String| {
        axum::http::Request::post("/api/v1/reports")
            .header(
                axum::http::header::AUTHORIZATION,
                format!("Bearer {}", server::seed::DEMO_API_TOKEN),
            )
            .header(axum::http::header::CONTENT_TYPE, "application/json")
            .body(axum::body::Body::from(json))
            .expect("request")
    };
    let (status, _, problem) = send(&h.router, api(body(false))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert!(problem.contains("/lines/0/listing"), "{problem}");
    assert!(problem.contains("confirm_authorised_seller"), "{problem}");
    let (status, _, filed) = send(&h.router, api(body(true))).await;
    assert_eq!(status, StatusCode::CREATED, "{filed}");
    let filed: serde_json::Value = serde_json::from_str(&filed).expect("json");
    let item = filed["items"][0]["item_id"].as_i64().expect("item");
    assert_eq!(confirmations(item).await.len(), 1);
}
