//! The account manager's home: what waits for them (brands at their takedown cap, strikes
//! to confirm, audit samples, inquiries and their answers, overdue review items) above the
//! brands they look after.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::joint_force::{confirm_seller_strikes, decide_audit, get_manager_desk};
use crate::api::trust::list_my_standings;
use crate::components::async_list::AsyncView;
use crate::components::attention::{Need, NeedsYou, Tone};
use crate::components::deferred::Deferred;
use crate::components::form::{
    FormError, SelectField, TextField, action_error, on_success, options_of,
};
use crate::components::inquiry::{InquiryOutcome, ListingCell, rule_label};
use crate::components::standings::StandingsTable;
use crate::components::table::{Column, DataTable};
use crate::domain::joint_force::InquiryStatus;
use crate::domain::queue::due_text;
use crate::domain::{RejectionCode, format_count, format_price, format_time};
use crate::model::{
    AuditSample, AuditVerdict, CapAlert, InquiryView, ManagerDesk, QUEUE_COUNT_CAP, QueueRow,
    StrikesToConfirm,
};
use crate::wire::load;

/// `/manager` — the signed-in account manager's desk and brands.
#[component]
pub fn ManagerHome() -> impl IntoView {
    let refreshed = RwSignal::new(0_u32);
    let desk = load(move || refreshed.get(), |_| get_manager_desk());
    let brands = load(move || refreshed.get(), |_| list_my_standings());
    // A decided sample leaves the queue, so its outcome is told above the desk.
    let notice = RwSignal::new(None::<String>);
    let on_decided = Callback::new(move |message: String| {
        notice.set(Some(message));
        refreshed.update(|n| *n += 1);
    });
    view! {
        <Title text="My desk" />
        <h1>"My desk"</h1>
        <p class="lede">
            <a href="/review/listings">"Find listings to ask a brand about"</a>
            " · "
            <a href="/review">"Open the review queue"</a>
        </p>
        <p class="form-ok" role="status">
            {move || notice.get()}
        </p>
        <AsyncView
            data=desk
            ok=move |desk| {
                let needs = desk_needs(&desk);
                view! {
                    <NeedsYou
                        heading_id="needs-heading"
                        title="Needs you"
                        needs
                        all_clear="Nothing waits for you: no overdue review items, strikes or audits."
                            .to_owned()
                    />
                    // The lists of links hydrate in tasks of their own, after the forms
                    // (see `Deferred`).
                    <Deferred>
                        <Overdue rows=desk.overdue total=desk.overdue_total />
                    </Deferred>
                    <CapAlerts alerts=desk.cap_alerts />
                    <StrikesWaiting rows=desk.strikes_to_confirm on_decided />
                    <AuditQueue samples=desk.audits on_decided />
                    <Deferred>
                        <SentInquiries inquiries=desk.inquiries />
                    </Deferred>
                }
            }
        />
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                brands
                    .await
                    .map(|standings| {
                        view! {
                            <Deferred>
                                <section aria-labelledby="brands-heading">
                                    <h2 id="brands-heading">"My brands"</h2>
                                    <StandingsTable standings caption="Brands assigned to you" />
                                </section>
                            </Deferred>
                        }
                    })
            })}
        </Transition>
    }
}

/// The desk's totals, most pressing first, each linking to its section or the queue.
fn desk_needs(desk: &ManagerDesk) -> Vec<Need> {
    let plural = |n: usize, one: &str, many: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    };
    let mut needs = Vec::new();
    if desk.overdue_total > 0 {
        let count = if desk.overdue_total > QUEUE_COUNT_CAP {
            format!("More than {QUEUE_COUNT_CAP} review items are")
        } else if desk.overdue_total == 1 {
            "1 review item is".to_owned()
        } else {
            format!("{} review items are", desk.overdue_total)
        };
        needs.push(Need::new(
            Tone::Urgent,
            format!("{count} past the deadline the brands were promised."),
            "/review?overdue=1".to_owned(),
            "Review the overdue ones",
        ));
    }
    if !desk.cap_alerts.is_empty() {
        needs.push(Need::new(
            Tone::Urgent,
            format!(
                "{} reached the instant-takedown cap in the last day.",
                plural(desk.cap_alerts.len(), "brand", "brands")
            ),
            "#caps-heading".to_owned(),
            "See which",
        ));
    }
    if !desk.strikes_to_confirm.is_empty() {
        needs.push(Need::new(
            Tone::Waiting,
            format!(
                "{} with strikes from instant takedowns waiting for your confirmation.",
                plural(desk.strikes_to_confirm.len(), "seller", "sellers")
            ),
            "#strikes-heading".to_owned(),
            "Confirm or leave",
        ));
    }
    if !desk.audits.is_empty() {
        needs.push(Need::new(
            Tone::Waiting,
            format!(
                "{} sampled for your audit.",
                plural(desk.audits.len(), "instant takedown", "instant takedowns")
            ),
            "#audit-heading".to_owned(),
            "Audit",
        ));
    }
    let open = desk
        .inquiries
        .iter()
        .filter(|inquiry| inquiry.status == InquiryStatus::Open)
        .count();
    if open > 0 {
        needs.push(Need::new(
            Tone::Info,
            format!(
                "{} waiting for the brand's answer.",
                plural(open, "inquiry you sent is", "inquiries you sent are")
            ),
            "#inquiries-heading".to_owned(),
            "See them",
        ));
    }
    needs
}

#[component]
fn AuditQueue(samples: Vec<AuditSample>, on_decided: Callback<String>) -> impl IntoView {
    let count = samples.len();
    let body = if samples.is_empty() {
        view! { <p class="empty">"No instant takedown is waiting for your audit."</p> }.into_any()
    } else {
        view! {
            <ul class="cards">
                {samples
                    .into_iter()
                    .map(|sample| view! { <AuditCard sample on_decided /> })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section aria-labelledby="audit-heading">
            <h2 id="audit-heading">{format!("Instant takedowns to audit ({count})")}</h2>
            <p class="hint">
                "A sample of Joint-Force takedowns, decided on the brand's word alone. Overturning one restores the listing and counts against the brand's accuracy at once."
            </p>
            {body}
        </section>
    }
}

#[component]
fn AuditCard(sample: AuditSample, on_decided: Callback<String>) -> impl IntoView {
    let item = sample.item_id;
    let code = RwSignal::new(RejectionCode::NotInfringing.as_str().to_owned());
    let explanation = RwSignal::new(String::new());
    let action = Action::new(move |verdict: &AuditVerdict| decide_audit(item, verdict.clone()));
    let error = action_error(action);
    on_success(action, move |message| on_decided.run(message));
    let code_id = format!("audit-{item}-code");
    let options = options_of(RejectionCode::ALL, |code| (code.as_str(), code.label()));
    let listing = sample.listing;
    let heading = format!("{} · item {item}", sample.brand_name);
    view! {
        <li class="card" aria-label=format!("Audit of item {item}")>
            <h3>{heading}</h3>
            <dl class="facts">
                <div>
                    <dt>"Listing"</dt>
                    <dd>
                        <a href=format!("/listings/{}", listing.id)>{listing.title.clone()}</a>
                        <span class="hint">
                            {format!(
                                " {} · {}",
                                format_price(listing.price_cents, &listing.currency),
                                listing.seller_name,
                            )}
                        </span>
                    </dd>
                </div>
                <div>
                    <dt>"Taken down"</dt>
                    <dd>
                        {format!(
                            "{} by {}",
                            format_time(sample.taken_down_at),
                            sample.submitted_by,
                        )}
                    </dd>
                </div>
                <div>
                    <dt>"Reason"</dt>
                    <dd>{sample.reason.label()}</dd>
                </div>
                <div>
                    <dt>"Report"</dt>
                    <dd>
                        <a href=format!(
                            "/reports/{}#item-{item}",
                            sample.report_id,
                        )>{format!("Report {}", sample.report_id)}</a>
                    </dd>
                </div>
            </dl>
            <p class="quote">{format!("“{}”", sample.explanation)}</p>
            <div class="decision" role="group" aria-label=format!("Audit item {item}")>
                <button
                    type="button"
                    class="button"
                    disabled=move || action.pending().get()
                    on:click=move |_| {
                        action.dispatch(AuditVerdict::Confirm);
                    }
                    aria-label=format!("Confirm the takedown of item {item}")
                >
                    "Confirm"
                </button>
                <div class="reject">
                    <SelectField
                        id=code_id.clone()
                        label="Why it was wrong"
                        value=code
                        options=options
                    />
                    <TextField
                        id=format!("audit-{item}-explanation")
                        label="Explanation for the brand"
                        value=explanation
                        error
                        field="explanation"
                    />
                    <button
                        type="button"
                        class="button button-danger"
                        disabled=move || action.pending().get()
                        on:click=move |_| {
                            action
                                .dispatch(AuditVerdict::Overturn {
                                    code: RejectionCode::parse(&code.get())
                                        .unwrap_or(RejectionCode::Other),
                                    explanation: explanation.get(),
                                });
                        }
                        aria-label=format!("Overturn the takedown of item {item}")
                    >
                        "Overturn and restore"
                    </button>
                </div>
            </div>
            <FormError error />
        </li>
    }
    .into_any()
}

#[component]
fn SentInquiries(inquiries: Vec<InquiryView>) -> impl IntoView {
    let body = if inquiries.is_empty() {
        view! {
            <p class="empty">
                "You have not asked any brand about a listing yet. "
                <a href="/review/listings">"Find listings"</a>
            </p>
        }
        .into_any()
    } else {
        let rows = inquiries
            .into_iter()
            .map(|inquiry| {
                let listing = inquiry.listing.clone();
                view! {
                    <tr>
                        <ListingCell listing />
                        <td data-label="Brand">{inquiry.brand_name.clone()}</td>
                        <td data-label="Rule">{rule_label(inquiry.rule)}</td>
                        <td data-label="Answer by">{format_time(inquiry.deadline_at)}</td>
                        <td data-label="Answer">
                            <InquiryOutcome inquiry />
                        </td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <DataTable
                caption="Open ones first, then the answers, newest first"
                columns=&[
                    Column::Text("Listing"),
                    Column::Text("Brand"),
                    Column::Text("Rule"),
                    Column::Text("Answer by"),
                    Column::Text("Answer"),
                ]
                rows
                stack=true
            />
        }
        .into_any()
    };
    view! {
        <section aria-labelledby="inquiries-heading">
            <h2 id="inquiries-heading">"Inquiries and answers"</h2>
            {body}
        </section>
    }
}

#[component]
fn Overdue(rows: Vec<QueueRow>, total: i64) -> impl IntoView {
    let heading = if total > QUEUE_COUNT_CAP {
        format!("Overdue review items (more than {QUEUE_COUNT_CAP})")
    } else {
        format!("Overdue review items ({total})")
    };
    let body = if rows.is_empty() {
        view! { <p class="empty">"Nothing is overdue."</p> }.into_any()
    } else {
        let rows = rows
            .into_iter()
            .map(|row| {
                view! {
                    <tr>
                        <th scope="row">
                            <a href=format!(
                                "/reports/{}#item-{}",
                                row.report_id,
                                row.item_id,
                            )>{row.listing.title.clone()}</a>
                        </th>
                        <td>{row.brand_name.clone()}</td>
                        <td>{row.reason.label()}</td>
                        <td>
                            <span class="pill overdue-mark">{due_text(row.remaining_ms)}</span>
                        </td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <DataTable
                caption="Joint-Force brands' items first, then by deadline; the queue shows them all"
                columns=&[
                    Column::Text("Listing"),
                    Column::Text("Brand"),
                    Column::Text("Reason"),
                    Column::Text("Deadline"),
                ]
                rows
                stack=true
            />
        }
        .into_any()
    };
    view! {
        <section aria-labelledby="overdue-heading">
            <h2 id="overdue-heading">{heading}</h2>
            {body}
        </section>
    }
}

/// Brands that reached their instant-takedown cap in the last day: shown only when there are
/// any, as a warning, since a brand at its cap is either very busy or running a script.
#[component]
fn CapAlerts(alerts: Vec<CapAlert>) -> impl IntoView {
    (!alerts.is_empty())
        .then(|| {
            let items = alerts
                .into_iter()
                .map(|alert| {
                    view! {
                        <li>
                            <strong>{alert.brand.clone()}</strong>
                            {format!(
                                " reached a cap at {}: {} of {} this hour, {} of {} today. Takedowns past the cap were refused.",
                                format_time(alert.alerted_at),
                                format_count(alert.this_hour.0),
                                format_count(alert.this_hour.1),
                                format_count(alert.today.0),
                                format_count(alert.today.1),
                            )}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="panel warning" aria-labelledby="caps-heading">
                    <h2 id="caps-heading">"Brands at their takedown cap"</h2>
                    <p class="hint">
                        "Instant takedowns are capped per brand per hour and per day. Check that these brands' takedowns are genuine; overturn any that are not in their audit."
                    </p>
                    <ul>{items}</ul>
                </section>
            }
        })
}

/// Strikes from instant takedowns that wait for the manager: they count towards the
/// seller's suspension only once a person confirms them.
#[component]
fn StrikesWaiting(rows: Vec<StrikesToConfirm>, on_decided: Callback<String>) -> impl IntoView {
    (!rows.is_empty())
        .then(|| {
            let count = rows.len();
            let rows = rows
                .into_iter()
                .map(|row| view! { <StrikesRow row on_decided /> })
                .collect_view();
            view! {
                <section aria-labelledby="strikes-heading">
                    <h2 id="strikes-heading">{format!("Strikes to confirm ({count})")}</h2>
                    <p class="hint">
                        "A strike from an instant takedown rests on the brand's word alone, so it does not count towards suspending the seller until a person confirms it. Confirm them here; confirming one of the brand's takedowns of the seller in audit, or upholding a removal after a counter-notice, confirms them too."
                    </p>
                    <DataTable
                        caption="Sellers closest to suspension first"
                        columns=&[
                            Column::Text("Seller"),
                            Column::Text("Brand"),
                            Column::Num("Waiting"),
                            Column::Text("Counted now"),
                            Column::Text("Decision"),
                        ]
                        rows
                        stack=true
                    />
                </section>
            }
        })
}

#[component]
fn StrikesRow(row: StrikesToConfirm, on_decided: Callback<String>) -> impl IntoView {
    let (brand_id, seller_id) = (row.brand_id, row.seller_id);
    let action = Action::new(move |_: &()| confirm_seller_strikes(brand_id, seller_id));
    let error = action_error(action);
    on_success(action, move |message| on_decided.run(message));
    let suspends = row.counted + row.waiting >= row.limit;
    let counted = if suspends {
        format!(
            "{} of {} — confirming suspends the seller",
            row.counted, row.limit
        )
    } else {
        format!("{} of {}", row.counted, row.limit)
    };
    let label = format!("Confirm {}'s strikes on {}", row.brand, row.seller);
    view! {
        <tr>
            <th scope="row">{row.seller.clone()}</th>
            <td data-label="Brand">{row.brand.clone()}</td>
            <td class="num" data-label="Waiting">
                {row.waiting}
            </td>
            <td data-label="Counted now">{counted}</td>
            <td>
                <button
                    type="button"
                    class="button"
                    disabled=move || action.pending().get()
                    on:click=move |_| {
                        action.dispatch(());
                    }
                    aria-label=label
                >
                    "Confirm"
                </button>
                <FormError error />
            </td>
        </tr>
    }
}
