//! Reports: file one for review or as an instant takedown, follow them, withdraw items,
//! retract a takedown.

use app::db::report_feed::FeedFilter;
use app::domain::api_token::Scope;
use app::domain::notice::MAX_LINE_NOTE_CHARS;
use app::domain::report::MAX_ITEMS_PER_REPORT;
use app::domain::{ItemStatus, ReasonCode, RejectionCode};
use app::model::{ReportDetail, ReportDraft, SubmitOutcome};
use app::service::reports::{Filing, MAX_FEED_PAGE};
use app::service::tokens::TokenCaller;
use axum::Json;
use axum::extract::{Extension, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::body::{ApiJson, ApiPath, ApiQuery};
use super::problem::{BodyRefusals, FieldProblem, Problem, TokenRefusals};
use super::{Api, iso, one_of, parse_instant, refused};

fn reasons() -> utoipa::openapi::Object {
    one_of(ReasonCode::ALL.map(ReasonCode::as_str))
}

fn item_statuses() -> utoipa::openapi::Object {
    one_of(ItemStatus::ALL.map(ItemStatus::as_str))
}

fn rejection_codes() -> utoipa::openapi::Object {
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
    Ok(ReportDraft {
        brand_id: caller.brand_id,
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
async fn file_as(
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
                    let detail = line.outcome.err()?;
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

/// Which reports to list.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ReportQuery {
    /// Only reports with an item in this status.
    #[param(schema_with = item_statuses)]
    pub status: Option<String>,
    /// Only reports for this reason.
    #[param(schema_with = reasons)]
    pub reason: Option<String>,
    /// Only reports filed at or after this instant (RFC 3339) or date (`YYYY-MM-DD`).
    pub since: Option<String>,
    /// The `next_cursor` of the page before.
    pub cursor: Option<String>,
    /// Reports a page (1 to 100; 50 unless said).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
}

/// One report as listed.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ReportSummary {
    /// Report id.
    pub id: i64,
    /// Why.
    #[schema(schema_with = reasons)]
    pub reason: String,
    /// When it was filed.
    pub submitted_at: String,
    /// Who filed it.
    pub submitted_by: String,
    /// Its items by status, e.g. `{"pending": 3, "removed": 1}`.
    pub items: std::collections::BTreeMap<String, i64>,
}

/// A page of reports.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ReportPage {
    /// The reports, newest first.
    pub reports: Vec<ReportSummary>,
    /// Pass as `cursor` for the next page; `null` on the last.
    pub next_cursor: Option<String>,
}

/// The brand's reports, newest first, a page at a time.
#[utoipa::path(
    get, path = "/reports", tag = "Reports",
    security(("bearer" = ["reports:read"])),
    params(ReportQuery),
    responses(
        (status = 200, description = "A page of reports", body = ReportPage),
        (status = 400, description = "A parameter cannot be read", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token lacks the scope", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A filter has an unknown value", body = Problem, content_type = "application/problem+json"),
        TokenRefusals,
    )
)]
pub async fn list(
    State(api): State<Api>,
    Extension(caller): Extension<TokenCaller>,
    ApiQuery(query): ApiQuery<ReportQuery>,
) -> Result<Json<ReportPage>, Problem> {
    caller.require(Scope::ReportsRead)?;
    let since = match query.since.as_deref() {
        None | Some("") => None,
        Some(text) => Some(parse_instant(text).ok_or_else(|| {
            Problem::invalid_at("/since", "Give an RFC 3339 instant or a YYYY-MM-DD date.")
        })?),
    };
    let before_id =
        match query.cursor.as_deref() {
            None | Some("") => None,
            Some(cursor) => Some(cursor.parse::<i64>().ok().filter(|id| *id > 0).ok_or_else(
                || Problem::invalid_at("/cursor", "Pass a next_cursor as it was given."),
            )?),
        };
    let filter = FeedFilter {
        status: query.status.filter(|text| !text.is_empty()),
        reason: query.reason.filter(|text| !text.is_empty()),
        since,
        before_id,
        limit: query.limit.unwrap_or(50),
    };
    let reports =
        app::service::reports::report_feed(&api.ctx, &caller.user, caller.brand_id, &filter)
            .await?;
    let full = reports.len() as i64 == filter.limit && filter.limit <= MAX_FEED_PAGE;
    let next_cursor = full
        .then(|| reports.last().map(|report| report.id.to_string()))
        .flatten();
    Ok(Json(ReportPage {
        reports: reports
            .into_iter()
            .map(|report| ReportSummary {
                id: report.id,
                reason: report.reason,
                submitted_at: iso(report.submitted_at),
                submitted_by: report.submitted_by,
                items: report.statuses.into_iter().collect(),
            })
            .collect(),
        next_cursor,
    }))
}

/// A filed report with each item's status and history.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Report {
    /// Report id.
    pub id: i64,
    /// Who filed it.
    pub submitted_by: String,
    /// When.
    pub submitted_at: String,
    /// The right it rests on.
    pub right: String,
    /// Why.
    #[schema(schema_with = reasons)]
    pub reason: String,
    /// The explanation.
    pub explanation: String,
    /// The test purchase's order number, if any.
    pub test_buy_order: String,
    /// The declaration as made.
    pub declaration: SignedDeclaration,
    /// The rejected item it corrects, if a resubmission.
    pub resubmits_item_id: Option<i64>,
    /// Evidence files.
    pub evidence: Vec<Evidence>,
    /// The listings reported.
    pub items: Vec<Item>,
}

/// The declaration a report was filed with.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SignedDeclaration {
    /// Its words.
    pub text: String,
    /// Who signed it.
    pub signature: String,
}

/// An evidence file of a report.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Evidence {
    /// File id.
    pub id: i64,
    /// Its name.
    pub file_name: String,
    /// Its type.
    pub content_type: String,
    /// Its size.
    pub size_bytes: i64,
}

/// One reported listing.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Item {
    /// Item id.
    pub id: i64,
    /// The listing.
    pub listing_id: i64,
    /// Its title.
    pub listing_title: String,
    /// Its seller.
    pub seller: String,
    /// The line as sent.
    pub line: String,
    /// The note for the reviewer.
    pub note: String,
    /// Where it stands.
    #[schema(schema_with = item_statuses)]
    pub status: String,
    /// When review is due.
    pub review_due_at: String,
    /// Who decided it.
    pub decided_by: Option<String>,
    /// When.
    pub decided_at: Option<String>,
    /// Why it was rejected, if it was.
    #[schema(schema_with = rejection_codes)]
    pub rejection_code: Option<String>,
    /// The reviewer's note.
    pub decision_note: String,
    /// What happened to it, oldest first.
    pub timeline: Vec<Event>,
}

/// One thing that happened to an item.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Event {
    /// When.
    pub at: String,
    /// Who (absent for the system).
    pub actor: Option<String>,
    /// What, e.g. `item.removed`.
    pub action: String,
    /// In words.
    pub detail: String,
}

fn report_of(detail: ReportDetail) -> Report {
    Report {
        id: detail.id,
        submitted_by: detail.submitted_by,
        submitted_at: iso(detail.submitted_at),
        right: detail.right_title,
        reason: detail.reason.as_str().to_owned(),
        explanation: detail.explanation,
        test_buy_order: detail.test_buy_order,
        declaration: SignedDeclaration {
            text: detail.declaration,
            signature: detail.signature,
        },
        resubmits_item_id: detail.resubmits_item_id,
        evidence: detail
            .evidence
            .into_iter()
            .map(|file| Evidence {
                id: file.id,
                file_name: file.file_name,
                content_type: file.content_type,
                size_bytes: file.size_bytes,
            })
            .collect(),
        items: detail
            .items
            .into_iter()
            .map(|item| Item {
                id: item.id,
                listing_id: item.listing.id,
                listing_title: item.listing.title,
                seller: item.listing.seller_name,
                line: item.line_text,
                note: item.note,
                status: item.status.as_str().to_owned(),
                review_due_at: iso(item.deadline_at),
                decided_by: item.decided_by,
                decided_at: item.decided_at.map(iso),
                rejection_code: item.rejection_code.map(|code| code.as_str().to_owned()),
                decision_note: item.decision_note,
                timeline: item
                    .timeline
                    .into_iter()
                    .map(|entry| Event {
                        at: iso(entry.at),
                        actor: entry.actor,
                        action: entry.action,
                        detail: entry.detail,
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// One of the brand's reports with its items, their statuses and timelines.
#[utoipa::path(
    get, path = "/reports/{report_id}", tag = "Reports",
    security(("bearer" = ["reports:read"])),
    params(("report_id" = i64, Path, description = "The report")),
    responses(
        (status = 200, description = "The report", body = Report),
        (status = 400, description = "The id is not a number", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token lacks the scope", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "The brand has no such report", body = Problem, content_type = "application/problem+json"),
        TokenRefusals,
    )
)]
pub async fn get(
    State(api): State<Api>,
    Extension(caller): Extension<TokenCaller>,
    ApiPath(report_id): ApiPath<i64>,
) -> Result<Json<Report>, Problem> {
    caller.require(Scope::ReportsRead)?;
    let detail = app::service::reports::get_report(&api.ctx, &caller.user, report_id)
        .await
        .map_err(|error| refused(error, "Your brand has no report with that number."))?;
    Ok(Json(report_of(detail)))
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
