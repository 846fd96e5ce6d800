//! A brand's reports one page at a time, newest first, for clients that poll (the Brand
//! API): each page ends where the next begins (a cursor), so reports filed meanwhile never
//! shift a page.

use sqlx::{AnyPool, FromRow};

/// Which reports, and where the page starts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedFilter {
    /// Only reports with an item in this stored status.
    pub status: Option<String>,
    /// Only reports for this stored reason.
    pub reason: Option<String>,
    /// Only reports submitted at or after this instant.
    pub since: Option<i64>,
    /// Only reports older than this one (the cursor).
    pub before_id: Option<i64>,
    /// Most reports on the page.
    pub limit: i64,
}

/// One report as listed.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct FeedReport {
    /// Report id.
    pub id: i64,
    /// Stored reason.
    pub reason: String,
    /// When it was filed.
    pub submitted_at: i64,
    /// Who filed it.
    pub submitted_by: String,
    /// Its items by stored status (filled in after the page is read).
    #[sqlx(skip)]
    pub statuses: Vec<(String, i64)>,
}

/// A page of a brand's reports, newest first. Reads the brand's items through their brand
/// index (reports have none of their own: instant takedowns write one per removal, and an
/// index less is what keeps those writes fast).
pub async fn page(
    pool: &AnyPool,
    brand_id: i64,
    filter: &FeedFilter,
) -> sqlx::Result<Vec<FeedReport>> {
    let mut reports: Vec<FeedReport> = sqlx::query_as(
        "SELECT r.id, r.reason, r.submitted_at, u.display_name AS submitted_by \
         FROM reports r JOIN users u ON u.id = r.submitted_by \
         WHERE r.id IN (SELECT i.report_id FROM report_items i WHERE i.brand_id = $1 \
                        AND ($2 IS NULL OR i.status = $2)) \
         AND ($3 IS NULL OR r.reason = $3) AND ($4 IS NULL OR r.submitted_at >= $4) \
         AND ($5 IS NULL OR r.id < $5) \
         ORDER BY r.id DESC LIMIT $6",
    )
    .bind(brand_id)
    .bind(filter.status.as_deref())
    .bind(filter.reason.as_deref())
    .bind(filter.since)
    .bind(filter.before_id)
    .bind(filter.limit)
    .fetch_all(pool)
    .await?;
    if reports.is_empty() {
        return Ok(reports);
    }
    let placeholders = (1..=reports.len())
        .map(|n| format!("${n}"))
        .collect::<Vec<_>>()
        .join(", ");
    // Built from placeholder numbers only: nothing user-supplied is spliced in.
    let sql = format!(
        "SELECT report_id, status, COUNT(*) FROM report_items WHERE report_id IN ({placeholders}) \
         GROUP BY report_id, status ORDER BY report_id, status"
    );
    let mut query = sqlx::query_as::<_, (i64, String, i64)>(sqlx::AssertSqlSafe(sql));
    for report in &reports {
        query = query.bind(report.id);
    }
    for (report_id, status, count) in query.fetch_all(pool).await? {
        if let Some(report) = reports.iter_mut().find(|report| report.id == report_id) {
            report.statuses.push((status, count));
        }
    }
    Ok(reports)
}
