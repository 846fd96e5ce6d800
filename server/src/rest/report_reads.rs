//! Following reports: the brand's reports a page at a time, and one report with its items'
//! statuses and timelines.

use app::db::report_feed::FeedFilter;
use app::domain::api_token::Scope;
use app::model::ReportDetail;
use app::service::reports::MAX_FEED_PAGE;
use app::service::tokens::TokenCaller;
use axum::Json;
use axum::extract::{Extension, State};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::body::{ApiPath, ApiQuery};
use super::problem::{Problem, TokenRefusals};
use super::reports::{item_statuses, reasons, rejection_codes};
use super::{Api, iso, parse_instant, refused};

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
