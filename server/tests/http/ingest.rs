//! Listings and sellers from the marketplace over HTTP: the ingest API with the demo's
//! integration key, bad batches and rows, and an ingested listing taken down by the address
//! a brand pastes.

use app::db::Db;
use axum::http::StatusCode;

use crate::support::{Harness, harness, send};

on_shared_runtime! {
    the_marketplace_sends_listings_that_brands_can_report_at_once => ingest_scenario,
    ingest_refuses_bad_batches_and_rows_with_reasons => ingest_refusals_scenario,
}

fn db(h: &Harness) -> &Db {
    &h._db.db
}

/// A PUT with the demo's integration key (or `key`), JSON body.
fn put_json(
    path: &str,
    body: &serde_json::Value,
    key: &str,
) -> axum::http::Request<axum::body::Body> {
    axum::http::Request::put(path)
        .header("content-type", "application/json")
        .header("authorization", format!("Bearer {key}"))
        .body(axum::body::Body::from(body.to_string()))
        .expect("request")
}

fn listing_json(id: &str, version: i64) -> serde_json::Value {
    serde_json::json!({
        "id": id, "seller": "MKT-7", "title": format!("Helios Studio Pro {id}"),
        "category": "Audio", "price_cents": 2_500, "currency": "EUR",
        "url": format!("https://market.example/listings/{id}"),
        "image_url": "https://img.market.example/1.jpg", "status": "live", "version": version
    })
}

async fn ingest_scenario() {
    let h = harness().await;
    let key = server::seed::DEMO_MARKETPLACE_KEY;
    let sellers = serde_json::json!({"sellers": [
        {"id": "MKT-7", "name": "Canal Street Audio", "country": "US", "version": 1}
    ]});
    let (status, _, body) = send(
        &h.router,
        put_json("/api/v1/marketplace/sellers", &sellers, key),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let listings =
        serde_json::json!({"listings": [listing_json("MKT-L1", 1), listing_json("MKT-L2", 1)]});
    let (status, _, body) = send(
        &h.router,
        put_json("/api/v1/marketplace/listings", &listings, key),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let result: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert_eq!(
        (
            result["stored"].as_u64(),
            result["rejected"].as_array().map(Vec::len)
        ),
        (Some(2), Some(0))
    );
    // At once on the listing page, by the portal's id.
    let id: i64 = sqlx::query_scalar("SELECT id FROM listings WHERE external_id = 'MKT-L1'")
        .fetch_one(&db(&h).pool)
        .await
        .expect("listing");
    let (status, _, page) = send(
        &h.router,
        crate::support::get(&format!("/listings/{id}"), None),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Helios Studio Pro MKT-L1"));
    // Helios takes it down through the Brand API by the marketplace's address.
    let takedown = serde_json::json!({
        "ip_right_id": crate::api::helios_right(db(&h), h.helios).await,
        "reason": "counterfeit",
        "explanation": "Counterfeit Helios headphones with a fake serial.",
        "lines": [{"listing": "https://market.example/listings/MKT-L1"}],
        "declaration": {"accepted": true, "signature": "Hana Helios"}
    });
    let request = axum::http::Request::post("/api/v1/takedowns")
        .header("content-type", "application/json")
        .header(
            "authorization",
            format!("Bearer {}", server::seed::DEMO_API_TOKEN),
        )
        .body(axum::body::Body::from(takedown.to_string()))
        .expect("request");
    let (status, _, body) = send(&h.router, request).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let status: String = sqlx::query_scalar("SELECT status FROM listings WHERE id = $1")
        .bind(id)
        .fetch_one(&db(&h).pool)
        .await
        .expect("status");
    assert_eq!(status, "removed");
    // The marketplace ends the other; a takedown of it is refused on its line.
    let ended = serde_json::json!({"listings": [{
        "status": "ended", "version": 2,
        "id": "MKT-L2", "seller": "MKT-7", "title": "Helios Studio Pro MKT-L2",
        "price_cents": 2_500, "currency": "EUR", "url": "https://market.example/listings/MKT-L2"
    }]});
    let (status, _, body) = send(
        &h.router,
        put_json("/api/v1/marketplace/listings", &ended, key),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let request = axum::http::Request::post("/api/v1/takedowns")
        .header("content-type", "application/json")
        .header(
            "authorization",
            format!("Bearer {}", server::seed::DEMO_API_TOKEN),
        )
        .body(axum::body::Body::from(
            takedown
                .to_string()
                .replace("https://market.example/listings/MKT-L1", "MKT-L2"),
        ))
        .expect("request");
    let (status, _, body) = send(&h.router, request).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        body.contains("/lines/0/listing") && body.contains("has ended"),
        "{body}"
    );
}

async fn ingest_refusals_scenario() {
    let h = harness().await;
    let key = server::seed::DEMO_MARKETPLACE_KEY;
    let path = "/api/v1/marketplace/listings";
    // Without a key, or with a brand's token: 401.
    let unsigned = axum::http::Request::put(path)
        .header("content-type", "application/json")
        .body(axum::body::Body::from("{\"listings\": []}"))
        .expect("request");
    assert_eq!(send(&h.router, unsigned).await.0, StatusCode::UNAUTHORIZED);
    let body = serde_json::json!({"listings": [listing_json("A", 1)]});
    assert_eq!(
        send(
            &h.router,
            put_json(path, &body, server::seed::DEMO_API_TOKEN)
        )
        .await
        .0,
        StatusCode::UNAUTHORIZED
    );
    // 1,001 rows: refused whole, nothing stored.
    let many: Vec<serde_json::Value> = (0..1_001)
        .map(|n| listing_json(&format!("N{n}"), 1))
        .collect();
    let (status, _, body) = send(
        &h.router,
        put_json(path, &serde_json::json!({"listings": many}), key),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        body.contains("\"/listings\"") && body.contains("1001"),
        "{body}"
    );
    // Mixed: the good rows stored, each bad one named by index and pointer.
    let sellers = serde_json::json!({"sellers": [
        {"id": "MKT-7", "name": "Canal Street Audio", "country": "US", "version": 1}
    ]});
    send(
        &h.router,
        put_json("/api/v1/marketplace/sellers", &sellers, key),
    )
    .await;
    let mut bad_price = listing_json("B", 1);
    bad_price["price_cents"] = (-1).into();
    let mut bad_currency = listing_json("C", 1);
    bad_currency["currency"] = "XYZ".into();
    let mut bad_url = listing_json("D", 1);
    bad_url["url"] = "javascript:alert(1)".into();
    let mut wrong_type = listing_json("E", 1);
    wrong_type["price_cents"] = "cheap".into();
    let rows = serde_json::json!({"listings": [
        listing_json("G1", 1), bad_price, bad_currency, bad_url, listing_json("G1", 1), wrong_type,
        listing_json("G2", 1)
    ]});
    let (status, _, body) = send(&h.router, put_json(path, &rows, key)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let result: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert_eq!(result["received"], 7);
    assert_eq!(result["stored"], 2);
    let pointers: Vec<&str> = result["rejected"]
        .as_array()
        .expect("rejected")
        .iter()
        .filter_map(|row| row["pointer"].as_str())
        .collect();
    assert_eq!(
        pointers,
        [
            "/listings/1/price_cents",
            "/listings/2/currency",
            "/listings/3/url",
            "/listings/4/id",
            "/listings/5/price_cents",
        ]
    );
    // Nothing good at all: 422 with every row's problem.
    let (status, _, body) = send(
        &h.router,
        put_json(
            path,
            &serde_json::json!({"listings": [{"id": "only"}]}),
            key,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("/listings/0"), "{body}");
    // Not JSON: 415.
    let text = axum::http::Request::put(path)
        .header("authorization", format!("Bearer {key}"))
        .body(axum::body::Body::from("listings"))
        .expect("request");
    assert_eq!(
        send(&h.router, text).await.0,
        StatusCode::UNSUPPORTED_MEDIA_TYPE
    );
}
