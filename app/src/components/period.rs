//! The period a report covers, as a plain GET form (it works before, and without, the wasm):
//! the first and last day, each with the server's message beside it when refused.

use leptos::prelude::*;

use crate::error::AppError;

/// `<form method="get" action=…>` with "First day" and "Last day" and a "Show" button.
#[component]
pub fn PeriodForm(
    /// The page the form opens with the period (e.g. `/transparency`).
    action: &'static str,
    /// What the ids of its fields start with (unique on the page).
    id_prefix: &'static str,
    /// The first day shown (`YYYY-MM-DD`).
    from: String,
    /// The last day shown.
    to: String,
    /// The server's refusal of the period asked, if any: its messages go by their fields.
    error: Option<AppError>,
) -> impl IntoView {
    let message = |field: &str| {
        error
            .as_ref()
            .map(|error| error.messages_for(field).join(" "))
            .unwrap_or_default()
    };
    let field = move |name: &'static str, label: &'static str, value: String, error: String| {
        let id = format!("{id_prefix}-{name}");
        let described = format!("{id}-error");
        let invalid = (!error.is_empty()).then_some("true");
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                <input
                    id=id
                    name=name
                    type="date"
                    value=value
                    aria-describedby=described.clone()
                    aria-invalid=invalid
                />
                <p id=described class="field-error">
                    {error}
                </p>
            </div>
        }
    };
    view! {
        <form class="panel filters" method="get" action=action aria-label="Period">
            {field("from", "First day", from, message("from"))}
            {field("to", "Last day", to, message("to"))}
            <button type="submit" class="button">
                "Show"
            </button>
        </form>
    }
}
