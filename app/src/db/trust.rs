//! Trust tiers in the database: figures from decided items, recomputation in the caller's
//! transaction (with the tier-change audit event and the queue reordered), and everything
//! the tier card and the brands page show.

use std::collections::HashMap;

use crate::db::Db;
use sqlx::{AnyConnection, AnyPool, FromRow};

use crate::db::audit::{self, NewEvent};
use crate::domain::Rules;
use crate::domain::queue::priority;
use crate::domain::trust::{DAY_MS, Enrolment, Figures, Standing, evaluate, verdict};
use crate::domain::{ReasonCode, Tier, format_time};

/// The running counts' status for reports filed, beside the decided items' statuses.
const FILED: &str = "filed";

/// A stored rejection code: the running counts keep "no code" as ''.
fn code(stored: &str) -> Option<&str> {
    (!stored.is_empty()).then_some(stored)
}

fn tally<'a>(rows: impl Iterator<Item = (&'a str, Option<&'a str>, i64)>) -> Figures {
    let mut figures = Figures::default();
    for (status, code, count) in rows {
        if let Some(verdict) = verdict(status, code) {
            figures.add_count(verdict, count);
        }
    }
    figures
}

/// Every brand's figures since the start of the UTC day `since` falls on, in one grouped
/// query of the running counts (see [`standing_and_figures`]).
pub async fn all_figures(pool: &AnyPool, since: i64) -> sqlx::Result<HashMap<i64, Figures>> {
    let rows: Vec<(i64, String, String, i64)> = sqlx::query_as(
        "SELECT brand_id, status, rejection_code, CAST(SUM(tally) AS BIGINT) \
         FROM brand_day_counts WHERE day >= $1 AND status <> 'filed' \
         GROUP BY brand_id, status, rejection_code",
    )
    .bind(since.div_euclid(DAY_MS))
    .fetch_all(pool)
    .await?;
    let mut by_brand: HashMap<i64, Vec<(String, String, i64)>> = HashMap::new();
    for (brand, status, stored_code, count) in rows {
        by_brand
            .entry(brand)
            .or_default()
            .push((status, stored_code, count));
    }
    Ok(by_brand
        .into_iter()
        .map(|(brand, rows)| {
            (
                brand,
                tally(rows.iter().map(|(s, c, n)| (s.as_str(), code(c), *n))),
            )
        })
        .collect())
}

/// What is stored about a brand's standing, enrolment and override.
#[derive(Debug, Clone, FromRow)]
pub struct StoredStanding {
    /// Brand id.
    pub id: i64,
    /// Brand name.
    pub name: String,
    /// The tier in force.
    pub tier: String,
    /// The tier the rules gave.
    pub computed_tier: String,
    /// Whether the figures meet Good Faith.
    pub good_faith: i64,
    /// Why, as of the standing's last change (the figures in it are that day's).
    pub tier_reason: String,
    /// Lockout end.
    pub lockout_until: Option<i64>,
    /// Misuse warning start.
    pub misuse_warned_at: Option<i64>,
    /// Suspension end.
    pub suspended_until: Option<i64>,
    /// Joint-Force enrolment.
    pub joint_force_enrolled: i64,
    /// Assigned manager.
    pub manager_id: Option<i64>,
    /// Admin override.
    pub override_tier: Option<String>,
    /// Why overridden.
    pub override_reason: String,
    /// Override end.
    pub override_until: Option<i64>,
}

impl StoredStanding {
    /// The standing as the rules see it.
    pub fn standing(&self) -> Standing {
        Standing {
            tier: Tier::parse(&self.computed_tier).unwrap_or_default(),
            good_faith: self.good_faith != 0,
            reason: self.tier_reason.clone(),
            lockout_until: self.lockout_until,
            warned_at: self.misuse_warned_at,
            suspended_until: self.suspended_until,
        }
    }

    /// Enrolment facts.
    pub fn enrolment(&self) -> Enrolment {
        Enrolment {
            joint_force: self.joint_force_enrolled != 0,
            has_manager: self.manager_id.is_some(),
        }
    }

    /// The override in force at `now`, if any.
    pub fn active_override(&self, now: i64) -> Option<Tier> {
        self.override_tier
            .as_deref()
            .and_then(Tier::parse)
            .filter(|_| self.override_until.is_some_and(|until| until > now))
    }
}

macro_rules! select_standing {
    () => {
        "SELECT id, name, tier, computed_tier, good_faith, tier_reason, lockout_until, \
         misuse_warned_at, suspended_until, joint_force_enrolled, manager_id, override_tier, \
         override_reason, override_until FROM brands"
    };
}

/// One brand's stored standing.
pub async fn stored(
    conn: &mut AnyConnection,
    brand_id: i64,
) -> sqlx::Result<Option<StoredStanding>> {
    sqlx::query_as(concat!(select_standing!(), " WHERE id = $1"))
        .bind(brand_id)
        .fetch_optional(conn)
        .await
}

/// Every brand's stored standing.
pub async fn all_stored(pool: &AnyPool) -> sqlx::Result<Vec<StoredStanding>> {
    sqlx::query_as(concat!(select_standing!(), " ORDER BY id"))
        .fetch_all(pool)
        .await
}

/// A tier change, as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TierChange {
    /// Before.
    pub from: Tier,
    /// After.
    pub to: Tier,
    /// Why, with the figures.
    pub reason: String,
}

/// Re-evaluates one brand in the caller's transaction and stores the result. A change of the
/// tier in force is audited (old tier, new tier, figures, reason) and moves the brand's
/// pending items to their new place in the queue; warnings and suspensions are audited too.
pub async fn recompute(
    conn: &mut AnyConnection,
    brand_id: i64,
    rules: &Rules,
    actor_id: Option<i64>,
    now: i64,
) -> sqlx::Result<Option<TierChange>> {
    if conn.backend_name() == "PostgreSQL" {
        // Concurrent transactions of one brand (two takedowns, say) each see only their own
        // new decisions until they commit, so each would leave a tier missing the other's.
        // Taken in turn on the brand's row, each recomputes after the one before committed,
        // and the last one's tier counts them all. (SQLite's writers already take turns.)
        // NO KEY UPDATE, the lock an UPDATE of the row takes, lets other transactions go on
        // inserting rows that refer to the brand; FOR UPDATE would deadlock with them.
        sqlx::query("SELECT id FROM brands WHERE id = $1 FOR NO KEY UPDATE")
            .bind(brand_id)
            .execute(&mut *conn)
            .await?;
    }
    let Some((stored, figures)) =
        standing_and_figures(conn, brand_id, now - rules.policy.window_days * DAY_MS).await?
    else {
        return Ok(None);
    };
    apply(conn, &stored, &figures, rules, actor_id, now).await
}

/// A brand's stored standing and its running counts, in one row per status and code.
#[derive(FromRow)]
struct StandingRow {
    #[sqlx(flatten)]
    stored: StoredStanding,
    status: Option<String>,
    rejection_code: Option<String>,
    items: Option<i64>,
}

/// One brand's stored standing and its figures over the items decided since the start of the
/// UTC day `since` falls on. The figures are read from the running counts in
/// `brand_day_counts` (kept by triggers on report_items and reports), so the cost is a row per day and
/// code, not a row per decided item. One statement for both: [`recompute`] runs inside every
/// takedown's and decision's transaction, where each statement is a round trip to the
/// database while other writers wait. Grouping by the brand's key lets both engines return
/// its columns.
pub async fn standing_and_figures(
    conn: &mut AnyConnection,
    brand_id: i64,
    since: i64,
) -> sqlx::Result<Option<(StoredStanding, Figures)>> {
    let rows: Vec<StandingRow> = sqlx::query_as(
        "SELECT b.id, b.name, b.tier, b.computed_tier, b.good_faith, b.tier_reason, \
         b.lockout_until, b.misuse_warned_at, b.suspended_until, b.joint_force_enrolled, \
         b.manager_id, b.override_tier, b.override_reason, b.override_until, \
         d.status, d.rejection_code, CAST(SUM(d.tally) AS BIGINT) AS items \
         FROM brands b LEFT JOIN brand_day_counts d \
         ON d.brand_id = b.id AND d.day >= $2 AND d.status <> 'filed' \
         WHERE b.id = $1 GROUP BY b.id, d.status, d.rejection_code",
    )
    .bind(brand_id)
    .bind(since.div_euclid(DAY_MS))
    .fetch_all(conn)
    .await?;
    let figures = tally(rows.iter().filter_map(|row| {
        Some((
            row.status.as_deref()?,
            code(row.rejection_code.as_deref().unwrap_or_default()),
            row.items?,
        ))
    }));
    Ok(rows.into_iter().next().map(|row| (row.stored, figures)))
}

/// Whether `next` differs from `previous` in nothing but its reason's text. The text carries
/// the running figures ("146 decided reports in 90 days at 90.4 % accuracy …"), so it changes
/// with every decision. Stored only when something it explains changes, it spares the brand's
/// row a write, and the writer's turn a statement, on every instant takedown; the brand page
/// words it afresh from the figures it shows.
fn same_apart_from_reason(next: &Standing, previous: &Standing) -> bool {
    let Standing {
        tier,
        good_faith,
        reason: _,
        lockout_until,
        warned_at,
        suspended_until,
    } = next;
    (tier, good_faith, lockout_until, warned_at, suspended_until)
        == (
            &previous.tier,
            &previous.good_faith,
            &previous.lockout_until,
            &previous.warned_at,
            &previous.suspended_until,
        )
}

/// Stores the evaluation of `figures` for a brand whose stored standing is `stored`.
async fn apply(
    conn: &mut AnyConnection,
    stored: &StoredStanding,
    figures: &Figures,
    rules: &Rules,
    actor_id: Option<i64>,
    now: i64,
) -> sqlx::Result<Option<TierChange>> {
    let previous = stored.standing();
    let next = evaluate(&rules.policy, figures, stored.enrolment(), &previous, now);
    let in_force_before = Tier::parse(&stored.tier).unwrap_or_default();
    let in_force = stored.active_override(now).unwrap_or(next.tier);
    if same_apart_from_reason(&next, &previous) && in_force == in_force_before {
        return Ok(None);
    }
    sqlx::query(
        "UPDATE brands SET tier = $1, computed_tier = $2, good_faith = $3, tier_reason = $4, \
         lockout_until = $5, misuse_warned_at = $6, suspended_until = $7 WHERE id = $8",
    )
    .bind(in_force.as_str())
    .bind(next.tier.as_str())
    .bind(i64::from(next.good_faith))
    .bind(next.reason.as_str())
    .bind(next.lockout_until)
    .bind(next.warned_at)
    .bind(next.suspended_until)
    .bind(stored.id)
    .execute(&mut *conn)
    .await?;
    let figures_text = format!(
        "{} decided, {} upheld, {} rejected, {} restored",
        figures.decided(),
        figures.upheld,
        figures.rejected,
        figures.restored
    );
    let mut events: Vec<(&str, String)> = Vec::new();
    if previous.warned_at.is_none() && next.warned_at.is_some() {
        events.push((
            "brand.misuse_warned",
            format!(
                "{} of decided reports rejected as not infringing ({figures_text}); reports will be suspended if this persists for {} days.",
                crate::domain::trust::percent(figures.misuse_bp()),
                rules.policy.misuse_grace_days
            ),
        ));
    }
    if previous.suspended_until != next.suspended_until
        && let Some(until) = next.suspended_until
    {
        events.push((
            "brand.suspended",
            format!(
                "New reports suspended until {}: the misuse warning persisted ({figures_text}).",
                format_time(until)
            ),
        ));
    }
    let change = (in_force != in_force_before).then(|| TierChange {
        from: in_force_before,
        to: in_force,
        reason: if stored.active_override(now).is_some() {
            format!("Admin override: {}", stored.override_reason)
        } else {
            next.reason.clone()
        },
    });
    if let Some(change) = &change {
        events.push((
            "tier.changed",
            format!(
                "{} → {}: {} ({figures_text})",
                change.from.label(),
                change.to.label(),
                change.reason
            ),
        ));
        // Pending items take their new place in the queue: priority and deadline by tier.
        let hours = match in_force {
            Tier::Standard => rules.targets.standard_hours,
            Tier::GoodFaith | Tier::JointForce => rules.targets.good_faith_hours,
        };
        sqlx::query(
            "UPDATE report_items SET priority = $1, deadline_at = submitted_at + $2 \
             WHERE brand_id = $3 AND status = 'pending'",
        )
        .bind(i64::from(priority(in_force)))
        .bind(hours * 3_600_000)
        .bind(stored.id)
        .execute(&mut *conn)
        .await?;
    }
    let events: Vec<NewEvent> = events
        .iter()
        .map(|(action, detail)| NewEvent {
            actor_id,
            action,
            subject_type: "brand",
            subject_id: stored.id,
            brand_id: Some(stored.id),
            detail,
        })
        .collect();
    audit::record_many(conn, &events, now).await?;
    Ok(change)
}

/// Re-evaluates every brand (items age out of the window): one grouped query for the
/// figures, then one short transaction per brand whose standing changed. Returns how many
/// brands changed tier.
pub async fn recompute_all(db: &Db, rules: &Rules, now: i64) -> sqlx::Result<usize> {
    let pool = &db.pool;
    let figures = all_figures(pool, now - rules.policy.window_days * DAY_MS).await?;
    let empty = Figures::default();
    let mut changed = 0;
    for stored in all_stored(pool).await? {
        let brand_figures = figures.get(&stored.id).unwrap_or(&empty);
        let next = evaluate(
            &rules.policy,
            brand_figures,
            stored.enrolment(),
            &stored.standing(),
            now,
        );
        let in_force = stored.active_override(now).unwrap_or(next.tier);
        if same_apart_from_reason(&next, &stored.standing()) && in_force.as_str() == stored.tier {
            continue;
        }
        let mut tx = db.begin().await?;
        if apply(&mut tx, &stored, brand_figures, rules, None, now)
            .await?
            .is_some()
        {
            changed += 1;
        }
        tx.commit().await?;
    }
    Ok(changed)
}

/// A brand's tier history (tier changes, warnings, suspensions, enrolments, overrides), newest first.
pub async fn history(pool: &AnyPool, brand_id: i64) -> sqlx::Result<Vec<audit::NamedEvent>> {
    sqlx::query_as(
        "SELECT e.subject_id, e.occurred_at, u.display_name AS actor_name, e.action, e.detail \
         FROM audit_events e LEFT JOIN users u ON u.id = e.actor_id \
         WHERE e.subject_type = 'brand' AND e.subject_id = $1 \
           AND e.action IN ('tier.changed', 'brand.misuse_warned', 'brand.suspended', \
                            'brand.enrolled', 'brand.unenrolled', 'tier.overridden') \
         ORDER BY e.id DESC",
    )
    .bind(brand_id)
    .fetch_all(pool)
    .await
}

/// Decided items per week (oldest first) of the 26 weeks from `start`, the midnight (UTC) a
/// week begins; from the running counts, like the tier figures.
pub async fn weekly(pool: &AnyPool, brand_id: i64, start: i64) -> sqlx::Result<Vec<Figures>> {
    let rows: Vec<(i64, String, String, i64)> = sqlx::query_as(
        "SELECT (day - $2) / 7 AS week, status, rejection_code, CAST(SUM(tally) AS BIGINT) \
         FROM brand_day_counts WHERE brand_id = $1 AND day >= $2 AND status <> 'filed' \
         GROUP BY (day - $2) / 7, status, rejection_code",
    )
    .bind(brand_id)
    .bind(start.div_euclid(DAY_MS))
    .fetch_all(pool)
    .await?;
    let mut weeks = vec![Figures::default(); 26];
    for (week, status, stored_code, count) in rows {
        if let (Some(slot), Some(verdict)) = (
            weeks.get_mut(usize::try_from(week).unwrap_or(usize::MAX)),
            verdict(&status, code(&stored_code)),
        ) {
            slot.add_count(verdict, count);
        }
    }
    Ok(weeks)
}

/// Figures per reason code in the window, which starts at a midnight (UTC).
pub async fn per_reason(
    pool: &AnyPool,
    brand_id: i64,
    since: i64,
) -> sqlx::Result<Vec<(ReasonCode, Figures)>> {
    let rows: Vec<(String, String, String, i64)> = sqlx::query_as(
        "SELECT reason, status, rejection_code, CAST(SUM(tally) AS BIGINT) \
         FROM brand_day_counts WHERE brand_id = $1 AND day >= $2 AND status <> 'filed' \
         GROUP BY reason, status, rejection_code",
    )
    .bind(brand_id)
    .bind(since.div_euclid(DAY_MS))
    .fetch_all(pool)
    .await?;
    Ok(ReasonCode::ALL
        .into_iter()
        .filter_map(|reason| {
            let figures = tally(
                rows.iter()
                    .filter(|(r, ..)| r == reason.as_str())
                    .map(|(_, s, c, n)| (s.as_str(), code(c), *n)),
            );
            (figures.decided() > 0).then_some((reason, figures))
        })
        .collect())
}

/// Per staff member: (name, reports filed in the window, figures of their decided items).
pub async fn per_staff(
    pool: &AnyPool,
    brand_id: i64,
    since: i64,
) -> sqlx::Result<Vec<(String, i64, Figures)>> {
    let staff: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, display_name FROM users WHERE brand_id = $1 ORDER BY display_name",
    )
    .bind(brand_id)
    .fetch_all(pool)
    .await?;
    // Reports filed (status 'filed') and decided items, from the running counts.
    let rows: Vec<(i64, String, String, i64)> = sqlx::query_as(
        "SELECT submitted_by, status, rejection_code, CAST(SUM(tally) AS BIGINT) \
         FROM brand_day_counts WHERE brand_id = $1 AND day >= $2 \
         GROUP BY submitted_by, status, rejection_code",
    )
    .bind(brand_id)
    .bind(since.div_euclid(DAY_MS))
    .fetch_all(pool)
    .await?;
    Ok(staff
        .into_iter()
        .map(|(id, name)| {
            let reports = rows
                .iter()
                .filter(|(who, status, ..)| *who == id && status == FILED)
                .map(|(.., n)| *n)
                .sum();
            let figures = tally(
                rows.iter()
                    .filter(|(who, ..)| *who == id)
                    .map(|(_, s, c, n)| (s.as_str(), code(c), *n)),
            );
            (name, reports, figures)
        })
        .collect())
}

impl StoredStanding {
    /// The override in force at `now`, for showing.
    pub fn override_view(&self, now: i64) -> Option<crate::model::TierOverride> {
        let tier = self.active_override(now)?;
        Some(crate::model::TierOverride {
            tier,
            reason: self.override_reason.clone(),
            until: self.override_until.unwrap_or_default(),
        })
    }
}

/// Everything the tier card shows for one brand.
pub async fn view(
    db: &crate::db::Db,
    brand_id: i64,
    rules: &Rules,
    now: i64,
) -> sqlx::Result<Option<crate::model::TrustView>> {
    let pool = &db.pool;
    let Some(brand) = crate::db::brands::find(pool, brand_id).await? else {
        return Ok(None);
    };
    // Whole days, as the figures count them, so the per-reason and per-staff tables add up.
    let since = (now - rules.policy.window_days * DAY_MS).div_euclid(DAY_MS) * DAY_MS;
    let mut conn = pool.acquire().await?;
    let Some((stored, figures)) = standing_and_figures(&mut conn, brand_id, since).await? else {
        return Ok(None);
    };
    drop(conn);
    let standing = stored.standing();
    let in_force = Tier::parse(&stored.tier).unwrap_or_default();
    let distance =
        crate::domain::trust::distance(&rules.policy, &figures, &standing, stored.enrolment());
    // Whole UTC days, as the running counts keep them: week 25 is today and the six days
    // before it.
    let start = (now.div_euclid(DAY_MS) - 26 * 7 + 1) * DAY_MS;
    let weeks = weekly(pool, brand_id, start)
        .await?
        .into_iter()
        .enumerate()
        .map(|(week, figures)| (start + week as i64 * 7 * DAY_MS, figures))
        .collect();
    let review_target_hours = match in_force {
        Tier::Standard => rules.targets.standard_hours,
        Tier::GoodFaith | Tier::JointForce => rules.targets.good_faith_hours,
    };
    let in_force_standing = Standing {
        tier: in_force,
        ..standing.clone()
    };
    // The stored reason dates from the standing's last change (see `apply`); worded afresh it
    // carries today's figures, unless the figures now say something a recomputation has yet
    // to store (the window moves on at midnight).
    let afresh = evaluate(&rules.policy, &figures, stored.enrolment(), &standing, now);
    let reason = if (afresh.tier, afresh.good_faith) == (standing.tier, standing.good_faith) {
        afresh.reason
    } else {
        standing.reason.clone()
    };
    Ok(Some(crate::model::TrustView {
        brand,
        computed_tier: standing.tier,
        good_faith: standing.good_faith,
        reason,
        lockout_until: standing.lockout_until,
        warned_at: standing.warned_at,
        suspended_until: standing.suspended_until.filter(|until| *until > now),
        override_: stored.override_view(now),
        figures,
        policy: rules.policy,
        review_target_hours,
        instant_takedown: crate::domain::trust::may_take_down_instantly(&in_force_standing, now),
        distance,
        history: history(pool, brand_id)
            .await?
            .into_iter()
            .map(Into::into)
            .collect(),
        weeks,
        per_reason: per_reason(pool, brand_id, since).await?,
        per_staff: per_staff(pool, brand_id, since).await?,
    }))
}

/// The brands page: every brand in scope with its figures, 30-day trend and warnings.
pub async fn standings(
    pool: &AnyPool,
    manager_id: Option<i64>,
    rules: &Rules,
    now: i64,
) -> sqlx::Result<Vec<crate::model::BrandStanding>> {
    let brands = match manager_id {
        Some(manager) => crate::db::brands::list_managed_by(pool, manager).await?,
        None => crate::db::brands::list_all(pool).await?,
    };
    let window = all_figures(pool, now - rules.policy.window_days * DAY_MS).await?;
    let last_30 = all_figures(pool, now - 30 * DAY_MS).await?;
    let last_60 = all_figures(pool, now - 60 * DAY_MS).await?;
    let stored_all = all_stored(pool).await?;
    Ok(brands
        .into_iter()
        .map(|brand| {
            let recent = last_30.get(&brand.id).copied().unwrap_or_default();
            let both = last_60.get(&brand.id).copied().unwrap_or_default();
            let before = Figures {
                upheld: both.upheld - recent.upheld,
                rejected: both.rejected - recent.rejected,
                not_infringing: both.not_infringing - recent.not_infringing,
                restored: both.restored - recent.restored,
            };
            let trend_bp = match (recent.accuracy_bp(), before.accuracy_bp()) {
                (Some(now), Some(then)) => Some(now - then),
                _ => None,
            };
            let stored = stored_all.iter().find(|s| s.id == brand.id);
            crate::model::BrandStanding {
                figures: window.get(&brand.id).copied().unwrap_or_default(),
                trend_bp,
                warned_at: stored.and_then(|s| s.misuse_warned_at),
                suspended_until: stored.and_then(|s| s.suspended_until).filter(|u| *u > now),
                override_: stored.and_then(|s| s.override_view(now)),
                brand,
            }
        })
        .collect())
}

/// Why a brand's Joint-Force enrolment did not change: nothing changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EnrolmentRefusal {
    /// There is no such brand.
    NoSuchBrand,
    /// Only Good Faith brands can be enrolled.
    NotGoodFaith {
        /// The brand's name.
        brand_name: String,
    },
    /// The manager chosen is not an account manager.
    NotAManager,
    /// Enrolment needs an account manager and the brand has none.
    NeedsManager,
}

/// Why an override was not set: nothing changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OverrideRefusal {
    /// There is no such brand.
    NoSuchBrand,
}

/// Enrols or un-enrols a brand in Joint-Force (assigning a manager on enrolment), audits it
/// and recomputes the tier, in one transaction. `Err` says why nothing changed.
pub async fn set_joint_force(
    db: &crate::db::Db,
    brand_id: i64,
    enrolled: bool,
    manager_id: i64,
    rules: &Rules,
    actor_id: i64,
    now: i64,
) -> sqlx::Result<Result<(), EnrolmentRefusal>> {
    let mut tx = db.begin().await?;
    let Some(stored) = stored(&mut tx, brand_id).await? else {
        return Ok(Err(EnrolmentRefusal::NoSuchBrand));
    };
    if enrolled && !stored.standing().good_faith {
        return Ok(Err(EnrolmentRefusal::NotGoodFaith {
            brand_name: stored.name,
        }));
    }
    if enrolled && manager_id > 0 {
        let role: Option<String> = sqlx::query_scalar("SELECT role FROM users WHERE id = $1")
            .bind(manager_id)
            .fetch_optional(&mut *tx)
            .await?;
        if role.as_deref() != Some("account_manager") {
            return Ok(Err(EnrolmentRefusal::NotAManager));
        }
        crate::db::brands::assign_manager(&mut tx, brand_id, manager_id).await?;
    } else if enrolled && stored.manager_id.is_none() {
        return Ok(Err(EnrolmentRefusal::NeedsManager));
    }
    sqlx::query("UPDATE brands SET joint_force_enrolled = $1 WHERE id = $2")
        .bind(i64::from(enrolled))
        .bind(brand_id)
        .execute(&mut *tx)
        .await?;
    let detail = if enrolled {
        "Enrolled in Joint-Force".to_owned()
    } else {
        "Joint-Force enrolment ended".to_owned()
    };
    let event = NewEvent {
        actor_id: Some(actor_id),
        action: if enrolled {
            "brand.enrolled"
        } else {
            "brand.unenrolled"
        },
        subject_type: "brand",
        subject_id: brand_id,
        brand_id: Some(brand_id),
        detail: &detail,
    };
    audit::record(&mut tx, &event, now).await?;
    recompute(&mut tx, brand_id, rules, Some(actor_id), now).await?;
    tx.commit().await?;
    Ok(Ok(()))
}

/// Sets (or with `None` ends) an admin override, audits it and puts the tier in force, in one
/// transaction. `Err` says why nothing changed.
pub async fn set_override(
    db: &crate::db::Db,
    brand_id: i64,
    change: Option<(Tier, String, i64)>,
    rules: &Rules,
    actor_id: i64,
    now: i64,
) -> sqlx::Result<Result<(), OverrideRefusal>> {
    let mut tx = db.begin().await?;
    if stored(&mut tx, brand_id).await?.is_none() {
        return Ok(Err(OverrideRefusal::NoSuchBrand));
    }
    let (tier, reason, until) = match &change {
        Some((tier, reason, until)) => (Some(tier.as_str()), reason.as_str(), Some(*until)),
        None => (None, "", None),
    };
    sqlx::query(
        "UPDATE brands SET override_tier = $1, override_reason = $2, override_until = $3 WHERE id = $4",
    )
    .bind(tier)
    .bind(reason)
    .bind(until)
    .bind(brand_id)
    .execute(&mut *tx)
    .await?;
    let detail = match &change {
        Some((tier, reason, until)) => format!(
            "Tier overridden to {} until the end of {}: {reason}",
            tier.label(),
            crate::domain::iso_date(*until - 1)
        ),
        None => "Override ended; the computed tier applies".to_owned(),
    };
    let event = NewEvent {
        actor_id: Some(actor_id),
        action: "tier.overridden",
        subject_type: "brand",
        subject_id: brand_id,
        brand_id: Some(brand_id),
        detail: &detail,
    };
    audit::record(&mut tx, &event, now).await?;
    recompute(&mut tx, brand_id, rules, Some(actor_id), now).await?;
    tx.commit().await?;
    Ok(Ok(()))
}

/// A brand whose new reports are suspended for misuse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportSuspension {
    /// The brand's name.
    pub brand_name: String,
    /// Until when (milliseconds since the Unix epoch).
    pub until: i64,
}

/// The brand's suspension from filing reports, if it is suspended now.
pub async fn report_suspension(
    pool: &AnyPool,
    brand_id: i64,
    now: i64,
) -> sqlx::Result<Option<ReportSuspension>> {
    let row: Option<(String, Option<i64>)> =
        sqlx::query_as("SELECT name, suspended_until FROM brands WHERE id = $1")
            .bind(brand_id)
            .fetch_optional(pool)
            .await?;
    Ok(row.and_then(|(brand_name, until)| {
        until
            .filter(|until| *until > now)
            .map(|until| ReportSuspension { brand_name, until })
    }))
}
