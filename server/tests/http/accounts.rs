//! The HTTP matrix: every page and server function that exists, called through the real
//! router as an anonymous visitor, another brand's staff, the brand's own staff, its account
//! manager, a manager of other brands, a seller and an admin — asserting each status code.

use crate::support::*;
use app::api::auth::{ChangeMyPassword, EndMySession};
use app::error::AppError;
use app::model::BrandSummary;
use axum::http::StatusCode;
use server::seed;

on_shared_runtime! {
    every_endpoint_answers_each_caller_with_the_right_status => every_endpoint_answers_each_caller_with_the_right_status_scenario,
    a_manager_is_told_only_about_assigned_brands => a_manager_is_told_only_about_assigned_brands_scenario,
    a_wrong_password_is_refused_with_a_field_message_and_no_session => a_wrong_password_is_refused_with_a_field_message_and_no_session_scenario,
    signing_out_ends_the_session_on_the_server => signing_out_ends_the_session_on_the_server_scenario,
    a_brand_page_shows_the_name_and_tier_from_the_database => a_brand_page_shows_the_name_and_tier_from_the_database_scenario,
    the_demo_data_has_every_tier_and_a_marketplace => the_demo_data_has_every_tier_and_a_marketplace_scenario,
    the_browser_is_answered_in_postcard_and_other_callers_in_json => the_browser_is_answered_in_postcard_and_other_callers_in_json_scenario,
}

async fn every_endpoint_answers_each_caller_with_the_right_status_scenario() {
    let h = harness().await;
    let cookies = cookies_of_all_callers(&h.router).await;
    let (helios, northwind, listing) = (h.helios, h.northwind, h.bazaar_listing);
    let cases = vec![
        Case {
            name: "GET /",
            request: Box::new(|c| get("/", c)),
            expected: Expected::all(200),
        },
        Case {
            name: "GET /login",
            request: Box::new(|c| get("/login", c)),
            expected: Expected::all(200),
        },
        Case {
            name: "GET /account (everyone's own)",
            request: Box::new(|c| get("/account", c)),
            expected: Expected {
                anonymous: 302,
                ..Expected::all(200)
            },
        },
        Case {
            name: "POST /api/auth/list_my_sessions (everyone's own)",
            request: Box::new(|c| post("/api/auth/list_my_sessions", "", c)),
            expected: SIGNED_IN,
        },
        Case {
            name: "POST /api/auth/end_my_other_sessions (everyone's own; none other here)",
            request: Box::new(|c| post("/api/auth/end_my_other_sessions", "", c)),
            expected: SIGNED_IN,
        },
        Case {
            name: "POST /api/auth/end_my_session (a handle that is nobody's)",
            request: Box::new(|c| {
                let nobodys = EndMySession {
                    handle: "0123456789abcdef".into(),
                };
                call("/api/auth/end_my_session", &nobodys, c)
            }),
            expected: Expected {
                anonymous: 401,
                ..Expected::all(404)
            },
        },
        Case {
            name: "POST /api/auth/change_my_password (everyone's own; a wrong current one)",
            request: Box::new(|c| {
                let guess = ChangeMyPassword {
                    current_password: "not the password at all".into(),
                    new_password: "correct horse battery staple".into(),
                    repeat_password: "correct horse battery staple".into(),
                };
                call("/api/auth/change_my_password", &guess, c)
            }),
            expected: Expected {
                anonymous: 401,
                ..Expected::all(422)
            },
        },
        Case {
            name: "GET /brands/helios",
            request: Box::new(move |c| get(&format!("/brands/{helios}"), c)),
            expected: HELIOS_PAGE,
        },
        Case {
            name: "GET /brands/northwind",
            request: Box::new(move |c| get(&format!("/brands/{northwind}"), c)),
            expected: Expected {
                anonymous: 302,
                northwind_staff: 200,
                helios_staff: 403,
                helios_manager: 403,
                northwind_manager: 200,
                bazaar_seller: 403,
                admin: 200,
            },
        },
        Case {
            name: "GET /manager",
            request: Box::new(|c| get("/manager", c)),
            expected: MANAGERS_PAGE,
        },
        Case {
            name: "GET /admin",
            request: Box::new(|c| get("/admin", c)),
            expected: Expected {
                anonymous: 302,
                northwind_staff: 403,
                helios_staff: 403,
                helios_manager: 403,
                northwind_manager: 403,
                bazaar_seller: 403,
                admin: 200,
            },
        },
        Case {
            name: "GET /seller",
            request: Box::new(|c| get("/seller", c)),
            expected: Expected {
                anonymous: 302,
                northwind_staff: 403,
                helios_staff: 403,
                helios_manager: 403,
                northwind_manager: 403,
                bazaar_seller: 200,
                admin: 403,
            },
        },
        Case {
            name: "GET /listings/:id",
            request: Box::new(move |c| get(&format!("/listings/{listing}"), c)),
            expected: Expected::all(200),
        },
        Case {
            name: "GET /listings/999999",
            request: Box::new(|c| get("/listings/999999", c)),
            expected: Expected::all(404),
        },
        Case {
            name: "GET /no-such-page",
            request: Box::new(|c| get("/no-such-page", c)),
            expected: Expected::all(404),
        },
        Case {
            name: "POST /api/auth/get_current_user",
            request: Box::new(|c| post("/api/auth/get_current_user", "", c)),
            expected: Expected::all(200),
        },
        Case {
            name: "POST /api/brands/get_brand (Helios)",
            request: Box::new(move |c| {
                post("/api/brands/get_brand", &format!("brand_id={helios}"), c)
            }),
            expected: HELIOS_DATA,
        },
        Case {
            name: "POST /api/brands/get_brand (Northwind)",
            request: Box::new(move |c| {
                post("/api/brands/get_brand", &format!("brand_id={northwind}"), c)
            }),
            expected: NORTHWIND_DATA,
        },
        Case {
            name: "POST /api/brands/list_managed_brands",
            request: Box::new(|c| post("/api/brands/list_managed_brands", "", c)),
            expected: MANAGERS,
        },
        Case {
            name: "POST /api/admin/list_brands",
            request: Box::new(|c| post("/api/admin/list_brands", "", c)),
            expected: ADMINS,
        },
        Case {
            name: "POST /api/listings/get_listing",
            request: Box::new(move |c| {
                post(
                    "/api/listings/get_listing",
                    &format!("listing_id={listing}"),
                    c,
                )
            }),
            expected: Expected::all(200),
        },
        Case {
            name: "POST /api/listings/brand_on_listing",
            request: Box::new(move |c| {
                post(
                    "/api/listings/brand_on_listing",
                    &format!("listing_id={listing}"),
                    c,
                )
            }),
            // Brand staff only, each seeing their own brand's items (see notices.rs).
            expected: Expected {
                northwind_staff: 200,
                helios_staff: 200,
                ..NOBODY
            },
        },
        Case {
            name: "POST /api/sellers/list_my_listings",
            request: Box::new(|c| post("/api/sellers/list_my_listings", "page=0", c)),
            expected: BAZAAR_SELLER,
        },
    ];
    assert_matrix(&h.router, &cookies, &cases).await;
}

async fn a_manager_is_told_only_about_assigned_brands_scenario() {
    let h = harness().await;
    let cookie = sign_in(&h.router, "manager@goodfaith.test").await;
    let (status, _, body) = send(
        &h.router,
        post("/api/brands/list_managed_brands", "", Some(&cookie)),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.contains("Helios Audio") && body.contains("Aurora Watches"),
        "{body}"
    );
    assert!(!body.contains("Northwind"), "{body}");
}

/// The browser app's server-function client asks for postcard (`app::wire`); scripts, these
/// tests and the benchmark ask for JSON and get it — answers and errors alike, each labelled
/// with its own content type.
async fn the_browser_is_answered_in_postcard_and_other_callers_in_json_scenario() {
    const POSTCARD: &str = "application/x-postcard";
    const JSON: &str = "application/json";
    let h = harness().await;
    let cookie = sign_in(&h.router, "staff@northwind.test").await;
    let own = format!("brand_id={}", h.northwind);
    let others = format!("brand_id={}", h.helios);
    let ask = |form: &str, accept| post_accepting("/api/brands/get_brand", form, &cookie, accept);

    let (status, content_type, body) = send_raw(&h.router, ask(&own, POSTCARD)).await;
    assert_eq!((status, content_type.as_str()), (StatusCode::OK, POSTCARD));
    let brand: BrandSummary = postcard::from_bytes(&body).expect("a postcard brand summary");
    assert_eq!(brand.name, "Northwind Apparel");

    let (status, content_type, body) = send_raw(&h.router, ask(&own, JSON)).await;
    assert_eq!((status, content_type.as_str()), (StatusCode::OK, JSON));
    let brand: BrandSummary = serde_json::from_slice(&body).expect("a JSON brand summary");
    assert_eq!(brand.name, "Northwind Apparel");

    // Another brand's data is refused in the encoding that was asked for.
    let (status, content_type, body) = send_raw(&h.router, ask(&others, POSTCARD)).await;
    assert_eq!(
        (status, content_type.as_str()),
        (StatusCode::FORBIDDEN, POSTCARD)
    );
    let refusal: AppError = postcard::from_bytes(&body).expect("a postcard error");
    assert!(matches!(refusal, AppError::Forbidden(_)), "{refusal:?}");

    let (status, content_type, body) = send_raw(&h.router, ask(&others, JSON)).await;
    assert_eq!(
        (status, content_type.as_str()),
        (StatusCode::FORBIDDEN, JSON)
    );
    let refusal: AppError = serde_json::from_slice(&body).expect("a JSON error");
    assert!(matches!(refusal, AppError::Forbidden(_)), "{refusal:?}");
}

async fn a_wrong_password_is_refused_with_a_field_message_and_no_session_scenario() {
    let h = harness().await;
    let form = "email=staff%40helios.test&password=nope";
    let (status, cookies, body) = send(&h.router, post("/api/auth/login", form, None)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("Wrong e-mail address or password."), "{body}");
    assert!(!cookies.iter().any(|cookie| cookie.starts_with("goodfaith_session=") && !cookie.contains("Max-Age=0")));
}

async fn signing_out_ends_the_session_on_the_server_scenario() {
    let h = harness().await;
    let cookie = sign_in(&h.router, "admin@goodfaith.test").await;
    let (status, ..) = send(&h.router, post("/api/admin/list_brands", "", Some(&cookie))).await;
    assert_eq!(status, StatusCode::OK);
    let (status, ..) = send(&h.router, post("/api/auth/logout", "", Some(&cookie))).await;
    assert_eq!(status, StatusCode::OK);
    // The old cookie, replayed, no longer signs anyone in.
    let (status, ..) = send(&h.router, post("/api/admin/list_brands", "", Some(&cookie))).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

async fn a_brand_page_shows_the_name_and_tier_from_the_database_scenario() {
    let h = harness().await;
    let cookie = sign_in(&h.router, "staff@helios.test").await;
    let (status, _, body) = send(
        &h.router,
        get(&format!("/brands/{}", h.helios), Some(&cookie)),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Helios Audio"));
    assert!(
        body.contains("Your tier: <!>Joint-Force") || body.contains("Your tier: Joint-Force"),
        "{body}"
    );
}

async fn the_demo_data_has_every_tier_and_a_marketplace_scenario() {
    let h = harness().await;
    let db = &h._db.db;
    let brands = app::db::brands::list_all(&db.pool).await.expect("brands");
    let tiers: Vec<_> = brands.iter().map(|b| (b.name.as_str(), b.tier)).collect();
    use app::domain::Tier;
    assert!(tiers.contains(&("Northwind Apparel", Tier::Standard)));
    assert!(tiers.contains(&("Aurora Watches", Tier::GoodFaith)));
    assert!(tiers.contains(&("Helios Audio", Tier::JointForce)));
    let helios = brands
        .iter()
        .find(|b| b.name == "Helios Audio")
        .expect("helios");
    assert_eq!(helios.manager_name.as_deref(), Some("Mara Manager"));
    let listings = app::db::listings::count(&db.pool).await.expect("count");
    // The marketplace plus the listings of the brands' decided histories.
    assert!(listings >= seed::DEMO_LISTINGS as i64, "{listings}");
    // Seeding an already seeded database changes nothing.
    seed::seed_demo_if_empty(db).await.expect("reseed");
    assert_eq!(
        app::db::listings::count(&db.pool).await.expect("count"),
        listings
    );
}
