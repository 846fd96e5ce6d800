//! The public transparency figures (DSA Arts. 15 and 24): what each decision adds to the
//! running counts, and the figures of a period read back from them. Pure rules; the figures
//! job (`service::transparency`) feeds decisions in, the `/transparency` page reads figures out.
//!
//! Counts are kept per UTC day under a metric and a key (`notice` / `joint_force:counterfeit`),
//! so a year's figures are a sum over a few thousand rows, whatever the number of items.
//! Times to decision are kept as counts per time bucket ([`BUCKET_EDGES_MINUTES`]), and
//! medians and 90th percentiles are read from them, linear within the bucket.

use serde::{Deserialize, Serialize};

use crate::domain::{ReasonCode, RejectionCode, Tier};

/// Who a notice came from, as the public report groups them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Source {
    /// A brand at Standard.
    Standard,
    /// A brand at Good Faith.
    GoodFaith,
    /// A brand at Joint-Force (review reports and instant takedowns).
    JointForce,
    /// The platform's own inquiry, answered by the brand.
    Inquiry,
}

stored_names!(Source {
    Standard => "standard",
    GoodFaith => "good_faith",
    JointForce => "joint_force",
    Inquiry => "inquiry",
});

impl Source {
    /// The word people read.
    pub fn label(self) -> &'static str {
        match self {
            Source::Standard => "Standard brands",
            Source::GoodFaith => "Good Faith brands",
            Source::JointForce => "Joint-Force brands",
            Source::Inquiry => "Platform inquiries",
        }
    }

    /// The tier of a report item's queue priority (fixed when it was filed).
    pub fn tier_of_priority(priority: i64) -> Tier {
        match priority {
            0 => Tier::JointForce,
            1 => Tier::GoodFaith,
            _ => Tier::Standard,
        }
    }
}

/// The upper edges of the time buckets, in minutes; the last bucket has no edge.
pub const BUCKET_EDGES_MINUTES: [i64; 17] = [
    15,
    30,
    60,
    2 * 60,
    3 * 60,
    4 * 60,
    6 * 60,
    8 * 60,
    12 * 60,
    18 * 60,
    24 * 60,
    36 * 60,
    48 * 60,
    72 * 60,
    5 * 24 * 60,
    7 * 24 * 60,
    14 * 24 * 60,
];

/// The bucket of a time span (ms): the index of the first edge it does not pass.
pub fn bucket(span_ms: i64) -> usize {
    let minutes = span_ms.max(0) / 60_000;
    BUCKET_EDGES_MINUTES
        .iter()
        .position(|edge| minutes < *edge)
        .unwrap_or(BUCKET_EDGES_MINUTES.len())
}

/// What one decision adds to the counts: a metric and a key, one each.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Tally {
    /// A notice received (an item filed, or taken down at once).
    Notice(Source, ReasonCode),
    /// An item decided: removed.
    Removed,
    /// An item decided: rejected, with the code.
    Rejected(RejectionCode),
    /// A reviewed item's time from notice to decision, by the tier it was filed at.
    ReviewTime(Tier, usize),
    /// A reviewed item decided within its tier's target.
    OnTime(Tier),
    /// An instant takedown.
    Instant,
    /// An instant takedown overturned in audit.
    Overturned,
    /// A counter-notice filed.
    CounterNoticeFiled,
    /// A counter-notice decided: the listing restored (`true`) or the removal upheld.
    CounterNoticeDecided(bool),
    /// A counter-notice's time from filing to decision.
    CounterNoticeTime(usize),
    /// A seller suspended by the repeat-infringer rule.
    SellerSuspended,
    /// A brand's reporting suspended for misuse (Art. 23).
    BrandSuspended,
    /// A pending item withdrawn by its brand (it leaves the backlog undecided).
    Withdrawn,
    /// An authenticity inquiry sent to a brand.
    InquirySent,
    /// An inquiry answered.
    InquiryAnswered,
    /// An inquiry left to expire.
    InquiryExpired,
    /// A reviewed item decided by this manager (kept per brand only).
    ManagerReview(i64),
    /// … within its target.
    ManagerOnTime(i64),
}

impl Tally {
    /// The stored metric and key.
    pub fn stored(&self) -> (&'static str, String) {
        match self {
            Tally::Notice(source, reason) => {
                ("notice", format!("{}:{}", source.as_str(), reason.as_str()))
            }
            Tally::Removed => ("decided", "removed".into()),
            Tally::Rejected(code) => ("decided", format!("rejected:{}", code.as_str())),
            Tally::ReviewTime(tier, bucket) => {
                ("review_time", format!("{}:{bucket}", tier.as_str()))
            }
            Tally::OnTime(tier) => ("on_time", tier.as_str().into()),
            Tally::Instant => ("instant", String::new()),
            Tally::Overturned => ("overturned", String::new()),
            Tally::CounterNoticeFiled => ("counter_notice", "filed".into()),
            Tally::CounterNoticeDecided(restored) => (
                "counter_notice",
                if *restored { "restored" } else { "upheld" }.into(),
            ),
            Tally::CounterNoticeTime(bucket) => ("counter_notice_time", bucket.to_string()),
            Tally::SellerSuspended => ("seller_suspended", String::new()),
            Tally::BrandSuspended => ("brand_suspended", String::new()),
            Tally::Withdrawn => ("withdrawn", String::new()),
            Tally::InquirySent => ("inquiry", "sent".into()),
            Tally::InquiryAnswered => ("inquiry", "answered".into()),
            Tally::InquiryExpired => ("inquiry", "expired".into()),
            Tally::ManagerReview(id) => ("manager_review", id.to_string()),
            Tally::ManagerOnTime(id) => ("manager_on_time", id.to_string()),
        }
    }

    /// Whether the platform-wide counts keep it too (the per-manager ones are kept per brand
    /// only: the public report names nobody).
    pub fn public(&self) -> bool {
        !matches!(self, Tally::ManagerReview(_) | Tally::ManagerOnTime(_))
    }
}

/// A report item as the counts see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// When it was filed (ms).
    pub submitted_at: i64,
    /// Its review deadline (ms).
    pub deadline_at: i64,
    /// Its queue priority (the tier it was filed at).
    pub priority: i64,
    /// Taken down at once (Joint-Force, or a counterfeit answer to an inquiry).
    pub instant: bool,
    /// Filed by answering the platform's inquiry.
    pub inquiry: bool,
    /// The report's reason.
    pub reason: ReasonCode,
}

impl Item {
    /// Who the notice came from.
    pub fn source(&self) -> Source {
        if self.inquiry {
            return Source::Inquiry;
        }
        match Source::tier_of_priority(self.priority) {
            Tier::JointForce => Source::JointForce,
            Tier::GoodFaith => Source::GoodFaith,
            Tier::Standard => Source::Standard,
        }
    }

    /// What filing it adds.
    pub fn filed(&self) -> Vec<Tally> {
        vec![Tally::Notice(self.source(), self.reason)]
    }

    /// What deciding it at `decided_at` adds: removed, or rejected with `code`. An instant
    /// takedown is counted as one, not as a review.
    pub fn decided(&self, decided_at: i64, rejected: Option<RejectionCode>) -> Vec<Tally> {
        let mut tallies = vec![match rejected {
            None => Tally::Removed,
            Some(code) => Tally::Rejected(code),
        }];
        if self.instant {
            tallies.push(Tally::Instant);
        } else {
            let tier = Source::tier_of_priority(self.priority);
            tallies.push(Tally::ReviewTime(
                tier,
                bucket(decided_at - self.submitted_at),
            ));
            if decided_at <= self.deadline_at {
                tallies.push(Tally::OnTime(tier));
            }
        }
        tallies
    }

    /// What a manager's decision at `decided_at` adds to their own counts (none for an
    /// instant takedown, which nobody reviewed).
    pub fn decided_by(&self, manager: Option<i64>, decided_at: i64) -> Vec<Tally> {
        match manager {
            Some(id) if !self.instant => {
                let mut tallies = vec![Tally::ManagerReview(id)];
                if decided_at <= self.deadline_at {
                    tallies.push(Tally::ManagerOnTime(id));
                }
                tallies
            }
            _ => Vec::new(),
        }
    }
}

/// Milliseconds in a day: counts are kept per UTC day.
pub const DAY_MS: i64 = 86_400_000;

/// The UTC day of an instant (ms).
pub fn day_of(ms: i64) -> i64 {
    ms.div_euclid(DAY_MS)
}

/// One stored count: a day, a metric, a key and the number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Count {
    /// The UTC day.
    pub day: i64,
    /// The metric.
    pub metric: String,
    /// The key.
    pub key: String,
    /// How many.
    pub tally: i64,
}

mod figures;

pub use figures::{
    Figures, NoticeRow, SpeedRow, Week, csv_rows, figures, hours, quantile_hours, share,
};

#[cfg(test)]
mod tests;
