//! The seller's side of a removal on every page it touches: the seller's statement of
//! reasons and counter-notice form, the brand's response on its report, the account
//! manager's appeals queue, the seller's strikes, the admin's suspended sellers, and the
//! public marketplace page.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::appeals::{
    MARKET_PAGE_SIZE, appeals_queue, decide_counter_notice, file_counter_notice,
    get_seller_standing, lift_seller_suspension, list_report_appeals, list_suspended_sellers,
    market_listings, respond_to_counter_notice,
};
use crate::components::appeal::{AppealFacts, file_list};
use crate::components::form::{FieldError, FormError, TextField, message_for};
use crate::components::outcome::{ErrorPanel, Loading};
use crate::components::pills::ListingStatusPill;
use crate::components::upload::FileUpload;
use crate::domain::appeal::{
    AppealDecision, AppealStatus, COUNTER_DECLARATION, CounterGround, CounterNoticeDraft,
    ResponseKind,
};
use crate::domain::{format_price, format_time};
use crate::error::AppError;
use crate::model::{
    AppealView, FileRef, RemovalCase, ReportDetail, SellerStanding, SuspendedSeller,
};
use crate::wire::{Loaded, load};

// ---------------------------------------------------------------------------------------------
// The seller's statement of reasons and counter-notice

/// The statement of reasons addressed to the listing's seller, with the facts relied on and
/// the counter-notice form or the appeal's progress (`can_file`: the reader is the seller);
/// for the people handling the case, the appeal's progress alone.
#[component]
pub fn SellerCase(
    /// The removed listing.
    listing_id: i64,
    /// The removal case, loaded by the listing page (`None`: nothing to show this reader).
    case: Loaded<Result<Option<RemovalCase>, AppError>>,
    /// Whether the reader is the listing's seller (who may appeal).
    can_file: bool,
    /// Bumped when a counter-notice is filed, so the case and the page's other parts (the
    /// audit trail) reload.
    filed: RwSignal<u32>,
) -> impl IntoView {
    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match case.await {
                    Ok(Some(case)) => {
                        view! { <CaseView case listing_id can_file filed /> }.into_any()
                    }
                    Ok(None) => ().into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn CaseView(
    case: RemovalCase,
    listing_id: i64,
    can_file: bool,
    filed: RwSignal<u32>,
) -> impl IntoView {
    let s = case.statement.clone();
    let window_open = case.appeal_open;
    let appeal_part = match (case.appeal.clone(), can_file) {
        (Some(appeal), _) => view! {
            <section class="panel" aria-labelledby="appeal-heading">
                <h2 id="appeal-heading">
                    {if can_file { "Your counter-notice" } else { "The seller's counter-notice" }}
                </h2>
                <AppealFacts appeal show_contact=true />
            </section>
        }
        .into_any(),
        (None, true) if window_open => view! { <CounterNoticeForm listing_id closes_at=case.appeal_closes_at filed /> }
        .into_any(),
        (None, true) => view! {
            <section class="panel" aria-labelledby="appeal-heading">
                <h2 id="appeal-heading">"Counter-notice"</h2>
                <p role="note">
                    {format!(
                        "The window for a counter-notice closed on {}. You can still go to an out-of-court dispute settlement body or to court.",
                        format_time(case.appeal_closes_at),
                    )}
                </p>
            </section>
        }
        .into_any(),
        (None, false) => view! {
            <p class="hint">
                {format!(
                    "The seller has not filed a counter-notice; the window closes {}.",
                    format_time(case.appeal_closes_at),
                )}
            </p>
        }
        .into_any(),
    };
    // The people handling the case read the public statement beside this; the seller reads
    // the statement addressed to them.
    let statement = can_file.then(|| view! {
        <section class="panel statement" aria-labelledby="case-heading">
            <h2 id="case-heading">"Why your listing was removed"</h2>
            <dl class="facts">
                <div>
                    <dt>"What was restricted, and how"</dt>
                    <dd>"The whole listing was removed from the marketplace"</dd>
                </div>
                <div>
                    <dt>"When"</dt>
                    <dd>{format_time(s.removed_at)}</dd>
                </div>
                <div>
                    <dt>"Territorial scope"</dt>
                    <dd>
                        {format!(
                            "Every country the marketplace serves; the right relied on is registered as {}",
                            s.right_reference,
                        )}
                    </dd>
                </div>
                <div>
                    <dt>"On whose notice"</dt>
                    <dd>
                        {format!(
                            "A notice from the rights holder {} (report {})",
                            s.brand_name,
                            s.report_id,
                        )}
                    </dd>
                </div>
                <div>
                    <dt>"Ground"</dt>
                    <dd>
                        {format!(
                            "Infringement of intellectual property: a {} ({}), reported as {}",
                            s.right_kind.label().to_lowercase(),
                            s.right_reference,
                            s.reason.label().to_lowercase(),
                        )}
                    </dd>
                </div>
                <div>
                    <dt>"Automated"</dt>
                    <dd>
                        {if s.automated {
                            "The notice was detected by the rights holder and decided on the rights holder's assertion without platform review"
                        } else {
                            "No automated means: a marketplace account manager reviewed the notice"
                        }}
                    </dd>
                </div>
                <div>
                    <dt>"Item status"</dt>
                    <dd>{case.item_status.label()}</dd>
                </div>
            </dl>
            <h3>"Facts relied on"</h3>
            <p class="quote">{format!("“{}”", case.facts)}</p>
            <h3>"How to seek redress"</h3>
            <p>
                {format!(
                    "File a counter-notice below until {}. The rights holder may respond, and a marketplace account manager — a person, not an automated system — decides whether the listing is restored. You can also go to a certified out-of-court dispute settlement body or to court.",
                    format_time(case.appeal_closes_at),
                )}
            </p>
        </section>
    });
    view! {
        {statement}
        {appeal_part}
    }
}

#[component]
fn CounterNoticeForm(listing_id: i64, closes_at: i64, filed: RwSignal<u32>) -> impl IntoView {
    let ground = RwSignal::new(String::new());
    let statement = RwSignal::new(String::new());
    let contact_name = RwSignal::new(String::new());
    let contact_email = RwSignal::new(String::new());
    let contact_address = RwSignal::new(String::new());
    let declared = RwSignal::new(false);
    let signature = RwSignal::new(String::new());
    let files = RwSignal::new(Vec::<FileRef>::new());
    let action = Action::new(|draft: &CounterNoticeDraft| file_counter_notice(draft.clone()));
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    Effect::new(move |_| {
        if let Some(Ok(_)) = action.value().get() {
            filed.update(|n| *n += 1);
        }
    });
    let send = move |_| {
        action.dispatch(CounterNoticeDraft {
            listing_id,
            ground: ground.get(),
            statement: statement.get(),
            contact_name: contact_name.get(),
            contact_email: contact_email.get(),
            contact_address: contact_address.get(),
            file_ids: files.get().iter().map(|file| file.id).collect(),
            declared: declared.get(),
            signature: signature.get(),
        });
    };
    let options = CounterGround::ALL
        .into_iter()
        .map(|ground| view! { <option value=ground.as_str()>{ground.label()}</option> })
        .collect_view();
    let on_uploaded = Callback::new(move |file: FileRef| files.update(|files| files.push(file)));
    view! {
        <section class="panel" aria-labelledby="counter-heading">
            <h2 id="counter-heading">"File a counter-notice"</h2>
            <p class="hint">
                {format!(
                    "Open until {}. One counter-notice per removal. The rights holder receives it with your contact details.",
                    format_time(closes_at),
                )}
            </p>
            <FieldError id="counter-listing" message=message_for(error, "listing") />
            <div class="field">
                <label for="counter-ground">"Why the removal is wrong"</label>
                <select
                    id="counter-ground"
                    prop:value=ground
                    on:change=move |ev| ground.set(event_target_value(&ev))
                    aria-describedby="counter-ground-error"
                >
                    <option value="">"Choose a ground"</option>
                    {options}
                </select>
                <FieldError id="counter-ground" message=message_for(error, "ground") />
            </div>
            <TextField
                id="counter-statement"
                label="Your statement"
                value=statement
                error
                field="statement"
                multiline=true
            />
            <TextField
                id="counter-name"
                label="Contact name"
                value=contact_name
                error
                field="contact_name"
            />
            <TextField
                id="counter-email"
                label="Contact e-mail"
                value=contact_email
                error
                field="contact_email"
                kind="email"
            />
            <TextField
                id="counter-address"
                label="Postal address for service"
                value=contact_address
                error
                field="contact_address"
            />
            <FileUpload
                id="counter-file"
                label="Evidence (optional), e.g. a supplier invoice or licence"
                purpose="evidence"
                listing=listing_id
                server_error=message_for(error, "files")
                on_uploaded
            />
            {move || file_list(files.get(), "Attached evidence")}
            <div class="check">
                <input
                    id="counter-declared"
                    type="checkbox"
                    prop:checked=declared
                    on:change=move |ev| declared.set(event_target_checked(&ev))
                    aria-describedby="counter-declared-error"
                />
                <label for="counter-declared">{COUNTER_DECLARATION}</label>
            </div>
            <FieldError id="counter-declared" message=message_for(error, "declared") />
            <TextField
                id="counter-signature"
                label="Signature — type your full name"
                value=signature
                error
                field="signature"
            />
            <FormError error />
            <div class="actions">
                <button
                    type="button"
                    class="button"
                    disabled=move || action.pending().get()
                    on:click=send
                >
                    "File counter-notice"
                </button>
            </div>
        </section>
    }
}

// ---------------------------------------------------------------------------------------------
// The brand's side

/// A report's counter-notices, loaded by the report's page.
#[derive(Clone, Copy)]
pub struct ReportAppealsData {
    /// The counter-notices on the report's items.
    list: Loaded<Result<Vec<AppealView>, AppError>>,
    /// Bumped when the brand responds, so the list reloads.
    responded: RwSignal<u32>,
}

impl ReportAppealsData {
    /// Made at the top of the report's page, never inside its `Suspend`: the server renders a
    /// `Suspend` again when its resources resolve at different moments, and a resource made
    /// in there would be made again outside the request, where its server function no longer
    /// finds the session (the page then never hydrates). Asked only once the report itself
    /// loaded, so a reader refused the report meets one refusal, not two.
    pub fn new(
        report_id: impl Fn() -> Option<i64> + Copy + Send + Sync + 'static,
        report: Loaded<Result<ReportDetail, AppError>>,
    ) -> Self {
        let responded = RwSignal::new(0_u32);
        let list = load(
            move || (report_id(), responded.get()),
            move |(id, _)| async move {
                match (id, report.await) {
                    (Some(id), Ok(_)) => list_report_appeals(id).await,
                    _ => Ok(Vec::new()),
                }
            },
        );
        Self { list, responded }
    }
}

/// The counter-notices on a report's items, with the response form for the brand's staff.
#[component]
pub fn ReportAppeals(
    /// The report's counter-notices.
    appeals: ReportAppealsData,
    /// Whether the reader is the brand's staff (who may respond).
    is_staff: bool,
) -> impl IntoView {
    let ReportAppealsData {
        list: appeals,
        responded,
    } = appeals;
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match appeals.await {
                    Ok(appeals) if appeals.is_empty() => ().into_any(),
                    Ok(appeals) => {
                        view! {
                            <section aria-labelledby="appeals-heading">
                                <h2 id="appeals-heading">
                                    {format!("Counter-notices ({})", appeals.len())}
                                </h2>
                                <ul class="cards">
                                    {appeals
                                        .into_iter()
                                        .map(|appeal| {
                                            let answerable = is_staff
                                                && appeal.status == AppealStatus::Open
                                                && appeal.response.is_none() && !appeal.no_response;
                                            let id = appeal.id;
                                            view! {
                                                <li
                                                    class="card"
                                                    id=format!("appeal-{id}")
                                                    aria-label=format!("Counter-notice {id}")
                                                >
                                                    <h3>{format!("Counter-notice {id}")}</h3>
                                                    <AppealFacts appeal show_contact=true />
                                                    {answerable
                                                        .then(|| view! { <ResponseForm id responded /> })}
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            </section>
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn ResponseForm(id: i64, responded: RwSignal<u32>) -> impl IntoView {
    let kind = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let files = RwSignal::new(Vec::<FileRef>::new());
    let action = Action::new(move |(kind, text, files): &(String, String, Vec<i64>)| {
        respond_to_counter_notice(id, kind.clone(), text.clone(), files.clone())
    });
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    Effect::new(move |_| {
        if let Some(Ok(())) = action.value().get() {
            responded.update(|n| *n += 1);
        }
    });
    let kind_id = format!("response-{id}-kind");
    let options = ResponseKind::ALL
        .into_iter()
        .map(|kind| view! { <option value=kind.as_str()>{kind.label()}</option> })
        .collect_view();
    let on_uploaded = Callback::new(move |file: FileRef| files.update(|files| files.push(file)));
    view! {
        <fieldset class="declaration">
            <legend>"Your response"</legend>
            <div class="field">
                <label for=kind_id.clone()>"Response"</label>
                <select
                    id=kind_id.clone()
                    prop:value=kind
                    on:change=move |ev| kind.set(event_target_value(&ev))
                    aria-describedby=format!("{kind_id}-error")
                >
                    <option value="">"Choose a response"</option>
                    {options}
                </select>
                <FieldError id=kind_id message=message_for(error, "kind") />
            </div>
            <TextField
                id=format!("response-{id}-text")
                label="Statement for the account manager"
                value=text
                error
                field="text"
                multiline=true
            />
            <FileUpload
                id="response-file"
                label="Further evidence (optional)"
                purpose="evidence"
                server_error=message_for(error, "files")
                on_uploaded
            />
            {move || file_list(files.get(), "Attached evidence")}
        </fieldset>
        <FieldError id=format!("response-{id}") message=message_for(error, "appeal") />
        <FormError error />
        <div class="actions">
            <button
                type="button"
                class="button"
                disabled=move || action.pending().get()
                on:click=move |_| {
                    action
                        .dispatch((
                            kind.get(),
                            text.get(),
                            files.get().iter().map(|file| file.id).collect(),
                        ));
                }
                aria-label=format!("Send the response to counter-notice {id}")
            >
                "Send response"
            </button>
        </div>
    }
}

// ---------------------------------------------------------------------------------------------
// The account manager's appeals queue

/// `/review/appeals` — open counter-notices of the manager's brands (admins: all), those
/// without a response from the rights holder first, each with the decision.
#[component]
pub fn AppealsPage() -> impl IntoView {
    let decided = RwSignal::new(0_u32);
    let notice = RwSignal::new(None::<String>);
    let appeals = load(move || decided.get(), |_| appeals_queue());
    let on_decided = Callback::new(move |message: String| {
        notice.set(Some(message));
        decided.update(|n| *n += 1);
    });
    view! {
        <Title text="Appeals" />
        <h1>"Appeals"</h1>
        <p class="lede">
            "Sellers' counter-notices against removals. Restoring a listing counts against the brand's accuracy; upholding tells the seller why. A person decides every appeal."
        </p>
        <p class="form-ok" role="status">
            {move || notice.get()}
        </p>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match appeals.await {
                    Ok(appeals) if appeals.is_empty() => {
                        view! {
                            <p class="empty">"No counter-notice is waiting for a decision."</p>
                        }
                            .into_any()
                    }
                    Ok(appeals) => {
                        view! {
                            <ul class="cards">
                                {appeals
                                    .into_iter()
                                    .map(|appeal| view! { <AppealCard appeal on_decided /> })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn AppealCard(appeal: AppealView, on_decided: Callback<String>) -> impl IntoView {
    let id = appeal.id;
    let note = RwSignal::new(String::new());
    let explanation = RwSignal::new(String::new());
    let action =
        Action::new(move |decision: &AppealDecision| decide_counter_notice(id, decision.clone()));
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    Effect::new(move |_| {
        if let Some(Ok(message)) = action.value().get() {
            on_decided.run(message);
        }
    });
    let flag = appeal
        .no_response
        .then(|| view! { <span class="pill appeal-flag">"No response from rights holder"</span> });
    let heading = format!(
        "Counter-notice {id} · {} · listing {}",
        appeal.brand_name, appeal.listing.id
    );
    view! {
        <li class="card" aria-label=format!("Counter-notice {id}")>
            <h3>{heading} " " {flag}</h3>
            <AppealFacts appeal show_contact=true />
            <div class="decision" role="group" aria-label=format!("Decide counter-notice {id}")>
                <div class="reject">
                    <TextField
                        id=format!("appeal-{id}-note")
                        label="Note on the restoration (optional)"
                        value=note
                        error
                        field="note"
                    />
                    <button
                        type="button"
                        class="button"
                        disabled=move || action.pending().get()
                        on:click=move |_| {
                            action
                                .dispatch(AppealDecision::Restore {
                                    note: note.get(),
                                });
                        }
                        aria-label=format!("Restore the listing of counter-notice {id}")
                    >
                        "Restore listing"
                    </button>
                </div>
                <div class="reject">
                    <TextField
                        id=format!("appeal-{id}-explanation")
                        label="Why the removal stands (the seller reads this)"
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
                                .dispatch(AppealDecision::Uphold {
                                    explanation: explanation.get(),
                                });
                        }
                        aria-label=format!("Uphold the removal of counter-notice {id}")
                    >
                        "Uphold removal"
                    </button>
                </div>
            </div>
            <FormError error />
        </li>
    }
}

// ---------------------------------------------------------------------------------------------
// Strikes and suspensions

/// The seller's strikes and, if suspended, why and until when.
#[component]
pub fn SellerStandingPanel() -> impl IntoView {
    let standing = load(|| (), |_| get_seller_standing());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match standing.await {
                    Ok(standing) => view! { <StandingView standing /> }.into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
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
    let count = standing.strikes.len();
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
                    <td>{format_time(strike.counts_until)}</td>
                </tr>
            }
        })
        .collect_view();
    let table = (count > 0).then(|| {
        view! {
            <div class="table-wrap">
                <table>
                    <caption>"Removals that count as strikes"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Listing"</th>
                            <th scope="col">"Removed"</th>
                            <th scope="col">"Counts until"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
    });
    view! {
        {suspension}
        <section class="panel" aria-labelledby="strikes-heading">
            <h2 id="strikes-heading">{format!("Strikes: {count} of {}", standing.limit)}</h2>
            <p class="hint">
                {format!(
                    "Each removal that stands is a strike for {} days; {} strikes suspend your account. A removal restored after your counter-notice takes its strike away.",
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
    /// Made at the top of the page, never inside its `Suspend` (see [`ReportAppealsData::new`]),
    /// and asked only once `allowed` resolves true, so a reader refused the page meets one
    /// refusal, not two.
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
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match sellers.await {
                        Ok(sellers) if sellers.is_empty() => {
                            view! { <p class="empty">"No seller is suspended."</p> }.into_any()
                        }
                        Ok(sellers) => {
                            view! {
                                <ul class="cards">
                                    {sellers
                                        .into_iter()
                                        .map(|seller| view! { <SuspendedCard seller lifted /> })
                                        .collect_view()}
                                </ul>
                            }
                                .into_any()
                        }
                        Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn SuspendedCard(seller: SuspendedSeller, lifted: RwSignal<u32>) -> impl IntoView {
    let id = seller.seller_id;
    let reason = RwSignal::new(String::new());
    let action = Action::new(move |reason: &String| lift_seller_suspension(id, reason.clone()));
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    Effect::new(move |_| {
        if let Some(Ok(())) = action.value().get() {
            lifted.update(|n| *n += 1);
        }
    });
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

// ---------------------------------------------------------------------------------------------
// The public marketplace page

/// `/market?q=…&page=N` — listings on sale, newest first; suspended sellers' listings and
/// removed ones are not shown.
#[component]
pub fn MarketPage() -> impl IntoView {
    let query = use_query_map();
    let search = move || query.read().get("q").unwrap_or_default();
    let page = move || {
        query
            .read()
            .get("page")
            .and_then(|page| page.parse::<i64>().ok())
            .map_or(0, |page| (page - 1).max(0))
    };
    let listings = load(
        move || (search(), page()),
        |(search, page)| market_listings(search, page),
    );
    view! {
        <Title text="Marketplace" />
        <h1>"Marketplace"</h1>
        <form class="search" method="get" action="/market" role="search">
            <div class="field">
                <label for="market-q">"Search titles"</label>
                <input id="market-q" name="q" type="search" prop:value=search />
            </div>
            <button type="submit" class="button button-secondary">
                "Search"
            </button>
        </form>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match listings.await {
                    Ok(rows) => {
                        let number = page() + 1;
                        let more = rows.len() as i64 > MARKET_PAGE_SIZE;
                        let q = search();
                        let link = move |n: i64| format!("/market?q={}&page={n}", urlencode(&q));
                        let body = if rows.is_empty() {
                            view! { <p class="empty">"No listing on sale matches."</p> }.into_any()
                        } else {
                            view! {
                                <div class="table-wrap">
                                    <table>
                                        <caption>
                                            {format!("Listings on sale · page {number}")}
                                        </caption>
                                        <thead>
                                            <tr>
                                                <th scope="col" class="num">
                                                    "Listing"
                                                </th>
                                                <th scope="col">"Title"</th>
                                                <th scope="col">"Seller"</th>
                                                <th scope="col" class="num">
                                                    "Price"
                                                </th>
                                                <th scope="col">"Status"</th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {rows
                                                .into_iter()
                                                .take(MARKET_PAGE_SIZE as usize)
                                                .map(|listing| {
                                                    view! {
                                                        <tr>
                                                            <td class="num">{listing.id}</td>
                                                            <th scope="row">
                                                                <a href=format!(
                                                                    "/listings/{}",
                                                                    listing.id,
                                                                )>{listing.title}</a>
                                                            </th>
                                                            <td>{listing.seller_name}</td>
                                                            <td class="num">
                                                                {format_price(listing.price_cents, &listing.currency)}
                                                            </td>
                                                            <td>
                                                                <ListingStatusPill status=listing.status />
                                                            </td>
                                                        </tr>
                                                    }
                                                })
                                                .collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                            }
                                .into_any()
                        };
                        view! {
                            {body}
                            <nav class="pager" aria-label="Pages">
                                {(number > 1)
                                    .then(|| {
                                        view! { <a href=link(number - 1)>"Previous page"</a> }
                                    })}
                                {more.then(|| view! { <a href=link(number + 1)>"Next page"</a> })}
                            </nav>
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Percent-encodes a search for a query string.
fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (byte as char).to_string()
            }
            _ => format!("%{byte:02X}"),
        })
        .collect()
}
