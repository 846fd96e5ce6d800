//! Listings and sellers as the marketplace sends them: upserts keyed on the marketplace's
//! ids that never let an older version overwrite a newer one.

use std::collections::HashMap;

use sqlx::AnyConnection;

use super::script::Arg;
use crate::domain::ingest::{GoodListing, SellerRow};

/// Rows per statement. sqlx binds SQLite's `$n` placeholders by looking each one's name up
/// among all of the statement's, so binding costs grow with the square of the placeholders:
/// one statement of 1,000 listings (12,000 values) spent 89 % of an ingest's time in
/// `sqlite3_bind_parameter_name` (perf, 3,800 listings/s). Fifty rows a statement keeps
/// that small at the cost of twenty statements a batch.
const ROWS_PER_STATEMENT: usize = 50;

/// The portal's ids of the sellers with these marketplace ids (those that exist).
pub async fn seller_ids(
    conn: &mut AnyConnection,
    external: &[&str],
) -> sqlx::Result<HashMap<String, i64>> {
    let mut found = HashMap::new();
    for part in external.chunks(ROWS_PER_STATEMENT) {
        let sql = format!(
            "SELECT external_id, id FROM sellers WHERE external_id IN ({})",
            super::in_placeholders(1, part.len())
        );
        // Only placeholders are spliced in.
        let mut query = sqlx::query_as::<_, (String, i64)>(sqlx::AssertSqlSafe(sql));
        for id in part {
            query = query.bind(*id);
        }
        found.extend(query.fetch_all(&mut *conn).await?);
    }
    Ok(found)
}

/// The marketplace ids of the sellers holding these names, by name.
pub async fn seller_names(
    conn: &mut AnyConnection,
    names: &[&str],
) -> sqlx::Result<HashMap<String, String>> {
    let mut found = HashMap::new();
    for part in names.chunks(ROWS_PER_STATEMENT) {
        let sql = format!(
            "SELECT name, COALESCE(external_id, '') FROM sellers WHERE name IN ({})",
            super::in_placeholders(1, part.len())
        );
        let mut query = sqlx::query_as::<_, (String, String)>(sqlx::AssertSqlSafe(sql));
        for name in part {
            query = query.bind(*name);
        }
        found.extend(query.fetch_all(&mut *conn).await?);
    }
    Ok(found)
}

/// Inserts or updates sellers; returns how many were written (the others were stale: their
/// stored version is as new or newer).
pub async fn upsert_sellers(
    conn: &mut AnyConnection,
    sellers: &[&SellerRow],
    now: i64,
) -> sqlx::Result<u64> {
    let mut written = 0;
    for part in sellers.chunks(ROWS_PER_STATEMENT) {
        let sql = format!(
            "INSERT INTO sellers (external_id, name, country, version, created_at) VALUES {} \
             ON CONFLICT (external_id) DO UPDATE SET name = excluded.name, \
             country = excluded.country, version = excluded.version \
             WHERE sellers.version < excluded.version",
            super::values_placeholders(part.len(), 5)
        );
        let mut args = Vec::with_capacity(part.len() * 5);
        for seller in part {
            args.extend([
                Arg::Text(&seller.id),
                Arg::Text(&seller.name),
                Arg::Text(&seller.country),
                Arg::Int(seller.version),
                Arg::Int(now),
            ]);
        }
        written += super::script::execute(conn, &sql, &args).await?;
    }
    Ok(written)
}

/// Inserts or updates listings (each with its seller's portal id); returns how many were
/// written (the others were stale). The portal's own decision on a listing (removed,
/// restored) is never touched: the marketplace's view is `market_status`.
pub async fn upsert_listings(
    conn: &mut AnyConnection,
    listings: &[(&GoodListing, i64)],
    now: i64,
) -> sqlx::Result<u64> {
    let mut written = 0;
    for part in listings.chunks(ROWS_PER_STATEMENT) {
        let sql = format!(
            "INSERT INTO listings (external_id, seller_id, title, category, price_cents, currency, \
             url, image_url, market_status, version, created_at, updated_at) VALUES {} \
             ON CONFLICT (external_id) DO UPDATE SET seller_id = excluded.seller_id, \
             title = excluded.title, category = excluded.category, \
             price_cents = excluded.price_cents, currency = excluded.currency, url = excluded.url, \
             image_url = excluded.image_url, market_status = excluded.market_status, \
             version = excluded.version, updated_at = excluded.updated_at \
             WHERE listings.version < excluded.version",
            super::values_placeholders(part.len(), 12)
        );
        let mut args = Vec::with_capacity(part.len() * 12);
        for (listing, seller_id) in part {
            let row = &listing.row;
            args.extend([
                Arg::Text(&row.id),
                Arg::Int(*seller_id),
                Arg::Text(&row.title),
                Arg::Text(&row.category),
                Arg::Int(row.price_cents),
                Arg::Text(&row.currency),
                Arg::Text(&row.url),
                Arg::Text(&row.image_url),
                Arg::Text(listing.status.as_str()),
                Arg::Int(row.version),
                Arg::Int(now),
                Arg::Int(now),
            ]);
        }
        written += super::script::execute(conn, &sql, &args).await?;
    }
    Ok(written)
}
