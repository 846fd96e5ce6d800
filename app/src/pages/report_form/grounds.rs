//! The report's grounds: the IP right it relies on and the reason.

use leptos::prelude::*;

use crate::components::form::{FieldError, message_for};
use crate::domain::ReasonCode;
use crate::error::AppError;

use super::Draft;

/// The IP right and the reason, side by side.
#[component]
pub(super) fn GroundsFields(
    /// What is typed.
    draft: Draft,
    /// The last failed submission.
    error: Signal<Option<AppError>>,
    /// The brand's usable rights, as (id, one-line title).
    usable: Vec<(i64, String)>,
) -> impl IntoView {
    let right_options = usable
        .into_iter()
        .map(|(id, title)| view! { <option value=id.to_string()>{title}</option> })
        .collect_view();
    let reason_options = ReasonCode::ALL
        .into_iter()
        .map(|code| view! { <option value=code.as_str()>{code.label()}</option> })
        .collect_view();
    view! {
        <div class="form-grid">
            <div class="field">
                <label for="ip_right_id">"IP right"</label>
                <select
                    id="ip_right_id"
                    prop:value=draft.ip_right_id
                    on:change=move |ev| draft.ip_right_id.set(event_target_value(&ev))
                    aria-describedby="ip_right_id-error"
                >
                    <option value="">"Choose a verified right…"</option>
                    {right_options}
                </select>
                <FieldError id="ip_right_id" message=message_for(error, "ip_right_id") />
            </div>
            <div class="field">
                <label for="reason">"Reason"</label>
                <select
                    id="reason"
                    prop:value=draft.reason
                    on:change=move |ev| draft.reason.set(event_target_value(&ev))
                    aria-describedby="reason-error"
                >
                    <option value="">"Choose a reason…"</option>
                    {reason_options}
                </select>
                <FieldError id="reason" message=message_for(error, "reason") />
            </div>
        </div>
    }
}
