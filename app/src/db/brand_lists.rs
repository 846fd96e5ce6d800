//! The lists a Joint-Force brand keeps for the suspicion rules: its reference prices by
//! product line and its authorised sellers.

use sqlx::AnyPool;

use crate::db::Db;
use crate::db::audit::{self, NewEvent};
use crate::domain::format_price;
use crate::model::{AuthorisedSeller, ReferencePrice};

/// A brand's reference prices, by product line.
pub async fn reference_prices(pool: &AnyPool, brand_id: i64) -> sqlx::Result<Vec<ReferencePrice>> {
    let rows: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT id, product_line, price_cents FROM reference_prices WHERE brand_id = $1 \
         ORDER BY product_line",
    )
    .bind(brand_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, product_line, price_cents)| ReferencePrice {
            id,
            product_line,
            price_cents,
        })
        .collect())
}

/// A brand's authorised sellers, by name.
pub async fn authorised_sellers(
    pool: &AnyPool,
    brand_id: i64,
) -> sqlx::Result<Vec<AuthorisedSeller>> {
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT s.id, s.name, s.country FROM authorised_sellers a JOIN sellers s ON s.id = a.seller_id \
         WHERE a.brand_id = $1 ORDER BY s.name",
    )
    .bind(brand_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(seller_id, name, country)| AuthorisedSeller {
            seller_id,
            name,
            country,
        })
        .collect())
}

/// One change to a brand's lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListChange {
    /// Add (or re-price) a product line.
    SetPrice {
        /// As it appears in titles.
        product_line: String,
        /// Usual price in cents.
        price_cents: i64,
    },
    /// Remove a product line.
    RemovePrice(i64),
    /// Authorise a seller, by exact shop name (any case).
    AddSeller(String),
    /// Take a seller off the list.
    RemoveSeller(i64),
}

/// Why a change to a brand's lists was not made: nothing changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListRefusal {
    /// The product line to remove is not on the brand's list.
    PriceNotListed,
    /// No seller has this shop name.
    NoSuchSeller {
        /// The shop name as typed, trimmed.
        name: String,
    },
    /// The seller to take off is not on the brand's list.
    SellerNotListed,
}

/// Applies a change to a brand's lists with its audit event, in one transaction. `Err` says
/// why nothing changed (an unknown seller name, say).
pub async fn change_lists(
    db: &Db,
    brand_id: i64,
    change: &ListChange,
    actor_id: i64,
    now: i64,
) -> sqlx::Result<Result<(), ListRefusal>> {
    let mut tx = db.begin().await?;
    let detail = match change {
        ListChange::SetPrice {
            product_line,
            price_cents,
        } => {
            let updated = sqlx::query(
                "UPDATE reference_prices SET price_cents = $1 WHERE brand_id = $2 \
                 AND lower(product_line) = lower($3)",
            )
            .bind(*price_cents)
            .bind(brand_id)
            .bind(product_line.as_str())
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if updated == 0 {
                sqlx::query(
                    "INSERT INTO reference_prices (brand_id, product_line, price_cents, \
                     created_by, created_at) VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(brand_id)
                .bind(product_line.as_str())
                .bind(*price_cents)
                .bind(actor_id)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
            format!(
                "Reference price for \"{product_line}\" set to {}",
                format_price(*price_cents, "USD")
            )
        }
        ListChange::RemovePrice(id) => {
            let line: Option<String> = sqlx::query_scalar(
                "DELETE FROM reference_prices WHERE id = $1 AND brand_id = $2 RETURNING product_line",
            )
            .bind(*id)
            .bind(brand_id)
            .fetch_optional(&mut *tx)
            .await?;
            let Some(line) = line else {
                return Ok(Err(ListRefusal::PriceNotListed));
            };
            format!("Reference price for \"{line}\" removed")
        }
        ListChange::AddSeller(name) => {
            let seller: Option<(i64, String)> = sqlx::query_as(
                "SELECT id, name FROM sellers WHERE lower(name) = lower($1) ORDER BY id LIMIT 1",
            )
            .bind(name.trim())
            .fetch_optional(&mut *tx)
            .await?;
            let Some((seller_id, name)) = seller else {
                return Ok(Err(ListRefusal::NoSuchSeller {
                    name: name.trim().to_owned(),
                }));
            };
            sqlx::query(
                "INSERT INTO authorised_sellers (brand_id, seller_id, created_by, created_at) \
                 VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
            )
            .bind(brand_id)
            .bind(seller_id)
            .bind(actor_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            format!("Seller \"{name}\" authorised")
        }
        ListChange::RemoveSeller(seller_id) => {
            let removed = sqlx::query(
                "DELETE FROM authorised_sellers WHERE brand_id = $1 AND seller_id = $2",
            )
            .bind(brand_id)
            .bind(*seller_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if removed == 0 {
                return Ok(Err(ListRefusal::SellerNotListed));
            }
            format!("Seller {seller_id} taken off the authorised list")
        }
    };
    let event = NewEvent {
        actor_id: Some(actor_id),
        action: "brand.lists_changed",
        subject_type: "brand",
        subject_id: brand_id,
        brand_id: Some(brand_id),
        detail: &detail,
    };
    audit::record(&mut tx, &event, now).await?;
    tx.commit().await?;
    Ok(Ok(()))
}
