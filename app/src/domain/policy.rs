//! The rules in force: every configurable threshold, target and window, in one value that
//! each use case is handed (see `service/`), never read from a global.

use crate::domain::appeal::SellerPolicy;
use crate::domain::joint_force::JointForcePolicy;
use crate::domain::listing::ListingUrls;
use crate::domain::queue::ReviewTargets;
use crate::domain::trust::TrustPolicy;

/// The configurable rules: tier thresholds, review targets and the Joint-Force settings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Rules {
    /// Tier and misuse thresholds.
    pub policy: TrustPolicy,
    /// Review targets, which set pending items' deadlines.
    pub targets: ReviewTargets,
    /// Audit sampling and suspicion-rule settings.
    pub joint_force: JointForcePolicy,
    /// Counter-notice windows and the strikes rule.
    pub sellers: SellerPolicy,
    /// Where the marketplace's listing addresses hold the listing's id.
    pub listing_urls: ListingUrls,
}
