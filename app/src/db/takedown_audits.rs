//! The account manager's audit of sampled instant takedowns: confirm, or overturn — which
//! restores the listing and counts against the brand, in one transaction.

use crate::db::Db;
use sqlx::{AnyPool, FromRow};

use crate::db::audit::{self, NewEvent};
use crate::db::lifecycle::{self, Decision, Move, Scope};
use crate::db::listings::ListingRow;
use crate::domain::Rules;
use crate::domain::report::ItemEvent;
use crate::domain::{ReasonCode, RejectionCode};
use crate::model::AuditSample;

#[derive(Debug, FromRow)]
struct SampleRow {
    item_id: i64,
    report_id: i64,
    brand_id: i64,
    brand_name: String,
    reason: String,
    explanation: String,
    submitted_by_name: String,
    decided_at: i64,
    #[sqlx(flatten)]
    listing: ListingRow,
}

/// Open audit samples, oldest first: of one manager's brands (`Some`) or of all (`None`).
pub async fn open_samples(
    pool: &AnyPool,
    manager_id: Option<i64>,
) -> sqlx::Result<Vec<AuditSample>> {
    let rows: Vec<SampleRow> = sqlx::query_as(
        "SELECT a.item_id, i.report_id, a.brand_id, b.name AS brand_name, r.reason, r.explanation, \
         u.display_name AS submitted_by_name, i.decided_at, \
         l.id AS listing_id, l.title, l.category, l.price_cents, l.currency, \
         l.status AS listing_status, l.external_id AS listing_ref, l.url AS listing_url, l.seller_id, s.name AS seller_name \
         FROM takedown_audits a JOIN report_items i ON i.id = a.item_id \
         JOIN reports r ON r.id = i.report_id JOIN brands b ON b.id = a.brand_id \
         JOIN users u ON u.id = r.submitted_by JOIN listings l ON l.id = i.listing_id \
         JOIN sellers s ON s.id = l.seller_id \
         WHERE a.status = 'open' AND ($1 = 0 OR a.manager_id = $1) \
         ORDER BY a.sampled_at, a.item_id LIMIT 200",
    )
    .bind(manager_id.unwrap_or(0))
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| AuditSample {
            item_id: row.item_id,
            report_id: row.report_id,
            brand_id: row.brand_id,
            brand_name: row.brand_name,
            reason: ReasonCode::parse(&row.reason).unwrap_or(ReasonCode::Counterfeit),
            explanation: row.explanation,
            submitted_by: row.submitted_by_name,
            taken_down_at: row.decided_at,
            listing: row.listing.into(),
        })
        .collect())
}

/// The brand of an audit sample, if there is one for this item.
pub async fn brand_of_sample(pool: &AnyPool, item_id: i64) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar("SELECT brand_id FROM takedown_audits WHERE item_id = $1")
        .bind(item_id)
        .fetch_optional(pool)
        .await
}

/// What the manager decided about a sampled takedown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuditDecision {
    /// The takedown was right.
    Confirm,
    /// The takedown was wrong: restore the listing, count it as rejected.
    Overturn {
        /// Why, as a rejection code.
        code: RejectionCode,
        /// Why, in words the brand reads.
        explanation: String,
    },
}

/// What an audit did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Audited {
    /// The takedown stands.
    Confirmed,
    /// The listing is restored and the item counts as rejected.
    Overturned {
        /// The brand's tier change, when the overturn changed its tier.
        tier_change: Option<crate::db::trust::TierChange>,
    },
}

/// Why an audit changed nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditRefusal {
    /// The item has no open audit: already audited, or the brand retracted the takedown.
    NotOpen,
    /// The item no longer stands as a removal, so there is nothing to overturn.
    NoLongerRemoved,
}

/// Decides an open audit sample in one transaction. An overturn restores the listing (and
/// tells the marketplace), turns the item into a rejection with the code given — which counts
/// against the brand's accuracy — and recomputes the brand's tier, whose change comes back so
/// the manager can be told if the brand lost instant takedown. `Err` says why nothing changed.
pub async fn decide(
    db: &Db,
    item_id: i64,
    decision: &AuditDecision,
    rules: &Rules,
    actor_id: i64,
    now: i64,
) -> sqlx::Result<Result<Audited, AuditRefusal>> {
    let (status, note) = match decision {
        AuditDecision::Confirm => ("confirmed", ""),
        AuditDecision::Overturn { explanation, .. } => ("overturned", explanation.as_str()),
    };
    let mut tx = db.begin().await?;
    let changed = sqlx::query(
        "UPDATE takedown_audits SET status = $1, note = $2, decided_by = $3, decided_at = $4 \
         WHERE item_id = $5 AND status = 'open'",
    )
    .bind(status)
    .bind(note)
    .bind(actor_id)
    .bind(now)
    .bind(item_id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed == 0 {
        tx.rollback().await?;
        return Ok(Err(AuditRefusal::NotOpen));
    }
    let AuditDecision::Overturn { code, explanation } = decision else {
        let (brand_id, seller_id): (i64, i64) = sqlx::query_as(
            "SELECT i.brand_id, l.seller_id FROM report_items i \
             JOIN listings l ON l.id = i.listing_id WHERE i.id = $1",
        )
        .bind(item_id)
        .fetch_one(&mut *tx)
        .await?;
        let event = NewEvent {
            actor_id: Some(actor_id),
            action: "item.audit_confirmed",
            subject_type: "report_item",
            subject_id: item_id,
            brand_id: Some(brand_id),
            detail: "Audit: the instant takedown was confirmed",
        };
        audit::record(&mut tx, &event, now).await?;
        // A person has now checked one of this brand's takedowns of this seller, which
        // vouches for the brand's other strikes on the seller too.
        let which = crate::db::strikes::Confirming::BrandOnSeller {
            brand_id,
            seller_id,
        };
        let why = format!("the account manager confirmed instant takedown item {item_id} in audit");
        crate::db::strikes::confirm(&mut tx, which, &why, Some(actor_id), &rules.sellers, now)
            .await?;
        tx.commit().await?;
        return Ok(Ok(Audited::Confirmed));
    };
    // Only a takedown that still stands can be overturned (the audit row guards the rest).
    let item_detail = format!(
        "Audit overturned the instant takedown ({}): {explanation}",
        code.label()
    );
    let mv = Move {
        item_id,
        event: ItemEvent::Overturn,
        actor_id: Some(actor_id),
        scope: Scope::default(),
        decision: Decision {
            code: Some(*code),
            note: explanation,
        },
        item_event: ("item.audit_overturned", &item_detail),
        listing_event: Some((
            "listing.restored",
            "Restored: the account manager's audit overturned the instant takedown",
        )),
        strike_lifted_because: "the account manager's audit overturned the takedown",
    };
    let Ok(moved) = lifecycle::apply(&mut tx, &mv, rules, now).await? else {
        tx.rollback().await?;
        return Ok(Err(AuditRefusal::NoLongerRemoved));
    };
    tx.commit().await?;
    Ok(Ok(Audited::Overturned {
        tier_change: moved.tier_change,
    }))
}
