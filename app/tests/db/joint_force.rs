//! Joint-Force database tests: the audit of sampled instant takedowns, authenticity inquiries
//! and their answers, expiry, and the suspicion rules with their feedback (instant takedowns
//! racing decisions, sharing a transaction and striking sellers are in `takedowns.rs`). SQLite
//! by default, PostgreSQL when `GOODFAITH_TEST_POSTGRES_URL` is set.

use app::db::brand_lists::{self, ListChange};
use app::db::inquiries::{self, Answered, InquiryScope};
use app::db::takedown_audits::{self as audits, AuditDecision};
use app::db::{self, listings, statements, suspicion, takedown};
use app::domain::joint_force::{Answer, InquiryStatus, SuspicionRule};
use app::domain::{ItemStatus, ListingStatus, RejectionCode, Tier};
use app::model::{AuditVerdict, InquiryAnswer, InquiryDraft, ListingSearch};
use app::service::joint_force as service;
use app::service::{Clock, Context};

use crate::common::{HOUR, RULES, World, history, report_of, tier_of, world};

/// The rules with every instant takedown sampled for audit.
fn all_sampled() -> app::domain::Rules {
    let mut rules = RULES;
    rules.joint_force.audit.share_bp = 10_000;
    rules
}

pub(crate) async fn count(w: &World, sql: &'static str, id: i64) -> i64 {
    sqlx::query_scalar(sql)
        .bind(id)
        .fetch_one(&w.db.pool)
        .await
        .expect("count")
}

/// The signed-in person of this user id, as the door hands them to a use case.
async fn as_user(w: &World, user_id: i64) -> app::model::CurrentUser {
    app::db::users::find_by_id(&w.db.pool, user_id)
        .await
        .expect("user")
        .and_then(|record| record.to_current_user())
        .expect("current user")
}

pub(crate) async fn listing_status(w: &World, id: i64) -> ListingStatus {
    listings::find(&w.db.pool, id)
        .await
        .expect("find")
        .expect("listing")
        .status
}

#[tokio::test]
async fn an_overturned_audit_restores_the_listing_and_ends_instant_takedown_at_once() {
    let w = world().await;
    // Joint-Force at 90 of 100: one more upheld, then one overturn, puts it below 90 %.
    history(&w, w.joint_force, 90, 10, 30).await;
    assert_eq!(tier_of(&w, w.joint_force.0).await, Tier::JointForce);
    let now = db::now_ms();
    let (_, items) = takedown::take_down(
        &w.db,
        &report_of(w.joint_force, &w.listings[..2]),
        &all_sampled(),
        now,
    )
    .await
    .expect("take down");
    let (first, second) = (items[0], items[1]);

    // The samples wait for the brand's manager, not for another manager.
    let mine = audits::open_samples(&w.db.pool, Some(w.manager))
        .await
        .expect("samples");
    assert_eq!(mine.len(), 2);
    let theirs = audits::open_samples(&w.db.pool, Some(w.other_manager))
        .await
        .expect("samples");
    assert!(theirs.is_empty());

    // The manager decides through the use case, which words what was done.
    let ctx = Context {
        clock: Clock::Fixed(now),
        ..Context::new(w.db.clone(), RULES)
    };
    let manager = as_user(&w, w.manager).await;
    service::decide_audit(&ctx, &manager, second.0, AuditVerdict::Confirm)
        .await
        .expect("confirmed");
    assert_eq!(listing_status(&w, second.1).await, ListingStatus::Removed);

    let overturn = AuditVerdict::Overturn {
        code: RejectionCode::NotInfringing,
        explanation: "The seller's invoice shows genuine stock.".into(),
    };
    let message = service::decide_audit(&ctx, &manager, first.0, overturn.clone())
        .await
        .expect("overturned");
    assert!(message.contains("lost instant takedown"), "{message}");
    assert_eq!(listing_status(&w, first.1).await, ListingStatus::Restored);
    let item_status: String = sqlx::query_scalar("SELECT status FROM report_items WHERE id = $1")
        .bind(first.0)
        .fetch_one(&w.db.pool)
        .await
        .expect("status");
    assert_eq!(item_status, ItemStatus::Rejected.as_str());
    assert_ne!(tier_of(&w, w.joint_force.0).await, Tier::JointForce);
    let mut conn = w.db.pool.acquire().await.expect("connection");
    let refusal = takedown::refusal(&mut conn, w.joint_force.0, now)
        .await
        .expect("refusal");
    drop(conn);
    assert!(refusal.is_some(), "instant takedown ends with the overturn");
    assert_eq!(
        count(
            &w,
            "SELECT COUNT(*) FROM marketplace_outbox WHERE listing_id = $1 \
             AND event = 'listing.restored'",
            first.1
        )
        .await,
        1
    );
    assert_eq!(
        count(
            &w,
            "SELECT COUNT(*) FROM audit_events WHERE subject_id = $1 \
             AND action = 'item.audit_overturned'",
            first.0
        )
        .await,
        1
    );
    // Decided once: a second verdict changes nothing.
    let again = service::decide_audit(&ctx, &manager, first.0, overturn).await;
    assert!(again.is_err());
}

#[tokio::test]
async fn a_retracted_takedown_leaves_the_audit_queue() {
    let w = world().await;
    let now = db::now_ms();
    let (_, items) = takedown::take_down(
        &w.db,
        &report_of(w.joint_force, &[w.listings[0]]),
        &all_sampled(),
        now,
    )
    .await
    .expect("take down");
    takedown::retract(
        &w.db,
        items[0].0,
        w.joint_force.0,
        w.joint_force.1,
        &RULES,
        now,
    )
    .await
    .expect("database")
    .expect("retracted");
    assert!(
        audits::open_samples(&w.db.pool, None)
            .await
            .expect("samples")
            .is_empty()
    );
    let late = audits::decide(
        &w.db,
        items[0].0,
        &AuditDecision::Confirm,
        &RULES,
        w.manager,
        now,
    )
    .await
    .expect("database");
    assert!(late.is_err());
}

#[tokio::test]
async fn the_default_share_samples_some_takedowns_and_not_others() {
    let w = world().await;
    let now = db::now_ms();
    let (_, items) =
        takedown::take_down(&w.db, &report_of(w.joint_force, &w.listings), &RULES, now)
            .await
            .expect("take down");
    let sampled: Vec<i64> =
        sqlx::query_scalar("SELECT item_id FROM takedown_audits ORDER BY item_id")
            .fetch_all(&w.db.pool)
            .await
            .expect("samples");
    let expected: Vec<i64> = items
        .iter()
        .map(|(item, _)| *item)
        .filter(|item| RULES.joint_force.audit.picks(*item))
        .collect();
    assert_eq!(sampled, expected, "the stored sample is the seeded draw");
}

fn draft(w: &World, listing: i64, hours: i64, rule: Option<SuspicionRule>) -> InquiryDraft {
    InquiryDraft {
        brand_id: w.joint_force.0,
        listing_id: listing,
        question: "Is this listing genuine?".into(),
        deadline_hours: hours,
        rule,
    }
}

fn answer(inquiry_id: i64, answer: Answer, w: &World) -> InquiryAnswer {
    InquiryAnswer {
        inquiry_id,
        answer,
        comment: String::new(),
        ip_right_id: w.joint_force.2,
        declared: true,
        signature: "Test Person".into(),
    }
}

async fn ask(w: &World, draft: &InquiryDraft, now: i64) -> Result<i64, String> {
    inquiries::ask(&w.db, draft, &draft.question, w.manager, now)
        .await
        .expect("database")
        .map_err(|refusal| refusal.message())
}

/// The Joint-Force brand's staff answers inquiry `id`; `Err` is the refusal in words.
async fn brand_answers(w: &World, id: i64, said: Answer, now: i64) -> Result<Answered, String> {
    inquiries::answer(
        &w.db,
        w.joint_force.0,
        &answer(id, said, w),
        w.joint_force.1,
        &RULES,
        now,
    )
    .await
    .expect("database")
    .map_err(|refusal| refusal.message())
}

#[tokio::test]
async fn a_counterfeit_answer_removes_the_listing_through_a_linked_item() {
    let w = world().await;
    let now = db::now_ms();
    let listing = w.listings[2];
    let id = ask(&w, &draft(&w, listing, 72, None), now)
        .await
        .expect("asked");
    let twice = ask(&w, &draft(&w, listing, 72, None), now).await;
    assert!(twice.is_err_and(|message| message.contains("already being asked")));

    // Another brand cannot answer it.
    let foreign = inquiries::answer(
        &w.db,
        w.good_faith.0,
        &answer(id, Answer::Counterfeit, &w),
        w.good_faith.1,
        &RULES,
        now,
    )
    .await
    .expect("database");
    assert!(foreign.is_err());
    assert_eq!(listing_status(&w, listing).await, ListingStatus::Live);

    brand_answers(&w, id, Answer::Counterfeit, now)
        .await
        .expect("answered");
    assert_eq!(listing_status(&w, listing).await, ListingStatus::Removed);
    let list = inquiries::list(&w.db.pool, InquiryScope::Brand(w.joint_force.0), now)
        .await
        .expect("list");
    let inquiry = list.iter().find(|q| q.id == id).expect("inquiry");
    assert_eq!(inquiry.status, InquiryStatus::Counterfeit);
    let (_, item) = inquiry.report_item.expect("linked item");
    let (status, instant): (String, i64) =
        sqlx::query_as("SELECT status, instant FROM report_items WHERE id = $1")
            .bind(item)
            .fetch_one(&w.db.pool)
            .await
            .expect("item");
    assert_eq!((status.as_str(), instant), ("removed", 1));
    let statement = statements::statement_of_reasons(&w.db.pool, listing)
        .await
        .expect("statement")
        .expect("removed");
    assert!(statement.automated);
    // Another brand's view of inquiries does not include it.
    let others = inquiries::list(&w.db.pool, InquiryScope::Brand(w.good_faith.0), now)
        .await
        .expect("list");
    assert!(others.is_empty());
    let again = brand_answers(&w, id, Answer::Genuine, now).await;
    assert!(again.is_err_and(|message| message.contains("already answered")));
}

#[tokio::test]
async fn a_genuine_answer_clears_the_listing_for_good() {
    let w = world().await;
    let now = db::now_ms();
    let listing = w.listings[3];
    let id = ask(&w, &draft(&w, listing, 72, None), now)
        .await
        .expect("asked");
    brand_answers(&w, id, Answer::Genuine, now)
        .await
        .expect("answered");
    assert_eq!(listing_status(&w, listing).await, ListingStatus::Live);
    let again = ask(&w, &draft(&w, listing, 72, None), now).await;
    assert!(again.is_err_and(|message| message.contains("genuine")));
}

#[tokio::test]
async fn an_unanswered_inquiry_expires_at_its_deadline() {
    let w = world().await;
    let now = db::now_ms();
    let id = ask(&w, &draft(&w, w.listings[4], 1, None), now)
        .await
        .expect("asked");
    assert_eq!(
        inquiries::open_count(&w.db.pool, w.joint_force.0, now)
            .await
            .expect("count"),
        1
    );
    let later = now + 2 * HOUR;
    assert_eq!(
        inquiries::open_count(&w.db.pool, w.joint_force.0, later)
            .await
            .expect("count"),
        0
    );
    let list = inquiries::list(&w.db.pool, InquiryScope::AskedBy(w.manager), later)
        .await
        .expect("list");
    assert_eq!(list[0].status, InquiryStatus::Expired);
    let late = brand_answers(&w, id, Answer::Genuine, later).await;
    assert!(late.is_err_and(|message| message.contains("expired")));
    assert_eq!(inquiries::expire(&w.db, later).await.expect("expire"), 1);
    assert_eq!(
        count(
            &w,
            "SELECT COUNT(*) FROM audit_events WHERE subject_type = 'inquiry' \
             AND subject_id = $1 AND action = 'inquiry.expired'",
            id
        )
        .await,
        1
    );
}

#[tokio::test]
async fn suspicion_rules_say_why_and_learn_from_the_answers() {
    let w = world().await;
    let now = db::now_ms();
    let pool = &w.db.pool;
    let (brand, staff) = (w.joint_force.0, w.joint_force.1);
    // A listing with the brand's name, from the test seller, at 10.00.
    let seller: i64 = sqlx::query_scalar("SELECT MIN(id) FROM sellers")
        .fetch_one(pool)
        .await
        .expect("seller");
    let mut tx = pool.begin().await.expect("begin");
    listings::insert_many(
        &mut tx,
        &[listings::NewListing {
            seller_id: seller,
            title: "Helios Studio Pro headphones".into(),
            category: "Audio".into(),
            price_cents: 1_000,
            currency: "USD".into(),
        }],
        now,
    )
    .await
    .expect("listing");
    let helios_listing = listings::newest_ids(&mut tx, 1).await.expect("id")[0];
    tx.commit().await.expect("commit");
    let search = ListingSearch {
        brand_id: brand,
        flagged_only: true,
        ..Default::default()
    };
    let flagged = |search: ListingSearch| async move {
        suspicion::search(pool, brand, "Helios", &search, (None, None), 5_000, now)
            .await
            .expect("search")
            .rows
    };
    assert!(
        flagged(search.clone()).await.is_empty(),
        "no rule fires yet"
    );

    let db = &w.db;
    let change = |change: ListChange| async move {
        brand_lists::change_lists(db, brand, &change, staff, now)
            .await
            .expect("database")
            .map_err(|refusal| refusal.message())
    };
    change(ListChange::SetPrice {
        product_line: "studio pro".into(),
        price_cents: 34_900,
    })
    .await
    .expect("price");
    assert!(
        change(ListChange::AddSeller("No Such Shop".into()))
            .await
            .is_err_and(|message| message.contains("No Such Shop"))
    );
    // Only a seller on a non-empty list is authorised; everyone else is flagged.
    change(ListChange::AddSeller("bazaar outlet".into()))
        .await
        .expect("seller");
    let rows = flagged(search.clone()).await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].listing.id, helios_listing);
    let rules: Vec<SuspicionRule> = rows[0].rules.iter().map(|(rule, _)| *rule).collect();
    assert_eq!(rules, vec![SuspicionRule::PriceBelowReference]);
    assert!(
        rows[0].rules[0].1.contains("USD 349.00"),
        "{:?}",
        rows[0].rules
    );

    let mut tx = pool.begin().await.expect("begin");
    let other = listings::insert_seller(&mut tx, "Other Shop", "DE", now)
        .await
        .expect("seller");
    tx.commit().await.expect("commit");
    change(ListChange::RemoveSeller(seller))
        .await
        .expect("removed");
    change(ListChange::AddSeller("Other Shop".into()))
        .await
        .expect("other");
    assert!(other > 0);
    // A removal on the seller's other listing is a strike.
    takedown::take_down(
        &w.db,
        &report_of(w.joint_force, &[w.listings[0]]),
        &RULES,
        now,
    )
    .await
    .expect("take down");
    let rows = flagged(search.clone()).await;
    let rules: Vec<SuspicionRule> = rows[0].rules.iter().map(|(rule, _)| *rule).collect();
    assert_eq!(
        rules,
        vec![
            SuspicionRule::PriceBelowReference,
            SuspicionRule::SellerWithStrikes,
            SuspicionRule::UnauthorisedSeller
        ]
    );
    // A price range that excludes it finds nothing.
    let above = suspicion::search(
        pool,
        brand,
        "Helios",
        &search,
        (Some(2_000), None),
        5_000,
        now,
    )
    .await
    .expect("search");
    assert!(above.rows.is_empty());
    // Unflagged listings too: the most suspicious first, ahead of a newer one no rule flags.
    let mut tx = pool.begin().await.expect("begin");
    listings::insert_many(
        &mut tx,
        &[listings::NewListing {
            seller_id: seller,
            title: "Plain phone case".into(),
            category: "Accessories".into(),
            price_cents: 1_500,
            currency: "USD".into(),
        }],
        now,
    )
    .await
    .expect("listing");
    let newer = listings::newest_ids(&mut tx, 1).await.expect("id")[0];
    tx.commit().await.expect("commit");
    assert!(newer > helios_listing);
    let everything = flagged(ListingSearch {
        flagged_only: false,
        ..search.clone()
    })
    .await;
    assert_eq!(everything[0].listing.id, helios_listing);
    let plain = everything
        .iter()
        .position(|row| row.listing.id == newer)
        .expect("the newer listing is in the window");
    assert!(plain > 0 && everything[plain].rules.is_empty());

    let id = ask(
        &w,
        &draft(
            &w,
            helios_listing,
            72,
            Some(SuspicionRule::PriceBelowReference),
        ),
        now,
    )
    .await
    .expect("asked");
    inquiries::answer(
        &w.db,
        brand,
        &answer(id, Answer::Counterfeit, &w),
        staff,
        &RULES,
        now,
    )
    .await
    .expect("database")
    .expect("answered");
    let feedback = suspicion::rule_feedback(pool).await.expect("feedback");
    let price = feedback
        .iter()
        .find(|f| f.rule == SuspicionRule::PriceBelowReference)
        .expect("rule");
    assert_eq!((price.asked, price.counterfeit), (1, 1));
}
