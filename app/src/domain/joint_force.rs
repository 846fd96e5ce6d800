//! Joint-Force rules that need no database: which instant takedowns are audited, what an
//! inquiry may say and how it ends, and the suspicion rules that flag listings.

use serde::{Deserialize, Serialize};

/// Hours an inquiry stays open when the manager does not say otherwise.
pub const DEFAULT_INQUIRY_HOURS: i64 = 72;

/// Longest inquiry deadline a manager may set, in hours (two weeks).
pub const MAX_INQUIRY_HOURS: i64 = 336;

/// Which instant takedowns go to the account manager's audit queue: a share of them, drawn
/// by a hash of the item number and a seed, so a test (or an auditor re-checking the draw)
/// gets the same sample every time while brands cannot predict it without the seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AuditSampling {
    /// Share sampled, in basis points (500 = 5 %).
    pub share_bp: i64,
    /// Seed of the draw.
    pub seed: u64,
}

impl Default for AuditSampling {
    fn default() -> Self {
        Self::DEFAULT
    }
}

impl AuditSampling {
    /// 5 % with a fixed seed.
    pub const DEFAULT: AuditSampling = AuditSampling {
        share_bp: 500,
        seed: 0x5EED,
    };

    /// Whether the instant takedown with this item number is audited.
    pub fn picks(&self, item_id: i64) -> bool {
        // SplitMix64's finaliser: every input bit moves every output bit, so consecutive item
        // numbers are sampled independently.
        let mut z = (item_id as u64) ^ self.seed;
        z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        ((z % 10_000) as i64) < self.share_bp
    }
}

/// The configurable Joint-Force settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JointForcePolicy {
    /// Which instant takedowns are audited.
    pub audit: AuditSampling,
    /// "Price below reference" fires under this share of the reference price, in basis points.
    pub price_share_bp: i64,
    /// The most instant takedowns one SQLite transaction carries (group commit); 1 gives each
    /// its own. Larger batches serve more takedowns a second, and the first in a batch waits
    /// for the last.
    pub batch: usize,
    /// How many listings one brand may take down instantly per hour and per day.
    pub caps: TakedownCaps,
    /// How long a brand has to answer an authenticity inquiry unless the manager sets
    /// another deadline, in hours.
    pub inquiry_hours: i64,
}

impl Default for JointForcePolicy {
    fn default() -> Self {
        Self::DEFAULT
    }
}

impl JointForcePolicy {
    /// 5 % audited; prices under half the reference flagged.
    pub const DEFAULT: JointForcePolicy = JointForcePolicy {
        audit: AuditSampling::DEFAULT,
        price_share_bp: 5_000,
        batch: 8,
        caps: TakedownCaps::DEFAULT,
        inquiry_hours: DEFAULT_INQUIRY_HOURS,
    };
}

/// The brake on instant takedown: the most listings one brand may take down on its own word
/// in a clock hour and in a UTC day. Beyond either the takedown is refused with the reason,
/// and the brand's account manager is told. Fixed windows rather than sliding ones, so the
/// count is two numbers on the brand's row, updated in the takedown's own transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TakedownCaps {
    /// Listings per clock hour.
    pub hourly: i64,
    /// Listings per UTC day.
    pub daily: i64,
}

impl TakedownCaps {
    /// Generous for a brand working by hand or through the API (a takedown every 12 seconds
    /// for an hour), far below a runaway script's hundreds a second.
    pub const DEFAULT: TakedownCaps = TakedownCaps {
        hourly: 300,
        daily: 2_000,
    };

    /// The start of the clock hour and of the UTC day that `now` falls in.
    pub fn windows(now: i64) -> (i64, i64) {
        (now - now.rem_euclid(HOUR_MS), now - now.rem_euclid(DAY_MS))
    }
}

const HOUR_MS: i64 = 3_600_000;
const DAY_MS: i64 = 24 * HOUR_MS;

/// Which of the caps a takedown would have passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CapWindow {
    /// The clock hour's.
    Hour,
    /// The UTC day's.
    Day,
}

/// A takedown refused at the cap: nothing was removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CapReached {
    /// The cap it would have passed.
    pub window: CapWindow,
    /// That cap.
    pub cap: i64,
    /// Listings the brand took down in that window so far.
    pub taken: i64,
    /// Listings this takedown asked for.
    pub asked: i64,
    /// When the window ends and takedowns may go on.
    pub reopens_at: i64,
}

impl CapReached {
    /// Which cap `asked` more listings would pass, if any, given the brand's counts in the
    /// windows `now` falls in (counts of earlier windows are stale and count as zero).
    pub fn check(
        caps: &TakedownCaps,
        (hour_start, hour_count): (i64, i64),
        (day_start, day_count): (i64, i64),
        asked: i64,
        now: i64,
    ) -> Option<CapReached> {
        let (this_hour, this_day) = TakedownCaps::windows(now);
        let day_taken = if day_start == this_day { day_count } else { 0 };
        let hour_taken = if hour_start == this_hour {
            hour_count
        } else {
            0
        };
        if day_taken + asked > caps.daily {
            Some(CapReached {
                window: CapWindow::Day,
                cap: caps.daily,
                taken: day_taken,
                asked,
                reopens_at: this_day + DAY_MS,
            })
        } else if hour_taken + asked > caps.hourly {
            Some(CapReached {
                window: CapWindow::Hour,
                cap: caps.hourly,
                taken: hour_taken,
                asked,
                reopens_at: this_hour + HOUR_MS,
            })
        } else {
            None
        }
    }
}

/// Where an inquiry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum InquiryStatus {
    /// Waiting for the brand.
    Open,
    /// The brand said counterfeit: the listing was removed.
    Counterfeit,
    /// The brand said genuine: the listing is cleared for that brand.
    Genuine,
    /// The brand could not tell; back with the manager.
    Unsure,
    /// Nobody answered before the deadline.
    Expired,
}

stored_names!(InquiryStatus {
    Open => "open",
    Counterfeit => "counterfeit",
    Genuine => "genuine",
    Unsure => "unsure",
    Expired => "expired",
});

impl InquiryStatus {
    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            InquiryStatus::Open => "Waiting for the brand",
            InquiryStatus::Counterfeit => "Counterfeit: removed",
            InquiryStatus::Genuine => "Genuine: cleared",
            InquiryStatus::Unsure => "Unsure",
            InquiryStatus::Expired => "Expired unanswered",
        }
    }

    /// The status as seen at `now`: an open inquiry past its deadline has expired, whether
    /// or not the hourly sweep has written that down yet.
    pub fn at(self, deadline_at: i64, now: i64) -> Self {
        if self == InquiryStatus::Open && deadline_at <= now {
            InquiryStatus::Expired
        } else {
            self
        }
    }
}

/// The brand's answer to an inquiry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Answer {
    /// Counterfeit: removed at once through the Good Faith process.
    Counterfeit,
    /// Genuine: the inquiry closes and the listing is cleared.
    Genuine,
    /// Cannot tell: back to the manager, with an optional comment.
    Unsure,
}

impl Answer {
    /// The inquiry status the answer leads to.
    pub fn status(self) -> InquiryStatus {
        match self {
            Answer::Counterfeit => InquiryStatus::Counterfeit,
            Answer::Genuine => InquiryStatus::Genuine,
            Answer::Unsure => InquiryStatus::Unsure,
        }
    }
}

/// A question fit to send: trimmed, 10 to 1,000 characters.
pub fn check_question(question: &str) -> Result<String, String> {
    let question = question.trim();
    match question.chars().count() {
        0..10 => Err("Ask a question of at least 10 characters; the brand answers it.".into()),
        1001.. => Err("Keep the question under 1,000 characters.".into()),
        _ => Ok(question.to_owned()),
    }
}

/// A deadline in hours that a manager may set.
pub fn check_deadline_hours(hours: i64) -> Result<i64, String> {
    if (1..=MAX_INQUIRY_HOURS).contains(&hours) {
        Ok(hours)
    } else {
        Err(format!(
            "Give the brand between 1 and {MAX_INQUIRY_HOURS} hours to answer."
        ))
    }
}

/// An explainable rule that flags a listing as worth asking a brand about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SuspicionRule {
    /// The price is below a share of the brand's reference price for the product line
    /// named in the title.
    PriceBelowReference,
    /// The seller had listings removed on notices in the last 90 days.
    SellerWithStrikes,
    /// The brand's name is in the title, and the seller is not on the brand's list of
    /// authorised sellers.
    UnauthorisedSeller,
}

stored_names!(SuspicionRule {
    PriceBelowReference => "price_below_reference",
    SellerWithStrikes => "seller_with_strikes",
    UnauthorisedSeller => "unauthorised_seller",
});

impl SuspicionRule {
    /// The rule's short name.
    pub fn label(self) -> &'static str {
        match self {
            SuspicionRule::PriceBelowReference => "Price below reference",
            SuspicionRule::SellerWithStrikes => "Seller with strikes",
            SuspicionRule::UnauthorisedSeller => "Not an authorised seller",
        }
    }
}

/// Days of removals that count as a seller's strikes for the suspicion rule.
pub const STRIKE_DAYS: i64 = 90;

/// Whether a price is below `share_bp` of the reference price (exact integer arithmetic).
pub fn below_reference(price_cents: i64, reference_cents: i64, share_bp: i64) -> bool {
    i128::from(price_cents) * 10_000 < i128::from(reference_cents) * i128::from(share_bp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_is_about_the_share_and_the_same_every_time() {
        let sampling = AuditSampling::default();
        let picked = (1..=20_000).filter(|id| sampling.picks(*id)).count();
        // 5 % of 20,000 is 1,000; a fair draw lands well within ±15 %.
        assert!((850..=1_150).contains(&picked), "{picked}");
        let again = (1..=20_000).filter(|id| sampling.picks(*id)).count();
        assert_eq!(picked, again);
    }

    #[test]
    fn nothing_and_everything_can_be_sampled() {
        let none = AuditSampling {
            share_bp: 0,
            seed: 1,
        };
        let all = AuditSampling {
            share_bp: 10_000,
            seed: 1,
        };
        assert!((1..1_000).all(|id| !none.picks(id) && all.picks(id)));
    }

    #[test]
    fn another_seed_draws_another_sample() {
        let a = AuditSampling::default();
        let b = AuditSampling { seed: 7, ..a };
        assert!((1..1_000).any(|id| a.picks(id) != b.picks(id)));
    }

    #[test]
    fn an_open_inquiry_expires_at_its_deadline() {
        assert_eq!(InquiryStatus::Open.at(100, 99), InquiryStatus::Open);
        assert_eq!(InquiryStatus::Open.at(100, 100), InquiryStatus::Expired);
        assert_eq!(InquiryStatus::Genuine.at(100, 500), InquiryStatus::Genuine);
    }

    #[test]
    fn questions_and_deadlines_are_checked() {
        assert!(check_question("  genuine?  ").is_err());
        assert_eq!(
            check_question(" Is this genuine? ").as_deref(),
            Ok("Is this genuine?")
        );
        assert!(check_question(&"x".repeat(1_001)).is_err());
        assert_eq!(check_deadline_hours(72), Ok(72));
        assert!(check_deadline_hours(0).is_err());
        assert!(check_deadline_hours(MAX_INQUIRY_HOURS + 1).is_err());
    }

    #[test]
    fn below_reference_is_strict_at_the_share() {
        // 50 % of 100.00 is 50.00: 49.99 is below, 50.00 is not.
        assert!(below_reference(4_999, 10_000, 5_000));
        assert!(!below_reference(5_000, 10_000, 5_000));
    }

    #[test]
    fn the_caps_count_this_hour_and_day_only() {
        let caps = TakedownCaps {
            hourly: 10,
            daily: 25,
        };
        // 2026-12-07 10:30 UTC.
        let now = 1_796_639_400_000;
        let (hour, day) = TakedownCaps::windows(now);
        assert_eq!(now - hour, 30 * 60_000);
        assert_eq!(now - day, 10 * HOUR_MS + 30 * 60_000);
        // Up to the cap is allowed; one past it is not, and says when it reopens.
        assert_eq!(CapReached::check(&caps, (hour, 9), (day, 9), 1, now), None);
        let reached =
            CapReached::check(&caps, (hour, 9), (day, 9), 2, now).expect("past the hour's cap");
        assert_eq!(
            (reached.window, reached.cap, reached.taken),
            (CapWindow::Hour, 10, 9)
        );
        assert_eq!(reached.reopens_at, hour + HOUR_MS);
        // An earlier hour's count is stale: a new hour starts from nothing, the day does not.
        assert_eq!(
            CapReached::check(&caps, (hour - HOUR_MS, 10), (day, 20), 5, now),
            None
        );
        let reached = CapReached::check(&caps, (hour - HOUR_MS, 10), (day, 20), 6, now)
            .expect("past the day's cap");
        assert_eq!(
            (reached.window, reached.reopens_at),
            (CapWindow::Day, day + DAY_MS)
        );
        // A new day starts from nothing too; one takedown larger than a cap never fits.
        assert_eq!(
            CapReached::check(&caps, (0, 0), (day - DAY_MS, 25), 10, now),
            None
        );
        assert!(CapReached::check(&caps, (0, 0), (0, 0), 11, now).is_some());
    }
}
