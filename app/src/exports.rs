//! Plain HTTP downloads (server only): the audit log, a brand's reports and timeline as CSV,
//! the statements of reasons as JSON lines or CSV, and the public transparency figures. The
//! long ones are streamed a page at a time, so a large export never sits whole in the server's
//! memory.

use axum::body::{Body, Bytes};
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::api::support::AppState;
use crate::db::audit::{self, EventFilter};
use crate::domain::audit::AUDIT_EXPORT_MAX;
use crate::error::AppError;
use crate::model::AuditQuery;

/// Rows read from the database per step of the stream.
const EXPORT_STEP: i64 = 1_000;

/// `GET /audit.csv?brand=…&actor=…&kind=…&subject=…&number=…&from=…&to=…`: the audit log's
/// events matching the filter, newest first, as CSV — for admins, and account managers for
/// their brands. The caller and the filter are checked before anything is read (the same
/// checks as the page); a refusal is the usual problem answer.
pub async fn audit_csv(
    State(state): State<AppState>,
    session: tower_sessions::Session,
    Query(query): Query<AuditQuery>,
) -> Result<Response, AppError> {
    let caller = crate::auth::user_of_session(&session, &state.db)
        .await?
        .ok_or(AppError::Unauthorized)?;
    let ctx = state.context();
    let filter = crate::service::audit_log::filter_for(&ctx, &caller, &query).await?;
    let pool = ctx.db.pool.clone();
    let header_row = Bytes::from_static(
        b"id,occurred_at_utc,actor,action,subject_type,subject_id,brand,detail\r\n",
    );
    // (the filter with its cursor, rows sent so far)
    let body = paged(header_row, (filter, 0_i64), move |(filter, sent)| {
        let pool = pool.clone();
        async move {
            if sent >= AUDIT_EXPORT_MAX {
                return Ok(None);
            }
            let step = EXPORT_STEP.min(AUDIT_EXPORT_MAX - sent);
            let found = audit::search(&pool, &filter, step).await?;
            if found.is_empty() {
                return Ok(None);
            }
            let next = ((found.len() as i64) == step).then(|| {
                let before = found.last().map(|event| event.id);
                (EventFilter { before, ..filter }, sent + step)
            });
            Ok(Some((csv_rows(found), next)))
        }
    });
    Ok(download(
        "text/csv; charset=utf-8",
        "goodfaith-audit-log.csv",
        body,
    ))
}

/// A response that downloads `body` as `file_name`, never cached.
fn download(content_type: &'static str, file_name: &str, body: Body) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        body,
    )
        .into_response()
}

/// A body streamed a page at a time, after `first`: `page(cursor)` reads one page and gives
/// its bytes and the cursor of the next (`None`: it was the last), or `None` when there is
/// nothing more. Only one page is in memory at a time, however long the download.
fn paged<C, F, Fut>(first: Bytes, cursor: C, page: F) -> Body
where
    C: Send + 'static,
    F: Fn(C) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<Option<(Bytes, Option<C>)>, sqlx::Error>> + Send,
{
    let page = std::sync::Arc::new(page);
    let rows = futures::stream::unfold(Some(cursor), move |cursor| {
        let page = page.clone();
        async move {
            let cursor = cursor?;
            match page(cursor).await {
                Ok(None) => None,
                Ok(Some((bytes, next))) => Some((Ok(bytes), next)),
                Err(error) => {
                    // The status is sent already; the cut-off file and the log say it failed.
                    tracing::error!(%error, "an export failed part way");
                    Some((Err(std::io::Error::other(error)), None))
                }
            }
        }
    });
    Body::from_stream(futures::StreamExt::chain(
        futures::stream::once(async move { Ok::<_, std::io::Error>(first) }),
        rows,
    ))
}

/// The range of a statements export: `from` and `to` as `YYYY-MM-DD`, both days included.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct RangeQuery {
    /// The first day.
    #[serde(default)]
    pub from: String,
    /// The last day.
    #[serde(default)]
    pub to: String,
}

/// `GET /admin/statements.jsonl?from=…&to=…`: the statements of reasons of decisions made in
/// the range (admins), one per line, each exactly as the Transparency Database's API takes it.
pub async fn statements_jsonl(
    State(state): State<AppState>,
    session: tower_sessions::Session,
    Query(range): Query<RangeQuery>,
) -> Result<Response, AppError> {
    let (db, from, to) = statements_range(&state, &session, &range).await?;
    let body = statements_body(db, from, to, Bytes::new(), |row, out| {
        if let Some(statement) = crate::service::dsa::statement_of(row) {
            // Serialising a plain struct of strings cannot fail.
            let _ = serde_json::to_writer(&mut *out, &statement);
            out.push(b'\n');
        }
    });
    let name = format!("statements-of-reasons-{}-{}.jsonl", range.from, range.to);
    Ok(download("application/x-ndjson", &name, body))
}

/// `GET /admin/statements.csv?from=…&to=…`: the same statements as CSV, with where each
/// submission stands.
pub async fn statements_csv(
    State(state): State<AppState>,
    session: tower_sessions::Session,
    Query(range): Query<RangeQuery>,
) -> Result<Response, AppError> {
    let (db, from, to) = statements_range(&state, &session, &range).await?;
    let header_row = Bytes::from(format!("{}\r\n", STATEMENT_COLUMNS.join(",")));
    let body = statements_body(db, from, to, header_row, |row, out| {
        if let Some(statement) = crate::service::dsa::statement_of(row) {
            let mut writer = csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .has_headers(false)
                .from_writer(&mut *out);
            let cells = statement_cells(row, &statement);
            let _ = writer.write_record(cells.iter().map(|cell| defuse(cell).into_owned()));
        }
    });
    let name = format!("statements-of-reasons-{}-{}.csv", range.from, range.to);
    Ok(download("text/csv; charset=utf-8", &name, body))
}

/// The caller (an admin) and the range, checked before anything is read.
async fn statements_range(
    state: &AppState,
    session: &tower_sessions::Session,
    range: &RangeQuery,
) -> Result<(crate::db::Db, i64, i64), AppError> {
    let caller = crate::auth::user_of_session(session, &state.db)
        .await?
        .ok_or(AppError::Unauthorized)?;
    let (from, to) = crate::service::dsa::export_range(&caller, &range.from, &range.to)?;
    Ok((state.db.clone(), from, to))
}

/// The statements decided in `[from, to)`, in id order, each written by `line`.
fn statements_body(
    db: crate::db::Db,
    from: i64,
    to: i64,
    first: Bytes,
    line: fn(&crate::db::dsa::FactsRow, &mut Vec<u8>),
) -> Body {
    paged(first, 0_i64, move |after| {
        let db = db.clone();
        async move {
            let rows = crate::db::dsa::export_page(&db, from, to, after, EXPORT_STEP).await?;
            let Some(last) = rows.last().map(|row| row.id) else {
                return Ok(None);
            };
            let mut out = Vec::with_capacity(rows.len() * 1_200);
            for row in &rows {
                line(row, &mut out);
            }
            let next = (rows.len() as i64 == EXPORT_STEP).then_some(last);
            Ok(Some((Bytes::from(out), next)))
        }
    })
}

/// The CSV export's columns: the submission's, then the statement's fields.
const STATEMENT_COLUMNS: [&str; 26] = [
    "statement_id",
    "puid",
    "decision",
    "decided_at_utc",
    "listing_id",
    "report_item_id",
    "brand",
    "submission_state",
    "transparency_database_id",
    "submitted_at_utc",
    "decision_visibility",
    "end_date_visibility_restriction",
    "decision_ground",
    "illegal_content_legal_ground",
    "illegal_content_explanation",
    "category",
    "category_specification",
    "content_type",
    "content_date",
    "application_date",
    "territorial_scope",
    "decision_facts",
    "source_type",
    "source_identity",
    "automated_detection",
    "automated_decision",
];

fn statement_cells(
    row: &crate::db::dsa::FactsRow,
    statement: &crate::domain::dsa::Statement,
) -> [String; 26] {
    let rfc = crate::service::rfc3339;
    [
        row.id.to_string(),
        statement.puid.clone(),
        row.decision.clone(),
        rfc(row.decided_at),
        row.listing_id.to_string(),
        row.item_id.to_string(),
        row.brand_name.clone(),
        row.state.clone(),
        row.tdb_id.clone().unwrap_or_default(),
        row.submitted_at.map(rfc).unwrap_or_default(),
        statement.decision_visibility.join(" "),
        statement
            .end_date_visibility_restriction
            .clone()
            .unwrap_or_default(),
        statement.decision_ground.clone(),
        statement.illegal_content_legal_ground.clone(),
        statement.illegal_content_explanation.clone(),
        statement.category.clone(),
        statement.category_specification.join(" "),
        statement.content_type.join(" "),
        statement.content_date.clone(),
        statement.application_date.clone(),
        statement.territorial_scope.join(" "),
        statement.decision_facts.clone(),
        statement.source_type.clone(),
        statement.source_identity.clone().unwrap_or_default(),
        statement.automated_detection.clone(),
        statement.automated_decision.clone(),
    ]
}

/// `GET /transparency.json?from=…&to=…`: the public figures of the period (the last 90 days
/// unless asked), exactly as `/transparency` shows them. Anyone may read them.
pub async fn transparency_json(
    State(state): State<AppState>,
    Query(range): Query<RangeQuery>,
) -> Result<Response, AppError> {
    let figures =
        crate::service::transparency::figures(&state.context(), &range.from, &range.to).await?;
    let name = format!(
        "goodfaith-transparency-{}-{}.json",
        figures.from, figures.to
    );
    let body = serde_json::to_vec_pretty(&figures).map_err(|_| AppError::Internal)?;
    Ok(public_download("application/json", &name, Body::from(body)))
}

/// `GET /transparency.csv?from=…&to=…`: the same figures as CSV, one figure a line
/// (`section,group,figure,value`).
pub async fn transparency_csv(
    State(state): State<AppState>,
    Query(range): Query<RangeQuery>,
) -> Result<Response, AppError> {
    let figures =
        crate::service::transparency::figures(&state.context(), &range.from, &range.to).await?;
    let name = format!("goodfaith-transparency-{}-{}.csv", figures.from, figures.to);
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for row in crate::domain::transparency::csv_rows(&figures) {
        // Writing to a Vec cannot fail.
        let _ = writer.write_record(row.iter().map(|cell| defuse(cell).into_owned()));
    }
    let body = writer.into_inner().unwrap_or_default();
    Ok(public_download(
        "text/csv; charset=utf-8",
        &name,
        Body::from(body),
    ))
}

/// A download anyone may fetch: the same for everyone, so shared caches may keep it a minute.
fn public_download(content_type: &'static str, file_name: &str, body: Body) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
            (header::CACHE_CONTROL, "public, max-age=60".to_owned()),
        ],
        body,
    )
        .into_response()
}

/// The most rows one brand download holds (a busy Joint-Force brand's years, narrowed by a
/// filter); past it the file ends.
pub const BRAND_EXPORT_MAX: i64 = 1_000_000;

/// `GET /brands/{id}/reports.csv?status=…&reason=…&from=…&to=…&text=…`: the brand's reported
/// listings under the same filter as its Reports page, newest first, each with its report,
/// right, listing, seller and decision — for the brand's staff, its account manager and
/// admins (checked before anything is read).
pub async fn brand_reports_csv(
    State(state): State<AppState>,
    session: tower_sessions::Session,
    axum::extract::Path(brand_id): axum::extract::Path<i64>,
    Query(filter): Query<crate::model::ReportFilter>,
) -> Result<Response, AppError> {
    let caller = crate::auth::user_of_session(&session, &state.db)
        .await?
        .ok_or(AppError::Unauthorized)?;
    let ctx = state.context();
    crate::service::access::brand(&ctx, &caller, brand_id).await?;
    crate::service::reports::check_filter(&filter)?;
    let pool = ctx.db.pool.clone();
    let header_row = Bytes::from_static(
        b"item_id,report_id,submitted_at_utc,submitted_by,reason,right,listing_id,\
listing_marketplace_id,listing_title,seller,status,instant_takedown,review_due_utc,\
decided_at_utc,rejection_code,decision_note\r\n",
    );
    let filter = std::sync::Arc::new(filter);
    let body = paged(header_row, (i64::MAX, 0_i64), move |(before, sent)| {
        let pool = pool.clone();
        let filter = filter.clone();
        async move {
            let step = EXPORT_STEP.min(BRAND_EXPORT_MAX - sent);
            if step <= 0 {
                return Ok(None);
            }
            let rows =
                crate::db::report_export::items(&pool, brand_id, &filter, before, step).await?;
            let Some(last) = rows.last().map(|row| row.item_id) else {
                return Ok(None);
            };
            let next = (rows.len() as i64 == step).then_some((last, sent + step));
            Ok(Some((item_rows(&rows), next)))
        }
    });
    Ok(download(
        "text/csv; charset=utf-8",
        &format!("brand-{brand_id}-reports.csv"),
        body,
    ))
}

fn item_rows(rows: &[crate::db::report_export::ItemExportRow]) -> Bytes {
    let rfc = crate::service::rfc3339;
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .has_headers(false)
        .from_writer(Vec::with_capacity(rows.len() * 300));
    for row in rows {
        let cells = [
            row.item_id.to_string(),
            row.report_id.to_string(),
            rfc(row.submitted_at),
            row.submitted_by.clone(),
            row.reason.clone(),
            format!("{} {}", row.right_kind, row.right_number),
            row.listing_id.to_string(),
            row.listing_external_id.clone().unwrap_or_default(),
            row.listing_title.clone(),
            row.seller_name.clone(),
            row.status.clone(),
            if row.instant == 1 { "yes" } else { "no" }.to_owned(),
            rfc(row.deadline_at),
            row.decided_at.map(rfc).unwrap_or_default(),
            row.rejection_code.clone().unwrap_or_default(),
            row.decision_note.clone(),
        ];
        // Writing to a Vec cannot fail.
        let _ = writer.write_record(cells.iter().map(|cell| defuse(cell).into_owned()));
    }
    Bytes::from(writer.into_inner().unwrap_or_default())
}

/// `GET /brands/{id}/timeline.csv?from=…&to=…`: every event of the brand's reports, items and
/// listings that occurred in the days asked (all of them unless asked), newest first. The
/// brand's own staff are named; the marketplace's people and sellers appear by role.
pub async fn brand_timeline_csv(
    State(state): State<AppState>,
    session: tower_sessions::Session,
    axum::extract::Path(brand_id): axum::extract::Path<i64>,
    Query(range): Query<RangeQuery>,
) -> Result<Response, AppError> {
    let caller = crate::auth::user_of_session(&session, &state.db)
        .await?
        .ok_or(AppError::Unauthorized)?;
    let ctx = state.context();
    crate::service::access::brand(&ctx, &caller, brand_id).await?;
    let day = |field: &str, text: &str, open: i64| match text.trim() {
        "" => Ok(open),
        text => crate::domain::start_of_day_ms(text)
            .ok_or_else(|| AppError::field(field, "Enter the date as YYYY-MM-DD.")),
    };
    let from = day("from", &range.from, i64::MIN)?;
    let to = day("to", &range.to, i64::MAX - crate::domain::clock::DAY_MS)?
        .saturating_add(crate::domain::clock::DAY_MS);
    let pool = ctx.db.pool.clone();
    let header_row =
        Bytes::from_static(b"id,occurred_at_utc,actor,action,subject_type,subject_id,detail\r\n");
    let body = paged(header_row, (i64::MAX, 0_i64), move |(before, sent)| {
        let pool = pool.clone();
        async move {
            let step = EXPORT_STEP.min(BRAND_EXPORT_MAX - sent);
            if step <= 0 {
                return Ok(None);
            }
            let rows =
                crate::db::report_export::timeline(&pool, brand_id, (from, to), before, step)
                    .await?;
            let Some(last) = rows.last().map(|row| row.id) else {
                return Ok(None);
            };
            let next = (rows.len() as i64 == step).then_some((last, sent + step));
            let mut writer = csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .has_headers(false)
                .from_writer(Vec::with_capacity(rows.len() * 160));
            for row in rows {
                let cells = [
                    row.id.to_string(),
                    crate::service::rfc3339(row.occurred_at),
                    row.actor,
                    row.action,
                    row.subject_type,
                    row.subject_id.to_string(),
                    row.detail,
                ];
                let _ = writer.write_record(cells.iter().map(|cell| defuse(cell).into_owned()));
            }
            Ok(Some((
                Bytes::from(writer.into_inner().unwrap_or_default()),
                next,
            )))
        }
    });
    Ok(download(
        "text/csv; charset=utf-8",
        &format!("brand-{brand_id}-timeline.csv"),
        body,
    ))
}

/// Events as CSV lines. A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`) is
/// prefixed with `'`, so a detail typed by someone cannot become a formula in whoever opens it.
fn csv_rows(events: Vec<audit::FoundEvent>) -> Bytes {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::with_capacity(events.len() * 160));
    for event in events {
        let cells = [
            event.id.to_string(),
            crate::service::rfc3339(event.occurred_at),
            event.actor.unwrap_or_else(|| "system".into()),
            event.action,
            event.subject_type,
            event.subject_id.to_string(),
            event.brand.unwrap_or_default(),
            event.detail,
        ];
        // Writing to a Vec cannot fail.
        let _ = writer.write_record(cells.iter().map(|cell| defuse(cell).into_owned()));
    }
    Bytes::from(writer.into_inner().unwrap_or_default())
}

/// A cell that cannot start a spreadsheet formula.
fn defuse(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_typed_into_a_detail_stay_text() {
        assert_eq!(defuse("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(defuse("-1"), "'-1");
        assert_eq!(defuse("Removed listing 7"), "Removed listing 7");
    }
}
