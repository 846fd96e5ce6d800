//! Counter-notices: sellers' appeals against removals, waiting for the brand's response.

use app::domain::api_token::Scope;
use app::domain::appeal::{CounterGround, ResponseKind};
use app::service::tokens::TokenCaller;
use axum::Json;
use axum::extract::{Extension, State};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::body::{ApiJson, ApiPath};
use super::problem::{BodyRefusals, Problem, TokenRefusals};
use super::{Api, iso, one_of, refused};

fn grounds() -> utoipa::openapi::Object {
    one_of(CounterGround::ALL.map(CounterGround::as_str))
}

fn response_kinds() -> utoipa::openapi::Object {
    one_of(ResponseKind::ALL.map(ResponseKind::as_str))
}

/// A seller's counter-notice against one of the brand's removals.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CounterNotice {
    /// Counter-notice id.
    pub id: i64,
    /// The removed report item.
    pub item_id: i64,
    /// Its report.
    pub report_id: i64,
    /// The listing.
    pub listing_id: i64,
    /// Its title.
    pub listing_title: String,
    /// Its seller.
    pub seller: String,
    /// The seller's ground.
    #[schema(schema_with = grounds)]
    pub ground: String,
    /// The seller's statement.
    pub statement: String,
    /// The seller's name, e-mail and postal address for service.
    pub contact: Vec<String>,
    /// When it was filed.
    pub filed_at: String,
    /// Until when the brand may respond.
    pub response_due_at: String,
}

/// Counter-notices waiting for the brand.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CounterNoticeList {
    /// The soonest due first (at most 200).
    pub counter_notices: Vec<CounterNotice>,
}

/// The brand's counter-notices still waiting for its response.
#[utoipa::path(
    get, path = "/counter-notices", tag = "Counter-notices",
    security(("bearer" = ["reports:read"])),
    responses(
        (status = 200, description = "Waiting for a response", body = CounterNoticeList),
        (status = 403, description = "The token lacks the scope", body = Problem, content_type = "application/problem+json"),
        TokenRefusals,
    )
)]
pub async fn list(
    State(api): State<Api>,
    Extension(caller): Extension<TokenCaller>,
) -> Result<Json<CounterNoticeList>, Problem> {
    caller.require(Scope::ReportsRead)?;
    let waiting =
        app::service::appeals::waiting_for_response(&api.ctx, &caller.user, caller.brand_id)
            .await?;
    Ok(Json(CounterNoticeList {
        counter_notices: waiting
            .into_iter()
            .map(|appeal| CounterNotice {
                id: appeal.id,
                item_id: appeal.item_id,
                report_id: appeal.report_id,
                listing_id: appeal.listing.id,
                listing_title: appeal.listing.title,
                seller: appeal.listing.seller_name,
                ground: appeal.ground.as_str().to_owned(),
                statement: appeal.statement,
                contact: appeal.contact.to_vec(),
                filed_at: iso(appeal.filed_at),
                response_due_at: iso(appeal.response_due_at),
            })
            .collect(),
    }))
}

/// The brand's response to a counter-notice.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "kind": "evidence",
    "text": "The serial number on the listing's photos belongs to a batch seized in 2025.",
    "file_ids": []
}))]
pub struct NewResponse {
    /// `evidence` that the listing infringes, or notice of `legal_action` (which keeps the
    /// listing down).
    #[schema(schema_with = response_kinds)]
    pub kind: String,
    /// The response (at most 4,000 characters).
    pub text: String,
    /// Files the brand uploaded in the portal (at most 10).
    #[serde(default)]
    pub file_ids: Vec<i64>,
}

/// A response recorded.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Responded {
    /// The counter-notice.
    pub counter_notice_id: i64,
    /// The response's kind.
    #[schema(schema_with = response_kinds)]
    pub kind: String,
}

/// Respond to one of the brand's counter-notices before its window closes.
#[utoipa::path(
    post, path = "/counter-notices/{counter_notice_id}/response", tag = "Counter-notices",
    security(("bearer" = ["reports:write"])),
    params(
        ("counter_notice_id" = i64, Path, description = "The counter-notice"),
        ("Idempotency-Key" = Option<String>, Header, description = "Makes a retry safe"),
    ),
    request_body = NewResponse,
    responses(
        (status = 200, description = "Recorded", body = Responded),
        (status = 403, description = "The token lacks the scope", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "The brand has no such counter-notice", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields need attention, or the window has closed", body = Problem, content_type = "application/problem+json"),
        TokenRefusals,
        BodyRefusals,
    )
)]
pub async fn respond(
    State(api): State<Api>,
    Extension(caller): Extension<TokenCaller>,
    ApiPath(counter_notice_id): ApiPath<i64>,
    ApiJson(body): ApiJson<NewResponse>,
) -> Result<Json<Responded>, Problem> {
    caller.require(Scope::ReportsWrite)?;
    app::service::appeals::respond_to_counter_notice(
        &api.ctx,
        &caller.user,
        counter_notice_id,
        &body.kind,
        &body.text,
        &body.file_ids,
    )
    .await
    .map_err(|error| refused(error, "Your brand has no counter-notice with that number."))?;
    Ok(Json(Responded {
        counter_notice_id,
        kind: body.kind,
    }))
}
