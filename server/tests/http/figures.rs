//! The public transparency figures through the real router: anyone may read them; the figures
//! job counts each decision from the audit trail as the hand-made decisions here say; a
//! recount from the tables agrees with it; the downloads hold the same numbers as the page.

use crate::support::*;
use app::api::reports::InstantTakedown;
use app::domain::transparency::{Figures, Source};
use app::domain::{ReasonCode, Tier};
use app::service::{Clock, Context};
use axum::http::StatusCode;

on_shared_runtime! {
    everyone_may_read_the_transparency_report => matrix_scenario,
    the_figures_count_each_decision_once_as_it_happened => counting_scenario,
    the_downloads_hold_the_figures_the_page_shows => downloads_scenario,
    managers_see_their_brands_analytics_and_admins_every_brands => analytics_scenario,
}

fn ctx(h: &Harness, at: i64) -> Context {
    Context {
        clock: Clock::Fixed(at),
        ..Context::new(h._db.db.clone(), Default::default())
    }
}

async fn matrix_scenario() {
    let h = harness().await;
    let cookies = cookies_of_all_callers(&h.router).await;
    let helios = h.helios;
    let everyone = Expected::all(200);
    let nobody_valid = Expected::all(422);
    let cases = vec![
        Case {
            name: "GET /transparency",
            request: Box::new(|c| get("/transparency", c)),
            expected: everyone,
        },
        Case {
            name: "GET /transparency.csv",
            request: Box::new(|c| get("/transparency.csv?from=2026-01-01&to=2026-03-31", c)),
            expected: everyone,
        },
        Case {
            name: "GET /transparency.json",
            request: Box::new(|c| get("/transparency.json", c)),
            expected: everyone,
        },
        Case {
            name: "GET /transparency.json (a period over a year)",
            request: Box::new(|c| get("/transparency.json?from=2024-01-01&to=2026-01-01", c)),
            expected: nobody_valid,
        },
        Case {
            name: "public/transparency",
            request: Box::new(|c| post("/api/public/transparency", "from=&to=", c)),
            expected: everyone,
        },
        Case {
            name: "GET /analytics",
            request: Box::new(|c| get("/analytics", c)),
            expected: REVIEWERS_PAGE,
        },
        Case {
            name: "analytics/overview",
            request: Box::new(|c| post("/api/analytics/overview", "from=&to=", c)),
            expected: REVIEWERS,
        },
        Case {
            name: "analytics/overview (a period over a year)",
            request: Box::new(|c| {
                post(
                    "/api/analytics/overview",
                    "from=2024-01-01&to=2026-01-01",
                    c,
                )
            }),
            expected: Expected {
                helios_manager: 422,
                northwind_manager: 422,
                admin: 422,
                ..NOBODY
            },
        },
        Case {
            name: "analytics/brand (Helios)",
            request: Box::new(move |c| {
                post("/api/analytics/brand", &format!("brand_id={helios}"), c)
            }),
            expected: HELIOS_DATA,
        },
        Case {
            name: "public/transparency (not a date)",
            request: Box::new(|c| post("/api/public/transparency", "from=yesterday&to=", c)),
            expected: nobody_valid,
        },
    ];
    assert_matrix(&h.router, &cookies, &cases).await;
}

async fn json_figures(h: &Harness, query: &str) -> Figures {
    let (status, content_type, bytes) =
        send_raw(&h.router, get(&format!("/transparency.json{query}"), None)).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&bytes)
    );
    assert_eq!(content_type, "application/json");
    serde_json::from_slice(&bytes).expect("figures")
}

/// Runs the figures job until it has counted everything settled at `at`.
async fn count_all(h: &Harness, at: i64) {
    while app::service::transparency::pass(&ctx(h, at))
        .await
        .expect("pass")
        > 0
    {}
}

async fn counting_scenario() {
    let h = harness().await;
    let pool = h._db.db.pool.clone();
    let later = app::db::now_ms() + 60_000;
    count_all(&h, later).await;
    let before = json_figures(&h, "").await;

    // Nils removes every item of one Northwind report (Northwind is at Standard).
    let report = crate::notifications::decide_a_northwind_report(&h).await;
    let items: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT submitted_at, decided_at, deadline_at FROM report_items WHERE report_id = $1",
    )
    .bind(report)
    .fetch_all(&pool)
    .await
    .expect("items");
    let decided = items.len() as i64;
    let on_time = items
        .iter()
        .filter(|(_, decided_at, deadline)| decided_at <= deadline)
        .count() as i64;

    // Helios (Joint-Force) takes a live listing down at once.
    let listing: i64 = sqlx::query_scalar(
        "SELECT MIN(l.id) FROM listings l WHERE l.status = 'live' AND NOT EXISTS \
         (SELECT 1 FROM report_items i WHERE i.listing_id = l.id AND i.brand_id = $1)",
    )
    .bind(h.helios)
    .fetch_one(&pool)
    .await
    .expect("a live listing");
    let right: i64 = sqlx::query_scalar(
        "SELECT MIN(id) FROM ip_rights WHERE brand_id = $1 AND status = 'verified'",
    )
    .bind(h.helios)
    .fetch_one(&pool)
    .await
    .expect("a verified right");
    let staff = sign_in(&h.router, "staff@helios.test").await;
    let draft = InstantTakedown {
        draft: signed_report(h.helios, right, &listing.to_string(), "Hana Helios"),
    };
    let (status, _, body) = send(
        &h.router,
        call("/api/reports/instant_takedown", &draft, Some(&staff)),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");

    // Events are counted once they have settled, and once only.
    let now = app::db::now_ms();
    assert_eq!(
        app::service::transparency::pass(&ctx(&h, now - 60_000))
            .await
            .expect("pass"),
        0,
        "nothing has settled a minute before it happened"
    );
    count_all(&h, later).await;
    count_all(&h, later).await;
    let after = json_figures(&h, "").await;

    assert_eq!(after.decided - before.decided, decided + 1);
    assert_eq!(after.removed - before.removed, decided + 1);
    assert_eq!(after.rejected_total, before.rejected_total);
    assert_eq!(after.instant_takedowns - before.instant_takedowns, 1);
    // The takedown is a Joint-Force notice received now; the report's were counted when filed.
    assert_eq!(after.notices_total - before.notices_total, 1);
    let joint_force = |figures: &Figures| {
        figures
            .notices
            .iter()
            .find(|row| row.source == Source::JointForce && row.reason == ReasonCode::Counterfeit)
            .map_or(0, |row| row.notices)
    };
    assert_eq!(joint_force(&after) - joint_force(&before), 1);
    let standard = |figures: &Figures| {
        figures
            .speed
            .iter()
            .find(|row| row.tier == Tier::Standard)
            .cloned()
            .expect("standard")
    };
    assert_eq!(
        standard(&after).reviewed - standard(&before).reviewed,
        decided,
        "the instant takedown is not a review"
    );
    let within = |row: &app::domain::transparency::SpeedRow| {
        (row.on_time_percent.unwrap_or(0.0) * row.reviewed as f64 / 100.0).round() as i64
    };
    assert_eq!(
        within(&standard(&after)) - within(&standard(&before)),
        on_time
    );

    // A recount from the tables comes to the same figures.
    app::service::transparency::recount(&ctx(&h, later))
        .await
        .expect("recount");
    let recounted = json_figures(&h, "").await;
    assert_eq!(recounted.decided, after.decided);
    assert_eq!(recounted.removed, after.removed);
    assert_eq!(recounted.instant_takedowns, after.instant_takedowns);
    assert_eq!(recounted.speed, after.speed);
    // And the figures job goes on from the recount's end: nothing is counted twice.
    count_all(&h, later).await;
    assert_eq!(json_figures(&h, "").await, recounted);
}

async fn downloads_scenario() {
    let h = harness().await;
    count_all(&h, app::db::now_ms() + 60_000).await;
    let figures = json_figures(&h, "").await;
    let period = format!("?from={}&to={}", figures.from, figures.to);
    assert_eq!(json_figures(&h, &period).await, figures);
    let (status, content_type, bytes) =
        send_raw(&h.router, get(&format!("/transparency.csv{period}"), None)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(content_type.starts_with("text/csv"), "{content_type}");
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    let value = |section: &str, figure: &str| {
        rows.iter()
            .find(|row| &row[0] == section && &row[2] == figure)
            .map(|row| row[3].to_owned())
            .unwrap_or_else(|| panic!("no {section} / {figure}"))
    };
    assert_eq!(
        value("notices", "received"),
        figures.notices_total.to_string()
    );
    assert_eq!(value("decisions", "removed"), figures.removed.to_string());
    assert_eq!(
        value("instant takedowns", "taken down"),
        figures.instant_takedowns.to_string()
    );
    // The page shows the same numbers, rendered on the server.
    let (status, _, html) = send(&h.router, get(&format!("/transparency{period}"), None)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Transparency report"), "{html}");
    assert!(
        html.contains(&format!(
            "<dt>Notices received</dt><dd>{}<",
            app::domain::format_count(figures.notices_total)
        )),
        "{html}"
    );
}

async fn analytics_of(h: &Harness, cookie: &str) -> app::domain::analytics::Analytics {
    let (status, _, body) = send(
        &h.router,
        post("/api/analytics/overview", "from=&to=", Some(cookie)),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).expect("analytics")
}

async fn analytics_scenario() {
    let h = harness().await;
    let later = app::db::now_ms() + 60_000;
    count_all(&h, later).await;
    let nils = sign_in(&h.router, "manager2@goodfaith.test").await;
    let admin = sign_in(&h.router, "admin@goodfaith.test").await;
    let nils_id: i64 =
        sqlx::query_scalar("SELECT id FROM users WHERE email = 'manager2@goodfaith.test'")
            .fetch_one(&h._db.db.pool)
            .await
            .expect("nils");
    let before = analytics_of(&h, &nils).await;
    // Nils sees his brands only (Northwind, Cobalt); the admin sees Helios too.
    assert!(
        before
            .brands
            .iter()
            .all(|b| b.name == "Northwind Apparel" || b.name.starts_with("Cobalt")),
        "{:?}",
        before.brands
    );
    let everyone = analytics_of(&h, &admin).await;
    assert!(everyone.brands.iter().any(|b| b.brand_id == h.helios));
    assert!(!before.brands.iter().any(|b| b.brand_id == h.helios));

    // Nils decides a Northwind report: his row and Northwind's grow by its items.
    let report = crate::notifications::decide_a_northwind_report(&h).await;
    let decided: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM report_items WHERE report_id = $1")
        .bind(report)
        .fetch_one(&h._db.db.pool)
        .await
        .expect("items");
    count_all(&h, later).await;
    let after = analytics_of(&h, &nils).await;
    let row = |a: &app::domain::analytics::Analytics| {
        a.managers
            .iter()
            .find(|m| m.manager_id == nils_id)
            .map_or(0, |m| m.reviewed)
    };
    assert_eq!(row(&after) - row(&before), decided);
    let northwind = |a: &app::domain::analytics::Analytics| {
        a.brands
            .iter()
            .find(|b| b.brand_id == h.northwind)
            .map_or(0, |b| b.reviewed)
    };
    assert_eq!(northwind(&after) - northwind(&before), decided);
    // The queue shrank by as many at the end of the last week.
    let last = |a: &app::domain::analytics::Analytics| a.backlog.last().expect("a week").1;
    assert_eq!(last(&before) - last(&after), decided);
    // Northwind's staff read their own speed from the same counts.
    let staff = sign_in(&h.router, "staff@northwind.test").await;
    let (status, _, body) = send(
        &h.router,
        post(
            "/api/analytics/brand",
            &format!("brand_id={}", h.northwind),
            Some(&staff),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let own: app::domain::analytics::BrandRow = serde_json::from_str(&body).expect("row");
    assert_eq!(own.reviewed, northwind(&after));
}
