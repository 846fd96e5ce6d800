//! How a page shows a failed load: visitors are sent to sign in, everyone else reads why.

use leptos::prelude::*;
use leptos_router::components::Redirect;

use crate::error::AppError;

/// Renders a server function's error in place of the page's content.
#[component]
pub fn ErrorPanel(
    /// The failure to explain.
    error: AppError,
) -> impl IntoView {
    // Rendered on the server, the page answers with the error's status (a page whose address
    // names no report is a 404, not a 200 with an error on it).
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>()
        && let Ok(status) = axum::http::StatusCode::from_u16(error.status_code())
        && error != AppError::Unauthorized
    {
        response.set_status(status);
    }
    let (title, message) = match &error {
        AppError::Unauthorized => return view! { <Redirect path="/login" /> }.into_any(),
        AppError::Forbidden(message) => ("Access denied", message.clone()),
        AppError::NotFound(message) => ("Not found", message.clone()),
        other => ("Something went wrong", other.to_string()),
    };
    view! {
        <section class="panel panel-error" role="alert">
            <h1>{title}</h1>
            <p>{message}</p>
            <p>
                <a href="/">"Back to the start page"</a>
            </p>
        </section>
    }
    .into_any()
}

/// The placeholder shown while a page's data loads.
#[component]
pub fn Loading() -> impl IntoView {
    view! {
        <p class="loading" role="status">
            "Loading…"
        </p>
    }
}
