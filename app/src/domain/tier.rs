//! The Good Faith programme's trust tiers (DESIGN.md "Trust tiers").
//!
//! This module names the tiers and what each one gives; `trust` computes which one a brand
//! has earned.

use serde::{Deserialize, Serialize};

/// A brand's trust tier, lowest first.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum Tier {
    /// The default.
    #[default]
    Standard,
    /// Earned by accurate reporting at volume.
    GoodFaith,
    /// Good Faith standing plus admin enrolment and an assigned account manager.
    JointForce,
}

stored_names!(Tier {
    Standard => "standard",
    GoodFaith => "good_faith",
    JointForce => "joint_force",
});

impl Tier {
    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Tier::Standard => "Standard",
            Tier::GoodFaith => "Good Faith",
            Tier::JointForce => "Joint-Force",
        }
    }

    /// The default review target in hours for reports from a brand of this tier.
    /// Joint-Force takedowns are instant; anything they send for review gets the Good Faith target.
    pub fn default_review_target_hours(self) -> u32 {
        match self {
            Tier::Standard => 24,
            Tier::GoodFaith | Tier::JointForce => 4,
        }
    }

    /// What the tier gives, in one sentence for the brand's home page.
    pub fn benefits(self) -> &'static str {
        match self {
            Tier::Standard => "Reports are reviewed within 24 hours.",
            Tier::GoodFaith => {
                "Queue priority: reports are reviewed within 4 hours, with lighter evidence."
            }
            Tier::JointForce => {
                "Instant takedown of counterfeit listings and authenticity inquiries from the marketplace."
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiers_round_trip_through_their_stored_names() {
        for tier in Tier::ALL {
            assert_eq!(Tier::parse(tier.as_str()), Some(tier));
        }
        assert_eq!(Tier::parse("gold"), None);
    }

    #[test]
    fn higher_tiers_get_faster_review() {
        assert_eq!(Tier::Standard.default_review_target_hours(), 24);
        assert_eq!(Tier::GoodFaith.default_review_target_hours(), 4);
        assert!(Tier::JointForce > Tier::GoodFaith && Tier::GoodFaith > Tier::Standard);
    }
}
