//! Listings and sellers coming in from the marketplace (the ingest API, with an integration
//! key): each batch checked row by row, the good rows stored in one transaction with its
//! audit event, and each bad row's index, place and reason handed back.

use std::collections::HashMap;

use crate::db::audit::{self, NewEvent};
use crate::db::ingest as store;
use crate::domain::ingest::{
    ListingRow, RowProblem, SellerRow, check_batch_size, check_listings, check_sellers,
};
use crate::error::AppError;
use crate::service::Context;

/// What became of a batch.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ingested {
    /// Rows sent.
    pub received: usize,
    /// Rows stored (new, or newer than what was stored).
    pub stored: u64,
    /// Rows not stored because what is stored is as new or newer (same or lower version).
    pub unchanged: u64,
    /// Rows refused, each with its place and reason.
    pub rejected: Vec<RowProblem>,
}

/// Stores sellers for the marketplace (key `key_id`).
pub async fn ingest_sellers(
    ctx: &Context,
    key_id: i64,
    rows: &[SellerRow],
) -> Result<Ingested, AppError> {
    check_batch_size(rows.len(), "seller").map_err(|why| AppError::field("sellers", why))?;
    let (good, mut rejected) = check_sellers(rows);
    let now = ctx.now();
    let mut tx = ctx.db.begin().await?;
    // A name already held by another seller cannot be taken (shop names are unique here).
    let names: Vec<&str> = good
        .iter()
        .map(|(_, seller)| seller.name.as_str())
        .collect();
    let holders = store::seller_names(&mut tx, &names).await?;
    let mut named_here: HashMap<&str, usize> = HashMap::new();
    let mut storable = Vec::with_capacity(good.len());
    for (index, seller) in &good {
        let held_elsewhere = holders
            .get(&seller.name)
            .is_some_and(|holder| *holder != seller.id);
        let earlier = named_here.insert(seller.name.as_str(), *index);
        if held_elsewhere || earlier.is_some() {
            rejected.push(RowProblem {
                index: *index,
                pointer: format!("/sellers/{index}/name"),
                reason: format!("Another seller is already called \"{}\".", seller.name),
            });
        } else {
            storable.push(seller);
        }
    }
    let stored = store::upsert_sellers(&mut tx, &storable, now).await?;
    let done = Ingested {
        received: rows.len(),
        stored,
        unchanged: storable.len() as u64 - stored,
        rejected,
    };
    finish(tx, key_id, "Sellers", done, now).await
}

/// Stores listings for the marketplace (key `key_id`). A listing of a seller the portal does
/// not know is refused on its `seller`.
pub async fn ingest_listings(
    ctx: &Context,
    key_id: i64,
    rows: &[ListingRow],
) -> Result<Ingested, AppError> {
    check_batch_size(rows.len(), "listing").map_err(|why| AppError::field("listings", why))?;
    let (good, mut rejected) = check_listings(rows);
    let now = ctx.now();
    let mut tx = ctx.db.begin().await?;
    let mut wanted: Vec<&str> = good
        .iter()
        .map(|listing| listing.row.seller.as_str())
        .collect();
    wanted.sort_unstable();
    wanted.dedup();
    let sellers = store::seller_ids(&mut tx, &wanted).await?;
    let mut storable = Vec::with_capacity(good.len());
    for listing in &good {
        match sellers.get(&listing.row.seller) {
            Some(seller_id) => storable.push((listing, *seller_id)),
            None => rejected.push(RowProblem {
                index: listing.index,
                pointer: format!("/listings/{}/seller", listing.index),
                reason: format!(
                    "Unknown seller {}: send it to PUT /api/v1/marketplace/sellers first.",
                    listing.row.seller
                ),
            }),
        }
    }
    let stored = store::upsert_listings(&mut tx, &storable, now).await?;
    let done = Ingested {
        received: rows.len(),
        stored,
        unchanged: storable.len() as u64 - stored,
        rejected,
    };
    finish(tx, key_id, "Listings", done, now).await
}

/// Writes the batch's audit event and commits: one transaction with what it stored.
async fn finish(
    mut tx: crate::db::WriteTx,
    key_id: i64,
    what: &str,
    mut done: Ingested,
    now: i64,
) -> Result<Ingested, AppError> {
    let detail = format!(
        "{what} from the marketplace: {} sent, {} stored, {} refused",
        done.received,
        done.stored,
        done.rejected.len()
    );
    let action = format!("integration.{}_ingested", what.to_lowercase());
    let event = NewEvent {
        actor_id: None,
        action: &action,
        subject_type: "integration_key",
        subject_id: key_id,
        brand_id: None,
        detail: &detail,
    };
    audit::record(&mut tx, &event, now).await?;
    tx.commit().await?;
    done.rejected.sort_by_key(|problem| problem.index);
    Ok(done)
}
