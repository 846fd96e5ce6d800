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
    let rows = move || {
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
                let (arrow, trend_text) = match row.trend_bp {
                    Some(bp) if bp > 100 => ("▲", format!("up {} over 30 days", percent(bp))),
                    Some(bp) if bp < -100 => ("▼", format!("down {} over 30 days", percent(-bp))),
                    Some(_) => ("▶", "steady over 30 days".to_owned()),
                    None => ("–", "not enough decisions".to_owned()),
                };
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
                    <tr>
                        <th scope="row">
                            <a href=format!("/brands/{}", row.brand.id)>{row.brand.name.clone()}</a>
                        </th>
                        <td>
                            <TierBadge tier=row.brand.tier />
                            {row
                                .override_
                                .is_some()
                                .then(|| view! { <span class="hint">" (override)"</span> })}
                        </td>
                        <td class="num">
                            {row.figures.accuracy_bp().map_or_else(|| "—".to_owned(), percent)}
                        </td>
                        <td class="num">{row.figures.decided()}</td>
                        <td>
                            <span class="trend" aria-hidden="true">
                                {arrow}
                            </span>
                            <span class="hint">{format!(" {trend_text}")}</span>
                        </td>
                        <td>{if row.brand.joint_force_enrolled { "Enrolled" } else { "—" }}</td>
                        <td>
                            {row.brand.manager_name.clone().unwrap_or_else(|| "Unassigned".into())}
                        </td>
                        <td>
                            {if notes.is_empty() { "—".to_owned() } else { notes.join("; ") }}
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
            <table>
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
