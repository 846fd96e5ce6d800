//! The good-faith declaration and the typed signature under it.

use leptos::prelude::*;

use crate::components::form::{FieldError, TextField, message_for};
use crate::domain::report::DECLARATION;
use crate::error::AppError;

use super::Draft;

/// The declaration's checkbox and the signature, in a fieldset of their own.
#[component]
pub(super) fn DeclarationFields(
    /// What is typed.
    draft: Draft,
    /// The last failed submission.
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    view! {
        <fieldset class="declaration">
            <legend>"Good-faith declaration"</legend>
            <div class="check">
                <input
                    id="declared"
                    type="checkbox"
                    prop:checked=draft.declared
                    on:change=move |ev| draft.declared.set(event_target_checked(&ev))
                    aria-describedby="declared-error"
                />
                <label for="declared">{DECLARATION}</label>
            </div>
            <FieldError id="declared" message=message_for(error, "declared") />
            <TextField
                id="signature"
                label="Signature — type your full name"
                value=draft.signature
                error
                field="signature"
                autocomplete="name"
            />
        </fieldset>
    }
}
