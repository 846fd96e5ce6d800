//! The seller's appeal of a removal: the counter-notice, the brand's response and the account
//! manager's decision, each one transaction with its audit events on both the listing's trail
//! and the report item's timeline, so either view tells the whole case.

use crate::db::Db;
use sqlx::{AnyConnection, AnyPool, FromRow};

use crate::db::audit::record_on_both;
use crate::db::lifecycle::{self, Move, Scope};
use crate::db::listings::ListingRow;
use crate::domain::Rules;
use crate::domain::appeal::{
    AppealDecision, AppealStatus, COUNTER_DECLARATION, CounterGround, CounterNoticeDraft,
    ResponseKind, SellerPolicy,
};
use crate::domain::report::ItemEvent;
use crate::domain::{ItemStatus, format_time};
use crate::model::{AppealResponse, AppealView, FileRef, RemovalCase};

#[derive(Debug, FromRow)]
struct AppealRow {
    id: i64,
    item_id: i64,
    report_id: i64,
    brand_id: i64,
    brand_name: String,
    ground: String,
    statement: String,
    contact_name: String,
    contact_email: String,
    contact_address: String,
    filed_at: i64,
    response_due_at: i64,
    response_kind: Option<String>,
    response_text: String,
    responder: Option<String>,
    responded_at: Option<i64>,
    appeal_status: String,
    decider: Option<String>,
    decided_at: Option<i64>,
    decision_note: String,
    #[sqlx(flatten)]
    listing: ListingRow,
}

/// The shared SELECT; a macro so `concat!` keeps every query a literal.
macro_rules! select_appeal {
    () => {
        "SELECT c.id, c.item_id, i.report_id, c.brand_id, b.name AS brand_name, c.ground, \
         c.statement, c.contact_name, c.contact_email, c.contact_address, c.filed_at, \
         c.response_due_at, c.response_kind, c.response_text, ru.display_name AS responder, \
         c.responded_at, c.status AS appeal_status, du.display_name AS decider, c.decided_at, \
         c.decision_note, l.id AS listing_id, l.title, l.category, l.price_cents, l.currency, \
         l.status AS listing_status, l.external_id AS listing_ref, l.url AS listing_url, l.seller_id, s.name AS seller_name \
         FROM counter_notices c JOIN report_items i ON i.id = c.item_id \
         JOIN brands b ON b.id = c.brand_id JOIN listings l ON l.id = c.listing_id \
         JOIN sellers s ON s.id = l.seller_id \
         LEFT JOIN users ru ON ru.id = c.responded_by LEFT JOIN users du ON du.id = c.decided_by"
    };
}

async fn files_of(pool: &AnyPool, appeal_id: i64, party: &str) -> sqlx::Result<Vec<FileRef>> {
    let rows: Vec<crate::db::files::FileRecord> = sqlx::query_as(
        "SELECT f.id, f.brand_id, f.uploaded_by, u.role AS uploader_role, f.purpose, \
         f.file_name, f.content_type, f.size_bytes, f.sha256 FROM files f \
         JOIN users u ON u.id = f.uploaded_by JOIN counter_notice_files a ON a.file_id = f.id \
         WHERE a.counter_notice_id = $1 AND a.party = $2 ORDER BY f.id",
    )
    .bind(appeal_id)
    .bind(party)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

async fn views(pool: &AnyPool, rows: Vec<AppealRow>, now: i64) -> sqlx::Result<Vec<AppealView>> {
    let mut views = Vec::with_capacity(rows.len());
    for row in rows {
        let seller_files = files_of(pool, row.id, "seller").await?;
        let brand_files = files_of(pool, row.id, "brand").await?;
        let status = AppealStatus::parse(&row.appeal_status).unwrap_or(AppealStatus::Open);
        let response = match (row.response_kind.as_deref(), row.responded_at) {
            (Some(kind), Some(at)) => Some(AppealResponse {
                kind: ResponseKind::parse(kind).unwrap_or(ResponseKind::Evidence),
                text: row.response_text,
                by: row.responder.unwrap_or_default(),
                at,
            }),
            _ => None,
        };
        views.push(AppealView {
            id: row.id,
            item_id: row.item_id,
            report_id: row.report_id,
            listing: row.listing.into(),
            brand_id: row.brand_id,
            brand_name: row.brand_name,
            ground: CounterGround::parse(&row.ground).unwrap_or(CounterGround::Other),
            statement: row.statement,
            contact: [row.contact_name, row.contact_email, row.contact_address],
            filed_at: row.filed_at,
            response_due_at: row.response_due_at,
            no_response: status == AppealStatus::Open
                && response.is_none()
                && row.response_due_at <= now,
            response,
            seller_files,
            brand_files,
            status,
            decided_by: row.decider,
            decided_at: row.decided_at,
            decision_note: row.decision_note,
        });
    }
    Ok(views)
}

/// One counter-notice.
pub async fn find(pool: &AnyPool, id: i64, now: i64) -> sqlx::Result<Option<AppealView>> {
    let rows: Vec<AppealRow> = sqlx::query_as(concat!(select_appeal!(), " WHERE c.id = $1"))
        .bind(id)
        .fetch_all(pool)
        .await?;
    Ok(views(pool, rows, now).await?.pop())
}

/// The counter-notices on a report's items, for the brand's report page.
pub async fn of_report(pool: &AnyPool, report_id: i64, now: i64) -> sqlx::Result<Vec<AppealView>> {
    let rows = sqlx::query_as(concat!(
        select_appeal!(),
        " WHERE i.report_id = $1 ORDER BY c.id"
    ))
    .bind(report_id)
    .fetch_all(pool)
    .await?;
    views(pool, rows, now).await
}

/// Most counter-notices listed as waiting for one brand's response.
pub const MAX_WAITING: i64 = 200;

/// A brand's open counter-notices still waiting for its response, the soonest due first.
pub async fn waiting_for_brand(
    pool: &AnyPool,
    brand_id: i64,
    now: i64,
) -> sqlx::Result<Vec<AppealView>> {
    let rows = sqlx::query_as(concat!(
        select_appeal!(),
        " WHERE c.brand_id = $1 AND c.status = 'open' AND c.responded_at IS NULL \
         AND c.response_due_at > $2 ORDER BY c.response_due_at, c.id LIMIT $3"
    ))
    .bind(brand_id)
    .bind(now)
    .bind(MAX_WAITING)
    .fetch_all(pool)
    .await?;
    views(pool, rows, now).await
}

/// The appeals queue: open counter-notices of one manager's brands (or all, for admins),
/// those whose brand let its response window pass first, then oldest first.
pub async fn queue(
    pool: &AnyPool,
    manager_id: Option<i64>,
    now: i64,
) -> sqlx::Result<Vec<AppealView>> {
    let rows = sqlx::query_as(concat!(
        select_appeal!(),
        " WHERE c.status = 'open' AND ($1 IS NULL OR b.manager_id = $1) \
         ORDER BY CASE WHEN c.responded_at IS NULL AND c.response_due_at <= $2 THEN 0 ELSE 1 END, \
         c.filed_at, c.id LIMIT 200"
    ))
    .bind(manager_id)
    .bind(now)
    .fetch_all(pool)
    .await?;
    views(pool, rows, now).await
}

/// The brand of a counter-notice, if it exists.
pub async fn brand_of(pool: &AnyPool, id: i64) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar("SELECT brand_id FROM counter_notices WHERE id = $1")
        .bind(id)
        .fetch_optional(pool)
        .await
}

#[derive(Debug, FromRow)]
struct RemovedItem {
    item_id: i64,
    brand_id: i64,
    status: String,
    decided_at: i64,
    explanation: String,
}

/// The removal a seller may appeal on this listing: its latest removed (or appealed) item.
async fn removal_of(
    conn: &mut AnyConnection,
    listing_id: i64,
) -> sqlx::Result<Option<RemovedItem>> {
    sqlx::query_as(
        "SELECT i.id AS item_id, i.brand_id, i.status, i.decided_at, r.explanation \
         FROM report_items i JOIN reports r ON r.id = i.report_id \
         JOIN listings l ON l.id = i.listing_id \
         WHERE i.listing_id = $1 AND l.status = 'removed' \
           AND i.status IN ('removed', 'counter_noticed', 'removal_stands') \
         ORDER BY i.decided_at DESC, i.id DESC LIMIT 1",
    )
    .bind(listing_id)
    .fetch_optional(conn)
    .await
}

/// The brand of the removal a seller may appeal on this listing (where their evidence is
/// filed), if the listing is removed.
pub async fn brand_of_removal(pool: &AnyPool, listing_id: i64) -> sqlx::Result<Option<i64>> {
    let mut conn = pool.acquire().await?;
    Ok(removal_of(&mut conn, listing_id)
        .await?
        .map(|removal| removal.brand_id))
}

/// What the seller of a removed listing is told: the statement of reasons with the facts,
/// the appeal window and their counter-notice. `None` if the listing is not removed.
pub async fn removal_case(
    pool: &AnyPool,
    listing_id: i64,
    policy: &SellerPolicy,
    now: i64,
) -> sqlx::Result<Option<RemovalCase>> {
    let mut conn = pool.acquire().await?;
    let Some(removal) = removal_of(&mut conn, listing_id).await? else {
        return Ok(None);
    };
    drop(conn);
    let Some(statement) = crate::db::statements::statement_of_reasons(pool, listing_id).await?
    else {
        return Ok(None);
    };
    let appeal_id: Option<i64> =
        sqlx::query_scalar("SELECT id FROM counter_notices WHERE item_id = $1")
            .bind(removal.item_id)
            .fetch_optional(pool)
            .await?;
    let appeal = match appeal_id {
        Some(id) => find(pool, id, now).await?,
        None => None,
    };
    Ok(Some(RemovalCase {
        item_id: removal.item_id,
        item_status: ItemStatus::parse(&removal.status).unwrap_or(ItemStatus::Removed),
        statement,
        facts: crate::domain::appeal::redact_personal_data(&removal.explanation),
        appeal_closes_at: policy.appeal_closes_at(removal.decided_at),
        appeal_open: now <= policy.appeal_closes_at(removal.decided_at),
        appeal,
    }))
}

/// Why a counter-notice was not filed; the service words it for the seller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CounterNoticeRefusal {
    /// The listing is not removed, so there is nothing to appeal.
    NotRemoved {
        /// The listing appealed.
        listing_id: i64,
    },
    /// This removal already has its one counter-notice.
    AlreadyFiled {
        /// The listing appealed.
        listing_id: i64,
    },
    /// The appeal window has closed.
    WindowClosed {
        /// When it closed (milliseconds since the Unix epoch).
        closed_at: i64,
        /// How many days after the removal the window stays open.
        days: i64,
    },
    /// A file attached is not the seller's unused upload for this listing's brand.
    NotYourFile {
        /// The file refused.
        file_id: i64,
    },
}

/// Why the brand's response to a counter-notice was not recorded; the service words it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResponseRefusal {
    /// There is no such counter-notice.
    NoSuchAppeal {
        /// The counter-notice asked for.
        appeal_id: i64,
    },
    /// The counter-notice has been decided.
    Decided,
    /// The brand has responded already.
    AlreadyResponded,
    /// The response window has closed.
    WindowClosed {
        /// When it closed (milliseconds since the Unix epoch).
        closed_at: i64,
    },
    /// A file attached is not the brand's unused upload.
    NotYourFile {
        /// The file refused.
        file_id: i64,
    },
}

/// Why a counter-notice was not decided: nothing changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecisionRefusal {
    /// The counter-notice was already decided (or does not exist).
    NotOpen {
        /// The counter-notice.
        appeal_id: i64,
    },
    /// Its report item no longer waits for a decision.
    ItemNotWaiting {
        /// The counter-notice.
        appeal_id: i64,
    },
}

/// What a decision on a counter-notice did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AppealOutcome {
    /// The removal stands.
    Upheld {
        /// The counter-notice decided.
        appeal_id: i64,
        /// Its listing, still removed.
        listing_id: i64,
    },
    /// The listing is live again.
    Restored {
        /// Its listing, restored.
        listing_id: i64,
        /// The brand's new tier, when the restoration changed it.
        tier_change: Option<crate::db::trust::TierChange>,
    },
}

/// Files a seller's counter-notice in one transaction: the notice, its files, the item's new
/// status and the audit events. The listing must be the seller's own, removed, within the
/// window and not already appealed; `Err` says which of these failed.
pub async fn file(
    db: &Db,
    draft: &CounterNoticeDraft,
    (user_id, seller_id): (i64, i64),
    rules: &Rules,
    now: i64,
) -> sqlx::Result<Result<i64, CounterNoticeRefusal>> {
    let policy = &rules.sellers;
    let mut tx = db.begin().await?;
    let Some(removal) = removal_of(&mut tx, draft.listing_id).await? else {
        tx.rollback().await?;
        return Ok(Err(CounterNoticeRefusal::NotRemoved {
            listing_id: draft.listing_id,
        }));
    };
    if removal.status != ItemStatus::Removed.as_str() {
        tx.rollback().await?;
        return Ok(Err(CounterNoticeRefusal::AlreadyFiled {
            listing_id: draft.listing_id,
        }));
    }
    let closes = policy.appeal_closes_at(removal.decided_at);
    if now > closes {
        tx.rollback().await?;
        return Ok(Err(CounterNoticeRefusal::WindowClosed {
            closed_at: closes,
            days: policy.counter_notice_days,
        }));
    }
    for file_id in &draft.file_ids {
        let owner: Option<(i64, i64)> =
            sqlx::query_as("SELECT uploaded_by, brand_id FROM files WHERE id = $1")
                .bind(*file_id)
                .fetch_optional(&mut *tx)
                .await?;
        let attached = crate::db::files::is_attached(&mut tx, *file_id).await?;
        if owner != Some((user_id, removal.brand_id)) || attached {
            tx.rollback().await?;
            return Ok(Err(CounterNoticeRefusal::NotYourFile { file_id: *file_id }));
        }
    }
    let inserted: Result<i64, sqlx::Error> = sqlx::query_scalar(
        "INSERT INTO counter_notices (item_id, listing_id, seller_id, brand_id, filed_by, ground, \
         statement, contact_name, contact_email, contact_address, declaration, signature, \
         filed_at, response_due_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
    )
    .bind(removal.item_id)
    .bind(draft.listing_id)
    .bind(seller_id)
    .bind(removal.brand_id)
    .bind(user_id)
    .bind(draft.ground.as_str())
    .bind(draft.statement.trim())
    .bind(draft.contact_name.trim())
    .bind(draft.contact_email.trim())
    .bind(draft.contact_address.trim())
    .bind(COUNTER_DECLARATION)
    .bind(draft.signature.trim())
    .bind(now)
    .bind(policy.response_due_at(now))
    .fetch_one(&mut *tx)
    .await;
    let id = match inserted {
        Ok(id) => id,
        // The one-open-per-listing index: a second submission raced this one.
        Err(sqlx::Error::Database(error)) if error.is_unique_violation() => {
            tx.rollback().await?;
            return Ok(Err(CounterNoticeRefusal::AlreadyFiled {
                listing_id: draft.listing_id,
            }));
        }
        Err(error) => return Err(error),
    };
    for file_id in &draft.file_ids {
        sqlx::query(
            "INSERT INTO counter_notice_files (counter_notice_id, file_id, party) VALUES ($1, $2, 'seller')",
        )
        .bind(id)
        .bind(*file_id)
        .execute(&mut *tx)
        .await?;
    }
    let detail = format!(
        "Counter-notice {id} filed by the seller ({}); the brand may respond until {}",
        CounterGround::parse(&draft.ground).map_or("", |ground| ground.label()),
        format_time(policy.response_due_at(now))
    );
    let mv = Move {
        item_id: removal.item_id,
        event: ItemEvent::CounterNotice,
        actor_id: Some(user_id),
        scope: Scope::default(),
        decision: Default::default(),
        item_event: ("counter_notice.filed", &detail),
        listing_event: Some(("counter_notice.filed", &detail)),
        strike_lifted_because: "",
    };
    // Checked above under the same transaction's snapshot, so the move stands.
    if lifecycle::apply(&mut tx, &mv, rules, now).await?.is_err() {
        tx.rollback().await?;
        return Ok(Err(CounterNoticeRefusal::AlreadyFiled {
            listing_id: draft.listing_id,
        }));
    }
    tx.commit().await?;
    Ok(Ok(id))
}

/// Records the brand's response to an open counter-notice within its window, in one
/// transaction with its files and audit events. `Err` says why not.
pub async fn respond(
    db: &Db,
    id: i64,
    kind: ResponseKind,
    text: &str,
    file_ids: &[i64],
    actor_id: i64,
    now: i64,
) -> sqlx::Result<Result<(), ResponseRefusal>> {
    let mut tx = db.begin().await?;
    let row: Option<(i64, i64, i64, i64, String, Option<i64>)> = sqlx::query_as(
        "SELECT item_id, listing_id, brand_id, response_due_at, status, responded_at \
         FROM counter_notices WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((item_id, listing_id, brand_id, due, status, responded)) = row else {
        tx.rollback().await?;
        return Ok(Err(ResponseRefusal::NoSuchAppeal { appeal_id: id }));
    };
    let refusal = if status != AppealStatus::Open.as_str() {
        Some(ResponseRefusal::Decided)
    } else if responded.is_some() {
        Some(ResponseRefusal::AlreadyResponded)
    } else if now > due {
        Some(ResponseRefusal::WindowClosed { closed_at: due })
    } else {
        None
    };
    if let Some(refusal) = refusal {
        tx.rollback().await?;
        return Ok(Err(refusal));
    }
    for file_id in file_ids {
        // The brand's own staff's upload: a seller's evidence (same brand, same case) is not
        // the brand's to attach.
        let owner: Option<i64> = sqlx::query_scalar(
            "SELECT f.brand_id FROM files f JOIN users u ON u.id = f.uploaded_by \
             WHERE f.id = $1 AND u.role = 'brand_staff'",
        )
        .bind(*file_id)
        .fetch_optional(&mut *tx)
        .await?;
        if owner != Some(brand_id) || crate::db::files::is_attached(&mut tx, *file_id).await? {
            tx.rollback().await?;
            return Ok(Err(ResponseRefusal::NotYourFile { file_id: *file_id }));
        }
        sqlx::query(
            "INSERT INTO counter_notice_files (counter_notice_id, file_id, party) VALUES ($1, $2, 'brand')",
        )
        .bind(id)
        .bind(*file_id)
        .execute(&mut *tx)
        .await?;
    }
    sqlx::query(
        "UPDATE counter_notices SET response_kind = $1, response_text = $2, responded_by = $3, \
         responded_at = $4 WHERE id = $5",
    )
    .bind(kind.as_str())
    .bind(text.trim())
    .bind(actor_id)
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    let detail = format!(
        "The brand responded to counter-notice {id}: {}",
        kind.label().to_lowercase()
    );
    record_on_both(
        &mut tx,
        Some(actor_id),
        "counter_notice.responded",
        (item_id, listing_id, brand_id),
        &detail,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(Ok(()))
}

/// Decides an open counter-notice in one transaction. Restoring puts the listing live again
/// (and tells the marketplace), makes the item "restored after counter-notice", lifts the
/// seller's strike and recomputes the brand's tier; upholding keeps the removal with the
/// explanation the seller reads. Returns what the decision did; `Err` says why nothing changed.
pub async fn decide(
    db: &Db,
    id: i64,
    decision: &AppealDecision,
    rules: &Rules,
    actor_id: i64,
    now: i64,
) -> sqlx::Result<Result<AppealOutcome, DecisionRefusal>> {
    let (status, note) = match decision {
        AppealDecision::Restore { note } => (AppealStatus::Restored, note.trim()),
        AppealDecision::Uphold { explanation } => (AppealStatus::RemovalStands, explanation.trim()),
    };
    let mut tx = db.begin().await?;
    let changed = sqlx::query(
        "UPDATE counter_notices SET status = $1, decided_by = $2, decided_at = $3, \
         decision_note = $4 WHERE id = $5 AND status = 'open'",
    )
    .bind(status.as_str())
    .bind(actor_id)
    .bind(now)
    .bind(note)
    .bind(id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed == 0 {
        tx.rollback().await?;
        return Ok(Err(DecisionRefusal::NotOpen { appeal_id: id }));
    }
    let (item_id, listing_id): (i64, i64) =
        sqlx::query_as("SELECT item_id, listing_id FROM counter_notices WHERE id = $1")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
    let (event, detail) = match status {
        AppealStatus::Restored => (
            ItemEvent::Restore,
            format!(
                "Counter-notice {id} decided: listing {listing_id} restored after counter-notice. {note}"
            ),
        ),
        _ => (
            ItemEvent::KeepRemoved,
            format!("Counter-notice {id} decided: the removal stands. {note}"),
        ),
    };
    let action = if event == ItemEvent::Restore {
        "listing.restored"
    } else {
        "counter_notice.upheld"
    };
    let detail = if event == ItemEvent::Restore {
        detail.trim_end()
    } else {
        detail.as_str()
    };
    let mv = Move {
        item_id,
        event,
        actor_id: Some(actor_id),
        scope: Scope::default(),
        decision: Default::default(),
        item_event: (action, detail),
        listing_event: Some((action, detail)),
        strike_lifted_because: "the listing was restored after counter-notice",
    };
    let Ok(moved) = lifecycle::apply(&mut tx, &mv, rules, now).await? else {
        tx.rollback().await?;
        return Ok(Err(DecisionRefusal::ItemNotWaiting { appeal_id: id }));
    };
    if event == ItemEvent::KeepRemoved {
        // A person has looked at the removal: a strike from an instant takedown now counts.
        let which = crate::db::strikes::Confirming::Item(item_id);
        let why = format!("the removal was upheld after counter-notice {id}");
        crate::db::strikes::confirm(&mut tx, which, &why, Some(actor_id), &rules.sellers, now)
            .await?;
    }
    let outcome = if event == ItemEvent::KeepRemoved {
        AppealOutcome::Upheld {
            appeal_id: id,
            listing_id,
        }
    } else {
        AppealOutcome::Restored {
            listing_id,
            tier_change: moved.tier_change,
        }
    };
    tx.commit().await?;
    Ok(Ok(outcome))
}

/// Flags open counter-notices whose brand let the response window pass, once each, with an
/// audit event (the hourly sweep). Returns how many were flagged.
pub async fn flag_no_response(db: &Db, now: i64) -> sqlx::Result<usize> {
    let pool = &db.pool;
    let due: Vec<(i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT id, item_id, listing_id, brand_id FROM counter_notices WHERE status = 'open' \
         AND responded_at IS NULL AND no_response_at IS NULL AND response_due_at <= $1",
    )
    .bind(now)
    .fetch_all(pool)
    .await?;
    for (id, item_id, listing_id, brand_id) in &due {
        let mut tx = db.begin().await?;
        let flagged = sqlx::query(
            "UPDATE counter_notices SET no_response_at = $1 WHERE id = $2 AND no_response_at IS NULL \
             AND responded_at IS NULL",
        )
        .bind(now)
        .bind(*id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if flagged > 0 {
            let detail =
                format!("No response from the rights holder to counter-notice {id} in time");
            let case = (*item_id, *listing_id, *brand_id);
            record_on_both(
                &mut tx,
                None,
                "counter_notice.no_response",
                case,
                &detail,
                now,
            )
            .await?;
        }
        tx.commit().await?;
    }
    Ok(due.len())
}
