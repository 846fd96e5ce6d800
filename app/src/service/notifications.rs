//! Notifications: the notifier derives them from the audit trail (every change that tells
//! someone something is already there, committed with the change), mails them as each person
//! chose, sends the daily digests, and tells account managers of reports past half their
//! review target. People read theirs under the bell, mark them read, and set their mail
//! preferences per kind.

use crate::db::{self, notifications as store};
use crate::domain::Tier;
use crate::domain::mail;
use crate::domain::notification::{Delivery, NOTIFICATIONS_PER_PAGE, NotificationKind};
use crate::error::AppError;
use crate::model::{CurrentUser, NotificationPage, NotificationPrefView, NotificationView};
use crate::service::Context;

/// The audit actions that may tell someone something.
const ACTIONS: [&str; 12] = [
    "item.removed",
    "item.rejected",
    "counter_notice.filed",
    "inquiry.sent",
    "tier.changed",
    "brand.misuse_warned",
    "item.audit_overturned",
    "counter_notice.no_response",
    "listing.removed",
    "counter_notice.upheld",
    "listing.restored",
    "seller.suspended",
];

/// Audit events one pass reads at most.
const EVENTS_PER_PASS: i64 = 1_000;

/// Where people change what they are mailed (every mail links here).
pub const PREFERENCES_PATH: &str = "/account#notifications";

/// One pass of the notifier: reads the audit trail past its cursor, stores each notification
/// it implies (once per person and thing), queues a mail for those who want one at once, and
/// moves the cursor — one transaction, so a pass that loses the race to another instance
/// leaves everything to it. With `timed`, also the notices that time alone brings (reports
/// past half their target: a scan of the pending items, so the caller asks for it once a
/// minute, not every pass) and the digests due. Returns how many notifications were stored.
pub async fn pass(ctx: &Context, timed: bool) -> Result<usize, AppError> {
    let from = store::cursor(&ctx.db.pool).await?;
    let (events, to) = store::events_after(&ctx.db.pool, from, &ACTIONS, EVENTS_PER_PASS).await?;
    let mut notes = Vec::new();
    for event in &events {
        notes.extend(notes_for(ctx, event).await?);
    }
    if timed {
        notes.extend(review_due(ctx).await?);
        notes.extend(deadlines_closing(ctx).await?);
    }
    let mut stored = 0;
    if to != from || !notes.is_empty() {
        let now = ctx.now();
        let mut tx = ctx.db.begin().await?;
        if to != from && !store::advance(&mut tx, from, to).await? {
            tx.rollback().await?;
            return Ok(0);
        }
        for note in &notes {
            stored += usize::from(deliver(ctx, &mut tx, note, now).await?);
        }
        tx.commit().await?;
    }
    if timed {
        send_digests(ctx).await?;
    }
    Ok(stored)
}

/// Stores one notification and, if its person wants this kind at once, its mail.
async fn deliver(
    ctx: &Context,
    conn: &mut sqlx::AnyConnection,
    note: &store::NewNotification,
    now: i64,
) -> Result<bool, AppError> {
    let delivery = store::prefs_for(conn, note.kind, note.user_id)
        .await?
        .as_deref()
        .and_then(Delivery::parse)
        .unwrap_or_default();
    if !store::insert(conn, note, delivery != Delivery::Digest, now).await? {
        return Ok(false);
    }
    if delivery == Delivery::Immediately
        && let Some(address) = address_of(conn, note.user_id).await?
    {
        let message = mail::notification(
            &note.title,
            &note.body,
            &ctx.site.link(&note.link),
            &ctx.site.link(PREFERENCES_PATH),
        );
        db::mail::queue(conn, &address, Some(note.user_id), &message, now).await?;
    }
    Ok(true)
}

async fn address_of(conn: &mut sqlx::AnyConnection, user_id: i64) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar("SELECT email FROM users WHERE id = $1 AND deactivated_at IS NULL")
        .bind(user_id)
        .fetch_optional(conn)
        .await
}

/// The notifications one audit event implies.
async fn notes_for(
    ctx: &Context,
    event: &store::EventRow,
) -> Result<Vec<store::NewNotification>, AppError> {
    let pool = &ctx.db.pool;
    let note = |user_id: i64,
                kind: NotificationKind,
                dedupe: String,
                title: String,
                body: String,
                link: String| {
        store::NewNotification {
            user_id,
            kind: kind.as_str(),
            dedupe,
            title,
            body,
            link,
        }
    };
    let mut notes = Vec::new();
    match (event.action.as_str(), event.subject_type.as_str()) {
        ("item.removed" | "item.rejected", "report_item") => {
            let Some(item) = item_facts(pool, event.subject_id).await? else {
                return Ok(notes);
            };
            // An instant takedown is decided as it is filed: its filer knows.
            if item.instant != 0 {
                return Ok(notes);
            }
            let (pending, removed, rejected): (i64, i64, i64) = sqlx::query_as(
                "SELECT COALESCE(SUM(CASE WHEN status = 'pending' THEN 1 ELSE 0 END), 0), \
                 COALESCE(SUM(CASE WHEN status IN ('removed', 'counter_noticed', 'removal_stands') \
                 THEN 1 ELSE 0 END), 0), \
                 COALESCE(SUM(CASE WHEN status = 'rejected' THEN 1 ELSE 0 END), 0) \
                 FROM report_items WHERE report_id = $1",
            )
            .bind(item.report_id)
            .fetch_one(pool)
            .await?;
            if pending == 0 {
                notes.push(note(
                    item.submitted_by,
                    NotificationKind::ReportDecided,
                    format!("report:{}", item.report_id),
                    format!("Report {} is decided", item.report_id),
                    format!(
                        "Every listing of it has been decided: {removed} removed, {rejected} rejected."
                    ),
                    format!("/reports/{}", item.report_id),
                ));
            }
        }
        ("counter_notice.filed", "report_item") => {
            if let Some(item) = item_facts(pool, event.subject_id).await? {
                notes.push(note(
                    item.submitted_by,
                    NotificationKind::CounterNotice,
                    format!("counter_notice:{}", event.subject_id),
                    format!("A seller appealed a removal of report {}", item.report_id),
                    "The seller filed a counter-notice. Respond with evidence or legal action \
                     before the window closes, or the account manager decides without you."
                        .into(),
                    format!("/reports/{}", item.report_id),
                ));
            }
        }
        ("item.audit_overturned", "report_item") => {
            if let Some(item) = item_facts(pool, event.subject_id).await? {
                notes.push(note(
                    item.submitted_by,
                    NotificationKind::TakedownOverturned,
                    format!("overturned:{}", event.subject_id),
                    format!(
                        "An instant takedown of report {} was overturned",
                        item.report_id
                    ),
                    "The account manager's audit restored the listing; it counts against your \
                     accuracy."
                        .into(),
                    format!("/reports/{}", item.report_id),
                ));
            }
        }
        ("inquiry.sent", "inquiry") => {
            if let Some(brand) = event.brand_id {
                for user in brand_staff(pool, brand).await? {
                    notes.push(note(
                        user,
                        NotificationKind::Inquiry,
                        format!("inquiry:{}", event.subject_id),
                        "The marketplace asks whether a listing is genuine".into(),
                        "Answer the authenticity inquiry before its deadline.".into(),
                        format!("/brands/{brand}/inquiries"),
                    ));
                }
            }
        }
        ("tier.changed" | "brand.misuse_warned", "brand") => {
            let brand = event.subject_id;
            let warned = event.action == "brand.misuse_warned";
            for user in brand_staff(pool, brand).await? {
                notes.push(note(
                    user,
                    NotificationKind::Standing,
                    format!("{}:{}", event.action, event.id),
                    if warned {
                        "Misuse warning: too many reports rejected as not infringing".into()
                    } else {
                        "Your brand's tier changed".into()
                    },
                    "Your brand's page shows why, and what it takes from here.".into(),
                    format!("/brands/{brand}"),
                ));
            }
        }
        ("counter_notice.no_response", "report_item") => {
            let manager: Option<Option<i64>> = sqlx::query_scalar(
                "SELECT b.manager_id FROM report_items i JOIN brands b ON b.id = i.brand_id \
                 WHERE i.id = $1",
            )
            .bind(event.subject_id)
            .fetch_optional(pool)
            .await?;
            if let Some(manager) = manager.flatten() {
                notes.push(note(
                    manager,
                    NotificationKind::AppealNoResponse,
                    format!("no_response:{}", event.subject_id),
                    "An appeal is waiting for your decision".into(),
                    "The brand let its response window pass: decide the counter-notice.".into(),
                    "/review/appeals".into(),
                ));
            }
        }
        ("listing.removed" | "listing.restored", "listing") => {
            let removed = event.action == "listing.removed";
            for (user, title) in sellers_of_listing(pool, event.subject_id).await? {
                let (headline, body) = if removed {
                    (
                        format!("Your listing \"{title}\" was removed"),
                        "It was removed on a rights holder's notice. Its page says why and how \
                         to file a counter-notice.",
                    )
                } else {
                    (
                        format!("Your listing \"{title}\" is restored"),
                        "It is live on the marketplace again.",
                    )
                };
                notes.push(note(
                    user,
                    NotificationKind::ListingRemoved,
                    format!("{}:{}", event.action, event.id),
                    headline,
                    body.into(),
                    format!("/listings/{}", event.subject_id),
                ));
            }
        }
        ("counter_notice.upheld", "report_item") => {
            let listing: Option<i64> =
                sqlx::query_scalar("SELECT listing_id FROM report_items WHERE id = $1")
                    .bind(event.subject_id)
                    .fetch_optional(pool)
                    .await?;
            if let Some(listing) = listing {
                for (user, title) in sellers_of_listing(pool, listing).await? {
                    notes.push(note(
                        user,
                        NotificationKind::AppealDecided,
                        format!("appeal:{}", event.subject_id),
                        format!("Your counter-notice on \"{title}\" was decided"),
                        "The removal stands. The listing's page gives the reasons and where else \
                         you can turn."
                            .into(),
                        format!("/listings/{listing}"),
                    ));
                }
            }
        }
        ("seller.suspended", "seller") => {
            let users: Vec<i64> = sqlx::query_scalar(
                "SELECT id FROM users WHERE seller_id = $1 AND deactivated_at IS NULL",
            )
            .bind(event.subject_id)
            .fetch_all(pool)
            .await?;
            for user in users {
                notes.push(note(
                    user,
                    NotificationKind::SellerSuspended,
                    format!("suspended:{}", event.id),
                    "Your seller account is suspended".into(),
                    "Upheld removals reached the strikes limit; your live listings are hidden \
                     until the suspension ends."
                        .into(),
                    "/seller".into(),
                ));
            }
        }
        _ => {}
    }
    Ok(notes)
}

#[derive(sqlx::FromRow)]
struct ItemFacts {
    report_id: i64,
    submitted_by: i64,
    instant: i64,
}

async fn item_facts(pool: &sqlx::AnyPool, item_id: i64) -> sqlx::Result<Option<ItemFacts>> {
    sqlx::query_as(
        "SELECT i.report_id, r.submitted_by, i.instant FROM report_items i \
         JOIN reports r ON r.id = i.report_id WHERE i.id = $1",
    )
    .bind(item_id)
    .fetch_optional(pool)
    .await
}

async fn brand_staff(pool: &sqlx::AnyPool, brand_id: i64) -> sqlx::Result<Vec<i64>> {
    sqlx::query_scalar("SELECT id FROM users WHERE brand_id = $1 AND deactivated_at IS NULL")
        .bind(brand_id)
        .fetch_all(pool)
        .await
}

async fn sellers_of_listing(
    pool: &sqlx::AnyPool,
    listing_id: i64,
) -> sqlx::Result<Vec<(i64, String)>> {
    sqlx::query_as(
        "SELECT u.id, l.title FROM listings l JOIN users u ON u.seller_id = l.seller_id \
         WHERE l.id = $1 AND u.deactivated_at IS NULL",
    )
    .bind(listing_id)
    .fetch_all(pool)
    .await
}

/// Each account manager's reports that passed half their review target in the last full
/// clock hour, as one notification per manager and hour ("3 reports passed half their review
/// target"): a manager with a busy queue gets one line an hour, not one per report. Read per
/// queue class from the queue's own index (priority, deadline), since half the target before
/// the deadline is a fixed offset within a class.
async fn review_due(ctx: &Context) -> Result<Vec<store::NewNotification>, AppError> {
    const HOUR_MS: i64 = 3_600_000;
    let now = ctx.now();
    let hour = now - now.rem_euclid(HOUR_MS) - HOUR_MS;
    let targets = ctx.rules.targets;
    let classes = [
        (Tier::JointForce, targets.good_faith_hours),
        (Tier::GoodFaith, targets.good_faith_hours),
        (Tier::Standard, targets.standard_hours),
    ];
    let mut per_manager = std::collections::BTreeMap::<i64, i64>::new();
    for (tier, hours) in classes {
        let half = hours * HOUR_MS / 2;
        let rows: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT manager_id, COUNT(DISTINCT report_id) FROM report_items \
             WHERE status = 'pending' AND priority = $1 AND deadline_at >= $2 AND deadline_at < $3 \
             AND manager_id IS NOT NULL GROUP BY manager_id",
        )
        .bind(i64::from(crate::domain::queue::priority(tier)))
        .bind(hour + half)
        .bind(hour + HOUR_MS + half)
        .fetch_all(&ctx.db.pool)
        .await?;
        for (manager, reports) in rows {
            *per_manager.entry(manager).or_default() += reports;
        }
    }
    Ok(per_manager
        .into_iter()
        .map(|(manager, reports)| store::NewNotification {
            user_id: manager,
            kind: NotificationKind::ReviewDue.as_str(),
            dedupe: format!("hour:{hour}"),
            title: if reports == 1 {
                "1 report passed half its review target".to_owned()
            } else {
                format!("{reports} reports passed half their review target")
            },
            body: format!(
                "In the hour from {}: decide their pending items before the deadline.",
                crate::domain::format_time(hour)
            ),
            link: "/review".into(),
        })
        .collect())
}

/// How long before a brand's deadline it is reminded.
const REMIND_BEFORE_MS: i64 = 24 * 3_600_000;

/// Brands' deadlines closing within a day: a counter-notice's response window (to the
/// report's filer) and an authenticity inquiry (to the brand's staff), once each.
async fn deadlines_closing(ctx: &Context) -> Result<Vec<store::NewNotification>, AppError> {
    let now = ctx.now();
    let pool = &ctx.db.pool;
    let mut notes = Vec::new();
    let responses: Vec<(i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT c.id, r.id, r.submitted_by, c.response_due_at FROM counter_notices c \
         JOIN report_items i ON i.id = c.item_id JOIN reports r ON r.id = i.report_id \
         WHERE i.status = 'counter_noticed' AND c.response_kind IS NULL \
         AND c.response_due_at BETWEEN $1 AND $2 LIMIT 200",
    )
    .bind(now)
    .bind(now + REMIND_BEFORE_MS)
    .fetch_all(pool)
    .await?;
    for (counter_notice, report, filer, due) in responses {
        notes.push(store::NewNotification {
            user_id: filer,
            kind: NotificationKind::CounterNotice.as_str(),
            dedupe: format!("response_due:{counter_notice}"),
            title: format!(
                "Respond to the counter-notice on report {report} by {}",
                crate::domain::format_time(due)
            ),
            body: "After that the account manager decides the appeal without your response.".into(),
            link: format!("/reports/{report}"),
        });
    }
    let inquiries: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT id, brand_id, deadline_at FROM inquiries WHERE status = 'open' \
         AND deadline_at BETWEEN $1 AND $2 LIMIT 200",
    )
    .bind(now)
    .bind(now + REMIND_BEFORE_MS)
    .fetch_all(pool)
    .await?;
    for (inquiry, brand, due) in inquiries {
        for user in brand_staff(pool, brand).await? {
            notes.push(store::NewNotification {
                user_id: user,
                kind: NotificationKind::Inquiry.as_str(),
                dedupe: format!("inquiry_due:{inquiry}"),
                title: format!(
                    "Answer inquiry {inquiry} by {}",
                    crate::domain::format_time(due)
                ),
                body: "The marketplace is waiting to hear whether the listing is genuine.".into(),
                link: format!("/brands/{brand}/inquiries"),
            });
        }
    }
    Ok(notes)
}

/// Sends each person who chose the digest one mail with everything waiting, once their oldest
/// waiting notification is a day old.
async fn send_digests(ctx: &Context) -> Result<(), AppError> {
    let now = ctx.now();
    for (user_id, address) in store::digests_due(&ctx.db.pool, now - 86_400_000).await? {
        let mut tx = ctx.db.begin().await?;
        let waiting = store::waiting_for_digest(&mut tx, user_id).await?;
        let Some(last) = waiting.last().map(|(id, ..)| *id) else {
            tx.rollback().await?;
            continue;
        };
        let items: Vec<(String, String)> = waiting
            .into_iter()
            .map(|(_, title, link)| (title, ctx.site.link(&link)))
            .collect();
        let message = mail::digest(&items, &ctx.site.link(PREFERENCES_PATH));
        db::mail::queue(&mut tx, &address, Some(user_id), &message, now).await?;
        store::mark_digested(&mut tx, user_id, last).await?;
        tx.commit().await?;
    }
    Ok(())
}

/// The caller's newest notifications (older than the cursor `before`) and unread count.
pub async fn list(
    ctx: &Context,
    caller: &CurrentUser,
    before: Option<i64>,
) -> Result<NotificationPage, AppError> {
    let mut rows =
        store::of_user(&ctx.db.pool, caller.id, before, NOTIFICATIONS_PER_PAGE + 1).await?;
    let older = (rows.len() as i64 > NOTIFICATIONS_PER_PAGE).then(|| {
        rows.truncate(NOTIFICATIONS_PER_PAGE as usize);
        rows.last().map(|row| row.id)
    });
    let notifications = rows
        .into_iter()
        .map(|row| NotificationView {
            id: row.id,
            kind: NotificationKind::parse(&row.kind),
            title: row.title,
            body: row.body,
            link: row.link,
            created_at: row.created_at,
            read: row.read_at.is_some(),
        })
        .collect();
    Ok(NotificationPage {
        notifications,
        older: older.flatten(),
        unread: store::unread(&ctx.db.pool, caller.id).await?,
    })
}

/// How many of the caller's notifications are unread (the bell's count).
pub async fn unread(ctx: &Context, caller: &CurrentUser) -> Result<i64, AppError> {
    Ok(store::unread(&ctx.db.pool, caller.id).await?)
}

/// Marks one of the caller's notifications read, or (`None`) all of them. Only their own:
/// another person's id changes nothing.
pub async fn mark_read(
    ctx: &Context,
    caller: &CurrentUser,
    id: Option<i64>,
) -> Result<u64, AppError> {
    Ok(store::mark_read(&ctx.db.pool, caller.id, id, ctx.now()).await?)
}

/// The caller's mail preference for each kind their role receives.
pub async fn prefs(
    ctx: &Context,
    caller: &CurrentUser,
) -> Result<Vec<NotificationPrefView>, AppError> {
    let set = store::prefs(&ctx.db.pool, caller.id).await?;
    Ok(NotificationKind::for_role(caller.role)
        .iter()
        .map(|kind| NotificationPrefView {
            kind: *kind,
            delivery: set
                .iter()
                .find(|(stored, _)| stored == kind.as_str())
                .and_then(|(_, delivery)| Delivery::parse(delivery))
                .unwrap_or_default(),
        })
        .collect())
}

/// Sets the caller's mail preferences (kinds their role does not receive are refused by
/// field).
pub async fn set_prefs(
    ctx: &Context,
    caller: &CurrentUser,
    choices: &[(String, String)],
) -> Result<String, AppError> {
    let allowed = NotificationKind::for_role(caller.role);
    if choices.len() > allowed.len() {
        return Err(AppError::field(
            "prefs",
            "Choose once for each kind listed.",
        ));
    }
    let mut parsed = Vec::with_capacity(choices.len());
    for (kind, delivery) in choices {
        let kind = NotificationKind::parse(kind)
            .filter(|kind| allowed.contains(kind))
            .ok_or_else(|| AppError::field("prefs", "Choose among the kinds listed."))?;
        let delivery = Delivery::parse(delivery)
            .ok_or_else(|| AppError::field(kind.as_str(), "Choose at once, digest or off."))?;
        parsed.push((kind, delivery));
    }
    let mut tx = ctx.db.begin().await?;
    for (kind, delivery) in &parsed {
        store::set_pref(&mut tx, caller.id, kind.as_str(), delivery.as_str()).await?;
    }
    let event = db::audit::NewEvent {
        actor_id: Some(caller.id),
        action: "user.notification_settings_changed",
        subject_type: "user",
        subject_id: caller.id,
        brand_id: caller.brand_id,
        detail: &parsed
            .iter()
            .map(|(kind, delivery)| format!("{}: {}", kind.label(), delivery.label()))
            .collect::<Vec<_>>()
            .join("; "),
    };
    db::audit::record(&mut tx, &event, ctx.now()).await?;
    tx.commit().await?;
    Ok("Your notification settings are saved.".into())
}
