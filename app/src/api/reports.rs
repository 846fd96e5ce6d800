//! Reports (notices): brands check and submit them, follow them, withdraw items.

use leptos::prelude::*;
use server_fn::codec::Json;

use crate::error::AppError;
use crate::model::{
    DecideOutcome, LineResult, ReportDetail, ReportDraft, ReportFilter, ReportList, Resubmission,
    SubmitOutcome,
};
use crate::wire::Wire;

/// Checks listing references for the caller's brand without storing anything (the CSV
/// upload calls this chunk by chunk to show progress).
#[server(prefix = "/api", endpoint = "reports/check_lines", input = Json, output = Wire)]
pub async fn check_report_lines(
    /// The brand reporting.
    brand_id: i64,
    /// Listing IDs or URLs, one per line.
    lines: String,
) -> Result<Vec<LineResult>, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::reports::check_lines_for(&ctx, &caller, brand_id, &lines).await
    })
    .await
}

/// Submits a report for the caller's brand. Field problems come back as a validation error
/// naming each field; line problems come back as `LinesNeedAttention` with every line, and
/// nothing is stored unless `accept_partial` asks for the good lines to go ahead. The report
/// and all its items are stored in one transaction.
#[server(prefix = "/api", endpoint = "reports/submit_report", input = Json, output = Wire)]
pub async fn submit_report(
    /// The report as filled in.
    draft: ReportDraft,
) -> Result<SubmitOutcome, AppError> {
    use crate::api::support::{boundary, door};
    use crate::service::reports::{Filing, file_notice};
    boundary(async move {
        let (ctx, caller) = door().await?;
        file_notice(&ctx, &caller, &draft, Filing::Review).await
    })
    .await
}

/// Removes listings at once for a Joint-Force brand in good standing: the same checks as a
/// report, then listing, item, audit event and marketplace notification in one transaction.
/// Other brands are refused with the reason.
#[server(prefix = "/api", endpoint = "reports/instant_takedown", input = Json, output = Wire)]
pub async fn instant_takedown(
    /// The takedown as filled in.
    draft: ReportDraft,
) -> Result<SubmitOutcome, AppError> {
    use crate::api::support::{boundary, door};
    use crate::service::reports::{Filing, file_notice};
    boundary(async move {
        let (ctx, caller) = door().await?;
        file_notice(&ctx, &caller, &draft, Filing::Instant).await
    })
    .await
}

/// A brand's instant takedowns of the last seven days, newest first (its own staff).
#[server(prefix = "/api", endpoint = "reports/list_takedowns", output = Wire)]
pub async fn list_takedowns(
    /// The brand.
    brand_id: i64,
) -> Result<Vec<crate::model::TakedownView>, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::reports::list_takedowns(&ctx, &caller, brand_id).await
    })
    .await
}

/// Retracts one of the caller's brand's instant takedowns within seven days: the listing is
/// restored and the item counts as a withdrawal.
#[server(prefix = "/api", endpoint = "reports/retract_takedown", output = Wire)]
pub async fn retract_takedown(
    /// The item taken down.
    item_id: i64,
) -> Result<(), AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::reports::retract_takedown(&ctx, &caller, item_id).await
    })
    .await
}

/// A brand's reported listings with filters and counts: its staff, its manager, admins.
#[server(prefix = "/api", endpoint = "reports/list_reports", input = Json, output = Wire)]
pub async fn list_reports(
    /// The brand.
    brand_id: i64,
    /// Filters and page.
    filter: ReportFilter,
) -> Result<ReportList, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::reports::list_reports(&ctx, &caller, brand_id, &filter).await
    })
    .await
}

/// One report with items, timelines, evidence and declaration: for its brand's staff, the
/// brand's manager and admins.
#[server(prefix = "/api", endpoint = "reports/get_report", output = Wire)]
pub async fn get_report(
    /// Report number.
    report_id: i64,
) -> Result<ReportDetail, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        // Signed-in first (the door), so visitors cannot probe which report numbers exist.
        let (ctx, caller) = door().await?;
        crate::service::reports::get_report(&ctx, &caller, report_id).await
    })
    .await
}

/// Withdraws pending items of one of the caller's brand's reports (recorded, never deleted).
#[server(prefix = "/api", endpoint = "reports/withdraw_items", input = Json, output = Wire)]
pub async fn withdraw_items(
    /// Report number.
    report_id: i64,
    /// Items to withdraw.
    item_ids: Vec<i64>,
) -> Result<DecideOutcome, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::reports::withdraw_items(&ctx, &caller, report_id, &item_ids).await
    })
    .await
}

/// The pre-filled start of a new report correcting a rejected item of the caller's brand.
#[server(prefix = "/api", endpoint = "reports/get_resubmission", output = Wire)]
pub async fn get_resubmission(
    /// The rejected item.
    item_id: i64,
) -> Result<Resubmission, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::reports::get_resubmission(&ctx, &caller, item_id).await
    })
    .await
}
