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

/// Notices of one source and reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeRow {
    /// Who they came from.
    pub source: Source,
    /// Why.
    pub reason: ReasonCode,
    /// How many.
    pub notices: i64,
}

/// How fast one tier's reports were decided.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpeedRow {
    /// The tier the reports were filed at.
    pub tier: Tier,
    /// Items reviewed.
    pub reviewed: i64,
    /// The median time from notice to decision (hours), if any were reviewed.
    pub median_hours: Option<f64>,
    /// The 90th percentile (hours).
    pub p90_hours: Option<f64>,
    /// The share decided within the tier's target (percent).
    pub on_time_percent: Option<f64>,
}

/// One week of the chart: notices received and items decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Week {
    /// Its first day (`YYYY-MM-DD`).
    pub starts: String,
    /// Notices received.
    pub notices: i64,
    /// Items removed.
    pub removed: i64,
    /// Items rejected.
    pub rejected: i64,
}

/// The figures of a period, as the public page and its downloads show them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    /// The first day (`YYYY-MM-DD`).
    pub from: String,
    /// The last day, included.
    pub to: String,
    /// Notices received, by source and reason (only those with any).
    pub notices: Vec<NoticeRow>,
    /// Notices received in all.
    pub notices_total: i64,
    /// Items decided in all.
    pub decided: i64,
    /// Items removed.
    pub removed: i64,
    /// Items rejected, by code (only codes with any).
    pub rejected: Vec<(RejectionCode, i64)>,
    /// Items rejected in all.
    pub rejected_total: i64,
    /// Time to decision per tier.
    pub speed: Vec<SpeedRow>,
    /// Instant takedowns.
    pub instant_takedowns: i64,
    /// Instant takedowns overturned in audit during the period.
    pub overturned: i64,
    /// Overturned as a share of instant takedowns (percent).
    pub overturned_percent: Option<f64>,
    /// Counter-notices filed.
    pub counter_notices_filed: i64,
    /// Counter-notices decided with the listing restored.
    pub counter_notices_restored: i64,
    /// Counter-notices decided with the removal upheld.
    pub counter_notices_upheld: i64,
    /// The median time to decide a counter-notice (hours).
    pub counter_notice_median_hours: Option<f64>,
    /// Sellers suspended (repeat infringers).
    pub sellers_suspended: i64,
    /// Brands whose reporting was suspended for misuse (Art. 23).
    pub brands_suspended: i64,
    /// Notices and decisions per week (weeks starting on the period's first day).
    pub weeks: Vec<Week>,
}

/// The value at `share` (0–1) of a histogram over [`BUCKET_EDGES_MINUTES`], in hours, linear
/// within its bucket (the last, open bucket is read as twice its lower edge wide).
pub fn quantile_hours(histogram: &[i64], share: f64) -> Option<f64> {
    let total: i64 = histogram.iter().sum();
    if total == 0 {
        return None;
    }
    let target = share * total as f64;
    let mut below = 0.0;
    for (index, count) in histogram.iter().enumerate() {
        let count = *count as f64;
        if count > 0.0 && below + count >= target {
            let low = if index == 0 {
                0
            } else {
                BUCKET_EDGES_MINUTES[index - 1]
            };
            let high = BUCKET_EDGES_MINUTES.get(index).copied().unwrap_or(low * 2);
            let within = ((target - below) / count).clamp(0.0, 1.0);
            let minutes = low as f64 + within * (high - low) as f64;
            return Some((minutes / 60.0 * 10.0).round() / 10.0);
        }
        below += count;
    }
    None
}

fn percent(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| (part as f64 * 1000.0 / whole as f64).round() / 10.0)
}

/// The figures of `[first_day, last_day]` from its counts.
pub fn figures(counts: &[Count], first_day: i64, last_day: i64) -> Figures {
    let mut notices: Vec<NoticeRow> = Vec::new();
    let mut rejected: Vec<(RejectionCode, i64)> = Vec::new();
    let mut figures = Figures {
        from: crate::domain::iso_date(first_day * DAY_MS),
        to: crate::domain::iso_date(last_day * DAY_MS),
        notices: Vec::new(),
        notices_total: 0,
        decided: 0,
        removed: 0,
        rejected: Vec::new(),
        rejected_total: 0,
        speed: Vec::new(),
        instant_takedowns: 0,
        overturned: 0,
        overturned_percent: None,
        counter_notices_filed: 0,
        counter_notices_restored: 0,
        counter_notices_upheld: 0,
        counter_notice_median_hours: None,
        sellers_suspended: 0,
        brands_suspended: 0,
        weeks: Vec::new(),
    };
    let buckets = BUCKET_EDGES_MINUTES.len() + 1;
    let mut review: Vec<(Tier, Vec<i64>, i64)> = Tier::ALL
        .iter()
        .map(|tier| (*tier, vec![0; buckets], 0))
        .collect();
    let mut counter_notice_times = vec![0_i64; buckets];
    let weeks = ((last_day - first_day) / 7 + 1).max(1) as usize;
    let mut by_week: Vec<Week> = (0..weeks)
        .map(|week| Week {
            starts: crate::domain::iso_date((first_day + week as i64 * 7) * DAY_MS),
            notices: 0,
            removed: 0,
            rejected: 0,
        })
        .collect();
    for count in counts {
        if count.day < first_day || count.day > last_day {
            continue;
        }
        let week = &mut by_week[((count.day - first_day) / 7) as usize];
        let n = count.tally;
        match (count.metric.as_str(), count.key.as_str()) {
            ("notice", key) => {
                let Some((source, reason)) = key.split_once(':') else {
                    continue;
                };
                let (Some(source), Some(reason)) =
                    (Source::parse(source), ReasonCode::parse(reason))
                else {
                    continue;
                };
                figures.notices_total += n;
                week.notices += n;
                match notices
                    .iter_mut()
                    .find(|row| row.source == source && row.reason == reason)
                {
                    Some(row) => row.notices += n,
                    None => notices.push(NoticeRow {
                        source,
                        reason,
                        notices: n,
                    }),
                }
            }
            ("decided", "removed") => {
                figures.removed += n;
                figures.decided += n;
                week.removed += n;
            }
            ("decided", key) => {
                let Some(code) = key.strip_prefix("rejected:").and_then(RejectionCode::parse)
                else {
                    continue;
                };
                figures.rejected_total += n;
                figures.decided += n;
                week.rejected += n;
                match rejected.iter_mut().find(|(c, _)| *c == code) {
                    Some((_, total)) => *total += n,
                    None => rejected.push((code, n)),
                }
            }
            ("review_time", key) => {
                let Some((tier, index)) = key.split_once(':') else {
                    continue;
                };
                let (Some(tier), Ok(index)) = (Tier::parse(tier), index.parse::<usize>()) else {
                    continue;
                };
                if let Some(row) = review.iter_mut().find(|row| row.0 == tier)
                    && let Some(slot) = row.1.get_mut(index)
                {
                    *slot += n;
                }
            }
            ("on_time", key) => {
                if let Some(tier) = Tier::parse(key)
                    && let Some(row) = review.iter_mut().find(|row| row.0 == tier)
                {
                    row.2 += n;
                }
            }
            ("instant", _) => figures.instant_takedowns += n,
            ("overturned", _) => figures.overturned += n,
            ("counter_notice", "filed") => figures.counter_notices_filed += n,
            ("counter_notice", "restored") => figures.counter_notices_restored += n,
            ("counter_notice", "upheld") => figures.counter_notices_upheld += n,
            ("counter_notice_time", key) => {
                if let Some(slot) = key
                    .parse::<usize>()
                    .ok()
                    .and_then(|index| counter_notice_times.get_mut(index))
                {
                    *slot += n;
                }
            }
            ("seller_suspended", _) => figures.sellers_suspended += n,
            ("brand_suspended", _) => figures.brands_suspended += n,
            _ => {}
        }
    }
    // Sources in the report's order, then reasons in theirs.
    notices.sort_by_key(|row| {
        (
            Source::ALL.iter().position(|s| *s == row.source),
            ReasonCode::ALL.iter().position(|r| *r == row.reason),
        )
    });
    rejected.sort_by_key(|(code, _)| RejectionCode::ALL.iter().position(|c| c == code));
    figures.notices = notices;
    figures.rejected = rejected;
    figures.speed = review
        .into_iter()
        .rev()
        .map(|(tier, histogram, on_time)| {
            let reviewed: i64 = histogram.iter().sum();
            SpeedRow {
                tier,
                reviewed,
                median_hours: quantile_hours(&histogram, 0.5),
                p90_hours: quantile_hours(&histogram, 0.9),
                on_time_percent: percent(on_time, reviewed),
            }
        })
        .collect();
    figures.overturned_percent = percent(figures.overturned, figures.instant_takedowns);
    figures.counter_notice_median_hours = quantile_hours(&counter_notice_times, 0.5);
    figures.weeks = by_week;
    figures
}

/// The figures as CSV rows (`section`, `group`, `figure`, `value`), the header first: every
/// number the page shows, under the names it shows them by.
pub fn csv_rows(figures: &Figures) -> Vec<[String; 4]> {
    let row = |section: &str, group: &str, figure: &str, value: String| {
        [
            section.to_owned(),
            group.to_owned(),
            figure.to_owned(),
            value,
        ]
    };
    let optional = |value: Option<f64>| value.map(|v| v.to_string()).unwrap_or_default();
    let mut rows = vec![
        row("section", "group", "figure", "value".into()),
        row("period", "", "from", figures.from.clone()),
        row("period", "", "to", figures.to.clone()),
        row("notices", "", "received", figures.notices_total.to_string()),
    ];
    for notice in &figures.notices {
        rows.push(row(
            "notices",
            notice.source.label(),
            notice.reason.label(),
            notice.notices.to_string(),
        ));
    }
    rows.push(row("decisions", "", "decided", figures.decided.to_string()));
    rows.push(row("decisions", "", "removed", figures.removed.to_string()));
    rows.push(row(
        "decisions",
        "",
        "rejected",
        figures.rejected_total.to_string(),
    ));
    for (code, n) in &figures.rejected {
        rows.push(row("decisions", "rejected", code.label(), n.to_string()));
    }
    for speed in &figures.speed {
        let tier = speed.tier.label();
        rows.push(row(
            "time to decision",
            tier,
            "reviewed",
            speed.reviewed.to_string(),
        ));
        rows.push(row(
            "time to decision",
            tier,
            "median hours",
            optional(speed.median_hours),
        ));
        rows.push(row(
            "time to decision",
            tier,
            "90th percentile hours",
            optional(speed.p90_hours),
        ));
        rows.push(row(
            "time to decision",
            tier,
            "decided within target percent",
            optional(speed.on_time_percent),
        ));
    }
    rows.push(row(
        "instant takedowns",
        "",
        "taken down",
        figures.instant_takedowns.to_string(),
    ));
    rows.push(row(
        "instant takedowns",
        "",
        "overturned in audit",
        figures.overturned.to_string(),
    ));
    rows.push(row(
        "instant takedowns",
        "",
        "overturned percent",
        optional(figures.overturned_percent),
    ));
    rows.push(row(
        "counter-notices",
        "",
        "filed",
        figures.counter_notices_filed.to_string(),
    ));
    rows.push(row(
        "counter-notices",
        "",
        "restored",
        figures.counter_notices_restored.to_string(),
    ));
    rows.push(row(
        "counter-notices",
        "",
        "upheld",
        figures.counter_notices_upheld.to_string(),
    ));
    rows.push(row(
        "counter-notices",
        "",
        "median hours to decide",
        optional(figures.counter_notice_median_hours),
    ));
    rows.push(row(
        "suspensions",
        "",
        "sellers",
        figures.sellers_suspended.to_string(),
    ));
    rows.push(row(
        "suspensions",
        "",
        "brands (misuse)",
        figures.brands_suspended.to_string(),
    ));
    for week in &figures.weeks {
        rows.push(row(
            "weeks",
            &week.starts,
            "notices",
            week.notices.to_string(),
        ));
        rows.push(row(
            "weeks",
            &week.starts,
            "removed",
            week.removed.to_string(),
        ));
        rows.push(row(
            "weeks",
            &week.starts,
            "rejected",
            week.rejected.to_string(),
        ));
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(day: i64, tally: &Tally, n: i64) -> Count {
        let (metric, key) = tally.stored();
        Count {
            day,
            metric: metric.into(),
            key,
            tally: n,
        }
    }

    #[test]
    fn spans_fall_into_their_buckets() {
        assert_eq!(bucket(0), 0);
        assert_eq!(bucket(14 * 60_000), 0);
        assert_eq!(bucket(15 * 60_000), 1);
        assert_eq!(bucket(23 * 3_600_000), 10);
        assert_eq!(bucket(24 * 3_600_000), 11);
        assert_eq!(bucket(30 * 86_400_000), BUCKET_EDGES_MINUTES.len());
    }

    #[test]
    fn quantiles_are_read_linearly_within_their_bucket() {
        let mut histogram = vec![0; BUCKET_EDGES_MINUTES.len() + 1];
        // Ten items between 12 and 18 hours.
        histogram[9] = 10;
        assert_eq!(quantile_hours(&histogram, 0.5), Some(15.0));
        assert_eq!(quantile_hours(&histogram, 0.9), Some(17.4));
        assert_eq!(quantile_hours(&[0; 18], 0.5), None);
    }

    #[test]
    fn a_reviewed_item_counts_its_time_and_whether_it_met_its_target() {
        let item = Item {
            submitted_at: 0,
            deadline_at: 24 * 3_600_000,
            priority: 1,
            instant: false,
            inquiry: false,
            reason: ReasonCode::Counterfeit,
        };
        assert_eq!(
            item.filed(),
            [Tally::Notice(Source::GoodFaith, ReasonCode::Counterfeit)]
        );
        assert_eq!(
            item.decided(5 * 3_600_000, None),
            [
                Tally::Removed,
                Tally::ReviewTime(Tier::GoodFaith, 6),
                Tally::OnTime(Tier::GoodFaith)
            ]
        );
        assert_eq!(
            item.decided(30 * 3_600_000, Some(RejectionCode::Duplicate)),
            [
                Tally::Rejected(RejectionCode::Duplicate),
                Tally::ReviewTime(Tier::GoodFaith, 11)
            ]
        );
    }

    #[test]
    fn an_instant_takedown_is_counted_as_one_not_as_a_review() {
        let mut item = Item {
            submitted_at: 0,
            deadline_at: 0,
            priority: 0,
            instant: true,
            inquiry: false,
            reason: ReasonCode::Counterfeit,
        };
        assert_eq!(item.decided(0, None), [Tally::Removed, Tally::Instant]);
        assert_eq!(item.source(), Source::JointForce);
        item.inquiry = true;
        assert_eq!(item.source(), Source::Inquiry);
    }

    #[test]
    fn a_periods_figures_sum_its_days_only() {
        let counts = vec![
            count(
                100,
                &Tally::Notice(Source::Standard, ReasonCode::Counterfeit),
                3,
            ),
            count(
                101,
                &Tally::Notice(Source::JointForce, ReasonCode::Counterfeit),
                5,
            ),
            count(
                99,
                &Tally::Notice(Source::Standard, ReasonCode::Counterfeit),
                40,
            ),
            count(108, &Tally::Removed, 4),
            count(108, &Tally::Rejected(RejectionCode::NotInfringing), 1),
            count(108, &Tally::ReviewTime(Tier::Standard, 9), 5),
            count(108, &Tally::OnTime(Tier::Standard), 4),
            count(101, &Tally::Instant, 5),
            count(102, &Tally::Overturned, 1),
            count(103, &Tally::CounterNoticeFiled, 2),
            count(104, &Tally::CounterNoticeDecided(true), 1),
            count(104, &Tally::CounterNoticeTime(11), 1),
            count(105, &Tally::SellerSuspended, 1),
            count(106, &Tally::BrandSuspended, 1),
        ];
        let figures = figures(&counts, 100, 109);
        assert_eq!(figures.notices_total, 8);
        assert_eq!(figures.notices[0].source, Source::Standard);
        assert_eq!(figures.notices[1].notices, 5);
        assert_eq!(
            (figures.decided, figures.removed, figures.rejected_total),
            (5, 4, 1)
        );
        let standard = figures
            .speed
            .iter()
            .find(|row| row.tier == Tier::Standard)
            .expect("standard");
        assert_eq!(standard.reviewed, 5);
        assert_eq!(standard.median_hours, Some(15.0));
        assert_eq!(standard.on_time_percent, Some(80.0));
        assert_eq!(figures.overturned_percent, Some(20.0));
        assert_eq!(figures.counter_notice_median_hours, Some(30.0));
        assert_eq!(
            (figures.sellers_suspended, figures.brands_suspended),
            (1, 1)
        );
        assert_eq!(figures.weeks.len(), 2);
        assert_eq!(figures.weeks[0].notices, 8);
        assert_eq!(figures.weeks[1].removed, 4);
    }
}
