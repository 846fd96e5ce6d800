//! Who may call what: every operation with every kind of token, the token page and its
//! server functions, revocation and the audit trail.

use axum::http::StatusCode;
use serde_json::json;

use super::*;
use crate::support::{harness, send};

on_shared_runtime! {
    every_operation_checks_the_token_its_scope_and_the_brand => matrix_scenario,
    a_revoked_token_stops_at_once_and_uses_are_audited => revocation_scenario,
    a_deactivated_makers_token_stops_and_works_again_on_reactivation => deactivated_maker_scenario,
    a_deactivated_brands_tokens_stop_and_work_again_on_reactivation => deactivated_brand_scenario,
    the_token_page_and_its_functions_answer_each_caller => token_page_matrix_scenario,
}

async fn matrix_scenario() {
    let h = harness().await;
    let db = db(&h);
    let tokens = tokens(db).await;
    let right = helios_right(db, h.helios).await;
    let (report, pending_item): (i64, i64) = sqlx::query_as(
        "SELECT report_id, id FROM report_items WHERE brand_id = $1 AND status = 'pending' ORDER BY id LIMIT 1",
    )
    .bind(h.helios)
    .fetch_one(&db.pool)
    .await
    .expect("pending item");
    let fresh = fresh_listings(db, 3).await;
    // A takedown to retract, and one a seller appeals, for the rows below.
    let (status, taken) = call(
        &h.router,
        api(
            "POST",
            "/takedowns",
            Some(&tokens.own),
            Some(&report_body(right, &ids(&[fresh[0], h.bazaar_listing]))),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{taken}");
    let retractable = taken["items"][0]["item_id"].as_i64().expect("item");
    let appealed = taken["items"][1]["item_id"].as_i64().expect("item");
    let seller = user(db, "seller@bazaar.test").await;
    let ctx = app::service::Context::new(db.clone(), Default::default());
    app::service::appeals::file_counter_notice(
        &ctx,
        &seller,
        &app::domain::appeal::CounterNoticeDraft {
            listing_id: h.bazaar_listing,
            ground: "genuine".into(),
            statement: "Bought from the brand's own distributor; invoice attached on request."
                .into(),
            contact_name: "Bea Bazaar".into(),
            contact_email: "bea@bazaar.example".into(),
            contact_address: "Market Street 1, Leeds".into(),
            file_ids: Vec::new(),
            declared: true,
            signature: "Bea Bazaar".into(),
        },
    )
    .await
    .expect("counter-notice");
    let counter_notice: i64 =
        sqlx::query_scalar("SELECT id FROM counter_notices WHERE item_id = $1")
            .bind(appealed)
            .fetch_one(&db.pool)
            .await
            .expect("counter-notice id");
    let inquiry: i64 = sqlx::query_scalar(
        "SELECT id FROM inquiries WHERE brand_id = $1 AND status = 'open' ORDER BY deadline_at DESC LIMIT 1",
    )
    .bind(h.helios)
    .fetch_one(&db.pool)
    .await
    .expect("open inquiry");

    fn reads(t: &Tokens) -> &str {
        &t.takedowns_only
    }
    fn writes(t: &Tokens) -> &str {
        &t.reads_only
    }
    let rows = vec![
        Row {
            name: "rights",
            method: "GET",
            path: "/rights".into(),
            body: None,
            narrow: reads,
            other_brand: 200,
            own: 200,
        },
        Row {
            name: "standing",
            method: "GET",
            path: "/standing".into(),
            body: None,
            narrow: reads,
            other_brand: 200,
            own: 200,
        },
        Row {
            name: "list reports",
            method: "GET",
            path: "/reports?status=pending".into(),
            body: None,
            narrow: reads,
            other_brand: 200,
            own: 200,
        },
        Row {
            name: "get report",
            method: "GET",
            path: format!("/reports/{report}"),
            body: None,
            narrow: reads,
            other_brand: 404,
            own: 200,
        },
        Row {
            name: "list inquiries",
            method: "GET",
            path: "/inquiries".into(),
            body: None,
            narrow: reads,
            other_brand: 200,
            own: 200,
        },
        Row {
            name: "list counter-notices",
            method: "GET",
            path: "/counter-notices".into(),
            body: None,
            narrow: reads,
            other_brand: 200,
            own: 200,
        },
        Row {
            name: "file report",
            method: "POST",
            path: "/reports".into(),
            body: Some(report_body(right, &ids(&fresh[1..2]))),
            // Another brand cannot rest a report on this brand's right.
            narrow: writes,
            other_brand: 422,
            own: 201,
        },
        Row {
            name: "take down",
            method: "POST",
            path: "/takedowns".into(),
            body: Some(report_body(right, &ids(&fresh[2..3]))),
            // Northwind is not Joint-Force: refused with the page's reason.
            narrow: writes,
            other_brand: 403,
            own: 201,
        },
        Row {
            name: "withdraw",
            method: "POST",
            path: format!("/reports/{report}/withdrawals"),
            body: Some(json!({"item_ids": [pending_item]})),
            narrow: writes,
            other_brand: 404,
            own: 200,
        },
        Row {
            name: "retract",
            method: "POST",
            path: format!("/takedowns/{retractable}/retraction"),
            body: None,
            narrow: writes,
            other_brand: 404,
            own: 200,
        },
        Row {
            name: "answer inquiry",
            method: "POST",
            path: format!("/inquiries/{inquiry}/answer"),
            body: Some(json!({"answer": "unsure", "comment": "Photos too small to tell."})),
            narrow: writes,
            other_brand: 404,
            own: 200,
        },
        Row {
            name: "respond to counter-notice",
            method: "POST",
            path: format!("/counter-notices/{counter_notice}/response"),
            body: Some(
                json!({"kind": "evidence", "text": "The serial on the photos belongs to a seized batch."}),
            ),
            narrow: writes,
            other_brand: 404,
            own: 200,
        },
    ];
    let mut failures = Vec::new();
    for row in &rows {
        let narrow = (row.narrow)(&tokens);
        // The refusals first, the own token last: it changes things.
        let kinds = [
            ("no token", None, 401),
            ("revoked token", Some(tokens.revoked.as_str()), 401),
            ("expired token", Some(tokens.expired.as_str()), 401),
            ("token without the scope", Some(narrow), 403),
            (
                "other brand's token",
                Some(tokens.other_brand.as_str()),
                row.other_brand,
            ),
            ("own token", Some(tokens.own.as_str()), row.own),
        ];
        for (kind, token, expected) in kinds {
            let request = api(row.method, &row.path, token, row.body.as_ref());
            let (status, _, body) = send(&h.router, request).await;
            if status.as_u16() != expected {
                failures.push(format!(
                    "{} with {kind}: expected {expected}, got {status}: {body}",
                    row.name
                ));
            } else if status.is_client_error() && !body.contains("\"type\"") {
                failures.push(format!("{} with {kind}: not a problem: {body}", row.name));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));

    // Another brand's lists hold its own data, never this brand's.
    for path in ["/rights", "/reports", "/inquiries", "/standing"] {
        let (_, _, body) = send(&h.router, api("GET", path, Some(&tokens.other_brand), None)).await;
        assert!(
            !body.contains("Helios"),
            "{path} leaked Helios data: {body}"
        );
    }
    // The token's staff member is on what it filed, and the withdrawal is in the report.
    let (_, detail) = call(
        &h.router,
        api(
            "GET",
            &format!("/reports/{report}"),
            Some(&tokens.own),
            None,
        ),
    )
    .await;
    let item = detail["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|item| item["id"] == pending_item)
        .expect("item");
    assert_eq!(item["status"], "withdrawn", "{item}");
    assert!(
        item["timeline"]
            .as_array()
            .is_some_and(|events| !events.is_empty())
    );
    assert!(
        detail["submitted_at"]
            .as_str()
            .is_some_and(|at| at.ends_with('Z'))
    );
}

async fn revocation_scenario() {
    let h = harness().await;
    let db = db(&h);
    let (token_id, secret) = token(db, "staff@helios.test", &["reports:read"]).await;
    let (status, _) = call(&h.router, api("GET", "/standing", Some(&secret), None)).await;
    assert_eq!(status, StatusCode::OK);
    let helios = user(db, "staff@helios.test").await;
    let ctx = app::service::Context::new(db.clone(), Default::default());
    app::service::tokens::revoke_token(&ctx, &helios, h.helios, token_id)
        .await
        .expect("revoke");
    let (status, problem) = call(&h.router, api("GET", "/standing", Some(&secret), None)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(
        problem["detail"]
            .as_str()
            .is_some_and(|d| d.contains("revoked")),
        "{problem}"
    );
    // The use is in the audit trail (written a moment later, off the request's path).
    let mut used = 0;
    for _ in 0..100 {
        used = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_events WHERE action = 'api_token.used' AND subject_id = $1",
        )
        .bind(token_id)
        .fetch_one(&db.pool)
        .await
        .expect("count");
        if used > 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(used, 1);
    let detail: String = sqlx::query_scalar(
        "SELECT detail FROM audit_events WHERE action = 'api_token.used' AND subject_id = $1",
    )
    .bind(token_id)
    .fetch_one(&db.pool)
    .await
    .expect("detail");
    assert!(
        detail.starts_with("1 call at ") && detail.ends_with("GET /api/v1/standing → 200 ×1"),
        "{detail}"
    );
    let listed = app::service::tokens::list_tokens(&ctx, &helios, h.helios)
        .await
        .expect("tokens");
    let listed = listed.iter().find(|t| t.id == token_id).expect("listed");
    assert!(listed.last_used_at.is_some() && listed.revoked_at.is_some());
    // Another brand's staff can neither list nor revoke Helios's tokens.
    let northwind = user(db, "staff@northwind.test").await;
    assert!(
        app::service::tokens::list_tokens(&ctx, &northwind, h.helios)
            .await
            .is_err()
    );
    assert!(
        app::service::tokens::revoke_token(&ctx, &northwind, h.helios, token_id)
            .await
            .is_err()
    );
}

/// The token page and its server functions in the session matrix: only a brand's own staff
/// list, make and revoke its tokens; the API's reference is public.
async fn token_page_matrix_scenario() {
    use crate::support::{Case, Expected, assert_matrix, cookies_of_all_callers, get};
    use app::api::tokens::CreateApiToken;
    let h = harness().await;
    let cookies = cookies_of_all_callers(&h.router).await;
    let (helios, northwind) = (h.helios, h.northwind);
    let demo_token: i64 = sqlx::query_scalar("SELECT MIN(id) FROM api_tokens WHERE brand_id = $1")
        .bind(helios)
        .fetch_one(&db(&h).pool)
        .await
        .expect("demo token");
    let own_only = |own: u16| Expected {
        anonymous: 401,
        northwind_staff: 403,
        helios_staff: own,
        helios_manager: 403,
        northwind_manager: 403,
        bazaar_seller: 403,
        admin: 403,
    };
    let make = move |brand_id: i64| CreateApiToken {
        brand_id,
        name: "Matrix".into(),
        scopes: vec!["reports:read".into()],
        expires_on: String::new(),
    };
    let cases = vec![
        Case {
            name: "GET /brands/helios/api-tokens",
            request: Box::new(move |c| get(&format!("/brands/{helios}/api-tokens"), c)),
            expected: Expected {
                anonymous: 302,
                ..own_only(200)
            },
        },
        Case {
            name: "list_api_tokens helios",
            request: Box::new(move |c| {
                crate::support::post(
                    "/api/tokens/list_api_tokens",
                    &format!("brand_id={helios}"),
                    c,
                )
            }),
            expected: own_only(200),
        },
        Case {
            name: "list_api_tokens northwind",
            request: Box::new(move |c| {
                crate::support::post(
                    "/api/tokens/list_api_tokens",
                    &format!("brand_id={northwind}"),
                    c,
                )
            }),
            expected: Expected {
                northwind_staff: 200,
                helios_staff: 403,
                ..own_only(403)
            },
        },
        Case {
            name: "create_api_token helios",
            request: Box::new(move |c| {
                crate::support::call("/api/tokens/create_api_token", &make(helios), c)
            }),
            expected: own_only(200),
        },
        Case {
            name: "revoke_api_token helios",
            request: Box::new(move |c| {
                let form = format!("brand_id={helios}&token_id={demo_token}");
                crate::support::post("/api/tokens/revoke_api_token", &form, c)
            }),
            expected: own_only(200),
        },
        Case {
            name: "GET /api/docs",
            request: Box::new(|c| get("/api/docs", c)),
            expected: Expected::all(200),
        },
        Case {
            name: "GET /api/v1/openapi.json",
            request: Box::new(|c| get("/api/v1/openapi.json", c)),
            expected: Expected::all(200),
        },
    ];
    assert_matrix(&h.router, &cookies, &cases).await;
}

async fn deactivated_maker_scenario() {
    let h = harness().await;
    let db = db(&h);
    let (_, secret) = token(db, "staff@aurora.test", &["reports:read"]).await;
    let standing = || call(&h.router, api("GET", "/standing", Some(&secret), None));
    assert_eq!(standing().await.0, StatusCode::OK);
    let aurora = user(db, "staff@aurora.test").await;
    let admin = user(db, "admin@goodfaith.test").await;
    let ctx = app::service::Context::new(db.clone(), Default::default());
    app::service::people::deactivate(&ctx, &admin, aurora.id, "Left the company")
        .await
        .expect("deactivate");
    // The token acts as its maker, who may no longer act.
    assert_eq!(standing().await.0, StatusCode::UNAUTHORIZED);
    app::service::people::reactivate(&ctx, &admin, aurora.id)
        .await
        .expect("reactivate");
    assert_eq!(standing().await.0, StatusCode::OK);
}

async fn deactivated_brand_scenario() {
    let h = harness().await;
    let db = db(&h);
    let (_, secret) = token(db, "staff@aurora.test", &["reports:read"]).await;
    let standing = || call(&h.router, api("GET", "/standing", Some(&secret), None));
    assert_eq!(standing().await.0, StatusCode::OK);
    let aurora = user(db, "staff@aurora.test").await;
    let admin = user(db, "admin@goodfaith.test").await;
    let brand = aurora.brand_id.expect("Aurora's brand");
    let ctx = app::service::Context::new(db.clone(), Default::default());
    app::service::brands::deactivate_brand(&ctx, &admin, brand, "Left the programme")
        .await
        .expect("deactivate");
    assert_eq!(standing().await.0, StatusCode::UNAUTHORIZED);
    app::service::brands::reactivate_brand(&ctx, &admin, brand)
        .await
        .expect("reactivate");
    assert_eq!(standing().await.0, StatusCode::OK);
}
