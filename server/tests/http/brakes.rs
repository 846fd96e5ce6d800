//! The brakes on instant takedown, through the real router: a brand's hourly cap refuses the
//! takedown past it (429, nothing stored) and tells its manager once; strikes from instant
//! takedowns suspend a seller only when a person confirms them — the brand's manager on the
//! desk, or one of the takedowns confirmed in audit.

use crate::support::*;
use app::api::joint_force::{ConfirmSellerStrikes, DecideAudit};
use app::api::reports::InstantTakedown;
use app::domain::Rules;
use app::domain::joint_force::{AuditSampling, TakedownCaps};
use app::model::AuditVerdict;
use axum::http::StatusCode;
use tower::ServiceExt;

on_shared_runtime! {
    a_brand_past_its_hourly_cap_is_refused_and_its_manager_told => a_brand_past_its_hourly_cap_is_refused_and_its_manager_told_scenario,
    instant_takedown_strikes_wait_for_a_person_to_count => instant_takedown_strikes_wait_for_a_person_to_count_scenario,
    an_audit_confirmation_counts_the_brands_strikes_on_the_seller => an_audit_confirmation_counts_the_brands_strikes_on_the_seller_scenario,
}

/// A cap of 3 an hour (and 100 a day: the demo's own takedowns, six hours before the seed,
/// may fall on today), and `sampled` of the takedowns audited.
fn rules(sampled: i64) -> Rules {
    let mut rules = Rules::default();
    rules.joint_force.caps = TakedownCaps {
        hourly: 3,
        daily: 100,
    };
    rules.joint_force.audit = AuditSampling {
        share_bp: sampled,
        seed: 7,
    };
    rules
}

async fn one(h: &Harness, sql: &'static str, bind: i64) -> i64 {
    sqlx::query_scalar(sql)
        .bind(bind)
        .fetch_one(&h._db.db.pool)
        .await
        .expect(sql)
}

/// Live listings of a seller that nobody has reported, lowest id first.
async fn live_listings_of(h: &Harness, seller: &str, count: i64) -> Vec<i64> {
    sqlx::query_scalar(
        "SELECT l.id FROM listings l JOIN sellers s ON s.id = l.seller_id \
         WHERE s.name = $1 AND l.status = 'live' \
         AND NOT EXISTS (SELECT 1 FROM report_items i WHERE i.listing_id = l.id) \
         ORDER BY l.id LIMIT $2",
    )
    .bind(seller)
    .bind(count)
    .fetch_all(&h._db.db.pool)
    .await
    .expect("live listings")
}

/// Helios takes the listings down instantly, signed in as `staff`.
async fn take_down(h: &Harness, staff: &str, listings: &[i64]) -> axum::response::Response {
    let right = one(
        h,
        "SELECT MIN(id) FROM ip_rights WHERE brand_id = $1 AND status = 'verified'",
        h.helios,
    )
    .await;
    let lines: Vec<String> = listings.iter().map(i64::to_string).collect();
    let draft = InstantTakedown {
        draft: signed_report(h.helios, right, &lines.join("\n"), "Hana Helios"),
    };
    h.router
        .clone()
        .oneshot(call("/api/reports/instant_takedown", &draft, Some(staff)))
        .await
        .expect("response")
}

async fn body_of(response: axum::response::Response) -> String {
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("body");
    String::from_utf8_lossy(&bytes).into_owned()
}

async fn bazaar_suspended(h: &Harness) -> bool {
    one(
        h,
        "SELECT COUNT(*) FROM sellers WHERE name = 'Bazaar Outlet' AND suspended_until > $1",
        app::db::now_ms(),
    )
    .await
        == 1
}

async fn a_brand_past_its_hourly_cap_is_refused_and_its_manager_told_scenario() {
    let h = harness_with(rules(0)).await;
    let staff = sign_in(&h.router, "staff@helios.test").await;
    let listings = live_listings_of(&h, "Harbour Goods", 5).await;
    assert_eq!(listings.len(), 5, "the demo has five unreported listings");
    let response = take_down(&h, &staff, &listings[..3]).await;
    assert_eq!(
        response.status(),
        StatusCode::OK,
        "{}",
        body_of(response).await
    );
    let items_before = one(&h, "SELECT COUNT(*) FROM report_items WHERE $1 > 0", 1).await;
    // The fourth listing of the hour passes the cap of three: refused, with the wait.
    for _ in 0..2 {
        let response = take_down(&h, &staff, &listings[3..4]).await;
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        let retry_after = retry_after_secs(&response);
        assert!((1..=3_600).contains(&retry_after), "{retry_after}");
        let body = body_of(response).await;
        assert!(body.contains("Nothing was taken down"), "{body}");
        assert!(body.contains("cap of 3 an hour"), "{body}");
    }
    // Nothing of the refused takedowns was stored, and the listing is still live.
    let items_after = one(&h, "SELECT COUNT(*) FROM report_items WHERE $1 > 0", 1).await;
    assert_eq!(items_after, items_before);
    let live = one(
        &h,
        "SELECT COUNT(*) FROM listings WHERE id = $1 AND status = 'live'",
        listings[3],
    )
    .await;
    assert_eq!(live, 1);
    // The manager was told once, however often the cap was hit.
    let alerts = one(
        &h,
        "SELECT COUNT(*) FROM audit_events WHERE action = 'brand.takedown_hourly_cap_reached' \
         AND brand_id = $1",
        h.helios,
    )
    .await;
    assert_eq!(alerts, 1);
    // Helios's manager sees it on the desk; another brand's manager does not.
    let manager = sign_in(&h.router, "manager@goodfaith.test").await;
    let (status, _, desk) = send(
        &h.router,
        post("/api/joint_force/get_manager_desk", "", Some(&manager)),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{desk}");
    assert!(
        desk.contains("cap_alerts") && desk.contains("Helios Audio"),
        "{desk}"
    );
    let other = sign_in(&h.router, "manager2@goodfaith.test").await;
    let (_, _, desk) = send(
        &h.router,
        post("/api/joint_force/get_manager_desk", "", Some(&other)),
    )
    .await;
    let alerts_part = desk.split("cap_alerts").nth(1).unwrap_or_default();
    assert!(!alerts_part.contains("Helios Audio"), "{desk}");
}

async fn instant_takedown_strikes_wait_for_a_person_to_count_scenario() {
    let h = harness_with(rules(0)).await;
    let staff = sign_in(&h.router, "staff@helios.test").await;
    // Bazaar has one strike already (a reviewed removal); three more would reach the limit.
    let listings = live_listings_of(&h, "Bazaar Outlet", 3).await;
    assert_eq!(listings.len(), 3);
    let response = take_down(&h, &staff, &listings).await;
    assert_eq!(
        response.status(),
        StatusCode::OK,
        "{}",
        body_of(response).await
    );
    let waiting = one(
        &h,
        "SELECT COUNT(*) FROM strikes s JOIN sellers sl ON sl.id = s.seller_id \
         WHERE sl.name = 'Bazaar Outlet' AND s.confirmed = $1",
        0,
    )
    .await;
    assert_eq!(waiting, 3);
    assert!(
        !bazaar_suspended(&h).await,
        "the brand's word alone suspends nobody"
    );
    let bazaar = one(
        &h,
        "SELECT id FROM sellers WHERE name = 'Bazaar Outlet' AND $1 > 0",
        1,
    )
    .await;
    let confirm = ConfirmSellerStrikes {
        brand_id: h.helios,
        seller_id: bazaar,
    };
    // Neither the brand itself, nor another brand's manager, nor anyone signed out.
    for (who, expected) in [
        (Some(staff.clone()), StatusCode::FORBIDDEN),
        (
            Some(sign_in(&h.router, "manager2@goodfaith.test").await),
            StatusCode::FORBIDDEN,
        ),
        (None, StatusCode::UNAUTHORIZED),
    ] {
        let (status, _, body) = send(
            &h.router,
            call(
                "/api/joint_force/confirm_seller_strikes",
                &confirm,
                who.as_deref(),
            ),
        )
        .await;
        assert_eq!(status, expected, "{body}");
    }
    assert!(!bazaar_suspended(&h).await);
    // Helios's manager sees the strikes waiting, and confirming them suspends the seller.
    let manager = sign_in(&h.router, "manager@goodfaith.test").await;
    let (_, _, desk) = send(
        &h.router,
        post("/api/joint_force/get_manager_desk", "", Some(&manager)),
    )
    .await;
    assert!(desk.contains("Bazaar Outlet"), "{desk}");
    let confirm_as = |cookie: &str| {
        call(
            "/api/joint_force/confirm_seller_strikes",
            &confirm,
            Some(cookie),
        )
    };
    let (status, _, body) = send(&h.router, confirm_as(&manager)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(
        body.contains("3 strikes") && body.contains("suspended until"),
        "{body}"
    );
    assert!(bazaar_suspended(&h).await);
    // Nothing is left to confirm.
    let (status, _, body) = send(&h.router, confirm_as(&manager)).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
}

async fn an_audit_confirmation_counts_the_brands_strikes_on_the_seller_scenario() {
    // Every takedown sampled, so the manager audits the first.
    let h = harness_with(rules(10_000)).await;
    let staff = sign_in(&h.router, "staff@helios.test").await;
    let listings = live_listings_of(&h, "Bazaar Outlet", 2).await;
    for listing in &listings {
        let response = take_down(&h, &staff, std::slice::from_ref(listing)).await;
        assert_eq!(
            response.status(),
            StatusCode::OK,
            "{}",
            body_of(response).await
        );
    }
    let first: i64 = one(
        &h,
        "SELECT item_id FROM strikes WHERE listing_id = $1",
        listings[0],
    )
    .await;
    let manager = sign_in(&h.router, "manager@goodfaith.test").await;
    let confirm = DecideAudit {
        item_id: first,
        verdict: AuditVerdict::Confirm,
    };
    let (status, _, body) = send(
        &h.router,
        call("/api/joint_force/decide_audit", &confirm, Some(&manager)),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // Both of Helios's strikes on Bazaar now count: with the reviewed one, three suspend.
    let waiting = one(
        &h,
        "SELECT COUNT(*) FROM strikes s JOIN sellers sl ON sl.id = s.seller_id \
         WHERE sl.name = 'Bazaar Outlet' AND s.confirmed = $1",
        0,
    )
    .await;
    assert_eq!(waiting, 0);
    assert!(bazaar_suspended(&h).await);
    // The seller reads it in plain words, without the audit.
    let seller = sign_in(&h.router, "seller@bazaar.test").await;
    let (status, _, body) = send(
        &h.router,
        post(
            "/api/listings/listing_trail",
            &format!("listing_id={}", listings[1]),
            Some(&seller),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(
        body.contains("Strike confirmed by marketplace staff"),
        "{body}"
    );
    assert!(!body.contains("audit"), "{body}");
}
