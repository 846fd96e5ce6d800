//! Notice and action over HTTP, through the real router: who may read and act on rights,
//! reports, the queue, decisions and files — every endpoint, every kind of caller — and text
//! that must stay text.

use crate::support::*;
use app::api::reports::{
    CheckReportLines, InstantTakedown, ListReports, SubmitReport, WithdrawItems,
};
use app::api::review::{DecideItems, ReviewQueue};
use app::domain::RejectionCode;
use app::model::{Decision, QueueFilter, ReportFilter};

on_shared_runtime! {
    every_notice_endpoint_answers_each_caller_with_the_right_status => every_notice_endpoint_answers_each_caller_with_the_right_status_scenario,
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
