//! The audit log, through the real router: admins read every event, account managers only
//! their brands' (another brand is refused before anything is read), filters are checked by
//! field, pages follow a cursor, and the CSV holds the same events with formulas defused.

use crate::support::*;
use app::api::people::{DeactivatePerson, SearchAuditLog};
use app::model::{AuditPage, AuditQuery};
use axum::http::StatusCode;

on_shared_runtime! {
    the_audit_log_answers_each_caller_with_the_right_status => the_audit_log_answers_each_caller_with_the_right_status_scenario,
    managers_read_their_brands_events_and_admins_everyones => managers_read_their_brands_events_and_admins_everyones_scenario,
}

fn search(query: AuditQuery, cookie: Option<&str>) -> axum::http::Request<axum::body::Body> {
    call(
        "/api/admin/search_audit_log",
        &SearchAuditLog { query },
        cookie,
    )
}

async fn page_of(
    h: &Harness,
    query: AuditQuery,
    cookie: &str,
) -> (StatusCode, Option<AuditPage>, String) {
    let (status, _, body) = send(&h.router, search(query, Some(cookie))).await;
    (status, serde_json::from_str(&body).ok(), body)
}

async fn the_audit_log_answers_each_caller_with_the_right_status_scenario() {
    let h = harness().await;
    let cookies = cookies_of_all_callers(&h.router).await;
    let northwind = h.northwind;
    let cases = vec![
        Case {
            name: "GET /audit",
            request: Box::new(|c| get("/audit", c)),
            expected: REVIEWERS_PAGE,
        },
        Case {
            name: "POST /api/admin/search_audit_log (all the caller may see)",
            request: Box::new(|c| search(AuditQuery::default(), c)),
            expected: REVIEWERS,
        },
        Case {
            name: "POST /api/admin/search_audit_log (Northwind's)",
            request: Box::new(move |c| {
                let query = AuditQuery {
                    brand: northwind.to_string(),
                    ..AuditQuery::default()
                };
                search(query, c)
            }),
            expected: Expected {
                northwind_manager: 200,
                admin: 200,
                ..NOBODY
            },
        },
        Case {
            name: "GET /audit.csv",
            request: Box::new(|c| get("/audit.csv", c)),
            expected: REVIEWERS,
        },
        Case {
            name: "GET /audit.csv (Northwind's)",
            request: Box::new(move |c| get(&format!("/audit.csv?brand={northwind}"), c)),
            expected: Expected {
                northwind_manager: 200,
                admin: 200,
                ..NOBODY
            },
        },
    ];
    assert_matrix(&h.router, &cookies, &cases).await;
}

async fn managers_read_their_brands_events_and_admins_everyones_scenario() {
    let h = harness().await;
    let admin = sign_in(&h.router, "admin@goodfaith.test").await;
    let manager = sign_in(&h.router, "manager@goodfaith.test").await;
    // An event with a formula in its detail, by the admin, about an account.
    let aurora_id: i64 =
        sqlx::query_scalar("SELECT id FROM users WHERE email = 'staff@aurora.test'")
            .fetch_one(&h._db.db.pool)
            .await
            .expect("user");
    let deactivate = DeactivatePerson {
        user_id: aurora_id,
        reason: "=HYPERLINK(\"http://evil.test\")".into(),
    };
    let (status, _, body) = send(
        &h.router,
        call("/api/admin/deactivate_person", &deactivate, Some(&admin)),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");

    // The manager sees only the events of the brands they look after (Helios and Aurora among
    // them, Northwind not), newest first.
    let theirs: Vec<String> = sqlx::query_scalar(
        "SELECT b.name FROM brands b JOIN users u ON u.id = b.manager_id \
         WHERE u.email = 'manager@goodfaith.test'",
    )
    .fetch_all(&h._db.db.pool)
    .await
    .expect("brands");
    assert!(
        theirs.iter().any(|name| name == "Helios Audio"),
        "{theirs:?}"
    );
    assert!(
        !theirs.iter().any(|name| name == "Northwind Apparel"),
        "{theirs:?}"
    );
    let (status, page, body) = page_of(&h, AuditQuery::default(), &manager).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let page = page.expect("a page");
    assert_eq!(page.events.len(), 50, "a full first page");
    for event in &page.events {
        let brand = event.brand.clone().unwrap_or_default();
        assert!(theirs.contains(&brand), "{event:?}");
    }
    assert!(page.events.windows(2).all(|pair| pair[0].id > pair[1].id));
    // The next page starts below the cursor.
    let before = page.next_before.expect("more than one page");
    let (_, next, _) = page_of(
        &h,
        AuditQuery {
            before: Some(before),
            ..AuditQuery::default()
        },
        &manager,
    )
    .await;
    let next = next.expect("a page");
    assert!(next.events.iter().all(|event| event.id < before));

    // By person, kind and subject: the admin's deactivation, found three ways.
    let by = |query: AuditQuery| page_of(&h, query, &admin);
    for query in [
        AuditQuery {
            actor: "ADA ADMIN".into(),
            kind: "user".into(),
            ..AuditQuery::default()
        },
        AuditQuery {
            subject: "user".into(),
            number: aurora_id.to_string(),
            kind: "user".into(),
            ..AuditQuery::default()
        },
        AuditQuery {
            from: "2000-01-01".into(),
            to: "9999-12-31".into(),
            kind: "user".into(),
            ..AuditQuery::default()
        },
    ] {
        let (status, page, body) = by(query.clone()).await;
        assert_eq!(status, StatusCode::OK, "{query:?}: {body}");
        let actions: Vec<String> = page
            .expect("a page")
            .events
            .into_iter()
            .map(|event| event.action)
            .collect();
        assert_eq!(actions, ["user.deactivated"], "{query:?}");
    }
    // The manager does not see it: the account is Aurora's staff, but the admin's filter by
    // person shows only events of the manager's brands.
    let (_, page, _) = page_of(
        &h,
        AuditQuery {
            kind: "auth".into(),
            actor: "admin@goodfaith.test".into(),
            ..AuditQuery::default()
        },
        &manager,
    )
    .await;
    assert!(page.expect("a page").events.is_empty());

    // Each bad filter is named by its field.
    for (query, field) in [
        (
            AuditQuery {
                kind: "everything".into(),
                ..AuditQuery::default()
            },
            "kind",
        ),
        (
            AuditQuery {
                number: "12".into(),
                ..AuditQuery::default()
            },
            "subject",
        ),
        (
            AuditQuery {
                subject: "listing".into(),
                number: "twelve".into(),
                ..AuditQuery::default()
            },
            "number",
        ),
        (
            AuditQuery {
                from: "2026-12-07".into(),
                to: "2026-12-01".into(),
                ..AuditQuery::default()
            },
            "to",
        ),
        (
            AuditQuery {
                from: "7 Dec".into(),
                ..AuditQuery::default()
            },
            "from",
        ),
    ] {
        let (status, _, body) = page_of(&h, query, &admin).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{field}: {body}");
        assert!(body.contains(field), "{field}: {body}");
    }

    // The CSV: a header, the same events, and the formula kept as text.
    let (status, content_type, bytes) =
        send_raw(&h.router, get("/audit.csv?kind=user", Some(&admin))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(content_type.starts_with("text/csv"), "{content_type}");
    let text = String::from_utf8(bytes).expect("UTF-8");
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with("id,occurred_at_utc,actor,action"),
        "{text}"
    );
    assert_eq!(lines.len(), 2, "{text}");
    assert!(lines[1].contains("user.deactivated"), "{text}");
    assert!(
        !lines[1].contains(",=HYPERLINK") && !lines[1].contains(",\"=HYPERLINK"),
        "{text}"
    );
    // Every event a manager may see, and no other brand's.
    let (status, _, bytes) = send_raw(&h.router, get("/audit.csv", Some(&manager))).await;
    assert_eq!(status, StatusCode::OK);
    let text = String::from_utf8(bytes).expect("UTF-8");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut rows = 0;
    for record in reader.records() {
        let record = record.expect("a CSV row");
        assert!(theirs.iter().any(|name| name == &record[6]), "{record:?}");
        rows += 1;
    }
    assert!(rows > 50, "more than one page's worth: {rows}");
}
