//! The review queue's order (DESIGN.md "Review queue"): tier priority first, then the
//! deadline each tier's review target gives, oldest submission first.

use std::cmp::Ordering;

use crate::domain::Tier;

const HOUR_MS: i64 = 3_600_000;

/// Review targets per tier, in hours (configurable; DESIGN.md defaults 4 h and 24 h).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewTargets {
    /// Target for Good Faith and Joint-Force brands.
    pub good_faith_hours: i64,
    /// Target for Standard brands.
    pub standard_hours: i64,
}

impl Default for ReviewTargets {
    fn default() -> Self {
        ReviewTargets {
            good_faith_hours: i64::from(Tier::GoodFaith.default_review_target_hours()),
            standard_hours: i64::from(Tier::Standard.default_review_target_hours()),
        }
    }
}

impl ReviewTargets {
    /// When an item from a brand of `tier` submitted at `submitted_at_ms` is due.
    pub fn deadline_ms(self, tier: Tier, submitted_at_ms: i64) -> i64 {
        let hours = match tier {
            Tier::Standard => self.standard_hours,
            Tier::GoodFaith | Tier::JointForce => self.good_faith_hours,
        };
        submitted_at_ms.saturating_add(hours.saturating_mul(HOUR_MS))
    }
}

/// Queue priority of a tier: lower is reviewed first.
pub fn priority(tier: Tier) -> u8 {
    match tier {
        Tier::JointForce => 0,
        Tier::GoodFaith => 1,
        Tier::Standard => 2,
    }
}

/// Whether an item due at `deadline_ms` is overdue at `now_ms`.
pub fn is_overdue(deadline_ms: i64, now_ms: i64) -> bool {
    now_ms > deadline_ms
}

/// A pending item's review deadline in words, from the time left (negative once missed):
/// "Overdue by 1 h 9 min" or "Due in 3 h 0 min" — the same words for the manager and the brand.
pub fn due_text(remaining_ms: i64) -> String {
    if remaining_ms < 0 {
        format!("Overdue by {}", crate::domain::format_span(remaining_ms))
    } else {
        format!("Due in {}", crate::domain::format_span(remaining_ms))
    }
}

/// What the queue sorts on for one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueueKey {
    /// The reporting brand's tier.
    pub tier: Tier,
    /// When the item is due.
    pub deadline_ms: i64,
    /// When it was submitted.
    pub submitted_at_ms: i64,
}

impl QueueKey {
    /// The queue's order: tier priority, then deadline, then oldest first.
    pub fn queue_cmp(&self, other: &QueueKey) -> Ordering {
        (priority(self.tier), self.deadline_ms, self.submitted_at_ms).cmp(&(
            priority(other.tier),
            other.deadline_ms,
            other.submitted_at_ms,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deadlines_read_the_same_for_everyone() {
        assert_eq!(due_text(-(69 * 60_000)), "Overdue by 1 h 9 min");
        assert_eq!(due_text(3 * 3_600_000), "Due in 3 h 0 min");
        assert_eq!(due_text(0), "Due in 0 min");
    }

    fn key(tier: Tier, submitted_at_ms: i64) -> QueueKey {
        QueueKey {
            tier,
            deadline_ms: ReviewTargets::default().deadline_ms(tier, submitted_at_ms),
            submitted_at_ms,
        }
    }

    #[test]
    fn good_faith_items_are_due_in_4_hours_and_standard_in_24() {
        let targets = ReviewTargets::default();
        assert_eq!(targets.deadline_ms(Tier::GoodFaith, 0), 4 * HOUR_MS);
        assert_eq!(targets.deadline_ms(Tier::JointForce, 0), 4 * HOUR_MS);
        assert_eq!(targets.deadline_ms(Tier::Standard, 0), 24 * HOUR_MS);
    }

    #[test]
    fn an_item_is_overdue_only_after_its_deadline() {
        assert!(!is_overdue(1_000, 1_000));
        assert!(is_overdue(1_000, 1_001));
    }

    #[test]
    fn higher_tiers_come_first_even_when_submitted_later() {
        let mut queue = [
            key(Tier::Standard, 0),
            key(Tier::GoodFaith, 10 * HOUR_MS),
            key(Tier::JointForce, 20 * HOUR_MS),
        ];
        queue.sort_by(QueueKey::queue_cmp);
        let tiers: Vec<_> = queue.iter().map(|item| item.tier).collect();
        assert_eq!(
            tiers,
            vec![Tier::JointForce, Tier::GoodFaith, Tier::Standard]
        );
    }

    #[test]
    fn within_a_tier_the_oldest_item_comes_first() {
        let mut queue = [
            key(Tier::Standard, 5),
            key(Tier::Standard, 1),
            key(Tier::Standard, 3),
        ];
        queue.sort_by(QueueKey::queue_cmp);
        let order: Vec<_> = queue.iter().map(|item| item.submitted_at_ms).collect();
        assert_eq!(order, vec![1, 3, 5]);
    }
}
