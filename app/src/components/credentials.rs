//! Credentials on the pages that make them (API tokens, integration keys, signing secrets):
//! the secret shown this once, and a credential's state with its *Revoke* button.

use leptos::prelude::*;

/// What was made, why to copy it now, and a read-only field to copy it from.
#[component]
pub fn SecretShownOnce(
    /// The first sentence, in bold, e.g. "Token “Vendor” made."
    #[prop(into)]
    headline: String,
    /// What follows it, e.g. "Copy it now: it is not stored and will not be shown again."
    #[prop(into)]
    advice: String,
    /// The field's id.
    id: &'static str,
    /// The field's label.
    label: &'static str,
    /// The secret.
    secret: String,
) -> impl IntoView {
    view! {
        <div class="receipt token-secret" role="status">
            <p>
                <strong>{headline}</strong>
                " "
                {advice}
            </p>
            <div class="field">
                <label for=id>{label}</label>
                <input id=id type="text" readonly value=secret />
            </div>
        </div>
    }
}

/// A credential's state cell: "Revoked …", or a *Revoke* button labelled with its name that
/// dispatches `revoke` with its id.
#[component]
pub fn RevokeState(
    /// The credential's id.
    id: i64,
    /// Its name, for the button's accessible label.
    name: String,
    /// When it was revoked, if it was.
    revoked_at: Option<i64>,
    /// What revokes it.
    revoke: Action<i64, Result<(), crate::error::AppError>>,
) -> impl IntoView {
    match revoked_at {
        Some(at) => view! {
            <span class="pill status-revoked">
                {format!("Revoked {}", crate::domain::format_time(at))}
            </span>
        }
        .into_any(),
        None => view! {
            <button
                type="button"
                class="link-button"
                aria-label=format!("Revoke {name}")
                on:click=move |_| {
                    revoke.dispatch(id);
                }
            >
                "Revoke"
            </button>
        }
        .into_any(),
    }
}
