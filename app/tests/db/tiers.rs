//! Tier database tests: a rejection that breaks the threshold drops the brand in the same
//! decision, old decisions stop counting, instant takedowns and their retraction, and the
//! running counts the tier figures read. Each runs on a fresh database — SQLite by default,
//! PostgreSQL when `GOODFAITH_TEST_POSTGRES_URL` is set.

use app::db::{self, listings, review, statements};
use app::domain::{ListingStatus, RejectionCode, Tier};
use app::model::Decision;

use crate::common::{HOUR, RULES, history, report_of, submit, tier_of, world};
use crate::notices::rejection;

#[tokio::test]
async fn a_rejection_that_breaks_ninety_percent_drops_the_brand_in_the_same_decision() {
    let w = world().await;
    // A Good Faith brand at exactly 90 % of 100 decided reports.
    history(&w, w.good_faith, 90, 10, 60).await;
    assert_eq!(tier_of(&w, w.good_faith.0).await, Tier::GoodFaith);
    let now = db::now_ms();
    let (_, items) = submit(&w, w.good_faith, &w.listings[..2], now).await;
    let priority_of = |item: i64| {
        let pool = w.db.pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>("SELECT priority FROM report_items WHERE id = $1")
                .bind(item)
                .fetch_one(&pool)
                .await
                .expect("priority")
        }
    };
    assert_eq!(priority_of(items[1]).await, 1);

    let reject = rejection(RejectionCode::InsufficientEvidence, "No test buy.");
    review::decide(&w.db, items[0], &reject, &RULES, w.manager, now)
        .await
        .expect("database")
        .expect("decided");
    assert_eq!(tier_of(&w, w.good_faith.0).await, Tier::Standard);
    let mut conn = w.db.pool.acquire().await.expect("connection");
    let stored = app::db::trust::stored(&mut conn, w.good_faith.0)
        .await
        .expect("stored")
        .expect("brand");
    drop(conn);
    assert!(
        stored.tier_reason.starts_with("Dropped out of Good Faith"),
        "{}",
        stored.tier_reason
    );
    assert!(
        stored
            .lockout_until
            .is_some_and(|until| until > now + 89 * 86_400_000)
    );
    // Its other pending item moves down the queue with it.
    assert_eq!(priority_of(items[1]).await, 2);
    let history = app::db::trust_views::history(&w.db.pool, w.good_faith.0)
        .await
        .expect("history");
    assert!(
        history
            .iter()
            .any(|e| e.action == "tier.changed" && e.detail.starts_with("Good Faith → Standard"))
    );
}

#[tokio::test]
async fn decisions_older_than_the_window_stop_counting() {
    let w = world().await;
    // 100 upheld decisions over the last 20 days: Good Faith today.
    let now = db::now_ms();
    history(&w, w.standard, 100, 0, 20).await;
    assert_eq!(tier_of(&w, w.standard.0).await, Tier::GoodFaith);
    // A hundred days on, every one of them has left the 90-day window.
    app::db::trust::recompute_all(&w.db, &RULES, now + 100 * 86_400_000)
        .await
        .expect("recompute");
    assert_eq!(tier_of(&w, w.standard.0).await, Tier::Standard);
}

#[tokio::test]
async fn an_instant_takedown_removes_at_once_tells_the_marketplace_and_can_be_retracted() {
    let w = world().await;
    let now = db::now_ms();
    let listing = w.listings[8];
    let (_, items) =
        app::db::takedown::take_down(&w.db, &report_of(w.joint_force, &[listing]), &RULES, now)
            .await
            .expect("take down");
    assert_eq!(items.len(), 1);
    let found = listings::find(&w.db.pool, listing)
        .await
        .expect("find")
        .expect("listing");
    assert_eq!(found.status, ListingStatus::Removed);
    let statement = statements::statement_of_reasons(&w.db.pool, listing)
        .await
        .expect("sor")
        .expect("statement");
    assert!(
        statement.automated,
        "decided on the rights holder's assertion"
    );
    let outbox: Vec<String> = sqlx::query_scalar(
        "SELECT event FROM marketplace_outbox WHERE listing_id = $1 ORDER BY id",
    )
    .bind(listing)
    .fetch_all(&w.db.pool)
    .await
    .expect("outbox");
    assert_eq!(outbox, vec!["listing.removed"]);

    // Another brand cannot retract it; its own brand can, within seven days.
    let (item, _) = items[0];
    let foreign =
        app::db::takedown::retract(&w.db, item, w.good_faith.0, w.good_faith.1, &RULES, now)
            .await
            .expect("database");
    assert!(foreign.is_err());
    app::db::takedown::retract(&w.db, item, w.joint_force.0, w.joint_force.1, &RULES, now)
        .await
        .expect("database")
        .expect("retracted");
    let found = listings::find(&w.db.pool, listing)
        .await
        .expect("find")
        .expect("listing");
    assert_eq!(found.status, ListingStatus::Restored);
    let outbox: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM marketplace_outbox WHERE listing_id = $1")
            .bind(listing)
            .fetch_one(&w.db.pool)
            .await
            .expect("outbox");
    assert_eq!(outbox, 2);
    let again =
        app::db::takedown::retract(&w.db, item, w.joint_force.0, w.joint_force.1, &RULES, now)
            .await
            .expect("database");
    assert!(again.is_err(), "a retraction happens once");

    // Eight days later it is too late to retract.
    let (_, late) = app::db::takedown::take_down(
        &w.db,
        &report_of(w.joint_force, &[w.listings[9]]),
        &RULES,
        now,
    )
    .await
    .expect("take down");
    let too_late = app::db::takedown::retract(
        &w.db,
        late[0].0,
        w.joint_force.0,
        w.joint_force.1,
        &RULES,
        now + 8 * 86_400_000,
    )
    .await
    .expect("database");
    assert!(too_late.is_err());
}

/// The running counts the tier figures and the brand page read, recounted from the items
/// with their reports, and from the reports.
async fn counts_and_recount(w: &crate::common::World) -> (Vec<DayCount>, Vec<DayCount>) {
    let counts = sqlx::query_as(
        "SELECT brand_id, day, status, rejection_code, reason, submitted_by, \
         CAST(SUM(tally) AS BIGINT) FROM brand_day_counts \
         GROUP BY brand_id, day, status, rejection_code, reason, submitted_by \
         HAVING SUM(tally) <> 0 ORDER BY 1, 2, 3, 4, 5, 6",
    )
    .fetch_all(&w.db.pool)
    .await
    .expect("counts");
    let recount = sqlx::query_as(
        "SELECT i.brand_id, i.decided_at / 86400000, i.status, COALESCE(i.rejection_code, ''), \
         r.reason, r.submitted_by, CAST(COUNT(*) AS BIGINT) \
         FROM report_items i JOIN reports r ON r.id = i.report_id WHERE i.decided_at IS NOT NULL \
         AND i.status IN ('removed', 'rejected', 'restored', 'counter_noticed', 'removal_stands') \
         GROUP BY i.brand_id, i.decided_at / 86400000, i.status, COALESCE(i.rejection_code, ''), \
         r.reason, r.submitted_by \
         UNION ALL \
         SELECT brand_id, submitted_at / 86400000, 'filed', '', reason, submitted_by, \
         CAST(COUNT(*) AS BIGINT) FROM reports \
         GROUP BY brand_id, submitted_at / 86400000, reason, submitted_by \
         ORDER BY 1, 2, 3, 4, 5, 6",
    )
    .fetch_all(&w.db.pool)
    .await
    .expect("recount");
    (counts, recount)
}

/// (brand, day, status or "filed", rejection code, reason, submitter, tally).
type DayCount = (i64, i64, String, String, String, i64, i64);

#[tokio::test]
async fn tier_figures_running_counts_follow_every_change_to_decided_items() {
    let w = world().await;
    let now = db::now_ms();
    // Inserted decided (a history), decided in review, taken down, retracted, redated, deleted.
    history(&w, w.standard, 12, 4, 30).await;
    let (_, items) = submit(&w, w.good_faith, &w.listings[..3], now).await;
    review::decide(&w.db, items[0], &Decision::Remove, &RULES, w.manager, now)
        .await
        .expect("database")
        .expect("removed");
    let reject = rejection(RejectionCode::NotInfringing, "Different logo.");
    review::decide(&w.db, items[1], &reject, &RULES, w.manager, now)
        .await
        .expect("database")
        .expect("rejected");
    let (_, taken) = app::db::takedown::take_down(
        &w.db,
        &report_of(w.joint_force, &w.listings[5..7]),
        &RULES,
        now,
    )
    .await
    .expect("take down");
    app::db::takedown::retract(
        &w.db,
        taken[0].0,
        w.joint_force.0,
        w.joint_force.1,
        &RULES,
        now,
    )
    .await
    .expect("database")
    .expect("retracted");
    sqlx::query("UPDATE report_items SET decided_at = decided_at - 200000000 WHERE id = $1")
        .bind(items[0])
        .execute(&w.db.pool)
        .await
        .expect("redate");
    sqlx::query(
        "UPDATE reports SET submitted_at = submitted_at - 200000000 \
         WHERE id = (SELECT report_id FROM report_items WHERE id = $1)",
    )
    .bind(items[2])
    .execute(&w.db.pool)
    .await
    .expect("redate the report");
    sqlx::query(
        "DELETE FROM report_items WHERE id = (SELECT MIN(id) FROM report_items \
         WHERE brand_id = $1 AND status = 'rejected')",
    )
    .bind(w.standard.0)
    .execute(&w.db.pool)
    .await
    .expect("delete");

    let (counts, recount) = counts_and_recount(&w).await;
    assert_eq!(counts, recount);
    assert_eq!(
        counts
            .iter()
            .filter(|row| row.2 != "filed")
            .map(|row| row.6)
            .sum::<i64>(),
        12 + 3 + 1 + 1 + 1,
        "history, less the deleted one; the review decisions; the takedown not retracted"
    );

    // The brand page reads the same counts by staff member, by reason and by week.
    let since = (now - 30 * app::domain::trust::DAY_MS).div_euclid(app::domain::trust::DAY_MS)
        * app::domain::trust::DAY_MS;
    let staff = app::db::trust_figures::per_staff(&w.db.pool, w.joint_force.0, since)
        .await
        .expect("per staff");
    let active: Vec<_> = staff
        .iter()
        .filter(|(_, reports, _)| *reports > 0)
        .map(|(_, reports, figures)| (*reports, figures.upheld, figures.decided()))
        .collect();
    assert_eq!(
        active,
        [(1, 1, 1)],
        "one report, one removal standing: {staff:?}"
    );
    let reasons = app::db::trust_figures::per_reason(&w.db.pool, w.joint_force.0, since)
        .await
        .expect("per reason");
    assert_eq!(reasons.len(), 1, "{reasons:?}");
    assert_eq!(
        (reasons[0].0, reasons[0].1.upheld),
        (app::domain::ReasonCode::Counterfeit, 1)
    );
    let week_start =
        (now.div_euclid(app::domain::trust::DAY_MS) - 26 * 7 + 1) * app::domain::trust::DAY_MS;
    let weeks = app::db::trust_figures::weekly(&w.db.pool, w.good_faith.0, week_start)
        .await
        .expect("weekly");
    let decided: Vec<i64> = weeks.iter().map(|week| week.decided()).collect();
    // The removal redated 200,000 s (2.3 days) back may fall into the week before.
    assert_eq!(decided.iter().sum::<i64>(), 2, "{decided:?}");
    assert_eq!(decided[..24].iter().sum::<i64>(), 0, "{decided:?}");

    // The window counts whole days: an item decided at midnight of its first day counts, one
    // decided a millisecond before does not.
    let day = app::domain::trust::DAY_MS;
    let first_day = (now - 40 * day).div_euclid(day) * day;
    for (listing, decided_at) in [(w.listings[8], first_day), (w.listings[9], first_day - 1)] {
        let (_, decided) = submit(&w, w.good_faith, &[listing], now).await;
        sqlx::query("UPDATE report_items SET status = 'removed', decided_at = $1 WHERE id = $2")
            .bind(decided_at)
            .bind(decided[0])
            .execute(&w.db.pool)
            .await
            .expect("decide");
    }
    let mut conn = w.db.pool.acquire().await.expect("connection");
    let (_, figures) =
        app::db::trust::standing_and_figures(&mut conn, w.good_faith.0, first_day + 5 * HOUR)
            .await
            .expect("figures")
            .expect("the brand");
    assert_eq!((figures.upheld, figures.rejected), (2, 1), "{figures:?}");
}

#[tokio::test]
async fn a_takedown_leaves_the_brand_row_alone_and_the_tier_card_words_todays_figures() {
    let w = world().await;
    let now = db::now_ms();
    history(&w, w.joint_force, 120, 5, 30).await;
    let stored_reason = || async {
        sqlx::query_scalar::<_, String>("SELECT tier_reason FROM brands WHERE id = $1")
            .bind(w.joint_force.0)
            .fetch_one(&w.db.pool)
            .await
            .expect("reason")
    };
    let before = stored_reason().await;
    assert!(before.contains("125 decided reports"), "{before}");

    app::db::takedown::take_down(
        &w.db,
        &report_of(w.joint_force, &w.listings[..2]),
        &RULES,
        now,
    )
    .await
    .expect("take down");

    // Only the figures in the text moved, so the row was not written.
    assert_eq!(stored_reason().await, before);
    assert_eq!(tier_of(&w, w.joint_force.0).await, Tier::JointForce);
    let card = app::db::trust_views::view(&w.db, w.joint_force.0, &RULES, now)
        .await
        .expect("view")
        .expect("the brand");
    assert_eq!(card.figures.decided(), 127);
    assert!(
        card.reason.contains("127 decided reports"),
        "{}",
        card.reason
    );
}
