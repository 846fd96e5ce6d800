//! A brand's reports as downloads: its items with their decisions under the list's filter, and
//! the timeline of its reports, items and listings, a page at a time (keyset on the id, newest
//! first), so a download of any size holds one page in memory.

use sqlx::{AnyPool, FromRow};

use super::report_filter::filtered;
use crate::domain::ItemStatus;
use crate::model::ReportFilter;

/// One reported listing with its report and decision.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct ItemExportRow {
    /// The item.
    pub item_id: i64,
    /// Its report.
    pub report_id: i64,
    /// When it was filed (ms).
    pub submitted_at: i64,
    /// Who filed it.
    pub submitted_by: String,
    /// The report's reason code.
    pub reason: String,
    /// The right relied on: kind …
    pub right_kind: String,
    /// … and registration number.
    pub right_number: String,
    /// The listing.
    pub listing_id: i64,
    /// The marketplace's id of the listing.
    pub listing_external_id: Option<String>,
    /// Its title.
    pub listing_title: String,
    /// Its seller.
    pub seller_name: String,
    /// The item's status.
    pub status: String,
    /// 1 for an instant takedown.
    pub instant: i64,
    /// Its review deadline (ms).
    pub deadline_at: i64,
    /// When it was decided (ms).
    pub decided_at: Option<i64>,
    /// The rejection code, if rejected.
    pub rejection_code: Option<String>,
    /// The decision's explanation.
    pub decision_note: String,
}

/// Up to `limit` of the brand's items under `filter` (status included) with ids below
/// `before`, newest first.
pub async fn items(
    pool: &AnyPool,
    brand_id: i64,
    filter: &ReportFilter,
    before: i64,
    limit: i64,
) -> sqlx::Result<Vec<ItemExportRow>> {
    let filtered = filtered(brand_id, filter);
    let status = ItemStatus::parse(&filter.status);
    let mut sql = format!(
        "SELECT i.id AS item_id, i.report_id, i.submitted_at, u.email AS submitted_by, r.reason, \
         p.kind AS right_kind, p.registration_number AS right_number, i.listing_id, \
         l.external_id AS listing_external_id, l.title AS listing_title, s.name AS seller_name, \
         i.status, i.instant, i.deadline_at, i.decided_at, i.rejection_code, \
         COALESCE(i.decision_note, '') AS decision_note \
         {} AND i.id < ${}",
        filtered.from_where.replace(
            "JOIN listings l ON l.id = i.listing_id",
            "JOIN listings l ON l.id = i.listing_id JOIN sellers s ON s.id = l.seller_id \
                 JOIN ip_rights p ON p.id = r.ip_right_id JOIN users u ON u.id = r.submitted_by",
        ),
        filtered.params() + 1
    );
    if status.is_some() {
        sql.push_str(&format!(" AND i.status = ${}", filtered.params() + 2));
    }
    sql.push_str(&format!(" ORDER BY i.id DESC LIMIT {}", limit.max(1)));
    let mut query = sqlx::query_as::<_, ItemExportRow>(sqlx::AssertSqlSafe(sql));
    for n in &filtered.numbers {
        query = query.bind(*n);
    }
    for t in &filtered.texts {
        query = query.bind(t.as_str());
    }
    query = query.bind(before);
    if let Some(status) = status {
        query = query.bind(status.as_str());
    }
    query.fetch_all(pool).await
}

/// One event of a brand's timeline.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct TimelineRow {
    /// The event.
    pub id: i64,
    /// When (ms).
    pub occurred_at: i64,
    /// Who: the brand's own staff by name; the marketplace's people and sellers by role only
    /// (a seller's account is not the brand's to know); "Goodfaith" for the portal itself.
    pub actor: String,
    /// What happened (`item.removed`, …).
    pub action: String,
    /// What it happened to.
    pub subject_type: String,
    /// Which one.
    pub subject_id: i64,
    /// In words.
    pub detail: String,
}

/// Up to `limit` events of the brand about its reports, items and listings, occurred in
/// `[from, to)`, with ids below `before`, newest first.
pub async fn timeline(
    pool: &AnyPool,
    brand_id: i64,
    (from, to): (i64, i64),
    before: i64,
    limit: i64,
) -> sqlx::Result<Vec<TimelineRow>> {
    sqlx::query_as(
        "SELECT e.id, e.occurred_at, \
         CASE WHEN e.actor_id IS NULL THEN 'Goodfaith' WHEN u.brand_id = $1 THEN u.display_name \
              WHEN u.role = 'account_manager' THEN 'Account manager' \
              WHEN u.role = 'admin' THEN 'Platform admin' ELSE 'Seller' END AS actor, e.action, e.subject_type, e.subject_id, \
         e.detail FROM audit_events e LEFT JOIN users u ON u.id = e.actor_id \
         WHERE e.brand_id = $1 AND e.id < $2 AND e.occurred_at >= $3 AND e.occurred_at < $4 \
           AND e.subject_type IN ('report', 'report_item', 'listing') \
         ORDER BY e.id DESC LIMIT $5",
    )
    .bind(brand_id)
    .bind(before)
    .bind(from)
    .bind(to)
    .bind(limit.max(1))
    .fetch_all(pool)
    .await
}
