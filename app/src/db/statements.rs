//! Statements of reasons: what a removal on a notice tells the public about why a listing went.

use sqlx::{AnyPool, FromRow};

use crate::domain::{ReasonCode, RightKind};
use crate::model::StatementOfReasons;

/// Why a listing was removed, if it was removed on a notice.
pub async fn statement_of_reasons(
    pool: &AnyPool,
    listing_id: i64,
) -> sqlx::Result<Option<StatementOfReasons>> {
    let row: Option<StatementRow> = sqlx::query_as(
        "SELECT i.decided_at, b.name AS brand_name, p.kind, p.jurisdiction, \
         p.registration_number, r.reason, r.id AS report_id, i.instant \
         FROM report_items i JOIN reports r ON r.id = i.report_id JOIN brands b ON b.id = i.brand_id \
         JOIN ip_rights p ON p.id = r.ip_right_id JOIN listings l ON l.id = i.listing_id \
         WHERE i.listing_id = $1 AND l.status = 'removed' \
           AND i.status IN ('removed', 'counter_noticed', 'removal_stands') \
         ORDER BY i.decided_at DESC LIMIT 1",
    )
    .bind(listing_id)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|row| StatementOfReasons {
        removed_at: row.decided_at,
        brand_name: row.brand_name,
        right_kind: RightKind::parse(&row.kind).unwrap_or(RightKind::Trademark),
        right_reference: format!("{} ({})", row.registration_number, row.jurisdiction),
        reason: ReasonCode::parse(&row.reason).unwrap_or(ReasonCode::Counterfeit),
        // Joint-Force takedowns are decided on the rights holder's assertion alone.
        automated: row.instant == 1,
        report_id: row.report_id,
        // The use case fills in the policy in force.
        appeal_days: 0,
    }))
}

#[derive(Debug, FromRow)]
struct StatementRow {
    decided_at: i64,
    brand_name: String,
    kind: String,
    jurisdiction: String,
    registration_number: String,
    reason: String,
    report_id: i64,
    instant: i64,
}
