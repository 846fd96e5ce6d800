//! The suspicion rules over the marketplace: the listings a Joint-Force brand might ask
//! about, each with the rules that fire for it, and how brands answered what the rules flagged.

use sqlx::{AnyPool, FromRow};

use crate::db::Param;
use crate::db::listings::ListingRow;
use crate::domain::format_price;
use crate::domain::joint_force::{InquiryStatus, STRIKE_DAYS, SuspicionRule};
use crate::domain::trust::DAY_MS;
use crate::model::{FlaggedListing, ListingSearch, RuleFeedback};

pub use crate::model::{SEARCH_PAGE, SEARCH_WINDOW};

/// The word a brand's goods are sold under: the first word of its name ("Helios Audio" sells
/// "Helios …"). The brand-name rules look for it in listing titles.
pub fn mark_of(brand_name: &str) -> &str {
    brand_name.split_whitespace().next().unwrap_or(brand_name)
}

#[derive(Debug, FromRow)]
struct SearchRow {
    #[sqlx(flatten)]
    listing: ListingRow,
    reference_cents: Option<i64>,
    strikes: i64,
    unauthorised: i64,
    cleared: i64,
    open_inquiry: Option<i64>,
    /// How many listings the ranked window holds.
    total: i64,
}

/// Live (and restored) listings matching the search, each with the suspicion rules that fire
/// for this brand: the newest [`SEARCH_WINDOW`] matches, most suspicious first (most rules
/// firing, listings the brand cleared after the rest, then newest), one page of
/// [`SEARCH_PAGE`]. Prices are in cents; `flagged_only` keeps listings a rule fires for and
/// the brand has not cleared.
pub async fn search(
    pool: &AnyPool,
    brand_id: i64,
    brand_name: &str,
    search: &ListingSearch,
    (min_cents, max_cents): (Option<i64>, Option<i64>),
    price_share_bp: i64,
    now: i64,
) -> sqlx::Result<crate::model::Page<FlaggedListing>> {
    let mut params = vec![
        Param::Int(brand_id),
        Param::Int(price_share_bp),
        Param::Int(now - STRIKE_DAYS * DAY_MS),
        Param::Text(crate::db::contains_pattern(mark_of(brand_name))),
    ];
    let mut conditions = vec!["l.status <> 'removed' AND l.market_status = 'live'".to_owned()];
    if !search.text.trim().is_empty() {
        params.push(Param::Text(crate::db::contains_pattern(&search.text)));
        conditions.push(format!("lower(l.title) LIKE ${} ESCAPE '\\'", params.len()));
    }
    if !search.seller.trim().is_empty() {
        params.push(Param::Text(crate::db::contains_pattern(&search.seller)));
        conditions.push(format!("lower(s.name) LIKE ${} ESCAPE '\\'", params.len()));
    }
    if let Some(min) = min_cents {
        params.push(Param::Int(min));
        conditions.push(format!("l.price_cents >= ${}", params.len()));
    }
    if let Some(max) = max_cents {
        params.push(Param::Int(max));
        conditions.push(format!("l.price_cents <= ${}", params.len()));
    }
    let flagged = if search.flagged_only {
        "(f.reference_cents IS NOT NULL OR f.strikes > 0 OR f.unauthorised = 1) AND f.cleared = 0"
    } else {
        "1 = 1"
    };
    // Each rule is one correlated subquery, so the reasons come back with the row and can be
    // shown next to it; the window is picked newest first before it is ranked, so only its
    // rows are checked. Only placeholders and numbers are spliced into the SQL.
    let page = search.page.max(0);
    let sql = format!(
        "SELECT g.*, COUNT(*) OVER () AS total FROM (SELECT * FROM (SELECT l.id AS listing_id, l.title, l.category, l.price_cents, \
         l.currency, l.status AS listing_status, l.external_id AS listing_ref, l.url AS listing_url, l.seller_id, s.name AS seller_name, \
         (SELECT MIN(rp.price_cents) FROM reference_prices rp WHERE rp.brand_id = $1 \
           AND lower(l.title) LIKE '%' || lower(rp.product_line) || '%' \
           AND l.price_cents * 10000 < rp.price_cents * $2) AS reference_cents, \
         CASE WHEN lower(l.title) LIKE $4 THEN (SELECT COUNT(*) FROM strikes st \
           WHERE st.seller_id = l.seller_id AND st.lifted_at IS NULL AND st.struck_at >= $3) ELSE 0 END AS strikes, \
         CAST(CASE WHEN lower(l.title) LIKE $4 \
           AND EXISTS (SELECT 1 FROM authorised_sellers a WHERE a.brand_id = $1) \
           AND NOT EXISTS (SELECT 1 FROM authorised_sellers a WHERE a.brand_id = $1 \
             AND a.seller_id = l.seller_id) THEN 1 ELSE 0 END AS BIGINT) AS unauthorised, \
         CAST(CASE WHEN EXISTS (SELECT 1 FROM listing_clearances c WHERE c.brand_id = $1 \
           AND c.listing_id = l.id) THEN 1 ELSE 0 END AS BIGINT) AS cleared, \
         (SELECT q.id FROM inquiries q WHERE q.brand_id = $1 AND q.listing_id = l.id \
           AND q.status = 'open') AS open_inquiry \
         FROM listings l JOIN sellers s ON s.id = l.seller_id WHERE {}) f \
         WHERE {flagged} ORDER BY f.listing_id DESC LIMIT {SEARCH_WINDOW}) g \
         ORDER BY (CASE WHEN g.reference_cents IS NOT NULL THEN 1 ELSE 0 END \
           + CASE WHEN g.strikes > 0 THEN 1 ELSE 0 END + g.unauthorised) DESC, \
         g.cleared, g.listing_id DESC LIMIT {SEARCH_PAGE} OFFSET {}",
        conditions.join(" AND "),
        page.saturating_mul(SEARCH_PAGE)
    );
    let mut query = sqlx::query_as::<_, SearchRow>(sqlx::AssertSqlSafe(sql));
    for param in params {
        query = param.bind_to(query);
    }
    let rows = query.fetch_all(pool).await?;
    let total = rows.first().map_or(0, |row| row.total);
    let share = price_share_bp as f64 / 100.0;
    let rows = rows
        .into_iter()
        .map(|row| {
            let listing: crate::model::ListingView = row.listing.into();
            let mut rules = Vec::new();
            if let Some(reference) = row.reference_cents {
                rules.push((
                    SuspicionRule::PriceBelowReference,
                    format!(
                        "{} is under {share} % of {}",
                        format_price(listing.price_cents, &listing.currency),
                        format_price(reference, &listing.currency),
                    ),
                ));
            }
            if row.strikes > 0 {
                rules.push((
                    SuspicionRule::SellerWithStrikes,
                    format!(
                        "{} in {STRIKE_DAYS} days",
                        crate::domain::listing::counted(row.strikes, "removal")
                    ),
                ));
            }
            if row.unauthorised == 1 {
                rules.push((
                    SuspicionRule::UnauthorisedSeller,
                    format!("not on {brand_name}'s list"),
                ));
            }
            FlaggedListing {
                listing,
                rules,
                cleared: row.cleared == 1,
                open_inquiry: row.open_inquiry,
            }
        })
        .collect();
    Ok(crate::model::Page {
        rows,
        total,
        page,
        per_page: SEARCH_PAGE,
    })
}

/// For each suspicion rule, how brands answered the inquiries sent from it (all brands).
pub async fn rule_feedback(pool: &AnyPool) -> sqlx::Result<Vec<RuleFeedback>> {
    let rows: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT rule, status, COUNT(*) FROM inquiries WHERE rule IS NOT NULL GROUP BY rule, status",
    )
    .fetch_all(pool)
    .await?;
    Ok(SuspicionRule::ALL
        .into_iter()
        .map(|rule| {
            let mut feedback = RuleFeedback {
                rule,
                asked: 0,
                counterfeit: 0,
                genuine: 0,
                unsure: 0,
            };
            for (_, status, count) in rows.iter().filter(|row| row.0 == rule.as_str()) {
                feedback.asked += count;
                match InquiryStatus::parse(status) {
                    Some(InquiryStatus::Counterfeit) => feedback.counterfeit += count,
                    Some(InquiryStatus::Genuine) => feedback.genuine += count,
                    Some(InquiryStatus::Unsure) => feedback.unsure += count,
                    _ => {}
                }
            }
            feedback
        })
        .collect())
}
