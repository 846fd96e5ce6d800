//! A period's public figures from its counts, and the same figures as CSV rows.

use serde::{Deserialize, Serialize};

use super::{BUCKET_EDGES_MINUTES, Count, DAY_MS, Source};
use crate::domain::{ReasonCode, RejectionCode, Tier};

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

/// Hours as the pages show them ("15.5 h"), or a dash when there is nothing to measure.
pub fn hours(value: Option<f64>) -> String {
    value.map_or_else(|| "–".into(), |h| format!("{h} h"))
}

/// A share as the pages show it ("92.5 %"), or a dash when there is nothing to divide.
pub fn share(value: Option<f64>) -> String {
    value.map_or_else(|| "–".into(), |p| format!("{p} %"))
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
