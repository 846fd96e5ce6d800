//! A brand's downloads through the real router: its reported listings under the Reports page's
//! filter and its timeline, as CSV, for its staff, its manager and admins only; the same items
//! as the page; sellers and marketplace people by role, never by account.

use crate::support::*;
use app::api::reports::ListReports;
use app::model::{ReportFilter, ReportList};
use axum::http::StatusCode;

on_shared_runtime! {
    only_the_brands_people_download_its_reports => matrix_scenario,
    the_download_holds_the_items_the_filtered_list_counts => contents_scenario,
}

async fn matrix_scenario() {
    let h = harness().await;
    let cookies = cookies_of_all_callers(&h.router).await;
    let helios = h.helios;
    let cases = vec![
        Case {
            name: "GET /brands/{helios}/reports.csv",
            request: Box::new(move |c| get(&format!("/brands/{helios}/reports.csv"), c)),
            expected: HELIOS_DATA,
        },
        Case {
            name: "GET /brands/{helios}/reports.csv (a bad date)",
            request: Box::new(move |c| get(&format!("/brands/{helios}/reports.csv?from=May"), c)),
            expected: Expected {
                helios_staff: 422,
                helios_manager: 422,
                admin: 422,
                ..NOBODY
            },
        },
        Case {
            name: "GET /brands/{helios}/timeline.csv",
            request: Box::new(move |c| get(&format!("/brands/{helios}/timeline.csv"), c)),
            expected: HELIOS_DATA,
        },
        Case {
            name: "GET /brands/999999/reports.csv (no such brand)",
            request: Box::new(|c| get("/brands/999999/reports.csv", c)),
            expected: Expected {
                admin: 200,
                ..NOBODY
            },
        },
    ];
    assert_matrix(&h.router, &cookies, &cases).await;
}

async fn contents_scenario() {
    let h = harness().await;
    let staff = sign_in(&h.router, "staff@northwind.test").await;
    let northwind = h.northwind;
    let filter = ReportFilter {
        status: "removed".into(),
        ..ReportFilter::default()
    };
    let (status, _, body) = send(
        &h.router,
        call(
            "/api/reports/list_reports",
            &ListReports {
                brand_id: northwind,
                filter: filter.clone(),
            },
            Some(&staff),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let list: ReportList = serde_json::from_str(&body).expect("list");
    assert!(list.page.total > 0);

    let (status, content_type, bytes) = send_raw(
        &h.router,
        get(
            &format!("/brands/{northwind}/reports.csv?status=removed"),
            Some(&staff),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(content_type.starts_with("text/csv"), "{content_type}");
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    assert_eq!(&reader.headers().expect("headers")[0], "item_id");
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len() as i64, list.page.total);
    assert!(rows.iter().all(|row| &row[10] == "removed"), "{rows:?}");
    // Newest first, as the list.
    assert_eq!(rows[0][0], list.page.rows[0].item_id.to_string());

    // The timeline names Northwind's own people and nobody else's account.
    let (status, _, bytes) = send_raw(
        &h.router,
        get(&format!("/brands/{northwind}/timeline.csv"), Some(&staff)),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let text = String::from_utf8(bytes).expect("UTF-8");
    assert!(text.lines().count() > 1, "{text}");
    let emails: Vec<String> =
        sqlx::query_scalar("SELECT email FROM users WHERE brand_id IS NULL OR brand_id <> $1")
            .bind(northwind)
            .fetch_all(&h._db.db.pool)
            .await
            .expect("emails");
    for email in emails {
        assert!(!text.contains(&email), "{email} in the timeline");
    }
    assert!(text.contains("Account manager"), "{text}");
}
