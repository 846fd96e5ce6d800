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
    use crate::api::support::{app_state, boundary};
    use crate::domain::report::{MAX_ITEMS_PER_REPORT, check_lines};
    boundary(async move {
        crate::auth::require_own_brand_staff(brand_id).await?;
        if check_lines(&lines).len() > MAX_ITEMS_PER_REPORT {
            return Err(AppError::field(
                "lines",
                format!("Check at most {MAX_ITEMS_PER_REPORT} lines at a time."),
            ));
        }
        let checked =
            crate::db::reports::check_report_lines(&app_state()?.db.pool, brand_id, &lines).await?;
        Ok(checked.iter().map(LineResult::from).collect())
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
    crate::api::support::boundary(file_notice(draft, false)).await
}

/// Checks a filled-in notice and stores it: for review (`instant` false) or, for Joint-Force
/// brands in good standing, as an instant takedown. Shared by the report form and the
/// instant-takedown page, so both apply the same field and line checks.
#[cfg(feature = "ssr")]
async fn file_notice(draft: ReportDraft, instant: bool) -> Result<SubmitOutcome, AppError> {
    use crate::api::support::{app_state, today};
    use crate::db::{self, files, reports, rights};
    use crate::domain::report::{
        DECLARATION, check_explanation, check_lines, check_signature, too_many_lines,
    };
    use crate::domain::right::MAX_EVIDENCE_FILES;
    use crate::domain::{ItemStatus, ReasonCode};
    use crate::error::FieldErrors;
    use crate::model::Receipt;
    let user = crate::auth::require_own_brand_staff(draft.brand_id).await?;
    let state = app_state()?;
    let pool = &state.db.pool;
    // The takedown's refusal reads the brand's standing, suspension included, so it stands
    // in for the suspension notice rather than read the same row again.
    let refused = if instant {
        let mut conn = pool.acquire().await?;
        crate::db::takedown::refusal(&mut conn, draft.brand_id, db::now_ms()).await?
    } else {
        crate::db::trust::suspension_notice(pool, draft.brand_id, db::now_ms()).await?
    };
    if let Some(why) = refused {
        return Err(AppError::Forbidden(why));
    }
    let mut errors = FieldErrors::new();
    let mut complain = |field: &str, message: String| {
        errors.entry(field.to_owned()).or_default().push(message);
    };
    let right = if draft.ip_right_id > 0 {
        rights::find(pool, draft.ip_right_id, &today()).await?
    } else {
        None
    };
    match &right {
        None => complain(
            "ip_right_id",
            "Choose the IP right this report relies on.".into(),
        ),
        Some(right) if right.brand_id != draft.brand_id => complain(
            "ip_right_id",
            "Choose one of your brand's own rights.".into(),
        ),
        Some(right) if !right.usable => complain(
            "ip_right_id",
            format!(
                "{} cannot back a report: only verified, unexpired rights can.",
                right.title()
            ),
        ),
        Some(_) => {}
    }
    let reason = ReasonCode::parse(&draft.reason);
    if reason.is_none() {
        complain("reason", "Choose a reason.".into());
    }
    let explanation = check_explanation(&draft.explanation)
        .map_err(|message| complain("explanation", message))
        .unwrap_or_default();
    let test_buy_order = draft.test_buy_order.trim().to_owned();
    if test_buy_order.chars().count() > 60 {
        complain(
            "test_buy_order",
            "The order number is longer than 60 characters.".into(),
        );
    }
    if draft.evidence_file_ids.len() > MAX_EVIDENCE_FILES {
        complain(
            "evidence",
            format!("Attach at most {MAX_EVIDENCE_FILES} evidence files."),
        );
    }
    for file_id in &draft.evidence_file_ids {
        match files::find(pool, *file_id).await? {
            Some(file) if file.brand_id == draft.brand_id && file.purpose == "evidence" => {}
            _ => complain(
                "evidence",
                format!("Evidence file {file_id} is not one of your uploads."),
            ),
        }
    }
    if !draft.declared {
        complain(
            "declared",
            "Tick the good-faith declaration to submit a notice.".into(),
        );
    }
    let signature = check_signature(&draft.signature)
        .map_err(|message| complain("signature", message))
        .unwrap_or_default();
    if let Some(item_id) = draft.resubmits_item_id {
        match reports::resubmission(pool, item_id).await? {
            Some((brand, ItemStatus::Rejected, _)) if brand == draft.brand_id => {}
            _ => complain(
                "lines",
                "Only a rejected item of your own brand can be resubmitted.".into(),
            ),
        }
    }
    let parsed = check_lines(&draft.lines);
    if parsed.is_empty() {
        complain(
            "lines",
            "Enter at least one listing ID or URL, one per line.".into(),
        );
    } else if let Some(message) = too_many_lines(&parsed) {
        complain("lines", message);
    }
    let Some(reason) = reason.filter(|_| errors.is_empty()) else {
        return Err(AppError::Validation(errors));
    };

    let checked = reports::check_report_lines(pool, draft.brand_id, &draft.lines).await?;
    let good: Vec<&reports::CheckedLine> =
        checked.iter().filter(|line| line.outcome.is_ok()).collect();
    let bad: Vec<LineResult> = checked
        .iter()
        .filter(|line| line.outcome.is_err())
        .map(LineResult::from)
        .collect();
    if good.is_empty() {
        return Ok(SubmitOutcome::LinesNeedAttention(
            checked.iter().map(LineResult::from).collect(),
        ));
    }
    if !bad.is_empty() && !draft.accept_partial {
        return Ok(SubmitOutcome::LinesNeedAttention(
            checked.iter().map(LineResult::from).collect(),
        ));
    }
    let note_for = |text: &str| {
        draft
            .notes
            .iter()
            .find(|(reference, _)| reference.trim() == text)
            .map(|(_, note)| note.trim().chars().take(500).collect::<String>())
            .unwrap_or_default()
    };
    let report = reports::NewReport {
        brand_id: draft.brand_id,
        submitted_by: user.id,
        ip_right_id: draft.ip_right_id,
        reason,
        explanation,
        test_buy_order,
        declaration: DECLARATION.to_owned(),
        signature,
        resubmits_item_id: draft.resubmits_item_id,
        evidence_file_ids: draft.evidence_file_ids.clone(),
        items: good
            .iter()
            .filter_map(|line| {
                let (listing_id, _) = line.outcome.as_ref().ok()?;
                Some((*listing_id, line.text.clone(), note_for(&line.text)))
            })
            .collect(),
    };
    let now = db::now_ms();
    let stored = if instant {
        crate::db::takedown::take_down(&state.db, &report, &state.rules, now).await
    } else {
        reports::submit(&state.db, &report, state.rules.targets, now).await
    };
    match stored {
        Ok((report_id, items)) => {
            let titles: std::collections::HashMap<i64, String> = good
                .iter()
                .filter_map(|line| line.outcome.clone().ok())
                .collect();
            Ok(SubmitOutcome::Submitted(Receipt {
                report_id,
                submitted_at: now,
                items: items
                    .into_iter()
                    .map(|(item_id, listing_id)| {
                        let title = titles.get(&listing_id).cloned().unwrap_or_default();
                        (item_id, listing_id, title)
                    })
                    .collect(),
                left_out: bad,
            }))
        }
        Err(reports::SubmitError::Raced) => Err(AppError::Conflict(
            "One of these listings was reported by a colleague a moment ago. Check the lines \
             again and resubmit."
                .into(),
        )),
        Err(reports::SubmitError::Database(error)) => Err(error.into()),
    }
}

/// Removes listings at once for a Joint-Force brand in good standing: the same checks as a
/// report, then listing, item, audit event and marketplace notification in one transaction.
/// Other brands are refused with the reason.
#[server(prefix = "/api", endpoint = "reports/instant_takedown", input = Json, output = Wire)]
pub async fn instant_takedown(
    /// The takedown as filled in.
    draft: ReportDraft,
) -> Result<SubmitOutcome, AppError> {
    crate::api::support::boundary(file_notice(draft, true)).await
}

/// A brand's instant takedowns of the last seven days, newest first (its own staff).
#[server(prefix = "/api", endpoint = "reports/list_takedowns", output = Wire)]
pub async fn list_takedowns(
    /// The brand.
    brand_id: i64,
) -> Result<Vec<crate::model::TakedownView>, AppError> {
    use crate::api::support::{app_state, boundary};
    use crate::db::takedown::RETRACT_DAYS;
    boundary(async move {
        crate::auth::require_own_brand_staff(brand_id).await?;
        let now = crate::db::now_ms();
        let since = now - RETRACT_DAYS * crate::domain::trust::DAY_MS;
        let rows = crate::db::takedown::recent(&app_state()?.db.pool, brand_id, since).await?;
        Ok(rows
            .into_iter()
            .map(|row| crate::model::TakedownView {
                item_id: row.item_id,
                report_id: row.report_id,
                listing_id: row.listing_id,
                title: row.title,
                retracted: row.status == crate::domain::ItemStatus::Withdrawn.as_str(),
                taken_down_at: row.decided_at,
            })
            .collect())
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
    use crate::api::support::{app_state, boundary};
    boundary(async move {
        let user = crate::auth::current_user().await?;
        let state = app_state()?;
        let owners = crate::db::review::brands_of_items(&state.db.pool, &[item_id]).await?;
        let Some((_, brand_id)) = owners.first().copied() else {
            return Err(AppError::NotFound(
                "There is no item with that number.".into(),
            ));
        };
        let user = crate::auth::require_own_brand_staff(brand_id)
            .await
            .map(|_| user)?;
        crate::db::takedown::retract(
            &state.db,
            item_id,
            brand_id,
            user.id,
            &state.rules,
            crate::db::now_ms(),
        )
        .await?
        .map_err(AppError::Conflict)
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
    use crate::api::support::{app_state, boundary};
    boundary(async move {
        crate::auth::require_brand_access(brand_id).await?;
        for (field, date) in [("from", &filter.from), ("to", &filter.to)] {
            if !date.is_empty() && crate::domain::start_of_day_ms(date).is_none() {
                return Err(AppError::field(field, "Enter the date as YYYY-MM-DD."));
            }
        }
        Ok(crate::db::reports::list_for_brand(&app_state()?.db.pool, brand_id, &filter).await?)
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
    use crate::api::support::{app_state, boundary};
    boundary(async move {
        // Signed-in first, so visitors cannot probe which report numbers exist.
        crate::auth::current_user().await?;
        let state = app_state()?;
        let not_found = || AppError::NotFound("There is no report with that number.".into());
        let brand_id = crate::db::reports::brand_of_report(&state.db.pool, report_id)
            .await?
            .ok_or_else(not_found)?;
        crate::auth::require_brand_access(brand_id).await?;
        crate::db::reports::detail(&state.db.pool, report_id)
            .await?
            .ok_or_else(not_found)
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
    use crate::api::support::{app_state, boundary};
    boundary(async move {
        crate::auth::current_user().await?;
        let state = app_state()?;
        let brand_id = crate::db::reports::brand_of_report(&state.db.pool, report_id)
            .await?
            .ok_or_else(|| AppError::NotFound("There is no report with that number.".into()))?;
        let user = crate::auth::require_own_brand_staff(brand_id).await?;
        if item_ids.is_empty() {
            return Err(AppError::field("items", "Select the items to withdraw."));
        }
        Ok(crate::db::reports::withdraw(
            &state.db,
            report_id,
            brand_id,
            &item_ids,
            user.id,
            &state.rules,
            crate::db::now_ms(),
        )
        .await?)
    })
    .await
}

/// The pre-filled start of a new report correcting a rejected item of the caller's brand.
#[server(prefix = "/api", endpoint = "reports/get_resubmission", output = Wire)]
pub async fn get_resubmission(
    /// The rejected item.
    item_id: i64,
) -> Result<Resubmission, AppError> {
    use crate::api::support::{app_state, boundary};
    use crate::domain::ItemStatus;
    boundary(async move {
        crate::auth::current_user().await?;
        let state = app_state()?;
        let (brand_id, status, prefill) = crate::db::reports::resubmission(&state.db.pool, item_id)
            .await?
            .ok_or_else(|| AppError::NotFound("There is no item with that number.".into()))?;
        crate::auth::require_own_brand_staff(brand_id).await?;
        if status != ItemStatus::Rejected {
            return Err(AppError::Conflict(
                "Only rejected items can be fixed and resubmitted.".into(),
            ));
        }
        Ok(prefill)
    })
    .await
}
