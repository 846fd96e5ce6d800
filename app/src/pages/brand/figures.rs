//! The brand page's figures: the weekly chart, the tables per reason and per staff member, and
//! the tier history.

use leptos::prelude::*;

use crate::domain::trust::{Figures, percent};
use crate::domain::{ReasonCode, format_time, iso_date};
use crate::model::TimelineEntry;

/// A brand's accuracy as a percentage, or a dash without decided items.
pub(super) fn accuracy_text(figures: &Figures) -> String {
    figures
        .accuracy_bp()
        .map_or_else(|| "—".to_owned(), percent)
}

/// Weekly accuracy (line) and decided volume (bars) as inline SVG, with a text summary.
#[component]
pub(super) fn WeeklyChart(weeks: Vec<(i64, Figures)>, threshold_bp: i64) -> impl IntoView {
    const W: f64 = 720.0;
    const H: f64 = 220.0;
    const PAD: f64 = 36.0;
    let count = weeks.len().max(1) as f64;
    let step = (W - 2.0 * PAD) / count;
    let max_volume = weeks
        .iter()
        .map(|(_, f)| f.decided())
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let y_of_share = |bp: i64| H - PAD - (bp as f64 / 10_000.0) * (H - 2.0 * PAD);
    let bars = weeks
        .iter()
        .enumerate()
        .map(|(i, (_, f))| {
            let height = f.decided() as f64 / max_volume * (H - 2.0 * PAD) * 0.6;
            let x = PAD + i as f64 * step + step * 0.15;
            view! {
                <rect
                    class="chart-bar"
                    x=format!("{x:.1}")
                    y=format!("{:.1}", H - PAD - height)
                    width=format!("{:.1}", step * 0.7)
                    height=format!("{height:.1}")
                />
            }
        })
        .collect_view();
    let points: Vec<String> = weeks
        .iter()
        .enumerate()
        .filter_map(|(i, (_, f))| {
            f.accuracy_bp()
                .map(|bp| format!("{:.1},{:.1}", PAD + (i as f64 + 0.5) * step, y_of_share(bp)))
        })
        .collect();
    let threshold_y = y_of_share(threshold_bp);
    let summary = {
        let recent: Vec<&(i64, Figures)> = weeks.iter().filter(|(_, f)| f.decided() > 0).collect();
        match (recent.first(), recent.last()) {
            (Some((first, _)), Some((_, last))) => format!(
                "Weekly figures from {} to now; the latest week with decisions had {} decided at {} accuracy.",
                iso_date(*first),
                last.decided(),
                accuracy_text(last)
            ),
            _ => "No decided reports in the last 26 weeks.".to_owned(),
        }
    };
    let first_label = weeks
        .first()
        .map(|(start, _)| iso_date(*start))
        .unwrap_or_default();
    view! {
        <figure class="chart">
            <svg
                viewBox=format!("0 0 {W} {H}")
                role="img"
                aria-label="Weekly accuracy (line) and decided reports (bars), last 26 weeks"
            >
                <line class="chart-axis" x1=PAD y1=H - PAD x2=W - PAD y2=H - PAD />
                <line
                    class="chart-threshold"
                    x1=PAD
                    y1=format!("{threshold_y:.1}")
                    x2=W - PAD
                    y2=format!("{threshold_y:.1}")
                />
                <text
                    class="chart-label"
                    x=W - PAD
                    y=format!("{:.1}", threshold_y - 4.0)
                    text-anchor="end"
                >
                    {format!("{} target", percent(threshold_bp))}
                </text>
                <text class="chart-label" x=4 y=format!("{:.1}", y_of_share(10_000) + 4.0)>
                    "100 %"
                </text>
                <text class="chart-label" x=4 y=format!("{:.1}", y_of_share(5_000) + 4.0)>
                    "50 %"
                </text>
                <text class="chart-label" x=PAD y=H - 8.0>
                    {first_label}
                </text>
                <text class="chart-label" x=W - PAD y=H - 8.0 text-anchor="end">
                    "this week"
                </text>
                {bars}
                <polyline class="chart-line" points=points.join(" ") />
            </svg>
            <figcaption class="hint">{summary}</figcaption>
        </figure>
    }
}

/// Figures per reason code in the window.
#[component]
pub(super) fn ReasonTable(rows: Vec<(ReasonCode, Figures)>) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="empty">"No decided reports in the window."</p> }.into_any();
    }
    view! {
        <table>
            <thead>
                <tr>
                    <th scope="col">"Reason"</th>
                    <th scope="col" class="num">
                        "Decided"
                    </th>
                    <th scope="col" class="num">
                        "Accuracy"
                    </th>
                </tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|(reason, f)| {
                        view! {
                            <tr>
                                <th scope="row">{reason.label()}</th>
                                <td class="num">{f.decided()}</td>
                                <td class="num">{accuracy_text(&f)}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// Reports and figures per staff member in the window.
#[component]
pub(super) fn StaffTable(rows: Vec<(String, i64, Figures)>) -> impl IntoView {
    view! {
        <table>
            <thead>
                <tr>
                    <th scope="col">"Staff member"</th>
                    <th scope="col" class="num">
                        "Reports filed"
                    </th>
                    <th scope="col" class="num">
                        "Decided"
                    </th>
                    <th scope="col" class="num">
                        "Accuracy"
                    </th>
                </tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|(name, reports, f)| {
                        view! {
                            <tr>
                                <th scope="row">{name}</th>
                                <td class="num">{reports}</td>
                                <td class="num">{f.decided()}</td>
                                <td class="num">{accuracy_text(&f)}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

/// Tier changes, warnings, suspensions, enrolments and overrides, newest first.
#[component]
pub(super) fn TierHistory(entries: Vec<TimelineEntry>) -> impl IntoView {
    if entries.is_empty() {
        return view! { <p class="empty">"No tier changes yet."</p> }.into_any();
    }
    view! {
        <ol class="history">
            {entries
                .into_iter()
                .map(|entry| {
                    view! {
                        <li>
                            <time>{format_time(entry.at)}</time>
                            <span>
                                {format!(
                                    " — {}{}",
                                    entry.detail,
                                    entry.actor.map(|a| format!(" ({a})")).unwrap_or_default(),
                                )}
                            </span>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
    .into_any()
}
