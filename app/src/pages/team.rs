//! A brand's team, for its brand admins (and platform admins): who works for the brand, who is
//! a brand admin, inviting someone, and deactivating or reactivating an account.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::invitations::{list_team, set_brand_admin};
use crate::components::async_list::AsyncView;
use crate::components::form::{FormError, action_error, id_param, on_success};
use crate::components::invite::{InviteForm, PendingInvitations};
use crate::components::person_status::PersonStatus;
use crate::components::table::{Column, DataTable};
use crate::domain::format_time;
use crate::error::AppError;
use crate::model::{PeopleList, PersonView};
use crate::wire::load;

/// `/brands/:id/team` — the brand's staff, invitations and the invite form.
#[component]
pub fn TeamPage() -> impl IntoView {
    let brand_id = id_param("id");
    let version = RwSignal::new(0_u32);
    let team = load(
        move || (brand_id(), version.get()),
        |(id, _)| async move {
            match id {
                Some(id) => list_team(id).await,
                None => Err(AppError::NotFound(
                    "There is no brand with that number.".into(),
                )),
            }
        },
    );
    let notice = RwSignal::new(None::<String>);
    let on_changed = Callback::new(move |message: String| {
        notice.set(Some(message));
        version.update(|n| *n += 1);
    });
    view! {
        <Title text="Team" />
        <h1>"Team"</h1>
        <p class="lead">
            "Everyone who reports for this brand. Brand admins may also invite people, make others brand admins and deactivate accounts; a deactivated account is signed out everywhere at once, and what the person did stays."
        </p>
        <p class="form-ok" role="status">
            {move || notice.get()}
        </p>
        <AsyncView
            data=team
            ok=move |team| {
                let brand = brand_id();
                view! {
                    <Members team on_changed />
                    <section class="panel" aria-labelledby="invite-heading">
                        <h2 id="invite-heading">"Invite someone"</h2>
                        <p class="hint">
                            "They get a mail with a link that works for 72 hours, once, and choose their own password."
                        </p>
                        <InviteForm brand_id=brand on_sent=on_changed />
                        <h3>"Waiting for an answer"</h3>
                        <PendingInvitations brand_id=brand version on_changed />
                    </section>
                }
            }
        />
    }
}

#[component]
fn Members(team: PeopleList, on_changed: Callback<String>) -> impl IntoView {
    let rows = team
        .people
        .into_iter()
        .map(|person| view! { <MemberRow person on_changed /> })
        .collect_view();
    view! {
        <DataTable
            caption=match team.matching {
                1 => "1 person, by name".to_owned(),
                n => format!("{n} people, by name"),
            }
            columns=&[
                Column::Text("Name"),
                Column::Text("E-mail"),
                Column::Text("Role"),
                Column::Text("Last signed in"),
                Column::Text("Status"),
            ]
            rows
            stack=true
        />
    }
}

#[component]
fn MemberRow(person: PersonView, on_changed: Callback<String>) -> impl IntoView {
    let last = person
        .last_signed_in
        .map_or_else(|| "Not signed in now".to_owned(), format_time);
    let user_id = person.id;
    let make = !person.brand_admin;
    let change = Action::new(move |_: &()| set_brand_admin(user_id, make));
    let error = action_error(change);
    on_success(change, move |message| on_changed.run(message));
    let role = if person.brand_admin {
        "Brand admin"
    } else {
        "Staff"
    };
    let button = (!person.you && person.deactivated_at.is_none()).then(|| {
        let label = if make {
            format!("Make {} a brand admin", person.name)
        } else {
            format!("Make {} plain staff", person.name)
        };
        view! {
            <button
                type="button"
                class="button button-secondary"
                aria-label=label
                disabled=move || change.pending().get()
                on:click=move |_| {
                    change.dispatch(());
                }
            >
                {if make { "Make brand admin" } else { "Make staff" }}
            </button>
            <FormError error />
        }
    });
    view! {
        <tr>
            <th scope="row">{person.name.clone()}</th>
            <td data-label="E-mail">{person.email.clone()}</td>
            <td data-label="Role">
                <p>{role}</p>
                {button}
            </td>
            <td data-label="Last signed in">{last}</td>
            <td data-label="Status">
                <PersonStatus person=person.clone() on_changed />
            </td>
        </tr>
    }
}
