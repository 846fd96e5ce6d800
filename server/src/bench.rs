//! Tools for `bench/run.sh`: the facts a load script needs (ids of the demo brands, their
//! rights, the listing range to take down), and the ceiling — the instant-takedown
//! transaction behind a bare axum handler, with no Leptos, no session and no checks, on the
//! same database — against which the portal's own server function is compared.

use std::sync::Arc;

use app::db::Db;
use app::db::reports::{NewReport, SubmitError};
use app::domain::ReasonCode;
use app::domain::Rules;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::post;

/// Ids the load scripts put into their requests.
#[derive(Debug, Clone, Copy)]
pub struct Facts {
    /// Helios Audio (Joint-Force) and its verified trademark.
    pub helios: (i64, i64),
    /// Northwind Apparel (Standard) and its verified trademark.
    pub northwind: (i64, i64),
    /// The Helios staff account that takes listings down.
    pub helios_staff: i64,
    /// Lowest and highest listing id of the scale marketplace.
    pub listings: (i64, i64),
}

async fn brand_and_right(db: &Db, name: &str) -> anyhow::Result<(i64, i64)> {
    Ok(sqlx::query_as(
        "SELECT b.id, MIN(r.id) FROM brands b JOIN ip_rights r ON r.brand_id = b.id \
         WHERE b.name = $1 AND r.status = 'verified' GROUP BY b.id",
    )
    .bind(name)
    .fetch_one(&db.pool)
    .await?)
}

/// Reads the facts from a database seeded by `goodfaith seed`.
pub async fn facts(db: &Db) -> anyhow::Result<Facts> {
    let helios_staff = sqlx::query_scalar("SELECT id FROM users WHERE email = 'staff@helios.test'")
        .fetch_one(&db.pool)
        .await?;
    // The scale listings follow the demo's (2,400 and their histories, all under 5,000).
    let listings = sqlx::query_as("SELECT MIN(id), MAX(id) FROM listings WHERE category = 'Scale'")
        .fetch_one(&db.pool)
        .await?;
    Ok(Facts {
        helios: brand_and_right(db, "Helios Audio").await?,
        northwind: brand_and_right(db, "Northwind Apparel").await?,
        helios_staff,
        listings,
    })
}

struct Ceiling {
    db: Db,
    rules: Rules,
    facts: Facts,
}

/// The ceiling: `POST /takedown/{listing}` runs the same transaction as the portal's instant
/// takedown (`db::takedown::take_down`) for Helios, and nothing else.
pub fn ceiling_router(db: Db, rules: Rules, facts: Facts) -> Router {
    Router::new()
        .route("/takedown/{listing}", post(take_down))
        .with_state(Arc::new(Ceiling { db, rules, facts }))
}

async fn take_down(State(ceiling): State<Arc<Ceiling>>, Path(listing): Path<i64>) -> StatusCode {
    let (brand_id, ip_right_id) = ceiling.facts.helios;
    let report = NewReport {
        brand_id,
        submitted_by: ceiling.facts.helios_staff,
        ip_right_id,
        reason: ReasonCode::Counterfeit,
        explanation: "Counterfeit goods with our mark.".into(),
        test_buy_order: String::new(),
        declaration: app::domain::report::DECLARATION.to_owned(),
        signature: "Hana Helios".into(),
        resubmits_item_id: None,
        evidence_file_ids: Vec::new(),
        items: vec![(listing, listing.to_string(), String::new())],
    };
    match app::db::takedown::take_down(&ceiling.db, &report, &ceiling.rules, app::db::now_ms())
        .await
    {
        Ok((_, items)) if !items.is_empty() => StatusCode::OK,
        // Gone already: nothing was taken down, which must not count as a takedown.
        Ok(_) => StatusCode::NOT_FOUND,
        Err(SubmitError::Raced) => StatusCode::CONFLICT,
        Err(error) => {
            tracing::warn!(%error, "ceiling takedown");
            StatusCode::INTERNAL_SERVER_ERROR
        }
    }
}
