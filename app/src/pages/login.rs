//! The sign-in page.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::Auth;
use crate::error::AppError;

/// E-mail and password; errors appear next to the field they concern, and the entered
/// e-mail address stays in its field.
#[component]
pub fn LoginPage() -> impl IntoView {
    let auth = expect_context::<Auth>();
    let error = move || auth.login.value().get().and_then(Result::err);
    let field_error = move |field: &'static str| {
        move || {
            error()
                .map(|error| error.messages_for(field).join(" "))
                .filter(|message| !message.is_empty())
        }
    };
    let email_error = field_error("email");
    let password_error = field_error("password");
    let general_error = move || error().filter(|error| !matches!(error, AppError::Validation(_)));

    view! {
        <Title text="Sign in" />
        <section class="panel narrow">
            <h1>"Sign in"</h1>
            <ActionForm action=auth.login attr:novalidate="true">
                <div class="field">
                    <label for="email">"E-mail address"</label>
                    <input
                        id="email"
                        name="email"
                        type="email"
                        autocomplete="username"
                        required
                        aria-invalid=move || email_error().is_some().to_string()
                        aria-describedby="email-error"
                    />
                    <p id="email-error" class="field-error" aria-live="polite">
                        {email_error}
                    </p>
                </div>
                <div class="field">
                    <label for="password">"Password"</label>
                    <input
                        id="password"
                        name="password"
                        type="password"
                        autocomplete="current-password"
                        required
                        aria-invalid=move || password_error().is_some().to_string()
                        aria-describedby="password-error"
                    />
                    <p id="password-error" class="field-error" aria-live="polite">
                        {password_error}
                    </p>
                </div>
                {move || {
                    general_error()
                        .map(|error| {
                            view! {
                                <p class="form-error" role="alert">
                                    {error.to_string()}
                                </p>
                            }
                        })
                }}
                <button type="submit" class="button" disabled=move || auth.login.pending().get()>
                    {move || if auth.login.pending().get() { "Signing in…" } else { "Sign in" }}
                </button>
            </ActionForm>
            <p>
                <a href="/forgot-password">"Forgot your password?"</a>
            </p>
        </section>
    }
}
