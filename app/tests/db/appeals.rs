//! Database tests of the seller's side: counter-notices with the brand's response and the
//! manager's decision, the restore path in one transaction (listing, item, brand figures and
//! tier, strike), windows, strikes and suspension. SQLite by default, PostgreSQL when
//! `GOODFAITH_TEST_POSTGRES_URL` is set.

use app::db::{audit, counter_notices, listings, review, strikes, users};
use app::domain::appeal::{AppealDecision, AppealStatus, CounterNoticeDraft, ResponseKind};
use app::domain::trust::DAY_MS;
use app::domain::{ItemStatus, ListingStatus, Role, Tier};
use app::model::Decision;

use crate::common::{HOUR, RULES, World, history, submit, tier_of, world};

/// The seller account of the world's listings: (user id, seller id).
async fn seller_user(w: &World) -> (i64, i64) {
    let seller: i64 = sqlx::query_scalar("SELECT MIN(id) FROM sellers")
        .fetch_one(&w.db.pool)
        .await
        .expect("seller");
    let mut tx = w.db.pool.begin().await.expect("begin");
    let user = users::insert_user(
        &mut tx,
        &users::NewUser {
            email: "seller@bazaar.example",
            password_hash: "not-a-real-hash",
            display_name: "Sam Seller",
            role: Role::Seller,
            brand_id: None,
            seller_id: Some(seller),
            brand_admin: false,
        },
        app::db::now_ms(),
    )
    .await
    .expect("seller user");
    tx.commit().await.expect("commit");
    (user, seller)
}

/// Reports a listing for the brand at `at` and has its manager remove it then; the item.
async fn removed(w: &World, who: (i64, i64, i64), listing: i64, at: i64) -> i64 {
    let (_, items) = submit(w, who, &[listing], at - HOUR).await;
    review::decide(&w.db, items[0], &Decision::Remove, &RULES, w.manager, at)
        .await
        .expect("decide")
        .expect("removed");
    items[0]
}

fn draft(listing_id: i64) -> CounterNoticeDraft {
    CounterNoticeDraft {
        listing_id,
        ground: "genuine".into(),
        statement: "Bought from the brand's own distributor; invoice attached.".into(),
        contact_name: "Sam Seller".into(),
        contact_email: "sam@bazaar.example".into(),
        contact_address: "4 Market Row, Leeds".into(),
        file_ids: Vec::new(),
        declared: true,
        signature: "Sam Seller".into(),
    }
}

/// The manager's decision to restore the listing, with a note.
fn restore(note: &str) -> AppealDecision {
    AppealDecision::Restore { note: note.into() }
}

/// The manager's decision that the removal stands, explained to the seller.
fn uphold(explanation: &str) -> AppealDecision {
    AppealDecision::Uphold {
        explanation: explanation.into(),
    }
}

async fn scalar(w: &World, sql: &'static str, id: i64) -> i64 {
    sqlx::query_scalar(sql)
        .bind(id)
        .fetch_one(&w.db.pool)
        .await
        .expect("scalar")
}

async fn text(w: &World, sql: &'static str, id: i64) -> String {
    sqlx::query_scalar(sql)
        .bind(id)
        .fetch_one(&w.db.pool)
        .await
        .expect("text")
}

const ACTIVE_STRIKES: &str =
    "SELECT COUNT(*) FROM strikes WHERE seller_id = $1 AND lifted_at IS NULL";

#[tokio::test]
async fn restoring_after_a_counter_notice_changes_listing_item_figures_tier_and_strike_at_once() {
    let w = world().await;
    let pool = &w.db.pool;
    let now = app::db::now_ms();
    // Aurora sits exactly at the Good Faith accuracy line: 90 upheld, 10 rejected.
    history(&w, w.good_faith, 90, 10, 60).await;
    assert_eq!(tier_of(&w, w.good_faith.0).await, Tier::GoodFaith);
    let (user, seller) = seller_user(&w).await;
    let listing = w.listings[0];
    let item = removed(&w, w.good_faith, listing, now - 2 * DAY_MS).await;
    assert_eq!(scalar(&w, ACTIVE_STRIKES, seller).await, 1);

    let id = counter_notices::file(&w.db, &draft(listing), (user, seller), &RULES, now - DAY_MS)
        .await
        .expect("file")
        .expect("filed");
    assert_eq!(
        text(&w, "SELECT status FROM report_items WHERE id = $1", item).await,
        ItemStatus::CounterNoticed.as_str()
    );
    // One counter-notice per removal.
    let again = counter_notices::file(&w.db, &draft(listing), (user, seller), &RULES, now)
        .await
        .expect("file")
        .expect_err("second");
    assert!(again.message().contains("already filed"), "{again:?}");
    assert_eq!(
        app::db::attention::of_brand(pool, w.good_faith.0, now)
            .await
            .expect("n")
            .awaiting_response,
        1
    );

    counter_notices::respond(
        &w.db,
        id,
        ResponseKind::Evidence,
        "Our lab report says fake.",
        &[],
        w.good_faith.1,
        now,
    )
    .await
    .expect("respond")
    .expect("responded");
    let twice = counter_notices::respond(
        &w.db,
        id,
        ResponseKind::LegalAction,
        "Proceedings filed.",
        &[],
        w.good_faith.1,
        now,
    )
    .await
    .expect("respond")
    .expect_err("twice");
    assert!(twice.message().contains("already responded"), "{twice:?}");
    assert_eq!(
        app::db::attention::of_brand(pool, w.good_faith.0, now)
            .await
            .expect("n")
            .awaiting_response,
        0
    );

    let message = counter_notices::decide(&w.db, id, &restore(""), &RULES, w.manager, now)
        .await
        .expect("decide")
        .expect("restored")
        .message();
    assert!(message.contains("Standard"), "{message}");
    // Everything moved together.
    assert_eq!(
        listings::find(pool, listing)
            .await
            .expect("find")
            .expect("listing")
            .status,
        ListingStatus::Restored
    );
    assert_eq!(
        text(&w, "SELECT status FROM report_items WHERE id = $1", item).await,
        ItemStatus::Restored.as_str()
    );
    assert_eq!(scalar(&w, ACTIVE_STRIKES, seller).await, 0);
    assert_eq!(tier_of(&w, w.good_faith.0).await, Tier::Standard);
    let view = counter_notices::find(pool, id, now)
        .await
        .expect("find")
        .expect("appeal");
    assert_eq!(view.status, AppealStatus::Restored);
    assert_eq!(
        view.response.expect("response").kind,
        ResponseKind::Evidence
    );
    assert!(view.decided_by.is_some());
    // The item's timeline and the listing's trail both tell the case.
    for (subject, subject_id) in [("report_item", item), ("listing", listing)] {
        let actions: Vec<String> = audit::events_for(pool, subject, subject_id)
            .await
            .expect("events")
            .into_iter()
            .map(|event| event.action)
            .collect();
        for expected in [
            "seller.strike",
            "counter_notice.filed",
            "counter_notice.responded",
            "listing.restored",
            "seller.strike_removed",
        ] {
            assert!(
                actions.iter().any(|a| a == expected),
                "{subject}: {actions:?}"
            );
        }
    }
    // A decided appeal cannot be decided again.
    let decided = counter_notices::decide(
        &w.db,
        id,
        &uphold("Too late for this."),
        &RULES,
        w.manager,
        now,
    )
    .await
    .expect("decide");
    assert!(decided.is_err());
}

#[tokio::test]
async fn windows_close_and_an_upheld_removal_keeps_its_strike() {
    let w = world().await;
    let pool = &w.db.pool;
    let now = app::db::now_ms();
    let (user, seller) = seller_user(&w).await;
    // Removed 15 days ago: the 14-day window has closed.
    let old = w.listings[1];
    removed(&w, w.standard, old, now - 15 * DAY_MS).await;
    let late = counter_notices::file(&w.db, &draft(old), (user, seller), &RULES, now)
        .await
        .expect("file")
        .expect_err("late");
    assert!(late.message().contains("closed on"), "{late:?}");
    // A live listing has nothing to appeal.
    let live = counter_notices::file(&w.db, &draft(w.listings[9]), (user, seller), &RULES, now)
        .await
        .expect("file")
        .expect_err("live");
    assert!(live.message().contains("not removed"), "{live:?}");

    let listing = w.listings[2];
    let item = removed(&w, w.standard, listing, now - 12 * DAY_MS).await;
    let id = counter_notices::file(
        &w.db,
        &draft(listing),
        (user, seller),
        &RULES,
        now - 11 * DAY_MS,
    )
    .await
    .expect("file")
    .expect("filed");
    // The brand had 10 days and let them pass: too late to respond, flagged once, first in
    // its manager's queue.
    let gone = counter_notices::respond(
        &w.db,
        id,
        ResponseKind::Evidence,
        "Late evidence here.",
        &[],
        w.standard.1,
        now,
    )
    .await
    .expect("respond")
    .expect_err("late");
    assert!(gone.message().contains("window closed"), "{gone:?}");
    assert_eq!(
        counter_notices::flag_no_response(&w.db, now)
            .await
            .expect("flag"),
        1
    );
    assert_eq!(
        counter_notices::flag_no_response(&w.db, now)
            .await
            .expect("flag"),
        0
    );
    let queue = counter_notices::queue(pool, Some(w.other_manager), now)
        .await
        .expect("queue");
    assert_eq!(queue.len(), 1);
    assert!(queue[0].no_response);
    assert!(
        counter_notices::queue(pool, Some(w.manager), now)
            .await
            .expect("queue")
            .is_empty()
    );

    counter_notices::decide(
        &w.db,
        id,
        &uphold("The photos show our hologram forged."),
        &RULES,
        w.other_manager,
        now,
    )
    .await
    .expect("decide")
    .expect("upheld");
    assert_eq!(
        text(&w, "SELECT status FROM report_items WHERE id = $1", item).await,
        ItemStatus::RemovalStands.as_str()
    );
    assert_eq!(
        listings::find(pool, listing)
            .await
            .expect("find")
            .expect("listing")
            .status,
        ListingStatus::Removed
    );
    let case = counter_notices::removal_case(pool, listing, &RULES.sellers, now)
        .await
        .expect("case")
        .expect("removed");
    let appeal = case.appeal.expect("appeal");
    assert_eq!(appeal.decision_note, "The photos show our hologram forged.");
    assert_eq!(scalar(&w, ACTIVE_STRIKES, seller).await, 2);
}

#[tokio::test]
async fn three_strikes_suspend_a_seller_and_hide_their_listings_until_lifted() {
    let w = world().await;
    let pool = &w.db.pool;
    let now = app::db::now_ms();
    let (user, seller) = seller_user(&w).await;
    let live = w.listings[9];
    let on_sale = |at: i64| async move {
        listings::on_sale(pool, "", 0, 50, at)
            .await
            .expect("on sale")
            .iter()
            .any(|listing| listing.id == live)
    };
    assert!(on_sale(now).await);
    // A strike older than 90 days does not count.
    removed(&w, w.standard, w.listings[0], now - 100 * DAY_MS).await;
    removed(&w, w.standard, w.listings[1], now - 3 * DAY_MS).await;
    removed(&w, w.good_faith, w.listings[2], now - 2 * DAY_MS).await;
    assert!(
        !strikes::hidden_by_suspension(pool, live, now)
            .await
            .expect("hidden")
    );
    let third = w.listings[3];
    removed(&w, w.good_faith, third, now - DAY_MS).await;
    let at = now - DAY_MS + 1;
    assert!(
        strikes::hidden_by_suspension(pool, live, at)
            .await
            .expect("hidden")
    );
    assert!(!on_sale(at).await);
    let standing = strikes::standing(pool, seller, &RULES.sellers, at)
        .await
        .expect("standing");
    assert_eq!(standing.strikes.len(), 3);
    assert!(
        standing.suspension_reason.contains("3 removals"),
        "{standing:?}"
    );
    assert!(standing.suspended_until.is_some());
    // A removed listing keeps its public statement; only listings on sale are hidden.
    assert!(
        !strikes::hidden_by_suspension(pool, third, at)
            .await
            .expect("hidden")
    );

    // Restoring one removal takes its strike away and, below the limit, the suspension.
    let id = counter_notices::file(&w.db, &draft(third), (user, seller), &RULES, at)
        .await
        .expect("file")
        .expect("filed");
    counter_notices::decide(
        &w.db,
        id,
        &restore("Licensed stock."),
        &RULES,
        w.manager,
        at,
    )
    .await
    .expect("decide")
    .expect("restored");
    assert!(
        !strikes::hidden_by_suspension(pool, live, at)
            .await
            .expect("hidden")
    );
    assert!(on_sale(at).await);
    let actions: Vec<String> = audit::events_for(pool, "listing", third)
        .await
        .expect("events")
        .into_iter()
        .map(|event| event.action)
        .collect();
    assert!(
        actions.contains(&"seller.reinstated".to_owned()),
        "{actions:?}"
    );

    // A fresh third strike suspends again; an admin lifts it with a reason, on the record.
    removed(&w, w.good_faith, w.listings[4], at).await;
    assert!(
        strikes::hidden_by_suspension(pool, live, at)
            .await
            .expect("hidden")
    );
    assert_eq!(strikes::suspended(pool, at).await.expect("list").len(), 1);
    strikes::lift_suspension(
        &w.db,
        seller,
        "Proved the stock was genuine.",
        w.manager,
        at,
    )
    .await
    .expect("lift")
    .expect("lifted");
    assert!(
        !strikes::hidden_by_suspension(pool, live, at)
            .await
            .expect("hidden")
    );
    let again = strikes::lift_suspension(&w.db, seller, "Twice.", w.manager, at)
        .await
        .expect("lift");
    assert!(again.is_err());
    let events = audit::events_for(pool, "seller", seller)
        .await
        .expect("events");
    assert!(
        events
            .iter()
            .any(|e| e.action == "seller.suspension_lifted")
    );
}

/// The signed-in person of this user id, as the door hands them to a use case.
async fn caller(w: &World, user_id: i64) -> app::model::CurrentUser {
    users::find_by_id(&w.db.pool, user_id)
        .await
        .expect("user")
        .and_then(|record| record.to_current_user())
        .expect("current user")
}

/// The HTTP status a use case's answer would get (200 for success).
fn status<T>(result: Result<T, app::error::AppError>) -> u16 {
    result.map_or_else(|error| error.status_code(), |_| 200)
}

#[tokio::test]
async fn the_appeal_use_cases_check_who_calls_and_what_they_send_before_storing() {
    use app::service::appeals as service;
    use app::service::{Clock, Context};

    let w = world().await;
    let now = app::db::now_ms();
    let ctx = Context {
        clock: Clock::Fixed(now),
        ..Context::new(w.db.clone(), RULES)
    };
    let (seller_user_id, _) = seller_user(&w).await;
    let seller = caller(&w, seller_user_id).await;
    let staff = caller(&w, w.good_faith.1).await;
    let other_staff = caller(&w, w.standard.1).await;
    let manager = caller(&w, w.manager).await;
    let other_manager = caller(&w, w.other_manager).await;
    let listing = w.listings[0];
    removed(&w, w.good_faith, listing, now - DAY_MS).await;

    // Only the listing's seller files; brand staff are refused, a bad draft names its fields.
    assert_eq!(
        status(service::file_counter_notice(&ctx, &staff, &draft(listing)).await),
        403
    );
    let unsigned = CounterNoticeDraft {
        declared: false,
        ..draft(listing)
    };
    let error = service::file_counter_notice(&ctx, &seller, &unsigned)
        .await
        .expect_err("undeclared");
    assert!(!error.messages_for("declared").is_empty(), "{error:?}");
    let id = service::file_counter_notice(&ctx, &seller, &draft(listing))
        .await
        .expect("filed");

    // The statement of reasons: the seller and the brand's people, not another brand.
    assert!(
        service::removal_case(&ctx, &seller, listing)
            .await
            .expect("case")
            .is_some()
    );
    assert_eq!(
        status(service::removal_case(&ctx, &other_staff, listing).await),
        403
    );
    assert_eq!(
        app::service::brands::attention(&ctx, &staff, w.good_faith.0)
            .await
            .expect("attention")
            .awaiting_response,
        1
    );
    assert_eq!(
        status(app::service::brands::attention(&ctx, &other_staff, w.good_faith.0).await),
        403
    );

    // The brand's own staff respond, with at most 10 files.
    let text = "Our lab report says these are fakes.";
    assert_eq!(
        status(service::respond_to_counter_notice(&ctx, &manager, id, "evidence", text, &[]).await),
        403
    );
    let error = service::respond_to_counter_notice(&ctx, &staff, id, "evidence", text, &[1; 11])
        .await
        .expect_err("too many files");
    assert_eq!(
        error.messages_for("files"),
        vec!["Attach at most 10 files."]
    );
    assert_eq!(
        status(
            service::respond_to_counter_notice(&ctx, &staff, id + 1000, "evidence", text, &[])
                .await
        ),
        404
    );
    service::respond_to_counter_notice(&ctx, &staff, id, "evidence", text, &[])
        .await
        .expect("responded");

    // The brand's manager decides; an upheld removal is explained to the seller.
    assert_eq!(
        status(
            service::decide_counter_notice(&ctx, &other_manager, id, &uphold("Fake, per the lab."))
                .await
        ),
        403
    );
    let error = service::decide_counter_notice(&ctx, &manager, id, &uphold("Fake."))
        .await
        .expect_err("too short");
    assert!(!error.messages_for("explanation").is_empty(), "{error:?}");
    service::decide_counter_notice(&ctx, &manager, id, &uphold("Fake, per the lab report."))
        .await
        .expect("upheld");
    assert_eq!(
        status(
            service::decide_counter_notice(
                &ctx,
                &manager,
                id,
                &uphold("Fake, per the lab report.")
            )
            .await
        ),
        409
    );

    // Strikes are the seller's own business; suspensions the admins'.
    assert_eq!(
        service::seller_standing(&ctx, &seller)
            .await
            .expect("standing")
            .strikes
            .len(),
        1
    );
    assert_eq!(status(service::seller_standing(&ctx, &staff).await), 403);
    assert_eq!(
        status(service::suspended_sellers(&ctx, &manager).await),
        403
    );
    assert_eq!(
        status(service::lift_seller_suspension(&ctx, &manager, 1, "Proved genuine.").await),
        403
    );

    // The public market page bounds its inputs.
    assert_eq!(status(service::market_listings(&ctx, "", -1).await), 422);
    assert_eq!(
        status(service::market_listings(&ctx, &"x".repeat(101), 0).await),
        422
    );
    assert!(
        !service::market_listings(&ctx, "", 0)
            .await
            .expect("market")
            .iter()
            .any(|row| row.id == listing)
    );
}
