//! The seller's side of a removal, on the listing's page: the statement of reasons addressed
//! to the seller, the counter-notice form, and the appeal's progress.

use leptos::prelude::*;

use crate::api::appeals::file_counter_notice;
use crate::components::appeal::{AppealFacts, file_list};
use crate::components::async_list::AsyncView;
use crate::components::form::{
    FieldError, FormError, SelectField, TextField, action_error, bump_on_success, message_for,
    options_of,
};
use crate::components::statement::{GroundFacts, Reader};
use crate::components::upload::FileUpload;
use crate::domain::appeal::{COUNTER_DECLARATION, CounterGround, CounterNoticeDraft};
use crate::domain::format_time;
use crate::error::AppError;
use crate::model::{FileRef, RemovalCase};
use crate::wire::Loaded;

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
    let ok = move |case: Option<RemovalCase>| {
        case.map(|case| view! { <CaseView case listing_id can_file filed /> })
    };
    view! { <AsyncView data=case ok /> }
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
                <GroundFacts statement=s.clone() reader=Reader::Seller />
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
    let error = action_error(action);
    bump_on_success(action, filed);
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
    let options = options_of(CounterGround::ALL, |ground| {
        (ground.as_str(), ground.label())
    });
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
            <SelectField
                id="counter-ground"
                label="Why the removal is wrong"
                value=ground
                options=options
                placeholder="Choose a ground"
                error
                field="ground"
            />
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
