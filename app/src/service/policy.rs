//! The Policy page: every threshold admins may change while the portal runs, with its meaning,
//! the value in force, the environment's default and the history of changes. A change is
//! checked against the setting's bounds, stored with its reason and audit event in one
//! transaction, and in force at once: on this instance when it is saved, on the others within
//! seconds (`LiveRules::refresh`). Pending items' deadlines move with a review target, and
//! tiers are recomputed when a tier threshold changes.

use std::sync::{Arc, RwLock};

use crate::db::{self, audit};
use crate::domain::policy::Setting;
use crate::domain::{Role, Rules, Tier};
use crate::error::AppError;
use crate::model::{CurrentUser, PolicyChangeView, PolicySettingView, PolicyView};
use crate::service::{Context, access};

/// Changes one page shows.
pub const CHANGES_SHOWN: i64 = 100;

/// The rules in force, shared by every request of one server: the environment's defaults
/// with the stored changes over them.
#[derive(Debug, Clone)]
pub struct LiveRules {
    inner: Arc<RwLock<Loaded>>,
}

#[derive(Debug, Clone, Copy)]
struct Loaded {
    defaults: Rules,
    rules: Rules,
    change: i64,
}

impl LiveRules {
    /// Rules that are the defaults until [`LiveRules::refresh`] reads the stored changes.
    pub fn new(defaults: Rules) -> LiveRules {
        LiveRules {
            inner: Arc::new(RwLock::new(Loaded {
                defaults,
                rules: defaults,
                change: 0,
            })),
        }
    }

    /// The rules in force now.
    pub fn current(&self) -> Rules {
        self.inner
            .read()
            .map(|loaded| loaded.rules)
            .unwrap_or_default()
    }

    /// The environment's defaults.
    pub fn defaults(&self) -> Rules {
        self.inner
            .read()
            .map(|loaded| loaded.defaults)
            .unwrap_or_default()
    }

    /// Reads the stored changes if another was saved since the last read (one indexed
    /// `MAX(id)` otherwise); returns whether the rules changed.
    pub async fn refresh(&self, pool: &sqlx::AnyPool) -> sqlx::Result<bool> {
        let latest = db::policy::latest_change(pool).await?;
        let (seen, defaults) = {
            let loaded = self.inner.read().map_err(|_| poisoned())?;
            (loaded.change, loaded.defaults)
        };
        if latest == seen {
            return Ok(false);
        }
        let mut rules = defaults;
        for (key, value) in db::policy::overrides(pool).await? {
            if let Some(setting) = Setting::parse(&key) {
                setting.set(&mut rules, value);
            }
        }
        let mut loaded = self.inner.write().map_err(|_| poisoned())?;
        loaded.rules = rules;
        loaded.change = latest;
        Ok(true)
    }
}

impl Default for LiveRules {
    fn default() -> LiveRules {
        LiveRules::new(Rules::default())
    }
}

fn poisoned() -> sqlx::Error {
    sqlx::Error::Protocol("the rules' lock was poisoned".into())
}

/// Every setting with its value and default, and the newest changes (admins only).
pub async fn view(
    ctx: &Context,
    caller: &CurrentUser,
    live: &LiveRules,
) -> Result<PolicyView, AppError> {
    access::role(caller, &[Role::Admin])?;
    live.refresh(&ctx.db.pool).await?;
    let (rules, defaults) = (live.current(), live.defaults());
    let settings = Setting::ALL
        .into_iter()
        .map(|setting| {
            let (least, most) = setting.bounds();
            PolicySettingView {
                key: setting.as_str().to_owned(),
                label: setting.label().to_owned(),
                meaning: setting.meaning().to_owned(),
                value: setting.show(setting.get(&rules)),
                typed: typed(setting, setting.get(&rules)),
                default: setting.show(setting.get(&defaults)),
                range: format!("{} – {}", setting.show(least), setting.show(most)),
                changed: setting.get(&rules) != setting.get(&defaults),
            }
        })
        .collect();
    let changes = db::policy::history(&ctx.db.pool, CHANGES_SHOWN)
        .await?
        .into_iter()
        .filter_map(|row| {
            let setting = Setting::parse(&row.key)?;
            Some(PolicyChangeView {
                id: row.id,
                label: setting.label().to_owned(),
                from: setting.show(row.old_value),
                to: setting.show(row.new_value),
                reason: row.reason,
                by: row.changed_by,
                at: row.changed_at,
            })
        })
        .collect();
    Ok(PolicyView { settings, changes })
}

/// The value as it is typed into the form (no thousands separators, no unit).
fn typed(setting: Setting, value: i64) -> String {
    match setting.unit() {
        crate::domain::policy::Unit::Percent if value % 100 == 0 => (value / 100).to_string(),
        crate::domain::policy::Unit::Percent => format!("{:.2}", value as f64 / 100.0)
            .trim_end_matches('0')
            .to_owned(),
        _ => value.to_string(),
    }
}

/// Changes one setting (admins only): the key and value checked by their fields, a reason of
/// at least 5 characters; stored with the old and new value, the reason and the audit event in
/// one transaction (moving pending deadlines with a review target), then in force on this
/// instance at once; tiers are recomputed when a tier threshold changed. Answers in words.
pub async fn change(
    ctx: &Context,
    caller: &CurrentUser,
    live: &LiveRules,
    key: &str,
    value: &str,
    reason: &str,
) -> Result<String, AppError> {
    access::role(caller, &[Role::Admin])?;
    let setting = Setting::parse(key)
        .ok_or_else(|| AppError::field("key", "Choose one of the settings listed."))?;
    let new_value = setting
        .read(value)
        .map_err(|message| AppError::field("value", message))?;
    let reason = crate::service::reason(reason, "the change's history shows it to every admin.")?;
    let reason = reason.as_str();
    live.refresh(&ctx.db.pool).await?;
    let mut rules = live.current();
    let old_value = setting.get(&rules);
    if old_value == new_value {
        return Err(AppError::Conflict(format!(
            "{} is {} already.",
            setting.label(),
            setting.show(new_value)
        )));
    }
    setting.set(&mut rules, new_value);
    let now = ctx.now();
    let mut tx = ctx.db.begin().await?;
    let change = db::policy::Change {
        key: setting.as_str(),
        old_value,
        new_value,
        reason,
        changed_by: caller.id,
    };
    let change_id = db::policy::save(&mut tx, &change, now).await?;
    let moved = match setting {
        Setting::ReviewHoursGoodFaith => {
            let priorities = [Tier::JointForce, Tier::GoodFaith]
                .map(|tier| i64::from(crate::domain::queue::priority(tier)));
            Some(db::policy::move_deadlines(&mut tx, &priorities, new_value).await?)
        }
        Setting::ReviewHoursStandard => {
            let priorities = [i64::from(crate::domain::queue::priority(Tier::Standard))];
            Some(db::policy::move_deadlines(&mut tx, &priorities, new_value).await?)
        }
        _ => None,
    };
    let mut detail = format!(
        "{}: {} → {} ({reason})",
        setting.label(),
        setting.show(old_value),
        setting.show(new_value)
    );
    if let Some(moved) = moved {
        detail.push_str(&format!("; deadlines of {moved} pending items moved"));
    }
    let event = audit::NewEvent {
        actor_id: Some(caller.id),
        action: "policy.changed",
        subject_type: "policy",
        subject_id: change_id,
        brand_id: None,
        detail: &detail,
    };
    audit::record(&mut tx, &event, now).await?;
    tx.commit().await?;
    live.refresh(&ctx.db.pool).await?;
    if setting.moves_tiers() {
        let changed = db::trust::recompute_all(&ctx.db, &live.current(), now).await?;
        detail.push_str(&format!("; tiers recomputed ({changed} changed)"));
    }
    Ok(format!("{detail}."))
}
