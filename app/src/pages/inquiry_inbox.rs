//! The brand's side of authenticity inquiries: the marketplace's questions, the answer
//! form, and the inquiries answered or expired.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::Auth;
use crate::api::joint_force::{answer_inquiry, list_inquiries};
use crate::api::rights::list_rights;
use crate::components::form::{
    FieldError, FormError, TextField, action_error, id_param, message_for, on_success,
};
use crate::components::inquiry::{InquiryOutcome, ListingCell, own_staff};
use crate::components::outcome::{ErrorPanel, Loading};
use crate::components::table::{Column, DataTable};
use crate::domain::joint_force::{Answer, InquiryStatus};
use crate::domain::report::DECLARATION;
use crate::domain::{format_price, format_time};
use crate::model::{InquiryAnswer, InquiryView};
use crate::wire::load;

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
    let rights = load(brand_id, |id| list_rights(id.unwrap_or_default()));
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
    let error = action_error(action);
    on_success(action, move |message| answered.run(message));
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
                    <td data-label="Question">{inquiry.question.clone()}</td>
                    <td data-label="Answer by">{format_time(inquiry.deadline_at)}</td>
                    <td data-label="Outcome">
                        <InquiryOutcome inquiry />
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="earlier-heading">
            <h2 id="earlier-heading">"Answered and expired"</h2>
            <DataTable
                caption="Earlier inquiries, newest first"
                columns=&[
                    Column::Text("Listing"),
                    Column::Text("Question"),
                    Column::Text("Answer by"),
                    Column::Text("Outcome"),
                ]
                rows
                stack=true
            />
        </section>
    }
    .into_any()
}
