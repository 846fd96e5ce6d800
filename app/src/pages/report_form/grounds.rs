//! The report's grounds: the IP right it relies on and the reason.

use leptos::prelude::*;

use crate::components::form::{SelectField, options_of};
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
    let reason_options = options_of(ReasonCode::ALL, |code| (code.as_str(), code.label()));
    view! {
        <div class="form-grid">
            <SelectField
                id="ip_right_id"
                label="IP right"
                value=draft.ip_right_id
                options=right_options
                placeholder="Choose a verified right…"
                error
                field="ip_right_id"
            />
            <SelectField
                id="reason"
                label="Reason"
                value=draft.reason
                options=reason_options
                placeholder="Choose a reason…"
                error
                field="reason"
            />
        </div>
    }
}
