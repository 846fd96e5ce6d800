//! The Brand API, `/api/v1/…`: JSON over HTTP for brands' systems and their enforcement
//! vendors, with bearer tokens. Each handler is a door onto the same use case the portal's
//! server function calls (`app::service`); what is here is only HTTP: reading the request,
//! the token and its scopes, idempotency, rate limits, and answering in JSON or as RFC 9457
//! problem details.

pub mod body;
pub mod brand;
pub mod caller;
pub mod counter_notices;
pub mod docs;
pub mod idempotency;
pub mod ingest;
pub mod inquiries;
pub mod marketplace;
pub mod problem;
pub mod report_reads;
pub mod reports;
pub mod takedowns;

use std::sync::Arc;

use app::api::support::AppState;
use app::error::AppError;
use app::service::Context;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware::from_fn_with_state;
use axum::routing::{get, post};
use governor::DefaultKeyedRateLimiter;

pub use caller::RateLimit;
use problem::Problem;

/// What every API handler works with.
#[derive(Clone)]
pub struct Api {
    /// The use cases' context.
    pub ctx: Context,
    /// Requests per token.
    pub limiter: Arc<DefaultKeyedRateLimiter<i64>>,
    /// Token uses on their way to the audit trail.
    pub uses: caller::UseLog,
}

/// The API's routes, to be nested at `/api/v1`.
pub fn router(state: &AppState, limit: RateLimit) -> Router {
    let api = Api {
        ctx: state.context(),
        limiter: caller::limiter(limit),
        uses: caller::UseLog::spawn(state.context()),
    };
    let with_token = Router::new()
        .route("/rights", get(brand::rights))
        .route("/standing", get(brand::standing))
        .route("/reports", get(report_reads::list).post(reports::file))
        .route("/reports/{report_id}", get(report_reads::get))
        .route("/reports/{report_id}/withdrawals", post(reports::withdraw))
        .route("/takedowns", post(takedowns::take_down))
        .route("/takedowns/{item_id}/retraction", post(takedowns::retract))
        .route("/inquiries", get(inquiries::list))
        .route("/inquiries/{inquiry_id}/answer", post(inquiries::answer))
        .route("/counter-notices", get(counter_notices::list))
        .route(
            "/counter-notices/{counter_notice_id}/response",
            post(counter_notices::respond),
        )
        .layer(from_fn_with_state(api.clone(), idempotency::idempotent))
        .layer(from_fn_with_state(api.clone(), caller::require_token));
    let with_key = Router::new()
        .route("/marketplace/events", get(marketplace::events))
        .route(
            "/marketplace/sellers",
            axum::routing::put(ingest::put_sellers)
                .layer(DefaultBodyLimit::max(ingest::INGEST_BODY_LIMIT)),
        )
        .route(
            "/marketplace/listings",
            axum::routing::put(ingest::put_listings)
                .layer(DefaultBodyLimit::max(ingest::INGEST_BODY_LIMIT)),
        )
        .layer(from_fn_with_state(api.clone(), marketplace::require_key));
    Router::new()
        .route("/openapi.json", get(docs::openapi_json))
        .merge(with_key)
        .merge(with_token)
        .fallback(no_such_operation)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(body::BODY_LIMIT))
        .with_state(api)
}

async fn no_such_operation() -> Problem {
    Problem::not_found("There is no API operation at this address; see /api/docs.")
}

async fn method_not_allowed() -> Problem {
    Problem::new(
        axum::http::StatusCode::METHOD_NOT_ALLOWED,
        "method-not-allowed",
        "Method not allowed",
        "This address does not take this method; see /api/docs.",
    )
}

/// An error of a use case about one id, as the API answers it. An id of another brand's data
/// is refused by the use case's scope check; the API answers it with the same words as an id
/// that does not exist, so a token cannot learn what other brands have.
pub fn refused(error: AppError, not_found: &str) -> Problem {
    if app::service::access::is_scope_refusal(&error) || matches!(error, AppError::NotFound(_)) {
        Problem::not_found(not_found)
    } else {
        Problem::from(error)
    }
}

/// A string schema limited to `values`: the stored names of a domain enum.
pub fn one_of<const N: usize>(values: [&'static str; N]) -> utoipa::openapi::Object {
    utoipa::openapi::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .enum_values(Some(values))
        .build()
}

/// Like [`one_of`], for an optional field: one of `values`, or `null`.
pub fn one_of_or_null<const N: usize>(values: [&'static str; N]) -> utoipa::openapi::Object {
    use utoipa::openapi::schema::{SchemaType, Type};
    let mut names: Vec<serde_json::Value> = values.into_iter().map(Into::into).collect();
    names.push(serde_json::Value::Null);
    utoipa::openapi::ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
        .enum_values(Some(names))
        .build()
}

/// `2026-12-06T18:54:36.123Z`: an instant as the API writes it (RFC 3339, UTC).
pub fn iso(ms: i64) -> String {
    app::service::rfc3339(ms)
}

/// Reads an RFC 3339 instant or a `YYYY-MM-DD` date (its midnight, UTC) as epoch ms.
pub fn parse_instant(text: &str) -> Option<i64> {
    use time::format_description::well_known::Rfc3339;
    if let Ok(at) = time::OffsetDateTime::parse(text, &Rfc3339) {
        return i64::try_from(at.unix_timestamp_nanos() / 1_000_000).ok();
    }
    (text.len() == 10)
        .then(|| app::domain::start_of_day_ms(text))
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_are_written_and_read_as_rfc3339() {
        assert_eq!(iso(1_795_960_980_123), "2026-11-29T14:03:00.123Z");
        assert_eq!(
            parse_instant("2026-11-29T14:03:00.123Z"),
            Some(1_795_960_980_123)
        );
        assert_eq!(parse_instant("2026-11-29"), Some(1_795_910_400_000));
        assert_eq!(parse_instant("yesterday"), None);
    }
}
