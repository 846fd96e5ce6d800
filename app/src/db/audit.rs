//! The append-only audit trail. Every state change calls [`record`] inside its transaction.

use sqlx::{AnyConnection, AnyPool, FromRow};

use crate::db::script::{Arg, Script};

/// One thing that happened, by whom, to what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEvent<'a> {
    /// Who did it (`None` for the system: seeding, background jobs).
    pub actor_id: Option<i64>,
    /// Dotted verb, e.g. `auth.login`, `listing.removed`.
    pub action: &'a str,
    /// What kind of thing it happened to, e.g. `user`, `listing`.
    pub subject_type: &'a str,
    /// Which one.
    pub subject_id: i64,
    /// The brand whose record this belongs to, if any.
    pub brand_id: Option<i64>,
    /// Free-form detail for people reading the trail.
    pub detail: &'a str,
}

/// Appends one event. Call it on the same transaction as the change it describes.
pub async fn record(conn: &mut AnyConnection, event: &NewEvent<'_>, now: i64) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO audit_events (occurred_at, actor_id, action, subject_type, subject_id, brand_id, detail) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(now)
    .bind(event.actor_id)
    .bind(event.action)
    .bind(event.subject_type)
    .bind(event.subject_id)
    .bind(event.brand_id)
    .bind(event.detail)
    .execute(conn)
    .await?;
    Ok(())
}

/// A stored event.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct EventRecord {
    /// Event id (ascending in time).
    pub id: i64,
    /// When, in epoch milliseconds.
    pub occurred_at: i64,
    /// Who.
    pub actor_id: Option<i64>,
    /// What.
    pub action: String,
    /// Detail.
    pub detail: String,
}

/// A subject's history, oldest first.
pub async fn events_for(
    pool: &AnyPool,
    subject_type: &str,
    subject_id: i64,
) -> sqlx::Result<Vec<EventRecord>> {
    sqlx::query_as(
        "SELECT id, occurred_at, actor_id, action, detail FROM audit_events \
         WHERE subject_type = $1 AND subject_id = $2 ORDER BY id",
    )
    .bind(subject_type)
    .bind(subject_id)
    .fetch_all(pool)
    .await
}

/// Appends many events with multi-row INSERTs (a 300-item report writes 300 item events).
pub async fn record_many(
    conn: &mut AnyConnection,
    events: &[NewEvent<'_>],
    now: i64,
) -> sqlx::Result<()> {
    let mut script = Script::default();
    push_many(&mut script, events, now);
    script.run(conn).await
}

/// Adds [`record_many`]'s inserts to `script`, for a caller with other writes to send along.
pub fn push_many<'a>(script: &mut Script<'a>, events: &[NewEvent<'a>], now: i64) {
    // 7 parameters a row: 400 rows stay far below SQLite's 32,766-parameter limit.
    for batch in events.chunks(400) {
        let sql = format!(
            "INSERT INTO audit_events (occurred_at, actor_id, action, subject_type, subject_id, brand_id, detail) VALUES {}",
            crate::db::values_placeholders(batch.len(), 7)
        );
        let args = batch
            .iter()
            .flat_map(|event| {
                [
                    Arg::Int(now),
                    Arg::MaybeInt(event.actor_id),
                    Arg::Text(event.action),
                    Arg::Text(event.subject_type),
                    Arg::Int(event.subject_id),
                    Arg::MaybeInt(event.brand_id),
                    Arg::Text(event.detail),
                ]
            })
            .collect();
        // Built only from placeholder numbers: nothing user-supplied is spliced in.
        script.push(sql, args);
    }
}

/// An event with the actor's name, for timelines and audit trails.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct NamedEvent {
    /// What it happened to.
    pub subject_id: i64,
    /// When.
    pub occurred_at: i64,
    /// Who, by name (`None` for the system).
    pub actor_name: Option<String>,
    /// What.
    pub action: String,
    /// Detail.
    pub detail: String,
}

impl From<NamedEvent> for crate::model::TimelineEntry {
    fn from(event: NamedEvent) -> Self {
        crate::model::TimelineEntry {
            at: event.occurred_at,
            actor: event.actor_name,
            action: event.action,
            detail: event.detail,
        }
    }
}

/// The events of every item of a report, oldest first.
pub async fn item_events_of_report(
    pool: &AnyPool,
    report_id: i64,
) -> sqlx::Result<Vec<NamedEvent>> {
    sqlx::query_as(
        "SELECT e.subject_id, e.occurred_at, u.display_name AS actor_name, e.action, e.detail \
         FROM audit_events e LEFT JOIN users u ON u.id = e.actor_id \
         WHERE e.subject_type = 'report_item' \
           AND e.subject_id IN (SELECT id FROM report_items WHERE report_id = $1) \
         ORDER BY e.id",
    )
    .bind(report_id)
    .fetch_all(pool)
    .await
}

/// A listing's audit trail, oldest first. With `manager_id`, only events of no brand or of
/// that manager's brands (a manager does not see other brands' dealings).
pub async fn listing_trail(
    pool: &AnyPool,
    listing_id: i64,
    manager_id: Option<i64>,
) -> sqlx::Result<Vec<NamedEvent>> {
    sqlx::query_as(
        "SELECT e.subject_id, e.occurred_at, u.display_name AS actor_name, e.action, e.detail \
         FROM audit_events e LEFT JOIN users u ON u.id = e.actor_id \
         LEFT JOIN brands b ON b.id = e.brand_id \
         WHERE e.subject_type = 'listing' AND e.subject_id = $1 \
           AND ($2 IS NULL OR e.brand_id IS NULL OR b.manager_id = $2) \
         ORDER BY e.id",
    )
    .bind(listing_id)
    .bind(manager_id)
    .fetch_all(pool)
    .await
}

/// The events of the given kinds on a listing's trail, oldest first, each with the role of
/// whoever acted (in `actor_name`) instead of their name: what the listing's seller reads.
pub async fn listing_trail_by_role(
    pool: &AnyPool,
    listing_id: i64,
    actions: &[&str],
) -> sqlx::Result<Vec<NamedEvent>> {
    // Placeholders only: the action names are bound, never spliced in.
    let wanted: Vec<String> = (0..actions.len()).map(|n| format!("${}", n + 2)).collect();
    let sql = format!(
        "SELECT e.subject_id, e.occurred_at, u.role AS actor_name, e.action, e.detail \
         FROM audit_events e LEFT JOIN users u ON u.id = e.actor_id \
         WHERE e.subject_type = 'listing' AND e.subject_id = $1 AND e.action IN ({}) \
         ORDER BY e.id",
        wanted.join(", ")
    );
    let mut query = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(listing_id);
    for action in actions {
        query = query.bind(*action);
    }
    query.fetch_all(pool).await
}

/// Records one event on the listing's trail and the same on the report item's timeline.
pub(crate) async fn record_on_both(
    conn: &mut AnyConnection,
    actor_id: Option<i64>,
    action: &str,
    (item_id, listing_id, brand_id): (i64, i64, i64),
    detail: &str,
    now: i64,
) -> sqlx::Result<()> {
    let event = |subject_type, subject_id| NewEvent {
        actor_id,
        action,
        subject_type,
        subject_id,
        brand_id: Some(brand_id),
        detail,
    };
    record_many(
        conn,
        &[event("report_item", item_id), event("listing", listing_id)],
        now,
    )
    .await
}

/// Whose events a search may return.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventScope {
    /// Every event (admins).
    All,
    /// The events of the brands this account manager looks after.
    ManagedBy(i64),
    /// One brand's events (the caller may see it: the service checked).
    Brand(i64),
}

/// A search of the audit log; `None` and empty mean "any". Checked by the service.
#[derive(Debug, Clone)]
pub struct EventFilter {
    /// Whose events.
    pub scope: EventScope,
    /// Text in the actor's name or e-mail address, any case.
    pub actor: Option<String>,
    /// Actions beginning with `<kind>.`.
    pub kind: Option<&'static str>,
    /// Events about this thing.
    pub subject: Option<(&'static str, i64)>,
    /// From this instant (inclusive).
    pub from: Option<i64>,
    /// Before this instant.
    pub until: Option<i64>,
    /// Only events with a smaller id (the next page).
    pub before: Option<i64>,
}

/// One event found, with the names a person reads.
#[derive(Debug, Clone, FromRow)]
pub struct FoundEvent {
    /// Event id.
    pub id: i64,
    /// When.
    pub occurred_at: i64,
    /// Who, by name.
    pub actor: Option<String>,
    /// What.
    pub action: String,
    /// About what kind of thing.
    pub subject_type: String,
    /// Which one.
    pub subject_id: i64,
    /// Whose brand, by name.
    pub brand: Option<String>,
    /// Detail.
    pub detail: String,
}

/// Events matching `filter`, newest first, at most `limit`. Each condition is added only when
/// asked for, so the planner can walk the index that fits (a brand's events, a subject's,
/// an actor's) backwards from the cursor instead of the whole log.
pub async fn search(
    pool: &AnyPool,
    filter: &EventFilter,
    limit: i64,
) -> sqlx::Result<Vec<FoundEvent>> {
    use crate::db::Param;
    let mut params = Vec::new();
    let mut conditions = Vec::new();
    let mut push = |condition: &str, param: Param| {
        params.push(param);
        conditions.push(condition.replace('?', &format!("${}", params.len())));
    };
    match filter.scope {
        EventScope::All => {}
        EventScope::Brand(brand_id) => push("e.brand_id = ?", Param::Int(brand_id)),
        EventScope::ManagedBy(manager_id) => push(
            "e.brand_id IN (SELECT id FROM brands WHERE manager_id = ?)",
            Param::Int(manager_id),
        ),
    }
    if let Some(actor) = &filter.actor {
        push(
            "e.actor_id IN (SELECT id FROM users WHERE lower(display_name) LIKE ? ESCAPE '\\' \
             OR email LIKE ? ESCAPE '\\')",
            Param::Text(crate::db::contains_pattern(actor)),
        );
    }
    if let Some(kind) = filter.kind {
        push(
            "e.action LIKE ? ESCAPE '\\'",
            Param::Text(format!("{}.%", kind.replace('_', "\\_"))),
        );
    }
    if let Some((subject_type, subject_id)) = filter.subject {
        push("e.subject_type = ?", Param::Text(subject_type.to_owned()));
        push("e.subject_id = ?", Param::Int(subject_id));
    }
    if let Some(from) = filter.from {
        push("e.occurred_at >= ?", Param::Int(from));
    }
    if let Some(until) = filter.until {
        push("e.occurred_at < ?", Param::Int(until));
    }
    if let Some(before) = filter.before {
        push("e.id < ?", Param::Int(before));
    }
    params.push(Param::Int(limit));
    let limit_at = params.len();
    let conditions = if conditions.is_empty() {
        "1 = 1".to_owned()
    } else {
        conditions.join(" AND ")
    };
    // Only placeholders are spliced into the SQL; every value is bound.
    let sql = format!(
        "SELECT e.id, e.occurred_at, u.display_name AS actor, e.action, e.subject_type, \
         e.subject_id, b.name AS brand, e.detail FROM audit_events e \
         LEFT JOIN users u ON u.id = e.actor_id LEFT JOIN brands b ON b.id = e.brand_id \
         WHERE {conditions} ORDER BY e.id DESC LIMIT ${limit_at}"
    );
    let mut query = sqlx::query_as::<_, FoundEvent>(sqlx::AssertSqlSafe(sql));
    for param in params {
        query = param.bind_to(query);
    }
    query.fetch_all(pool).await
}

/// An audit event a follower of the trail reads (the notifier, the figures job).
#[derive(Debug, Clone, FromRow)]
pub struct FollowedEvent {
    /// Id (the cursor).
    pub id: i64,
    /// What happened.
    pub action: String,
    /// What it happened to.
    pub subject_type: String,
    /// Which one.
    pub subject_id: i64,
    /// The brand, if any.
    pub brand_id: Option<i64>,
    /// When.
    pub occurred_at: i64,
}

/// The events after `after` of `actions`, among at most `limit` events that occurred before
/// `settled_before` (ms), and the id of the last event looked at: a follower's cursor moves
/// past the events it does not want too. Stopping at `settled_before` lets a transaction that
/// took an earlier id but commits later (PostgreSQL hands out ids before commit) be read
/// before the cursor passes it.
pub async fn follow(
    pool: &AnyPool,
    after: i64,
    actions: &[&str],
    limit: i64,
    settled_before: i64,
) -> sqlx::Result<(Vec<FollowedEvent>, i64)> {
    let last: Option<i64> = sqlx::query_scalar(
        "SELECT MAX(id) FROM (SELECT id FROM audit_events WHERE id > $1 AND occurred_at < $3 \
         ORDER BY id LIMIT $2) batch",
    )
    .bind(after)
    .bind(limit)
    .bind(settled_before)
    .fetch_one(pool)
    .await?;
    let Some(last) = last else {
        return Ok((Vec::new(), after));
    };
    let wanted = actions.join(",");
    let events = sqlx::query_as(
        "SELECT id, action, subject_type, subject_id, brand_id, occurred_at FROM audit_events \
         WHERE id > $1 AND id <= $2 AND ',' || $3 || ',' LIKE '%,' || action || ',%' ORDER BY id",
    )
    .bind(after)
    .bind(last)
    .bind(wanted)
    .fetch_all(pool)
    .await?;
    Ok((events, last))
}
