//! The invitation form: on a brand's Team page (its staff, fixed brand) and on the admins'
//! People page (any role: brand staff of a chosen brand, a seller account against an existing
//! seller, account managers, admins).

use leptos::prelude::*;

use crate::api::invitations::invite_person;
use crate::components::form::{
    FieldError, FormError, SelectField, TextField, VisibleBrandOptions, action_error, message_for,
    on_success,
};
use crate::domain::Role;

/// E-mail, name and — unless `brand_id` fixes it — role, brand or seller; "brand admin" for
/// brand staff. `on_sent` hears what was done; the fields empty for the next person.
#[component]
pub fn InviteForm(
    /// The brand invited to (a Team page); `None` lets an admin choose role and brand.
    brand_id: Option<i64>,
    /// Told each success, in words.
    on_sent: Callback<String>,
) -> impl IntoView {
    let email = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let role = RwSignal::new(Role::BrandStaff.as_str().to_owned());
    let brand = RwSignal::new(brand_id.map(|id| id.to_string()).unwrap_or_default());
    let seller = RwSignal::new(String::new());
    let brand_admin = RwSignal::new(false);
    let send = Action::new(move |_: &()| {
        invite_person(
            email.get_untracked(),
            name.get_untracked(),
            role.get_untracked(),
            brand.get_untracked().parse().ok(),
            seller.get_untracked(),
            brand_admin.get_untracked(),
        )
    });
    let error = action_error(send);
    on_success(send, move |message| {
        for field in [email, name, seller] {
            field.set(String::new());
        }
        brand_admin.set(false);
        on_sent.run(message);
    });
    let is = move |which: Role| role.with(|role| role == which.as_str());
    let chooser = brand_id.is_none().then(|| {
        let roles =
            crate::components::form::options_of(Role::ALL, |role| (role.as_str(), role.label()));
        view! {
            <SelectField
                id="invite-role"
                label="Role"
                value=role
                options=roles
                error
                field="role"
            />
            <Show when=move || is(Role::BrandStaff)>
                <div class="field">
                    <label for="invite-brand">"Brand"</label>
                    <select
                        id="invite-brand"
                        prop:value=brand
                        on:change=move |ev| brand.set(event_target_value(&ev))
                        aria-describedby="invite-brand-error"
                    >
                        <option value="">"Choose a brand…"</option>
                        <VisibleBrandOptions />
                    </select>
                    <FieldError id="invite-brand" message=message_for(error, "brand_id") />
                </div>
            </Show>
            <Show when=move || is(Role::Seller)>
                <TextField
                    id="invite-seller"
                    label="Seller (its name on the marketplace)"
                    value=seller
                    error
                    field="seller"
                />
            </Show>
        }
    });
    view! {
        <form
            aria-label="Invite someone"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                send.dispatch(());
            }
        >
            <div class="form-grid">
                <TextField id="invite-name" label="Name" value=name error field="name" />
                <TextField
                    id="invite-email"
                    label="E-mail address"
                    value=email
                    error
                    field="email"
                    kind="email"
                />
            </div>
            {chooser}
            <Show when=move || is(Role::BrandStaff)>
                <div class="check">
                    <input
                        id="invite-brand-admin"
                        type="checkbox"
                        prop:checked=brand_admin
                        on:change=move |ev| brand_admin.set(event_target_checked(&ev))
                    />
                    <label for="invite-brand-admin">
                        "Brand admin: may also invite and deactivate this brand's people"
                    </label>
                </div>
            </Show>
            <FormError error />
            <button type="submit" class="button" disabled=move || send.pending().get()>
                "Send invitation"
            </button>
        </form>
    }
}

/// The invitations still waiting for an answer — one brand's, or (admins) every one — each
/// with "Withdraw". Reloads when `version` changes.
#[component]
pub fn PendingInvitations(
    /// The brand, or `None` for every invitation.
    brand_id: Option<i64>,
    /// Bumped by the page after each change.
    version: RwSignal<u32>,
    /// Told each withdrawal, in words.
    on_changed: Callback<String>,
) -> impl IntoView {
    let pending = crate::wire::load(
        move || version.get(),
        move |_| crate::api::invitations::list_invitations(brand_id),
    );
    view! {
        <crate::components::async_list::AsyncView
            data=pending
            ok=move |invitations| view! { <InvitationTable invitations on_changed /> }
        />
    }
}

#[component]
fn InvitationTable(
    invitations: Vec<crate::model::InvitationView>,
    on_changed: Callback<String>,
) -> impl IntoView {
    use crate::components::table::{Column, DataTable};
    if invitations.is_empty() {
        return view! { <p class="empty">"No invitation is waiting for an answer."</p> }.into_any();
    }
    let rows = invitations
        .into_iter()
        .map(|invitation| {
            let id = invitation.id;
            let withdraw =
                Action::new(move |_: &()| crate::api::invitations::withdraw_invitation(id));
            let error = action_error(withdraw);
            on_success(withdraw, move |message| on_changed.run(message));
            let title = match (invitation.role, invitation.brand_admin) {
                (Role::BrandStaff, true) => "Brand admin",
                (role, _) => role.label(),
            };
            let role = match &invitation.belongs_to {
                Some(of) => format!("{title}, {of}"),
                None => title.to_owned(),
            };
            view! {
                <tr>
                    <th scope="row">{invitation.name.clone()}</th>
                    <td data-label="E-mail">{invitation.email.clone()}</td>
                    <td data-label="As">{role}</td>
                    <td data-label="Sent">{crate::domain::format_time(invitation.sent_at)}</td>
                    <td data-label="Link works until">
                        {crate::domain::format_time(invitation.expires_at)}
                    </td>
                    <td data-label="Withdraw">
                        <button
                            type="button"
                            class="button button-secondary"
                            aria-label=format!("Withdraw the invitation to {}", invitation.email)
                            on:click=move |_| {
                                withdraw.dispatch(());
                            }
                        >
                            "Withdraw"
                        </button>
                        <FormError error />
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <DataTable
            caption="Invitations waiting for an answer, newest first"
            columns=&[
                Column::Text("Name"),
                Column::Text("E-mail"),
                Column::Text("As"),
                Column::Text("Sent"),
                Column::Text("Link works until"),
                Column::Text("Withdraw"),
            ]
            rows
            stack=true
        />
    }
    .into_any()
}
