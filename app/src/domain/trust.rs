//! How trust is earned and lost (DESIGN.md "Trust tiers"): figures from a brand's decided
//! items in a trailing window, the tier they give, the Good Faith lockout, misuse warnings and
//! suspensions (DSA Art. 23), and the distance to the next tier in plain numbers.
//!
//! Pure: the caller loads the outcomes and the brand's stored state, and stores what
//! [`evaluate`] returns. Shares are compared in basis points on integers, so "exactly 90 %"
//! is never lost to floating point.

use serde::{Deserialize, Serialize};

use crate::domain::Tier;

/// Milliseconds in a day.
pub const DAY_MS: i64 = 86_400_000;

/// The configurable thresholds. Shares are in basis points (9,000 = 90 %).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrustPolicy {
    /// Trailing window of decided items, in days; counted in whole UTC days, so it starts at
    /// midnight of its first day.
    pub window_days: i64,
    /// Decided items needed for Good Faith.
    pub min_decided: i64,
    /// Least accuracy for Good Faith.
    pub min_accuracy_bp: i64,
    /// Most counter-notice success for Good Faith.
    pub max_counter_notice_bp: i64,
    /// Days a brand that fell out of Good Faith must wait to re-enter.
    pub lockout_days: i64,
    /// Share of "not infringing" rejections that earns a misuse warning.
    pub misuse_bp: i64,
    /// Decided items needed before misuse is judged.
    pub misuse_min_decided: i64,
    /// Days a warning may persist before new reports are suspended.
    pub misuse_grace_days: i64,
    /// Days a suspension lasts.
    pub suspension_days: i64,
}

impl TrustPolicy {
    /// The defaults of DESIGN.md and the issue: 90 days, 100 decided, 90 %, 5 %, 90-day lockout,
    /// 30 % misuse at 20 decided, 14 days' grace, 30 days' suspension.
    pub const DEFAULT: TrustPolicy = TrustPolicy {
        window_days: 90,
        min_decided: 100,
        min_accuracy_bp: 9_000,
        max_counter_notice_bp: 500,
        lockout_days: 90,
        misuse_bp: 3_000,
        misuse_min_decided: 20,
        misuse_grace_days: 14,
        suspension_days: 30,
    };
}

impl Default for TrustPolicy {
    fn default() -> Self {
        TrustPolicy::DEFAULT
    }
}

/// How one decided item ended, as far as trust is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    /// The notice was upheld and the removal stands.
    Upheld,
    /// The notice was rejected; `not_infringing` when the reviewer said so (counts to misuse).
    Rejected {
        /// Rejected with the "not infringing" code.
        not_infringing: bool,
    },
    /// Removed, then restored after the seller's counter-notice.
    Restored,
}

/// Counts of decided items, and the shares the rules use.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figures {
    /// Upheld items.
    pub upheld: i64,
    /// Rejected items.
    pub rejected: i64,
    /// Of the rejected, those rejected as "not infringing".
    pub not_infringing: i64,
    /// Restored after a counter-notice.
    pub restored: i64,
}

impl Figures {
    /// Adds one verdict.
    pub fn add(&mut self, verdict: Verdict) {
        self.add_count(verdict, 1);
    }

    /// Adds `count` items of the same verdict (a grouped count from the database).
    pub fn add_count(&mut self, verdict: Verdict, count: i64) {
        match verdict {
            Verdict::Upheld => self.upheld += count,
            Verdict::Rejected { not_infringing } => {
                self.rejected += count;
                if not_infringing {
                    self.not_infringing += count;
                }
            }
            Verdict::Restored => self.restored += count,
        }
    }

    /// Figures of a list of verdicts.
    pub fn of(verdicts: impl IntoIterator<Item = Verdict>) -> Figures {
        let mut figures = Figures::default();
        verdicts
            .into_iter()
            .for_each(|verdict| figures.add(verdict));
        figures
    }

    /// Decided items: every verdict counts.
    pub fn decided(&self) -> i64 {
        self.upheld + self.rejected + self.restored
    }

    /// Items that were removed at some point (upheld or later restored).
    pub fn removed(&self) -> i64 {
        self.upheld + self.restored
    }

    /// Accuracy in basis points: upheld / (upheld + rejected + restored); `None` with nothing decided.
    pub fn accuracy_bp(&self) -> Option<i64> {
        share_bp(self.upheld, self.decided())
    }

    /// Counter-notice success in basis points: restored / removed; 0 with nothing removed.
    pub fn counter_notice_bp(&self) -> i64 {
        share_bp(self.restored, self.removed()).unwrap_or(0)
    }

    /// Share of decided items rejected as "not infringing", in basis points.
    pub fn misuse_bp(&self) -> i64 {
        share_bp(self.not_infringing, self.decided()).unwrap_or(0)
    }
}

fn share_bp(part: i64, whole: i64) -> Option<i64> {
    (whole > 0).then(|| part * 10_000 / whole)
}

/// `part / whole >= threshold_bp` exactly, without rounding.
fn at_least(part: i64, whole: i64, threshold_bp: i64) -> bool {
    whole > 0 && part * 10_000 >= threshold_bp * whole
}

/// `part / whole <= threshold_bp` exactly (0 of 0 passes).
fn at_most(part: i64, whole: i64, threshold_bp: i64) -> bool {
    part * 10_000 <= threshold_bp * whole
}

/// Shows basis points as a percentage: 9000 → "90 %", 9050 → "90.5 %".
pub fn percent(bp: i64) -> String {
    if bp % 100 == 0 {
        format!("{} %", bp / 100)
    } else {
        format!("{:.1} %", bp as f64 / 100.0)
    }
}

/// What is stored about a brand between evaluations.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Standing {
    /// The tier in force.
    pub tier: Tier,
    /// Whether the figures meet Good Faith (and no lockout stops it).
    pub good_faith: bool,
    /// Why the tier is what it is, for people.
    pub reason: String,
    /// Until when the brand may not re-enter Good Faith.
    pub lockout_until: Option<i64>,
    /// When the current misuse warning was given.
    pub warned_at: Option<i64>,
    /// Until when new reports are refused.
    pub suspended_until: Option<i64>,
}

/// Who the brand is, beyond its figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enrolment {
    /// Enrolled in Joint-Force by an admin.
    pub joint_force: bool,
    /// Has an assigned account manager.
    pub has_manager: bool,
}

/// Evaluates a brand at `now`: its tier from its figures, enrolment and the previous
/// standing (lockout, warning, suspension carry over). Dropping out of Good Faith starts the
/// lockout at once; a lockout stops re-entry until it ends; a misuse warning that is still
/// deserved after the grace period becomes a suspension.
pub fn evaluate(
    policy: &TrustPolicy,
    figures: &Figures,
    enrolment: Enrolment,
    previous: &Standing,
    now: i64,
) -> Standing {
    let decided = figures.decided();
    let accurate = at_least(figures.upheld, decided, policy.min_accuracy_bp);
    let few_counter_notices = at_most(
        figures.restored,
        figures.removed(),
        policy.max_counter_notice_bp,
    );
    let enough = decided >= policy.min_decided;
    let locked = previous.lockout_until.is_some_and(|until| until > now);
    let meets = enough && accurate && few_counter_notices;

    let mut lockout_until = previous.lockout_until.filter(|until| *until > now);
    let (good_faith, mut reason) = if meets && locked && !previous.good_faith {
        (
            false,
            "The figures meet Good Faith again, but the brand is locked out after falling out of Good Faith."
                .to_owned(),
        )
    } else if meets {
        (
            true,
            format!(
                "{decided} decided reports in {} days at {} accuracy and {} counter-notice success.",
                policy.window_days,
                percent(figures.accuracy_bp().unwrap_or(0)),
                percent(figures.counter_notice_bp())
            ),
        )
    } else {
        let why = if !enough {
            format!(
                "{decided} decided reports in {} days; Good Faith needs {}.",
                policy.window_days, policy.min_decided
            )
        } else if !accurate {
            format!(
                "Accuracy {} is below {}.",
                percent(figures.accuracy_bp().unwrap_or(0)),
                percent(policy.min_accuracy_bp)
            )
        } else {
            format!(
                "Counter-notice success {} is above {}.",
                percent(figures.counter_notice_bp()),
                percent(policy.max_counter_notice_bp)
            )
        };
        (false, why)
    };
    if previous.good_faith && !good_faith {
        let until = now + policy.lockout_days * DAY_MS;
        lockout_until = Some(until);
    }
    // Only falling out of Good Faith starts a lockout, so a brand in one that still misses the
    // figures dropped out: its reason says so for as long as the lockout lasts, however often
    // it is worded afresh (the brand page words it from today's figures).
    if !good_faith && !meets && lockout_until.is_some() {
        reason = format!("Dropped out of Good Faith: {reason}");
    }

    let tier = match (good_faith, enrolment.joint_force && enrolment.has_manager) {
        (true, true) => Tier::JointForce,
        (true, false) => Tier::GoodFaith,
        (false, _) => Tier::Standard,
    };

    let misuse = decided >= policy.misuse_min_decided
        && at_least(figures.not_infringing, decided, policy.misuse_bp);
    let mut suspended_until = previous.suspended_until.filter(|until| *until > now);
    let warned_at = if misuse {
        let since = previous.warned_at.unwrap_or(now);
        if suspended_until.is_none() && now - since >= policy.misuse_grace_days * DAY_MS {
            suspended_until = Some(now + policy.suspension_days * DAY_MS);
        }
        Some(since)
    } else {
        None
    };

    Standing {
        tier,
        good_faith,
        reason,
        lockout_until,
        warned_at,
        suspended_until,
    }
}

/// Whether a brand may take listings down instantly: Joint-Force standing, not suspended.
pub fn may_take_down_instantly(standing: &Standing, now: i64) -> bool {
    standing.tier == Tier::JointForce && standing.suspended_until.is_none_or(|until| until <= now)
}

/// In plain numbers: what the brand needs for the next tier, and how close it is to losing
/// the current one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Distance {
    /// E.g. "42 more decided reports at ≥ 90 % accuracy".
    pub to_next: Option<String>,
    /// E.g. "3 more rejections in the window would drop you below 90 %".
    pub to_lose: Option<String>,
    /// The rejections that would drop a Good Faith brand below the threshold (the number in
    /// `to_lose`), so a page can warn when it is small.
    #[serde(default)]
    pub rejections_to_lose: Option<i64>,
}

/// At or below this many rejections from losing Good Faith, the brand's home warns.
pub const CLOSE_TO_LOSING: i64 = 3;

/// How far `figures` are from Good Faith, or from losing it.
pub fn distance(
    policy: &TrustPolicy,
    figures: &Figures,
    standing: &Standing,
    enrolment: Enrolment,
) -> Distance {
    let decided = figures.decided();
    let threshold = percent(policy.min_accuracy_bp);
    if standing.good_faith {
        // Largest r with upheld / (decided + r) >= threshold; one more drops the brand.
        let room = (figures.upheld * 10_000 / policy.min_accuracy_bp) - decided;
        let rejections = room + 1;
        let to_next = (standing.tier == Tier::GoodFaith).then(|| {
            if enrolment.joint_force {
                "An account manager must be assigned for Joint-Force.".to_owned()
            } else {
                "Joint-Force: by invitation — an admin enrols Good Faith brands.".to_owned()
            }
        });
        return Distance {
            to_next,
            to_lose: Some(format!(
                "{rejections} more rejection{} in the window would drop you below {threshold} accuracy.",
                if rejections == 1 { "" } else { "s" }
            )),
            rejections_to_lose: Some(rejections),
        };
    }
    let missing = (policy.min_decided - decided).max(0);
    // Upheld items needed so that (upheld + u) / (decided + u) reaches the threshold:
    // u >= (t·decided − upheld·10,000) / (10,000 − t).
    let accuracy_gap = (policy.min_accuracy_bp * decided - figures.upheld * 10_000).max(0);
    let upheld_needed = (accuracy_gap + (10_000 - policy.min_accuracy_bp) - 1)
        / (10_000 - policy.min_accuracy_bp).max(1);
    let more = missing.max(upheld_needed);
    let to_next = if let Some(until) = standing.lockout_until {
        Some(format!(
            "Locked out of Good Faith until {}; then {} decided reports at ≥ {threshold} accuracy.",
            crate::domain::format_time(until),
            policy.min_decided
        ))
    } else if more == 0 {
        Some(format!(
            "Keep counter-notice success at or below {}.",
            percent(policy.max_counter_notice_bp)
        ))
    } else {
        Some(format!(
            "{more} more decided report{} at ≥ {threshold} accuracy for Good Faith.",
            if more == 1 { "" } else { "s" }
        ))
    };
    Distance {
        to_next,
        to_lose: None,
        rejections_to_lose: None,
    }
}

/// The verdict a decided item's status stands for; `None` for items not (or no longer) decided.
pub fn verdict(status: &str, rejection_code: Option<&str>) -> Option<Verdict> {
    use crate::domain::{ItemStatus, RejectionCode};
    match ItemStatus::parse(status)? {
        ItemStatus::Removed | ItemStatus::CounterNoticed | ItemStatus::RemovalStands => {
            Some(Verdict::Upheld)
        }
        ItemStatus::Rejected => Some(Verdict::Rejected {
            not_infringing: rejection_code == Some(RejectionCode::NotInfringing.as_str()),
        }),
        ItemStatus::Restored => Some(Verdict::Restored),
        ItemStatus::Pending | ItemStatus::Withdrawn => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_800_000_000_000;

    fn figures(upheld: i64, rejected: i64, not_infringing: i64, restored: i64) -> Figures {
        Figures {
            upheld,
            rejected,
            not_infringing,
            restored,
        }
    }

    fn brand() -> Enrolment {
        Enrolment {
            joint_force: false,
            has_manager: true,
        }
    }

    fn eval(f: &Figures, previous: &Standing) -> Standing {
        evaluate(&TrustPolicy::default(), f, brand(), previous, NOW)
    }

    fn good_faith() -> Standing {
        Standing {
            tier: Tier::GoodFaith,
            good_faith: true,
            ..Standing::default()
        }
    }

    #[test]
    fn exactly_ninety_percent_is_good_faith_and_just_below_is_not() {
        assert_eq!(
            eval(&figures(90, 10, 0, 0), &Standing::default()).tier,
            Tier::GoodFaith
        );
        assert_eq!(
            eval(&figures(90, 11, 0, 0), &Standing::default()).tier,
            Tier::Standard
        );
        assert_eq!(
            eval(&figures(899, 101, 0, 0), &Standing::default()).tier,
            Tier::Standard
        );
    }

    #[test]
    fn one_report_short_of_the_minimum_volume_is_standard() {
        let short = eval(&figures(99, 0, 0, 0), &Standing::default());
        assert_eq!(short.tier, Tier::Standard);
        assert!(
            short.reason.contains("99 decided reports"),
            "{}",
            short.reason
        );
        assert_eq!(
            eval(&figures(100, 0, 0, 0), &Standing::default()).tier,
            Tier::GoodFaith
        );
    }

    #[test]
    fn counter_notice_success_of_five_percent_passes_and_five_point_one_does_not() {
        // 5 restored of 100 removed = 5 %; accuracy 95/100 stays above 90 %.
        assert_eq!(
            eval(&figures(95, 0, 0, 5), &Standing::default()).tier,
            Tier::GoodFaith
        );
        // 51 of 1,000 removed = 5.1 %.
        let over = eval(&figures(949, 0, 0, 51), &Standing::default());
        assert_eq!(over.tier, Tier::Standard);
        assert!(over.reason.contains("5.1 %"), "{}", over.reason);
    }

    #[test]
    fn falling_out_drops_at_once_and_locks_out_until_the_lockout_ends() {
        let dropped = eval(&figures(89, 11, 0, 0), &good_faith());
        assert_eq!(dropped.tier, Tier::Standard);
        assert!(
            dropped.reason.starts_with("Dropped out of Good Faith"),
            "{}",
            dropped.reason
        );
        assert_eq!(dropped.lockout_until, Some(NOW + 90 * DAY_MS));
        let policy = TrustPolicy::default();
        // Worded again a day later with one more decision, it still says why.
        let reworded = evaluate(
            &policy,
            &figures(90, 11, 0, 0),
            brand(),
            &dropped,
            NOW + DAY_MS,
        );
        assert_eq!(
            reworded.reason,
            "Dropped out of Good Faith: Accuracy 89.1 % is below 90 %."
        );
        // Figures recover the next day: still locked out.
        let next_day = evaluate(
            &policy,
            &figures(100, 0, 0, 0),
            brand(),
            &dropped,
            NOW + DAY_MS,
        );
        assert_eq!(next_day.tier, Tier::Standard);
        assert!(
            next_day.reason.contains("locked out"),
            "{}",
            next_day.reason
        );
        // After the lockout, the same figures earn Good Faith again.
        let later = evaluate(
            &policy,
            &figures(100, 0, 0, 0),
            brand(),
            &next_day,
            NOW + 91 * DAY_MS,
        );
        assert_eq!(later.tier, Tier::GoodFaith);
        assert_eq!(later.lockout_until, None);
    }

    #[test]
    fn misuse_warns_then_suspends_if_it_persists_past_the_grace_period() {
        let policy = TrustPolicy::default();
        // 6 of 20 rejected as not infringing = 30 %.
        let warned = evaluate(
            &policy,
            &figures(14, 6, 6, 0),
            brand(),
            &Standing::default(),
            NOW,
        );
        assert_eq!(warned.warned_at, Some(NOW));
        assert_eq!(warned.suspended_until, None);
        let still = evaluate(
            &policy,
            &figures(14, 6, 6, 0),
            brand(),
            &warned,
            NOW + 13 * DAY_MS,
        );
        assert_eq!(still.suspended_until, None);
        let suspended = evaluate(
            &policy,
            &figures(14, 6, 6, 0),
            brand(),
            &still,
            NOW + 14 * DAY_MS,
        );
        assert_eq!(suspended.suspended_until, Some(NOW + 44 * DAY_MS));
        // Under the minimum volume nothing is judged; below the share the warning clears.
        let few = evaluate(
            &policy,
            &figures(13, 6, 6, 0),
            brand(),
            &Standing::default(),
            NOW,
        );
        assert_eq!(few.warned_at, None);
        let cleared = evaluate(
            &policy,
            &figures(15, 6, 5, 0),
            brand(),
            &warned,
            NOW + DAY_MS,
        );
        assert_eq!(cleared.warned_at, None);
    }

    #[test]
    fn joint_force_loses_instant_takedown_with_good_faith_and_regains_it() {
        let policy = TrustPolicy::default();
        let enrolled = Enrolment {
            joint_force: true,
            has_manager: true,
        };
        let jf = evaluate(
            &policy,
            &figures(100, 0, 0, 0),
            enrolled,
            &Standing::default(),
            NOW,
        );
        assert_eq!(jf.tier, Tier::JointForce);
        assert!(may_take_down_instantly(&jf, NOW));
        let lost = evaluate(&policy, &figures(89, 11, 0, 0), enrolled, &jf, NOW);
        assert_eq!(lost.tier, Tier::Standard);
        assert!(!may_take_down_instantly(&lost, NOW));
        let back = evaluate(
            &policy,
            &figures(100, 0, 0, 0),
            enrolled,
            &lost,
            NOW + 91 * DAY_MS,
        );
        assert_eq!(back.tier, Tier::JointForce);
        assert!(may_take_down_instantly(&back, NOW + 91 * DAY_MS));
        let no_manager = Enrolment {
            joint_force: true,
            has_manager: false,
        };
        assert_eq!(
            evaluate(
                &policy,
                &figures(100, 0, 0, 0),
                no_manager,
                &Standing::default(),
                NOW
            )
            .tier,
            Tier::GoodFaith
        );
    }

    #[test]
    fn distance_is_told_in_reports_and_rejections() {
        let policy = TrustPolicy::default();
        let standard = eval(&figures(58, 0, 0, 0), &Standing::default());
        let d = distance(&policy, &figures(58, 0, 0, 0), &standard, brand());
        assert_eq!(
            d.to_next.as_deref(),
            Some("42 more decided reports at ≥ 90 % accuracy for Good Faith.")
        );
        let gf = eval(&figures(90, 10, 0, 0), &Standing::default());
        let d = distance(&policy, &figures(90, 10, 0, 0), &gf, brand());
        assert_eq!(
            d.to_lose.as_deref(),
            Some("1 more rejection in the window would drop you below 90 % accuracy.")
        );
        assert_eq!(d.rejections_to_lose, Some(1));
        let comfortable = eval(&figures(120, 10, 0, 0), &Standing::default());
        let d = distance(&policy, &figures(120, 10, 0, 0), &comfortable, brand());
        // 120 / (130 + 3) = 90.2 %, 120 / 134 = 89.6 %.
        assert_eq!(
            d.to_lose.as_deref(),
            Some("4 more rejections in the window would drop you below 90 % accuracy.")
        );
        // 100 decided at 80 %: needs upheld ones to climb back to 90 %.
        let low = eval(&figures(80, 20, 0, 0), &Standing::default());
        let d = distance(&policy, &figures(80, 20, 0, 0), &low, brand());
        assert_eq!(
            d.to_next.as_deref(),
            Some("100 more decided reports at ≥ 90 % accuracy for Good Faith.")
        );
    }
}
