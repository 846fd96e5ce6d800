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

/// Weekly accuracy (line, percent on the left axis) and decided reports (bars, counts on the
/// right axis) as SVG drawn on the server, with the target as a dashed line named in the
/// legend. Every week is a focusable column whose figures are spoken and shown on hover, the
/// drawing scrolls sideways on a phone rather than shrink its text, and the same numbers are
/// in a table below.
#[component]
pub(super) fn WeeklyChart(weeks: Vec<(i64, Figures)>, threshold_bp: i64) -> impl IntoView {
    const W: f64 = 720.0;
    const H: f64 = 250.0;
    const LEFT: f64 = 52.0;
    const RIGHT: f64 = 52.0;
    const TOP: f64 = 12.0;
    const BOTTOM: f64 = 30.0;
    let plot = H - TOP - BOTTOM;
    let step = (W - LEFT - RIGHT) / weeks.len().max(1) as f64;
    let max_volume =
        crate::components::bars::nice(weeks.iter().map(|(_, f)| f.decided()).max().unwrap_or(0));
    let y_of_share = |bp: i64| TOP + plot - (bp as f64 / 10_000.0) * plot;
    let y_of_count = |n: i64| TOP + plot - n as f64 / max_volume as f64 * plot;
    // A date label every few weeks, as far apart as a label is wide (14 px text).
    let label_every = ((10.0 * 8.5 + 8.0) / step).ceil().max(1.0) as usize;
    let columns = weeks
        .iter()
        .enumerate()
        .map(|(i, (start, f))| {
            let x = LEFT + i as f64 * step;
            let height = TOP + plot - y_of_count(f.decided());
            let said = format!(
                "Week from {}: {} decided, accuracy {}",
                iso_date(*start),
                f.decided(),
                accuracy_text(f)
            );
            let title = said.clone();
            let label = (i % label_every == 0).then(|| {
                view! {
                    <text class="chart-label" x=format!("{x:.1}") y=H - 8.0>
                        {iso_date(*start)}
                    </text>
                }
            });
            view! {
                <rect
                    class="chart-bar"
                    x=format!("{:.1}", x + step * 0.15)
                    y=format!("{:.1}", TOP + plot - height)
                    width=format!("{:.1}", step * 0.7)
                    height=format!("{:.1}", height.max(0.5))
                />
                // The week's whole column takes focus and hover, even with no decisions.
                <rect
                    class="chart-hit"
                    x=format!("{x:.1}")
                    y=TOP
                    width=format!("{step:.1}")
                    height=plot
                    tabindex="0"
                    role="img"
                    aria-label=said
                >
                    <title>{title}</title>
                </rect>
                {label}
            }
        })
        .collect_view();
    let points: Vec<String> = weeks
        .iter()
        .enumerate()
        .filter_map(|(i, (_, f))| {
            f.accuracy_bp().map(|bp| {
                format!(
                    "{:.1},{:.1}",
                    LEFT + (i as f64 + 0.5) * step,
                    y_of_share(bp)
                )
            })
        })
        .collect();
    let threshold_y = y_of_share(threshold_bp);
    let left_ticks = [0, 5_000, 10_000]
        .into_iter()
        .map(|bp| {
            let y = y_of_share(bp);
            view! {
                <line class="chart-axis" x1=LEFT x2=W - RIGHT y1=y y2=y />
                <text class="chart-label" x=LEFT - 6.0 y=y + 4.0 text-anchor="end">
                    {percent(bp)}
                </text>
            }
        })
        .collect_view();
    let right_ticks = [0, max_volume / 2, max_volume]
        .into_iter()
        .map(|n| {
            view! {
                <text class="chart-label" x=W - RIGHT + 6.0 y=y_of_count(n) + 4.0>
                    {crate::domain::format_count(n)}
                </text>
            }
        })
        .collect_view();
    let first = weeks
        .first()
        .map(|(start, _)| iso_date(*start))
        .unwrap_or_default();
    let summary = match weeks.iter().rev().find(|(_, f)| f.decided() > 0) {
        Some((start, last)) => format!(
            "The {} weeks from {first} to now; the latest week with decisions (from {}) had {} decided at {} accuracy.",
            weeks.len(),
            iso_date(*start),
            last.decided(),
            accuracy_text(last)
        ),
        None => format!(
            "No decided reports in the {} weeks from {first}.",
            weeks.len()
        ),
    };
    let rows = weeks
        .iter()
        .map(|(start, f)| {
            view! {
                <tr>
                    <th scope="row">{iso_date(*start)}</th>
                    <td class="num">{f.decided()}</td>
                    <td class="num">{accuracy_text(f)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <figure class="chart chart-wide">
            <figcaption class="hint">{summary}</figcaption>
            <ul class="legend">
                <li>
                    <span class="legend-swatch legend-line" aria-hidden="true"></span>
                    "Accuracy (left axis)"
                </li>
                <li>
                    <span class="legend-swatch legend-threshold" aria-hidden="true"></span>
                    {format!("{} accuracy target", percent(threshold_bp))}
                </li>
                <li>
                    <span class="legend-swatch chart-bar" aria-hidden="true"></span>
                    "Decided reports (right axis)"
                </li>
            </ul>
            <div class="chart-scroll">
                <svg
                    viewBox=format!("0 0 {W} {H}")
                    role="group"
                    aria-label="Weekly accuracy and decided reports, one column per week"
                >
                    {left_ticks}
                    {right_ticks}
                    <line
                        class="chart-threshold"
                        x1=LEFT
                        y1=format!("{threshold_y:.1}")
                        x2=W - RIGHT
                        y2=format!("{threshold_y:.1}")
                    />
                    {columns}
                    <polyline class="chart-line" points=points.join(" ") />
                </svg>
            </div>
            <details>
                <summary>"The numbers as a table"</summary>
                <div class="table-wrap">
                    <table>
                        <caption>"Decided reports and accuracy per week"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Week from"</th>
                                <th scope="col" class="num">
                                    "Decided"
                                </th>
                                <th scope="col" class="num">
                                    "Accuracy"
                                </th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </details>
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
