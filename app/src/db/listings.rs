//! Marketplace listings and the sellers who own them.

use sqlx::{AnyConnection, AnyPool, FromRow};

use crate::domain::ListingStatus;
use crate::model::{ListingView, Page};

/// A listing row as every query that shows a listing selects it. The id and status columns
/// are aliased (`listing_id`, `listing_status`) so the row can be flattened into rows of
/// other tables that have their own `id` and `status`.
#[derive(Debug, FromRow)]
pub(crate) struct ListingRow {
    #[sqlx(rename = "listing_id")]
    id: i64,
    title: String,
    category: String,
    price_cents: i64,
    currency: String,
    #[sqlx(rename = "listing_status")]
    status: String,
    listing_ref: Option<String>,
    listing_url: String,
    seller_id: i64,
    seller_name: String,
}

impl From<ListingRow> for ListingView {
    fn from(row: ListingRow) -> Self {
        ListingView {
            id: row.id,
            title: row.title,
            category: row.category,
            price_cents: row.price_cents,
            currency: row.currency,
            // The CHECK constraint keeps unknown statuses out.
            status: ListingStatus::parse(&row.status).unwrap_or(ListingStatus::Live),
            marketplace_id: row.listing_ref.unwrap_or_else(|| row.id.to_string()),
            url: row.listing_url,
            seller_id: row.seller_id,
            seller_name: row.seller_name,
        }
    }
}

/// The shared SELECT; a macro so `concat!` keeps every query a literal.
macro_rules! select_listing {
    () => {
        "SELECT l.id AS listing_id, l.title, l.category, l.price_cents, l.currency, \
     l.status AS listing_status, l.external_id AS listing_ref, l.url AS listing_url, l.seller_id, s.name AS seller_name \
     FROM listings l JOIN sellers s ON s.id = l.seller_id"
    };
}

/// One listing with its seller.
pub async fn find(pool: &AnyPool, id: i64) -> sqlx::Result<Option<ListingView>> {
    let row: Option<ListingRow> = sqlx::query_as(concat!(select_listing!(), " WHERE l.id = $1"))
        .bind(id)
        .fetch_optional(pool)
        .await?;
    Ok(row.map(Into::into))
}

/// One page of a seller's own listings: removals the seller may still appeal first (the
/// window closing soonest on top: a removal after `window_opened_after` is inside its
/// window), then those with an appeal under way, then the rest newest first.
pub async fn page_for_seller(
    pool: &AnyPool,
    seller_id: i64,
    page: i64,
    per_page: i64,
    window_opened_after: i64,
) -> sqlx::Result<Page<SellerListingRow>> {
    let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM listings WHERE seller_id = $1")
        .bind(seller_id)
        .fetch_one(pool)
        .await?;
    // Wrapped so the order can use the computed columns (PostgreSQL takes output names in
    // ORDER BY only bare, not inside expressions).
    let appealable =
        "x.listing_status = 'removed' AND x.appeal_status IS NULL AND x.removed_at > $2";
    let rows: Vec<SellerListingRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT * FROM (SELECT l.id AS listing_id, l.title, l.category, l.price_cents, l.currency, \
         l.status AS listing_status, l.external_id AS listing_ref, l.url AS listing_url, \
         l.seller_id, s.name AS seller_name, \
         (SELECT MAX(i.decided_at) FROM report_items i WHERE i.listing_id = l.id \
          AND i.status IN ('removed', 'counter_noticed', 'removal_stands')) AS removed_at, \
         (SELECT c.status FROM counter_notices c WHERE c.listing_id = l.id \
          ORDER BY c.id DESC LIMIT 1) AS appeal_status \
         FROM listings l JOIN sellers s ON s.id = l.seller_id WHERE l.seller_id = $1) x \
         ORDER BY CASE WHEN {appealable} THEN 0 WHEN x.appeal_status = 'open' THEN 1 ELSE 2 END, \
         CASE WHEN {appealable} THEN x.removed_at END, x.listing_id DESC LIMIT $3 OFFSET $4"
    )))
    .bind(seller_id)
    .bind(window_opened_after)
    .bind(per_page)
    .bind(page.saturating_mul(per_page))
    .fetch_all(pool)
    .await?;
    Ok(Page {
        rows,
        total,
        page,
        per_page,
    })
}

/// A brand's report items on one listing, newest first: (item, report, status, submitted).
pub async fn brand_items(
    pool: &AnyPool,
    brand_id: i64,
    listing_id: i64,
) -> sqlx::Result<Vec<(i64, i64, String, i64)>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT id, report_id, status, submitted_at FROM report_items \
         WHERE listing_id = $1 AND brand_id = $2 ORDER BY id DESC LIMIT {}",
        crate::model::BRAND_ITEMS_SHOWN
    )))
    .bind(listing_id)
    .bind(brand_id)
    .fetch_all(pool)
    .await
}

/// A seller's listing with its latest removal and appeal, as [`page_for_seller`] reads it.
#[derive(Debug, FromRow)]
pub struct SellerListingRow {
    #[sqlx(flatten)]
    listing: ListingRow,
    /// When its latest removal was decided.
    pub removed_at: Option<i64>,
    /// The stored status of its latest counter-notice.
    pub appeal_status: Option<String>,
}

impl SellerListingRow {
    /// The listing itself.
    pub fn listing(self) -> ListingView {
        self.listing.into()
    }
}

/// Listings on sale on the marketplace's public page: not removed and not of a seller
/// suspended at `now`, newest first, with `query` in the title when it is not empty. One row
/// more than `per_page` comes back when there is a next page.
pub async fn on_sale(
    pool: &AnyPool,
    query: &str,
    page: i64,
    per_page: i64,
    now: i64,
) -> sqlx::Result<Vec<ListingView>> {
    let pattern = crate::db::contains_pattern(query);
    let rows: Vec<ListingRow> = sqlx::query_as(concat!(
        select_listing!(),
        " WHERE l.status <> 'removed' AND l.market_status = 'live' AND (s.suspended_until IS NULL OR s.suspended_until <= $1) \
         AND ($2 = '%%' OR LOWER(l.title) LIKE $2 ESCAPE '\\') \
         ORDER BY l.id DESC LIMIT $3 OFFSET $4"
    ))
    .bind(now)
    .bind(pattern)
    .bind(per_page + 1)
    .bind(page * per_page)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// Creates a seller account and returns its id.
pub async fn insert_seller(
    conn: &mut AnyConnection,
    name: &str,
    country: &str,
    now: i64,
) -> sqlx::Result<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO sellers (name, country, created_at) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(name)
    .bind(country)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    // A seller the portal made itself (seed data) is known to the marketplace by its id.
    sqlx::query("UPDATE sellers SET external_id = CAST(id AS TEXT) WHERE id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(id)
}

/// A listing to be inserted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewListing {
    /// Owner.
    pub seller_id: i64,
    /// Title.
    pub title: String,
    /// Category.
    pub category: String,
    /// Price in minor units.
    pub price_cents: i64,
    /// ISO currency code.
    pub currency: String,
}

/// Rows per multi-row INSERT: 6 parameters a row stays far below SQLite's 32,766 limit.
const INSERT_BATCH: usize = 500;

/// Inserts many listings with multi-row INSERTs, in the caller's transaction.
pub async fn insert_many(
    conn: &mut AnyConnection,
    listings: &[NewListing],
    now: i64,
) -> sqlx::Result<()> {
    for batch in listings.chunks(INSERT_BATCH) {
        let sql = format!(
            "INSERT INTO listings (seller_id, title, category, price_cents, currency, created_at) VALUES {} \
             RETURNING id",
            crate::db::values_placeholders(batch.len(), 6)
        );
        // Built only from placeholder numbers: nothing user-supplied is spliced in.
        let mut query = sqlx::query_scalar(sqlx::AssertSqlSafe(sql));
        for listing in batch {
            query = query
                .bind(listing.seller_id)
                .bind(listing.title.as_str())
                .bind(listing.category.as_str())
                .bind(listing.price_cents)
                .bind(listing.currency.as_str())
                .bind(now);
        }
        let ids: Vec<i64> = query.fetch_all(&mut *conn).await?;
        // Listings the portal made itself (seed data) are known to the marketplace by their id.
        let (Some(first), Some(last)) = (ids.iter().min(), ids.iter().max()) else {
            continue;
        };
        sqlx::query(
            "UPDATE listings SET external_id = CAST(id AS TEXT) \
             WHERE id BETWEEN $1 AND $2 AND external_id IS NULL",
        )
        .bind(*first)
        .bind(*last)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Number of listings on the marketplace.
pub async fn count(pool: &AnyPool) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM listings")
        .fetch_one(pool)
        .await
}

/// Marks listings removed (demo history; the portal removes through decisions).
pub async fn mark_removed(conn: &mut AnyConnection, ids: &[i64]) -> sqlx::Result<()> {
    for id in ids {
        sqlx::query("UPDATE listings SET status = 'removed' WHERE id = $1")
            .bind(*id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// The ids of the newest `count` listings, oldest first.
pub async fn newest_ids(conn: &mut AnyConnection, count: i64) -> sqlx::Result<Vec<i64>> {
    let mut ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM listings ORDER BY id DESC LIMIT $1")
        .bind(count)
        .fetch_all(conn)
        .await?;
    ids.reverse();
    Ok(ids)
}
