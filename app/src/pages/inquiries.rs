//! Authenticity inquiries: the manager's listing search with the suspicion rules and the
//! question form, the brand's inbox with its answers, and the brand's lists the rules use.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::Auth;
use crate::api::joint_force::{
    answer_inquiry, edit_lists, get_rule_feedback, get_suspicion_lists, list_askable_brands,
    list_inquiries, search_listings, send_inquiry,
};
use crate::components::form::{FieldError, FormError, TextField, id_param, message_for};
use crate::components::outcome::{ErrorPanel, Loading};
use crate::domain::joint_force::{Answer, DEFAULT_INQUIRY_HOURS, InquiryStatus, SuspicionRule};
use crate::domain::report::DECLARATION;
use crate::domain::{format_price, format_time};
use crate::error::AppError;
use crate::model::{
    FlaggedListing, InquiryAnswer, InquiryDraft, InquiryView, ListEdit, ListingSearch, RuleFeedback,
};
use crate::wire::load;

/// An inquiry's status as a pill.
#[component]
pub fn InquiryStatusPill(
    /// The status to show.
    status: InquiryStatus,
) -> impl IntoView {
    let class = format!("pill inquiry-{}", status.as_str());
    view! { <span class=class>{status.label()}</span> }
}

/// What the brand said, and the report item a "counterfeit" answer created.
#[component]
pub fn InquiryOutcome(
    /// The inquiry.
    inquiry: InquiryView,
) -> impl IntoView {
    let answered = inquiry
        .answered
        .map(|(who, at)| format!("{who}, {}", format_time(at)));
    view! {
        <InquiryStatusPill status=inquiry.status />
        {answered.map(|text| view! { <span class="hint">{format!(" {text}")}</span> })}
        {(!inquiry.comment.is_empty())
            .then(|| view! { <p class="quote">{format!("“{}”", inquiry.comment)}</p> })}
        {inquiry
            .report_item
            .map(|(report, item)| {
                view! {
                    <p>
                        <a href=format!(
                            "/reports/{report}#item-{item}",
                        )>{format!("Report {report}, item {item}")}</a>
                    </p>
                }
            })}
    }
}

// ---------------------------------------------------------------------------------------------
// The manager's side: find a listing, ask a brand.

/// `/review/listings` — search the marketplace with the suspicion rules of a Joint-Force
/// brand the manager looks after, and ask the brand about a listing.
#[component]
pub fn FindListingsPage() -> impl IntoView {
    let brands = load(|| (), |_| list_askable_brands());
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
                return Ok((0, name, Vec::new()));
            }
            let rows = search_listings(ListingSearch { brand_id, ..search }).await?;
            Ok::<_, AppError>((brand_id, name, rows))
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
        });
    };
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
                    Ok((brand_id, brand_name, rows)) => {
                        view! { <ResultsTable brand_id brand_name rows asking /> }.into_any()
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
    rows: Vec<FlaggedListing>,
    asking: RwSignal<Option<(i64, String, FlaggedListing)>>,
) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="empty">"No listing matches."</p> }.into_any();
    }
    let caption = format!(
        "{} listing(s), newest first, with the rules that flag them for {brand_name}",
        rows.len()
    );
    let body = rows
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
                    <td>{listing.seller_name.clone()}</td>
                    <td class="num">{format_price(listing.price_cents, &listing.currency)}</td>
                    <td>{rules}</td>
                    <td>{state}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table>
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Listing"</th>
                        <th scope="col">"Seller"</th>
                        <th scope="col">"Price"</th>
                        <th scope="col">"Suspicion rules"</th>
                        <th scope="col">"Inquiry"</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
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
    let hours = RwSignal::new(DEFAULT_INQUIRY_HOURS.to_string());
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
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    Effect::new(move |_| {
        if let Some(Ok(_)) = action.value().get() {
            sent.update(|n| *n += 1);
        }
    });
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
                    <td class="num">{rule.asked}</td>
                    <td class="num">{rule.counterfeit}</td>
                    <td class="num">{rule.genuine}</td>
                    <td class="num">{rule.unsure}</td>
                    <td class="num">{rate}</td>
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
            <div class="table-wrap">
                <table>
                    <caption>"Answers to inquiries, per suspicion rule"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Rule"</th>
                            <th scope="col">"Asked"</th>
                            <th scope="col">"Counterfeit"</th>
                            <th scope="col">"Genuine"</th>
                            <th scope="col">"Unsure"</th>
                            <th scope="col">"Counterfeit rate"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

// ---------------------------------------------------------------------------------------------
// The brand's side: the inbox and the answers.

/// Whether the signed-in person is staff of this brand (who alone may answer and edit).
fn own_staff(user: Option<&crate::model::CurrentUser>, brand_id: i64) -> bool {
    user.is_some_and(|user| {
        user.role == crate::domain::Role::BrandStaff && user.brand_id == Some(brand_id)
    })
}

/// `/brands/:id/inquiries` — the marketplace's questions to the brand, open ones first.
#[component]
pub fn InquiryInbox() -> impl IntoView {
    let brand_id = id_param("id");
    let auth = expect_context::<Auth>();
    let refreshed = RwSignal::new(0_u32);
    let inquiries = load(
        move || (brand_id(), refreshed.get()),
        |(id, _)| list_inquiries(id.unwrap_or_default()),
    );
    let rights = load(brand_id, |id| {
        crate::api::rights::list_rights(id.unwrap_or_default())
    });
    // An answered inquiry leaves the open list, so its outcome is told above it.
    let notice = RwSignal::new(None::<String>);
    let answered = Callback::new(move |message: String| {
        notice.set(Some(message));
        refreshed.update(|n| *n += 1);
        // The navigation's count of open inquiries changes with every answer.
        auth.user.refetch();
    });
    view! {
        <Title text="Inquiries" />
        <h1>"Authenticity inquiries"</h1>
        <p class="lede">
            "The marketplace asks whether listings are genuine. “Counterfeit” removes the listing at once on your word; “genuine” clears it so you are not asked again; “unsure” sends it back to your account manager."
        </p>
        <p class="form-ok" role="status">
            {move || notice.get()}
        </p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let user = auth.user.await.ok().flatten();
                let brand = brand_id().unwrap_or_default();
                let may_answer = own_staff(user.as_ref(), brand);
                let rights: Vec<(i64, String)> = rights
                    .await
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|right| right.usable)
                    .map(|right| (right.id, right.title()))
                    .collect();
                match inquiries.await {
                    Ok(list) => {
                        let (open, earlier): (Vec<_>, Vec<_>) = list
                            .into_iter()
                            .partition(|inquiry| inquiry.status == InquiryStatus::Open);
                        view! {
                            <section aria-labelledby="open-heading">
                                <h2 id="open-heading">
                                    {format!("Waiting for your answer ({})", open.len())}
                                </h2>
                                {if open.is_empty() {
                                    view! { <p class="empty">"No inquiry is waiting."</p> }
                                        .into_any()
                                } else {
                                    view! {
                                        <ul class="cards">
                                            {open
                                                .into_iter()
                                                .map(|inquiry| {
                                                    view! {
                                                        <OpenInquiry
                                                            inquiry
                                                            may_answer
                                                            rights=rights.clone()
                                                            answered
                                                        />
                                                    }
                                                })
                                                .collect_view()}
                                        </ul>
                                    }
                                        .into_any()
                                }}
                            </section>
                            <EarlierInquiries inquiries=earlier />
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The listing, the question and the deadline: what both sides read about an inquiry.
#[component]
fn InquiryFacts(inquiry: InquiryView) -> impl IntoView {
    let listing = inquiry.listing;
    view! {
        <dl class="facts">
            <div>
                <dt>"Listing"</dt>
                <dd>
                    <a href=format!("/listings/{}", listing.id)>{listing.title}</a>
                    <span class="hint">{format!(" #{}", listing.id)}</span>
                </dd>
            </div>
            <div>
                <dt>"Price"</dt>
                <dd>{format_price(listing.price_cents, &listing.currency)}</dd>
            </div>
            <div>
                <dt>"Seller"</dt>
                <dd>{listing.seller_name}</dd>
            </div>
            <div>
                <dt>"Answer by"</dt>
                <dd>{format_time(inquiry.deadline_at)}</dd>
            </div>
        </dl>
        <p class="quote">{format!("“{}” — {}", inquiry.question, inquiry.asked_by)}</p>
    }
}

#[component]
fn OpenInquiry(
    inquiry: InquiryView,
    may_answer: bool,
    rights: Vec<(i64, String)>,
    answered: Callback<String>,
) -> impl IntoView {
    let id = inquiry.id;
    let heading = format!("Inquiry {id}");
    let facts = view! { <InquiryFacts inquiry /> };
    let form = may_answer.then(|| view! { <AnswerForm id rights answered /> });
    let label = heading.clone();
    view! {
        <li class="card" aria-label=label>
            <h3>{heading}</h3>
            {facts}
            {form}
        </li>
    }
}

#[component]
fn AnswerForm(id: i64, rights: Vec<(i64, String)>, answered: Callback<String>) -> impl IntoView {
    let choice = RwSignal::new(None::<Answer>);
    let comment = RwSignal::new(String::new());
    let right = RwSignal::new(rights.first().map_or(0, |(id, _)| *id));
    let declared = RwSignal::new(false);
    let signature = RwSignal::new(String::new());
    let action = Action::new(|answer: &InquiryAnswer| answer_inquiry(answer.clone()));
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    Effect::new(move |_| {
        if let Some(Ok(message)) = action.value().get() {
            answered.run(message);
        }
    });
    let send = move |_| {
        let Some(answer) = choice.get() else {
            return;
        };
        action.dispatch(InquiryAnswer {
            inquiry_id: id,
            answer,
            comment: comment.get(),
            ip_right_id: right.get(),
            declared: declared.get(),
            signature: signature.get(),
        });
    };
    let name = format!("answer-{id}");
    let radio = move |answer: Answer, label: &'static str, hint: &'static str| {
        let radio_id = format!("{name}-{}", answer.status().as_str());
        view! {
            <div class="check">
                <input
                    id=radio_id.clone()
                    type="radio"
                    name=name.clone()
                    prop:checked=move || choice.get() == Some(answer)
                    on:change=move |_| choice.set(Some(answer))
                />
                <label for=radio_id>
                    {label} <span class="hint">{format!(" — {hint}")}</span>
                </label>
            </div>
        }
    };
    let right_id = format!("answer-{id}-right");
    let declared_id = format!("answer-{id}-declared");
    let signature_id = format!("answer-{id}-signature");
    let right_options = rights
        .into_iter()
        .map(|(id, title)| view! { <option value=id.to_string()>{title}</option> })
        .collect_view();
    let counterfeit_fields = view! {
        <div class="field">
            <label for=right_id.clone()>"IP right the removal relies on"</label>
            <select
                id=right_id.clone()
                on:change=move |ev| right.set(event_target_value(&ev).parse().unwrap_or(0))
                aria-describedby=format!("{right_id}-error")
            >
                {right_options}
            </select>
            <FieldError id=right_id.clone() message=message_for(error, "ip_right_id") />
        </div>
        <div class="check">
            <input
                id=declared_id.clone()
                type="checkbox"
                prop:checked=declared
                on:change=move |ev| declared.set(event_target_checked(&ev))
                aria-describedby=format!("{declared_id}-error")
            />
            <label for=declared_id.clone()>{DECLARATION}</label>
        </div>
        <FieldError id=declared_id message=message_for(error, "declared") />
        <TextField
            id=signature_id
            label="Signature — type your full name"
            value=signature
            error
            field="signature"
        />
    }
    .into_any();
    view! {
        <fieldset class="declaration">
            <legend>"Your answer"</legend>
            {radio(Answer::Counterfeit, "Counterfeit", "remove the listing now")}
            {radio(Answer::Genuine, "Genuine", "close the inquiry and clear the listing")}
            {radio(Answer::Unsure, "Unsure", "send it back to the account manager")}
            <div hidden=move || choice.get() != Some(Answer::Counterfeit)>{counterfeit_fields}</div>
            <TextField
                id=format!("answer-{id}-comment")
                label="Comment for the account manager (optional)"
                value=comment
                error
                field="comment"
                multiline=true
            />
        </fieldset>
        <FormError error />
        <div class="actions">
            <button
                type="button"
                class="button"
                disabled=move || action.pending().get() || choice.get().is_none()
                on:click=send
                aria-label=format!("Send the answer to inquiry {id}")
            >
                "Send answer"
            </button>
        </div>
    }
    .into_any()
}

#[component]
fn EarlierInquiries(inquiries: Vec<InquiryView>) -> impl IntoView {
    if inquiries.is_empty() {
        return ().into_any();
    }
    let rows = inquiries
        .into_iter()
        .map(|inquiry| {
            let listing = inquiry.listing.clone();
            view! {
                <tr>
                    <ListingCell listing />
                    <td>{inquiry.question.clone()}</td>
                    <td>{format_time(inquiry.deadline_at)}</td>
                    <td>
                        <InquiryOutcome inquiry />
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="earlier-heading">
            <h2 id="earlier-heading">"Answered and expired"</h2>
            <div class="table-wrap">
                <table>
                    <caption>"Earlier inquiries, newest first"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Listing"</th>
                            <th scope="col">"Question"</th>
                            <th scope="col">"Answer by"</th>
                            <th scope="col">"Outcome"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}

// ---------------------------------------------------------------------------------------------
// The brand's lists behind the rules.

/// `/brands/:id/lists` — reference prices and authorised sellers, which the suspicion rules
/// use to flag listings for the brand's account manager.
#[component]
pub fn SuspicionListsPage() -> impl IntoView {
    let brand_id = id_param("id");
    let auth = expect_context::<Auth>();
    let refreshed = RwSignal::new(0_u32);
    let lists = load(
        move || (brand_id(), refreshed.get()),
        |(id, _)| get_suspicion_lists(id.unwrap_or_default()),
    );
    let action = Action::new(|(brand, edit): &(i64, ListEdit)| edit_lists(*brand, edit.clone()));
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let product_line = RwSignal::new(String::new());
    let price = RwSignal::new(String::new());
    let seller = RwSignal::new(String::new());
    Effect::new(move |_| {
        if let Some(Ok(())) = action.value().get() {
            refreshed.update(|n| *n += 1);
        }
    });
    let edit = move |edit: ListEdit| {
        action.dispatch((brand_id().unwrap_or_default(), edit));
    };
    view! {
        <Title text="Prices and sellers" />
        <h1>"Reference prices and authorised sellers"</h1>
        <p class="lede">
            "Your account manager's suspicion rules use these lists: a listing priced under half the reference price of a product line in its title, or carrying your name from a seller not on your list, is flagged for a question to you."
        </p>
        <FormError error />
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let user = auth.user.await.ok().flatten();
                let may_edit = own_staff(user.as_ref(), brand_id().unwrap_or_default());
                let lists = match lists.await {
                    Ok(lists) => lists,
                    Err(error) => return view! { <ErrorPanel error /> }.into_any(),
                };
                let price_rows: Vec<ListEntry> = lists
                    .prices
                    .into_iter()
                    .map(|row| ListEntry {
                        label: format!("Remove the reference price for {}", row.product_line),
                        fact: format_price(row.price_cents, "USD"),
                        name: row.product_line,
                        remove: ListEdit::RemovePrice(row.id),
                    })
                    .collect();
                let seller_rows: Vec<ListEntry> = lists
                    .sellers
                    .into_iter()
                    .map(|row| ListEntry {
                        label: format!("Take {} off the list", row.name),
                        name: row.name,
                        fact: row.country,
                        remove: ListEdit::RemoveSeller(row.seller_id),
                    })
                    .collect();
                let on_remove = may_edit.then_some(Callback::new(edit));
                // Each entry: its name, one more fact, and what removing it sends.
                view! {
                    <section class="panel" aria-labelledby="prices-heading">
                        <h2 id="prices-heading">"Reference prices"</h2>
                        <ListTable
                            caption="Product lines and their usual price"
                            columns=("Product line", "Reference price")
                            entries=price_rows
                            on_remove
                        />
                        {may_edit
                            .then(|| {
                                view! {
                                    <form
                                        class="inline-form"
                                        aria-label="Add a reference price"
                                        on:submit=move |ev| {
                                            ev.prevent_default();
                                            edit(ListEdit::SetPrice {
                                                product_line: product_line.get_untracked(),
                                                price: price.get_untracked(),
                                            });
                                        }
                                    >
                                        <TextField
                                            id="line-name"
                                            label="Product line (as in titles)"
                                            value=product_line
                                            error
                                            field="product_line"
                                        />
                                        <TextField
                                            id="line-price"
                                            label="Reference price (USD)"
                                            value=price
                                            error
                                            field="price"
                                            inputmode="decimal"
                                        />
                                        <div class="actions">
                                            <button type="submit" class="button">
                                                "Save price"
                                            </button>
                                        </div>
                                    </form>
                                }
                            })}
                    </section>
                    <section class="panel" aria-labelledby="sellers-heading">
                        <h2 id="sellers-heading">"Authorised sellers"</h2>
                        <ListTable
                            caption="Sellers allowed to sell your goods (an empty list turns the rule off)"
                            columns=("Seller", "Country")
                            entries=seller_rows
                            on_remove
                        />
                        {may_edit
                            .then(|| {
                                view! {
                                    <form
                                        class="inline-form"
                                        aria-label="Authorise a seller"
                                        on:submit=move |ev| {
                                            ev.prevent_default();
                                            edit(ListEdit::AddSeller(seller.get_untracked()));
                                        }
                                    >
                                        <TextField
                                            id="seller-name"
                                            label="Seller's shop name"
                                            value=seller
                                            error
                                            field="seller"
                                        />
                                        <div class="actions">
                                            <button type="submit" class="button">
                                                "Authorise seller"
                                            </button>
                                        </div>
                                    </form>
                                }
                            })}
                    </section>
                }
                    .into_any()
            })}
        </Suspense>
    }
}

/// One entry of a brand's list, as its table shows it.
struct ListEntry {
    name: String,
    fact: String,
    /// The remove button's accessible name.
    label: String,
    remove: ListEdit,
}

/// A brand's list as a table, with a remove button per entry for those who may edit it.
#[component]
fn ListTable(
    caption: &'static str,
    columns: (&'static str, &'static str),
    entries: Vec<ListEntry>,
    on_remove: Option<Callback<ListEdit>>,
) -> impl IntoView {
    let rows = entries
        .into_iter()
        .map(|entry| {
            let remove = entry.remove;
            let button = on_remove.map(|on_remove| {
                view! {
                    <button
                        type="button"
                        class="button button-secondary"
                        aria-label=entry.label
                        on:click=move |_| on_remove.run(remove.clone())
                    >
                        "Remove"
                    </button>
                }
            });
            view! {
                <tr>
                    <th scope="row">{entry.name}</th>
                    <td>{entry.fact}</td>
                    <td>{button}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table>
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{columns.0}</th>
                        <th scope="col">{columns.1}</th>
                        <th scope="col">
                            <span class="visually-hidden">"Actions"</span>
                        </th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// A listing's title (linked to its page) and number, as the first cell of a table row.
#[component]
pub fn ListingCell(
    /// The listing.
    listing: crate::model::ListingView,
) -> impl IntoView {
    view! {
        <th scope="row">
            <a href=format!("/listings/{}", listing.id)>{listing.title}</a>
            <span class="hint">{format!(" #{}", listing.id)}</span>
        </th>
    }
}

/// The rule a listing was flagged by, for pages that only have the stored name.
pub fn rule_label(rule: Option<SuspicionRule>) -> &'static str {
    rule.map_or("—", SuspicionRule::label)
}
