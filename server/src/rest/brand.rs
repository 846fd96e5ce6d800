//! The brand itself: its IP rights and its standing (tier, figures, distances).

use app::domain::api_token::Scope;
use app::domain::{RightKind, RightStatus, Tier};
use app::service::tokens::TokenCaller;
use axum::Json;
use axum::extract::{Extension, State};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::problem::{Problem, TokenRefusals};
use super::{Api, iso, one_of};

fn right_kinds() -> utoipa::openapi::Object {
    one_of(RightKind::ALL.map(RightKind::as_str))
}

fn right_statuses() -> utoipa::openapi::Object {
    one_of(RightStatus::ALL.map(RightStatus::as_str))
}

fn tiers() -> utoipa::openapi::Object {
    one_of(Tier::ALL.map(Tier::as_str))
}

/// One of the brand's IP rights.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": 1, "kind": "trademark", "registration_number": "EU 018273645", "jurisdiction": "EU",
    "classes": "25", "expires_on": "2031-05-01", "status": "verified", "usable": true,
    "registered_at": "2026-11-02T09:00:00Z"
}))]
pub struct Right {
    /// Right id: the `ip_right_id` of a report.
    pub id: i64,
    /// What kind of right.
    #[schema(schema_with = right_kinds)]
    pub kind: String,
    /// Registration number.
    pub registration_number: String,
    /// Where it is registered.
    pub jurisdiction: String,
    /// Nice classes (trademarks).
    pub classes: String,
    /// Expiry date, if it expires.
    pub expires_on: Option<String>,
    /// Whether the platform has checked it.
    #[schema(schema_with = right_statuses)]
    pub status: String,
    /// Whether it may back reports today (verified and unexpired).
    pub usable: bool,
    /// When it was registered.
    pub registered_at: String,
}

/// The brand's IP rights.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RightList {
    /// Every right, newest first.
    pub rights: Vec<Right>,
}

/// The brand's IP rights, verified or not.
#[utoipa::path(
    get, path = "/rights", tag = "Brand",
    security(("bearer" = ["reports:read"])),
    responses(
        (status = 200, description = "The rights", body = RightList),
        (status = 403, description = "The token lacks the scope", body = Problem, content_type = "application/problem+json"),
        TokenRefusals,
    )
)]
pub async fn rights(
    State(api): State<Api>,
    Extension(caller): Extension<TokenCaller>,
) -> Result<Json<RightList>, Problem> {
    caller.require(Scope::ReportsRead)?;
    let rights = app::service::rights::list_rights(&api.ctx, &caller.user, caller.brand_id).await?;
    Ok(Json(RightList {
        rights: rights
            .into_iter()
            .map(|right| Right {
                id: right.id,
                kind: right.kind.as_str().to_owned(),
                registration_number: right.registration_number,
                jurisdiction: right.jurisdiction,
                classes: right.classes,
                expires_on: right.expires_on,
                status: right.status.as_str().to_owned(),
                usable: right.usable,
                registered_at: iso(right.created_at),
            })
            .collect(),
    }))
}

/// Decided items in the trust window, by verdict.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Figures {
    /// Removals that stand.
    pub upheld: i64,
    /// Rejected items.
    pub rejected: i64,
    /// Of the rejected, those found not infringing.
    pub not_infringing: i64,
    /// Removals reversed after a seller's counter-notice.
    pub restored: i64,
    /// Every decided item.
    pub decided: i64,
    /// Upheld share of decided items, in percent with two decimals (`null` with none decided).
    pub accuracy_percent: Option<f64>,
}

/// Where the brand stands and how far it is from the next tier or from losing its own.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "brand_id": 3, "brand_name": "Helios Optics", "tier": "joint_force", "computed_tier": "joint_force",
    "good_faith": true, "reason": "98.4 % accuracy over 412 decided reports",
    "instant_takedown": true, "joint_force_enrolled": true, "review_target_hours": 4,
    "window_days": 180,
    "figures": {"upheld": 405, "rejected": 7, "not_infringing": 1, "restored": 0, "decided": 412, "accuracy_percent": 98.3},
    "to_next_tier": null, "to_lose_tier": "34 more rejections in the window would drop you below 90 %",
    "lockout_until": null, "warned_at": null, "suspended_until": null
}))]
pub struct Standing {
    /// The brand.
    pub brand_id: i64,
    /// Its name.
    pub brand_name: String,
    /// The tier in force (an override wins over the computed tier while it lasts).
    #[schema(schema_with = tiers)]
    pub tier: String,
    /// The tier the figures give.
    #[schema(schema_with = tiers)]
    pub computed_tier: String,
    /// Whether the brand meets the Good Faith thresholds.
    pub good_faith: bool,
    /// Why it stands where it does, in words.
    pub reason: String,
    /// Whether it may take listings down instantly now.
    pub instant_takedown: bool,
    /// Enrolled in Joint-Force by an admin.
    pub joint_force_enrolled: bool,
    /// Hours within which its reports are reviewed.
    pub review_target_hours: i64,
    /// Days of decided items the figures count.
    pub window_days: i64,
    /// The figures.
    pub figures: Figures,
    /// What it takes to reach the next tier, if there is one.
    pub to_next_tier: Option<String>,
    /// What would lose the current standing.
    pub to_lose_tier: Option<String>,
    /// Until when it may not re-enter Good Faith.
    pub lockout_until: Option<String>,
    /// When it was warned for misuse.
    pub warned_at: Option<String>,
    /// Until when its reports are suspended.
    pub suspended_until: Option<String>,
}

/// The brand's tier, figures and distances.
#[utoipa::path(
    get, path = "/standing", tag = "Brand",
    security(("bearer" = ["reports:read"])),
    responses(
        (status = 200, description = "The standing", body = Standing),
        (status = 403, description = "The token lacks the scope", body = Problem, content_type = "application/problem+json"),
        TokenRefusals,
    )
)]
pub async fn standing(
    State(api): State<Api>,
    Extension(caller): Extension<TokenCaller>,
) -> Result<Json<Standing>, Problem> {
    caller.require(Scope::ReportsRead)?;
    let view = app::service::trust::tier_card(&api.ctx, &caller.user, caller.brand_id).await?;
    let figures = view.figures;
    Ok(Json(Standing {
        brand_id: view.brand.id,
        brand_name: view.brand.name,
        tier: view.brand.tier.as_str().to_owned(),
        computed_tier: view.computed_tier.as_str().to_owned(),
        good_faith: view.good_faith,
        reason: view.reason,
        instant_takedown: view.instant_takedown,
        joint_force_enrolled: view.brand.joint_force_enrolled,
        review_target_hours: view.review_target_hours,
        window_days: view.policy.window_days,
        figures: Figures {
            upheld: figures.upheld,
            rejected: figures.rejected,
            not_infringing: figures.not_infringing,
            restored: figures.restored,
            decided: figures.decided(),
            accuracy_percent: figures.accuracy_bp().map(|bp| bp as f64 / 100.0),
        },
        to_next_tier: view.distance.to_next,
        to_lose_tier: view.distance.to_lose,
        lockout_until: view.lockout_until.map(iso),
        warned_at: view.warned_at.map(iso),
        suspended_until: view.suspended_until.map(iso),
    }))
}
