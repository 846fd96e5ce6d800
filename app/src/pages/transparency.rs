//! `/transparency` — the platform's public transparency report (DSA Arts. 15 and 24): notices,
//! decisions, how fast they were made, instant takedowns and their audits, counter-notices
//! and suspensions, for a chosen period. No sign-in; readable without JavaScript (the period
//! is a plain GET form, the chart is SVG drawn on the server).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::figures::transparency_figures;
use crate::components::async_list::AsyncView;
use crate::components::bars::{Group, GroupedBars};
use crate::components::period::PeriodForm;
use crate::components::table::{Column, DataTable};
use crate::domain::format_count;
use crate::domain::transparency::{Figures, hours, share};
use crate::error::AppError;
use crate::wire::load;

/// `/transparency?from=…&to=…` (the last 90 days unless asked).
#[component]
pub fn TransparencyPage() -> impl IntoView {
    let query = use_query_map();
    let asked = move || {
        let query = query.get();
        (
            query.get("from").unwrap_or_default(),
            query.get("to").unwrap_or_default(),
        )
    };
    let figures = load(asked, |(from, to)| transparency_figures(from, to));
    let refused = RwSignal::new(None::<AppError>);
    Effect::new(move |_| refused.set(figures.get().and_then(Result::err)));
    view! {
        <Title text="Transparency report" />
        <h1>"Transparency report"</h1>
        <p class="lead">
            "How this marketplace handles notices of intellectual-property infringement: what was reported, what was decided and how fast, what the brands with instant takedown did, and what sellers contested. Every removal also has a statement of reasons on its listing's page, sent to the EU Transparency Database."
        </p>
        <AsyncView data=figures ok=move |figures| view! { <Report figures /> } quiet=true />
        // A refused period keeps the form, with the message by its field.
        {move || {
            refused
                .get()
                .map(|error| {
                    let (from, to) = asked();
                    view! {
                        <PeriodForm
                            action="/transparency"
                            id_prefix="period"
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
fn Report(figures: Figures) -> impl IntoView {
    let period = format!("from={}&to={}", figures.from, figures.to);
    let notices = figures
        .notices
        .iter()
        .map(|row| {
            view! {
                <tr>
                    <th scope="row">{row.source.label()}</th>
                    <td>{row.reason.label()}</td>
                    <td class="num">{format_count(row.notices)}</td>
                </tr>
            }
        })
        .collect_view();
    let rejected = figures
        .rejected
        .iter()
        .map(|(code, n)| {
            view! {
                <tr>
                    <th scope="row">{code.label()}</th>
                    <td class="num">{format_count(*n)}</td>
                </tr>
            }
        })
        .collect_view();
    let speed = figures
        .speed
        .iter()
        .map(|row| {
            view! {
                <tr>
                    <th scope="row">{row.tier.label()}</th>
                    <td class="num">{format_count(row.reviewed)}</td>
                    <td class="num">{hours(row.median_hours)}</td>
                    <td class="num">{hours(row.p90_hours)}</td>
                    <td class="num">{share(row.on_time_percent)}</td>
                </tr>
            }
        })
        .collect_view();
    let groups: Vec<Group> = figures
        .weeks
        .iter()
        .map(|week| Group {
            label: week.starts.clone(),
            values: vec![week.notices, week.removed, week.rejected],
        })
        .collect();
    view! {
        <PeriodForm
            action="/transparency"
            id_prefix="period"
            from=figures.from.clone()
            to=figures.to.clone()
            error=None
        />
        <p>
            "Figures for " <strong>{figures.from.clone()}</strong> " to "
            <strong>{figures.to.clone()}</strong> " (UTC days, both included). Download them as "
            <a href=format!("/transparency.csv?{period}") download>
                "CSV"
            </a> " or " <a href=format!("/transparency.json?{period}") download>
                "JSON"
            </a> "."
        </p>
        <dl class="figures" aria-label="The period in figures">
            <div>
                <dt>"Notices received"</dt>
                <dd>{format_count(figures.notices_total)}</dd>
            </div>
            <div>
                <dt>"Items decided"</dt>
                <dd>{format_count(figures.decided)}</dd>
            </div>
            <div>
                <dt>"Removed"</dt>
                <dd>{format_count(figures.removed)}</dd>
            </div>
            <div>
                <dt>"Rejected"</dt>
                <dd>{format_count(figures.rejected_total)}</dd>
            </div>
            <div>
                <dt>"Instant takedowns"</dt>
                <dd>{format_count(figures.instant_takedowns)}</dd>
            </div>
            <div>
                <dt>"Overturned in audit"</dt>
                <dd>
                    {format_count(figures.overturned)} " (" {share(figures.overturned_percent)} ")"
                </dd>
            </div>
        </dl>
        <GroupedBars
            caption="Notices received and items decided, by week".into()
            series=vec![
                ("Notices", "chart-bar-notices"),
                ("Removed", "chart-bar-removed"),
                ("Rejected", "chart-bar-rejected"),
            ]
            groups
        />
        <section aria-labelledby="speed-heading">
            <h2 id="speed-heading">"Time from notice to decision"</h2>
            <p class="hint">
                "Reports reviewed by the platform's account managers, by the tier the brand had when it filed (instant takedowns are decided at once and counted below). Times are read from hourly buckets."
            </p>
            <DataTable
                caption="Time from notice to decision, by tier"
                columns=&[
                    Column::Text("Tier"),
                    Column::Num("Reviewed"),
                    Column::Num("Median"),
                    Column::Num("90th percentile"),
                    Column::Num("Within target"),
                ]
                rows=speed
            />
        </section>
        <section aria-labelledby="notices-heading">
            <h2 id="notices-heading">"Notices by source and reason"</h2>
            {if figures.notices.is_empty() {
                view! { <p class="empty">"No notices in this period."</p> }.into_any()
            } else {
                view! {
                    <DataTable
                        caption="Notices received, by source and reason"
                        columns=&[
                            Column::Text("Source"),
                            Column::Text("Reason"),
                            Column::Num("Notices"),
                        ]
                        rows=notices
                    />
                }
                    .into_any()
            }}
        </section>
        <section aria-labelledby="rejected-heading">
            <h2 id="rejected-heading">"Why notices were rejected"</h2>
            {if figures.rejected.is_empty() {
                view! { <p class="empty">"No notice was rejected in this period."</p> }.into_any()
            } else {
                view! {
                    <DataTable
                        caption="Rejected items, by reason"
                        columns=&[Column::Text("Reason"), Column::Num("Items")]
                        rows=rejected
                    />
                }
                    .into_any()
            }}
        </section>
        <section aria-labelledby="appeals-heading">
            <h2 id="appeals-heading">"Counter-notices and suspensions"</h2>
            <dl class="figures" aria-label="Counter-notices and suspensions">
                <div>
                    <dt>"Counter-notices filed"</dt>
                    <dd>{format_count(figures.counter_notices_filed)}</dd>
                </div>
                <div>
                    <dt>"Listings restored"</dt>
                    <dd>{format_count(figures.counter_notices_restored)}</dd>
                </div>
                <div>
                    <dt>"Removals upheld"</dt>
                    <dd>{format_count(figures.counter_notices_upheld)}</dd>
                </div>
                <div>
                    <dt>"Median time to decide"</dt>
                    <dd>{hours(figures.counter_notice_median_hours)}</dd>
                </div>
                <div>
                    <dt>"Sellers suspended"</dt>
                    <dd>{format_count(figures.sellers_suspended)}</dd>
                </div>
                <div>
                    <dt>"Brands suspended for misuse"</dt>
                    <dd>{format_count(figures.brands_suspended)}</dd>
                </div>
            </dl>
            <p class="hint">
                "Brands whose notices were repeatedly unfounded have their reporting suspended for a time (DSA Art. 23); sellers who repeatedly infringe are suspended under the repeat-infringer rule."
            </p>
        </section>
    }
}
