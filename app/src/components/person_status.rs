//! An account's status with what can be done about it: "Deactivate…" (with a reason) for an
//! active account, when and why plus "Reactivate" for a deactivated one. On the admins' People
//! page and on a brand's Team page.

use leptos::prelude::*;

use crate::api::people::{deactivate_person, reactivate_person};
use crate::components::form::{FormError, TextField, action_error, on_success};
use crate::domain::format_time;
use crate::model::PersonView;

/// The status cell of one account. Nobody is offered to deactivate themselves (another admin
/// can; nobody should lock themselves out by a slip).
#[component]
pub fn PersonStatus(
    /// The account.
    person: PersonView,
    /// Told each change, in words.
    on_changed: Callback<String>,
) -> impl IntoView {
    match person.deactivated_at {
        Some(at) => view! { <Reactivate person at on_changed /> }.into_any(),
        None if person.you => view! {
            <span class="pill status-active">"Active"</span>
            <p class="hint">"You"</p>
        }
        .into_any(),
        None => view! { <Deactivate person on_changed /> }.into_any(),
    }
}

/// An active account: "Deactivate…" opens a reason field and the button that does it.
#[component]
fn Deactivate(person: PersonView, on_changed: Callback<String>) -> impl IntoView {
    let open = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let user_id = person.id;
    let action = Action::new(move |reason: &String| deactivate_person(user_id, reason.clone()));
    let error = action_error(action);
    on_success(action, move |message| on_changed.run(message));
    let name = person.name.clone();
    let id = format!("deactivate-{user_id}");
    view! {
        <span class="pill status-active">"Active"</span>
        <Show
            when=move || open.get()
            fallback=move || {
                view! {
                    <button
                        type="button"
                        class="button button-secondary"
                        aria-label=format!("Deactivate {name}…")
                        on:click=move |_| open.set(true)
                    >
                        "Deactivate…"
                    </button>
                }
            }
        >
            <TextField
                id=id.clone()
                label=format!("Why deactivate {}?", person.name)
                value=reason
                error
                field="reason"
            />
            <button
                type="button"
                class="button button-danger"
                disabled=move || action.pending().get()
                on:click=move |_| {
                    action.dispatch(reason.get());
                }
            >
                "Deactivate and sign out"
            </button>
            <FormError error />
        </Show>
    }
}

/// A deactivated account: when and why, and the button that reactivates it.
#[component]
fn Reactivate(person: PersonView, at: i64, on_changed: Callback<String>) -> impl IntoView {
    let user_id = person.id;
    let action = Action::new(move |_: &()| reactivate_person(user_id));
    let error = action_error(action);
    on_success(action, move |message| on_changed.run(message));
    view! {
        <span class="pill status-suspended">"Deactivated"</span>
        <p class="hint">{format!("{}: {}", format_time(at), person.deactivated_reason)}</p>
        <button
            type="button"
            class="button button-secondary"
            aria-label=format!("Reactivate {}", person.name)
            disabled=move || action.pending().get()
            on:click=move |_| {
                action.dispatch(());
            }
        >
            "Reactivate"
        </button>
        <FormError error />
    }
}
