//! What admins set on a brand's tier: Joint-Force enrolment and
//! overrides, each audited and put in force by recomputing the tier in the same transaction.

use sqlx::AnyConnection;

use crate::db::audit::{self, NewEvent};
use crate::db::trust::{recompute, stored};
use crate::domain::{Rules, Tier};

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
    let (action, detail) = if enrolled {
        ("brand.enrolled", "Enrolled in Joint-Force")
    } else {
        ("brand.unenrolled", "Joint-Force enrolment ended")
    };
    audit_and_put_in_force(&mut tx, brand_id, (action, detail), rules, actor_id, now).await?;
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
    let event = ("tier.overridden", detail.as_str());
    audit_and_put_in_force(&mut tx, brand_id, event, rules, actor_id, now).await?;
    tx.commit().await?;
    Ok(Ok(()))
}

/// The last step of every setting, in its transaction: the change on the brand's trail as
/// `(action, detail)`, then the tier recomputed so that it is in force at once.
async fn audit_and_put_in_force(
    conn: &mut AnyConnection,
    brand_id: i64,
    (action, detail): (&'static str, &str),
    rules: &Rules,
    actor_id: i64,
    now: i64,
) -> sqlx::Result<()> {
    let event = NewEvent {
        actor_id: Some(actor_id),
        action,
        subject_type: "brand",
        subject_id: brand_id,
        brand_id: Some(brand_id),
        detail,
    };
    audit::record(conn, &event, now).await?;
    recompute(conn, brand_id, rules, Some(actor_id), now).await?;
    Ok(())
}
