//! Notice and action over HTTP, through the real router: a report's way from submission to
//! the public statement of reasons, suspended brands, tiers, instant takedown and authorised
//! sellers. Who may call which endpoint is in `notice_matrix.rs`.

use crate::support::*;
use app::api::reports::{InstantTakedown, SubmitReport};
use app::api::review::DecideItems;
use app::model::{Decision, ReportDraft};
use axum::http::StatusCode;

on_shared_runtime! {
    a_report_goes_from_submission_to_a_public_statement_of_reasons => a_report_goes_from_submission_to_a_public_statement_of_reasons_scenario,
    a_suspended_brand_is_refused_new_reports_with_the_reason_and_end_date => a_suspended_brand_is_refused_new_reports_with_the_reason_and_end_date_scenario,
    the_demo_tiers_come_from_the_rules => the_demo_tiers_come_from_the_rules_scenario,
    only_joint_force_brands_take_listings_down_instantly => only_joint_force_brands_take_listings_down_instantly_scenario,
    an_authorised_sellers_listing_is_filed_only_once_confirmed => an_authorised_sellers_listing_is_filed_only_once_confirmed_scenario,
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
