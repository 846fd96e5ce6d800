//! Reports (notices) and their items: checking lines, submitting, listing, withdrawing.

use std::collections::{HashMap, HashSet};

use crate::db::Db;
use sqlx::{AnyPool, FromRow};

use crate::db::audit::{self, NewEvent};
use crate::db::lifecycle::{self, Move, Scope};
use crate::db::listings::ListingRow;
use crate::db::report_filter::{Filtered, filtered};
use crate::domain::queue::{ReviewTargets, priority};
use crate::domain::report::ItemEvent;
use crate::domain::report::check_lines;
use crate::domain::{ItemStatus, ListingStatus, ListingUrls, ReasonCode, RejectionCode, Tier};
use crate::model::{
    ItemDetail, Page, ReportDetail, ReportFilter, ReportItemRow, ReportList, Resubmission,
};

/// A line after every check: the listing it names, or why it cannot be reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedLine {
    /// 1-based line number.
    pub line: usize,
    /// As entered.
    pub text: String,
    /// (listing id, title), or the problem.
    pub outcome: Result<(i64, String), LineProblem>,
    /// The listing's seller, when it is on the brand's authorised list and the brand
    /// confirmed the line anyway (recorded on the item when it is filed).
    pub confirmed_authorised: Option<String>,
}

/// Why a line of a report cannot be filed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineProblem {
    /// The line names no listing; the domain's reading of it says why.
    Unreadable(String),
    /// No such listing on the marketplace (its id as typed).
    NoSuchListing(String),
    /// The marketplace ended the listing: nothing is on sale to report.
    Ended(String),
    /// The listing was removed already.
    Removed(String),
    /// The brand already has the listing under review on another report.
    UnderReview(String),
    /// The listing's seller is on the brand's authorised list: filed only once the brand
    /// confirms the line. (Marketplace id, seller's name.)
    AuthorisedSeller(String, String),
}

/// Checks pasted lines for `brand_id` with nothing confirmed: see
/// [`check_report_lines_confirming`].
pub async fn check_report_lines(
    pool: &AnyPool,
    brand_id: i64,
    text: &str,
    urls: &ListingUrls,
) -> sqlx::Result<Vec<CheckedLine>> {
    check_report_lines_confirming(pool, brand_id, text, urls, &[]).await
}

/// Checks pasted lines for `brand_id`: the text rules (shape, repeats, at most 300 are
/// counted by the caller), then against the marketplace — unknown listing, already removed,
/// already under review for this brand, sold by a seller on the brand's authorised list
/// (unless `confirmed` holds the line as typed or its listing's marketplace id). One query
/// however many lines there are.
pub async fn check_report_lines_confirming(
    pool: &AnyPool,
    brand_id: i64,
    text: &str,
    urls: &ListingUrls,
    confirmed: &[String],
) -> sqlx::Result<Vec<CheckedLine>> {
    let parsed = check_lines(text, urls);
    let refs: Vec<&str> = parsed
        .iter()
        .filter_map(|line| line.outcome.as_deref().ok())
        .collect();
    // By the marketplace's id: (portal id, title, status, market status).
    let mut listings: HashMap<String, (i64, String, String, String)> = HashMap::new();
    let mut pending: HashSet<String> = HashSet::new();
    // By the marketplace's id: the seller's name, for listings of an authorised seller.
    let mut authorised: HashMap<String, String> = HashMap::new();
    if !refs.is_empty() {
        // One statement for every question: each is a round trip to the database, and a
        // takedown waits for all of them before its transaction.
        let sql = format!(
            "SELECT l.external_id, l.id, l.title, l.status, l.market_status, (SELECT i.id FROM report_items i \
             WHERE i.brand_id = $1 AND i.listing_id = l.id AND i.status = 'pending' LIMIT 1), \
             (SELECT s.name FROM authorised_sellers a JOIN sellers s ON s.id = a.seller_id \
             WHERE a.brand_id = $1 AND a.seller_id = l.seller_id) \
             FROM listings l WHERE l.external_id IN ({})",
            crate::db::in_placeholders(2, refs.len())
        );
        // Only placeholders are spliced in.
        type Found = (
            String,
            i64,
            String,
            String,
            String,
            Option<i64>,
            Option<String>,
        );
        let mut query = sqlx::query_as::<_, Found>(sqlx::AssertSqlSafe(sql)).bind(brand_id);
        for reference in &refs {
            query = query.bind(*reference);
        }
        for (reference, id, title, status, market, pending_item, seller) in
            query.fetch_all(pool).await?
        {
            if pending_item.is_some() {
                pending.insert(reference.clone());
            }
            if let Some(seller) = seller {
                authorised.insert(reference.clone(), seller);
            }
            listings.insert(reference, (id, title, status, market));
        }
    }
    let is_confirmed = |reference: &str, text: &str| {
        confirmed
            .iter()
            .any(|given| given.trim() == reference || given.trim() == text)
    };
    Ok(parsed
        .into_iter()
        .map(|line| {
            let mut confirmed_authorised = None;
            let outcome = line
                .outcome
                .map_err(LineProblem::Unreadable)
                .and_then(|reference| match listings.get(&reference) {
                    None => Err(LineProblem::NoSuchListing(reference)),
                    Some((_, _, status, _)) if status == ListingStatus::Removed.as_str() => {
                        Err(LineProblem::Removed(reference))
                    }
                    Some((_, _, _, market)) if market == "ended" => {
                        Err(LineProblem::Ended(reference))
                    }
                    Some(_) if pending.contains(&reference) => {
                        Err(LineProblem::UnderReview(reference))
                    }
                    Some((id, title, _, _)) => match authorised.get(&reference) {
                        Some(seller) if is_confirmed(&reference, &line.text) => {
                            confirmed_authorised = Some(seller.clone());
                            Ok((*id, title.clone()))
                        }
                        Some(seller) => Err(LineProblem::AuthorisedSeller(
                            reference.clone(),
                            seller.clone(),
                        )),
                        None => Ok((*id, title.clone())),
                    },
                });
            CheckedLine {
                line: line.line,
                text: line.text,
                outcome,
                confirmed_authorised,
            }
        })
        .collect())
}

/// The audit action of a line filed on an authorised seller's listing with the brand's
/// confirmation.
pub const AUTHORISED_CONFIRMED: &str = "item.authorised_seller_confirmed";

/// A report ready to store: every field already checked.
#[derive(Debug, Clone)]
pub struct NewReport {
    /// Reporting brand.
    pub brand_id: i64,
    /// Submitter.
    pub submitted_by: i64,
    /// Right relied on (verified, unexpired, the brand's own).
    pub ip_right_id: i64,
    /// Reason.
    pub reason: ReasonCode,
    /// Explanation.
    pub explanation: String,
    /// Test-buy order number.
    pub test_buy_order: String,
    /// Declaration text.
    pub declaration: String,
    /// Signature.
    pub signature: String,
    /// Corrected item, if a resubmission.
    pub resubmits_item_id: Option<i64>,
    /// Evidence files (the brand's own, unattached).
    pub evidence_file_ids: Vec<i64>,
    /// The items: (listing id, line as entered, note).
    pub items: Vec<(i64, String, String)>,
    /// Items on an authorised seller's listing that the brand confirmed: (listing id,
    /// seller's name). Each gets the confirmation on its timeline.
    pub confirmed_authorised: Vec<(i64, String)>,
}

/// The timeline entries of a report's confirmed authorised-seller lines: (item id, detail),
/// for the submitting transaction to record beside the items.
pub(crate) fn authorised_confirmations(
    report: &NewReport,
    items: &[(i64, i64)],
) -> Vec<(i64, String)> {
    items
        .iter()
        .filter_map(|(item_id, listing_id)| {
            let (_, seller) = report
                .confirmed_authorised
                .iter()
                .find(|(listing, _)| listing == listing_id)?;
            Some((
                *item_id,
                format!(
                    "Filed although {seller} is on the brand's authorised-seller list: the \
                     submitter confirmed this listing infringes nonetheless"
                ),
            ))
        })
        .collect()
}

/// Why a report could not be stored.
#[derive(Debug, thiserror::Error)]
pub enum SubmitError {
    /// Another report put one of the listings under review first.
    #[error("a listing was reported concurrently")]
    Raced,
    /// An instant takedown would pass the brand's hourly or daily cap; nothing was stored.
    #[error("the brand's takedown cap is reached")]
    CapReached(crate::domain::joint_force::CapReached),
    /// The database failed.
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// Stores a report, its items, evidence links and audit events in one transaction. Items
/// get their queue priority and deadline from the brand's tier now.
pub async fn submit(
    db: &Db,
    report: &NewReport,
    targets: ReviewTargets,
    now: i64,
) -> Result<(i64, Vec<(i64, i64)>), SubmitError> {
    let mut tx = db.begin().await?;
    let report_id = insert_report(&mut tx, report, now).await?;
    let (tier, manager_id): (String, Option<i64>) =
        sqlx::query_as("SELECT tier, manager_id FROM brands WHERE id = $1")
            .bind(report.brand_id)
            .fetch_one(&mut *tx)
            .await?;
    let tier = Tier::parse(&tier).unwrap_or(Tier::Standard);
    let (item_priority, deadline) = (i64::from(priority(tier)), targets.deadline_ms(tier, now));
    // 9 parameters a row: 300 items are 2,700 parameters, within both engines' limits.
    let sql = format!(
        "INSERT INTO report_items (report_id, brand_id, manager_id, listing_id, line_text, note, priority, deadline_at, submitted_at) VALUES {}",
        crate::db::values_placeholders(report.items.len(), 9)
    );
    let mut insert = sqlx::query(sqlx::AssertSqlSafe(sql));
    for (listing_id, line_text, note) in &report.items {
        insert = insert
            .bind(report_id)
            .bind(report.brand_id)
            .bind(manager_id)
            .bind(*listing_id)
            .bind(line_text.as_str())
            .bind(note.as_str())
            .bind(item_priority)
            .bind(deadline)
            .bind(now);
    }
    if let Err(error) = insert.execute(&mut *tx).await {
        return Err(match &error {
            sqlx::Error::Database(db) if db.is_unique_violation() => SubmitError::Raced,
            _ => error.into(),
        });
    }
    for file_id in &report.evidence_file_ids {
        sqlx::query("INSERT INTO report_evidence (report_id, file_id) VALUES ($1, $2)")
            .bind(report_id)
            .bind(*file_id)
            .execute(&mut *tx)
            .await?;
    }
    let items: Vec<(i64, i64)> =
        sqlx::query_as("SELECT id, listing_id FROM report_items WHERE report_id = $1 ORDER BY id")
            .bind(report_id)
            .fetch_all(&mut *tx)
            .await?;
    let report_detail = format!(
        "Report {report_id}: {}, reason {}",
        crate::domain::listing::counted(items.len() as i64, "listing"),
        report.reason.label()
    );
    let mut events = vec![NewEvent {
        actor_id: Some(report.submitted_by),
        action: "report.submitted",
        subject_type: "report",
        subject_id: report_id,
        brand_id: Some(report.brand_id),
        detail: &report_detail,
    }];
    let item_detail = format!(
        "Submitted on report {report_id} ({})",
        report.reason.label()
    );
    events.extend(items.iter().map(|(item_id, _)| NewEvent {
        actor_id: Some(report.submitted_by),
        action: "item.submitted",
        subject_type: "report_item",
        subject_id: *item_id,
        brand_id: Some(report.brand_id),
        detail: &item_detail,
    }));
    let confirmations = authorised_confirmations(report, &items);
    events.extend(confirmations.iter().map(|(item_id, detail)| NewEvent {
        actor_id: Some(report.submitted_by),
        action: AUTHORISED_CONFIRMED,
        subject_type: "report_item",
        subject_id: *item_id,
        brand_id: Some(report.brand_id),
        detail,
    }));
    audit::record_many(&mut tx, &events, now).await?;
    tx.commit().await?;
    Ok((report_id, items))
}

/// Inserts a report's own row (not its items) and returns its number.
pub(crate) async fn insert_report(
    conn: &mut sqlx::AnyConnection,
    report: &NewReport,
    submitted_at: i64,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO reports (brand_id, submitted_by, ip_right_id, reason, explanation, \
         test_buy_order, declaration, signature, resubmits_item_id, submitted_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(report.brand_id)
    .bind(report.submitted_by)
    .bind(report.ip_right_id)
    .bind(report.reason.as_str())
    .bind(report.explanation.as_str())
    .bind(report.test_buy_order.as_str())
    .bind(report.declaration.as_str())
    .bind(report.signature.as_str())
    .bind(report.resubmits_item_id)
    .bind(submitted_at)
    .fetch_one(conn)
    .await
}

/// The brand a report belongs to.
pub async fn brand_of_report(pool: &AnyPool, report_id: i64) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar("SELECT brand_id FROM reports WHERE id = $1")
        .bind(report_id)
        .fetch_optional(pool)
        .await
}

#[derive(Debug, FromRow)]
struct ItemListRow {
    item_id: i64,
    report_id: i64,
    listing_id: i64,
    listing_title: String,
    seller_name: String,
    reason: String,
    status: String,
    submitted_at: i64,
    decided_at: Option<i64>,
    deadline_at: i64,
}

/// Rows per page on the report list.
pub const REPORT_PAGE_SIZE: i64 = 25;

/// One page of a brand's reported listings under `filter`, newest first, with counts per
/// status under the same filter except the status itself.
pub async fn list_for_brand(
    pool: &AnyPool,
    brand_id: i64,
    filter: &ReportFilter,
    now: i64,
) -> sqlx::Result<ReportList> {
    let Filtered {
        from_where,
        numbers,
        texts,
    } = filtered(brand_id, filter);
    let params = numbers.len() + texts.len();

    let count_sql = format!("SELECT i.status, COUNT(*) {from_where} GROUP BY i.status");
    let mut count_query = sqlx::query_as::<_, (String, i64)>(sqlx::AssertSqlSafe(count_sql));
    for n in &numbers {
        count_query = count_query.bind(*n);
    }
    for t in &texts {
        count_query = count_query.bind(t.as_str());
    }
    let stored_counts = count_query.fetch_all(pool).await?;
    let counts: Vec<(ItemStatus, i64)> = ItemStatus::ALL
        .into_iter()
        .map(|status| {
            let n = stored_counts
                .iter()
                .find(|(name, _)| name == status.as_str())
                .map_or(0, |(_, n)| *n);
            (status, n)
        })
        .collect();

    let status = ItemStatus::parse(&filter.status);
    let (status_condition, total) = match status {
        Some(status) => (
            format!(" AND i.status = ${}", params + 1),
            counts
                .iter()
                .find(|(s, _)| *s == status)
                .map_or(0, |(_, n)| *n),
        ),
        None => (String::new(), counts.iter().map(|(_, n)| n).sum()),
    };
    let page = filter.page.max(0);
    // Submission time, not id: imported history gets later ids than recent reports.
    let order = match filter.sort.as_str() {
        "oldest" => "i.submitted_at, i.id",
        "deadline" => {
            "CASE WHEN i.status = 'pending' THEN 0 ELSE 1 END, \
             CASE WHEN i.status = 'pending' THEN i.deadline_at END, i.submitted_at DESC, i.id DESC"
        }
        _ => "i.submitted_at DESC, i.id DESC",
    };
    let rows_sql = format!(
        "SELECT i.id AS item_id, i.report_id, i.listing_id, l.title AS listing_title, \
         (SELECT s.name FROM sellers s WHERE s.id = l.seller_id) AS seller_name, r.reason, \
         i.status, i.submitted_at, i.decided_at, i.deadline_at {from_where}{status_condition} \
         ORDER BY {order} LIMIT {REPORT_PAGE_SIZE} OFFSET {}",
        page.saturating_mul(REPORT_PAGE_SIZE)
    );
    let mut rows_query = sqlx::query_as::<_, ItemListRow>(sqlx::AssertSqlSafe(rows_sql));
    for n in &numbers {
        rows_query = rows_query.bind(*n);
    }
    for t in &texts {
        rows_query = rows_query.bind(t.as_str());
    }
    if let Some(status) = status {
        rows_query = rows_query.bind(status.as_str());
    }
    let rows = rows_query.fetch_all(pool).await?;
    Ok(ReportList {
        page: Page {
            rows: rows
                .into_iter()
                .map(|row| ReportItemRow {
                    item_id: row.item_id,
                    report_id: row.report_id,
                    listing_id: row.listing_id,
                    listing_title: row.listing_title,
                    seller_name: row.seller_name,
                    reason: ReasonCode::parse(&row.reason).unwrap_or(ReasonCode::Counterfeit),
                    status: ItemStatus::parse(&row.status).unwrap_or(ItemStatus::Pending),
                    submitted_at: row.submitted_at,
                    decided_at: row.decided_at,
                    remaining_ms: (row.status == ItemStatus::Pending.as_str())
                        .then(|| row.deadline_at - now),
                })
                .collect(),
            total,
            page,
            per_page: REPORT_PAGE_SIZE,
        },
        counts,
    })
}

#[derive(Debug, FromRow)]
struct ReportRow {
    id: i64,
    brand_id: i64,
    brand_name: String,
    submitted_by: String,
    right_kind: String,
    right_jurisdiction: String,
    right_number: String,
    reason: String,
    explanation: String,
    test_buy_order: String,
    declaration: String,
    signature: String,
    submitted_at: i64,
    resubmits_item_id: Option<i64>,
}

#[derive(Debug, FromRow)]
struct ItemRow {
    id: i64,
    line_text: String,
    note: String,
    status: String,
    deadline_at: i64,
    decided_by: Option<String>,
    decided_at: Option<i64>,
    rejection_code: Option<String>,
    decision_note: String,
    #[sqlx(flatten)]
    listing: ListingRow,
}

/// A report with its items, their listings and timelines, and its evidence.
pub async fn detail(
    pool: &AnyPool,
    report_id: i64,
    now: i64,
) -> sqlx::Result<Option<ReportDetail>> {
    let report: Option<ReportRow> = sqlx::query_as(
        "SELECT r.id, r.brand_id, b.name AS brand_name, u.display_name AS submitted_by, \
         p.kind AS right_kind, p.jurisdiction AS right_jurisdiction, \
         p.registration_number AS right_number, r.reason, r.explanation, r.test_buy_order, \
         r.declaration, r.signature, r.submitted_at, r.resubmits_item_id \
         FROM reports r JOIN brands b ON b.id = r.brand_id JOIN users u ON u.id = r.submitted_by \
         JOIN ip_rights p ON p.id = r.ip_right_id WHERE r.id = $1",
    )
    .bind(report_id)
    .fetch_optional(pool)
    .await?;
    let Some(report) = report else {
        return Ok(None);
    };
    let items: Vec<ItemRow> = sqlx::query_as(
        "SELECT i.id, i.line_text, i.note, i.status, i.deadline_at, d.display_name AS decided_by, \
         i.decided_at, i.rejection_code, i.decision_note, \
         l.id AS listing_id, l.title, l.category, l.price_cents, l.currency, l.status AS listing_status, \
         l.external_id AS listing_ref, l.url AS listing_url, \
         l.seller_id, s.name AS seller_name \
         FROM report_items i JOIN listings l ON l.id = i.listing_id \
         JOIN sellers s ON s.id = l.seller_id LEFT JOIN users d ON d.id = i.decided_by \
         WHERE i.report_id = $1 ORDER BY i.id",
    )
    .bind(report_id)
    .fetch_all(pool)
    .await?;
    let mut timelines: HashMap<i64, Vec<crate::model::TimelineEntry>> = HashMap::new();
    for event in audit::item_events_of_report(pool, report_id).await? {
        timelines
            .entry(event.subject_id)
            .or_default()
            .push(event.into());
    }
    let evidence = crate::db::files::evidence_of(pool, report_id).await?;
    let kind =
        crate::domain::RightKind::parse(&report.right_kind).map_or("Right", |kind| kind.label());
    Ok(Some(ReportDetail {
        id: report.id,
        brand_id: report.brand_id,
        brand_name: report.brand_name,
        submitted_by: report.submitted_by,
        right_title: format!(
            "{kind} {} {}",
            report.right_jurisdiction, report.right_number
        ),
        reason: ReasonCode::parse(&report.reason).unwrap_or(ReasonCode::Counterfeit),
        explanation: report.explanation,
        test_buy_order: report.test_buy_order,
        declaration: report.declaration,
        signature: report.signature,
        submitted_at: report.submitted_at,
        read_at: now,
        resubmits_item_id: report.resubmits_item_id,
        evidence,
        items: items
            .into_iter()
            .map(|item| ItemDetail {
                id: item.id,
                timeline: timelines.remove(&item.id).unwrap_or_default(),
                listing: item.listing.into(),
                line_text: item.line_text,
                note: item.note,
                status: ItemStatus::parse(&item.status).unwrap_or(ItemStatus::Pending),
                deadline_at: item.deadline_at,
                decided_by: item.decided_by,
                decided_at: item.decided_at,
                rejection_code: item
                    .rejection_code
                    .as_deref()
                    .and_then(RejectionCode::parse),
                decision_note: item.decision_note,
            })
            .collect(),
    }))
}

/// What a withdrawal did, item by item.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Withdrawal {
    /// Items withdrawn now.
    pub withdrawn: Vec<i64>,
    /// Items left as they were: not pending, or not on this brand's report.
    pub not_pending: Vec<i64>,
}

/// Withdraws the brand's pending items of a report, each with its audit event, all in one
/// transaction. Returns the ids withdrawn and those that could not be.
pub async fn withdraw(
    db: &Db,
    report_id: i64,
    brand_id: i64,
    item_ids: &[i64],
    actor_id: i64,
    rules: &crate::domain::Rules,
    now: i64,
) -> sqlx::Result<Withdrawal> {
    let mut outcome = Withdrawal::default();
    let mut tx = db.begin().await?;
    for item_id in item_ids {
        let mv = Move {
            item_id: *item_id,
            event: ItemEvent::Withdraw,
            actor_id: Some(actor_id),
            scope: Scope {
                brand_id: Some(brand_id),
                report_id: Some(report_id),
                instant_since: None,
            },
            decision: Default::default(),
            item_event: ("item.withdrawn", "Withdrawn by the brand before a decision"),
            listing_event: None,
            strike_lifted_because: "",
        };
        match lifecycle::apply(&mut tx, &mv, rules, now).await? {
            Ok(_) => outcome.withdrawn.push(*item_id),
            Err(_) => outcome.not_pending.push(*item_id),
        }
    }
    tx.commit().await?;
    Ok(outcome)
}

#[derive(Debug, FromRow)]
struct ResubmissionRow {
    brand_id: i64,
    report_id: i64,
    status: String,
    ip_right_id: i64,
    reason: String,
    explanation: String,
    test_buy_order: String,
    line_text: String,
    rejection_code: Option<String>,
    decision_note: String,
}

/// The pre-filled start of a resubmission of a rejected item, with its brand and status.
pub async fn resubmission(
    pool: &AnyPool,
    item_id: i64,
) -> sqlx::Result<Option<(i64, ItemStatus, Resubmission)>> {
    let row: Option<ResubmissionRow> = sqlx::query_as(
        "SELECT i.brand_id, i.report_id, i.status, r.ip_right_id, r.reason, r.explanation, \
         r.test_buy_order, i.line_text, i.rejection_code, i.decision_note \
         FROM report_items i JOIN reports r ON r.id = i.report_id WHERE i.id = $1",
    )
    .bind(item_id)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|row| {
        let code = row.rejection_code.as_deref().and_then(RejectionCode::parse);
        let rejection = match code {
            Some(code) if row.decision_note.is_empty() => code.label().to_owned(),
            Some(code) => format!("{}: {}", code.label(), row.decision_note),
            None => row.decision_note,
        };
        (
            row.brand_id,
            ItemStatus::parse(&row.status).unwrap_or(ItemStatus::Pending),
            Resubmission {
                item_id,
                report_id: row.report_id,
                ip_right_id: row.ip_right_id,
                reason: ReasonCode::parse(&row.reason).unwrap_or(ReasonCode::Counterfeit),
                explanation: row.explanation,
                test_buy_order: row.test_buy_order,
                line_text: row.line_text,
                rejection,
            },
        )
    }))
}

/// An item that was decided in the past: for demo histories and tests of the tier rules.
#[derive(Debug, Clone)]
pub struct DecidedItem {
    /// The listing.
    pub listing_id: i64,
    /// Removed or rejected (or restored).
    pub status: ItemStatus,
    /// Why rejected.
    pub rejection_code: Option<RejectionCode>,
    /// When decided.
    pub decided_at: i64,
    /// Who decided.
    pub decided_by: i64,
}

/// Stores a report whose items were already decided, in the caller's transaction: history for
/// the demo and for tests (the portal itself only ever submits pending items).
pub async fn insert_history(
    conn: &mut sqlx::AnyConnection,
    report: &NewReport,
    submitted_at: i64,
    items: &[DecidedItem],
) -> sqlx::Result<i64> {
    let report_id = insert_report(conn, report, submitted_at).await?;
    // 11 parameters a row, 300 rows a statement: far below both engines' parameter limits.
    for batch in items.chunks(300) {
        let sql = format!(
            "INSERT INTO report_items (report_id, brand_id, listing_id, line_text, status, \
             priority, deadline_at, submitted_at, decided_by, decided_at, rejection_code) VALUES {}",
            crate::db::values_placeholders(batch.len(), 11)
        );
        // Built only from placeholder numbers: nothing user-supplied is spliced in.
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for item in batch {
            query = query
                .bind(report_id)
                .bind(report.brand_id)
                .bind(item.listing_id)
                .bind(item.listing_id.to_string())
                .bind(item.status.as_str())
                .bind(i64::from(crate::domain::queue::priority(Tier::Standard)))
                .bind(submitted_at)
                .bind(submitted_at)
                .bind(item.decided_by)
                .bind(item.decided_at)
                .bind(item.rejection_code.map(RejectionCode::as_str));
        }
        query.execute(&mut *conn).await?;
    }
    Ok(report_id)
}

/// Stores a report whose items wait for review, as synthetic data for measurements: one
/// multi-row insert per 300 items, no audit events (benchmark seeding only). Each item is
/// (listing, submitted at); `deadline_after` is the review target in milliseconds.
pub async fn insert_pending_history(
    conn: &mut sqlx::AnyConnection,
    report: &NewReport,
    manager_id: i64,
    priority: i64,
    deadline_after: i64,
    items: &[(i64, i64)],
) -> sqlx::Result<i64> {
    let first = items.iter().map(|(_, at)| *at).min().unwrap_or(0);
    let report_id = insert_report(conn, report, first).await?;
    for batch in items.chunks(300) {
        let sql = format!(
            "INSERT INTO report_items (report_id, brand_id, manager_id, listing_id, line_text, \
             priority, deadline_at, submitted_at) VALUES {}",
            crate::db::values_placeholders(batch.len(), 8)
        );
        // Built only from placeholder numbers: nothing user-supplied is spliced in.
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for (listing_id, submitted_at) in batch {
            query = query
                .bind(report_id)
                .bind(report.brand_id)
                .bind(manager_id)
                .bind(*listing_id)
                .bind(listing_id.to_string())
                .bind(priority)
                .bind(submitted_at + deadline_after)
                .bind(*submitted_at);
        }
        query.execute(&mut *conn).await?;
    }
    Ok(report_id)
}

/// Number of decided items (any outcome).
pub async fn count_decided(pool: &AnyPool) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM report_items WHERE decided_at IS NOT NULL")
        .fetch_one(pool)
        .await
}
