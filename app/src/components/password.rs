//! The two fields of a new password — the password and the same again — with the policy said
//! above them; used wherever a password is chosen (account, reset, invitation).

use leptos::prelude::*;

use crate::components::form::TextField;
use crate::error::AppError;

/// "New password" and "New password again", refusals shown by their fields
/// (`new_password`, `repeat_password`).
#[component]
pub fn NewPasswordFields(
    /// The new password as typed.
    new: RwSignal<String>,
    /// The repetition as typed.
    repeated: RwSignal<String>,
    /// The form action's last failure.
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    view! {
        <p class="hint" id="password-policy">
            "At least 12 characters, not a common password and not your e-mail address. A few words together are long and easy to remember."
        </p>
        <TextField
            id="new-password"
            label="New password"
            value=new
            error
            field="new_password"
            kind="password"
            autocomplete="new-password"
        />
        <TextField
            id="repeat-password"
            label="New password again"
            value=repeated
            error
            field="repeat_password"
            kind="password"
            autocomplete="new-password"
        />
    }
}
