//! Authenticity inquiries: the platform asks a Joint-Force brand whether a listing is
//! genuine; the brand answers.

use app::domain::api_token::Scope;
use app::domain::joint_force::{Answer, InquiryStatus};
use app::model::InquiryAnswer;
use app::service::tokens::TokenCaller;
use axum::Json;
use axum::extract::{Extension, State};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::body::{ApiJson, ApiPath};
use super::problem::{BodyRefusals, Problem, TokenRefusals};
use super::reports::Declaration;
use super::{Api, iso, one_of, refused};

fn inquiry_statuses() -> utoipa::openapi::Object {
    one_of(InquiryStatus::ALL.map(InquiryStatus::as_str))
}

fn answers() -> utoipa::openapi::Object {
    one_of(ANSWERS.map(|(name, _)| name))
}

/// The answers, by name.
const ANSWERS: [(&str, Answer); 3] = [
    ("counterfeit", Answer::Counterfeit),
    ("genuine", Answer::Genuine),
    ("unsure", Answer::Unsure),
];

/// A question about one listing.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Inquiry {
    /// Inquiry id.
    pub id: i64,
    /// The listing asked about.
    pub listing_id: i64,
    /// Its title.
    pub listing_title: String,
    /// Its seller.
    pub seller: String,
    /// Its price, in the smallest unit of its currency.
    pub price_cents: i64,
    /// Its currency.
    pub currency: String,
    /// The question.
    pub question: String,
    /// Where it stands.
    #[schema(schema_with = inquiry_statuses)]
    pub status: String,
    /// The brand's comment, once answered.
    pub comment: String,
    /// When it was asked.
    pub asked_at: String,
    /// When the answer is due.
    pub answer_due_at: String,
    /// The report item a "counterfeit" answer created.
    pub report_item_id: Option<i64>,
}

/// The brand's inquiries.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct InquiryList {
    /// Open ones first, then the most recent answered (at most 200).
    pub inquiries: Vec<Inquiry>,
}

/// The brand's authenticity inquiries.
#[utoipa::path(
    get, path = "/inquiries", tag = "Inquiries",
    security(("bearer" = ["reports:read"])),
    responses(
        (status = 200, description = "The inquiries", body = InquiryList),
        (status = 403, description = "The token lacks the scope", body = Problem, content_type = "application/problem+json"),
        TokenRefusals,
    )
)]
pub async fn list(
    State(api): State<Api>,
    Extension(caller): Extension<TokenCaller>,
) -> Result<Json<InquiryList>, Problem> {
    caller.require(Scope::ReportsRead)?;
    let inquiries =
        app::service::joint_force::list_inquiries(&api.ctx, &caller.user, caller.brand_id).await?;
    Ok(Json(InquiryList {
        inquiries: inquiries
            .into_iter()
            .map(|inquiry| Inquiry {
                id: inquiry.id,
                listing_id: inquiry.listing.id,
                listing_title: inquiry.listing.title,
                seller: inquiry.listing.seller_name,
                price_cents: inquiry.listing.price_cents,
                currency: inquiry.listing.currency,
                question: inquiry.question,
                status: inquiry.status.as_str().to_owned(),
                comment: inquiry.comment,
                asked_at: iso(inquiry.created_at),
                answer_due_at: iso(inquiry.deadline_at),
                report_item_id: inquiry.report_item.map(|(item_id, _)| item_id),
            })
            .collect(),
    }))
}

/// The brand's answer to an inquiry.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "answer": "counterfeit", "comment": "Serial format we never used.", "ip_right_id": 5,
    "declaration": {"accepted": true, "signature": "Hana Helios"}
}))]
pub struct NewAnswer {
    /// `counterfeit` removes the listing at once (Joint-Force standing, a usable right and the
    /// signed declaration needed); `genuine` clears it; `unsure` hands it back with a comment.
    #[schema(schema_with = answers)]
    pub answer: String,
    /// A comment for the account manager (at most 1,000 characters).
    #[serde(default)]
    pub comment: String,
    /// For `counterfeit`: the right the removal rests on.
    #[serde(default)]
    pub ip_right_id: Option<i64>,
    /// For `counterfeit`: the good-faith declaration, accepted and signed.
    #[serde(default)]
    pub declaration: Option<Declaration>,
}

/// What the answer did.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Answered {
    /// The inquiry.
    pub inquiry_id: i64,
    /// What happened, in words.
    pub detail: String,
}

/// Answer one of the brand's inquiries.
#[utoipa::path(
    post, path = "/inquiries/{inquiry_id}/answer", tag = "Inquiries",
    security(("bearer" = ["inquiries:write"])),
    params(
        ("inquiry_id" = i64, Path, description = "The inquiry"),
        ("Idempotency-Key" = Option<String>, Header, description = "Makes a retry safe"),
    ),
    request_body = NewAnswer,
    responses(
        (status = 200, description = "Answered", body = Answered),
        (status = 403, description = "The token lacks the scope, or a counterfeit answer needs Joint-Force standing", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "The brand has no such inquiry", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already answered or expired", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields need attention", body = Problem, content_type = "application/problem+json"),
        TokenRefusals,
        BodyRefusals,
    )
)]
pub async fn answer(
    State(api): State<Api>,
    Extension(caller): Extension<TokenCaller>,
    ApiPath(inquiry_id): ApiPath<i64>,
    ApiJson(body): ApiJson<NewAnswer>,
) -> Result<Json<Answered>, Problem> {
    caller.require(Scope::InquiriesWrite)?;
    let Some(answer) = ANSWERS
        .iter()
        .find(|(name, _)| *name == body.answer)
        .map(|(_, answer)| *answer)
    else {
        return Err(Problem::invalid_at(
            "/answer",
            "Answer counterfeit, genuine or unsure.",
        ));
    };
    let declaration = body.declaration.unwrap_or(Declaration {
        accepted: false,
        signature: String::new(),
    });
    let detail = app::service::joint_force::answer_inquiry(
        &api.ctx,
        &caller.user,
        InquiryAnswer {
            inquiry_id,
            answer,
            comment: body.comment,
            ip_right_id: body.ip_right_id.unwrap_or_default(),
            declared: declaration.accepted,
            signature: declaration.signature,
        },
    )
    .await
    .map_err(|error| refused(error, "Your brand has no inquiry with that number."))?;
    Ok(Json(Answered { inquiry_id, detail }))
}
