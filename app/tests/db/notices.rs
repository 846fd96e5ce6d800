//! Notice-and-action database tests: submission, line checks, duplicate detection, queue
//! order and scope, concurrent decisions, withdrawal and the statement of reasons. Each runs
//! on a fresh database — SQLite by default, PostgreSQL when `GOODFAITH_TEST_POSTGRES_URL` is
//! set (the test command runs them both ways).

use app::db::{self, audit, brands, listings, reports, review, statements};
use app::domain::queue::ReviewTargets;
use app::domain::{ItemStatus, ListingStatus, RejectionCode, RightKind, Tier};
use app::model::{Decision, QueueFilter, ReportFilter};

use crate::common::{HOUR, RULES, report_of, submit, world};

/// A manager's rejection of a notice, with the code and the explanation given.
pub(crate) fn rejection(code: RejectionCode, explanation: &str) -> Decision {
    Decision::Reject {
        code,
        explanation: explanation.into(),
    }
}

#[tokio::test]
async fn a_report_and_its_items_are_stored_with_their_audit_events() {
    let w = world().await;
    let (report_id, items) = submit(&w, w.standard, &w.listings[..3], db::now_ms()).await;
    assert_eq!(items.len(), 3);
    let detail = reports::detail(&w.db.pool, report_id, db::now_ms())
        .await
        .expect("detail")
        .expect("report");
    assert_eq!(detail.items.len(), 3);
    assert!(
        detail
            .items
            .iter()
            .all(|item| item.status == ItemStatus::Pending)
    );
    assert!(
        detail
            .items
            .iter()
            .all(|item| item.timeline.len() == 1 && item.timeline[0].action == "item.submitted")
    );
    let report_events = audit::events_for(&w.db.pool, "report", report_id)
        .await
        .expect("events");
    assert_eq!(report_events.len(), 1);
    assert_eq!(report_events[0].action, "report.submitted");
}

#[tokio::test]
async fn each_line_is_checked_against_the_marketplace() {
    let w = world().await;
    let l = &w.listings;
    submit(&w, w.standard, &[l[0]], db::now_ms()).await;
    sqlx::query("UPDATE listings SET status = 'removed' WHERE id = $1")
        .bind(l[1])
        .execute(&w.db.pool)
        .await
        .expect("remove");
    let text = format!(
        "{}\n{}\n999999\nnot a listing\n{}\n{}",
        l[0], l[1], l[2], l[2]
    );
    let checked = reports::check_report_lines(&w.db.pool, w.standard.0, &text, &RULES.listing_urls)
        .await
        .expect("check");
    let outcome = |n: usize| {
        checked[n]
            .outcome
            .clone()
            .map_err(|problem| problem.message())
    };
    assert!(
        outcome(0)
            .expect_err("a problem")
            .contains("already under review")
    );
    assert!(
        outcome(1)
            .expect_err("a problem")
            .contains("already been removed")
    );
    assert!(
        outcome(2)
            .expect_err("a problem")
            .contains("Unknown listing")
    );
    assert!(outcome(3).expect_err("a problem").contains("listing ID"));
    assert_eq!(outcome(4).map(|(id, _)| id), Ok(l[2]));
    assert!(outcome(5).expect_err("a problem").contains("Repeated"));
    // Under review for Northwind is not under review for Aurora.
    let other = reports::check_report_lines(
        &w.db.pool,
        w.good_faith.0,
        &l[0].to_string(),
        &RULES.listing_urls,
    )
    .await
    .expect("check");
    assert!(other[0].outcome.is_ok());
}

#[tokio::test]
async fn two_reports_racing_for_one_listing_store_it_once() {
    let w = world().await;
    let listing = w.listings[4];
    let now = db::now_ms();
    let first = report_of(w.standard, &[listing]);
    let second = report_of(w.standard, &[listing]);
    let (a, b) = tokio::join!(
        reports::submit(&w.db, &first, ReviewTargets::default(), now),
        reports::submit(&w.db, &second, ReviewTargets::default(), now),
    );
    let stored = [a.is_ok(), b.is_ok()].iter().filter(|ok| **ok).count();
    assert_eq!(
        stored, 1,
        "exactly one report keeps the listing: {a:?} {b:?}"
    );
    assert!(matches!(
        a.err().or(b.err()),
        Some(reports::SubmitError::Raced)
    ));
    let pending: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM report_items WHERE listing_id = $1")
            .bind(listing)
            .fetch_one(&w.db.pool)
            .await
            .expect("count");
    assert_eq!(pending, 1, "the losing report left nothing behind");
    let reports_stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM reports")
        .fetch_one(&w.db.pool)
        .await
        .expect("count");
    assert_eq!(reports_stored, 1);
}

#[tokio::test]
async fn the_queue_puts_joint_force_first_then_good_faith_then_standard_by_deadline() {
    let w = world().await;
    let now = db::now_ms();
    let l = &w.listings;
    // Oldest first by submission, but tier priority decides before deadlines do.
    let (_, standard_old) = submit(&w, w.standard, &[l[0]], now - 30 * HOUR).await;
    let (_, good_faith_new) = submit(&w, w.good_faith, &[l[1]], now - HOUR).await;
    let (_, good_faith_old) = submit(&w, w.good_faith, &[l[2]], now - 5 * HOUR).await;
    let (_, joint_force) = submit(&w, w.joint_force, &[l[3]], now).await;

    let admin_view = review::queue(&w.db.pool, None, &QueueFilter::default(), now)
        .await
        .expect("queue");
    let order: Vec<i64> = admin_view.rows.iter().map(|row| row.item_id).collect();
    assert_eq!(
        order,
        vec![
            joint_force[0],
            good_faith_old[0],
            good_faith_new[0],
            standard_old[0]
        ]
    );
    let overdue: Vec<bool> = admin_view.rows.iter().map(|row| row.overdue).collect();
    // Good Faith target 4 h: the 5-hour-old one is overdue; Standard 24 h: 30 hours is too.
    assert_eq!(overdue, vec![false, true, false, true]);
    assert_eq!(admin_view.rows[0].tier, Tier::JointForce);

    // A manager sees only assigned brands; filters narrow further.
    let mine = review::queue(&w.db.pool, Some(w.manager), &QueueFilter::default(), now)
        .await
        .expect("queue");
    assert_eq!(mine.total, 3);
    assert!(mine.rows.iter().all(|row| row.item_id != standard_old[0]));
    let theirs = review::queue(
        &w.db.pool,
        Some(w.other_manager),
        &QueueFilter::default(),
        now,
    )
    .await
    .expect("queue");
    assert_eq!(
        theirs.rows.iter().map(|r| r.item_id).collect::<Vec<_>>(),
        standard_old
    );
    let good_faith_only = QueueFilter {
        tier: "good_faith".into(),
        ..QueueFilter::default()
    };
    let filtered = review::queue(&w.db.pool, None, &good_faith_only, now)
        .await
        .expect("queue");
    assert_eq!(filtered.total, 2);
    let by_reason = QueueFilter {
        reason: "patent".into(),
        ..QueueFilter::default()
    };
    assert_eq!(
        review::queue(&w.db.pool, None, &by_reason, now)
            .await
            .expect("queue")
            .total,
        0
    );
}

#[tokio::test]
async fn two_reviewers_deciding_one_item_at_once_apply_exactly_one_decision() {
    let w = world().await;
    let (_, items) = submit(&w, w.good_faith, &[w.listings[5]], db::now_ms()).await;
    let item = items[0];
    let reject = rejection(RejectionCode::NotInfringing, "Different logo.");
    let now = db::now_ms();
    let (a, b) = tokio::join!(
        review::decide(&w.db, item, &Decision::Remove, &RULES, w.manager, now),
        review::decide(&w.db, item, &reject, &RULES, w.other_manager, now),
    );
    let (a, b) = (a.expect("database"), b.expect("database"));
    assert_eq!(
        [a.is_ok(), b.is_ok()].iter().filter(|ok| **ok).count(),
        1,
        "{a:?} {b:?}"
    );
    // The loser is told who got there first, in the review use case's words.
    let loser = a.err().or(b.err()).expect("one loses").message(item);
    assert!(loser.contains("already decided by"), "{loser}");

    let decisions: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_events WHERE subject_type = 'report_item' AND subject_id = $1 \
         AND action IN ('item.removed', 'item.rejected')",
    )
    .bind(item)
    .fetch_one(&w.db.pool)
    .await
    .expect("count");
    assert_eq!(decisions, 1);
    let status: String = sqlx::query_scalar("SELECT status FROM report_items WHERE id = $1")
        .bind(item)
        .fetch_one(&w.db.pool)
        .await
        .expect("status");
    let listing = listings::find(&w.db.pool, w.listings[5])
        .await
        .expect("find")
        .expect("listing");
    // The listing's state agrees with whichever decision won.
    assert_eq!(
        listing.status == ListingStatus::Removed,
        status == ItemStatus::Removed.as_str()
    );
}

#[tokio::test]
async fn a_removal_takes_the_listing_down_and_explains_itself() {
    let w = world().await;
    let listing = w.listings[6];
    let (report_id, items) = submit(&w, w.joint_force, &[listing], db::now_ms()).await;
    assert_eq!(
        statements::statement_of_reasons(&w.db.pool, listing)
            .await
            .expect("sor"),
        None
    );
    review::decide(
        &w.db,
        items[0],
        &Decision::Remove,
        &RULES,
        w.manager,
        db::now_ms(),
    )
    .await
    .expect("database")
    .expect("decided");
    let found = listings::find(&w.db.pool, listing)
        .await
        .expect("find")
        .expect("listing");
    assert_eq!(found.status, ListingStatus::Removed);
    let statement = statements::statement_of_reasons(&w.db.pool, listing)
        .await
        .expect("sor")
        .expect("statement");
    assert_eq!(statement.brand_name, "Helios");
    assert_eq!(statement.report_id, report_id);
    assert_eq!(statement.right_kind, RightKind::Trademark);
    assert!(!statement.automated);
    let trail = audit::listing_trail(&w.db.pool, listing, None)
        .await
        .expect("trail");
    // The removal, then the strike it costs the seller.
    let actions: Vec<&str> = trail.iter().map(|event| event.action.as_str()).collect();
    assert_eq!(actions, ["listing.removed", "seller.strike"]);
    // The other manager does not see the dealings of a brand they do not manage.
    let hidden = audit::listing_trail(&w.db.pool, listing, Some(w.other_manager))
        .await
        .expect("trail");
    assert!(hidden.is_empty());
}

#[tokio::test]
async fn only_pending_items_of_the_brands_own_report_are_withdrawn() {
    let w = world().await;
    let (report_id, items) = submit(&w, w.standard, &w.listings[..3], db::now_ms()).await;
    review::decide(
        &w.db,
        items[0],
        &Decision::Remove,
        &RULES,
        w.other_manager,
        db::now_ms(),
    )
    .await
    .expect("database")
    .expect("decided");
    let outcome = reports::withdraw(
        &w.db,
        report_id,
        w.standard.0,
        &items,
        w.standard.1,
        &RULES,
        db::now_ms(),
    )
    .await
    .expect("withdraw");
    assert_eq!(outcome.withdrawn, vec![items[1], items[2]]);
    assert_eq!(outcome.not_pending.len(), 1);
    // Another brand cannot withdraw them, even naming the right report.
    let (report_b, items_b) = submit(&w, w.standard, &[w.listings[7]], db::now_ms()).await;
    let foreign = reports::withdraw(
        &w.db,
        report_b,
        w.good_faith.0,
        &items_b,
        w.good_faith.1,
        &RULES,
        db::now_ms(),
    )
    .await
    .expect("withdraw");
    assert!(foreign.withdrawn.is_empty());
    // Withdrawn items stay on record.
    let detail = reports::detail(&w.db.pool, report_id, db::now_ms())
        .await
        .expect("detail")
        .expect("report");
    assert_eq!(
        detail
            .items
            .iter()
            .filter(|i| i.status == ItemStatus::Withdrawn)
            .count(),
        2
    );
}

#[tokio::test]
async fn the_report_list_filters_and_counts_per_status() {
    let w = world().await;
    let now = db::now_ms();
    let (_, items) = submit(&w, w.standard, &w.listings[..4], now).await;
    review::decide(
        &w.db,
        items[0],
        &Decision::Remove,
        &RULES,
        w.other_manager,
        now,
    )
    .await
    .expect("database")
    .expect("decided");
    let all = reports::list_for_brand(&w.db.pool, w.standard.0, &ReportFilter::default(), now)
        .await
        .expect("list");
    assert_eq!(all.page.total, 4);
    let count = |status: ItemStatus| {
        all.counts
            .iter()
            .find(|(s, _)| *s == status)
            .map(|(_, n)| *n)
    };
    assert_eq!(count(ItemStatus::Pending), Some(3));
    assert_eq!(count(ItemStatus::Removed), Some(1));
    let removed = ReportFilter {
        status: "removed".into(),
        ..ReportFilter::default()
    };
    let list = reports::list_for_brand(&w.db.pool, w.standard.0, &removed, now)
        .await
        .expect("list");
    assert_eq!(list.page.rows.len(), 1);
    let by_title = ReportFilter {
        text: "NUMBER 2".into(),
        ..ReportFilter::default()
    };
    let list = reports::list_for_brand(&w.db.pool, w.standard.0, &by_title, now)
        .await
        .expect("list");
    assert_eq!(list.page.rows.len(), 1);
    let future = ReportFilter {
        from: "2999-01-01".into(),
        ..ReportFilter::default()
    };
    let list = reports::list_for_brand(&w.db.pool, w.standard.0, &future, now)
        .await
        .expect("list");
    assert_eq!(list.page.total, 0);
    // Another brand's list is empty.
    let other = reports::list_for_brand(&w.db.pool, w.good_faith.0, &ReportFilter::default(), now)
        .await
        .expect("list");
    assert_eq!(other.page.total, 0);

    // Newest submitted first by default, oldest on request; the items still in review first
    // by deadline, with the time left as every reader sees it.
    let (_, later) = submit(&w, w.standard, &w.listings[4..5], now + HOUR).await;
    let first = |list: &app::model::ReportList| list.page.rows[0].item_id;
    let sorted = |sort: &str| ReportFilter {
        sort: sort.into(),
        ..ReportFilter::default()
    };
    let newest = reports::list_for_brand(&w.db.pool, w.standard.0, &sorted(""), now)
        .await
        .expect("list");
    assert_eq!(first(&newest), later[0]);
    assert!(!newest.page.rows[0].seller_name.is_empty());
    let oldest = reports::list_for_brand(&w.db.pool, w.standard.0, &sorted("oldest"), now)
        .await
        .expect("list");
    assert_ne!(first(&oldest), later[0]);
    let late = now + 10_000 * HOUR;
    let by_deadline = reports::list_for_brand(&w.db.pool, w.standard.0, &sorted("deadline"), late)
        .await
        .expect("list");
    let rows = &by_deadline.page.rows;
    assert_eq!(rows.len(), 5);
    assert!(
        rows[..4]
            .iter()
            .all(|row| row.status == ItemStatus::Pending)
    );
    assert!(
        rows[..4]
            .iter()
            .all(|row| row.remaining_ms.is_some_and(|ms| ms < 0))
    );
    assert_eq!(rows[3].item_id, later[0], "the latest deadline last");
    assert_eq!((rows[4].item_id, rows[4].remaining_ms), (items[0], None));
    // The brand's "needs you" panel counts the same items, late only once they are.
    let waiting = app::db::attention::of_brand(&w.db.pool, w.standard.0, now)
        .await
        .expect("attention");
    assert_eq!((waiting.pending_review, waiting.late_reviews), (4, 0));
    let waiting = app::db::attention::of_brand(&w.db.pool, w.standard.0, late)
        .await
        .expect("attention");
    assert_eq!((waiting.pending_review, waiting.late_reviews), (4, 4));
    assert!(waiting.late_since.is_some_and(|at| at < late));
}

#[tokio::test]
async fn reassigning_a_brand_moves_its_pending_items_to_the_new_managers_queue() {
    let w = world().await;
    let now = db::now_ms();
    submit(&w, w.good_faith, &w.listings[..2], now).await;
    let queue_of = |manager| {
        let pool = w.db.pool.clone();
        async move {
            review::queue(&pool, Some(manager), &QueueFilter::default(), now)
                .await
                .expect("queue")
                .total
        }
    };
    assert_eq!(queue_of(w.manager).await, 2);
    assert_eq!(queue_of(w.other_manager).await, 0);
    let mut conn = w.db.pool.acquire().await.expect("connection");
    brands::assign_manager(&mut conn, w.good_faith.0, w.other_manager)
        .await
        .expect("reassign");
    drop(conn);
    assert_eq!(queue_of(w.manager).await, 0);
    assert_eq!(queue_of(w.other_manager).await, 2);
}
