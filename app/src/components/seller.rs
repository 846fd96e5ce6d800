//! A seller's strikes and suspension: the seller's own panel, and the admin's list of
//! suspended sellers with the form that lifts a suspension.

use leptos::prelude::*;

use crate::api::appeals::{get_seller_standing, lift_seller_suspension, list_suspended_sellers};
use crate::components::async_list::{AsyncList, AsyncView};
use crate::components::form::{FormError, TextField, action_error, bump_on_success};
use crate::components::table::{Column, DataTable};
use crate::domain::format_time;
use crate::error::AppError;
use crate::model::{SellerStanding, SuspendedSeller};
use crate::wire::{Loaded, load};

/// The seller's strikes and, if suspended, why and until when.
#[component]
pub fn SellerStandingPanel() -> impl IntoView {
    let standing = load(|| (), |_| get_seller_standing());
    view! {
        <AsyncView
            data=standing
            ok=|standing| view! { <StandingView standing /> }
            suspense=true
            quiet=true
        />
    }
}

#[component]
fn StandingView(standing: SellerStanding) -> impl IntoView {
    let suspension = standing.suspended_until.map(|until| {
        view! {
            <div class="panel warning" role="alert">
                <h2>"Your account is suspended"</h2>
                <p>
                    {format!(
                        "Until {}: {}. Your live listings are hidden from the marketplace meanwhile.",
                        format_time(until),
                        standing.suspension_reason,
                    )}
                </p>
            </div>
        }
    });
    let count = standing
        .strikes
        .iter()
        .filter(|strike| strike.confirmed)
        .count();
    let waiting = standing.strikes.len() - count;
    let rows = standing
        .strikes
        .into_iter()
        .map(|strike| {
            view! {
                <tr>
                    <th scope="row">
                        <a href=format!(
                            "/listings/{}",
                            strike.listing_id,
                        )>{format!("{} (#{})", strike.title, strike.listing_id)}</a>
                    </th>
                    <td>{format_time(strike.struck_at)}</td>
                    <td>
                        {if strike.confirmed {
                            format_time(strike.counts_until)
                        } else {
                            "Not yet: waits for marketplace staff to confirm it".to_owned()
                        }}
                    </td>
                </tr>
            }
        })
        .collect_view();
    let table = (count + waiting > 0).then(|| {
        view! {
            <DataTable
                caption="Your strikes, newest first"
                columns=&[
                    Column::Text("Listing"),
                    Column::Text("Removed"),
                    Column::Text("Counts until"),
                ]
                rows
            />
        }
    });
    view! {
        {suspension}
        <section class="panel" aria-labelledby="strikes-heading">
            <h2 id="strikes-heading">{format!("Strikes: {count} of {}", standing.limit)}</h2>
            <p class="hint">
                {format!(
                    "Each removal that stands is a strike for {} days; {} strikes suspend your account. A removal restored after your counter-notice takes its strike away. A brand's instant takedown counts only once marketplace staff confirm it.",
                    standing.window_days,
                    standing.limit,
                )}
            </p>
            {table}
        </section>
    }
}

/// The sellers suspended now, loaded by the admin's page.
#[derive(Clone, Copy)]
pub struct SuspendedSellersData {
    /// The suspended sellers.
    list: Loaded<Result<Vec<SuspendedSeller>, AppError>>,
    /// Bumped when a suspension is lifted, so the list reloads.
    lifted: RwSignal<u32>,
}

impl SuspendedSellersData {
    /// Made at the top of the page, never inside its `Suspend` (see
    /// [`ReportAppealsData::new`](crate::components::appeal::ReportAppealsData::new)), and
    /// asked only once `allowed` resolves true, so a reader refused the page meets one refusal,
    /// not two.
    pub fn new<F: Future<Output = bool> + Send + 'static>(
        allowed: impl Fn() -> F + Copy + Send + Sync + 'static,
    ) -> Self {
        let lifted = RwSignal::new(0_u32);
        let list = load(
            move || lifted.get(),
            move |_| async move {
                if allowed().await {
                    list_suspended_sellers().await
                } else {
                    Ok(Vec::new())
                }
            },
        );
        Self { list, lifted }
    }
}

/// The admin's list of suspended sellers, each with a form to lift the suspension.
#[component]
pub fn SuspendedSellers(
    /// The suspended sellers.
    sellers: SuspendedSellersData,
) -> impl IntoView {
    let SuspendedSellersData {
        list: sellers,
        lifted,
    } = sellers;
    view! {
        <section aria-labelledby="suspended-heading">
            <h2 id="suspended-heading">"Suspended sellers"</h2>
            <AsyncList
                items=sellers
                empty="No seller is suspended."
                item=move |seller| view! { <SuspendedCard seller lifted /> }
            />
        </section>
    }
}

#[component]
fn SuspendedCard(seller: SuspendedSeller, lifted: RwSignal<u32>) -> impl IntoView {
    let id = seller.seller_id;
    let reason = RwSignal::new(String::new());
    let action = Action::new(move |reason: &String| lift_seller_suspension(id, reason.clone()));
    let error = action_error(action);
    bump_on_success(action, lifted);
    let by = if seller.by_rule {
        "the strikes rule"
    } else {
        "an admin"
    };
    view! {
        <li class="card" aria-label=format!("Suspended seller {}", seller.name)>
            <h3>{seller.name.clone()}</h3>
            <p>
                {format!(
                    "Suspended by {by} until {}: {}",
                    format_time(seller.until),
                    seller.reason,
                )}
            </p>
            <TextField
                id=format!("lift-{id}-reason")
                label="Reason for lifting the suspension"
                value=reason
                error
                field="reason"
            />
            <FormError error />
            <div class="actions">
                <button
                    type="button"
                    class="button button-secondary"
                    disabled=move || action.pending().get()
                    on:click=move |_| {
                        action.dispatch(reason.get());
                    }
                    aria-label=format!("Lift the suspension of {}", seller.name)
                >
                    "Lift suspension"
                </button>
            </div>
        </li>
    }
}
