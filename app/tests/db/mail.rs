//! The mail outbox and its sending rules: each mail is sent once, a failure is retried with a
//! growing wait and given up after the last attempt, and nothing is lost on the way.

use std::sync::Mutex;

use app::db;
use app::domain::mail;
use app::service::mail::{MAIL_ATTEMPTS, MailTransport, Outgoing, mail_backoff_ms, send_due};
use app::service::{Clock, Context};

use crate::common::*;

/// A transport that records what it is given and refuses the addresses it is told to.
#[derive(Default)]
struct Recorder {
    sent: Mutex<Vec<Outgoing>>,
    refuse: Vec<&'static str>,
}

impl MailTransport for Recorder {
    async fn send(&self, mail: &Outgoing) -> Result<(), String> {
        if self.refuse.contains(&mail.to.as_str()) {
            return Err("451 try again later".into());
        }
        self.sent.lock().expect("lock").push(mail.clone());
        Ok(())
    }
}

fn at(w: &World, now: i64) -> Context {
    Context {
        clock: Clock::Fixed(now),
        ..Context::new(w.db.clone(), Default::default())
    }
}

async fn queue(w: &World, to: &str, now: i64) -> i64 {
    let mut tx = w.db.begin().await.expect("begin");
    let message = mail::password_reset("Hal", "https://portal.test/reset-password?token=x");
    let id = db::mail::queue(&mut tx, to, None, &message, now)
        .await
        .expect("queue");
    tx.commit().await.expect("commit");
    id
}

#[tokio::test]
async fn due_mail_is_sent_once_with_both_parts() {
    let w = world().await;
    let t0 = 1_800_000_000_000;
    queue(&w, "a@brand.test", t0).await;
    queue(&w, "b@brand.test", t0).await;
    let transport = Recorder::default();
    assert_eq!(send_due(&at(&w, t0), &transport).await.expect("send"), 2);
    // Sent mail is not sent again.
    assert_eq!(
        send_due(&at(&w, t0 + 60_000), &transport)
            .await
            .expect("send"),
        0
    );
    let sent = transport.sent.lock().expect("lock").clone();
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[0].to, "a@brand.test");
    assert!(sent[0].text.contains("token=x") && sent[0].html.contains("token=x"));
    let page = db::mail::newest(&w.db.pool, "", None, 10)
        .await
        .expect("list");
    assert!(page.iter().all(|row| row.sent_at == Some(t0)));
}

#[tokio::test]
async fn a_refused_mail_is_retried_with_a_growing_wait_then_given_up() {
    let w = world().await;
    let t0 = 1_800_000_000_000;
    let id = queue(&w, "down@brand.test", t0).await;
    let transport = Recorder {
        refuse: vec!["down@brand.test"],
        ..Default::default()
    };
    let mut now = t0;
    for attempt in 1..=MAIL_ATTEMPTS {
        assert_eq!(send_due(&at(&w, now), &transport).await.expect("send"), 1);
        let row = db::mail::newest(&w.db.pool, "down@", None, 1)
            .await
            .expect("row")
            .remove(0);
        assert_eq!((row.id, row.attempts), (id, attempt));
        if attempt < MAIL_ATTEMPTS {
            assert_eq!(row.next_attempt_at, Some(now + mail_backoff_ms(attempt)));
            assert_eq!(row.last_error, "451 try again later");
            // Not due before its time.
            assert_eq!(
                send_due(&at(&w, now + 1), &transport).await.expect("send"),
                0
            );
            now += mail_backoff_ms(attempt);
        } else {
            assert_eq!(row.next_attempt_at, None);
            assert!(
                row.last_error.starts_with("Given up after 12 attempts"),
                "{}",
                row.last_error
            );
        }
    }
    assert!(transport.sent.lock().expect("lock").is_empty());
    assert!(mail_backoff_ms(1) < mail_backoff_ms(2));
    assert_eq!(mail_backoff_ms(40), 4 * 3_600_000);
}
