//! Form helpers: messages next to the field that caused them, and the rest above the button.

use leptos::prelude::*;

use crate::error::AppError;

/// The server's messages for one field of the last failed submission, joined.
pub fn message_for(error: Signal<Option<AppError>>, field: &'static str) -> Signal<Option<String>> {
    Signal::derive(move || {
        error
            .get()
            .map(|error| error.messages_for(field).join(" "))
            .filter(|message| !message.is_empty())
    })
}

/// A field's error paragraph, announced politely; its id is `{id}-error` so the control can
/// point at it with `aria-describedby`.
#[component]
pub fn FieldError(
    /// The control's id.
    #[prop(into)]
    id: String,
    /// The message, if any.
    message: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <p id=format!("{id}-error") class="field-error" aria-live="polite">
            {move || message.get()}
        </p>
    }
}

/// A failure that is not about one field (forbidden, conflict, server trouble), as an alert.
#[component]
pub fn FormError(
    /// The last failure.
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    move || {
        error
            .get()
            .filter(|error| !matches!(error, AppError::Validation(_)))
            .map(|error| {
                view! {
                    <p class="form-error" role="alert">
                        {error.to_string()}
                    </p>
                }
            })
    }
}

/// The id in a route parameter such as `:id`, if it is a number.
pub fn id_param(name: &'static str) -> impl Fn() -> Option<i64> + Copy + Send + Sync + 'static {
    let params = leptos_router::hooks::use_params_map();
    move || {
        params
            .read()
            .get(name)
            .and_then(|id| id.parse::<i64>().ok())
    }
}
