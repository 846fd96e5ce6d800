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
    // After a refusal, focus goes to the first field it names (or the password, for a wrong
    // one), so keyboard and screen-reader users land where they must type again.
    let email_ref = NodeRef::<leptos::html::Input>::new();
    let password_ref = NodeRef::<leptos::html::Input>::new();
    // Only this visit's attempts count (the action outlives the page).
    let seen = auth.login.version().get_untracked();
    let attempted = move || auth.login.version().get() > seen;
    Effect::new(move |_| {
        let Some(error) = error().filter(|_| attempted()) else {
            return;
        };
        let target = if !error.messages_for("email").is_empty() {
            email_ref
        } else {
            password_ref
        };
        if let Some(input) = target.get() {
            let _ = input.focus();
        }
    });
    // Signed in: the browser is on its way home; the button keeps saying so until it is.
    let busy = move || {
        auth.login.pending().get()
            || (attempted() && matches!(auth.login.value().get(), Some(Ok(_))))
    };

    view! {
        <Title text="Sign in" />
        <section class="panel narrow">
            <h1>"Sign in"</h1>
            <p class="hint">
                "Goodfaith is the marketplace's brand-protection portal. Brands report listings that infringe their rights, account managers review them, and sellers see why and can appeal."
            </p>
            <ActionForm action=auth.login attr:novalidate="true">
                <div class="field">
                    <label for="email">"E-mail address"</label>
                    <input
                        node_ref=email_ref
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
                        node_ref=password_ref
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
                <button type="submit" class="button" disabled=busy>
                    {move || if busy() { "Signing in…" } else { "Sign in" }}
                </button>
            </ActionForm>
            <p>
                <a href="/forgot-password">"Forgot your password?"</a>
            </p>
        </section>
    }
}
