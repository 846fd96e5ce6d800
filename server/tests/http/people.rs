//! People, through the real router: only admins list, deactivate and reactivate accounts; a
//! deactivated account is signed out everywhere at once and cannot sign in again until it is
//! reactivated; each change is on the audit trail.

use crate::support::*;
use app::api::brands::AssignBrandManager;
use app::api::people::{DeactivatePerson, ReactivatePerson, SetStaffRole};
use app::model::PeopleList;
use axum::http::StatusCode;

on_shared_runtime! {
    only_admins_manage_people => only_admins_manage_people_scenario,
    a_deactivated_account_is_signed_out_and_cannot_sign_in_until_reactivated => a_deactivated_account_is_signed_out_and_cannot_sign_in_until_reactivated_scenario,
    an_admin_reassigns_a_brands_manager_and_its_pending_items_follow => an_admin_reassigns_a_brands_manager_and_its_pending_items_follow_scenario,
    an_admin_makes_a_manager_an_admin_and_back => staff_role_scenario,
}

/// The id of the account signed in as `email`.
async fn user_id(h: &Harness, email: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(email)
        .fetch_one(&h._db.db.pool)
        .await
        .expect("user")
}

/// The People page's list as `cookie` sees it with the filter `form`.
async fn people(h: &Harness, form: &str, cookie: &str) -> (StatusCode, Option<PeopleList>, String) {
    let (status, _, body) = send(
        &h.router,
        post("/api/admin/list_people", form, Some(cookie)),
    )
    .await;
    (status, serde_json::from_str(&body).ok(), body)
}

async fn only_admins_manage_people_scenario() {
    let h = harness().await;
    let cookies = cookies_of_all_callers(&h.router).await;
    let northwind_staff = user_id(&h, "staff@northwind.test").await;
    let cases = vec![
        Case {
            name: "GET /admin/people",
            request: Box::new(|c| get("/admin/people", c)),
            expected: Expected {
                anonymous: 302,
                ..ADMINS
            },
        },
        Case {
            name: "POST /api/admin/list_people",
            request: Box::new(|c| post("/api/admin/list_people", "role=&status=&text=", c)),
            expected: ADMINS,
        },
        Case {
            name: "POST /api/admin/deactivate_person (no reason)",
            request: Box::new(move |c| {
                let args = DeactivatePerson {
                    user_id: northwind_staff,
                    reason: String::new(),
                };
                call("/api/admin/deactivate_person", &args, c)
            }),
            // Northwind's brand admin gets as far as "not your own account".
            expected: Expected {
                northwind_staff: 409,
                ..ADMINS_INVALID
            },
        },
        Case {
            name: "POST /api/admin/assign_brand_manager (a brand staff member is no manager)",
            request: Box::new(move |c| {
                let args = AssignBrandManager {
                    brand_id: 1,
                    manager_id: northwind_staff,
                };
                call("/api/admin/assign_brand_manager", &args, c)
            }),
            expected: ADMINS_INVALID,
        },
        Case {
            name: "POST /api/admin/set_staff_role (to seller)",
            request: Box::new(move |c| {
                let args = SetStaffRole {
                    user_id: northwind_staff,
                    role: "seller".into(),
                };
                call("/api/admin/set_staff_role", &args, c)
            }),
            expected: ADMINS_INVALID,
        },
        Case {
            name: "POST /api/admin/list_manager_loads",
            request: Box::new(|c| post("/api/admin/list_manager_loads", "", c)),
            expected: ADMINS,
        },
        Case {
            name: "POST /api/admin/reactivate_person (an active account)",
            request: Box::new(move |c| {
                let args = ReactivatePerson {
                    user_id: northwind_staff,
                };
                call("/api/admin/reactivate_person", &args, c)
            }),
            // Northwind's brand admin manages Northwind's staff: active already, as for admins.
            expected: Expected {
                admin: 409,
                northwind_staff: 409,
                ..NOBODY
            },
        },
    ];
    assert_matrix(&h.router, &cookies, &cases).await;
}

async fn a_deactivated_account_is_signed_out_and_cannot_sign_in_until_reactivated_scenario() {
    let h = harness().await;
    let admin = sign_in(&h.router, "admin@goodfaith.test").await;
    let aurora = sign_in(&h.router, "staff@aurora.test").await;
    let aurora_again = sign_in(&h.router, "staff@aurora.test").await;
    let aurora_id = user_id(&h, "staff@aurora.test").await;
    let admin_id = user_id(&h, "admin@goodfaith.test").await;

    // The filter finds the account by its brand's name, any case, and counts what matches.
    let (status, list, body) = people(&h, "role=brand_staff&status=&text=AURORA", &admin).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let list = list.expect("a list");
    assert_eq!(list.matching, 1, "{body}");
    assert_eq!(list.people[0].email, "staff@aurora.test");
    assert_eq!(list.people[0].belongs_to.as_deref(), Some("Aurora Watches"));
    assert!(list.people[0].last_signed_in.is_some(), "{body}");
    // A role that does not exist, and a search over its limit, are refused by their field.
    let (status, _, body) = people(&h, "role=superuser", &admin).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("role"), "{body}");
    let long = format!("text={}", "x".repeat(101));
    let (status, _, body) = people(&h, &long, &admin).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("text"), "{body}");

    // An admin cannot lock themselves out.
    let own = DeactivatePerson {
        user_id: admin_id,
        reason: "Leaving the company".into(),
    };
    let (status, _, body) = send(
        &h.router,
        call("/api/admin/deactivate_person", &own, Some(&admin)),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");

    let deactivate = DeactivatePerson {
        user_id: aurora_id,
        reason: "Left Aurora in November".into(),
    };
    let (status, _, body) = send(
        &h.router,
        call("/api/admin/deactivate_person", &deactivate, Some(&admin)),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("signed out everywhere"), "{body}");
    // Both of the person's sessions ended at once.
    for cookie in [&aurora, &aurora_again] {
        let (status, _, _) = send(
            &h.router,
            post("/api/auth/list_my_sessions", "", Some(cookie)),
        )
        .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    // The right password is told the account is deactivated; a wrong one learns nothing.
    let form = format!(
        "email=staff@aurora.test&password={}",
        server::seed::DEMO_PASSWORD
    );
    let (status, _, body) = send(&h.router, post("/api/auth/login", &form, None)).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert!(body.contains("deactivated"), "{body}");
    let (status, _, body) = send(
        &h.router,
        post(
            "/api/auth/login",
            "email=staff@aurora.test&password=wrong-guess",
            None,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(!body.contains("deactivated"), "{body}");
    // Twice is a conflict; the list shows it with its reason.
    let (status, _, _) = send(
        &h.router,
        call("/api/admin/deactivate_person", &deactivate, Some(&admin)),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    let (_, list, body) = people(&h, "status=deactivated", &admin).await;
    let list = list.expect("a list");
    assert_eq!(list.matching, 1, "{body}");
    assert_eq!(list.people[0].deactivated_reason, "Left Aurora in November");

    let reactivate = ReactivatePerson { user_id: aurora_id };
    let (status, _, body) = send(
        &h.router,
        call("/api/admin/reactivate_person", &reactivate, Some(&admin)),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, _, body) = send(&h.router, post("/api/auth/login", &form, None)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let actions: Vec<String> = sqlx::query_scalar(
        "SELECT action FROM audit_events WHERE subject_type = 'user' AND subject_id = $1 \
         AND action LIKE 'user.%' ORDER BY id",
    )
    .bind(aurora_id)
    .fetch_all(&h._db.db.pool)
    .await
    .expect("events");
    assert_eq!(actions, ["user.deactivated", "user.reactivated"]);
}

async fn an_admin_reassigns_a_brands_manager_and_its_pending_items_follow_scenario() {
    let h = harness().await;
    let admin = sign_in(&h.router, "admin@goodfaith.test").await;
    let nils = user_id(&h, "manager2@goodfaith.test").await;
    let pending_of = |manager: i64| {
        let pool = h._db.db.pool.clone();
        let brand = h.helios;
        async move {
            sqlx::query_scalar::<_, i64>(
                "SELECT COUNT(*) FROM report_items WHERE brand_id = $1 AND status = 'pending' \
                 AND manager_id = $2",
            )
            .bind(brand)
            .bind(manager)
            .fetch_one(&pool)
            .await
            .expect("count")
        }
    };
    let mara = user_id(&h, "manager@goodfaith.test").await;
    let pending = pending_of(mara).await;
    assert!(pending > 0, "Helios has pending items in Mara's queue");
    // The managers' work as the People page shows it: counted from the queue itself.
    let loads = |cookie: String| {
        let router = h.router.clone();
        async move {
            let (status, _, body) = send(
                &router,
                post("/api/admin/list_manager_loads", "", Some(&cookie)),
            )
            .await;
            assert_eq!(status, StatusCode::OK, "{body}");
            serde_json::from_str::<Vec<app::model::ManagerLoad>>(&body).expect("loads")
        }
    };
    let queue_of = |manager: i64| {
        let pool = h._db.db.pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>(
                "SELECT COUNT(*) FROM report_items WHERE status = 'pending' AND manager_id = $1",
            )
            .bind(manager)
            .fetch_one(&pool)
            .await
            .expect("count")
        }
    };
    let before = loads(admin.clone()).await;
    let mara_load = before.iter().find(|load| load.id == mara).expect("Mara");
    assert!(
        mara_load.brands.iter().any(|name| name == "Helios Audio"),
        "{mara_load:?}"
    );
    assert_eq!(mara_load.pending, queue_of(mara).await);
    let assign = AssignBrandManager {
        brand_id: h.helios,
        manager_id: nils,
    };
    let (status, _, body) = send(
        &h.router,
        call("/api/admin/assign_brand_manager", &assign, Some(&admin)),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("Nils Manager"), "{body}");
    // Every pending item moved, and the new manager may now review the brand; the old not.
    assert_eq!(
        (pending_of(mara).await, pending_of(nils).await),
        (0, pending)
    );
    let nils_cookie = sign_in(&h.router, "manager2@goodfaith.test").await;
    let mara_cookie = sign_in(&h.router, "manager@goodfaith.test").await;
    let page = format!("/brands/{}", h.helios);
    assert_eq!(
        send(&h.router, get(&page, Some(&nils_cookie))).await.0,
        StatusCode::OK
    );
    assert_eq!(
        send(&h.router, get(&page, Some(&mara_cookie))).await.0,
        StatusCode::FORBIDDEN
    );
    // The same again is a conflict; the change is on the brand's trail.
    let (status, _, _) = send(
        &h.router,
        call("/api/admin/assign_brand_manager", &assign, Some(&admin)),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    let detail: String = sqlx::query_scalar(
        "SELECT detail FROM audit_events WHERE action = 'brand.manager_assigned' AND brand_id = $1",
    )
    .bind(h.helios)
    .fetch_one(&h._db.db.pool)
    .await
    .expect("event");
    assert_eq!(detail, "Account manager: Mara Manager → Nils Manager");
}

async fn staff_role_scenario() {
    let h = harness().await;
    let admin = sign_in(&h.router, "admin@goodfaith.test").await;
    let nils = user_id(&h, "manager2@goodfaith.test").await;
    let ada = user_id(&h, "admin@goodfaith.test").await;
    let staff = user_id(&h, "staff@helios.test").await;
    let change = |user_id: i64, role: &str| SetStaffRole {
        user_id,
        role: role.into(),
    };
    let send_change = |args: SetStaffRole| {
        let router = h.router.clone();
        let admin = admin.clone();
        async move {
            send(
                &router,
                call("/api/admin/set_staff_role", &args, Some(&admin)),
            )
            .await
        }
    };
    // Brand staff are not marketplace staff; nobody changes their own role.
    let (status, _, body) = send_change(change(staff, "admin")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("user_id"), "{body}");
    let (status, _, _) = send_change(change(ada, "account_manager")).await;
    assert_eq!(status, StatusCode::CONFLICT);
    let (status, _, _) = send_change(change(nils, "account_manager")).await;
    assert_eq!(status, StatusCode::CONFLICT);
    // Nils becomes an admin: the admins' pages open for him; and back.
    let (status, _, body) = send_change(change(nils, "admin")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("Account manager → Platform admin"), "{body}");
    let nils_cookie = sign_in(&h.router, "manager2@goodfaith.test").await;
    assert_eq!(
        send(&h.router, get("/admin/people", Some(&nils_cookie)))
            .await
            .0,
        StatusCode::OK
    );
    let (status, _, _) = send_change(change(nils, "account_manager")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        send(&h.router, get("/admin/people", Some(&nils_cookie)))
            .await
            .0,
        StatusCode::FORBIDDEN
    );
    let changes: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_events WHERE action = 'user.role_changed' AND subject_id = $1",
    )
    .bind(nils)
    .fetch_one(&h._db.db.pool)
    .await
    .expect("audited");
    assert_eq!(changes, 2);
}
