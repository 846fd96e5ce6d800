//! Brands as admins keep them, through the real router: only admins add, edit, deactivate and
//! reactivate a brand; a deactivated brand's staff are signed out at once and cannot sign in
//! until it is reactivated; each change is on the brand's trail.

use crate::support::*;
use app::api::brands::{CreateBrand, DeactivateBrand, ReactivateBrand, UpdateBrand};
use axum::http::StatusCode;

on_shared_runtime! {
    only_admins_keep_brands => only_admins_keep_brands_scenario,
    an_admin_adds_edits_deactivates_and_reactivates_a_brand => brand_lifecycle_scenario,
}

async fn only_admins_keep_brands_scenario() {
    let h = harness().await;
    let cookies = cookies_of_all_callers(&h.router).await;
    let helios = h.helios;
    let cases = vec![
        Case {
            name: "GET /admin/brands/new",
            request: Box::new(|c| get("/admin/brands/new", c)),
            expected: Expected {
                anonymous: 302,
                ..ADMINS
            },
        },
        Case {
            name: "POST /api/admin/create_brand (no name)",
            request: Box::new(|c| {
                let args = CreateBrand {
                    name: String::new(),
                    contact_name: "Lia Lumen".into(),
                    contact_email: "lia@lumen.test".into(),
                    manager_id: 0,
                };
                call("/api/admin/create_brand", &args, c)
            }),
            expected: ADMINS_INVALID,
        },
        Case {
            name: "POST /api/admin/update_brand (another brand's name)",
            request: Box::new(move |c| {
                let args = UpdateBrand {
                    brand_id: helios,
                    name: "northwind apparel".into(),
                    contact_name: "Hal Helios".into(),
                    contact_email: "staff@helios.test".into(),
                };
                call("/api/admin/update_brand", &args, c)
            }),
            expected: ADMINS_INVALID,
        },
        Case {
            name: "POST /api/admin/deactivate_brand (no reason)",
            request: Box::new(move |c| {
                let args = DeactivateBrand {
                    brand_id: helios,
                    reason: String::new(),
                };
                call("/api/admin/deactivate_brand", &args, c)
            }),
            expected: ADMINS_INVALID,
        },
        Case {
            name: "POST /api/admin/reactivate_brand (an active brand)",
            request: Box::new(move |c| {
                let args = ReactivateBrand { brand_id: helios };
                call("/api/admin/reactivate_brand", &args, c)
            }),
            expected: Expected {
                admin: 409,
                ..NOBODY
            },
        },
    ];
    assert_matrix(&h.router, &cookies, &cases).await;
}

async fn brand_lifecycle_scenario() {
    let h = harness().await;
    let pool = h._db.db.pool.clone();
    let admin = sign_in(&h.router, "admin@goodfaith.test").await;
    let nils: i64 =
        sqlx::query_scalar("SELECT id FROM users WHERE email = 'manager2@goodfaith.test'")
            .fetch_one(&pool)
            .await
            .expect("Nils");
    let create = |args: CreateBrand| {
        let router = h.router.clone();
        let admin = admin.clone();
        async move {
            send(
                &router,
                call("/api/admin/create_brand", &args, Some(&admin)),
            )
            .await
        }
    };
    // Every field's refusal at once, by its name; a brand staff member is no manager.
    let (status, _, body) = create(CreateBrand {
        name: "L".into(),
        contact_name: String::new(),
        contact_email: "nobody".into(),
        manager_id: 0,
    })
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    for field in ["\"name\"", "\"contact_name\"", "\"contact_email\""] {
        assert!(body.contains(field), "{field} in {body}");
    }
    let (status, _, body) = create(CreateBrand {
        name: "HELIOS AUDIO".into(),
        contact_name: "Lia".into(),
        contact_email: "lia@lumen.test".into(),
        manager_id: 0,
    })
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("Another brand is called"), "{body}");

    let (status, _, body) = create(CreateBrand {
        name: " Lumen Optics ".into(),
        contact_name: "Lia Lumen".into(),
        contact_email: "Lia@Lumen.test".into(),
        manager_id: nils,
    })
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let lumen: i64 = serde_json::from_str(&body).expect("the new brand's number");
    let brand = app::db::brands::find(&pool, lumen)
        .await
        .expect("read")
        .expect("brand");
    assert_eq!(brand.name, "Lumen Optics");
    assert_eq!(brand.contact_email, "lia@lumen.test");
    assert_eq!(brand.manager_name.as_deref(), Some("Nils Manager"));
    assert_eq!(brand.tier, app::domain::Tier::Standard);
    // Its manager may open its page; another manager may not.
    let nils_cookie = sign_in(&h.router, "manager2@goodfaith.test").await;
    let mara_cookie = sign_in(&h.router, "manager@goodfaith.test").await;
    let page = format!("/brands/{lumen}");
    assert_eq!(
        send(&h.router, get(&page, Some(&nils_cookie))).await.0,
        StatusCode::OK
    );
    assert_eq!(
        send(&h.router, get(&page, Some(&mara_cookie))).await.0,
        StatusCode::FORBIDDEN
    );

    // Editing: nothing changed is a conflict; a change is saved and audited with before → after.
    let update = |contact: &str| UpdateBrand {
        brand_id: lumen,
        name: "Lumen Optics".into(),
        contact_name: contact.into(),
        contact_email: "lia@lumen.test".into(),
    };
    let (status, _, _) = send(
        &h.router,
        call(
            "/api/admin/update_brand",
            &update("Lia Lumen"),
            Some(&admin),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    let (status, _, body) = send(
        &h.router,
        call(
            "/api/admin/update_brand",
            &update("Lia Lumen-Berg"),
            Some(&admin),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");

    // Deactivating Aurora signs its staff out at once; the right password is told why.
    let aurora: i64 = sqlx::query_scalar("SELECT id FROM brands WHERE name = 'Aurora Watches'")
        .fetch_one(&pool)
        .await
        .expect("Aurora");
    let staff = sign_in(&h.router, "staff@aurora.test").await;
    let deactivate = DeactivateBrand {
        brand_id: aurora,
        reason: "Left the programme in December".into(),
    };
    let (status, _, body) = send(
        &h.router,
        call("/api/admin/deactivate_brand", &deactivate, Some(&admin)),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, _, _) = send(
        &h.router,
        post("/api/auth/list_my_sessions", "", Some(&staff)),
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let form = format!(
        "email=staff@aurora.test&password={}",
        server::seed::DEMO_PASSWORD
    );
    let (status, _, body) = send(&h.router, post("/api/auth/login", &form, None)).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert!(body.contains("brand"), "{body}");
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
    // Its data stays: the admin still opens its page, which says it is deactivated.
    let (status, _, body) = send(&h.router, get(&format!("/brands/{aurora}"), Some(&admin))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Left the programme in December"));
    let (status, _, _) = send(
        &h.router,
        call("/api/admin/deactivate_brand", &deactivate, Some(&admin)),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);

    let reactivate = ReactivateBrand { brand_id: aurora };
    let (status, _, body) = send(
        &h.router,
        call("/api/admin/reactivate_brand", &reactivate, Some(&admin)),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, _, body) = send(&h.router, post("/api/auth/login", &form, None)).await;
    assert_eq!(status, StatusCode::OK, "{body}");

    let trail: Vec<(String, i64, String)> = sqlx::query_as(
        "SELECT action, subject_id, detail FROM audit_events WHERE action LIKE 'brand.%' \
         AND action <> 'brand.manager_assigned' AND subject_id IN ($1, $2) ORDER BY id",
    )
    .bind(lumen)
    .bind(aurora)
    .fetch_all(&pool)
    .await
    .expect("trail");
    let actions: Vec<&str> = trail.iter().map(|(action, ..)| action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "brand.created",
            "brand.updated",
            "brand.deactivated",
            "brand.reactivated"
        ]
    );
    assert!(
        trail[1].2.contains("Lia Lumen → Lia Lumen-Berg"),
        "{trail:?}"
    );
    assert!(trail[2].2.contains("1 staff session ended"), "{trail:?}");
}
