//! A forgotten password: asking for a reset link by mail, and choosing a new password with it.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::auth::{check_reset_link, request_password_reset, reset_password};
use crate::api::mail::mail_is_public;
use crate::components::async_list::AsyncView;
use crate::components::form::{FormError, TextField, action_error};
use crate::components::password::NewPasswordFields;
use crate::wire::load;

/// `/forgot-password` — the address; the answer is the same whether or not it has an account.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let email = RwSignal::new(String::new());
    let ask = Action::new(|email: &String| request_password_reset(email.clone()));
    let error = action_error(ask);
    let sent = move || ask.value().get().and_then(Result::ok);
    let public = load(|| (), |_| mail_is_public());
    view! {
        <Title text="Forgot your password?" />
        <section class="panel narrow">
            <h1>"Forgot your password?"</h1>
            <p>
                "Enter the address you sign in with. We will mail it a link to choose a new password; the link works for 15 minutes."
            </p>
            <form
                method="post"
                novalidate
                on:submit=move |ev| {
                    ev.prevent_default();
                    ask.dispatch(email.get_untracked());
                }
            >
                <TextField
                    id="reset-email"
                    label="E-mail address"
                    value=email
                    error
                    field="email"
                    kind="email"
                    autocomplete="username"
                />
                <FormError error />
                <p class="form-ok" role="status">
                    {sent}
                </p>
                <button type="submit" class="button" disabled=move || ask.pending().get()>
                    "Send the link"
                </button>
            </form>
            <p>
                <a href="/login">"Back to sign in"</a>
            </p>
            <AsyncView
                data=public
                ok=move |public| {
                    public
                        .then(|| {
                            view! {
                                <p class="hint">
                                    "This is the demo: its mail is not sent anywhere. Read it on the "
                                    <a href="/mail">"Mail page"</a> "."
                                </p>
                            }
                        })
                }
                quiet=true
            />
        </section>
    }
}

/// `/reset-password?token=…` — the new password, if the link still works; otherwise why not.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let query = use_query_map();
    let token = move || query.with(|query| query.get("token").unwrap_or_default());
    let link = load(token, check_reset_link);
    view! {
        <Title text="Choose a new password" />
        <section class="panel narrow">
            <h1>"Choose a new password"</h1>
            <AsyncView data=link ok=move |email| view! { <ResetForm email token=token() /> } />
            <p>
                <a href="/forgot-password">"Ask for a new link"</a>
                " · "
                <a href="/login">"Sign in"</a>
            </p>
        </section>
    }
}

#[component]
fn ResetForm(email: String, token: String) -> impl IntoView {
    let new = RwSignal::new(String::new());
    let repeated = RwSignal::new(String::new());
    let reset = Action::new(move |_: &()| {
        reset_password(token.clone(), new.get_untracked(), repeated.get_untracked())
    });
    let error = action_error(reset);
    let done = move || reset.value().get().and_then(Result::ok);
    view! {
        <p>{format!("For the account {email}.")}</p>
        <Show
            when=move || done().is_none()
            fallback=move || {
                view! {
                    <p class="form-ok" role="status">
                        {done}
                    </p>
                    <a class="button" href="/login">
                        "Sign in"
                    </a>
                }
            }
        >
            <form
                method="post"
                novalidate
                on:submit=move |ev| {
                    ev.prevent_default();
                    reset.dispatch(());
                }
            >
                <NewPasswordFields new repeated error />
                <FormError error />
                <button type="submit" class="button" disabled=move || reset.pending().get()>
                    "Set the new password"
                </button>
            </form>
        </Show>
    }
}
