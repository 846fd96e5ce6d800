//! Reports: file one for review, withdraw its pending items. Reading them is in
//! `report_reads.rs`, instant takedowns in `takedowns.rs`.

use app::domain::api_token::Scope;
use app::domain::notice::MAX_LINE_NOTE_CHARS;
use app::domain::report::MAX_ITEMS_PER_REPORT;
use app::domain::{ItemStatus, ReasonCode, RejectionCode};
use app::model::{ReportDraft, SubmitOutcome};
use app::service::reports::Filing;
use app::service::tokens::TokenCaller;
use axum::Json;
use axum::extract::{Extension, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::body::{ApiJson, ApiPath};
use super::problem::{BodyRefusals, FieldProblem, Problem, TokenRefusals};
use super::{Api, iso, one_of, refused};

pub(super) fn reasons() -> utoipa::openapi::Object {
    one_of(ReasonCode::ALL.map(ReasonCode::as_str))
}

pub(super) fn item_statuses() -> utoipa::openapi::Object {
    one_of(ItemStatus::ALL.map(ItemStatus::as_str))
}

pub(super) fn rejection_codes() -> utoipa::openapi::Object {
    super::one_of_or_null(RejectionCode::ALL.map(RejectionCode::as_str))
}

/// Longest listing reference: a marketplace URL or a listing number.
pub const MAX_LISTING_REF_CHARS: usize = 500;

/// A report to file: the same fields and checks as the portal's notice form.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "ip_right_id": 1,
    "reason": "counterfeit",
    "explanation": "Our logo on a bag we never made; the stitching and the serial format are wrong.",
    "test_buy_order": "",
    "evidence_file_ids": [],
    "lines": [{"listing": "1001", "note": "Same photos as the seized batch"}, {"listing": "https://market.example/listings/1002"}],
    "declaration": {"accepted": true, "signature": "Nora North"},
    "accept_partial": false
}))]
pub struct NewReport {
    /// The brand's verified, unexpired right the report rests on.
    pub ip_right_id: i64,
    /// Why the listings infringe.
    #[schema(schema_with = reasons)]
    pub reason: String,
    /// What is wrong, in words a reviewer can check (at most 5,000 characters).
    pub explanation: String,
    /// The order number of a test purchase, if one was made (at most 60 characters).
    #[serde(default)]
    pub test_buy_order: String,
    /// Evidence the brand uploaded in the portal (at most 5).
    #[serde(default)]
    pub evidence_file_ids: Vec<i64>,
    /// The listings, one per line (at most 300).
    pub lines: Vec<NewLine>,
    /// The good-faith declaration, accepted and signed.
    pub declaration: Declaration,
    /// File the good lines and return the bad ones with their reasons, rather than file
    /// nothing while any line has a problem.
    #[serde(default)]
    pub accept_partial: bool,
    /// The rejected item this report corrects, if it is a resubmission.
    #[serde(default)]
    pub resubmits_item_id: Option<i64>,
}

/// One listing of a report.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewLine {
    /// The listing's number or its marketplace address (at most 500 characters).
    pub listing: String,
    /// A note for the reviewer about this listing (at most 500 characters).
    #[serde(default)]
    pub note: String,
    /// File this line although its seller is on the brand's authorised-seller list (the
    /// answer names such lines): the confirmation is recorded on the item.
    #[serde(default)]
    pub confirm_authorised_seller: bool,
}

/// The good-faith declaration of a report.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Declaration {
    /// The declaration (see `text` in a filed report) is made.
    pub accepted: bool,
    /// The signer's full name.
    pub signature: String,
}

/// What was filed.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Filed {
    /// The new report.
    pub report_id: i64,
    /// When.
    pub submitted_at: String,
    /// The items filed, one per good line.
    pub items: Vec<FiledItem>,
    /// Lines left out (only with `accept_partial`), each with its reason.
    pub left_out: Vec<FieldProblem>,
}

/// One filed item.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct FiledItem {
    /// The item id (for withdrawal and retraction).
    pub item_id: i64,
    /// The listing.
    pub listing_id: i64,
    /// Its title.
    pub title: String,
    /// `pending` for review, `removed` for an instant takedown.
    #[schema(schema_with = item_statuses)]
    pub status: String,
}

/// The report as the service takes it, or the problems with the lines' shape.
fn draft(caller: &TokenCaller, body: NewReport) -> Result<ReportDraft, Problem> {
    if body.lines.len() > MAX_ITEMS_PER_REPORT {
        return Err(Problem::invalid_at(
            "/lines",
            format!(
                "A report may name at most {MAX_ITEMS_PER_REPORT} listings; split the {} into \
                 several reports.",
                body.lines.len()
            ),
        ));
    }
    let mut problems = Vec::new();
    for (index, line) in body.lines.iter().enumerate() {
        let listing = line.listing.trim();
        let why = if listing.is_empty() {
            Some("Name the listing by its number or its marketplace address.".to_owned())
        } else if listing.contains(['\n', '\r']) {
            Some("Name one listing per line.".to_owned())
        } else if listing.chars().count() > MAX_LISTING_REF_CHARS {
            Some(format!(
                "Keep a listing reference to {MAX_LISTING_REF_CHARS} characters."
            ))
        } else {
            None
        };
        if let Some(detail) = why {
            problems.push(FieldProblem {
                pointer: format!("/lines/{index}/listing"),
                detail,
            });
        }
        // The form's note box stops at the limit; over the API a longer note is refused
        // rather than cut short.
        if line.note.trim().chars().count() > MAX_LINE_NOTE_CHARS {
            problems.push(FieldProblem {
                pointer: format!("/lines/{index}/note"),
                detail: format!("Keep a line's note to {MAX_LINE_NOTE_CHARS} characters."),
            });
        }
    }
    if !problems.is_empty() {
        let mut problem = Problem::invalid_at("/lines", "Some lines cannot be read.");
        problem.errors = problems;
        return Err(problem);
    }
    let confirm_authorised = body
        .lines
        .iter()
        .filter(|line| line.confirm_authorised_seller)
        .map(|line| line.listing.trim().to_owned())
        .collect();
    Ok(ReportDraft {
        brand_id: caller.brand_id,
        confirm_authorised,
        ip_right_id: body.ip_right_id,
        reason: body.reason,
        lines: body
            .lines
            .iter()
            .map(|line| line.listing.trim())
            .collect::<Vec<_>>()
            .join("\n"),
        notes: body
            .lines
            .into_iter()
            .filter(|line| !line.note.trim().is_empty())
            .map(|line| (line.listing.trim().to_owned(), line.note))
            .collect(),
        explanation: body.explanation,
        test_buy_order: body.test_buy_order,
        evidence_file_ids: body.evidence_file_ids,
        declared: body.declaration.accepted,
        signature: body.declaration.signature,
        resubmits_item_id: body.resubmits_item_id,
        accept_partial: body.accept_partial,
    })
}

/// Files through the service and answers 201 with what was filed, or 422 naming each line
/// (`/lines/<index>/listing`) that needs attention.
pub(super) async fn file_as(
    api: &Api,
    caller: &TokenCaller,
    body: NewReport,
    filing: Filing,
) -> Result<(StatusCode, Json<Filed>), Problem> {
    let draft = draft(caller, body)?;
    let pointer = |line: usize| format!("/lines/{}/listing", line.saturating_sub(1));
    let outcome =
        app::service::reports::file_notice(&api.ctx, &caller.user, &draft, filing).await?;
    match outcome {
        SubmitOutcome::Submitted(receipt) => {
            let status = match filing {
                Filing::Review => ItemStatus::Pending,
                Filing::Instant => ItemStatus::Removed,
            };
            Ok((
                StatusCode::CREATED,
                Json(Filed {
                    report_id: receipt.report_id,
                    submitted_at: iso(receipt.submitted_at),
                    items: receipt
                        .items
                        .into_iter()
                        .map(|(item_id, listing_id, title)| FiledItem {
                            item_id,
                            listing_id,
                            title,
                            status: status.as_str().to_owned(),
                        })
                        .collect(),
                    left_out: receipt
                        .left_out
                        .into_iter()
                        .map(|line| FieldProblem {
                            pointer: pointer(line.line),
                            detail: line.outcome.err().unwrap_or_default(),
                        })
                        .collect(),
                }),
            ))
        }
        SubmitOutcome::LinesNeedAttention(lines) => {
            let errors: Vec<FieldProblem> = lines
                .into_iter()
                .filter_map(|line| {
                    let mut detail = line.outcome.err()?;
                    if line.authorised_seller.is_some() {
                        detail.push_str(
                            " Over the API: \"confirm_authorised_seller\": true on the line.",
                        );
                    }
                    Some(FieldProblem {
                        pointer: pointer(line.line),
                        detail,
                    })
                })
                .collect();
            let detail = if errors.is_empty() {
                "Name at least one listing.".to_owned()
            } else {
                format!(
                    "{} of the lines need attention; nothing was filed. Fix them, or send \
                     \"accept_partial\": true to file the others.",
                    errors.len()
                )
            };
            let mut problem = Problem::invalid_at("/lines", detail);
            if !errors.is_empty() {
                problem.errors = errors;
            }
            Err(problem)
        }
    }
}

/// File a report for an account manager's review.
#[utoipa::path(
    post, path = "/reports", tag = "Reports",
    security(("bearer" = ["reports:write"])),
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retry safe: the same key and body within 24 h return the first answer")),
    request_body = NewReport,
    responses(
        (status = 201, description = "Filed (with `accept_partial`, the bad lines are in `left_out`)", body = Filed),
        (status = 403, description = "The token lacks the scope, or the brand's reports are suspended", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A listing was reported by a colleague meanwhile, or the idempotency key is in use", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields or lines need attention; nothing was filed", body = Problem, content_type = "application/problem+json"),
        TokenRefusals,
        BodyRefusals,
    )
)]
pub async fn file(
    State(api): State<Api>,
    Extension(caller): Extension<TokenCaller>,
    ApiJson(body): ApiJson<NewReport>,
) -> Result<(StatusCode, Json<Filed>), Problem> {
    caller.require(Scope::ReportsWrite)?;
    file_as(&api, &caller, body, Filing::Review).await
}

/// Items to withdraw.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"item_ids": [41, 42]}))]
pub struct Withdrawal {
    /// Pending items of the report (at most 300).
    pub item_ids: Vec<i64>,
}

/// What a withdrawal did.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Withdrawn {
    /// Items withdrawn.
    pub withdrawn: Vec<i64>,
    /// Items left as they were, each with why.
    pub not_withdrawn: Vec<NotWithdrawn>,
}

/// An item a withdrawal left alone.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct NotWithdrawn {
    /// The item.
    pub item_id: i64,
    /// Why.
    pub detail: String,
}

/// Withdraw pending items of one of the brand's reports (recorded, never deleted).
#[utoipa::path(
    post, path = "/reports/{report_id}/withdrawals", tag = "Reports",
    security(("bearer" = ["reports:write"])),
    params(
        ("report_id" = i64, Path, description = "The report"),
        ("Idempotency-Key" = Option<String>, Header, description = "Makes a retry safe"),
    ),
    request_body = Withdrawal,
    responses(
        (status = 200, description = "What was withdrawn and what was not", body = Withdrawn),
        (status = 403, description = "The token lacks the scope", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "The brand has no such report", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No items, or more than 300", body = Problem, content_type = "application/problem+json"),
        TokenRefusals,
        BodyRefusals,
    )
)]
pub async fn withdraw(
    State(api): State<Api>,
    Extension(caller): Extension<TokenCaller>,
    ApiPath(report_id): ApiPath<i64>,
    ApiJson(body): ApiJson<Withdrawal>,
) -> Result<Json<Withdrawn>, Problem> {
    caller.require(Scope::ReportsWrite)?;
    let outcome =
        app::service::reports::withdraw_items(&api.ctx, &caller.user, report_id, &body.item_ids)
            .await
            .map_err(|error| refused(error, "Your brand has no report with that number."))?;
    Ok(Json(Withdrawn {
        withdrawn: outcome.decided,
        not_withdrawn: outcome
            .conflicts
            .into_iter()
            .map(|(item_id, detail)| NotWithdrawn { item_id, detail })
            .collect(),
    }))
}
