//! Plain HTTP downloads (server only): the audit log as CSV, streamed a page at a time so a
//! large export never sits whole in the server's memory.

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
    // (the filter with its cursor, rows sent so far, finished)
    let start = (filter, 0_i64, false);
    let rows = futures::stream::unfold(start, move |(filter, sent, done)| {
        let pool = pool.clone();
        async move {
            if done || sent >= AUDIT_EXPORT_MAX {
                return None;
            }
            let step = EXPORT_STEP.min(AUDIT_EXPORT_MAX - sent);
            match audit::search(&pool, &filter, step).await {
                Ok(found) if found.is_empty() => None,
                Ok(found) => {
                    let finished = (found.len() as i64) < step;
                    let next = EventFilter {
                        before: found.last().map(|event| event.id),
                        ..filter
                    };
                    let count = found.len() as i64;
                    Some((Ok(csv_rows(found)), (next, sent + count, finished)))
                }
                Err(error) => {
                    // The status is sent already; the cut-off file and the log say it failed.
                    tracing::error!(%error, "audit log export failed part way");
                    Some((Err(std::io::Error::other(error)), (filter, sent, true)))
                }
            }
        }
    });
    let body = futures::StreamExt::chain(
        futures::stream::once(async move { Ok::<_, std::io::Error>(header_row) }),
        rows,
    );
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"goodfaith-audit-log.csv\"",
            ),
            (header::CACHE_CONTROL, "private, no-store"),
        ],
        Body::from_stream(body),
    )
        .into_response())
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
