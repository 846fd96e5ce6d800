//! Accepting an invitation: who invited you as what, and your own password; then you are
//! signed in.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::Auth;
use crate::api::auth::{accept_invitation, get_invitation};
use crate::components::async_list::AsyncView;
use crate::components::form::{FormError, action_error, on_success};
use crate::components::password::NewPasswordFields;
use crate::model::InvitationOffer;
use crate::wire::load;

/// `/invitation?token=…` — what the invitation offers and the password form, if the link
/// still works; otherwise why not.
#[component]
pub fn InvitationPage() -> impl IntoView {
    let query = use_query_map();
    let token = move || query.with(|query| query.get("token").unwrap_or_default());
    let offer = load(token, get_invitation);
    view! {
        <Title text="Join Goodfaith" />
        <section class="panel narrow">
            <h1>"Join Goodfaith"</h1>
            <AsyncView data=offer ok=move |offer| view! { <AcceptForm offer token=token() /> } />
        </section>
    }
}

#[component]
fn AcceptForm(offer: InvitationOffer, token: String) -> impl IntoView {
    let auth = expect_context::<Auth>();
    let new = RwSignal::new(String::new());
    let repeated = RwSignal::new(String::new());
    let accept = Action::new(move |_: &()| {
        accept_invitation(token.clone(), new.get_untracked(), repeated.get_untracked())
    });
    let error = action_error(accept);
    on_success(accept, move |user| {
        // Signed in now: the navigation learns who it is, and the person lands at home.
        auth.refresh();
        leptos_router::hooks::use_navigate()(&user.home_path(), Default::default());
    });
    view! {
        <p>
            {format!("Welcome, {}. You are invited as {}. ", offer.name, offer.role)}
            "Choose the password you will sign in with; your sign-in address is "
            <strong>{offer.email}</strong> "."
        </p>
        <form
            method="post"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                accept.dispatch(());
            }
        >
            <NewPasswordFields new repeated error />
            <FormError error />
            <button type="submit" class="button" disabled=move || accept.pending().get()>
                "Join and sign in"
            </button>
        </form>
    }
}
