//! The brands page for account managers and admins: every brand with its tier, figures,
//! trend, Joint-Force status, manager and warnings — sortable by any column.

use leptos::prelude::*;

use crate::components::pills::TierBadge;
use crate::domain::format_time;
use crate::domain::trust::percent;
use crate::model::BrandStanding;

/// What the table is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SortBy {
    Name,
    Tier,
    Accuracy,
    Decided,
    Trend,
}

impl SortBy {
    fn label(self) -> &'static str {
        match self {
            SortBy::Name => "Brand",
            SortBy::Tier => "Tier",
            SortBy::Accuracy => "Accuracy",
            SortBy::Decided => "Decided",
            SortBy::Trend => "Trend",
        }
    }
}

/// Brands with their standing; column headers sort (again to reverse).
#[component]
pub fn StandingsTable(
    /// The brands.
    standings: Vec<BrandStanding>,
    /// What the table shows.
    caption: &'static str,
) -> impl IntoView {
    if standings.is_empty() {
        return view! { <p class="empty">"No brands yet."</p> }.into_any();
    }
    let sort = RwSignal::new((SortBy::Name, false));
    let rows =
        move || {
            let (by, descending) = sort.get();
            let mut rows = standings.clone();
            rows.sort_by(|a, b| {
                let order = match by {
                    SortBy::Name => a.brand.name.cmp(&b.brand.name),
                    SortBy::Tier => a.brand.tier.cmp(&b.brand.tier),
                    SortBy::Accuracy => a.figures.accuracy_bp().cmp(&b.figures.accuracy_bp()),
                    SortBy::Decided => a.figures.decided().cmp(&b.figures.decided()),
                    SortBy::Trend => a.trend_bp.cmp(&b.trend_bp),
                };
                if descending { order.reverse() } else { order }
            });
            rows.into_iter()
            .map(|row| {
                // Colour repeats what the arrow and the words say: better, worse, level.
                let (arrow, trend_text, trend_class) = match row.trend_bp {
                    Some(bp) if bp > 100 => {
                        ("▲", format!("up {} over 30 days", percent(bp)), "trend trend-up")
                    }
                    Some(bp) if bp < -100 => {
                        ("▼", format!("down {} over 30 days", percent(-bp)), "trend trend-down")
                    }
                    Some(_) => ("▶", "steady over 30 days".to_owned(), "trend"),
                    None => ("–", "not enough decisions".to_owned(), "trend"),
                };
                let flagged = row.warned_at.is_some() || row.suspended_until.is_some();
                let mut notes = Vec::new();
                if let Some(until) = row.suspended_until {
                    notes.push(format!("Reports suspended until {}", format_time(until)));
                }
                if let Some(since) = row.warned_at {
                    notes.push(format!("Misuse warning since {}", format_time(since)));
                }
                if let Some(o) = &row.override_ {
                    notes.push(format!(
                        "Tier overridden until the end of {}",
                        crate::domain::iso_date(o.until - 1)
                    ));
                }
                view! {
                    <tr class:flagged=flagged>
                        <th scope="row">
                            <a href=format!("/brands/{}", row.brand.id)>{row.brand.name.clone()}</a>
                        </th>
                        <td data-label="Tier">
                            <TierBadge tier=row.brand.tier />
                            {row
                                .override_
                                .is_some()
                                .then(|| view! { <span class="hint">" (override)"</span> })}
                        </td>
                        <td class="num" data-label="Accuracy">
                            {row.figures.accuracy_bp().map_or_else(|| "—".to_owned(), percent)}
                        </td>
                        <td class="num" data-label="Decided">
                            {row.figures.decided()}
                        </td>
                        <td data-label="Trend">
                            <span class=trend_class aria-hidden="true">
                                {arrow}
                            </span>
                            <span class=format!(
                                "hint {trend_class}",
                            )>{format!(" {trend_text}")}</span>
                        </td>
                        <td data-label="Joint-Force">
                            {if row.brand.joint_force_enrolled { "Enrolled" } else { "—" }}
                        </td>
                        <td data-label="Account manager">
                            {row.brand.manager_name.clone().unwrap_or_else(|| "Unassigned".into())}
                        </td>
                        <td data-label="Warnings">
                            {if notes.is_empty() {
                                "—".into_any()
                            } else {
                                view! { <strong class="flag-text">{notes.join("; ")}</strong> }
                                    .into_any()
                            }}
                        </td>
                    </tr>
                }
            })
            .collect_view()
        };
    let header = move |by: SortBy| {
        view! {
            <th
                scope="col"
                aria-sort=move || match sort.get() {
                    (current, false) if current == by => "ascending",
                    (current, true) if current == by => "descending",
                    _ => "none",
                }
            >
                <button
                    type="button"
                    class="sort-button"
                    on:click=move |_| {
                        sort.update(|(current, descending)| {
                            *descending = *current == by && !*descending;
                            *current = by;
                        })
                    }
                >
                    {by.label()}
                </button>
            </th>
        }
    };
    view! {
        <div class="table-wrap">
            <table class="stack sortable">
                <caption>{caption} " — select a column heading to sort"</caption>
                <thead>
                    <tr>
                        {header(SortBy::Name)} {header(SortBy::Tier)} {header(SortBy::Accuracy)}
                        {header(SortBy::Decided)} {header(SortBy::Trend)}
                        <th scope="col">"Joint-Force"</th> <th scope="col">"Account manager"</th>
                        <th scope="col">"Warnings"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}
