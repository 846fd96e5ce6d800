//! A brand's figures from the running counts in `brand_day_counts` (kept by triggers on
//! report_items and reports): over the tier window, per week, per reason code and per staff
//! member. The cost is a row per day and code, not a row per decided item.

use std::collections::HashMap;

use sqlx::AnyPool;

use crate::domain::ReasonCode;
use crate::domain::trust::{DAY_MS, Figures, verdict};

/// The running counts' status for reports filed, beside the decided items' statuses.
const FILED: &str = "filed";

/// A stored rejection code: the running counts keep "no code" as ''.
pub(crate) fn code(stored: &str) -> Option<&str> {
    (!stored.is_empty()).then_some(stored)
}

/// Adds up running counts of (status, rejection code, count) into figures.
pub(crate) fn tally<'a>(rows: impl Iterator<Item = (&'a str, Option<&'a str>, i64)>) -> Figures {
    let mut figures = Figures::default();
    for (status, code, count) in rows {
        if let Some(verdict) = verdict(status, code) {
            figures.add_count(verdict, count);
        }
    }
    figures
}

/// Every brand's figures since the start of the UTC day `since` falls on, in one grouped
/// query of the running counts (one brand's, with its stored standing: `standing_and_figures`).
pub async fn all_figures(pool: &AnyPool, since: i64) -> sqlx::Result<HashMap<i64, Figures>> {
    let rows: Vec<(i64, String, String, i64)> = sqlx::query_as(
        "SELECT brand_id, status, rejection_code, CAST(SUM(tally) AS BIGINT) \
         FROM brand_day_counts WHERE day >= $1 AND status <> 'filed' \
         GROUP BY brand_id, status, rejection_code",
    )
    .bind(since.div_euclid(DAY_MS))
    .fetch_all(pool)
    .await?;
    let mut by_brand: HashMap<i64, Vec<(String, String, i64)>> = HashMap::new();
    for (brand, status, stored_code, count) in rows {
        by_brand
            .entry(brand)
            .or_default()
            .push((status, stored_code, count));
    }
    Ok(by_brand
        .into_iter()
        .map(|(brand, rows)| {
            (
                brand,
                tally(rows.iter().map(|(s, c, n)| (s.as_str(), code(c), *n))),
            )
        })
        .collect())
}

/// Decided items per week (oldest first) of the 26 weeks from `start`, the midnight (UTC) a
/// week begins; from the running counts, like the tier figures.
pub async fn weekly(pool: &AnyPool, brand_id: i64, start: i64) -> sqlx::Result<Vec<Figures>> {
    let rows: Vec<(i64, String, String, i64)> = sqlx::query_as(
        "SELECT (day - $2) / 7 AS week, status, rejection_code, CAST(SUM(tally) AS BIGINT) \
         FROM brand_day_counts WHERE brand_id = $1 AND day >= $2 AND status <> 'filed' \
         GROUP BY (day - $2) / 7, status, rejection_code",
    )
    .bind(brand_id)
    .bind(start.div_euclid(DAY_MS))
    .fetch_all(pool)
    .await?;
    let mut weeks = vec![Figures::default(); 26];
    for (week, status, stored_code, count) in rows {
        if let (Some(slot), Some(verdict)) = (
            weeks.get_mut(usize::try_from(week).unwrap_or(usize::MAX)),
            verdict(&status, code(&stored_code)),
        ) {
            slot.add_count(verdict, count);
        }
    }
    Ok(weeks)
}

/// Figures per reason code in the window, which starts at a midnight (UTC).
pub async fn per_reason(
    pool: &AnyPool,
    brand_id: i64,
    since: i64,
) -> sqlx::Result<Vec<(ReasonCode, Figures)>> {
    let rows: Vec<(String, String, String, i64)> = sqlx::query_as(
        "SELECT reason, status, rejection_code, CAST(SUM(tally) AS BIGINT) \
         FROM brand_day_counts WHERE brand_id = $1 AND day >= $2 AND status <> 'filed' \
         GROUP BY reason, status, rejection_code",
    )
    .bind(brand_id)
    .bind(since.div_euclid(DAY_MS))
    .fetch_all(pool)
    .await?;
    Ok(ReasonCode::ALL
        .into_iter()
        .filter_map(|reason| {
            let figures = tally(
                rows.iter()
                    .filter(|(r, ..)| r == reason.as_str())
                    .map(|(_, s, c, n)| (s.as_str(), code(c), *n)),
            );
            (figures.decided() > 0).then_some((reason, figures))
        })
        .collect())
}

/// Per staff member: (name, reports filed in the window, figures of their decided items).
pub async fn per_staff(
    pool: &AnyPool,
    brand_id: i64,
    since: i64,
) -> sqlx::Result<Vec<(String, i64, Figures)>> {
    let staff: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, display_name FROM users WHERE brand_id = $1 ORDER BY display_name",
    )
    .bind(brand_id)
    .fetch_all(pool)
    .await?;
    // Reports filed (status 'filed') and decided items, from the running counts.
    let rows: Vec<(i64, String, String, i64)> = sqlx::query_as(
        "SELECT submitted_by, status, rejection_code, CAST(SUM(tally) AS BIGINT) \
         FROM brand_day_counts WHERE brand_id = $1 AND day >= $2 \
         GROUP BY submitted_by, status, rejection_code",
    )
    .bind(brand_id)
    .bind(since.div_euclid(DAY_MS))
    .fetch_all(pool)
    .await?;
    Ok(staff
        .into_iter()
        .map(|(id, name)| {
            let reports = rows
                .iter()
                .filter(|(who, status, ..)| *who == id && status == FILED)
                .map(|(.., n)| *n)
                .sum();
            let figures = tally(
                rows.iter()
                    .filter(|(who, ..)| *who == id)
                    .map(|(_, s, c, n)| (s.as_str(), code(c), *n)),
            );
            (name, reports, figures)
        })
        .collect())
}
