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

    /// What the tier gives, with its review target in force (`review_hours`, from the
    /// policy: admins change it on the Policy page).
    pub fn benefits(self, review_hours: i64) -> String {
        match self {
            Tier::Standard => format!("Reports are reviewed within {review_hours} hours."),
            Tier::GoodFaith => format!(
                "Queue priority: reports are reviewed within {review_hours} hours, with lighter \
                 evidence."
            ),
            Tier::JointForce => "Instant takedown of counterfeit listings and authenticity \
                inquiries from the marketplace."
                .into(),
        }
    }
}

/// Shortest reason an admin may give for overriding a tier.
pub const MIN_OVERRIDE_REASON_CHARS: usize = 5;

/// An admin's tier override as typed; an empty tier ends the override.
#[derive(Debug, Clone, Copy)]
pub struct OverrideForm<'a> {
    /// The tier's stored name, or empty to end the override.
    pub tier: &'a str,
    /// Why (the brand sees it).
    pub reason: &'a str,
    /// The override's last day (`YYYY-MM-DD`).
    pub until: &'a str,
}

/// An override whose fields passed: the values to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedOverride {
    /// The tier in force during the override.
    pub tier: Tier,
    /// The reason, trimmed.
    pub reason: String,
    /// When it ends: the end of its last day (milliseconds since the Unix epoch, UTC).
    pub ends_at: i64,
}

impl OverrideForm<'_> {
    /// Checks the override at `now` (milliseconds since the Unix epoch): `None` ends the
    /// override in force, otherwise the override to store; or every problem by field.
    pub fn check(&self, now: i64) -> Result<Option<CheckedOverride>, crate::domain::FieldErrors> {
        if self.tier.is_empty() {
            return Ok(None);
        }
        let mut errors = crate::domain::FieldErrors::new();
        let mut complain = |field: &str, message: &str| {
            errors
                .entry(field.to_owned())
                .or_default()
                .push(message.to_owned());
        };
        let tier = Tier::parse(self.tier);
        if tier.is_none() {
            complain("tier", "Choose a tier.");
        }
        let reason = self.reason.trim().to_owned();
        if reason.chars().count() < MIN_OVERRIDE_REASON_CHARS {
            complain(
                "override_reason",
                "Give the reason for the override; the brand will see it.",
            );
        } else if let Err(message) = crate::domain::limits::check_chars(
            &reason,
            crate::domain::limits::MAX_NOTE_CHARS,
            "the reason",
        ) {
            complain("override_reason", &message);
        }
        // The override lasts to the end of its last day.
        let ends_at = crate::domain::start_of_day_ms(self.until).map(|start| start + 86_400_000);
        match ends_at {
            Some(end) if end > now => {}
            Some(_) => complain("until", "The end date must be in the future."),
            None => complain("until", "Enter the last day of the override as YYYY-MM-DD."),
        }
        match (tier, ends_at) {
            (Some(tier), Some(ends_at)) if errors.is_empty() => Ok(Some(CheckedOverride {
                tier,
                reason,
                ends_at,
            })),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_override_needs_a_tier_a_reason_and_a_future_last_day() {
        let now = crate::domain::start_of_day_ms("2026-11-29").expect("date") + 3_600_000;
        let form = OverrideForm {
            tier: "good_faith",
            reason: "  Audit in progress ",
            until: "2026-11-29",
        };
        assert_eq!(
            form.check(now),
            Ok(Some(CheckedOverride {
                tier: Tier::GoodFaith,
                reason: "Audit in progress".into(),
                ends_at: crate::domain::start_of_day_ms("2026-11-30").expect("date"),
            }))
        );
        assert_eq!(
            OverrideForm {
                tier: "",
                reason: "",
                until: ""
            }
            .check(now),
            Ok(None)
        );
        let errors = OverrideForm {
            tier: "gold",
            reason: "why",
            until: "2026-11-28",
        }
        .check(now)
        .expect_err("invalid");
        let fields: Vec<&str> = errors.keys().map(String::as_str).collect();
        assert_eq!(fields, ["override_reason", "tier", "until"]);
        assert_eq!(errors["until"], ["The end date must be in the future."]);
        let undated = OverrideForm { until: "", ..form }
            .check(now)
            .expect_err("no date");
        assert_eq!(
            undated["until"],
            ["Enter the last day of the override as YYYY-MM-DD."]
        );
    }

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
