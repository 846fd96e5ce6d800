//! One report: its declaration, evidence and every item with its timeline. Brand staff
//! withdraw pending items and resubmit rejected ones; reviewers decide items here.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::Auth;
use crate::api::reports::{get_report, withdraw_items};
use crate::components::appeal::{ReportAppeals, ReportAppealsData};
use crate::components::decision::{DecisionControls, OutcomeNote};
use crate::components::form::{FormError, action_error, id_param};
use crate::components::outcome::{ErrorPanel, Loading};
use crate::components::pills::{ItemStatusPill, ListingStatusPill};
use crate::components::timeline::Timeline;
use crate::components::upload::FileLink;
use crate::domain::queue::due_text;
use crate::domain::{ItemStatus, Role, format_price, format_time};
use crate::error::AppError;
use crate::model::{ItemDetail, ReportDetail};
use crate::wire::load;

/// `/reports/:id` — for the brand's staff, its manager and admins.
#[component]
pub fn ReportDetailPage() -> impl IntoView {
    let report_id = id_param("id");
    let changed = RwSignal::new(0_u32);
    let report = load(
        move || (report_id(), changed.get()),
        |(id, _)| async move {
            match id {
                Some(id) => get_report(id).await,
                None => Err(AppError::NotFound(
                    "There is no report with that number.".into(),
                )),
            }
        },
    );
    let appeals = ReportAppealsData::new(report_id, report);
    let auth = expect_context::<Auth>();
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let user = auth.user.await.ok().flatten();
                match report.await {
                    Ok(report) => {
                        let is_staff = user
                            .as_ref()
                            .is_some_and(|u| {
                                u.role == Role::BrandStaff && u.brand_id == Some(report.brand_id)
                            });
                        let is_reviewer = user
                            .as_ref()
                            .is_some_and(|u| matches!(u.role, Role::AccountManager | Role::Admin));
                        view! { <ReportView report is_staff is_reviewer changed appeals /> }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ReportView(
    report: ReportDetail,
    is_staff: bool,
    is_reviewer: bool,
    changed: RwSignal<u32>,
    appeals: ReportAppealsData,
) -> impl IntoView {
    let report_id = report.id;
    let brand_id = report.brand_id;
    let selected = RwSignal::new(Vec::<i64>::new());
    let withdraw = Action::new(move |items: &Vec<i64>| withdraw_items(report_id, items.clone()));
    let withdraw_error = action_error(withdraw);
    Effect::new(move |_| {
        if let Some(Ok(_)) = withdraw.value().get() {
            selected.set(Vec::new());
            changed.update(|n| *n += 1);
        }
    });
    let pending = report
        .items
        .iter()
        .filter(|item| item.status == ItemStatus::Pending)
        .count();
    let withdrawn = report
        .items
        .iter()
        .filter(|item| item.status == ItemStatus::Withdrawn)
        .count();
    let listed = report.items.len() - withdrawn;
    let progress = format!(
        "Listings: {} of {listed} decided, {pending} in review",
        listed - pending
    );
    let read_at = report.read_at;
    let evidence = if report.evidence.is_empty() {
        view! { <p class="empty">"No evidence files."</p> }.into_any()
    } else {
        view! {
            <ul>
                {report
                    .evidence
                    .iter()
                    .cloned()
                    .map(|file| {
                        view! {
                            <li>
                                <FileLink file />
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    let items = report
        .items
        .into_iter()
        .map(|item| {
            view! { <ItemCard item read_at brand_id is_staff is_reviewer selected changed /> }
        })
        .collect_view();
    view! {
        <Title text=format!("Report {}", report.id) />
        <header class="page-header">
            <h1>{format!("Report {}", report.id)}</h1>
            <span class="eyebrow">
                {format!("{} · {}", report.brand_name, report.reason.label())}
            </span>
        </header>
        <section class="panel" aria-labelledby="notice-heading">
            <h2 id="notice-heading">"The notice"</h2>
            <dl class="facts">
                <div>
                    <dt>"Submitted"</dt>
                    <dd>{format_time(report.submitted_at)}</dd>
                </div>
                <div>
                    <dt>"By"</dt>
                    <dd>{report.submitted_by.clone()}</dd>
                </div>
                <div>
                    <dt>"IP right"</dt>
                    <dd>{report.right_title.clone()}</dd>
                </div>
                <div>
                    <dt>"Test-buy order"</dt>
                    <dd>
                        {if report.test_buy_order.is_empty() {
                            "—".to_owned()
                        } else {
                            report.test_buy_order.clone()
                        }}
                    </dd>
                </div>
                {report
                    .resubmits_item_id
                    .map(|item| {
                        view! {
                            <div>
                                <dt>"Resubmits"</dt>
                                <dd>{format!("Rejected item {item}")}</dd>
                            </div>
                        }
                    })}
            </dl>
            <h3>"Explanation"</h3>
            <p class="prose">{report.explanation.clone()}</p>
            <h3>"Evidence"</h3>
            {evidence}
            <h3>"Declaration"</h3>
            <blockquote class="declaration-text">
                <p>{report.declaration.clone()}</p>
                <footer>{format!("Signed “{}”", report.signature)}</footer>
            </blockquote>
        </section>
        <section aria-labelledby="items-heading">
            <h2 id="items-heading">{progress}</h2>
            {(is_staff && pending > 0)
                .then(|| {
                    view! {
                        <div class="bulk-bar">
                            <button
                                type="button"
                                class="button button-secondary"
                                disabled=move || {
                                    selected.get().is_empty() || withdraw.pending().get()
                                }
                                on:click=move |_| {
                                    withdraw.dispatch(selected.get());
                                }
                            >
                                {move || format!("Withdraw selected ({})", selected.get().len())}
                            </button>
                            <FormError error=withdraw_error />
                            {move || {
                                withdraw
                                    .value()
                                    .get()
                                    .and_then(Result::ok)
                                    .map(|outcome| view! { <OutcomeNote outcome /> })
                            }}
                        </div>
                    }
                })}
            <ol class="items">{items}</ol>
        </section>
        <ReportAppeals appeals is_staff />
    }
    .into_any()
}

#[component]
fn ItemCard(
    item: ItemDetail,
    read_at: i64,
    brand_id: i64,
    is_staff: bool,
    is_reviewer: bool,
    selected: RwSignal<Vec<i64>>,
    changed: RwSignal<u32>,
) -> impl IntoView {
    let id = item.id;
    let pending = item.status == ItemStatus::Pending;
    let late = pending && item.deadline_at < read_at;
    let listing = item.listing.clone();
    let decision = match (item.status, item.rejection_code) {
        (ItemStatus::Rejected, Some(code)) => Some(format!(
            "Rejected — {}: {}",
            code.label(),
            item.decision_note
        )),
        (ItemStatus::Removed, _) => Some("Notice upheld: the listing was removed.".to_owned()),
        (ItemStatus::Withdrawn, _) => Some("Withdrawn by the brand.".to_owned()),
        _ => None,
    };
    let decided = item.decided_at.map(|at| {
        format!(
            "{} by {}",
            format_time(at),
            item.decided_by
                .clone()
                .unwrap_or_else(|| "the platform".into())
        )
    });
    view! {
        <li class="panel item" id=format!("item-{id}")>
            <div class="item-head">
                {(is_staff && pending)
                    .then(|| {
                        view! {
                            <input
                                type="checkbox"
                                id=format!("select-{id}")
                                aria-label=format!("Select item {id} ({})", listing.title)
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
                        }
                    })}
                <h3>
                    {format!("Item {id}: ")}
                    <a href=format!("/listings/{}", listing.id)>{listing.title.clone()}</a>
                </h3> <ItemStatusPill status=item.status />
            </div>
            <p class="hint">
                <span>
                    {format!(
                        "Listing {} · {} · seller {} · entered as “{}” · listing is ",
                        listing.id,
                        format_price(listing.price_cents, &listing.currency),
                        listing.seller_name,
                        item.line_text,
                    )}
                </span>
                <ListingStatusPill status=listing.status />
            </p>
            {(!item.note.is_empty()).then(|| view! { <p>{format!("Note: {}", item.note)}</p> })}
            {decision.map(|text| view! { <p class="decision-text">{text}</p> })}
            {decided.map(|text| view! { <p class="hint">{format!("Decided {text}")}</p> })}
            {pending
                .then(|| {
                    view! {
                        <p class=if late {
                            "pill overdue-mark"
                        } else {
                            "hint"
                        }>
                            {format!(
                                "{} (review due by {})",
                                due_text(item.deadline_at - read_at),
                                format_time(item.deadline_at),
                            )}
                        </p>
                    }
                })}
            {(is_staff && item.status == ItemStatus::Rejected)
                .then(|| {
                    view! {
                        <p>
                            <a href=format!(
                                "/brands/{brand_id}/reports/new?resubmit={id}",
                            )>"Fix and resubmit"</a>
                        </p>
                    }
                })}
            {(is_reviewer && pending)
                .then(|| {
                    view! {
                        <DecisionControls
                            id=format!("item-{id}")
                            items=vec![id]
                            target="this listing".to_owned()
                            on_decided=Callback::new(move |_| changed.update(|n| *n += 1))
                        />
                    }
                })}
            <Timeline entries=item.timeline />
        </li>
    }
    .into_any()
}
