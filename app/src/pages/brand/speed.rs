//! The brand's own speed over the last 90 days: how long its reports took to be decided, the
//! share decided within the target, its instant takedowns overturned and its inquiries
//! answered — from the same running counts as the managers' analytics.

use leptos::prelude::*;

use crate::api::figures::get_brand_speed;
use crate::components::async_list::AsyncView;
use crate::domain::analytics::BrandRow;
use crate::domain::format_count;
use crate::domain::transparency::{hours, share};
use crate::wire::load;

/// The card on the brand's page.
#[component]
pub fn SpeedCard(brand_id: i64) -> impl IntoView {
    let speed = load(move || brand_id, get_brand_speed);
    view! {
        <section class="panel" aria-labelledby="speed-heading">
            <h2 id="speed-heading">"Time to takedown, last 90 days"</h2>
            <AsyncView data=speed ok=move |row| view! { <Speed row /> } />
        </section>
    }
}

#[component]
fn Speed(row: BrandRow) -> impl IntoView {
    if row.reviewed == 0 && row.instant == 0 && row.inquiries_sent == 0 {
        return view! { <p class="empty">"No report of yours was decided in the last 90 days."</p> }
            .into_any();
    }
    view! {
        <dl class="facts">
            <div>
                <dt>"Reviewed reports"</dt>
                <dd>{format_count(row.reviewed)}</dd>
            </div>
            <div>
                <dt>"Median time to decision"</dt>
                <dd>{hours(row.median_hours)}</dd>
            </div>
            <div>
                <dt>"90 % decided within"</dt>
                <dd>{hours(row.p90_hours)}</dd>
            </div>
            <div>
                <dt>"Decided within the review target"</dt>
                <dd>{share(row.on_time_percent)}</dd>
            </div>
            <div>
                <dt>"Instant takedowns (overturned in audit)"</dt>
                <dd>
                    {format!("{} ({})", format_count(row.instant), share(row.overturned_percent))}
                </dd>
            </div>
            <div>
                <dt>"Inquiries answered in time"</dt>
                <dd>
                    {format!(
                        "{} of {} ({})",
                        format_count(row.inquiries_answered),
                        format_count(row.inquiries_answered + row.inquiries_expired),
                        share(row.answer_percent),
                    )}
                </dd>
            </div>
        </dl>
    }
    .into_any()
}
