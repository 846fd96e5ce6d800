//! The managers' and admins' analytics, read from the per-brand running counts the figures job
//! keeps beside the public ones: the backlog over time, how long decisions take per tier, the
//! review targets met per brand and per manager, instant takedowns overturned per brand and
//! how brands answer the platform's inquiries. Pure: the service reads the counts and names.

use serde::{Deserialize, Serialize};

use crate::domain::Tier;
use crate::domain::transparency::{BUCKET_EDGES_MINUTES, quantile_hours};

/// One per-brand count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrandCount {
    /// The brand.
    pub brand_id: i64,
    /// The UTC day.
    pub day: i64,
    /// The metric.
    pub metric: String,
    /// The key.
    pub key: String,
    /// How many.
    pub tally: i64,
}

/// A brand's row of the analytics.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct BrandRow {
    /// The brand.
    pub brand_id: i64,
    /// Its name (filled in by the service).
    pub name: String,
    /// Items reviewed in the period.
    pub reviewed: i64,
    /// Share decided within target (percent).
    pub on_time_percent: Option<f64>,
    /// Median time from notice to decision (hours).
    pub median_hours: Option<f64>,
    /// 90th percentile (hours).
    pub p90_hours: Option<f64>,
    /// Instant takedowns.
    pub instant: i64,
    /// Overturned in audit.
    pub overturned: i64,
    /// Overturned as a share of instant takedowns (percent).
    pub overturned_percent: Option<f64>,
    /// Inquiries sent to the brand.
    pub inquiries_sent: i64,
    /// Answered.
    pub inquiries_answered: i64,
    /// Left to expire.
    pub inquiries_expired: i64,
    /// Answered as a share of those closed (answered or expired; percent).
    pub answer_percent: Option<f64>,
}

/// A manager's row: reviews decided and targets met.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ManagerRow {
    /// The manager.
    pub manager_id: i64,
    /// Their name (filled in by the service).
    pub name: String,
    /// Items they decided.
    pub reviewed: i64,
    /// Share within target (percent).
    pub on_time_percent: Option<f64>,
}

/// Decisions per time bucket, per tier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BucketRow {
    /// The bucket, in words ("4–6 h").
    pub label: String,
    /// Items of Joint-Force, Good Faith and Standard brands, in that order.
    pub by_tier: [i64; 3],
}

/// The analytics of a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analytics {
    /// The first day (`YYYY-MM-DD`).
    pub from: String,
    /// The last day, included.
    pub to: String,
    /// Items waiting for review at the end of each week of the period (its last day's
    /// date, the number).
    pub backlog: Vec<(String, i64)>,
    /// Time to decision per bucket and tier.
    pub distribution: Vec<BucketRow>,
    /// Per brand, busiest first.
    pub brands: Vec<BrandRow>,
    /// Per manager, busiest first.
    pub managers: Vec<ManagerRow>,
}

/// A bucket's name: "< 15 min", "4–6 h", "> 14 days".
pub fn bucket_label(index: usize) -> String {
    let words = |minutes: i64| {
        if minutes < 60 {
            format!("{minutes} min")
        } else if minutes < 72 * 60 {
            format!("{} h", minutes / 60)
        } else {
            format!("{} days", minutes / (24 * 60))
        }
    };
    match (
        index.checked_sub(1).map(|i| BUCKET_EDGES_MINUTES[i]),
        BUCKET_EDGES_MINUTES.get(index),
    ) {
        (None, Some(high)) => format!("< {}", words(*high)),
        (Some(low), Some(high)) => format!("{}–{}", words(low), words(*high)),
        (Some(low), None) => format!("> {}", words(low)),
        (None, None) => String::new(),
    }
}

fn percent(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| (part as f64 * 1000.0 / whole as f64).round() / 10.0)
}

fn tier_index(tier: Tier) -> usize {
    match tier {
        Tier::JointForce => 0,
        Tier::GoodFaith => 1,
        Tier::Standard => 2,
    }
}

/// The analytics of days `[first, last]` from the per-brand counts of `[first, today]`, with
/// `pending_now` items waiting today (the backlog is counted back from it).
pub fn analytics(
    counts: &[BrandCount],
    first: i64,
    last: i64,
    today: i64,
    pending_now: i64,
) -> Analytics {
    let buckets = BUCKET_EDGES_MINUTES.len() + 1;
    let mut distribution = vec![[0_i64; 3]; buckets];
    let mut brands: Vec<(BrandRow, Vec<i64>)> = Vec::new();
    let mut managers: Vec<(i64, i64, i64)> = Vec::new();
    // Per day from `first` to `today`: items coming in, minus items leaving the queue.
    let days = (today.max(last) - first + 1).max(1) as usize;
    let mut net = vec![0_i64; days];
    for count in counts {
        if count.day < first {
            continue;
        }
        if let Some(slot) = net.get_mut((count.day - first) as usize) {
            match count.metric.as_str() {
                "notice" => *slot += count.tally,
                "decided" | "withdrawn" => *slot -= count.tally,
                _ => {}
            }
        }
        if count.day > last {
            continue;
        }
        let index = match brands
            .iter()
            .position(|(row, _)| row.brand_id == count.brand_id)
        {
            Some(index) => index,
            None => {
                brands.push((
                    BrandRow {
                        brand_id: count.brand_id,
                        ..BrandRow::default()
                    },
                    vec![0; buckets],
                ));
                brands.len() - 1
            }
        };
        let (row, histogram) = &mut brands[index];
        let n = count.tally;
        match (count.metric.as_str(), count.key.as_str()) {
            ("review_time", key) => {
                let Some((tier, bucket)) = key.split_once(':') else {
                    continue;
                };
                let (Some(tier), Ok(bucket)) = (Tier::parse(tier), bucket.parse::<usize>()) else {
                    continue;
                };
                if bucket < buckets {
                    distribution[bucket][tier_index(tier)] += n;
                    histogram[bucket] += n;
                    row.reviewed += n;
                }
            }
            ("on_time", _) => {
                // Kept as a count until the end, then made a share.
                row.on_time_percent = Some(row.on_time_percent.unwrap_or(0.0) + n as f64);
            }
            ("instant", _) => row.instant += n,
            ("overturned", _) => row.overturned += n,
            ("inquiry", "sent") => row.inquiries_sent += n,
            ("inquiry", "answered") => row.inquiries_answered += n,
            ("inquiry", "expired") => row.inquiries_expired += n,
            ("manager_review" | "manager_on_time", key) => {
                let Ok(id) = key.parse::<i64>() else {
                    continue;
                };
                let index = match managers.iter().position(|(m, _, _)| *m == id) {
                    Some(index) => index,
                    None => {
                        managers.push((id, 0, 0));
                        managers.len() - 1
                    }
                };
                if count.metric == "manager_review" {
                    managers[index].1 += n;
                } else {
                    managers[index].2 += n;
                }
            }
            _ => {}
        }
    }
    let mut brands: Vec<BrandRow> = brands
        .into_iter()
        .map(|(mut row, histogram)| {
            let on_time = row.on_time_percent.unwrap_or(0.0) as i64;
            row.on_time_percent = percent(on_time, row.reviewed);
            row.median_hours = quantile_hours(&histogram, 0.5);
            row.p90_hours = quantile_hours(&histogram, 0.9);
            row.overturned_percent = percent(row.overturned, row.instant);
            row.answer_percent = percent(
                row.inquiries_answered,
                row.inquiries_answered + row.inquiries_expired,
            );
            row
        })
        .collect();
    brands.sort_by_key(|b| std::cmp::Reverse(b.reviewed + b.instant));
    let mut managers: Vec<ManagerRow> = managers
        .into_iter()
        .map(|(manager_id, reviewed, on_time)| ManagerRow {
            manager_id,
            name: String::new(),
            reviewed,
            on_time_percent: percent(on_time, reviewed),
        })
        .collect();
    managers.sort_by_key(|b| std::cmp::Reverse(b.reviewed));
    // The backlog at the end of day d: what waits now, less what came in after d, plus what
    // left after d.
    let mut backlog_at = vec![0_i64; days];
    let mut running = pending_now;
    for day in (0..days).rev() {
        backlog_at[day] = running;
        running -= net[day];
    }
    let weeks = ((last - first) / 7 + 1).max(1);
    let backlog = (0..weeks)
        .map(|week| {
            let end = (first + week * 7 + 6).min(last);
            let value = backlog_at
                .get((end - first) as usize)
                .copied()
                .unwrap_or(pending_now)
                .max(0);
            (
                crate::domain::iso_date(end * crate::domain::clock::DAY_MS),
                value,
            )
        })
        .collect();
    Analytics {
        from: crate::domain::iso_date(first * crate::domain::clock::DAY_MS),
        to: crate::domain::iso_date(last * crate::domain::clock::DAY_MS),
        backlog,
        distribution: distribution
            .into_iter()
            .enumerate()
            .map(|(index, by_tier)| BucketRow {
                label: bucket_label(index),
                by_tier,
            })
            .collect(),
        brands,
        managers,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::transparency::Tally;

    fn count(brand_id: i64, day: i64, tally: &Tally, n: i64) -> BrandCount {
        let (metric, key) = tally.stored();
        BrandCount {
            brand_id,
            day,
            metric: metric.into(),
            key,
            tally: n,
        }
    }

    #[test]
    fn buckets_are_named_by_their_edges() {
        assert_eq!(bucket_label(0), "< 15 min");
        assert_eq!(bucket_label(4), "2 h–3 h");
        assert_eq!(bucket_label(14), "3 days–5 days");
        assert_eq!(bucket_label(17), "> 14 days");
    }

    #[test]
    fn brands_managers_and_the_backlog_are_read_from_the_counts() {
        use crate::domain::transparency::Source;
        use crate::domain::{ReasonCode, RejectionCode};
        let notice = Tally::Notice(Source::Standard, ReasonCode::Counterfeit);
        let counts = vec![
            // Brand 1: ten filed on day 10, eight decided on day 11 (six in time), by manager 7.
            count(1, 10, &notice, 10),
            count(1, 11, &Tally::Removed, 7),
            count(1, 11, &Tally::Rejected(RejectionCode::Duplicate), 1),
            count(1, 11, &Tally::ReviewTime(Tier::Standard, 10), 8),
            count(1, 11, &Tally::OnTime(Tier::Standard), 6),
            count(1, 11, &Tally::ManagerReview(7), 8),
            count(1, 11, &Tally::ManagerOnTime(7), 6),
            // Brand 2: four instant takedowns, one overturned; two inquiries, one expired.
            count(2, 12, &notice, 4),
            count(2, 12, &Tally::Removed, 4),
            count(2, 12, &Tally::Instant, 4),
            count(2, 13, &Tally::Overturned, 1),
            count(2, 12, &Tally::InquirySent, 2),
            count(2, 13, &Tally::InquiryAnswered, 1),
            count(2, 14, &Tally::InquiryExpired, 1),
            // A pending item withdrawn on day 15, after the period.
            count(1, 15, &Tally::Withdrawn, 1),
        ];
        let analytics = analytics(&counts, 10, 13, 15, 1);
        let one = analytics
            .brands
            .iter()
            .find(|b| b.brand_id == 1)
            .expect("brand 1");
        assert_eq!(one.reviewed, 8);
        assert_eq!(one.on_time_percent, Some(75.0));
        assert_eq!(one.median_hours, Some(21.0));
        let two = analytics
            .brands
            .iter()
            .find(|b| b.brand_id == 2)
            .expect("brand 2");
        assert_eq!((two.instant, two.overturned_percent), (4, Some(25.0)));
        // The expiry on day 14 is after the period.
        assert_eq!(
            (two.inquiries_answered, two.answer_percent),
            (1, Some(100.0))
        );
        assert_eq!(analytics.managers[0].manager_id, 7);
        assert_eq!(analytics.managers[0].on_time_percent, Some(75.0));
        assert_eq!(analytics.distribution[10].by_tier, [0, 0, 8]);
        // One waits now; one was withdrawn on day 15: two waited at the end of day 13. On
        // day 10, ten had come in and none had left, so 10 + 2 - … = the backlog counted back.
        assert_eq!(analytics.backlog, vec![("1970-01-14".to_owned(), 2)]);
    }
}
