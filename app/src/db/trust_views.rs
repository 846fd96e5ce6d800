//! What the tier card and the brands page show of brands' standings, read from the stored
//! standing, the figures and the audit trail.

use sqlx::AnyPool;

use crate::db::audit;
use crate::db::trust::{all_stored, standing_and_figures};
use crate::db::trust_figures::{all_figures, per_reason, per_staff, weekly};
use crate::domain::trust::{DAY_MS, Figures, Standing, evaluate};
use crate::domain::{Rules, Tier};

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
