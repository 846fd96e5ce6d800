//! What waits for a brand: the counts behind its "needs you" panel.

use sqlx::AnyPool;

use crate::model::{ATTENTION_COUNT_CAP, BrandAttention};

/// The brand's open work at `now`: counter-notices awaiting its response, open inquiries, and
/// its reported listings still in review (with those past their deadline).
pub async fn of_brand(pool: &AnyPool, brand_id: i64, now: i64) -> sqlx::Result<BrandAttention> {
    let (awaiting_response, response_due_at): (i64, Option<i64>) = sqlx::query_as(
        "SELECT COUNT(*), MIN(response_due_at) FROM counter_notices WHERE brand_id = $1 \
         AND status = 'open' AND responded_at IS NULL AND response_due_at > $2",
    )
    .bind(brand_id)
    .bind(now)
    .fetch_one(pool)
    .await?;
    let (open_inquiries, inquiry_due_at): (i64, Option<i64>) = sqlx::query_as(
        "SELECT COUNT(*), MIN(deadline_at) FROM inquiries WHERE brand_id = $1 \
         AND status = 'open' AND deadline_at > $2",
    )
    .bind(brand_id)
    .bind(now)
    .fetch_one(pool)
    .await?;
    // Both counts read the brand's partial queue index and stop past the cap, so a brand with
    // a large backlog costs no more than one with a thousand items.
    let pending_review: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT COUNT(*) FROM (SELECT 1 FROM report_items WHERE brand_id = $1 \
         AND status = 'pending' LIMIT {}) capped",
        ATTENTION_COUNT_CAP + 1
    )))
    .bind(brand_id)
    .fetch_one(pool)
    .await?;
    let (late_reviews, late_since): (i64, Option<i64>) =
        sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(*), MIN(deadline_at) FROM (SELECT deadline_at FROM report_items \
             WHERE brand_id = $1 AND status = 'pending' AND deadline_at <= $2 LIMIT {}) capped",
            ATTENTION_COUNT_CAP + 1
        )))
        .bind(brand_id)
        .bind(now)
        .fetch_one(pool)
        .await?;
    Ok(BrandAttention {
        awaiting_response,
        response_due_at,
        open_inquiries,
        inquiry_due_at,
        pending_review,
        late_reviews,
        late_since,
    })
}
