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

/// A threshold admins may change on the Policy page while the portal runs: its stored key,
/// words, unit, bounds, and where it lives in [`Rules`]. The environment gives the defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Setting {
    /// Review target for Good Faith and Joint-Force brands.
    ReviewHoursGoodFaith,
    /// Review target for Standard brands.
    ReviewHoursStandard,
    /// The tiers' trailing window.
    TierWindowDays,
    /// Decided reports needed for Good Faith.
    TierMinDecided,
    /// Least accuracy for Good Faith.
    TierMinAccuracy,
    /// Most counter-notice success for Good Faith.
    TierMaxCounterNotice,
    /// Wait before re-entering Good Faith.
    TierLockoutDays,
    /// Share of "not infringing" rejections that earns a misuse warning.
    MisuseShare,
    /// Decided reports before misuse is judged.
    MisuseMinDecided,
    /// How long a warning may persist before suspension.
    MisuseGraceDays,
    /// Length of a misuse suspension.
    SuspensionDays,
    /// Share of instant takedowns sampled for audit.
    AuditShare,
    /// Instant takedowns a brand may make in an hour.
    TakedownHourlyCap,
    /// Instant takedowns a brand may make in a day.
    TakedownDailyCap,
    /// Days a seller may file a counter-notice.
    CounterNoticeDays,
    /// Days a brand has to respond to a counter-notice.
    ResponseDays,
    /// Strikes that suspend a seller.
    StrikeLimit,
    /// The window strikes count in.
    StrikeDays,
    /// Length of a seller's suspension.
    SellerSuspensionDays,
    /// The default deadline of an authenticity inquiry.
    InquiryHours,
}

stored_names!(Setting {
    ReviewHoursGoodFaith => "review_hours_good_faith",
    ReviewHoursStandard => "review_hours_standard",
    TierWindowDays => "tier_window_days",
    TierMinDecided => "tier_min_decided",
    TierMinAccuracy => "tier_min_accuracy",
    TierMaxCounterNotice => "tier_max_counter_notice",
    TierLockoutDays => "tier_lockout_days",
    MisuseShare => "misuse_share",
    MisuseMinDecided => "misuse_min_decided",
    MisuseGraceDays => "misuse_grace_days",
    SuspensionDays => "suspension_days",
    AuditShare => "audit_share",
    TakedownHourlyCap => "takedown_hourly_cap",
    TakedownDailyCap => "takedown_daily_cap",
    CounterNoticeDays => "counter_notice_days",
    ResponseDays => "response_days",
    StrikeLimit => "strike_limit",
    StrikeDays => "strike_days",
    SellerSuspensionDays => "seller_suspension_days",
    InquiryHours => "inquiry_hours",
});

/// How a setting's number is read and written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Unit {
    /// Whole hours.
    Hours,
    /// Whole days.
    Days,
    /// A count.
    Count,
    /// A percentage, stored in basis points (90.5 % is 9,050), typed with up to two decimals.
    Percent,
}

impl Setting {
    /// The setting's name on the page.
    pub fn label(self) -> &'static str {
        match self {
            Setting::ReviewHoursGoodFaith => "Review target, Good Faith and Joint-Force",
            Setting::ReviewHoursStandard => "Review target, Standard",
            Setting::TierWindowDays => "Tier window",
            Setting::TierMinDecided => "Decided reports for Good Faith",
            Setting::TierMinAccuracy => "Least accuracy for Good Faith",
            Setting::TierMaxCounterNotice => "Most counter-notice success for Good Faith",
            Setting::TierLockoutDays => "Lockout after falling out of Good Faith",
            Setting::MisuseShare => "Misuse warning at",
            Setting::MisuseMinDecided => "Decided reports before misuse is judged",
            Setting::MisuseGraceDays => "Misuse grace period",
            Setting::SuspensionDays => "Misuse suspension",
            Setting::AuditShare => "Instant takedowns audited",
            Setting::TakedownHourlyCap => "Instant takedowns per brand per hour",
            Setting::TakedownDailyCap => "Instant takedowns per brand per day",
            Setting::CounterNoticeDays => "Counter-notice window",
            Setting::ResponseDays => "Brand's response window",
            Setting::StrikeLimit => "Strikes that suspend a seller",
            Setting::StrikeDays => "Strike window",
            Setting::SellerSuspensionDays => "Seller suspension",
            Setting::InquiryHours => "Default inquiry deadline",
        }
    }

    /// What the setting does, in a sentence.
    pub fn meaning(self) -> &'static str {
        match self {
            Setting::ReviewHoursGoodFaith => {
                "How long account managers have to decide an item from a Good Faith or Joint-Force brand. Pending items' deadlines move when it changes."
            }
            Setting::ReviewHoursStandard => {
                "How long account managers have to decide an item from a Standard brand. Pending items' deadlines move when it changes."
            }
            Setting::TierWindowDays => {
                "The trailing window of decided reports a brand's tier is computed from."
            }
            Setting::TierMinDecided => {
                "How many decided reports in the window a brand needs before it can reach Good Faith."
            }
            Setting::TierMinAccuracy => {
                "The share of decided reports that must be upheld to reach and keep Good Faith."
            }
            Setting::TierMaxCounterNotice => {
                "The most a brand may lose to sellers' counter-notices and keep Good Faith."
            }
            Setting::TierLockoutDays => {
                "How long a brand that fell out of Good Faith waits before it can earn it again."
            }
            Setting::MisuseShare => {
                "The share of reports rejected as not infringing that earns a misuse warning."
            }
            Setting::MisuseMinDecided => {
                "How many decided reports a brand needs before misuse is judged at all."
            }
            Setting::MisuseGraceDays => {
                "How long a misuse warning may persist before the brand's new reports are suspended."
            }
            Setting::SuspensionDays => "How long a misuse suspension of new reports lasts.",
            Setting::AuditShare => {
                "The share of instant takedowns drawn for the account manager's audit."
            }
            Setting::TakedownHourlyCap => {
                "Past it, a Joint-Force brand's instant takedowns are refused for the rest of the clock hour and its manager is told."
            }
            Setting::TakedownDailyCap => "The same per UTC day.",
            Setting::CounterNoticeDays => {
                "How long after a removal the seller may file a counter-notice."
            }
            Setting::ResponseDays => {
                "How long the brand has to respond to a counter-notice before the manager decides without it."
            }
            Setting::StrikeLimit => {
                "Upheld removals within the strike window that suspend a seller."
            }
            Setting::StrikeDays => "The trailing window strikes are counted in.",
            Setting::SellerSuspensionDays => "How long a suspension by the strikes rule lasts.",
            Setting::InquiryHours => {
                "How long a Joint-Force brand has to answer an authenticity inquiry, unless the account manager sets another deadline when asking."
            }
        }
    }

    /// Its unit.
    pub fn unit(self) -> Unit {
        match self {
            Setting::ReviewHoursGoodFaith
            | Setting::ReviewHoursStandard
            | Setting::InquiryHours => Unit::Hours,
            Setting::TierMinDecided
            | Setting::MisuseMinDecided
            | Setting::TakedownHourlyCap
            | Setting::TakedownDailyCap
            | Setting::StrikeLimit => Unit::Count,
            Setting::TierMinAccuracy
            | Setting::TierMaxCounterNotice
            | Setting::MisuseShare
            | Setting::AuditShare => Unit::Percent,
            _ => Unit::Days,
        }
    }

    /// The least and most value allowed, as stored (basis points for percentages).
    pub fn bounds(self) -> (i64, i64) {
        match self {
            Setting::ReviewHoursGoodFaith | Setting::ReviewHoursStandard => (1, 720),
            Setting::TierWindowDays => (1, 730),
            Setting::TierMinDecided | Setting::MisuseMinDecided => (1, 1_000_000),
            Setting::TierMinAccuracy => (5_000, 10_000),
            Setting::TierMaxCounterNotice => (0, 5_000),
            Setting::TierLockoutDays => (0, 3_650),
            Setting::MisuseShare => (500, 10_000),
            Setting::MisuseGraceDays => (0, 365),
            Setting::SuspensionDays | Setting::StrikeDays | Setting::SellerSuspensionDays => {
                (1, 3_650)
            }
            Setting::AuditShare => (0, 10_000),
            Setting::TakedownHourlyCap | Setting::TakedownDailyCap => (1, 100_000_000),
            Setting::CounterNoticeDays | Setting::ResponseDays => (1, 365),
            Setting::StrikeLimit => (1, 100),
            Setting::InquiryHours => (1, crate::domain::joint_force::MAX_INQUIRY_HOURS),
        }
    }

    /// The setting's value in `rules`, as stored.
    pub fn get(self, rules: &Rules) -> i64 {
        match self {
            Setting::ReviewHoursGoodFaith => rules.targets.good_faith_hours,
            Setting::ReviewHoursStandard => rules.targets.standard_hours,
            Setting::TierWindowDays => rules.policy.window_days,
            Setting::TierMinDecided => rules.policy.min_decided,
            Setting::TierMinAccuracy => rules.policy.min_accuracy_bp,
            Setting::TierMaxCounterNotice => rules.policy.max_counter_notice_bp,
            Setting::TierLockoutDays => rules.policy.lockout_days,
            Setting::MisuseShare => rules.policy.misuse_bp,
            Setting::MisuseMinDecided => rules.policy.misuse_min_decided,
            Setting::MisuseGraceDays => rules.policy.misuse_grace_days,
            Setting::SuspensionDays => rules.policy.suspension_days,
            Setting::AuditShare => rules.joint_force.audit.share_bp,
            Setting::TakedownHourlyCap => rules.joint_force.caps.hourly,
            Setting::TakedownDailyCap => rules.joint_force.caps.daily,
            Setting::CounterNoticeDays => rules.sellers.counter_notice_days,
            Setting::ResponseDays => rules.sellers.response_days,
            Setting::StrikeLimit => rules.sellers.strike_limit,
            Setting::StrikeDays => rules.sellers.strike_days,
            Setting::SellerSuspensionDays => rules.sellers.suspension_days,
            Setting::InquiryHours => rules.joint_force.inquiry_hours,
        }
    }

    /// Sets the setting in `rules` (the caller has checked the bounds).
    pub fn set(self, rules: &mut Rules, value: i64) {
        let slot = match self {
            Setting::ReviewHoursGoodFaith => &mut rules.targets.good_faith_hours,
            Setting::ReviewHoursStandard => &mut rules.targets.standard_hours,
            Setting::TierWindowDays => &mut rules.policy.window_days,
            Setting::TierMinDecided => &mut rules.policy.min_decided,
            Setting::TierMinAccuracy => &mut rules.policy.min_accuracy_bp,
            Setting::TierMaxCounterNotice => &mut rules.policy.max_counter_notice_bp,
            Setting::TierLockoutDays => &mut rules.policy.lockout_days,
            Setting::MisuseShare => &mut rules.policy.misuse_bp,
            Setting::MisuseMinDecided => &mut rules.policy.misuse_min_decided,
            Setting::MisuseGraceDays => &mut rules.policy.misuse_grace_days,
            Setting::SuspensionDays => &mut rules.policy.suspension_days,
            Setting::AuditShare => &mut rules.joint_force.audit.share_bp,
            Setting::TakedownHourlyCap => &mut rules.joint_force.caps.hourly,
            Setting::TakedownDailyCap => &mut rules.joint_force.caps.daily,
            Setting::CounterNoticeDays => &mut rules.sellers.counter_notice_days,
            Setting::ResponseDays => &mut rules.sellers.response_days,
            Setting::StrikeLimit => &mut rules.sellers.strike_limit,
            Setting::StrikeDays => &mut rules.sellers.strike_days,
            Setting::SellerSuspensionDays => &mut rules.sellers.suspension_days,
            Setting::InquiryHours => &mut rules.joint_force.inquiry_hours,
        };
        *slot = value;
    }

    /// Whether changing it can change brands' tiers (they are recomputed on save).
    pub fn moves_tiers(self) -> bool {
        matches!(
            self,
            Setting::TierWindowDays
                | Setting::TierMinDecided
                | Setting::TierMinAccuracy
                | Setting::TierMaxCounterNotice
                | Setting::TierLockoutDays
                | Setting::MisuseShare
                | Setting::MisuseMinDecided
                | Setting::MisuseGraceDays
                | Setting::SuspensionDays
        )
    }

    /// A stored value in words with its unit: "4 hours", "90.5 %", "1,000".
    pub fn show(self, value: i64) -> String {
        match self.unit() {
            Unit::Hours => plural(value, "hour"),
            Unit::Days => plural(value, "day"),
            Unit::Count => crate::domain::format_count(value),
            // Every typed decimal shown back (92.25 % stays 92.25 %).
            Unit::Percent if value % 10 != 0 => format!("{:.2} %", value as f64 / 100.0),
            Unit::Percent => crate::domain::trust::percent(value),
        }
    }

    /// Reads a typed value (whole numbers; percentages with up to two decimals, a `%` allowed)
    /// and checks it against the bounds; the refusal says what is allowed.
    pub fn read(self, text: &str) -> Result<i64, String> {
        let (least, most) = self.bounds();
        let text = text.trim().trim_end_matches('%').trim().replace(',', "");
        let value = match self.unit() {
            Unit::Percent => parse_percent_bp(&text),
            _ => text.parse::<i64>().ok(),
        };
        let range = format!("between {} and {}", self.show(least), self.show(most));
        match value {
            Some(value) if (least..=most).contains(&value) => Ok(value),
            Some(_) => Err(format!("Choose a value {range}.")),
            None if self.unit() == Unit::Percent => {
                Err(format!("Enter a percentage such as 90 or 92.5, {range}."))
            }
            None => Err(format!("Enter a whole number {range}.")),
        }
    }
}

fn plural(value: i64, unit: &str) -> String {
    crate::domain::listing::counted(value, unit)
}

/// "92.5" → 9,250 basis points; `None` for anything but a number with at most two decimals.
fn parse_percent_bp(text: &str) -> Option<i64> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if whole.is_empty() || fraction.len() > 2 || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let fraction: i64 = format!("{fraction:0<2}").parse().ok()?;
    whole.checked_mul(100)?.checked_add(fraction)
}

#[cfg(test)]
mod setting_tests {
    use super::*;

    #[test]
    fn every_setting_reads_back_what_it_sets() {
        let mut rules = Rules::default();
        for setting in Setting::ALL {
            let (least, most) = setting.bounds();
            setting.set(&mut rules, least);
            assert_eq!(setting.get(&rules), least, "{setting:?}");
            setting.set(&mut rules, most);
            assert_eq!(setting.get(&rules), most, "{setting:?}");
        }
    }

    #[test]
    fn values_are_read_in_their_unit_and_held_to_their_bounds() {
        assert_eq!(Setting::TierMinAccuracy.read("92.5"), Ok(9_250));
        assert_eq!(Setting::TierMinAccuracy.read(" 95 % "), Ok(9_500));
        assert!(Setting::TierMinAccuracy.read("49.99").is_err());
        assert!(Setting::TierMinAccuracy.read("100.5").is_err());
        assert!(Setting::TierMinAccuracy.read("9.125").is_err());
        assert_eq!(Setting::ReviewHoursStandard.read("48"), Ok(48));
        assert_eq!(
            Setting::ReviewHoursStandard.read("0"),
            Err("Choose a value between 1 hour and 720 hours.".into())
        );
        assert!(Setting::ReviewHoursStandard.read("4.5").is_err());
        assert_eq!(Setting::TakedownDailyCap.read("2,500"), Ok(2_500));
        assert_eq!(Setting::TierMinAccuracy.show(9_050), "90.5 %");
        assert_eq!(Setting::ReviewHoursGoodFaith.show(4), "4 hours");
    }
}
