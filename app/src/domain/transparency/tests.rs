//! Buckets, quantiles, what decisions add, and a period's figures.

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
