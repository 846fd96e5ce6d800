//! The marketplace sends its sellers and listings: `PUT /api/v1/marketplace/sellers` and
//! `PUT /api/v1/marketplace/listings`, batches of up to 1,000, upserted on the marketplace's
//! ids (`app::service::ingest`). Each row is read and checked on its own: a batch with some
//! bad rows stores the good ones and answers each bad row's index, pointer and reason.

use app::domain::ingest::{ListingRow, RowProblem, SellerRow};
use app::service::ingest::{Ingested, ingest_listings, ingest_sellers};
use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Extension, State};
use axum::http::{HeaderMap, StatusCode, header};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::Api;
use super::body::parse;
use super::marketplace::MarketplaceCaller;
use super::problem::{FieldProblem, Problem, TokenRefusals};

/// Largest body a batch may be: 1,000 listings with long titles and addresses.
pub const INGEST_BODY_LIMIT: usize = 4 * 1024 * 1024;

/// One seller as the marketplace sends it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SellerInput {
    /// The marketplace's id of the seller (1–64 letters, digits, `. _ - :`).
    pub id: String,
    /// The shop's name (unique on the portal).
    pub name: String,
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
    /// Higher than the last version sent for this seller (e.g. its update time in ms), or
    /// the row is left as stored.
    pub version: i64,
}

/// One listing as the marketplace sends it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ListingInput {
    /// The marketplace's id of the listing (what brands type and paste).
    pub id: String,
    /// The marketplace's id of its seller, sent before.
    pub seller: String,
    /// Its title (at most 300 characters).
    pub title: String,
    /// Its category.
    #[serde(default)]
    pub category: String,
    /// Its price in the currency's minor unit (cents), 0 or more.
    pub price_cents: i64,
    /// ISO 4217 currency code.
    pub currency: String,
    /// Its address on the marketplace (http or https).
    pub url: String,
    /// Its main picture (http or https), if any.
    #[serde(default)]
    pub image_url: String,
    /// `live`, or `ended`: an ended listing can no longer be reported.
    #[schema(schema_with = market_statuses)]
    pub status: String,
    /// Higher than the last version sent for this listing, or the row is left as stored.
    pub version: i64,
}

fn market_statuses() -> utoipa::openapi::Object {
    super::one_of(
        app::domain::ingest::MarketStatus::ALL.map(app::domain::ingest::MarketStatus::as_str),
    )
}

/// A batch of sellers.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SellerBatch {
    /// 1 to 1,000 sellers.
    #[schema(value_type = Vec<SellerInput>)]
    pub sellers: Vec<serde_json::Value>,
}

/// A batch of listings.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ListingBatch {
    /// 1 to 1,000 listings.
    #[schema(value_type = Vec<ListingInput>)]
    pub listings: Vec<serde_json::Value>,
}

/// The refusals of a batch as a whole: nothing of it was stored.
#[derive(utoipa::IntoResponses)]
pub enum BatchRefusals {
    /// The body is not JSON.
    #[response(status = 400, content_type = "application/problem+json")]
    Malformed(Problem),
    /// The body is larger than 4 MiB.
    #[response(status = 413, content_type = "application/problem+json")]
    TooLarge(Problem),
    /// The body is not sent as JSON.
    #[response(status = 415, content_type = "application/problem+json")]
    NotJson(Problem),
    /// The batch is empty or holds more than 1,000 rows, or no row could be taken (each
    /// row's problem is in `errors`).
    #[response(status = 422, content_type = "application/problem+json")]
    Invalid(Problem),
}

/// A refused row.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RejectedRow {
    /// Its index in the batch (from 0).
    pub index: usize,
    /// JSON pointer to the value, e.g. `/listings/3/price_cents`.
    pub pointer: String,
    /// Why it was refused.
    pub reason: String,
}

/// What became of a batch.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct BatchResult {
    /// Rows sent.
    pub received: usize,
    /// Rows stored: new, or newer than what was stored.
    pub stored: u64,
    /// Rows left as stored: what is stored is as new or newer.
    pub unchanged: u64,
    /// Rows refused; the rest of the batch was stored.
    pub rejected: Vec<RejectedRow>,
}

/// Reads the body: JSON, within the ingest limit.
fn read<T: DeserializeOwned>(
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<T, Problem> {
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .is_some_and(|mime| mime.trim().eq_ignore_ascii_case("application/json"));
    if !is_json {
        return Err(Problem::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported-media-type",
            "Send JSON",
            "Send the body as JSON with `Content-Type: application/json`.",
        ));
    }
    let bytes = body.map_err(|rejection| match rejection {
        BytesRejection::FailedToBufferBody(_) => Problem::too_large(INGEST_BODY_LIMIT),
        other => Problem::malformed(other.body_text()),
    })?;
    parse(&bytes)
}

/// Reads each row on its own: the rows that have the right shape, and a problem for each
/// other, pointing into it.
fn rows<T: DeserializeOwned>(
    values: Vec<serde_json::Value>,
    list: &str,
) -> (Vec<(usize, T)>, Vec<RowProblem>) {
    let mut good = Vec::with_capacity(values.len());
    let mut bad = Vec::new();
    for (index, value) in values.into_iter().enumerate() {
        match serde_path_to_error::deserialize::<_, T>(value) {
            Ok(row) => good.push((index, row)),
            Err(error) => {
                let inner: String = error
                    .path()
                    .iter()
                    .map(|segment| format!("/{segment}"))
                    .collect();
                bad.push(RowProblem {
                    index,
                    pointer: format!("/{list}/{index}{inner}"),
                    reason: error.into_inner().to_string(),
                });
            }
        }
    }
    (good, bad)
}

/// The answer: 200 with what became of each row, or 422 when no row could be taken.
fn answer(
    received: usize,
    ingested: Ingested,
    mut unreadable: Vec<RowProblem>,
    index_of: &[usize],
) -> Result<Json<BatchResult>, Problem> {
    // The service numbered rows among the readable ones; give them their batch index back.
    let mut rejected: Vec<RowProblem> = ingested
        .rejected
        .into_iter()
        .map(|problem| {
            let index = index_of
                .get(problem.index)
                .copied()
                .unwrap_or(problem.index);
            let pointer =
                problem
                    .pointer
                    .replacen(&format!("/{}/", problem.index), &format!("/{index}/"), 1);
            RowProblem {
                index,
                pointer,
                reason: problem.reason,
            }
        })
        .collect();
    rejected.append(&mut unreadable);
    rejected.sort_by_key(|problem| problem.index);
    if ingested.stored + ingested.unchanged == 0 {
        let mut problem = Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            "The request has problems",
            format!("None of the {} rows could be taken.", rejected.len()),
        );
        problem.errors = rejected
            .into_iter()
            .map(|row| FieldProblem {
                pointer: row.pointer,
                detail: row.reason,
            })
            .collect();
        return Err(problem);
    }
    Ok(Json(BatchResult {
        received,
        stored: ingested.stored,
        unchanged: ingested.unchanged,
        rejected: rejected
            .into_iter()
            .map(|row| RejectedRow {
                index: row.index,
                pointer: row.pointer,
                reason: row.reason,
            })
            .collect(),
    }))
}

/// Adds or updates sellers, keyed on the marketplace's id.
#[utoipa::path(
    put, path = "/marketplace/sellers", tag = "Marketplace",
    request_body = SellerBatch,
    security(("marketplace" = [])),
    responses(
        (status = 200, description = "The batch was taken; refused rows are listed", body = BatchResult),
        BatchRefusals,
        TokenRefusals,
    )
)]
pub async fn put_sellers(
    State(api): State<Api>,
    Extension(caller): Extension<MarketplaceCaller>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<BatchResult>, Problem> {
    let batch: SellerBatch = read(&headers, body)?;
    take::<SellerInput, SellerRow, _, _>(batch.sellers, "seller", |rows| async move {
        ingest_sellers(&api.ctx, caller.key_id, &rows).await
    })
    .await
}

/// Adds or updates listings, keyed on the marketplace's id. They can be reported at once;
/// an ended listing no longer can.
#[utoipa::path(
    put, path = "/marketplace/listings", tag = "Marketplace",
    request_body = ListingBatch,
    security(("marketplace" = [])),
    responses(
        (status = 200, description = "The batch was taken; refused rows are listed", body = BatchResult),
        BatchRefusals,
        TokenRefusals,
    )
)]
pub async fn put_listings(
    State(api): State<Api>,
    Extension(caller): Extension<MarketplaceCaller>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<BatchResult>, Problem> {
    let batch: ListingBatch = read(&headers, body)?;
    take::<ListingInput, ListingRow, _, _>(batch.listings, "listing", |rows| async move {
        ingest_listings(&api.ctx, caller.key_id, &rows).await
    })
    .await
}

/// What both batches do: the batch's size, each row read on its own, the use case on the
/// rows that could be read, and the answer with every refused row. `what` names a row
/// (`listing`); the body's list is its plural.
async fn take<I, R, F, Fut>(
    values: Vec<serde_json::Value>,
    what: &str,
    store: F,
) -> Result<Json<BatchResult>, Problem>
where
    I: DeserializeOwned,
    R: From<I>,
    F: FnOnce(Vec<R>) -> Fut,
    Fut: std::future::Future<Output = Result<Ingested, app::error::AppError>>,
{
    let list = format!("{what}s");
    let received = values.len();
    app::domain::ingest::check_batch_size(received, what)
        .map_err(|why| Problem::invalid_at(&format!("/{list}"), why))?;
    let (readable, unreadable) = rows::<I>(values, &list);
    let index_of: Vec<usize> = readable.iter().map(|(index, _)| *index).collect();
    let rows: Vec<R> = readable.into_iter().map(|(_, row)| R::from(row)).collect();
    let ingested = if rows.is_empty() {
        Ingested::default()
    } else {
        store(rows).await?
    };
    answer(received, ingested, unreadable, &index_of)
}

impl From<SellerInput> for SellerRow {
    fn from(row: SellerInput) -> SellerRow {
        SellerRow {
            id: row.id,
            name: row.name,
            country: row.country,
            version: row.version,
        }
    }
}

impl From<ListingInput> for ListingRow {
    fn from(row: ListingInput) -> ListingRow {
        ListingRow {
            id: row.id,
            seller: row.seller,
            title: row.title,
            category: row.category,
            price_cents: row.price_cents,
            currency: row.currency,
            url: row.url,
            image_url: row.image_url,
            status: row.status,
            version: row.version,
        }
    }
}
