//! The Brand API (`/api/v1`) through the real router. `access.rs`: who may call what (every
//! operation with every kind of token, the token page's functions, revocation, the audit
//! trail); `requests.rs`: what a call must look like (idempotency, lines, bad input, rate
//! limits, the published document). Here: the requests, tokens and data both build on.
//! Tokens are made through the same use case as the token page.

mod access;
mod requests;

use app::db::Db;
use app::domain::api_token::TokenForm;
use app::model::CurrentUser;
use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::{Value, json};
use server::seed::DEMO_API_TOKEN;

use crate::support::{Harness, send};

/// A request to the API with an optional token and JSON body.
pub(super) fn api(
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<&Value>,
) -> Request<Body> {
    let mut request = Request::builder()
        .method(method)
        .uri(format!("/api/v1{path}"));
    if let Some(token) = token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    match body {
        Some(body) => request
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string())),
        None => request.body(Body::empty()),
    }
    .expect("request")
}

/// Sends and reads the answer as JSON (every answer of the API is JSON).
pub(super) async fn call(router: &Router, request: Request<Body>) -> (StatusCode, Value) {
    let (status, _, body) = send(router, request).await;
    let json = serde_json::from_str(&body).unwrap_or(Value::String(body));
    (status, json)
}

pub(super) fn db(h: &Harness) -> &Db {
    &h._db.db
}

pub(super) async fn user(db: &Db, email: &str) -> CurrentUser {
    app::db::users::find_by_email(&db.pool, email)
        .await
        .expect("user")
        .and_then(|user| user.to_current_user())
        .expect("account")
}

/// Makes a token as `email` with `scopes` through the token page's use case.
pub(super) async fn token(db: &Db, email: &str, scopes: &[&str]) -> (i64, String) {
    let caller = user(db, email).await;
    let ctx = app::service::Context::new(db.clone(), Default::default());
    let scopes: Vec<String> = scopes.iter().map(|scope| (*scope).to_owned()).collect();
    let form = TokenForm {
        name: "test",
        scopes: &scopes,
        expires_on: "",
    };
    let brand = caller.brand_id.expect("brand staff");
    let made = app::service::tokens::create_token(&ctx, &caller, brand, &form)
        .await
        .expect("token");
    (made.token.id, made.secret)
}

pub(super) struct Tokens {
    pub(super) own: String,
    pub(super) reads_only: String,
    pub(super) takedowns_only: String,
    pub(super) revoked: String,
    pub(super) expired: String,
    pub(super) other_brand: String,
}

pub(super) async fn tokens(db: &Db) -> Tokens {
    let all = [
        "reports:read",
        "reports:write",
        "takedowns:write",
        "inquiries:write",
    ];
    let (revoked_id, revoked) = token(db, "staff@helios.test", &all).await;
    let helios = user(db, "staff@helios.test").await;
    let ctx = app::service::Context::new(db.clone(), Default::default());
    let brand = helios.brand_id.expect("brand");
    app::service::tokens::revoke_token(&ctx, &helios, brand, revoked_id)
        .await
        .expect("revoke");
    let (expired_id, expired) = token(db, "staff@helios.test", &all).await;
    let mut tx = db.begin().await.expect("tx");
    sqlx::query("UPDATE api_tokens SET expires_at = $1 WHERE id = $2")
        .bind(app::db::now_ms() - 1)
        .bind(expired_id)
        .execute(&mut *tx)
        .await
        .expect("expire");
    tx.commit().await.expect("commit");
    Tokens {
        own: DEMO_API_TOKEN.to_owned(),
        reads_only: token(db, "staff@helios.test", &["reports:read"]).await.1,
        takedowns_only: token(db, "staff@helios.test", &["takedowns:write"]).await.1,
        revoked,
        expired,
        other_brand: token(db, "staff@northwind.test", &all).await.1,
    }
}

/// Live listings nobody has open on a report, for fresh reports.
pub(super) async fn fresh_listings(db: &Db, count: i64) -> Vec<i64> {
    sqlx::query_scalar(
        "SELECT l.id FROM listings l WHERE l.status = 'live' AND NOT EXISTS \
         (SELECT 1 FROM report_items i WHERE i.listing_id = l.id \
          AND i.status IN ('pending', 'removed', 'counter_noticed')) \
         AND NOT EXISTS (SELECT 1 FROM authorised_sellers a WHERE a.seller_id = l.seller_id) \
         ORDER BY l.id LIMIT $1",
    )
    .bind(count)
    .fetch_all(&db.pool)
    .await
    .expect("listings")
}

pub(crate) async fn helios_right(db: &Db, brand: i64) -> i64 {
    sqlx::query_scalar("SELECT MIN(id) FROM ip_rights WHERE brand_id = $1 AND status = 'verified'")
        .bind(brand)
        .fetch_one(&db.pool)
        .await
        .expect("right")
}

pub(super) fn report_body(right: i64, listings: &[String]) -> Value {
    json!({
        "ip_right_id": right,
        "reason": "counterfeit",
        "explanation": "Our logo on goods we never made; the serial format is wrong.",
        "lines": listings.iter().map(|listing| json!({"listing": listing})).collect::<Vec<_>>(),
        "declaration": {"accepted": true, "signature": "Hana Helios"},
    })
}

pub(super) fn ids(listings: &[i64]) -> Vec<String> {
    listings.iter().map(i64::to_string).collect()
}

/// One operation and what each kind of token gets.
pub(super) struct Row {
    pub(super) name: &'static str,
    pub(super) method: &'static str,
    pub(super) path: String,
    pub(super) body: Option<Value>,
    /// A token of the brand without the operation's scope.
    pub(super) narrow: fn(&Tokens) -> &str,
    pub(super) other_brand: u16,
    pub(super) own: u16,
}

/// `count` listings nobody has reported, added to the marketplace for this test.
pub(super) async fn more_listings(db: &Db, count: usize) -> Vec<i64> {
    let seller: i64 = sqlx::query_scalar("SELECT MIN(id) FROM sellers")
        .fetch_one(&db.pool)
        .await
        .expect("seller");
    let now = app::db::now_ms();
    let mut tx = db.begin().await.expect("tx");
    let mut ids = Vec::with_capacity(count);
    for n in 0..count {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO listings (seller_id, title, category, price_cents, currency, status, created_at) \
             VALUES ($1, $2, 'Audio', 1999, 'EUR', 'live', $3) RETURNING id",
        )
        .bind(seller)
        .bind(format!("Bulk test listing {n}"))
        .bind(now)
        .fetch_one(&mut *tx)
        .await
        .expect("listing");
        // Known to the marketplace by its portal id, like the demo's listings.
        sqlx::query("UPDATE listings SET external_id = CAST(id AS TEXT) WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await
            .expect("marketplace id");
        ids.push(id);
    }
    tx.commit().await.expect("commit");
    ids
}
