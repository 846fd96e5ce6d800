//! The manager's side of authenticity inquiries: search the marketplace with the suspicion
//! rules, ask a brand about a listing, and see how each rule's inquiries were answered.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::joint_force::{
    get_rule_feedback, list_askable_brands, search_listings, send_inquiry,
};
use crate::components::form::{
    FieldError, FormError, TextField, action_error, bump_on_success, message_for,
};
use crate::components::inquiry::ListingCell;
use crate::components::outcome::{ErrorPanel, Loading};
use crate::components::pager::Pager;
use crate::components::table::{Column, DataTable};
use crate::domain::format_price;
use crate::domain::joint_force::DEFAULT_INQUIRY_HOURS;
use crate::error::AppError;
use crate::model::{
    FlaggedListing, InquiryDraft, ListingSearch, Page, RuleFeedback, SEARCH_WINDOW,
};
use crate::wire::load;

/// `/review/listings` — search the marketplace with the suspicion rules of a Joint-Force
/// brand the manager looks after, and ask the brand about a listing.
#[component]
pub fn FindListingsPage() -> impl IntoView {
    let brands = load(|| (), |_| list_askable_brands());
    // The inquiry form starts at the policy's default deadline.
    provide_context(load(|| (), |_| crate::api::policy::policy_summary()));
    let brand = RwSignal::new(0_i64);
    let text = RwSignal::new(String::new());
    let seller = RwSignal::new(String::new());
    let min_price = RwSignal::new(String::new());
    let max_price = RwSignal::new(String::new());
    let flagged_only = RwSignal::new(true);
    let submitted = RwSignal::new(ListingSearch {
        flagged_only: true,
        ..Default::default()
    });
    let sent = RwSignal::new(0_u32);
    // The first brand is searched until the manager picks another.
    let results = load(
        move || (submitted.get(), sent.get()),
        |(search, _)| async move {
            let brands = list_askable_brands().await?;
            let brand_id = if search.brand_id > 0 {
                search.brand_id
            } else {
                brands.first().map_or(0, |(id, _)| *id)
            };
            let name = brands
                .iter()
                .find(|(id, _)| *id == brand_id)
                .map(|(_, name)| name.clone())
                .unwrap_or_default();
            if brand_id == 0 {
                return Ok((0, name, Page::default()));
            }
            let found = search_listings(ListingSearch { brand_id, ..search }).await?;
            Ok::<_, AppError>((brand_id, name, found))
        },
    );
    // Set where the results are awaited (reading the resource here would bypass Suspense).
    let search_error = RwSignal::new(None::<AppError>);
    let error = Signal::from(search_error);
    let asking = RwSignal::new(None::<(i64, String, FlaggedListing)>);
    let feedback = load(move || sent.get(), |_| get_rule_feedback());
    let search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        asking.set(None);
        submitted.set(ListingSearch {
            brand_id: brand.get_untracked(),
            text: text.get_untracked(),
            seller: seller.get_untracked(),
            min_price: min_price.get_untracked(),
            max_price: max_price.get_untracked(),
            flagged_only: flagged_only.get_untracked(),
            page: 0,
        });
    };
    let on_page = Callback::new(move |page: i64| {
        asking.set(None);
        submitted.update(|search| search.page = page);
    });
    view! {
        <Title text="Find listings" />
        <h1>"Find listings to ask about"</h1>
        <p class="lede">
            "Search the marketplace, see which suspicion rules flag each listing for a Joint-Force brand you look after, and ask the brand whether it is genuine."
        </p>
        <form class="panel filters" aria-label="Search listings" on:submit=search>
            <div class="field">
                <label for="find-brand">"Brand asked"</label>
                <select
                    id="find-brand"
                    aria-describedby="find-brand-error"
                    on:change=move |ev| brand.set(event_target_value(&ev).parse().unwrap_or(0))
                >
                    <Transition fallback=|| ()>
                        {move || Suspend::new(async move {
                            brands
                                .await
                                .unwrap_or_default()
                                .into_iter()
                                .map(|(id, name)| {
                                    view! { <option value=id.to_string()>{name}</option> }
                                })
                                .collect_view()
                        })}
                    </Transition>
                </select>
                <FieldError id="find-brand" message=message_for(error, "brand_id") />
            </div>
            <TextField id="find-text" label="Title contains" value=text error field="text" />
            <TextField id="find-seller" label="Seller" value=seller error field="seller" />
            <TextField
                id="find-min"
                label="Lowest price"
                value=min_price
                error
                field="min_price"
                inputmode="decimal"
            />
            <TextField
                id="find-max"
                label="Highest price"
                value=max_price
                error
                field="max_price"
                inputmode="decimal"
            />
            <div class="check">
                <input
                    id="find-flagged"
                    type="checkbox"
                    prop:checked=flagged_only
                    on:change=move |ev| flagged_only.set(event_target_checked(&ev))
                />
                <label for="find-flagged">"Only listings a rule flags"</label>
            </div>
            <div class="actions">
                <button type="submit" class="button">
                    "Search"
                </button>
            </div>
        </form>
        {move || {
            asking
                .get()
                .map(|(brand_id, brand_name, flagged)| {
                    view! { <AskForm brand_id brand_name flagged asking sent /> }
                })
        }}
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                let outcome = results.await;
                search_error.set(outcome.as_ref().err().cloned());
                match outcome {
                    Ok((0, _, _)) => {
                        view! {
                            <p class="empty">
                                "None of your brands is Joint-Force now, so there is nobody to ask."
                            </p>
                        }
                            .into_any()
                    }
                    Ok((brand_id, brand_name, found)) => {
                        view! { <ResultsTable brand_id brand_name found asking on_page /> }
                            .into_any()
                    }
                    Err(AppError::Validation(_)) => {
                        view! { <p class="empty">"Correct the search above."</p> }.into_any()
                    }
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Transition>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                feedback.await.map(|rules| view! { <RuleFeedbackTable rules /> })
            })}
        </Transition>
    }
}

#[component]
fn ResultsTable(
    brand_id: i64,
    brand_name: String,
    found: Page<FlaggedListing>,
    asking: RwSignal<Option<(i64, String, FlaggedListing)>>,
    on_page: Callback<i64>,
) -> impl IntoView {
    if found.rows.is_empty() {
        return view! { <p class="empty">"No listing matches."</p> }.into_any();
    }
    let (current, pages) = (found.page, found.page_count());
    let caption = format!(
        "{} (the newest {SEARCH_WINDOW} matches at most), most suspicious first, with the rules that flag them for {brand_name}",
        crate::domain::listing::counted(found.total, "listing")
    );
    let body = found
        .rows
        .into_iter()
        .map(|row| {
            let listing = &row.listing;
            let rules = if row.rules.is_empty() {
                view! { <span class="hint">"No rule fires"</span> }.into_any()
            } else {
                view! {
                    <ul class="rules">
                        {row
                            .rules
                            .iter()
                            .map(|(rule, facts)| {
                                view! {
                                    <li>
                                        <strong>{rule.label()}</strong>
                                        <span class="hint">{format!(": {facts}")}</span>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            };
            let state = if row.cleared {
                view! { <span class="pill inquiry-genuine">"Cleared as genuine"</span> }.into_any()
            } else if let Some(id) = row.open_inquiry {
                view! { <span class="pill inquiry-open">{format!("Inquiry {id} open")}</span> }
                    .into_any()
            } else {
                let name = brand_name.clone();
                let label = format!("Ask {name} about listing {}", listing.id);
                let flagged = row.clone();
                view! {
                    <button
                        type="button"
                        class="button button-secondary"
                        aria-label=label
                        on:click=move |_| {
                            asking.set(Some((brand_id, name.clone(), flagged.clone())))
                        }
                    >
                        "Ask"
                    </button>
                }
                .into_any()
            };
            view! {
                <tr>
                    <ListingCell listing=listing.clone() />
                    <td data-label="Seller">{listing.seller_name.clone()}</td>
                    <td class="num" data-label="Price">
                        {format_price(listing.price_cents, &listing.currency)}
                    </td>
                    <td data-label="Suspicion rules">{rules}</td>
                    <td data-label="Inquiry">{state}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <DataTable
            caption
            columns=&[
                Column::Text("Listing"),
                Column::Text("Seller"),
                Column::Text("Price"),
                Column::Text("Suspicion rules"),
                Column::Text("Inquiry"),
            ]
            rows=body
            stack=true
        />
        <Pager current pages on_page />
    }
    .into_any()
}

/// The question to one brand about one listing.
#[component]
fn AskForm(
    brand_id: i64,
    brand_name: String,
    flagged: FlaggedListing,
    asking: RwSignal<Option<(i64, String, FlaggedListing)>>,
    sent: RwSignal<u32>,
) -> impl IntoView {
    let listing = flagged.listing.clone();
    let rule = flagged.rules.first().map(|(rule, _)| *rule);
    let question = RwSignal::new(format!(
        "Is listing {} (\"{}\", {} from {}) genuine {} goods?",
        listing.id,
        listing.title,
        format_price(listing.price_cents, &listing.currency),
        listing.seller_name,
        brand_name
    ));
    let policy =
        use_context::<crate::wire::Loaded<Result<crate::model::PolicySummary, AppError>>>();
    let default_hours = policy
        .and_then(|policy| policy.get())
        .and_then(Result::ok)
        .map_or(DEFAULT_INQUIRY_HOURS, |policy| policy.inquiry_hours);
    let hours = RwSignal::new(default_hours.to_string());
    let listing_id = listing.id;
    let action = Action::new(move |(question, hours): &(String, String)| {
        send_inquiry(InquiryDraft {
            brand_id,
            listing_id,
            question: question.clone(),
            // Not a number is caught by the server's range check, next to the field.
            deadline_hours: hours.trim().parse().unwrap_or(0),
            rule,
        })
    });
    let error = action_error(action);
    bump_on_success(action, sent);
    let heading = format!("Ask {brand_name} about listing {listing_id}");
    let label = heading.clone();
    let done = move || {
        action.value().get().and_then(Result::ok).map(|id| {
            view! {
                <p class="form-ok" role="status">
                    {format!("Inquiry {id} sent. The brand sees it in its inbox now.")}
                </p>
            }
        })
    };
    view! {
        <section class="panel" aria-label=label>
            <h2>{heading}</h2>
            <p>
                {rule
                    .map(|rule| format!("Started from the rule “{}”.", rule.label()))
                    .unwrap_or_else(|| {
                        "No rule flags this listing; you are asking on your own judgement.".into()
                    })}
            </p>
            <TextField
                id="ask-question"
                label="Question"
                value=question
                error
                field="question"
                multiline=true
            />
            <TextField
                id="ask-hours"
                label="Hours to answer"
                value=hours
                error
                field="deadline_hours"
                kind="number"
            />
            <FormError error />
            {done}
            <div class="actions">
                <button
                    type="button"
                    class="button"
                    disabled=move || action.pending().get()
                    on:click=move |_| {
                        action.dispatch((question.get(), hours.get()));
                    }
                >
                    "Send inquiry"
                </button>
                <button
                    type="button"
                    class="button button-secondary"
                    on:click=move |_| asking.set(None)
                >
                    "Close"
                </button>
            </div>
        </section>
    }
    .into_any()
}

#[component]
fn RuleFeedbackTable(rules: Vec<RuleFeedback>) -> impl IntoView {
    let rows = rules
        .into_iter()
        .map(|rule| {
            let answered = rule.counterfeit + rule.genuine + rule.unsure;
            let rate = if answered == 0 {
                "—".to_owned()
            } else {
                format!("{:.0} %", rule.counterfeit as f64 * 100.0 / answered as f64)
            };
            view! {
                <tr>
                    <th scope="row">{rule.rule.label()}</th>
                    <td data-label="Asked" class="num">
                        {rule.asked}
                    </td>
                    <td data-label="Counterfeit" class="num">
                        {rule.counterfeit}
                    </td>
                    <td data-label="Genuine" class="num">
                        {rule.genuine}
                    </td>
                    <td data-label="Unsure" class="num">
                        {rule.unsure}
                    </td>
                    <td data-label="Counterfeit rate" class="num">
                        {rate}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="panel">
            <h2>"How the rules have done"</h2>
            <p class="hint">
                "Of the inquiries sent from each rule (all brands), how many brands answered “counterfeit”. Trust the rules with high rates first."
            </p>
            <DataTable
                caption="Answers to inquiries, per suspicion rule"
                columns=&[
                    Column::Text("Rule"),
                    Column::Text("Asked"),
                    Column::Text("Counterfeit"),
                    Column::Text("Genuine"),
                    Column::Text("Unsure"),
                    Column::Text("Counterfeit rate"),
                ]
                rows
                stack=true
            />
        </section>
    }
}
