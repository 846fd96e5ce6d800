//! The benchmark's ceiling: the instant-takedown transaction behind a bare axum handler, with
//! no session and no sign-in. Built only with the `bench-ceiling` feature, which the release
//! build leaves off: an unauthenticated takedown has no place on a real deployment.
//! `bench/run.sh` builds its own binary with the feature.

use std::sync::Arc;

use app::db::Db;
use app::db::reports::{NewReport, SubmitError};
use app::domain::{ReasonCode, Rules};
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::post;

use crate::bench::Facts;

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
        confirmed_authorised: Vec::new(),
    };
    match app::db::takedown::take_down(&ceiling.db, &report, &ceiling.rules, app::db::now_ms())
        .await
    {
        Ok((_, items)) if !items.is_empty() => StatusCode::OK,
        // Gone already: nothing was taken down, which must not count as a takedown.
        Ok(_) => StatusCode::NOT_FOUND,
        Err(SubmitError::Raced) => StatusCode::CONFLICT,
        // The bench sets the caps beyond its load; reaching one is the brake, not an error.
        Err(SubmitError::CapReached(_)) => StatusCode::TOO_MANY_REQUESTS,
        Err(error) => {
            tracing::warn!(%error, "ceiling takedown");
            StatusCode::INTERNAL_SERVER_ERROR
        }
    }
}
