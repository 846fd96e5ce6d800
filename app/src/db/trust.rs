//! Trust tiers in the database: each brand's stored standing, its recomputation in the
//! caller's transaction (with the tier-change audit event and the queue reordered), and the
//! suspension from filing reports. The figures come from `db::trust_figures`; what the tier
//! card and the brands page show is in `db::trust_views`, what admins set in `db::tier_settings`.

use crate::db::Db;
use sqlx::{AnyConnection, AnyPool, FromRow};

use crate::db::audit::{self, NewEvent};
use crate::db::trust_figures::{all_figures, code, tally};
use crate::domain::Rules;
use crate::domain::queue::priority;
use crate::domain::trust::{DAY_MS, Enrolment, Figures, Standing, evaluate};
use crate::domain::{Tier, format_time};

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
