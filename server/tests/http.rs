//! The HTTP matrix: every page and server function that exists, called through the real
//! router as an anonymous visitor, another brand's staff, the brand's own staff, its account
//! manager, a manager of other brands, a seller and an admin — asserting each status code.

use app::api::support::AppState;
use app::db::testing::TestDb;
use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use leptos::prelude::LeptosOptions;
use server::{SessionSettings, router, seed, session_layer};
use tower::ServiceExt;

/// One runtime for every test in this file, and one test at a time. Leptos keeps
/// process-wide state (executor, route and server-function registries); tests building
/// separate routers concurrently in one process were seen to hang now and then, while the
/// same tests one after another never did. A real server builds one router, so run these
/// the way the server does.
fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: std::sync::OnceLock<tokio::runtime::Runtime> = std::sync::OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("test runtime")
    })
}

static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Declares `#[test]`s that run their scenario on the shared runtime, one at a time.
macro_rules! on_shared_runtime {
    ($($name:ident => $scenario:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
                runtime().block_on($scenario());
            }
        )*
    };
}

on_shared_runtime! {
    every_endpoint_answers_each_caller_with_the_right_status => every_endpoint_answers_each_caller_with_the_right_status_scenario,
    a_manager_is_told_only_about_assigned_brands => a_manager_is_told_only_about_assigned_brands_scenario,
    a_wrong_password_is_refused_with_a_field_message_and_no_session => a_wrong_password_is_refused_with_a_field_message_and_no_session_scenario,
    signing_out_ends_the_session_on_the_server => signing_out_ends_the_session_on_the_server_scenario,
    a_brand_page_shows_the_name_and_tier_from_the_database => a_brand_page_shows_the_name_and_tier_from_the_database_scenario,
    the_demo_data_has_every_tier_and_a_marketplace => the_demo_data_has_every_tier_and_a_marketplace_scenario,
}

struct Harness {
    _db: TestDb,
    router: Router,
    helios: i64,
    northwind: i64,
    bazaar_listing: i64,
}

async fn harness() -> Harness {
    let test = TestDb::new().await.expect("test database");
    seed::seed_demo(&test.db).await.expect("seed");
    let brands = app::db::brands::list_all(&test.db.pool)
        .await
        .expect("brands");
    let id_of = |name: &str| {
        brands
            .iter()
            .find(|b| b.name == name)
            .map(|b| b.id)
            .expect("brand")
    };
    let (helios, northwind) = (id_of("Helios Audio"), id_of("Northwind Apparel"));
    let bazaar_listing: i64 = sqlx::query_scalar(
        "SELECT l.id FROM listings l JOIN sellers s ON s.id = l.seller_id \
         WHERE s.name = 'Bazaar Outlet' ORDER BY l.id LIMIT 1",
    )
    .fetch_one(&test.db.pool)
    .await
    .expect("listing");
    let sessions = session_layer(
        &test.db,
        SessionSettings {
            key: tower_sessions::cookie::Key::generate(),
            secure: false,
        },
    );
    let leptos_options = LeptosOptions::builder().output_name("goodfaith").build();
    let router = router(
        AppState {
            leptos_options,
            db: test.db.clone(),
            review_targets: Default::default(),
        },
        sessions,
    );
    Harness {
        _db: test,
        router,
        helios,
        northwind,
        bazaar_listing,
    }
}

async fn send(router: &Router, request: Request<Body>) -> (StatusCode, Vec<String>, String) {
    let response = router.clone().oneshot(request).await.expect("response");
    let status = response.status();
    let cookies = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok().map(str::to_owned))
        .collect();
    let body = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    (status, cookies, String::from_utf8_lossy(&body).into_owned())
}

fn post(path: &str, form: &str, cookie: Option<&str>) -> Request<Body> {
    let mut request = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request.body(Body::from(form.to_owned())).expect("request")
}

fn get(path: &str, cookie: Option<&str>) -> Request<Body> {
    let mut request = Request::get(path).header(header::ACCEPT, "text/html");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request.body(Body::empty()).expect("request")
}

/// Signs in through `/api/auth/login` and returns the `Cookie` header to send afterwards.
async fn sign_in(router: &Router, email: &str) -> String {
    let form = format!("email={email}&password={}", seed::DEMO_PASSWORD);
    let (status, cookies, body) = send(router, post("/api/auth/login", &form, None)).await;
    assert_eq!(status, StatusCode::OK, "sign-in of {email} failed: {body}");
    let session = cookies
        .iter()
        .find(|cookie| cookie.starts_with("goodfaith_session="))
        .expect("session cookie");
    assert!(session.contains("HttpOnly"), "{session}");
    assert!(session.contains("SameSite=Lax"), "{session}");
    cookies
        .iter()
        .filter_map(|cookie| cookie.split(';').next())
        .collect::<Vec<_>>()
        .join("; ")
}

const CALLERS: [&str; 7] = [
    "anonymous",
    "staff@northwind.test",
    "staff@helios.test",
    "manager@goodfaith.test",
    "manager2@goodfaith.test",
    "seller@bazaar.test",
    "admin@goodfaith.test",
];

/// One row of the matrix: a request and the status expected for each caller, in the
/// order of `CALLERS`.
type MakeRequest = Box<dyn Fn(Option<&str>) -> Request<Body>>;

struct Case {
    name: &'static str,
    request: MakeRequest,
    expected: [u16; 7],
}

async fn every_endpoint_answers_each_caller_with_the_right_status_scenario() {
    let h = harness().await;
    let mut cookies = vec![None];
    for caller in &CALLERS[1..] {
        cookies.push(Some(sign_in(&h.router, caller).await));
    }
    let (helios, northwind, listing) = (h.helios, h.northwind, h.bazaar_listing);
    // anon, other brand, own brand, manager, other manager, seller, admin
    let cases = vec![
        Case {
            name: "GET /",
            request: Box::new(|c| get("/", c)),
            expected: [200; 7],
        },
        Case {
            name: "GET /login",
            request: Box::new(|c| get("/login", c)),
            expected: [200; 7],
        },
        Case {
            name: "GET /brands/helios",
            request: Box::new(move |c| get(&format!("/brands/{helios}"), c)),
            expected: [302, 403, 200, 200, 403, 403, 200],
        },
        Case {
            name: "GET /brands/northwind",
            request: Box::new(move |c| get(&format!("/brands/{northwind}"), c)),
            expected: [302, 200, 403, 403, 200, 403, 200],
        },
        Case {
            name: "GET /manager",
            request: Box::new(|c| get("/manager", c)),
            expected: [302, 403, 403, 200, 200, 403, 403],
        },
        Case {
            name: "GET /admin",
            request: Box::new(|c| get("/admin", c)),
            expected: [302, 403, 403, 403, 403, 403, 200],
        },
        Case {
            name: "GET /seller",
            request: Box::new(|c| get("/seller", c)),
            expected: [302, 403, 403, 403, 403, 200, 403],
        },
        Case {
            name: "GET /listings/:id",
            request: Box::new(move |c| get(&format!("/listings/{listing}"), c)),
            expected: [200; 7],
        },
        Case {
            name: "GET /listings/999999",
            request: Box::new(|c| get("/listings/999999", c)),
            expected: [404; 7],
        },
        Case {
            name: "GET /no-such-page",
            request: Box::new(|c| get("/no-such-page", c)),
            expected: [404; 7],
        },
        Case {
            name: "POST /api/auth/get_current_user",
            request: Box::new(|c| post("/api/auth/get_current_user", "", c)),
            expected: [200; 7],
        },
        Case {
            name: "POST /api/brands/get_brand (Helios)",
            request: Box::new(move |c| {
                post("/api/brands/get_brand", &format!("brand_id={helios}"), c)
            }),
            expected: [401, 403, 200, 200, 403, 403, 200],
        },
        Case {
            name: "POST /api/brands/get_brand (Northwind)",
            request: Box::new(move |c| {
                post("/api/brands/get_brand", &format!("brand_id={northwind}"), c)
            }),
            expected: [401, 200, 403, 403, 200, 403, 200],
        },
        Case {
            name: "POST /api/brands/list_managed_brands",
            request: Box::new(|c| post("/api/brands/list_managed_brands", "", c)),
            expected: [401, 403, 403, 200, 200, 403, 403],
        },
        Case {
            name: "POST /api/admin/list_brands",
            request: Box::new(|c| post("/api/admin/list_brands", "", c)),
            expected: [401, 403, 403, 403, 403, 403, 200],
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
            expected: [200; 7],
        },
        Case {
            name: "POST /api/sellers/list_my_listings",
            request: Box::new(|c| post("/api/sellers/list_my_listings", "page=0", c)),
            expected: [401, 403, 403, 403, 403, 200, 403],
        },
    ];
    let mut failures = Vec::new();
    for case in &cases {
        for (index, caller) in CALLERS.iter().enumerate() {
            let (status, _, _) = send(&h.router, (case.request)(cookies[index].as_deref())).await;
            if status.as_u16() != case.expected[index] {
                failures.push(format!(
                    "{} as {caller}: expected {}, got {}",
                    case.name, case.expected[index], status
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "unexpected statuses:\n{}",
        failures.join("\n")
    );
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
    assert!(app::db::listings::count(&db.pool).await.expect("count") >= 2_000);
    // Seeding an already seeded database changes nothing.
    seed::seed_demo_if_empty(db).await.expect("reseed");
    assert_eq!(
        app::db::listings::count(&db.pool).await.expect("count"),
        seed::DEMO_LISTINGS as i64
    );
}
