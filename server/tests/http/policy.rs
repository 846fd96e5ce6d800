//! The Policy page through the real router: only admins read and change the thresholds; a
//! change is checked against its bounds, in force at once (here and, on its next look, on
//! another instance), moves pending deadlines with a review target, recomputes tiers with a
//! tier threshold, and is kept with its reason.

use crate::support::*;
use app::api::policy::ChangePolicy;
use app::model::PolicyView;
use axum::http::StatusCode;

on_shared_runtime! {
    only_admins_read_and_change_the_policy => matrix_scenario,
    a_new_review_target_moves_pending_deadlines_at_once => review_target_scenario,
    a_new_tier_threshold_recomputes_tiers_and_reaches_other_instances => tier_threshold_scenario,
}

fn change(key: &str, value: &str, reason: &str) -> ChangePolicy {
    ChangePolicy {
        key: key.into(),
        value: value.into(),
        reason: reason.into(),
    }
}

async fn matrix_scenario() {
    let h = harness().await;
    let cookies = cookies_of_all_callers(&h.router).await;
    let cases = vec![
        Case {
            name: "GET /admin/policy",
            request: Box::new(|c| get("/admin/policy", c)),
            expected: Expected {
                anonymous: 302,
                ..ADMINS
            },
        },
        Case {
            name: "POST /api/admin/get_policy",
            request: Box::new(|c| post("/api/admin/get_policy", "", c)),
            expected: ADMINS,
        },
        Case {
            name: "POST /api/admin/change_policy (accuracy out of range)",
            request: Box::new(|c| {
                call(
                    "/api/admin/change_policy",
                    &change("tier_min_accuracy", "49", "Testing the bounds"),
                    c,
                )
            }),
            expected: ADMINS_INVALID,
        },
        Case {
            name: "POST /api/policy/policy_summary",
            request: Box::new(|c| post("/api/policy/policy_summary", "", c)),
            expected: Expected::all(200),
        },
    ];
    assert_matrix(&h.router, &cookies, &cases).await;
}

async fn send_change(h: &Harness, admin: &str, args: &ChangePolicy) -> (StatusCode, String) {
    let (status, _, body) = send(
        &h.router,
        call("/api/admin/change_policy", args, Some(admin)),
    )
    .await;
    (status, body)
}

async fn review_target_scenario() {
    let h = harness().await;
    let pool = h._db.db.pool.clone();
    let admin = sign_in(&h.router, "admin@goodfaith.test").await;
    // Each refusal names its field: an unknown setting, a value out of range or not a number,
    // no reason.
    for (args, field) in [
        (change("review_days", "2", "Longer reviews"), "key"),
        (
            change("review_hours_standard", "0", "Longer reviews"),
            "value",
        ),
        (
            change("review_hours_standard", "two days", "Longer reviews"),
            "value",
        ),
        (change("review_hours_standard", "48", ""), "reason"),
    ] {
        let (status, body) = send_change(&h, &admin, &args).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(body.contains(field), "{field} in {body}");
    }
    let (status, body) = send_change(
        &h,
        &admin,
        &change("review_hours_standard", "24", "No change"),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");

    // Northwind is Standard: its pending items are due 24 hours after submission, then 48.
    let lateness = || {
        let pool = pool.clone();
        let brand = h.northwind;
        async move {
            sqlx::query_as::<_, (i64, i64)>(
                "SELECT MIN(deadline_at - submitted_at), MAX(deadline_at - submitted_at) \
                 FROM report_items WHERE brand_id = $1 AND status = 'pending'",
            )
            .bind(brand)
            .fetch_one(&pool)
            .await
            .expect("deadlines")
        }
    };
    assert_eq!(lateness().await, (24 * 3_600_000, 24 * 3_600_000));
    let (status, body) = send_change(
        &h,
        &admin,
        &change(
            "review_hours_standard",
            "48",
            "Two reviewers on leave in December",
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("24 hours → 48 hours"), "{body}");
    assert_eq!(lateness().await, (48 * 3_600_000, 48 * 3_600_000));
    // Good Faith brands' items did not move.
    let helios: i64 = sqlx::query_scalar(
        "SELECT MAX(deadline_at - submitted_at) FROM report_items WHERE brand_id = $1 \
         AND status = 'pending'",
    )
    .bind(h.helios)
    .fetch_one(&pool)
    .await
    .expect("Helios");
    assert_eq!(helios, 4 * 3_600_000);
    // A report filed now is due in 48 hours too, and the brand page says so.
    let northwind = sign_in(&h.router, "staff@northwind.test").await;
    let (_, _, page) = send(
        &h.router,
        get(&format!("/brands/{}", h.northwind), Some(&northwind)),
    )
    .await;
    assert!(
        page.contains("Reports are reviewed within 48 hours."),
        "brand page"
    );
    // The page lists it, changed from its default, with the history.
    let (status, _, body) = send(&h.router, post("/api/admin/get_policy", "", Some(&admin))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let view: PolicyView = serde_json::from_str(&body).expect("policy");
    let standard = view
        .settings
        .iter()
        .find(|s| s.key == "review_hours_standard")
        .expect("setting");
    assert_eq!(
        (standard.value.as_str(), standard.changed),
        ("48 hours", true)
    );
    assert_eq!(standard.default, "24 hours");
    assert_eq!(view.changes.len(), 1);
    assert_eq!(view.changes[0].reason, "Two reviewers on leave in December");
    assert_eq!(view.changes[0].by, "Ada Admin");
    let detail: String =
        sqlx::query_scalar("SELECT detail FROM audit_events WHERE action = 'policy.changed'")
            .fetch_one(&pool)
            .await
            .expect("audited");
    assert!(detail.contains("deadlines of"), "{detail}");
}

async fn tier_threshold_scenario() {
    let h = harness().await;
    let pool = h._db.db.pool.clone();
    let admin = sign_in(&h.router, "admin@goodfaith.test").await;
    let tier_of = |name: &'static str| {
        let pool = pool.clone();
        async move {
            sqlx::query_scalar::<_, String>("SELECT tier FROM brands WHERE name = $1")
                .bind(name)
                .fetch_one(&pool)
                .await
                .expect("tier")
        }
    };
    // Another instance on the same database, started before the change.
    let other = app::service::policy::LiveRules::new(app::domain::Rules::default());
    other.refresh(&pool).await.expect("refresh");
    let before = tier_of("Aurora Watches").await;
    assert_eq!(before, "good_faith");
    // Nobody reaches 100 % here: Aurora's rejections take it out of Good Faith at once.
    let (status, body) = send_change(
        &h,
        &admin,
        &change("tier_min_accuracy", "100", "Trying a perfect record"),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("tiers recomputed"), "{body}");
    assert_eq!(tier_of("Aurora Watches").await, "standard");
    assert!(
        other.refresh(&pool).await.expect("refresh"),
        "saw the change"
    );
    assert_eq!(other.current().policy.min_accuracy_bp, 10_000);
    assert!(!other.refresh(&pool).await.expect("refresh"), "nothing new");
}
