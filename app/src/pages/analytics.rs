//! `/analytics` — account managers' (their brands) and admins' (every brand) figures for a
//! period: the backlog week by week, how long decisions take per tier, review targets met by
//! brand and by manager, instant takedowns overturned and inquiries answered per brand.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::figures::get_analytics;
use crate::components::async_list::AsyncView;
use crate::components::bars::{Group, GroupedBars};
use crate::components::period::PeriodForm;
use crate::components::table::{Column, DataTable};
use crate::domain::analytics::Analytics;
use crate::domain::format_count;
use crate::domain::transparency::{hours, share};
use crate::error::AppError;
use crate::wire::load;

/// `/analytics?from=…&to=…` (the last 90 days unless asked).
#[component]
pub fn AnalyticsPage() -> impl IntoView {
    let query = use_query_map();
    let asked = move || {
        let query = query.get();
        (
            query.get("from").unwrap_or_default(),
            query.get("to").unwrap_or_default(),
        )
    };
    let data = load(asked, |(from, to)| get_analytics(from, to));
    let refused = RwSignal::new(None::<AppError>);
    Effect::new(move |_| {
        refused.set(
            data.get()
                .and_then(Result::err)
                .filter(|e| matches!(e, AppError::Validation(_))),
        )
    });
    view! {
        <Title text="Analytics" />
        <h1>"Analytics"</h1>
        <p class="lead">
            "How review is going: the queue week by week, how long decisions take, which brands and managers meet their review targets, and how instant takedowns and inquiries fare. Account managers see their own brands; admins see every brand."
        </p>
        <AsyncView data ok=move |analytics| view! { <Report analytics /> } quiet=true />
        // A refused period keeps the form, with the message by its field.
        {move || {
            refused
                .get()
                .map(|error| {
                    let (from, to) = asked();
                    view! {
                        <PeriodForm
                            action="/analytics"
                            id_prefix="analytics"
                            from
                            to
                            error=Some(error)
                        />
                    }
                })
        }}
    }
}

#[component]
fn Report(analytics: Analytics) -> impl IntoView {
    let backlog: Vec<Group> = analytics
        .backlog
        .iter()
        .map(|(day, n)| Group {
            label: day.clone(),
            values: vec![*n],
        })
        .collect();
    let distribution: Vec<Group> = analytics
        .distribution
        .iter()
        .map(|row| Group {
            label: row.label.clone(),
            values: row.by_tier.to_vec(),
        })
        .collect();
    let brands = analytics
        .brands
        .iter()
        .map(|row| {
            view! {
                <tr>
                    <th scope="row">
                        <a href=format!("/brands/{}", row.brand_id)>{row.name.clone()}</a>
                    </th>
                    <td data-label="Reviewed" class="num">
                        {format_count(row.reviewed)}
                    </td>
                    <td data-label="Median time" class="num">
                        {hours(row.median_hours)}
                    </td>
                    <td data-label="Within target" class="num">
                        {share(row.on_time_percent)}
                    </td>
                    <td data-label="Instant takedowns" class="num">
                        {format_count(row.instant)}
                    </td>
                    <td data-label="Overturned" class="num">
                        {share(row.overturned_percent)}
                    </td>
                    <td data-label="Inquiries answered" class="num">
                        {format!(
                            "{} of {}",
                            format_count(row.inquiries_answered),
                            format_count(row.inquiries_answered + row.inquiries_expired),
                        )}
                    </td>
                    <td data-label="Answer rate" class="num">
                        {share(row.answer_percent)}
                    </td>
                </tr>
            }
        })
        .collect_view();
    let managers = analytics
        .managers
        .iter()
        .map(|row| {
            view! {
                <tr>
                    <th scope="row">{row.name.clone()}</th>
                    <td data-label="Decided" class="num">
                        {format_count(row.reviewed)}
                    </td>
                    <td data-label="Within target" class="num">
                        {share(row.on_time_percent)}
                    </td>
                </tr>
            }
        })
        .collect_view();
    let no_brands = analytics.brands.is_empty();
    let no_managers = analytics.managers.is_empty();
    view! {
        <PeriodForm
            action="/analytics"
            id_prefix="analytics"
            from=analytics.from.clone()
            to=analytics.to.clone()
            error=None
        />
        <p>
            "From " <strong>{analytics.from.clone()}</strong> " to "
            <strong>{analytics.to.clone()}</strong> " (UTC days, both included)."
        </p>
        <GroupedBars
            caption="Reports waiting for review at the end of each week".into()
            series=vec![("Waiting", "chart-bar-notices")]
            groups=backlog
        />
        <GroupedBars
            caption="Time from notice to decision, by tier".into()
            series=vec![
                ("Joint-Force", "chart-bar-removed"),
                ("Good Faith", "chart-bar-notices"),
                ("Standard", "chart-bar-rejected"),
            ]
            groups=distribution
        />
        <section aria-labelledby="brands-heading">
            <h2 id="brands-heading">"By brand"</h2>
            {if no_brands {
                view! { <p class="empty">"No brand had a decision in this period."</p> }.into_any()
            } else {
                view! {
                    <DataTable
                        caption="Review targets, instant takedowns and inquiries by brand, busiest first"
                        columns=&[
                            Column::Text("Brand"),
                            Column::Num("Reviewed"),
                            Column::Num("Median time"),
                            Column::Num("Within target"),
                            Column::Num("Instant takedowns"),
                            Column::Num("Overturned"),
                            Column::Num("Inquiries answered"),
                            Column::Num("Answer rate"),
                        ]
                        rows=brands
                        stack=true
                    />
                }
                    .into_any()
            }}
        </section>
        <section aria-labelledby="managers-heading">
            <h2 id="managers-heading">"By account manager"</h2>
            {if no_managers {
                view! { <p class="empty">"Nobody decided a report in this period."</p> }.into_any()
            } else {
                view! {
                    <DataTable
                        caption="Reports decided and review targets met, by manager"
                        columns=&[
                            Column::Text("Manager"),
                            Column::Num("Decided"),
                            Column::Num("Within target"),
                        ]
                        rows=managers
                        stack=true
                    />
                }
                    .into_any()
            }}
        </section>
    }
}
