//! Authenticity inquiries ("is this listing genuine?") between account managers and
//! Joint-Force brands: asking, the lists of inquiries, answering and expiry. What suggests a
//! question is in `db::suspicion`; the lists the rules read, in `db::brand_lists`.

use crate::db::Db;
use sqlx::{AnyPool, FromRow};

use crate::db::audit::{self, NewEvent};
use crate::db::listings::ListingRow;
use crate::db::reports::NewReport;
use crate::domain::Rules;
use crate::domain::joint_force::{Answer, InquiryStatus, SuspicionRule};
use crate::domain::{ReasonCode, format_time};
use crate::model::{InquiryAnswer, InquiryDraft, InquiryView};

/// Why an inquiry was not sent; the service words it for the account manager.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AskRefusal {
    /// There is no such listing.
    NoSuchListing {
        /// The listing asked about.
        listing_id: i64,
    },
    /// The listing has been removed already.
    Removed {
        /// The listing asked about.
        listing_id: i64,
    },
    /// The brand said the listing is genuine; it is not asked again.
    Cleared {
        /// The brand's name.
        brand_name: String,
        /// The listing asked about.
        listing_id: i64,
        /// When the brand cleared it (milliseconds since the Unix epoch).
        cleared_at: i64,
    },
    /// The brand is already being asked about the listing.
    AlreadyAsked {
        /// The listing asked about.
        listing_id: i64,
    },
}

/// Sends an inquiry, with its audit events, in one transaction. `Err` says why not: the
/// listing is gone, the brand cleared it already, or it is already being asked about.
pub async fn ask(
    db: &Db,
    draft: &InquiryDraft,
    question: &str,
    asked_by: i64,
    now: i64,
) -> sqlx::Result<Result<i64, AskRefusal>> {
    let pool = &db.pool;
    let listing = crate::db::listings::find(pool, draft.listing_id).await?;
    let Some(listing) = listing else {
        return Ok(Err(AskRefusal::NoSuchListing {
            listing_id: draft.listing_id,
        }));
    };
    if listing.status == crate::domain::ListingStatus::Removed {
        return Ok(Err(AskRefusal::Removed {
            listing_id: listing.id,
        }));
    }
    let cleared: Option<(i64, String)> = sqlx::query_as(
        "SELECT c.cleared_at, b.name FROM listing_clearances c JOIN brands b ON b.id = c.brand_id \
         WHERE c.brand_id = $1 AND c.listing_id = $2",
    )
    .bind(draft.brand_id)
    .bind(draft.listing_id)
    .fetch_optional(pool)
    .await?;
    if let Some((cleared_at, brand_name)) = cleared {
        return Ok(Err(AskRefusal::Cleared {
            brand_name,
            listing_id: listing.id,
            cleared_at,
        }));
    }
    let deadline_at = now + draft.deadline_hours * 3_600_000;
    let mut tx = db.begin().await?;
    let inserted: Result<i64, sqlx::Error> = sqlx::query_scalar(
        "INSERT INTO inquiries (listing_id, brand_id, asked_by, question, rule, deadline_at, \
         created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(draft.listing_id)
    .bind(draft.brand_id)
    .bind(asked_by)
    .bind(question)
    .bind(draft.rule.map(SuspicionRule::as_str))
    .bind(deadline_at)
    .bind(now)
    .fetch_one(&mut *tx)
    .await;
    let id = match inserted {
        Ok(id) => id,
        // The partial unique index: one open inquiry per listing and brand.
        Err(sqlx::Error::Database(error)) if error.is_unique_violation() => {
            return Ok(Err(AskRefusal::AlreadyAsked {
                listing_id: listing.id,
            }));
        }
        Err(error) => return Err(error),
    };
    let detail = format!(
        "Inquiry {id} sent: \"{question}\" (answer by {})",
        format_time(deadline_at)
    );
    let listing_detail = format!("Brand asked whether genuine (inquiry {id})");
    let events = [
        NewEvent {
            actor_id: Some(asked_by),
            action: "inquiry.sent",
            subject_type: "inquiry",
            subject_id: id,
            brand_id: Some(draft.brand_id),
            detail: &detail,
        },
        NewEvent {
            actor_id: Some(asked_by),
            action: "listing.inquiry_sent",
            subject_type: "listing",
            subject_id: draft.listing_id,
            brand_id: Some(draft.brand_id),
            detail: &listing_detail,
        },
    ];
    audit::record_many(&mut tx, &events, now).await?;
    tx.commit().await?;
    Ok(Ok(id))
}

/// Whose inquiries to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InquiryScope {
    /// Those sent to one brand.
    Brand(i64),
    /// Those one manager sent.
    AskedBy(i64),
    /// All (admins).
    All,
}

#[derive(Debug, FromRow)]
struct InquiryRow {
    id: i64,
    brand_id: i64,
    brand_name: String,
    asked_by_name: String,
    question: String,
    rule: Option<String>,
    status: String,
    comment: String,
    answered_by_name: Option<String>,
    answered_at: Option<i64>,
    item_id: Option<i64>,
    report_id: Option<i64>,
    created_at: i64,
    deadline_at: i64,
    #[sqlx(flatten)]
    listing: ListingRow,
}

/// Inquiries in scope: open ones first (soonest deadline first), then the rest, newest first.
pub async fn list(pool: &AnyPool, scope: InquiryScope, now: i64) -> sqlx::Result<Vec<InquiryView>> {
    let (condition, value) = match scope {
        InquiryScope::Brand(id) => ("q.brand_id = $1", id),
        InquiryScope::AskedBy(id) => ("q.asked_by = $1", id),
        InquiryScope::All => ("$1 = 0", 0),
    };
    let sql = format!(
        "SELECT q.id, q.brand_id, b.name AS brand_name, a.display_name AS asked_by_name, \
         q.question, q.rule, q.status, q.comment, w.display_name AS answered_by_name, \
         q.answered_at, q.item_id, i.report_id, q.created_at, q.deadline_at, \
         l.id AS listing_id, l.title, l.category, l.price_cents, l.currency, \
         l.status AS listing_status, l.external_id AS listing_ref, l.url AS listing_url, l.seller_id, s.name AS seller_name \
         FROM inquiries q JOIN brands b ON b.id = q.brand_id JOIN users a ON a.id = q.asked_by \
         LEFT JOIN users w ON w.id = q.answered_by LEFT JOIN report_items i ON i.id = q.item_id \
         JOIN listings l ON l.id = q.listing_id JOIN sellers s ON s.id = l.seller_id \
         WHERE {condition} \
         ORDER BY CASE WHEN q.status = 'open' AND q.deadline_at > $2 THEN 0 ELSE 1 END, \
         CASE WHEN q.status = 'open' AND q.deadline_at > $2 THEN q.deadline_at ELSE 0 END, \
         COALESCE(q.answered_at, q.deadline_at) DESC, q.id DESC LIMIT 200"
    );
    let rows: Vec<InquiryRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(value)
        .bind(now)
        .fetch_all(pool)
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| InquiryView {
            id: row.id,
            brand_id: row.brand_id,
            brand_name: row.brand_name,
            listing: row.listing.into(),
            asked_by: row.asked_by_name,
            question: row.question,
            rule: row.rule.as_deref().and_then(SuspicionRule::parse),
            status: InquiryStatus::parse(&row.status)
                .unwrap_or(InquiryStatus::Open)
                .at(row.deadline_at, now),
            comment: row.comment,
            answered: row.answered_by_name.zip(row.answered_at),
            report_item: row.report_id.zip(row.item_id),
            created_at: row.created_at,
            deadline_at: row.deadline_at,
        })
        .collect())
}

/// Inquiries waiting for this brand's answer now.
pub async fn open_count(pool: &AnyPool, brand_id: i64, now: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM inquiries WHERE brand_id = $1 AND status = 'open' AND deadline_at > $2",
    )
    .bind(brand_id)
    .bind(now)
    .fetch_one(pool)
    .await
}

/// The brand of an inquiry, if it exists.
pub async fn brand_of(pool: &AnyPool, inquiry_id: i64) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar("SELECT brand_id FROM inquiries WHERE id = $1")
        .bind(inquiry_id)
        .fetch_optional(pool)
        .await
}

/// Why an answer was not recorded: nothing changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerRefusal {
    /// The brand has no such inquiry.
    NoSuchInquiry {
        /// The inquiry answered.
        inquiry_id: i64,
    },
    /// The inquiry's deadline passed without an answer.
    Expired {
        /// The inquiry answered.
        inquiry_id: i64,
        /// Its deadline (milliseconds since the Unix epoch).
        deadline_at: i64,
    },
    /// The inquiry was answered already.
    AlreadyAnswered {
        /// The inquiry answered.
        inquiry_id: i64,
        /// Where it stands now.
        status: InquiryStatus,
    },
}

/// What an answer did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answered {
    /// The answer is recorded ("genuine" clears the listing; "unsure" goes back to the manager).
    Recorded {
        /// The inquiry answered.
        inquiry_id: i64,
        /// The inquiry's new status.
        status: InquiryStatus,
    },
    /// "Counterfeit": the listing was removed on a report filed in the brand's name.
    Removed {
        /// The inquiry answered.
        inquiry_id: i64,
        /// The listing removed.
        listing_id: i64,
        /// The report filed.
        report_id: i64,
        /// The report's item.
        item_id: i64,
    },
    /// "Counterfeit", but the listing had been removed already.
    AlreadyRemoved {
        /// The inquiry answered.
        inquiry_id: i64,
        /// The listing.
        listing_id: i64,
    },
}

/// Records the brand's answer in one transaction with everything it sets off. "Counterfeit"
/// files a report in the brand's name and removes the listing at once (the Joint-Force path:
/// a report item decided as removed, outbox row, audit sample draw, tier recomputation) and
/// links the item to the inquiry; "genuine" clears the listing for the brand; "unsure" goes
/// back to the manager. Returns what it did; `Err` says why nothing changed (answered
/// already, or expired).
pub async fn answer(
    db: &Db,
    brand_id: i64,
    answer: &InquiryAnswer,
    answered_by: i64,
    rules: &Rules,
    now: i64,
) -> sqlx::Result<Result<Answered, AnswerRefusal>> {
    let id = answer.inquiry_id;
    let mut tx = db.begin().await?;
    let row: Option<(i64, String, i64)> = sqlx::query_as(
        "SELECT listing_id, status, deadline_at FROM inquiries WHERE id = $1 AND brand_id = $2",
    )
    .bind(id)
    .bind(brand_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((listing_id, status, deadline_at)) = row else {
        return Ok(Err(AnswerRefusal::NoSuchInquiry { inquiry_id: id }));
    };
    let changed = sqlx::query(
        "UPDATE inquiries SET status = $1, comment = $2, answered_by = $3, answered_at = $4 \
         WHERE id = $5 AND status = 'open' AND deadline_at > $4",
    )
    .bind(answer.answer.status().as_str())
    .bind(answer.comment.as_str())
    .bind(answered_by)
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed == 0 {
        tx.rollback().await?;
        let status = InquiryStatus::parse(&status)
            .unwrap_or(InquiryStatus::Open)
            .at(deadline_at, now);
        return Ok(Err(if status == InquiryStatus::Expired {
            AnswerRefusal::Expired {
                inquiry_id: id,
                deadline_at,
            }
        } else {
            AnswerRefusal::AlreadyAnswered {
                inquiry_id: id,
                status,
            }
        }));
    }
    let mut answered = Answered::Recorded {
        inquiry_id: id,
        status: answer.answer.status(),
    };
    let mut listing_event = None;
    match answer.answer {
        Answer::Counterfeit => {
            let report = NewReport {
                brand_id,
                submitted_by: answered_by,
                ip_right_id: answer.ip_right_id,
                reason: ReasonCode::Counterfeit,
                explanation: format!(
                    "Answer to the marketplace's authenticity inquiry {id}: counterfeit.{}",
                    if answer.comment.is_empty() {
                        String::new()
                    } else {
                        format!(" {}", answer.comment)
                    }
                ),
                test_buy_order: String::new(),
                declaration: crate::domain::report::DECLARATION.to_owned(),
                signature: answer.signature.clone(),
                resubmits_item_id: None,
                evidence_file_ids: Vec::new(),
                items: vec![(listing_id, listing_id.to_string(), String::new())],
                confirmed_authorised: Vec::new(),
            };
            let cause = format!("the answer to inquiry {id}");
            let (report_id, items) =
                crate::db::takedown::take_down_in(&mut tx, &report, rules, &cause, now).await?;
            if let Some((item_id, _)) = items.first() {
                sqlx::query("UPDATE inquiries SET item_id = $1 WHERE id = $2")
                    .bind(*item_id)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                answered = Answered::Removed {
                    inquiry_id: id,
                    listing_id,
                    report_id,
                    item_id: *item_id,
                };
            } else {
                answered = Answered::AlreadyRemoved {
                    inquiry_id: id,
                    listing_id,
                };
            }
        }
        Answer::Genuine => {
            sqlx::query(
                "INSERT INTO listing_clearances (brand_id, listing_id, inquiry_id, cleared_by, \
                 cleared_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
            )
            .bind(brand_id)
            .bind(listing_id)
            .bind(id)
            .bind(answered_by)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            listing_event = Some(format!(
                "Cleared as genuine by the brand (inquiry {id}); not asked about again"
            ));
        }
        Answer::Unsure => {}
    }
    let detail = if answer.comment.is_empty() {
        format!("Answered: {}", answer.answer.status().label())
    } else {
        format!(
            "Answered: {} — \"{}\"",
            answer.answer.status().label(),
            answer.comment
        )
    };
    let mut events = vec![NewEvent {
        actor_id: Some(answered_by),
        action: "inquiry.answered",
        subject_type: "inquiry",
        subject_id: id,
        brand_id: Some(brand_id),
        detail: &detail,
    }];
    if let Some(detail) = &listing_event {
        events.push(NewEvent {
            actor_id: Some(answered_by),
            action: "listing.cleared",
            subject_type: "listing",
            subject_id: listing_id,
            brand_id: Some(brand_id),
            detail,
        });
    }
    audit::record_many(&mut tx, &events, now).await?;
    tx.commit().await?;
    Ok(Ok(answered))
}

/// Marks open inquiries past their deadline as expired, with an audit event each, in one
/// transaction (pages already show them expired; this writes it down). Returns how many.
pub async fn expire(db: &Db, now: i64) -> sqlx::Result<usize> {
    let mut tx = db.begin().await?;
    let expired: Vec<(i64, i64)> = sqlx::query_as(
        "UPDATE inquiries SET status = 'expired' WHERE status = 'open' AND deadline_at <= $1 \
         RETURNING id, brand_id",
    )
    .bind(now)
    .fetch_all(&mut *tx)
    .await?;
    let events: Vec<NewEvent> = expired
        .iter()
        .map(|(id, brand_id)| NewEvent {
            actor_id: None,
            action: "inquiry.expired",
            subject_type: "inquiry",
            subject_id: *id,
            brand_id: Some(*brand_id),
            detail: "Expired: no answer before the deadline",
        })
        .collect();
    for chunk in events.chunks(400) {
        audit::record_many(&mut tx, chunk, now).await?;
    }
    tx.commit().await?;
    Ok(expired.len())
}

/// Joint-Force brands an account manager may ask (`Some(manager)`), or all of them.
pub async fn askable_brands(
    pool: &AnyPool,
    manager_id: Option<i64>,
) -> sqlx::Result<Vec<(i64, String)>> {
    sqlx::query_as(
        "SELECT id, name FROM brands WHERE tier = 'joint_force' AND ($1 = 0 OR manager_id = $1) \
         ORDER BY name",
    )
    .bind(manager_id.unwrap_or(0))
    .fetch_all(pool)
    .await
}
