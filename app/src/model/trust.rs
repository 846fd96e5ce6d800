//! A brand's trust tier: the tier card's figures, admins' overrides, and the brands page.

use serde::{Deserialize, Serialize};

use crate::domain::{ReasonCode, Tier};

use super::{BrandSummary, TimelineEntry};

/// An admin's override of a brand's tier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TierOverride {
    /// The tier imposed.
    pub tier: Tier,
    /// Why (mandatory).
    pub reason: String,
    /// When it lapses.
    pub until: i64,
}

/// Everything the tier card and its charts show for one brand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrustView {
    /// The brand.
    pub brand: BrandSummary,
    /// The tier the rules give (the override, if any, is in `override_`).
    pub computed_tier: Tier,
    /// Whether the figures meet Good Faith.
    pub good_faith: bool,
    /// Why the tier is what it is.
    pub reason: String,
    /// Locked out of Good Faith until.
    pub lockout_until: Option<i64>,
    /// Under a misuse warning since.
    pub warned_at: Option<i64>,
    /// Reports suspended until.
    pub suspended_until: Option<i64>,
    /// An admin override in force.
    pub override_: Option<TierOverride>,
    /// Figures in the window.
    pub figures: crate::domain::trust::Figures,
    /// The thresholds in force.
    pub policy: crate::domain::trust::TrustPolicy,
    /// Review target for this brand's reports, in hours.
    pub review_target_hours: i64,
    /// May take listings down instantly now.
    pub instant_takedown: bool,
    /// Distance to the next tier and to losing this one.
    pub distance: crate::domain::trust::Distance,
    /// Tier changes, warnings, suspensions, enrolments and overrides, newest first.
    pub history: Vec<TimelineEntry>,
    /// The last 26 weeks, oldest first: (week start, figures).
    pub weeks: Vec<(i64, crate::domain::trust::Figures)>,
    /// Figures per reason code in the window.
    pub per_reason: Vec<(ReasonCode, crate::domain::trust::Figures)>,
    /// Per staff member: (name, reports filed in the window, figures).
    pub per_staff: Vec<(String, i64, crate::domain::trust::Figures)>,
}

/// One row of the brands page for account managers and admins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrandStanding {
    /// The brand.
    pub brand: BrandSummary,
    /// Figures in the window.
    pub figures: crate::domain::trust::Figures,
    /// Accuracy over the last 30 days minus the 30 before, in basis points (`None` without data).
    pub trend_bp: Option<i64>,
    /// Under a misuse warning since.
    pub warned_at: Option<i64>,
    /// Reports suspended until.
    pub suspended_until: Option<i64>,
    /// An admin override in force.
    pub override_: Option<TierOverride>,
}

/// What waits for a brand, for the top of its home ("needs you"): each count with the
/// nearest deadline among what it counts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrandAttention {
    /// Counter-notices on the brand's removals still waiting for its response.
    pub awaiting_response: i64,
    /// When the first of those response windows closes.
    pub response_due_at: Option<i64>,
    /// The marketplace's open "is this listing genuine?" inquiries.
    pub open_inquiries: i64,
    /// When the first of those inquiries closes.
    pub inquiry_due_at: Option<i64>,
    /// Reported listings still waiting for review (counted up to [`ATTENTION_COUNT_CAP`]).
    pub pending_review: i64,
    /// Of those, the ones past their review deadline (the marketplace is late).
    pub late_reviews: i64,
    /// The earliest missed review deadline.
    pub late_since: Option<i64>,
}

/// Counts on the brand's "needs you" panel stop here ("more than 1,000").
pub const ATTENTION_COUNT_CAP: i64 = 1_000;
