//! A brand's reports: every reported listing with filters, counts per status and pages.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::reports::list_reports;
use crate::components::form::{FieldError, id_param, message_for, options_of};
use crate::components::outcome::{ErrorPanel, Loading};
use crate::components::pager::Pager;
use crate::components::pills::ItemStatusPill;
use crate::components::table::{Column, DataTable};
use crate::domain::queue::due_text;
use crate::domain::{ItemStatus, ReasonCode, format_count, format_time};
use crate::error::AppError;
use crate::model::{REPORT_SORTS, ReportFilter, ReportList};
use crate::wire::load;

/// `/brands/:id/reports` — for the brand's staff, its manager and admins.
#[component]
pub fn ReportsPage() -> impl IntoView {
    let brand_id = id_param("id");
    // The filter being edited, and the one applied (on "Apply" or a status/page click).
    // `?status=` opens the list filtered, as the brand page's "awaiting your response" links.
    let query = leptos_router::hooks::use_query_map().read_untracked();
    let start = ReportFilter {
        status: query.get("status").unwrap_or_default(),
        sort: query.get("sort").unwrap_or_default(),
        ..ReportFilter::default()
    };
    let editing = RwSignal::new(start.clone());
    let applied = RwSignal::new(start);
    let list = load(
        move || (brand_id(), applied.get()),
        |(id, filter)| async move {
            match id {
                Some(id) => list_reports(id, filter).await,
                None => Err(AppError::NotFound(
                    "There is no brand with that number.".into(),
                )),
            }
        },
    );
    // Read in an effect, not during render: the filter form sits outside the Suspense.
    let filter_error = RwSignal::new(None::<AppError>);
    Effect::new(move |_| filter_error.set(list.get().and_then(Result::err)));
    let error: Signal<Option<AppError>> = filter_error.into();
    let apply = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let mut filter = editing.get();
        filter.page = 0;
        applied.set(filter);
    };
    let set = move |change: fn(&mut ReportFilter, String)| {
        move |ev: leptos::ev::Event| {
            editing.update(|filter| change(filter, event_target_value(&ev)))
        }
    };
    let status_options = options_of(ItemStatus::ALL, |s| (s.as_str(), s.label()));
    let reason_options = options_of(ReasonCode::ALL, |r| (r.as_str(), r.label()));
    view! {
        <Title text="Reports" />
        <header class="page-header">
            <h1>"Reports"</h1>
            {move || {
                brand_id()
                    .map(|id| {
                        view! {
                            <a class="button" href=format!("/brands/{id}/reports/new")>
                                "New report"
                            </a>
                        }
                    })
            }}
        </header>
        <form class="panel filters" on:submit=apply aria-label="Filter reports">
            <div class="field">
                <label for="filter-status">"Status"</label>
                <select
                    id="filter-status"
                    prop:value=move || editing.with(|f| f.status.clone())
                    on:change=set(|f, v| f.status = v)
                >
                    <option value="">"Any status"</option>
                    {status_options}
                </select>
            </div>
            <div class="field">
                <label for="filter-reason">"Reason"</label>
                <select id="filter-reason" on:change=set(|f, v| f.reason = v)>
                    <option value="">"Any reason"</option>
                    {reason_options}
                </select>
            </div>
            <div class="field">
                <label for="from">"Submitted from"</label>
                <input
                    id="from"
                    type="date"
                    on:input=set(|f, v| f.from = v)
                    aria-describedby="from-error"
                />
                <FieldError id="from" message=message_for(error, "from") />
            </div>
            <div class="field">
                <label for="to">"Submitted to"</label>
                <input
                    id="to"
                    type="date"
                    on:input=set(|f, v| f.to = v)
                    aria-describedby="to-error"
                />
                <FieldError id="to" message=message_for(error, "to") />
            </div>
            <div class="field">
                <label for="filter-sort">"Order"</label>
                <select
                    id="filter-sort"
                    prop:value=move || editing.with(|f| f.sort.clone())
                    on:change=set(|f, v| f.sort = v)
                    aria-describedby="filter-sort-error"
                >
                    {REPORT_SORTS
                        .iter()
                        .map(|(name, label)| {
                            let value = if *name == "newest" { "" } else { *name };
                            view! { <option value=value>{*label}</option> }
                        })
                        .collect_view()}
                </select>
                <FieldError id="filter-sort" message=message_for(error, "sort") />
            </div>
            <div class="field">
                <label for="filter-text">"Listing title contains"</label>
                <input id="filter-text" type="search" on:input=set(|f, v| f.text = v) />
            </div>
            <button type="submit" class="button">
                "Apply filters"
            </button>
        </form>
        <Downloads brand_id applied />
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) => view! { <ReportTable list applied /> }.into_any(),
                    Err(AppError::Validation(_)) => ().into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// Links to the brand's reported listings under the applied filter, and its timeline over
/// the same days, as CSV.
#[component]
fn Downloads(
    brand_id: impl Fn() -> Option<i64> + Send + Sync + Copy + 'static,
    applied: RwSignal<ReportFilter>,
) -> impl IntoView {
    let encode = crate::domain::listing::urlencode;
    let links = move || {
        let id = brand_id()?;
        let filter = applied.get();
        let days = format!("from={}&to={}", encode(&filter.from), encode(&filter.to));
        let reports = format!(
            "/brands/{id}/reports.csv?status={}&reason={}&text={}&{days}",
            encode(&filter.status),
            encode(&filter.reason),
            encode(&filter.text),
        );
        let timeline = format!("/brands/{id}/timeline.csv?{days}");
        Some(view! {
            <p class="downloads">
                "Download as CSV: " <a href=reports download>
                    "these reported listings and their decisions"
                </a> " · " <a href=timeline download>
                    "the timeline of every report and listing"
                </a> " (the dates of the filter apply)"
            </p>
        })
    };
    view! { {links} }
}

#[component]
fn ReportTable(list: ReportList, applied: RwSignal<ReportFilter>) -> impl IntoView {
    let counts = list
        .counts
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(status, n)| {
            let status = *status;
            view! {
                <li>
                    <button
                        type="button"
                        class="count-chip"
                        aria-pressed=move || (applied.get().status == status.as_str()).to_string()
                        on:click=move |_| {
                            applied
                                .update(|f| {
                                    f.status = status.as_str().to_owned();
                                    f.page = 0;
                                })
                        }
                    >
                        {format!("{}: {n}", status.label())}
                    </button>
                </li>
            }
        })
        .collect_view();
    let page = list.page.clone();
    let (current, pages) = (page.page, page.page_count());
    let all: i64 = list.counts.iter().map(|(_, n)| n).sum();
    let in_review = list
        .counts
        .iter()
        .filter(|(status, _)| *status == ItemStatus::Pending)
        .map(|(_, n)| *n)
        .sum::<i64>();
    let withdrawn = list
        .counts
        .iter()
        .filter(|(status, _)| *status == ItemStatus::Withdrawn)
        .map(|(_, n)| *n)
        .sum::<i64>();
    let progress = format!(
        "{} of {} decided, {in_review} in review",
        format_count(all - in_review - withdrawn),
        format_count(all - withdrawn),
    );
    let rows = page
        .rows
        .into_iter()
        .map(|row| {
            // Decided: when. Still in review: the deadline as the manager sees it, marked
            // once the marketplace is late.
            let review = match (row.decided_at, row.remaining_ms) {
                (Some(at), _) => format!("Decided {}", format_time(at)).into_any(),
                (None, Some(left)) if left < 0 => {
                    view! { <span class="pill overdue-mark">{due_text(left)}</span> }.into_any()
                }
                (None, Some(left)) => {
                    view! { <span class="hint">{due_text(left)}</span> }.into_any()
                }
                (None, None) => "—".into_any(),
            };
            view! {
                <tr class:overdue=row.remaining_ms.is_some_and(|left| left < 0)>
                    <td data-label="Report / item">
                        <a href=format!(
                            "/reports/{}#item-{}",
                            row.report_id,
                            row.item_id,
                        )>{format!("{} / {}", row.report_id, row.item_id)}</a>
                    </td>
                    <th scope="row">
                        <a href=format!("/listings/{}", row.listing_id)>{row.listing_title}</a>
                    </th>
                    <td data-label="Seller">{row.seller_name}</td>
                    <td data-label="Reason">{row.reason.label()}</td>
                    <td data-label="Status">
                        <ItemStatusPill status=row.status />
                    </td>
                    <td data-label="Submitted">{format_time(row.submitted_at)}</td>
                    <td data-label="Review">{review}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <ul class="counts" aria-label="Items per status">
            <li>
                <button
                    type="button"
                    class="count-chip"
                    aria-pressed=move || applied.get().status.is_empty().to_string()
                    on:click=move |_| {
                        applied
                            .update(|f| {
                                f.status.clear();
                                f.page = 0;
                            })
                    }
                >
                    {format!("All: {}", list.counts.iter().map(|(_, n)| n).sum::<i64>())}
                </button>
            </li>
            {counts}
        </ul>
        {if page.total == 0 {
            view! { <p class="empty">"No reported listings match."</p> }.into_any()
        } else {
            view! {
                <DataTable
                    caption=format!("{} reported listings — {progress}", format_count(page.total))
                    columns=&[
                        Column::Text("Report / item"),
                        Column::Text("Listing"),
                        Column::Text("Seller"),
                        Column::Text("Reason"),
                        Column::Text("Status"),
                        Column::Text("Submitted"),
                        Column::Text("Review"),
                    ]
                    rows
                    stack=true
                />
                <Pager
                    current
                    pages
                    on_page=Callback::new(move |p| applied.update(|f| f.page = p))
                />
            }
                .into_any()
        }}
    }
}
