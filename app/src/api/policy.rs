//! The Policy page: the thresholds in force and changing one (admins only).

use leptos::prelude::*;
use server_fn::codec::Json;

use crate::error::AppError;
use crate::model::PolicyView;
use crate::wire::Wire;

/// Every setting with its value, default and bounds, and the newest changes.
#[server(prefix = "/api", endpoint = "admin/get_policy", output = Wire)]
pub async fn get_policy() -> Result<PolicyView, AppError> {
    use crate::api::support::{app_state, boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::policy::view(&ctx, &caller, &app_state()?.rules).await
    })
    .await
}

/// Changes one setting, with the reason; in force at once.
#[server(prefix = "/api", endpoint = "admin/change_policy", input = Json, output = Wire)]
pub async fn change_policy(
    /// The setting's key.
    key: String,
    /// The new value as typed.
    value: String,
    /// Why.
    reason: String,
) -> Result<String, AppError> {
    use crate::api::support::{app_state, boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::policy::change(&ctx, &caller, &app_state()?.rules, &key, &value, &reason)
            .await
    })
    .await
}

/// The thresholds public pages quote, as in force now (anyone, signed in or not).
#[server(prefix = "/api", endpoint = "policy/policy_summary", output = Wire)]
pub async fn policy_summary() -> Result<crate::model::PolicySummary, AppError> {
    use crate::api::support::{app_state, boundary};
    boundary(async move {
        let rules = app_state()?.rules.current();
        Ok(crate::model::PolicySummary {
            standard_hours: rules.targets.standard_hours,
            good_faith_hours: rules.targets.good_faith_hours,
            min_decided: rules.policy.min_decided,
            min_accuracy_bp: rules.policy.min_accuracy_bp,
            counter_notice_days: rules.sellers.counter_notice_days,
            inquiry_hours: rules.joint_force.inquiry_hours,
        })
    })
    .await
}
