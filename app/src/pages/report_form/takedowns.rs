//! The brand's recent instant takedowns, on the takedown page.

use leptos::prelude::*;

use crate::api::reports::retract_takedown;
use crate::components::form::{FormError, action_error, bump_on_success};
use crate::components::outcome::Loading;
use crate::domain::format_time;
use crate::error::AppError;
use crate::model::TakedownView;
use crate::wire::Loaded;

/// The brand's instant takedowns of the last 7 days, each with a button to retract it.
#[component]
pub(super) fn RecentTakedowns(
    recent: Loaded<Result<Vec<TakedownView>, AppError>>,
    retracted: RwSignal<u32>,
) -> impl IntoView {
    let retract = Action::new(|item: &i64| retract_takedown(*item));
    let error = action_error(retract);
    bump_on_success(retract, retracted);
    view! {
        <section class="panel" aria-labelledby="recent-heading">
            <h2 id="recent-heading">"Your takedowns, last 7 days"</h2>
            <FormError error />
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    let rows = recent.await.unwrap_or_default();
                    if rows.is_empty() {
                        return view! {
                            <p class="empty">"No instant takedowns in the last 7 days."</p>
                        }
                            .into_any();
                    }
                    view! {
                        <ul class="takedowns">
                            {rows
                                .into_iter()
                                .map(|row| {
                                    let item = row.item_id;
                                    view! {
                                        <li>
                                            <a href=format!(
                                                "/listings/{}",
                                                row.listing_id,
                                            )>{row.title.clone()}</a>
                                            <span class="hint">
                                                {format!(
                                                    " #{} · removed {}",
                                                    row.listing_id,
                                                    format_time(row.taken_down_at),
                                                )}
                                            </span>
                                            {if row.retracted {
                                                view! { <span class="pill">" Retracted"</span> }.into_any()
                                            } else {
                                                view! {
                                                    <button
                                                        type="button"
                                                        class="link-button"
                                                        aria-label=format!(
                                                            "Retract takedown of listing {} ({})",
                                                            row.listing_id,
                                                            row.title,
                                                        )
                                                        on:click=move |_| {
                                                            retract.dispatch(item);
                                                        }
                                                    >
                                                        " Retract"
                                                    </button>
                                                }
                                                    .into_any()
                                            }}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                })}
            </Transition>
        </section>
    }
}
