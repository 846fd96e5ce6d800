//! A bar chart drawn as SVG on the server: readable without JavaScript, every bar a focusable
//! element whose value is spoken and shown on hover, a count scale on the axis, and the same
//! numbers in a table beside it (the chart's text alternative).

use leptos::prelude::*;

/// One group of bars: a label (a week's first day) and a value per series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// What the group is (shown under it).
    pub label: String,
    /// One value per series, in the series' order.
    pub values: Vec<i64>,
}

/// Chart coordinates: the drawing is scaled to the page's width.
const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 240.0;
const LEFT: f64 = 48.0;
const BOTTOM: f64 = 28.0;
const TOP: f64 = 12.0;
/// Room on the right for the last label, which starts at its group.
const RIGHT: f64 = 90.0;
/// The width of a label's character in drawing units (14 px text, as the stylesheet sets it).
const CHAR_WIDTH: f64 = 8.5;

/// A rounded-up scale maximum: 1, 2 or 5 times a power of ten, at least `max` (the brand
/// page's weekly chart scales its counts the same way).
pub fn nice(max: i64) -> i64 {
    let mut step = 1;
    loop {
        for factor in [1, 2, 5] {
            if step * factor >= max {
                return (step * factor).max(1);
            }
        }
        step *= 10;
    }
}

/// Grouped bars, one colour per series (`series`: name and CSS class), with a count axis,
/// and the numbers as a table in a disclosure below.
#[component]
pub fn GroupedBars(
    /// What the chart shows (its caption and accessible name).
    caption: String,
    /// The series: name and CSS class of its bars.
    series: Vec<(&'static str, &'static str)>,
    /// The groups, left to right.
    groups: Vec<Group>,
) -> impl IntoView {
    let max = nice(
        groups
            .iter()
            .flat_map(|group| group.values.iter().copied())
            .max()
            .unwrap_or(0),
    );
    let plot_height = HEIGHT - BOTTOM - TOP;
    let slot = (WIDTH - LEFT - RIGHT) / groups.len().max(1) as f64;
    let bar = (slot * 0.8 / series.len().max(1) as f64).min(28.0);
    // Every label that fits: as many groups apart as the longest label is wide.
    let longest = groups
        .iter()
        .map(|group| group.label.chars().count())
        .max()
        .unwrap_or(0) as f64;
    let label_every = ((longest * CHAR_WIDTH + 8.0) / slot).ceil().max(1.0) as usize;
    let ticks = [0, max / 2, max]
        .into_iter()
        .map(|value| {
            let y = TOP + plot_height - plot_height * value as f64 / max as f64;
            view! {
                <line class="chart-axis" x1=LEFT x2=WIDTH - RIGHT y1=y y2=y />
                <text class="chart-label" x=LEFT - 6.0 y=y + 4.0 text-anchor="end">
                    {crate::domain::format_count(value)}
                </text>
            }
        })
        .collect_view();
    let bars = groups
        .iter()
        .enumerate()
        .map(|(index, group)| {
            let x0 = LEFT + slot * index as f64 + slot * 0.1;
            let label = (index % label_every == 0).then(|| {
                view! {
                    <text class="chart-label" x=x0 y=HEIGHT - 8.0>
                        {group.label.clone()}
                    </text>
                }
            });
            let rects = group
                .values
                .iter()
                .zip(&series)
                .enumerate()
                .map(|(k, (value, (name, class)))| {
                    let h = plot_height * *value as f64 / max as f64;
                    let said = format!(
                        "{}: {} {}",
                        group.label,
                        crate::domain::format_count(*value),
                        name.to_lowercase()
                    );
                    let title = said.clone();
                    view! {
                        <rect
                            class=*class
                            x=x0 + bar * k as f64
                            y=TOP + plot_height - h
                            width=bar
                            height=h.max(0.5)
                            tabindex="0"
                            role="img"
                            aria-label=said
                        >
                            <title>{title}</title>
                        </rect>
                    }
                })
                .collect_view();
            view! {
                {rects}
                {label}
            }
        })
        .collect_view();
    let legend = series
        .iter()
        .map(|(name, class)| {
            view! {
                <li>
                    <span class=format!("legend-swatch {class}") aria-hidden="true"></span>
                    {*name}
                </li>
            }
        })
        .collect_view();
    let headings = series
        .iter()
        .map(|(name, _)| {
            view! {
                <th scope="col" class="num">
                    {*name}
                </th>
            }
        })
        .collect_view();
    let rows = groups
        .iter()
        .map(|group| {
            let cells = group
                .values
                .iter()
                .map(|value| view! { <td class="num">{crate::domain::format_count(*value)}</td> })
                .collect_view();
            view! {
                <tr>
                    <th scope="row">{group.label.clone()}</th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    view! {
        <figure class="chart chart-wide">
            <figcaption>{caption.clone()}</figcaption>
            <ul class="legend">{legend}</ul>
            <div class="chart-scroll">
                <svg
                    viewBox=format!("0 0 {WIDTH} {HEIGHT}")
                    role="group"
                    aria-label=caption.clone()
                >
                    {ticks}
                    {bars}
                </svg>
            </div>
            <details>
                <summary>"The numbers as a table"</summary>
                <div class="table-wrap">
                    <table>
                        <caption>{caption}</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Week from"</th>
                                {headings}
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </details>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scale_rounds_up_to_one_two_or_five() {
        assert_eq!(nice(0), 1);
        assert_eq!(nice(3), 5);
        assert_eq!(nice(7), 10);
        assert_eq!(nice(130), 200);
        assert_eq!(nice(500), 500);
    }
}
