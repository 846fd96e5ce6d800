//! Instant takedown (Joint-Force brands) and its retraction: the report's body, filed to be
//! removed at once.

use app::domain::ItemStatus;
use app::domain::api_token::Scope;
use app::service::reports::Filing;
use app::service::tokens::TokenCaller;
use axum::Json;
use axum::extract::{Extension, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::body::{ApiJson, ApiPath};
use super::problem::{BodyRefusals, Problem, TokenRefusals};
use super::reports::{Filed, NewReport, file_as, item_statuses};
use super::{Api, refused};

/// Take listings down at once (Joint-Force brands in good standing): the same body as a
/// report; each item is removed on filing and may be retracted for a while.
#[utoipa::path(
    post, path = "/takedowns", tag = "Takedowns",
    security(("bearer" = ["takedowns:write"])),
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retry safe: the same key and body within 24 h return the first answer")),
    request_body = NewReport,
    responses(
        (status = 201, description = "Taken down", body = Filed),
        (status = 403, description = "The token lacks the scope, or the brand may not take listings down now (with the reason)", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A listing was reported by a colleague meanwhile, or the idempotency key is in use", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields or lines need attention; nothing was taken down", body = Problem, content_type = "application/problem+json"),
        TokenRefusals,
        BodyRefusals,
    )
)]
pub async fn take_down(
    State(api): State<Api>,
    Extension(caller): Extension<TokenCaller>,
    ApiJson(body): ApiJson<NewReport>,
) -> Result<(StatusCode, Json<Filed>), Problem> {
    caller.require(Scope::TakedownsWrite)?;
    file_as(&api, &caller, body, Filing::Instant).await
}

/// A retraction's answer.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Retracted {
    /// The item.
    pub item_id: i64,
    /// Now `withdrawn`: the listing is restored.
    #[schema(schema_with = item_statuses)]
    pub status: String,
}

/// Retract one of the brand's instant takedowns within the retraction window: the listing
/// is restored and the item counts as withdrawn.
#[utoipa::path(
    post, path = "/takedowns/{item_id}/retraction", tag = "Takedowns",
    security(("bearer" = ["takedowns:write"])),
    params(
        ("item_id" = i64, Path, description = "The item of the takedown"),
        ("Idempotency-Key" = Option<String>, Header, description = "Makes a retry safe"),
    ),
    responses(
        (status = 200, description = "Retracted", body = Retracted),
        (status = 400, description = "The id is not a number", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token lacks the scope", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "The brand has no such item", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a takedown of the window, or already retracted", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The idempotency key was used with another request", body = Problem, content_type = "application/problem+json"),
        TokenRefusals,
    )
)]
pub async fn retract(
    State(api): State<Api>,
    Extension(caller): Extension<TokenCaller>,
    ApiPath(item_id): ApiPath<i64>,
) -> Result<Json<Retracted>, Problem> {
    caller.require(Scope::TakedownsWrite)?;
    app::service::reports::retract_takedown(&api.ctx, &caller.user, item_id)
        .await
        .map_err(|error| refused(error, "Your brand has no item with that number."))?;
    Ok(Json(Retracted {
        item_id,
        status: ItemStatus::Withdrawn.as_str().to_owned(),
    }))
}
