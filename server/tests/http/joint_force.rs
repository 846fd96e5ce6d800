//! Joint-Force over HTTP, through the real router: who may audit takedowns, search listings,
//! send and answer inquiries and keep the rule lists; an inquiry's way from question to
//! removal; and an audit overturn that ends a brand's instant takedown.

use crate::support::*;
use app::api::joint_force::{
    AnswerInquiry, ConfirmSellerStrikes, DecideAudit, EditLists, SearchListings, SendInquiry,
};
use app::api::reports::InstantTakedown;
use app::domain::joint_force::SuspicionRule;
use app::model::{ListEdit, ListingSearch};
use axum::http::StatusCode;

on_shared_runtime! {
    every_joint_force_endpoint_answers_each_caller_with_the_right_status => every_joint_force_endpoint_answers_each_caller_with_the_right_status_scenario,
    an_inquiry_goes_from_question_to_removal_and_stays_with_its_brand => an_inquiry_goes_from_question_to_removal_and_stays_with_its_brand_scenario,
    an_overturned_audit_ends_instant_takedown_for_the_brand => an_overturned_audit_ends_instant_takedown_for_the_brand_scenario,
}

async fn one(h: &Harness, sql: &'static str, brand: i64) -> i64 {
    sqlx::query_scalar(sql)
        .bind(brand)
        .fetch_one(&h._db.db.pool)
        .await
        .expect(sql)
}

async fn every_joint_force_endpoint_answers_each_caller_with_the_right_status_scenario() {
    let h = harness().await;
    let cookies = cookies_of_all_callers(&h.router).await;
    let helios = h.helios;
    let sample = one(
        &h,
        "SELECT MIN(item_id) FROM takedown_audits WHERE brand_id = $1 AND status = 'open'",
        helios,
    )
    .await;
    let inquiry = one(
        &h,
        "SELECT MIN(id) FROM inquiries WHERE brand_id = $1 AND status = 'open'",
        helios,
    )
    .await;
    let bazaar = one(
        &h,
        "SELECT id FROM sellers WHERE name = 'Bazaar Outlet' AND $1 > 0",
        1,
    )
    .await;
    let cases = vec![
        Case {
            name: "POST /api/joint_force/confirm_seller_strikes (Helios on Bazaar, none waiting)",
            request: Box::new(move |c| {
                call(
                    "/api/joint_force/confirm_seller_strikes",
                    &ConfirmSellerStrikes {
                        brand_id: helios,
                        seller_id: bazaar,
                    },
                    c,
                )
            }),
            // Helios's reviewers get as far as the strikes, of which none wait.
            expected: Expected {
                helios_manager: 409,
                admin: 409,
                ..NOBODY
            },
        },
        Case {
            name: "GET /manager (account managers' own page; admins have /admin)",
            request: Box::new(|c| get("/manager", c)),
            expected: MANAGERS_PAGE,
        },
        Case {
            name: "GET /review/listings",
            request: Box::new(|c| get("/review/listings", c)),
            expected: REVIEWERS_PAGE,
        },
        Case {
            name: "GET /brands/helios/inquiries",
            request: Box::new(move |c| get(&format!("/brands/{helios}/inquiries"), c)),
            expected: HELIOS_PAGE,
        },
        Case {
            name: "GET /brands/helios/lists",
            request: Box::new(move |c| get(&format!("/brands/{helios}/lists"), c)),
            expected: HELIOS_PAGE,
        },
        Case {
            name: "POST /api/joint_force/get_manager_desk",
            request: Box::new(|c| post("/api/joint_force/get_manager_desk", "", c)),
            expected: REVIEWERS,
        },
        Case {
            name: "POST /api/joint_force/decide_audit (Helios sample, overturn unexplained)",
            request: Box::new(move |c| {
                call(
                    "/api/joint_force/decide_audit",
                    &DecideAudit {
                        item_id: sample,
                        verdict: overturn(""),
                    },
                    c,
                )
            }),
            // Another brand's manager is told "not waiting for your audit", as for an item
            // that was never sampled: nobody learns which of Helios's items were.
            expected: Expected {
                northwind_manager: 404,
                ..HELIOS_REVIEWERS_INVALID
            },
        },
        Case {
            name: "POST /api/joint_force/list_askable_brands",
            request: Box::new(|c| post("/api/joint_force/list_askable_brands", "", c)),
            expected: REVIEWERS,
        },
        Case {
            name: "POST /api/joint_force/search_listings (Helios, price not a number)",
            request: Box::new(move |c| {
                call(
                    "/api/joint_force/search_listings",
                    &SearchListings {
                        search: ListingSearch {
                            brand_id: helios,
                            min_price: "abc".into(),
                            flagged_only: true,
                            ..ListingSearch::default()
                        },
                    },
                    c,
                )
            }),
            expected: HELIOS_REVIEWERS_INVALID,
        },
        Case {
            name: "POST /api/joint_force/get_rule_feedback",
            request: Box::new(|c| post("/api/joint_force/get_rule_feedback", "", c)),
            expected: REVIEWERS,
        },
        Case {
            name: "POST /api/joint_force/send_inquiry (Helios, no question)",
            request: Box::new(move |c| {
                call(
                    "/api/joint_force/send_inquiry",
                    &SendInquiry {
                        draft: inquiry_draft(helios, 1750, "", None),
                    },
                    c,
                )
            }),
            expected: HELIOS_REVIEWERS_INVALID,
        },
        Case {
            name: "POST /api/joint_force/list_inquiries (Helios)",
            request: Box::new(move |c| {
                post(
                    "/api/joint_force/list_inquiries",
                    &format!("brand_id={helios}"),
                    c,
                )
            }),
            expected: HELIOS_DATA,
        },
        Case {
            name: "POST /api/joint_force/answer_inquiry (Helios's, counterfeit unsigned)",
            request: Box::new(move |c| {
                call(
                    "/api/joint_force/answer_inquiry",
                    &AnswerInquiry {
                        answer: counterfeit_answer(inquiry, 0, "", None),
                    },
                    c,
                )
            }),
            expected: HELIOS_STAFF_INVALID,
        },
        Case {
            name: "POST /api/joint_force/get_suspicion_lists (Helios)",
            request: Box::new(move |c| {
                post(
                    "/api/joint_force/get_suspicion_lists",
                    &format!("brand_id={helios}"),
                    c,
                )
            }),
            expected: HELIOS_DATA,
        },
        Case {
            name: "POST /api/joint_force/edit_lists (Helios, nameless product line)",
            request: Box::new(move |c| {
                call(
                    "/api/joint_force/edit_lists",
                    &EditLists {
                        brand_id: helios,
                        edit: ListEdit::SetPrice {
                            product_line: String::new(),
                            price: "12".into(),
                        },
                    },
                    c,
                )
            }),
            expected: HELIOS_STAFF_INVALID,
        },
    ];
    assert_matrix(&h.router, &cookies, &cases).await;
}

async fn an_inquiry_goes_from_question_to_removal_and_stays_with_its_brand_scenario() {
    let h = harness().await;
    let pool = &h._db.db.pool;
    let manager = sign_in(&h.router, "manager@goodfaith.test").await;
    let ask = |brand_id: i64, listing_id: i64| SendInquiry {
        draft: inquiry_draft(
            brand_id,
            listing_id,
            "Is this listing genuine?",
            Some(SuspicionRule::PriceBelowReference),
        ),
    };
    // Aurora is Good Faith only: not asked.
    let aurora = one(
        &h,
        "SELECT id FROM brands WHERE name = 'Aurora Watches' AND $1 > 0",
        1,
    )
    .await;
    let (status, _, body) = send(
        &h.router,
        call(
            "/api/joint_force/send_inquiry",
            &ask(aurora, 1750),
            Some(&manager),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert!(body.contains("Joint-Force"), "{body}");

    let (status, _, body) = send(
        &h.router,
        call(
            "/api/joint_force/send_inquiry",
            &ask(h.helios, 1750),
            Some(&manager),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let inquiry: i64 = body.trim().parse().expect("inquiry number");
    // Asked once at a time.
    let (status, _, body) = send(
        &h.router,
        call(
            "/api/joint_force/send_inquiry",
            &ask(h.helios, 1750),
            Some(&manager),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");

    let right = one(
        &h,
        "SELECT MIN(id) FROM ip_rights WHERE brand_id = $1 AND status = 'verified'",
        h.helios,
    )
    .await;
    let answer = AnswerInquiry {
        answer: counterfeit_answer(inquiry, right, "Fake serial numbers.", Some("Hana Helios")),
    };
    // Another brand's staff cannot answer (or read) it.
    let northwind = sign_in(&h.router, "staff@northwind.test").await;
    let (status, _, _) = send(
        &h.router,
        call("/api/joint_force/answer_inquiry", &answer, Some(&northwind)),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let helios = sign_in(&h.router, "staff@helios.test").await;
    let (status, _, body) = send(
        &h.router,
        post("/api/auth/get_current_user", "", Some(&helios)),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains(r#""open_inquiries":2"#), "{body}");
    let (status, _, body) = send(
        &h.router,
        call("/api/joint_force/answer_inquiry", &answer, Some(&helios)),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("listing 1750 removed"), "{body}");
    let status: String = sqlx::query_scalar("SELECT status FROM listings WHERE id = 1750")
        .fetch_one(pool)
        .await
        .expect("listing");
    assert_eq!(status, "removed");
    let (_, _, page) = send(&h.router, get("/listings/1750", None)).await;
    assert!(page.contains("decided on the rights holder"), "{page}");
    let (_, _, body) = send(
        &h.router,
        post(
            "/api/joint_force/list_inquiries",
            &format!("brand_id={}", h.helios),
            Some(&manager),
        ),
    )
    .await;
    assert!(body.contains(r#""status":"Counterfeit""#), "{body}");
    assert!(body.contains(r#""report_item":["#), "{body}");
}

async fn an_overturned_audit_ends_instant_takedown_for_the_brand_scenario() {
    let h = harness().await;
    let sample = one(
        &h,
        "SELECT MIN(item_id) FROM takedown_audits WHERE brand_id = $1 AND status = 'open'",
        h.helios,
    )
    .await;
    let overturn = DecideAudit {
        item_id: sample,
        verdict: overturn("The seller showed a distributor invoice."),
    };
    // Another brand's manager may not audit Helios, nor learn the item was sampled.
    let other = sign_in(&h.router, "manager2@goodfaith.test").await;
    let (status, _, _) = send(
        &h.router,
        call("/api/joint_force/decide_audit", &overturn, Some(&other)),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let manager = sign_in(&h.router, "manager@goodfaith.test").await;
    let (status, _, body) = send(
        &h.router,
        call("/api/joint_force/decide_audit", &overturn, Some(&manager)),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("lost instant takedown"), "{body}");
    let staff = sign_in(&h.router, "staff@helios.test").await;
    let draft = InstantTakedown {
        draft: signed_report(h.helios, 1, "1760", "Hana Helios"),
    };
    let (status, _, body) = send(
        &h.router,
        call("/api/reports/instant_takedown", &draft, Some(&staff)),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert!(body.contains("lost Good Faith standing"), "{body}");
}
