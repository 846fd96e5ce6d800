//! A brand's IP rights: the list, and the registration form for its own staff.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::Auth;
use crate::api::rights::{list_rights, register_right};
use crate::components::async_list::AsyncView;
use crate::components::form::{
    FieldError, FormError, TextField, action_error, id_param, message_for, options_of,
};
use crate::components::table::{Column, DataTable};
use crate::components::upload::{FileLink, FileUpload};
use crate::domain::{RightKind, RightStatus, format_time};
use crate::error::AppError;
use crate::model::{FileRef, IpRightView};
use crate::wire::load;

/// `/brands/:id/rights` — the rights, with a form for the brand's staff to add one.
#[component]
pub fn RightsPage() -> impl IntoView {
    let brand_id = id_param("id");
    let auth = expect_context::<Auth>();
    let registered = RwSignal::new(0_u32);
    let rights = load(
        move || (brand_id(), registered.get()),
        |(id, _)| async move {
            match id {
                Some(id) => list_rights(id).await,
                None => Err(AppError::NotFound(
                    "There is no brand with that number.".into(),
                )),
            }
        },
    );
    view! {
        <Title text="IP rights" />
        <h1>"IP rights"</h1>
        <p class="lead">
            "Reports must rest on a verified, unexpired right. New rights wait for your account manager to check the proof."
        </p>
        <AsyncView data=rights ok=|rights| view! { <RightsTable rights /> } suspense=true />
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let user = auth.user.await.ok().flatten();
                let own = brand_id()
                    .filter(|id| user.as_ref().and_then(|u| u.brand_id) == Some(*id));
                own.map(|brand_id| view! { <RegisterRight brand_id registered /> })
            })}
        </Transition>
    }
}

/// The rights as a table; also used by the verification page.
#[component]
pub fn RightsTable(
    /// The rights.
    rights: Vec<IpRightView>,
) -> impl IntoView {
    if rights.is_empty() {
        return view! { <p class="empty">"No rights registered yet."</p> }.into_any();
    }
    let rows = rights
        .into_iter()
        .map(|right| {
            let status_class = format!("pill right-{}", right.status.as_str());
            let note = (!right.decision_note.is_empty()).then(|| right.decision_note.clone());
            let expired = right.status == RightStatus::Verified && !right.usable;
            view! {
                <tr>
                    <th scope="row">{right.kind.label()}</th>
                    <td data-label="Registration number">{right.registration_number.clone()}</td>
                    <td data-label="Jurisdiction">{right.jurisdiction.clone()}</td>
                    <td data-label="Classes">{right.classes.clone()}</td>
                    <td data-label="Expires">
                        {right.expires_on.clone().unwrap_or_else(|| "—".into())}
                    </td>
                    <td data-label="Status">
                        <span class=status_class>
                            {if expired { "Expired" } else { right.status.label() }}
                        </span>
                        {note.map(|note| view! { <p class="hint">{note}</p> })}
                    </td>
                    <td data-label="Proof">
                        <FileLink file=right.proof.clone() />
                    </td>
                    <td data-label="Registered">{format_time(right.created_at)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <DataTable
            caption="Registered rights"
            columns=&[
                Column::Text("Kind"),
                Column::Text("Registration number"),
                Column::Text("Jurisdiction"),
                Column::Text("Classes"),
                Column::Text("Expires"),
                Column::Text("Status"),
                Column::Text("Proof"),
                Column::Text("Registered"),
            ]
            rows
            stack=true
        />
    }
    .into_any()
}

#[derive(Clone)]
struct RightInput {
    brand_id: i64,
    kind: String,
    number: String,
    jurisdiction: String,
    classes: String,
    expires_on: String,
    proof: i64,
}

#[component]
fn RegisterRight(brand_id: i64, registered: RwSignal<u32>) -> impl IntoView {
    let kind = RwSignal::new(RightKind::Trademark.as_str().to_owned());
    let number = RwSignal::new(String::new());
    let jurisdiction = RwSignal::new(String::new());
    let classes = RwSignal::new(String::new());
    let expires_on = RwSignal::new(String::new());
    let proof = RwSignal::new(None::<FileRef>);
    let action = Action::new(|input: &RightInput| {
        let input = input.clone();
        async move {
            register_right(
                input.brand_id,
                input.kind,
                input.number,
                input.jurisdiction,
                input.classes,
                input.expires_on,
                input.proof,
            )
            .await
        }
    });
    let error = action_error(action);
    let done = move || action.value().get().and_then(Result::ok);
    Effect::new(move |_| {
        if done().is_some() {
            // Clear the form for the next right; the list above refetches.
            number.set(String::new());
            classes.set(String::new());
            expires_on.set(String::new());
            proof.set(None);
            registered.update(|n| *n += 1);
        }
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        action.dispatch(RightInput {
            brand_id,
            kind: kind.get(),
            number: number.get(),
            jurisdiction: jurisdiction.get(),
            classes: classes.get(),
            expires_on: expires_on.get(),
            proof: proof.get().map_or(0, |file| file.id),
        });
    };
    let options = options_of(RightKind::ALL, |kind| (kind.as_str(), kind.label()));
    let on_uploaded = Callback::new(move |file: FileRef| proof.set(Some(file)));
    view! {
        <section class="panel form-panel" aria-labelledby="register-heading">
            <h2 id="register-heading">"Register a right"</h2>
            <form on:submit=submit novalidate>
                <div class="form-grid">
                    <div class="field">
                        <label for="kind">"Kind of right"</label>
                        <select
                            id="kind"
                            prop:value=kind
                            on:change=move |ev| kind.set(event_target_value(&ev))
                        >
                            {options}
                        </select>
                        <FieldError id="kind" message=message_for(error, "kind") />
                    </div>
                    <TextField
                        id="registration_number"
                        label="Registration number"
                        value=number
                        error
                        field="registration_number"
                    />
                    <TextField
                        id="jurisdiction"
                        label="Jurisdiction"
                        value=jurisdiction
                        error
                        field="jurisdiction"
                        placeholder="EU, US, WIPO…"
                    />
                    <TextField
                        id="classes"
                        label="Nice classes (trademarks)"
                        value=classes
                        error
                        field="classes"
                        placeholder="18, 25"
                    />
                    <TextField
                        id="expires_on"
                        label="Expiry date"
                        value=expires_on
                        error
                        field="expires_on"
                        kind="date"
                    />
                </div>
                <FileUpload
                    id="proof"
                    label="Proof document (registration certificate)"
                    purpose="proof"
                    server_error=message_for(error, "proof")
                    on_uploaded
                />
                {move || {
                    proof
                        .get()
                        .map(|file| {
                            view! { <p class="uploaded">"Attached: " <FileLink file /></p> }
                        })
                }}
                <FormError error />
                {move || {
                    done()
                        .map(|id| {
                            view! {
                                <p class="form-ok" role="status">
                                    {format!(
                                        "Right {id} registered. It can back reports once your account manager verifies it.",
                                    )}
                                </p>
                            }
                        })
                }}
                <button type="submit" class="button" disabled=move || action.pending().get()>
                    "Register right"
                </button>
            </form>
        </section>
    }
    .into_any()
}
