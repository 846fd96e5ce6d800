//! The review queue for account managers and admins, and the rights waiting for them.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::review::review_queue;
use crate::api::rights::{decide_right, rights_to_verify};
use crate::components::async_list::{AsyncList, AsyncView};
use crate::components::decision::DecisionControls;
use crate::components::form::{
    FormError, TextField, VisibleBrandOptions, action_error, bump_on_success, options_of,
};
use crate::components::pager::Pager;
use crate::components::pills::TierBadge;
use crate::components::upload::FileLink;
use crate::domain::queue::due_text;
use crate::domain::{ReasonCode, Tier, format_price, format_time};
use crate::model::{IpRightView, Page, QUEUE_COUNT_CAP, QueueFilter, QueueRow};
use crate::wire::load;

/// `/review` — pending items in priority order, with filters and bulk decisions.
#[component]
pub fn QueuePage() -> impl IntoView {
    // `?overdue=1` (the desk's link) opens the queue on the overdue items alone.
    let overdue_only = leptos_router::hooks::use_query_map()
        .read_untracked()
        .get("overdue")
        .is_some_and(|v| v == "1");
    let filter = RwSignal::new(QueueFilter {
        overdue_only,
        ..QueueFilter::default()
    });
    let refreshed = RwSignal::new(0_u32);
    let queue = load(
        move || (filter.get(), refreshed.get()),
        |(filter, _)| review_queue(filter),
    );
    // How many of the items under the other filters are overdue, for the banner above the
    // table: the queue's order puts Joint-Force items first, so overdue Good Faith and
    // Standard items may sit on later pages.
    let overdue = load(
        move || (filter.get(), refreshed.get()),
        |(filter, _)| async move {
            let all_overdue = QueueFilter {
                overdue_only: true,
                page: 0,
                ..filter
            };
            review_queue(all_overdue).await.map(|page| page.total)
        },
    );
    let selected = RwSignal::new(Vec::<i64>::new());
    let tier_options = options_of(Tier::ALL, |t| (t.as_str(), t.label()));
    let reason_options = options_of(ReasonCode::ALL, |r| (r.as_str(), r.label()));
    view! {
        <Title text="Review queue" />
        <h1>"Review queue"</h1>
        <form
            class="panel filters"
            aria-label="Filter the queue"
            on:submit=|ev| ev.prevent_default()
        >
            <div class="field">
                <label for="queue-brand">"Brand"</label>
                <select
                    id="queue-brand"
                    on:change=move |ev| {
                        let id = event_target_value(&ev).parse().unwrap_or(0);
                        filter
                            .update(|f| {
                                f.brand_id = id;
                                f.page = 0;
                            })
                    }
                >
                    <option value="0">"All my brands"</option>
                    <VisibleBrandOptions />
                </select>
            </div>
            <div class="field">
                <label for="queue-reason">"Reason"</label>
                <select
                    id="queue-reason"
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        filter
                            .update(|f| {
                                f.reason = v;
                                f.page = 0;
                            })
                    }
                >
                    <option value="">"Any reason"</option>
                    {reason_options}
                </select>
            </div>
            <div class="field">
                <label for="queue-tier">"Tier"</label>
                <select
                    id="queue-tier"
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        filter
                            .update(|f| {
                                f.tier = v;
                                f.page = 0;
                            })
                    }
                >
                    <option value="">"Any tier"</option>
                    {tier_options}
                </select>
            </div>
            <div class="field">
                <label for="queue-show">"Show"</label>
                <select
                    id="queue-show"
                    prop:value=move || if filter.with(|f| f.overdue_only) { "overdue" } else { "" }
                    on:change=move |ev| {
                        let only = event_target_value(&ev) == "overdue";
                        filter
                            .update(|f| {
                                f.overdue_only = only;
                                f.page = 0;
                            })
                    }
                >
                    <option value="">"Everything waiting"</option>
                    <option value="overdue">"Only items past their deadline"</option>
                </select>
            </div>
        </form>
        <OverdueBanner overdue filter />
        <div class="panel bulk-bar">
            <DecisionControls
                id="bulk".to_owned()
                items=selected
                target=Signal::derive(move || format!("selected ({})", selected.get().len()))
                on_decided=Callback::new(move |_| {
                    selected.set(Vec::new());
                    refreshed.update(|n| *n += 1);
                })
            />
        </div>
        <AsyncView data=queue ok=move |page| view! { <QueueTable page selected filter /> } />
    }
}

/// The queue's order in words, as its caption says it.
const QUEUE_ORDER: &str = "Joint-Force brands' items first, then Good Faith, then Standard; \
     within each tier, the earliest deadline first.";

/// "n items are past their deadline", with the button that shows only those; nothing when
/// none are (or when only those are shown already).
#[component]
fn OverdueBanner(
    overdue: crate::wire::Loaded<Result<i64, crate::error::AppError>>,
    filter: RwSignal<QueueFilter>,
) -> impl IntoView {
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let count = overdue.await.unwrap_or(0);
                (count > 0 && !filter.with_untracked(|f| f.overdue_only))
                    .then(|| {
                        let words = match count {
                            1 => "1 item is past its deadline".to_owned(),
                            n if n > QUEUE_COUNT_CAP => {
                                format!("More than {QUEUE_COUNT_CAP} items are past their deadline")
                            }
                            n => format!("{n} items are past their deadline"),
                        };
                        view! {
                            <div class="banner-urgent" role="note">
                                <strong>{words}</strong>
                                " — the brands were promised a decision by then. "
                                <button
                                    type="button"
                                    class="button button-secondary"
                                    on:click=move |_| {
                                        filter
                                            .update(|f| {
                                                f.overdue_only = true;
                                                f.page = 0;
                                            })
                                    }
                                >
                                    "Show only these"
                                </button>
                            </div>
                        }
                    })
            })}
        </Transition>
    }
}

#[component]
fn QueueTable(
    page: Page<QueueRow>,
    selected: RwSignal<Vec<i64>>,
    filter: RwSignal<QueueFilter>,
) -> impl IntoView {
    if page.total == 0 {
        return view! { <p class="empty">"Nothing is waiting for review."</p> }.into_any();
    }
    let (current, pages) = (page.page, page.page_count());
    let all_ids: Vec<i64> = page.rows.iter().map(|row| row.item_id).collect();
    let rows = page
        .rows
        .into_iter()
        .map(|row| {
            let id = row.item_id;
            let due = due_text(row.remaining_ms);
            view! {
                <tr class:overdue=row.overdue>
                    <td>
                        <input
                            type="checkbox"
                            aria-label=format!("Select item {id} ({})", row.listing.title)
                            prop:checked=move || selected.get().contains(&id)
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                selected
                                    .update(|items| {
                                        items.retain(|i| *i != id);
                                        if on {
                                            items.push(id);
                                        }
                                    })
                            }
                        />
                    </td>
                    <td data-label="Brand">
                        <span class="deadline">{row.brand_name.clone()}</span>
                        <TierBadge tier=row.tier />
                    </td>
                    <th scope="row">
                        <a href=format!(
                            "/listings/{}",
                            row.listing.id,
                        )>{row.listing.title.clone()}</a>
                        <span class="hint">
                            {format!(
                                " {} · {}",
                                format_price(row.listing.price_cents, &row.listing.currency),
                                row.listing.seller_name,
                            )}
                        </span>
                    </th>
                    <td data-label="Reason">{row.reason.label()}</td>
                    <td data-label="Report">
                        <a href=format!(
                            "/reports/{}#item-{id}",
                            row.report_id,
                        )>{format!("Report {}", row.report_id)}</a>
                    </td>
                    <td data-label="Deadline">
                        <span class="deadline">{format_time(row.deadline_at)}</span>
                        <span class=if row.overdue {
                            "pill overdue-mark"
                        } else {
                            "hint"
                        }>{due}</span>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="stack">
                <caption>
                    {if page.total > QUEUE_COUNT_CAP {
                        format!("More than {QUEUE_COUNT_CAP} items waiting. {QUEUE_ORDER}")
                    } else {
                        format!("{} items waiting. {QUEUE_ORDER}", page.total)
                    }}
                </caption>
                <thead>
                    <tr>
                        <th scope="col">
                            <input
                                type="checkbox"
                                aria-label="Select every item on this page"
                                on:change=move |ev| {
                                    if event_target_checked(&ev) {
                                        selected.set(all_ids.clone())
                                    } else {
                                        selected.set(Vec::new())
                                    }
                                }
                            />
                        </th>
                        <th scope="col">"Brand"</th>
                        <th scope="col">"Listing"</th>
                        <th scope="col">"Reason"</th>
                        <th scope="col">"Report"</th>
                        <th scope="col">"Deadline"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <Pager current pages on_page=Callback::new(move |p| filter.update(|f| f.page = p)) />
    }
    .into_any()
}

/// `/review/rights` — rights waiting for verification.
#[component]
pub fn VerifyRightsPage() -> impl IntoView {
    let refreshed = RwSignal::new(0_u32);
    let rights = load(move || refreshed.get(), |_| rights_to_verify());
    view! {
        <Title text="Rights to verify" />
        <h1>"IP rights to verify"</h1>
        <AsyncList
            items=rights
            empty="No rights are waiting for verification."
            item=move |right| view! { <RightToVerify right refreshed /> }
        />
    }
}

#[component]
fn RightToVerify(right: IpRightView, refreshed: RwSignal<u32>) -> impl IntoView {
    let id = right.id;
    let note = RwSignal::new(String::new());
    let action = Action::new(move |verify: &bool| decide_right(id, *verify, note.get_untracked()));
    let error = action_error(action);
    bump_on_success(action, refreshed);
    let note_id = format!("note-{id}");
    view! {
        <li class="card">
            <h2>{right.title()}</h2>
            <p class="eyebrow">
                {format!("{} · registered {}", right.brand_name, format_time(right.created_at))}
            </p>
            <dl class="facts">
                <div>
                    <dt>"Classes"</dt>
                    <dd>
                        {if right.classes.is_empty() {
                            "—".to_owned()
                        } else {
                            right.classes.clone()
                        }}
                    </dd>
                </div>
                <div>
                    <dt>"Expires"</dt>
                    <dd>{right.expires_on.clone().unwrap_or_else(|| "—".into())}</dd>
                </div>
            </dl>
            <p>"Proof: " <FileLink file=right.proof.clone() /></p>
            <TextField
                id=note_id.clone()
                label="Note (required to reject)"
                value=note
                error
                field="note"
            />
            <FormError error />
            <div class="actions">
                <button
                    type="button"
                    class="button"
                    disabled=move || action.pending().get()
                    on:click=move |_| {
                        action.dispatch(true);
                    }
                    aria-label=format!("Verify {}", right.title())
                >
                    "Verify"
                </button>
                <button
                    type="button"
                    class="button button-secondary"
                    disabled=move || action.pending().get()
                    on:click=move |_| {
                        action.dispatch(false);
                    }
                    aria-label=format!("Reject {}", right.title())
                >
                    "Reject"
                </button>
            </div>
        </li>
    }
}
