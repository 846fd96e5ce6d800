//! The marketplace outbox's delivery: claims, order per listing, retries and giving up,
//! redelivery, leases of a dispatcher that died, two dispatchers at once, the pull feed.
//! The transport here is a recorder; the HTTP tests send to real receivers.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use app::db::integration;
use app::db::outbox;
use app::db::takedown;
use app::domain::delivery::{EventKind, RetryPolicy};
use app::service::integration::{
    Destination, DispatchSettings, Message, Sent, Transport, deliver_due, feed,
};
use app::service::{Clock, Context};

use crate::common::{RULES, World, report_of, world};

const T0: i64 = 1_796_000_000_000;

/// Answers each message with the status its script says (200 once the script runs out), and
/// remembers every message it was given, in order.
#[derive(Clone, Default)]
struct Recorder {
    sent: Arc<Mutex<Vec<Message>>>,
    /// Statuses to answer, per message id, in turn; `None` is "no answer".
    script: Arc<Mutex<HashMap<String, Vec<Option<u16>>>>>,
    /// How long each send takes (ms), so two dispatchers overlap.
    delay_ms: u64,
}

impl Recorder {
    fn fail(&self, id: &str, answers: Vec<Option<u16>>) {
        self.script
            .lock()
            .expect("script")
            .insert(id.to_owned(), answers);
    }

    fn ids(&self) -> Vec<String> {
        self.sent
            .lock()
            .expect("sent")
            .iter()
            .map(|message| message.id.clone())
            .collect()
    }
}

impl Transport for Recorder {
    async fn send(&self, _to: &Destination, message: &Message) -> Sent {
        if self.delay_ms > 0 {
            tokio::time::sleep(std::time::Duration::from_millis(self.delay_ms)).await;
        }
        self.sent.lock().expect("sent").push(message.clone());
        let status = {
            let mut script = self.script.lock().expect("script");
            match script.get_mut(&message.id) {
                Some(answers) if !answers.is_empty() => answers.remove(0),
                _ => Some(200),
            }
        };
        Sent {
            status,
            request: format!("webhook-id: {}", message.id),
            response: status.map_or_else(|| "Could not connect".into(), |s| format!("{s}")),
        }
    }
}

fn at(w: &World, now: i64) -> Context {
    Context {
        db: w.db.clone(),
        rules: RULES,
        clock: Clock::Fixed(now),
        site: Default::default(),
    }
}

const SETTINGS: DispatchSettings = DispatchSettings {
    batch: 100,
    lease_ms: 60_000,
    retry: RetryPolicy {
        first_wait_ms: 5_000,
        longest_wait_ms: 3_600_000,
        give_up_after_ms: 24 * 3_600_000,
    },
    in_flight: 8,
};

/// An endpoint, and the Joint-Force brand's takedown of the first `n` listings at T0: the
/// outbox rows, in listing order.
async fn taken_down(w: &World, n: usize) -> Vec<i64> {
    let mut tx = w.db.begin().await.expect("tx");
    integration::set_endpoint(
        &mut tx,
        "https://market.example/hooks",
        "whsec_dGVzdA==",
        None,
        T0,
    )
    .await
    .expect("endpoint");
    tx.commit().await.expect("commit");
    takedown::take_down(
        &w.db,
        &report_of(w.joint_force, &w.listings[..n]),
        &RULES,
        T0,
    )
    .await
    .expect("takedown");
    sqlx::query_scalar("SELECT id FROM marketplace_outbox ORDER BY id")
        .fetch_all(&w.db.pool)
        .await
        .expect("rows")
}

async fn state_of(w: &World, id: i64) -> (String, i64, i64) {
    sqlx::query_as("SELECT state, attempts, next_attempt_at FROM marketplace_outbox WHERE id = $1")
        .bind(id)
        .fetch_one(&w.db.pool)
        .await
        .expect("row")
}

#[tokio::test]
async fn every_row_is_delivered_once_with_a_stable_message() {
    let w = world().await;
    let rows = taken_down(&w, 2).await;
    assert_eq!(rows.len(), 2);
    let recorder = Recorder::default();
    let done = deliver_due(&at(&w, T0 + 1), &recorder, &SETTINGS)
        .await
        .expect("round");
    assert_eq!(done, 2);
    let first = recorder.sent.lock().expect("sent")[0].clone();
    assert_eq!(first.id, format!("msg_{}", rows[0]));
    let body: serde_json::Value = serde_json::from_str(&first.body).expect("json");
    assert_eq!(body["type"], "listing.removed");
    assert_eq!(body["data"]["listing"]["id"], w.listings[0]);
    assert_eq!(body["data"]["brand"]["name"], "Helios");
    assert_eq!(body["data"]["reason"], "counterfeit");
    assert_eq!(body["data"]["instant_takedown"], true);
    for id in &rows {
        assert_eq!(state_of(&w, *id).await.0, "delivered");
    }
    // Nothing is due any more: the next round sends nothing.
    assert_eq!(
        deliver_due(&at(&w, T0 + 2), &recorder, &SETTINGS)
            .await
            .expect("round"),
        0
    );
    // The pull feed serves the same messages, byte for byte, whatever their delivery.
    let pulled = feed(&at(&w, T0 + 3), 0, 10).await.expect("feed");
    assert_eq!(pulled.len(), 2);
    assert_eq!(pulled[0], first);
    let after_first = feed(&at(&w, T0 + 3), rows[0], 10).await.expect("feed");
    assert_eq!(after_first.len(), 1);
}

#[tokio::test]
async fn a_listing_s_events_arrive_in_order_even_when_the_first_is_retried() {
    let w = world().await;
    let rows = taken_down(&w, 2).await;
    // The first listing is put back after its removal: a second row for it.
    let (item, listing): (i64, i64) =
        sqlx::query_as("SELECT item_id, listing_id FROM marketplace_outbox WHERE id = $1")
            .bind(rows[0])
            .fetch_one(&w.db.pool)
            .await
            .expect("row");
    let mut tx = w.db.begin().await.expect("tx");
    let case = Some((item, listing, w.joint_force.0));
    outbox::push(&mut tx, EventKind::ListingRestored, case, None, T0)
        .await
        .expect("push");
    tx.commit().await.expect("commit");
    let restored: i64 = sqlx::query_scalar("SELECT MAX(id) FROM marketplace_outbox")
        .fetch_one(&w.db.pool)
        .await
        .expect("id");

    let recorder = Recorder::default();
    recorder.fail(&format!("msg_{}", rows[0]), vec![Some(503)]);
    deliver_due(&at(&w, T0 + 1), &recorder, &SETTINGS)
        .await
        .expect("round");
    // The other listing's removal went; the restoration waits behind the failed removal.
    assert_eq!(
        recorder.ids(),
        vec![format!("msg_{}", rows[0]), format!("msg_{}", rows[1])]
    );
    let (state, attempts, next) = state_of(&w, rows[0]).await;
    assert_eq!((state.as_str(), attempts), ("pending", 1));
    assert!(
        (T0 + 2_500..=T0 + 5_001).contains(&next),
        "retried 2.5–5 s later: {next}"
    );
    assert_eq!(state_of(&w, restored).await.1, 0);
    // Not due yet: nothing goes.
    deliver_due(&at(&w, T0 + 2), &recorder, &SETTINGS)
        .await
        .expect("round");
    assert_eq!(recorder.ids().len(), 2);
    // Due: the removal goes, and only then the restoration.
    deliver_due(&at(&w, T0 + 6_000), &recorder, &SETTINGS)
        .await
        .expect("round");
    deliver_due(&at(&w, T0 + 6_001), &recorder, &SETTINGS)
        .await
        .expect("round");
    assert_eq!(
        recorder.ids()[2..],
        [format!("msg_{}", rows[0]), format!("msg_{restored}")]
    );
    assert_eq!(state_of(&w, restored).await.0, "delivered");
}

#[tokio::test]
async fn retries_back_off_then_give_up_and_an_admin_can_redeliver() {
    let w = world().await;
    let rows = taken_down(&w, 1).await;
    let id = format!("msg_{}", rows[0]);
    let recorder = Recorder::default();
    recorder.fail(&id, vec![None; 100]);
    let mut now = T0 + 1;
    let mut waits = Vec::new();
    loop {
        deliver_due(&at(&w, now), &recorder, &SETTINGS)
            .await
            .expect("round");
        let (state, _, next) = state_of(&w, rows[0]).await;
        if state == "failed" {
            break;
        }
        waits.push(next - now);
        now = next;
    }
    // Each wait at least the half of its doubling, never more than an hour; a day in all.
    assert!(waits.len() >= 14, "{waits:?}");
    for (n, wait) in waits.iter().enumerate() {
        let full = (5_000_i64 << n.min(30)).min(3_600_000);
        assert!(
            *wait >= full / 2 && *wait <= full,
            "wait {n}: {wait} of {full}"
        );
    }
    assert!(now <= T0 + 24 * 3_600_000);
    let last: (Option<i64>, String) =
        sqlx::query_as("SELECT last_status, last_response FROM marketplace_outbox WHERE id = $1")
            .bind(rows[0])
            .fetch_one(&w.db.pool)
            .await
            .expect("row");
    assert_eq!(last, (None, "Could not connect".to_owned()));

    // Redelivered by an admin, it goes at once and is delivered.
    let mut tx = w.db.begin().await.expect("tx");
    assert!(
        outbox::redeliver(&mut tx, rows[0])
            .await
            .expect("redeliver")
    );
    tx.commit().await.expect("commit");
    recorder.fail(&id, vec![]);
    deliver_due(&at(&w, now + 1), &recorder, &SETTINGS)
        .await
        .expect("round");
    assert_eq!(state_of(&w, rows[0]).await.0, "delivered");
    // A delivered row can be sent again too (the marketplace lost it), but a pending one is
    // already in line.
    let mut tx = w.db.begin().await.expect("tx");
    assert!(
        outbox::redeliver(&mut tx, rows[0])
            .await
            .expect("redeliver")
    );
    assert!(
        !outbox::redeliver(&mut tx, rows[0])
            .await
            .expect("redeliver")
    );
    tx.commit().await.expect("commit");
}

#[tokio::test]
async fn a_dead_dispatcher_s_claim_lapses_after_its_lease() {
    let w = world().await;
    let rows = taken_down(&w, 2).await;
    // A dispatcher claimed both rows and died before sending.
    let claimed = outbox::claim(&w.db, T0 + 1, T0 + 1 + 60_000, 100)
        .await
        .expect("claim");
    assert_eq!(claimed, rows);
    let recorder = Recorder::default();
    assert_eq!(
        deliver_due(&at(&w, T0 + 30_000), &recorder, &SETTINGS)
            .await
            .expect("round"),
        0
    );
    assert_eq!(
        deliver_due(&at(&w, T0 + 60_002), &recorder, &SETTINGS)
            .await
            .expect("round"),
        2
    );
    assert_eq!(recorder.ids().len(), 2);
}

#[tokio::test]
async fn two_dispatchers_never_send_the_same_row_at_the_same_time() {
    let w = world().await;
    let rows = taken_down(&w, 10).await;
    let recorder = Recorder {
        delay_ms: 20,
        ..Recorder::default()
    };
    let settings = DispatchSettings {
        batch: 3,
        ..SETTINGS
    };
    let run = |ctx: Context, recorder: Recorder| async move {
        for _ in 0..10 {
            deliver_due(&ctx, &recorder, &settings)
                .await
                .expect("round");
        }
    };
    tokio::join!(
        run(at(&w, T0 + 1), recorder.clone()),
        run(at(&w, T0 + 1), recorder.clone())
    );
    let mut ids = recorder.ids();
    ids.sort();
    let mut expected: Vec<String> = rows.iter().map(|id| format!("msg_{id}")).collect();
    expected.sort();
    assert_eq!(ids, expected, "each row sent exactly once");
}

#[tokio::test]
async fn review_removals_suspensions_and_their_end_reach_the_outbox() {
    let w = world().await;
    let policy = RULES.sellers;
    // Three removals on review strike the seller out (the default limit is three).
    let listings = &w.listings[..policy.strike_limit as usize];
    let (_, items) = crate::common::submit(&w, w.good_faith, listings, T0).await;
    for item in &items {
        let outcome = app::db::review::decide(
            &w.db,
            *item,
            &app::model::Decision::Remove,
            &RULES,
            w.manager,
            T0 + 1,
        )
        .await
        .expect("decide");
        assert!(outcome.is_ok(), "{outcome:?}");
    }
    let events: Vec<String> =
        sqlx::query_scalar("SELECT event FROM marketplace_outbox ORDER BY id")
            .fetch_all(&w.db.pool)
            .await
            .expect("events");
    let mut expected = vec!["listing.removed"; listings.len()];
    expected.push("seller.suspended");
    assert_eq!(events, expected);
    // Its time up, the suspension ends, and the marketplace is told.
    let later = T0 + 1 + policy.suspension_days * 24 * 3_600_000;
    assert_eq!(
        outbox::end_elapsed_suspensions(&w.db, later)
            .await
            .expect("end"),
        1
    );
    assert_eq!(
        outbox::end_elapsed_suspensions(&w.db, later)
            .await
            .expect("end"),
        0
    );
    let last: (String, Option<i64>) =
        sqlx::query_as("SELECT event, seller_id FROM marketplace_outbox ORDER BY id DESC LIMIT 1")
            .fetch_one(&w.db.pool)
            .await
            .expect("last");
    assert_eq!(last.0, "seller.reinstated");
    assert!(last.1.is_some());
}
