//! Reports (notices): check lines, file a notice for review or as an instant takedown,
//! follow reports, withdraw items, retract takedowns, start a resubmission.

use std::collections::HashMap;

use crate::db::reports::LineProblem;
use crate::db::{files, reports, rights, takedown};
use crate::domain::Role;
use crate::domain::joint_force::{CapReached, CapWindow};
use crate::domain::limits::{MAX_LINE_CHARS, MAX_LINES_TEXT_CHARS, MAX_PAGE, MAX_SEARCH_CHARS};
use crate::domain::notice::{MAX_LINE_NOTE_CHARS, NoticeForm};
use crate::domain::report::{DECLARATION, MAX_ITEMS_PER_REPORT, count_lines};
use crate::domain::trust::DAY_MS;
use crate::domain::{FieldErrors, ItemStatus, format_count, format_time};
use crate::error::AppError;
use crate::model::{
    CurrentUser, DecideOutcome, LineResult, Receipt, ReportDetail, ReportDraft, ReportFilter,
    ReportList, Resubmission, SubmitOutcome, TakedownView,
};
use crate::service::{Context, access};

impl LineProblem {
    /// The problem in words, shown next to the line.
    pub fn message(&self) -> String {
        match self {
            LineProblem::Unreadable(why) => why.clone(),
            LineProblem::NoSuchListing(id) => {
                format!("Unknown listing: there is no listing {id} on the marketplace.")
            }
            LineProblem::Ended(id) => format!(
                "Listing {id} has ended on the marketplace: it is no longer for sale, so there \
                 is nothing to take down."
            ),
            LineProblem::Removed(id) => format!("Listing {id} has already been removed."),
            LineProblem::UnderReview(id) => {
                format!("Listing {id} is already under review on another of your reports.")
            }
            LineProblem::AuthorisedSeller(id, seller) => format!(
                "Listing {id} is sold by {seller}, who is on your authorised-seller list. File \
                 it only if this listing infringes nonetheless: confirm the line, and the \
                 confirmation is recorded on the item."
            ),
        }
    }
}

/// A checked line as the form shows it: the listing's title, or the problem in words.
pub fn line_result(line: &reports::CheckedLine) -> LineResult {
    LineResult {
        line: line.line,
        text: line.text.clone(),
        outcome: line
            .outcome
            .as_ref()
            .map(|(_, title)| title.clone())
            .map_err(LineProblem::message),
        authorised_seller: match &line.outcome {
            Err(LineProblem::AuthorisedSeller(_, seller)) => Some(seller.clone()),
            _ => line.confirmed_authorised.clone(),
        },
    }
}

/// How a notice is filed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filing {
    /// For an account manager's review.
    Review,
    /// Removed at once: a Joint-Force brand in good standing.
    Instant,
}

/// Checks listing references for the caller's brand without storing anything (the CSV
/// upload calls this chunk by chunk to show progress).
pub async fn check_lines_for(
    ctx: &Context,
    caller: &CurrentUser,
    brand_id: i64,
    lines: &str,
) -> Result<Vec<LineResult>, AppError> {
    access::own_brand_staff(caller, brand_id)?;
    crate::service::within("lines", lines, MAX_LINES_TEXT_CHARS, "the list")?;
    if count_lines(lines) > MAX_ITEMS_PER_REPORT {
        return Err(AppError::field(
            "lines",
            format!("Check at most {MAX_ITEMS_PER_REPORT} lines at a time."),
        ));
    }
    let checked =
        reports::check_report_lines(&ctx.db.pool, brand_id, lines, &ctx.rules.listing_urls).await?;
    Ok(checked.iter().map(line_result).collect())
}

/// The per-line notes of a CSV upload: one per listing at most, each within its limit.
fn check_notes(notes: &[(String, String)]) -> Result<(), AppError> {
    if notes.len() > MAX_ITEMS_PER_REPORT {
        return Err(AppError::field(
            "lines",
            format!("A notice carries at most {MAX_ITEMS_PER_REPORT} line notes."),
        ));
    }
    for (reference, note) in notes {
        crate::service::within("lines", reference, MAX_LINE_CHARS, "a line")?;
        crate::service::within("lines", note.trim(), MAX_LINE_NOTE_CHARS, "a line's note")?;
    }
    Ok(())
}

/// Checks a filled-in notice and stores it, for review or as an instant takedown. Field
/// problems come back as a validation error naming each field; line problems come back as
/// `LinesNeedAttention` with every line, and nothing is stored unless `accept_partial` asks
/// for the good lines to go ahead. The report and all its items are one transaction.
pub async fn file_notice(
    ctx: &Context,
    caller: &CurrentUser,
    draft: &ReportDraft,
    filing: Filing,
) -> Result<SubmitOutcome, AppError> {
    access::own_brand_staff(caller, draft.brand_id)?;
    refuse_if_barred(ctx, draft.brand_id, filing).await?;
    check_notes(&draft.notes)?;
    let form = NoticeForm {
        reason: &draft.reason,
        explanation: &draft.explanation,
        test_buy_order: &draft.test_buy_order,
        evidence_files: draft.evidence_file_ids.len(),
        declared: draft.declared,
        signature: &draft.signature,
        lines: &draft.lines,
    };
    let mut errors = stored_problems(ctx, draft).await?;
    let checked = match form.check() {
        Ok(checked) if errors.is_empty() => checked,
        Ok(_) => return Err(AppError::Validation(errors)),
        Err(field_errors) => {
            for (field, messages) in field_errors {
                errors.entry(field).or_default().extend(messages);
            }
            return Err(AppError::Validation(errors));
        }
    };

    let lines = reports::check_report_lines_confirming(
        &ctx.db.pool,
        draft.brand_id,
        &draft.lines,
        &ctx.rules.listing_urls,
        &draft.confirm_authorised,
    )
    .await?;
    let bad: Vec<LineResult> = lines
        .iter()
        .filter(|line| line.outcome.is_err())
        .map(line_result)
        .collect();
    let good: Vec<&reports::CheckedLine> =
        lines.iter().filter(|line| line.outcome.is_ok()).collect();
    if good.is_empty() || (!bad.is_empty() && !draft.accept_partial) {
        return Ok(SubmitOutcome::LinesNeedAttention(
            lines.iter().map(line_result).collect(),
        ));
    }
    let note_for = |text: &str| {
        draft
            .notes
            .iter()
            .find(|(reference, _)| reference.trim() == text)
            .map(|(_, note)| note.trim().to_owned())
            .unwrap_or_default()
    };
    let report = reports::NewReport {
        brand_id: draft.brand_id,
        submitted_by: caller.id,
        ip_right_id: draft.ip_right_id,
        reason: checked.reason,
        explanation: checked.explanation,
        test_buy_order: checked.test_buy_order,
        declaration: DECLARATION.to_owned(),
        signature: checked.signature,
        resubmits_item_id: draft.resubmits_item_id,
        evidence_file_ids: draft.evidence_file_ids.clone(),
        items: good
            .iter()
            .filter_map(|line| {
                let (listing_id, _) = line.outcome.as_ref().ok()?;
                Some((*listing_id, line.text.clone(), note_for(&line.text)))
            })
            .collect(),
        confirmed_authorised: good
            .iter()
            .filter_map(|line| {
                let (listing_id, _) = line.outcome.as_ref().ok()?;
                Some((*listing_id, line.confirmed_authorised.clone()?))
            })
            .collect(),
    };
    let now = ctx.now();
    let stored = match filing {
        Filing::Instant => takedown::take_down(&ctx.db, &report, &ctx.rules, now).await,
        Filing::Review => reports::submit(&ctx.db, &report, ctx.rules.targets, now).await,
    };
    let (report_id, items) = match stored {
        Ok(stored) => stored,
        Err(reports::SubmitError::Raced) => {
            return Err(AppError::Conflict(
                "One of these listings was reported by a colleague a moment ago. Check the \
                 lines again and resubmit."
                    .into(),
            ));
        }
        Err(reports::SubmitError::CapReached(reached)) => {
            return Err(cap_refusal(ctx, draft.brand_id, &reached, now).await?);
        }
        Err(reports::SubmitError::Database(error)) => return Err(error.into()),
    };
    let titles: HashMap<i64, String> = good
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

/// The answer to a takedown refused at the brand's cap (429 with the wait), after telling
/// the brand's account manager (once an hour, however often the cap is hit).
async fn cap_refusal(
    ctx: &Context,
    brand_id: i64,
    reached: &CapReached,
    now: i64,
) -> Result<AppError, AppError> {
    let (window, per) = match reached.window {
        CapWindow::Hour => ("this hour", "an hour"),
        CapWindow::Day => ("today (UTC)", "a day"),
    };
    let message = format!(
        "Nothing was taken down: your brand has taken down {} {window}, and {} more \
         would pass the marketplace's cap of {} {per} for instant takedown. Instant takedown \
         opens again at {}; file a normal report meanwhile. Your account manager has been told.",
        crate::domain::listing::counted(reached.taken, "listing"),
        format_count(reached.asked),
        format_count(reached.cap),
        format_time(reached.reopens_at)
    );
    let detail = format!(
        "Instant takedown refused at the cap of {} {per}: {} taken down {window}, {} more asked",
        reached.cap, reached.taken, reached.asked
    );
    takedown::alert_cap_reached(&ctx.db, brand_id, reached, &detail, now).await?;
    Ok(AppError::TooManyRequests {
        message,
        retry_after_secs: u64::try_from((reached.reopens_at - now).max(0)).unwrap_or(0) / 1000 + 1,
    })
}

/// Refuses a brand whose reports are suspended (misuse) or, for an instant takedown, that
/// may not take listings down now — with the reason.
async fn refuse_if_barred(ctx: &Context, brand_id: i64, filing: Filing) -> Result<(), AppError> {
    let now = ctx.now();
    // The takedown's refusal reads the brand's standing, suspension included, so it stands
    // in for the suspension notice rather than read the same row again.
    let refused = match filing {
        Filing::Instant => {
            let mut conn = ctx.db.pool.acquire().await?;
            takedown::refusal(&mut conn, brand_id, now)
                .await?
                .map(|bar| bar.message())
        }
        Filing::Review => crate::service::trust::suspension_notice(ctx, brand_id, now).await?,
    };
    match refused {
        Some(why) => Err(AppError::Forbidden(why)),
        None => Ok(()),
    }
}

impl takedown::TakedownBar {
    /// Why the brand may not take listings down on its word now, in words its staff read
    /// (the notice form, inquiries and their answers all say it this way).
    pub fn message(&self) -> String {
        match self {
            takedown::TakedownBar::NoSuchBrand => "There is no brand with that number.".into(),
            takedown::TakedownBar::Suspended { brand, until } => format!(
                "Reports from {brand} are suspended until {}, so instant takedown is too.",
                format_time(*until)
            ),
            takedown::TakedownBar::LostStanding { brand, reason } => format!(
                "{brand} is enrolled in Joint-Force but has lost Good Faith standing ({reason}); \
                 instant takedown returns when the standing does. Use a normal report meanwhile."
            ),
            takedown::TakedownBar::NotJointForce { brand, tier } => format!(
                "Instant takedown is for Joint-Force brands; {brand} is {}. Use a normal report.",
                tier.label()
            ),
        }
    }
}

/// The problems only stored data shows: the IP right (the brand's own, verified,
/// unexpired), the evidence files (the brand's own uploads) and the item resubmitted (a
/// rejected item of the brand).
async fn stored_problems(ctx: &Context, draft: &ReportDraft) -> Result<FieldErrors, AppError> {
    let mut errors = FieldErrors::new();
    let mut complain = |field: &str, message: String| {
        errors.entry(field.to_owned()).or_default().push(message);
    };
    let today = crate::domain::iso_date(ctx.now());
    let right = if draft.ip_right_id > 0 {
        rights::find(&ctx.db.pool, draft.ip_right_id, &today).await?
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
    // Bounded before any lookup: the count itself is the form's check.
    let most = crate::domain::right::MAX_EVIDENCE_FILES;
    for file_id in draft.evidence_file_ids.iter().take(most) {
        match files::find(&ctx.db.pool, *file_id).await? {
            Some(file)
                if file.brand_id == draft.brand_id
                    && file.purpose == "evidence"
                    && file.from_brand_staff() => {}
            _ => complain(
                "evidence",
                format!("Evidence file {file_id} is not one of your uploads."),
            ),
        }
    }
    if let Some(item_id) = draft.resubmits_item_id {
        match reports::resubmission(&ctx.db.pool, item_id).await? {
            Some((brand, ItemStatus::Rejected, _)) if brand == draft.brand_id => {}
            _ => complain(
                "lines",
                "Only a rejected item of your own brand can be resubmitted.".into(),
            ),
        }
    }
    Ok(errors)
}

/// A brand's instant takedowns of the retraction window, newest first (its own staff).
pub async fn list_takedowns(
    ctx: &Context,
    caller: &CurrentUser,
    brand_id: i64,
) -> Result<Vec<TakedownView>, AppError> {
    access::own_brand_staff(caller, brand_id)?;
    let since = ctx.now() - takedown::RETRACT_DAYS * DAY_MS;
    let rows = takedown::recent(&ctx.db.pool, brand_id, since).await?;
    Ok(rows
        .into_iter()
        .map(|row| TakedownView {
            item_id: row.item_id,
            report_id: row.report_id,
            listing_id: row.listing_id,
            title: row.title,
            retracted: row.status == ItemStatus::Withdrawn.as_str(),
            taken_down_at: row.decided_at,
        })
        .collect())
}

/// Retracts one of the caller's brand's instant takedowns within the window: the listing is
/// restored and the item counts as a withdrawal.
pub async fn retract_takedown(
    ctx: &Context,
    caller: &CurrentUser,
    item_id: i64,
) -> Result<(), AppError> {
    let owners = crate::db::review::brands_of_items(&ctx.db.pool, &[item_id]).await?;
    let Some((_, brand_id)) = owners.first().copied() else {
        return Err(AppError::NotFound(
            "There is no item with that number.".into(),
        ));
    };
    access::own_brand_staff(caller, brand_id)?;
    takedown::retract(&ctx.db, item_id, brand_id, caller.id, &ctx.rules, ctx.now())
        .await?
        .map_err(|takedown::NotRetractable| {
            AppError::Conflict(format!(
                "Item {item_id} is not one of your instant takedowns of the last {} days, \
                 or it was already retracted.",
                takedown::RETRACT_DAYS
            ))
        })
}

/// A brand's reported listings with filters and counts: its staff, its manager, admins.
pub async fn list_reports(
    ctx: &Context,
    caller: &CurrentUser,
    brand_id: i64,
    filter: &ReportFilter,
) -> Result<ReportList, AppError> {
    access::brand(ctx, caller, brand_id).await?;
    crate::service::page_within(filter.page, MAX_PAGE)?;
    check_filter(filter)?;
    Ok(reports::list_for_brand(&ctx.db.pool, brand_id, filter, ctx.now()).await?)
}

/// Checks the report list's filter (the list and its download take the same): the search
/// text's length, the dates' form and the order, each refused by its field.
pub fn check_filter(filter: &ReportFilter) -> Result<(), AppError> {
    crate::service::within("text", &filter.text, MAX_SEARCH_CHARS, "the search")?;
    if !filter.sort.is_empty()
        && !crate::model::REPORT_SORTS
            .iter()
            .any(|(name, _)| *name == filter.sort)
    {
        return Err(AppError::field(
            "sort",
            "Choose newest, oldest or deadline as the order.",
        ));
    }
    for (field, date) in [("from", &filter.from), ("to", &filter.to)] {
        if !date.is_empty() && crate::domain::start_of_day_ms(date).is_none() {
            return Err(AppError::field(field, "Enter the date as YYYY-MM-DD."));
        }
    }
    Ok(())
}

fn no_such_report() -> AppError {
    AppError::NotFound("There is no report with that number.".into())
}

/// The brand of a report the caller may see. The caller's role is checked first; then a
/// report that does not exist and one of a brand the caller may not see get the same "no
/// such report", so nobody learns which numbers other brands' reports have.
pub(crate) async fn report_brand(
    ctx: &Context,
    caller: &CurrentUser,
    report_id: i64,
) -> Result<i64, AppError> {
    access::role(
        caller,
        &[Role::BrandStaff, Role::AccountManager, Role::Admin],
    )?;
    let brand_id = reports::brand_of_report(&ctx.db.pool, report_id)
        .await?
        .ok_or_else(no_such_report)?;
    if access::may_access_brand(ctx, caller, brand_id).await? {
        Ok(brand_id)
    } else {
        Err(no_such_report())
    }
}

/// One report with items, timelines, evidence and declaration: for its brand's staff, the
/// brand's manager and admins.
pub async fn get_report(
    ctx: &Context,
    caller: &CurrentUser,
    report_id: i64,
) -> Result<ReportDetail, AppError> {
    report_brand(ctx, caller, report_id).await?;
    reports::detail(&ctx.db.pool, report_id, ctx.now())
        .await?
        .ok_or_else(no_such_report)
}

/// Withdraws pending items of one of the caller's brand's reports (recorded, never deleted).
pub async fn withdraw_items(
    ctx: &Context,
    caller: &CurrentUser,
    report_id: i64,
    item_ids: &[i64],
) -> Result<DecideOutcome, AppError> {
    let brand_id = report_brand(ctx, caller, report_id).await?;
    access::own_brand_staff(caller, brand_id)?;
    if item_ids.is_empty() {
        return Err(AppError::field("items", "Select the items to withdraw."));
    }
    if item_ids.len() > MAX_ITEMS_PER_REPORT {
        return Err(AppError::field(
            "items",
            format!("Withdraw at most {MAX_ITEMS_PER_REPORT} items at a time."),
        ));
    }
    let withdrawal = reports::withdraw(
        &ctx.db,
        report_id,
        brand_id,
        item_ids,
        caller.id,
        &ctx.rules,
        ctx.now(),
    )
    .await?;
    Ok(DecideOutcome {
        decided: withdrawal.withdrawn,
        conflicts: withdrawal
            .not_pending
            .into_iter()
            .map(|item_id| {
                let why = format!(
                    "Item {item_id} is not pending on this report, so it cannot be withdrawn."
                );
                (item_id, why)
            })
            .collect(),
    })
}

/// The pre-filled start of a new report correcting a rejected item of the caller's brand.
pub async fn get_resubmission(
    ctx: &Context,
    caller: &CurrentUser,
    item_id: i64,
) -> Result<Resubmission, AppError> {
    let (brand_id, status, prefill) = reports::resubmission(&ctx.db.pool, item_id)
        .await?
        .ok_or_else(|| AppError::NotFound("There is no item with that number.".into()))?;
    access::own_brand_staff(caller, brand_id)?;
    if status != ItemStatus::Rejected {
        return Err(AppError::Conflict(
            "Only rejected items can be fixed and resubmitted.".into(),
        ));
    }
    Ok(prefill)
}

/// What a refusal repeats of an unknown name: its first 40 characters.
fn shown(name: &str) -> String {
    name.chars().take(40).collect()
}

/// Most reports on one page of [`report_feed`].
pub const MAX_FEED_PAGE: i64 = 100;

/// A page of a brand's reports, newest first, for clients that poll: its own staff, its
/// manager and admins. Unknown status or reason names are refused, naming the field.
pub async fn report_feed(
    ctx: &Context,
    caller: &CurrentUser,
    brand_id: i64,
    filter: &crate::db::report_feed::FeedFilter,
) -> Result<Vec<crate::db::report_feed::FeedReport>, AppError> {
    access::brand(ctx, caller, brand_id).await?;
    let mut errors = FieldErrors::new();
    if let Some(status) = &filter.status
        && ItemStatus::parse(status).is_none()
    {
        errors.entry("status".into()).or_default().push(format!(
            "There is no item status called {:?}.",
            shown(status)
        ));
    }
    if let Some(reason) = &filter.reason
        && crate::domain::ReasonCode::parse(reason).is_none()
    {
        errors
            .entry("reason".into())
            .or_default()
            .push(format!("There is no reason called {:?}.", shown(reason)));
    }
    if !(1..=MAX_FEED_PAGE).contains(&filter.limit) {
        errors
            .entry("limit".into())
            .or_default()
            .push(format!("Ask for 1 to {MAX_FEED_PAGE} reports a page."));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    Ok(crate::db::report_feed::page(&ctx.db.pool, brand_id, filter).await?)
}
