//! Notifications through the real router: the notifier derives them from the audit trail once
//! per thing, mails them as each person chose (at once, digest, off), and each person reads
//! and marks only their own.

use crate::support::*;
use app::api::notifications::{ListNotifications, MarkNotificationsRead, SetNotificationPrefs};
use app::api::review::DecideItems;
use app::model::{Decision, NotificationPage};
use app::service::{Clock, Context};
use axum::http::StatusCode;

on_shared_runtime! {
    everyone_reads_and_marks_only_their_own_notifications => matrix_scenario,
    a_decided_report_tells_its_filer_once_by_bell_and_mail => decided_report_scenario,
    a_digest_carries_a_days_notifications_in_one_mail => digest_scenario,
    a_manager_hears_once_of_a_report_past_half_its_target => review_due_scenario,
    a_brand_is_reminded_a_day_before_an_inquiry_closes => inquiry_reminder_scenario,
}

fn ctx(h: &Harness, at: i64) -> Context {
    Context {
        clock: Clock::Fixed(at),
        ..Context::new(h._db.db.clone(), Default::default())
    }
}

async fn notifications(h: &Harness, cookie: &str) -> NotificationPage {
    let (status, _, body) = send(
        &h.router,
        call(
            "/api/me/list_notifications",
            &ListNotifications { before: None },
            Some(cookie),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).expect("page")
}

async fn matrix_scenario() {
    let h = harness().await;
    let cookies = cookies_of_all_callers(&h.router).await;
    let cases = vec![
        Case {
            name: "GET /notifications",
            request: Box::new(|c| get("/notifications", c)),
            expected: Expected {
                anonymous: 302,
                ..SIGNED_IN
            },
        },
        Case {
            name: "POST /api/me/list_notifications",
            request: Box::new(|c| {
                call(
                    "/api/me/list_notifications",
                    &ListNotifications { before: None },
                    c,
                )
            }),
            expected: SIGNED_IN,
        },
        Case {
            name: "POST /api/me/mark_notifications_read (all)",
            request: Box::new(|c| {
                call(
                    "/api/me/mark_notifications_read",
                    &MarkNotificationsRead { id: None },
                    c,
                )
            }),
            expected: SIGNED_IN,
        },
        Case {
            name: "POST /api/me/notification_prefs",
            request: Box::new(|c| post("/api/me/notification_prefs", "", c)),
            expected: SIGNED_IN,
        },
        Case {
            name: "POST /api/me/set_notification_prefs (a kind nobody gets)",
            request: Box::new(|c| {
                let args = SetNotificationPrefs {
                    choices: vec![("weather".into(), "off".into())],
                };
                call("/api/me/set_notification_prefs", &args, c)
            }),
            expected: Expected {
                anonymous: 401,
                ..Expected::all(422)
            },
        },
    ];
    assert_matrix(&h.router, &cookies, &cases).await;
}

/// Decides every pending item of Northwind's oldest pending report as Nils; its number.
/// Nils removes every item of Northwind's oldest pending report; its id.
pub(crate) async fn decide_a_northwind_report(h: &Harness) -> i64 {
    let pool = &h._db.db.pool;
    let report: i64 = sqlx::query_scalar(
        "SELECT MIN(report_id) FROM report_items WHERE brand_id = $1 AND status = 'pending' \
         AND instant = 0",
    )
    .bind(h.northwind)
    .fetch_one(pool)
    .await
    .expect("a pending report");
    let items: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM report_items WHERE report_id = $1 AND status = 'pending' ORDER BY id",
    )
    .bind(report)
    .fetch_all(pool)
    .await
    .expect("items");
    let nils = sign_in(&h.router, "manager2@goodfaith.test").await;
    let decide = DecideItems {
        item_ids: items,
        decision: Decision::Remove,
    };
    let (status, _, body) = send(
        &h.router,
        call("/api/review/decide_items", &decide, Some(&nils)),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    report
}

async fn decided_report_scenario() {
    let h = harness().await;
    let pool = h._db.db.pool.clone();
    let staff = sign_in(&h.router, "staff@northwind.test").await;
    let filer: i64 =
        sqlx::query_scalar("SELECT id FROM users WHERE email = 'staff@northwind.test'")
            .fetch_one(&pool)
            .await
            .expect("filer");
    // The demo's history tells nobody anything.
    let now = app::db::now_ms();
    app::service::notifications::pass(&ctx(&h, now), true)
        .await
        .expect("pass");
    assert_eq!(notifications(&h, &staff).await.unread, 0);

    let report = decide_a_northwind_report(&h).await;
    let stored = app::service::notifications::pass(&ctx(&h, now), false)
        .await
        .expect("pass");
    assert!(stored >= 1, "{stored}");
    // Again: nothing new, nothing twice.
    app::service::notifications::pass(&ctx(&h, now), false)
        .await
        .expect("pass");
    let page = notifications(&h, &staff).await;
    let decided: Vec<_> = page
        .notifications
        .iter()
        .filter(|n| n.title == format!("Report {report} is decided"))
        .collect();
    assert_eq!(decided.len(), 1, "{page:?}");
    assert_eq!(decided[0].link, format!("/reports/{report}"));
    assert!(page.unread >= 1);
    // The bell in the navigation counts it.
    let (_, _, body) = send(
        &h.router,
        post("/api/auth/get_current_user", "", Some(&staff)),
    )
    .await;
    assert!(
        body.contains(&format!("\"unread_notifications\":{}", page.unread)),
        "{body}"
    );
    // Mailed at once (the default), with its link and the way to stop such mail.
    let (subject, text): (String, String) = sqlx::query_as(
        "SELECT subject, body_text FROM mail_outbox WHERE to_user_id = $1 AND kind = 'notification'",
    )
    .bind(filer)
    .fetch_one(&pool)
    .await
    .expect("mail");
    assert_eq!(subject, format!("Report {report} is decided"));
    assert!(text.contains(&format!("/reports/{report}")), "{text}");
    assert!(text.contains("/account#notifications"), "{text}");

    // Someone else cannot mark it read; its owner can.
    let id = decided[0].id;
    let other = sign_in(&h.router, "staff@helios.test").await;
    let (_, _, body) = send(
        &h.router,
        call(
            "/api/me/mark_notifications_read",
            &MarkNotificationsRead { id: Some(id) },
            Some(&other),
        ),
    )
    .await;
    assert_eq!(body, "0");
    let (_, _, body) = send(
        &h.router,
        call(
            "/api/me/mark_notifications_read",
            &MarkNotificationsRead { id: Some(id) },
            Some(&staff),
        ),
    )
    .await;
    assert_eq!(body, "1");
    let page = notifications(&h, &staff).await;
    assert!(page.notifications.iter().any(|n| n.id == id && n.read));
}

async fn digest_scenario() {
    let h = harness().await;
    let pool = h._db.db.pool.clone();
    let staff = sign_in(&h.router, "staff@northwind.test").await;
    let prefs = SetNotificationPrefs {
        choices: vec![("report_decided".into(), "digest".into())],
    };
    let (status, _, body) = send(
        &h.router,
        call("/api/me/set_notification_prefs", &prefs, Some(&staff)),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let report = decide_a_northwind_report(&h).await;
    let now = app::db::now_ms();
    app::service::notifications::pass(&ctx(&h, now), true)
        .await
        .expect("pass");
    let mails = |kind: &'static str| {
        let pool = pool.clone();
        async move {
            sqlx::query_as::<_, (String, String)>(
                "SELECT subject, body_text FROM mail_outbox WHERE to_address = \
                 'staff@northwind.test' AND kind = $1",
            )
            .bind(kind)
            .fetch_all(&pool)
            .await
            .expect("mail")
        }
    };
    assert!(mails("notification").await.is_empty(), "no mail at once");
    assert!(mails("digest").await.is_empty(), "not a day yet");
    // A day later the digest goes, once.
    let tomorrow = now + 25 * 3_600_000;
    app::service::notifications::pass(&ctx(&h, tomorrow), true)
        .await
        .expect("pass");
    app::service::notifications::pass(&ctx(&h, tomorrow), true)
        .await
        .expect("pass");
    let digests = mails("digest").await;
    assert_eq!(digests.len(), 1, "{digests:?}");
    assert!(
        digests[0]
            .1
            .contains(&format!("Report {report} is decided"))
    );
    assert!(digests[0].1.contains("/account#notifications"));
}

async fn review_due_scenario() {
    const HOUR: i64 = 3_600_000;
    let h = harness().await;
    let pool = h._db.db.pool.clone();
    // Helios is Joint-Force: its items are due 4 hours after they come in, so half their
    // target passes 2 hours before the deadline.
    let (manager, deadline): (i64, i64) = sqlx::query_as(
        "SELECT manager_id, deadline_at FROM report_items WHERE brand_id = $1 \
         AND status = 'pending' ORDER BY id DESC LIMIT 1",
    )
    .bind(h.helios)
    .fetch_one(&pool)
    .await
    .expect("a pending Helios item");
    let half = deadline - 2 * HOUR;
    let hour = half - half.rem_euclid(HOUR);
    let told = || {
        let pool = pool.clone();
        async move {
            sqlx::query_as::<_, (String,)>(
                "SELECT title FROM notifications WHERE user_id = $1 AND kind = 'review_due' \
                 AND dedupe = $2",
            )
            .bind(manager)
            .bind(format!("hour:{hour}"))
            .fetch_all(&pool)
            .await
            .expect("notifications")
        }
    };
    // While that hour runs: nothing yet. Once it is over: one line for the hour, however many
    // passes look.
    app::service::notifications::pass(&ctx(&h, hour + HOUR - 60_000), true)
        .await
        .expect("pass");
    assert!(told().await.is_empty());
    for _ in 0..2 {
        app::service::notifications::pass(&ctx(&h, hour + HOUR + 60_000), true)
            .await
            .expect("pass");
    }
    let titles = told().await;
    assert_eq!(titles.len(), 1, "{titles:?}");
    assert!(titles[0].0.contains("passed half"), "{titles:?}");
}

async fn inquiry_reminder_scenario() {
    let h = harness().await;
    let pool = h._db.db.pool.clone();
    let (inquiry, deadline): (i64, i64) = sqlx::query_as(
        "SELECT id, deadline_at FROM inquiries WHERE brand_id = $1 AND status = 'open' \
         ORDER BY id LIMIT 1",
    )
    .bind(h.helios)
    .fetch_one(&pool)
    .await
    .expect("an open Helios inquiry");
    let staff: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = 'staff@helios.test'")
        .fetch_one(&pool)
        .await
        .expect("staff");
    let reminded = || {
        let pool = pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>(
                "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND dedupe = $2",
            )
            .bind(staff)
            .bind(format!("inquiry_due:{inquiry}"))
            .fetch_one(&pool)
            .await
            .expect("count")
        }
    };
    app::service::notifications::pass(&ctx(&h, deadline - 2 * 86_400_000), true)
        .await
        .expect("pass");
    assert_eq!(reminded().await, 0, "two days before: not yet");
    app::service::notifications::pass(&ctx(&h, deadline - 3_600_000), true)
        .await
        .expect("pass");
    assert_eq!(reminded().await, 1, "an hour before: once");
}
