//! The signed-in person's account: their password, where they are signed in, and signing
//! out there.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::auth::{
    change_my_password, end_my_other_sessions, end_my_session, list_my_sessions,
};
use crate::api::notifications::{notification_prefs, set_notification_prefs};
use crate::components::async_list::AsyncView;
use crate::components::form::{
    FormError, SelectField, TextField, action_error, on_success, options_of,
};
use crate::components::password::NewPasswordFields;
use crate::components::table::{Column, DataTable};
use crate::domain::format_time;
use crate::domain::notification::{Delivery, NotificationKind};
use crate::model::NotificationPrefView;
use crate::model::SessionView;
use crate::wire::load;

/// `/account` — a new password, and every session of the signed-in person (this one marked),
/// each of which they can end, and "sign out everywhere else".
#[component]
pub fn AccountPage() -> impl IntoView {
    let refreshed = RwSignal::new(0_u32);
    let sessions = load(move || refreshed.get(), |_| list_my_sessions());
    let notice = RwSignal::new(None::<String>);
    let on_ended = Callback::new(move |message: String| {
        notice.set(Some(message));
        refreshed.update(|n| *n += 1);
    });
    let others = Action::new(|_: &()| end_my_other_sessions());
    let error = action_error(others);
    on_success(others, move |message| on_ended.run(message));
    view! {
        <Title text="Your account" />
        <h1>"Your account"</h1>
        <p class="form-ok" role="status">
            {move || notice.get()}
        </p>
        <section class="panel" aria-labelledby="sessions-heading">
            <h2 id="sessions-heading">"Where you are signed in"</h2>
            <p class="hint">
                "A sign-in lasts at most 7 days, and ends sooner after 12 hours unused. If you see a device you do not recognise, sign it out and tell your administrator."
            </p>
            <AsyncView data=sessions ok=move |sessions| view! { <Sessions sessions on_ended /> } />
            <button
                type="button"
                class="button button-secondary"
                disabled=move || others.pending().get()
                on:click=move |_| {
                    others.dispatch(());
                }
            >
                "Sign out everywhere else"
            </button>
            <FormError error />
        </section>
        <PasswordChange on_changed=on_ended />
        <NotificationSettings />
    }
}

/// Per kind of notification, whether it is also mailed at once, in a daily digest, or not;
/// the bell shows every kind regardless. Every notification mail links here.
#[component]
fn NotificationSettings() -> impl IntoView {
    let prefs = load(|| (), |_| notification_prefs());
    view! {
        <section class="panel" id="notifications" aria-labelledby="notifications-heading">
            <h2 id="notifications-heading">"Notifications by mail"</h2>
            <p class="hint">
                "The bell in the header shows every notification. Choose which are also mailed to you."
            </p>
            <AsyncView data=prefs ok=move |prefs| view! { <PrefsForm prefs /> } />
        </section>
    }
}

#[component]
fn PrefsForm(prefs: Vec<NotificationPrefView>) -> impl IntoView {
    let choices: Vec<(NotificationKind, RwSignal<String>)> = prefs
        .iter()
        .map(|pref| (pref.kind, RwSignal::new(pref.delivery.as_str().to_owned())))
        .collect();
    let sent = choices.clone();
    let save = Action::new(move |_: &()| {
        let choices = sent
            .iter()
            .map(|(kind, value)| (kind.as_str().to_owned(), value.get_untracked()))
            .collect();
        set_notification_prefs(choices)
    });
    let error = action_error(save);
    let saved = move || save.value().get().and_then(Result::ok);
    let fields = choices
        .into_iter()
        .map(|(kind, value)| {
            let options = options_of(Delivery::ALL, |delivery| {
                (delivery.as_str(), delivery.label())
            });
            view! {
                <SelectField
                    id=format!("pref-{}", kind.as_str())
                    label=kind.label()
                    value
                    options
                    error
                    field=kind.as_str()
                />
            }
        })
        .collect_view();
    view! {
        <form
            aria-label="Notifications by mail"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                save.dispatch(());
            }
        >
            <div class="form-grid">{fields}</div>
            <FormError error />
            <p class="form-ok" role="status">
                {saved}
            </p>
            <button type="submit" class="button" disabled=move || save.pending().get()>
                "Save notification settings"
            </button>
        </form>
    }
}

/// The form for a new password. Typed passwords are kept after a refusal and cleared once
/// the change is made.
#[component]
fn PasswordChange(on_changed: Callback<String>) -> impl IntoView {
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let repeated = RwSignal::new(String::new());
    let change = Action::new(|typed: &(String, String, String)| {
        let (current, new, repeated) = typed.clone();
        change_my_password(current, new, repeated)
    });
    let error = action_error(change);
    on_success(change, move |message| {
        for field in [current, new, repeated] {
            field.set(String::new());
        }
        on_changed.run(message);
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        change.dispatch((current.get(), new.get(), repeated.get()));
    };
    view! {
        <section class="panel" aria-labelledby="password-heading">
            <h2 id="password-heading">"Change your password"</h2>
            <p class="hint">"Every other sign-in ends when you change it; this one stays."</p>
            // POST, so a form sent before the page is interactive never puts a password in the
            // address.
            <form method="post" on:submit=submit novalidate>
                <TextField
                    id="current-password"
                    label="Current password"
                    value=current
                    error
                    field="current_password"
                    kind="password"
                    autocomplete="current-password"
                />
                <NewPasswordFields new repeated error />
                <FormError error />
                <button type="submit" class="button" disabled=move || change.pending().get()>
                    "Change password"
                </button>
            </form>
        </section>
    }
}

#[component]
fn Sessions(sessions: Vec<SessionView>, on_ended: Callback<String>) -> impl IntoView {
    let rows = sessions
        .into_iter()
        .map(|session| view! { <SessionRow session on_ended /> })
        .collect_view();
    view! {
        <DataTable
            caption="Your sessions, newest sign-in first"
            columns=&[
                Column::Text("Device"),
                Column::Text("Signed in"),
                Column::Text("Ends unless used by"),
                Column::Text("Sign out"),
            ]
            rows
            stack=true
        />
    }
}

#[component]
fn SessionRow(session: SessionView, on_ended: Callback<String>) -> impl IntoView {
    let handle = session.handle.clone();
    let action = Action::new(move |_: &()| end_my_session(handle.clone()));
    let error = action_error(action);
    on_success(action, move |message| on_ended.run(message));
    let signed_in = format_time(session.signed_in_at);
    let label = format!("Sign out on {}, signed in {signed_in}", session.device);
    let end = if session.this_device {
        view! { <span class="pill">"This browser"</span> }.into_any()
    } else {
        view! {
            <button
                type="button"
                class="button button-secondary"
                disabled=move || action.pending().get()
                on:click=move |_| {
                    action.dispatch(());
                }
                aria-label=label
            >
                "Sign out"
            </button>
            <FormError error />
        }
        .into_any()
    };
    view! {
        <tr>
            <th scope="row">{session.device.clone()}</th>
            <td data-label="Signed in">{signed_in}</td>
            <td data-label="Ends unless used by">{format_time(session.expires_at)}</td>
            <td data-label="Sign out">{end}</td>
        </tr>
    }
}
