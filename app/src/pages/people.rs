//! The people who use the portal, for platform admins: find an account, deactivate it (it
//! cannot sign in and is signed out everywhere at once) or reactivate it.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::brands::list_manager_loads;
use crate::api::people::{list_people, set_staff_role};
use crate::components::async_list::AsyncView;
use crate::components::form::{
    FormError, SelectField, TextField, action_error, on_success, options_of,
};
use crate::components::invite::{InviteForm, PendingInvitations};
use crate::components::person_status::PersonStatus;
use crate::components::table::{Column, DataTable};
use crate::domain::format_count;
use crate::domain::{Role, format_time};
use crate::error::AppError;
use crate::model::{ManagerLoad, PeopleList, PersonView};
use crate::wire::load;

/// `/admin/people` — every account, filtered by role, status and text (platform admins).
#[component]
pub fn PeoplePage() -> impl IntoView {
    let role = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let version = RwSignal::new(0_u32);
    let page = load(
        move || (role.get(), status.get(), text.get(), version.get()),
        |(role, status, text, _)| list_people(role, status, text),
    );
    // A filter the server refused (a search over its limit) says so by its field.
    let refused = RwSignal::new(None::<AppError>);
    Effect::new(move |_| refused.set(page.get().and_then(Result::err)));
    let notice = RwSignal::new(None::<String>);
    let on_changed = Callback::new(move |message: String| {
        notice.set(Some(message));
        version.update(|n| *n += 1);
    });
    let roles = options_of(Role::ALL, |role| (role.as_str(), role.label()));
    let statuses = view! {
        <option value="active">"Active"</option>
        <option value="deactivated">"Deactivated"</option>
    };
    view! {
        <Title text="People" />
        <h1>"People"</h1>
        <p class="lead">
            "Everyone with an account. A deactivated account cannot sign in and is signed out everywhere at once; what the person did stays, with their name on it."
        </p>
        <p class="form-ok" role="status">
            {move || notice.get()}
        </p>
        <div class="filters">
            <SelectField
                id="people-role"
                label="Role"
                value=role
                options=roles
                placeholder="All roles"
            />
            <SelectField
                id="people-status"
                label="Status"
                value=status
                options=statuses
                placeholder="Active and deactivated"
            />
            <TextField
                id="people-text"
                label="Name, e-mail, brand or seller"
                value=text
                kind="search"
                error=refused.into()
                field="text"
            />
        </div>
        <AsyncView data=page ok=move |page| view! { <People page on_changed /> } suspense=false />
        <section class="panel" aria-labelledby="invite-heading">
            <h2 id="invite-heading">"Invite someone"</h2>
            <p class="hint">
                "They get a mail with a link that works for 72 hours, once, and choose their own password. Sellers are invited against a seller the marketplace has sent us. All mail is on the "
                <a href="/mail">"Mail page"</a> "."
            </p>
            <InviteForm brand_id=None on_sent=on_changed />
            <h3>"Waiting for an answer"</h3>
            <PendingInvitations brand_id=None version on_changed />
        </section>
        <ManagerLoads version />
    }
}

/// Each account manager's brands, pending and overdue items: where work piles up. A brand
/// moves to another manager on its own page.
#[component]
fn ManagerLoads(version: RwSignal<u32>) -> impl IntoView {
    let loads = load(move || version.get(), |_| list_manager_loads());
    view! {
        <section aria-labelledby="loads-heading">
            <h2 id="loads-heading">"Account managers' work"</h2>
            <p class="hint">
                "To move a brand to another manager, open the brand's page: its pending items move with it."
            </p>
            <AsyncView data=loads ok=move |loads| view! { <LoadTable loads /> } suspense=false />
        </section>
    }
}

#[component]
fn LoadTable(loads: Vec<ManagerLoad>) -> impl IntoView {
    let rows = loads
        .into_iter()
        .map(|load| {
            let shown = load.brands.len() as i64;
            let mut brands = load.brands.join(", ");
            if load.brand_count > shown {
                brands.push_str(&format!(
                    " and {} more",
                    format_count(load.brand_count - shown)
                ));
            }
            let name = if load.deactivated {
                format!("{} (deactivated)", load.name)
            } else {
                load.name
            };
            let overdue = if load.overdue > 0 {
                view! { <span class="pill overdue-mark">{format_count(load.overdue)}</span> }
                    .into_any()
            } else {
                view! { "0" }.into_any()
            };
            view! {
                <tr>
                    <th scope="row">{name}</th>
                    <td data-label="Brands" class="num">
                        {format_count(load.brand_count)}
                    </td>
                    <td data-label="Which">
                        {if brands.is_empty() { "—".to_owned() } else { brands }}
                    </td>
                    <td data-label="Pending items" class="num">
                        {format_count(load.pending)}
                    </td>
                    <td data-label="Overdue" class="num">
                        {overdue}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <DataTable
            caption="Account managers, by name"
            columns=&[
                Column::Text("Manager"),
                Column::Num("Brands"),
                Column::Text("Which"),
                Column::Num("Pending items"),
                Column::Num("Overdue"),
            ]
            rows
            stack=true
        />
    }
}

#[component]
fn People(page: PeopleList, on_changed: Callback<String>) -> impl IntoView {
    if page.people.is_empty() {
        return view! { <p class="empty">"No account matches these filters."</p> }.into_any();
    }
    let shown = page.people.len() as i64;
    let caption = if page.matching > shown {
        format!(
            "The first {shown} of {} accounts that match, by name: narrow the filters to see the others",
            page.matching
        )
    } else {
        format!("{} accounts, by name", page.matching)
    };
    let rows = page
        .people
        .into_iter()
        .map(|person| view! { <PersonRow person on_changed /> })
        .collect_view();
    view! {
        <DataTable
            caption
            columns=&[
                Column::Text("Name"),
                Column::Text("E-mail"),
                Column::Text("Role"),
                Column::Text("Brand or seller"),
                Column::Text("Last signed in"),
                Column::Text("Status"),
            ]
            rows
            stack=true
        />
    }
    .into_any()
}

#[component]
fn PersonRow(person: PersonView, on_changed: Callback<String>) -> impl IntoView {
    let last = person
        .last_signed_in
        .map_or_else(|| "Not signed in now".to_owned(), format_time);
    view! {
        <tr>
            <th scope="row">{person.name.clone()}</th>
            <td data-label="E-mail">{person.email.clone()}</td>
            <td data-label="Role">
                <p>{if person.brand_admin { "Brand admin" } else { person.role.label() }}</p>
                <StaffRole person=person.clone() on_changed />
            </td>
            <td data-label="Brand or seller">
                {person.belongs_to.clone().unwrap_or_else(|| "—".into())}
            </td>
            <td data-label="Last signed in">{last}</td>
            <td data-label="Status">
                <PersonStatus person=person.clone() on_changed />
            </td>
        </tr>
    }
}

/// For marketplace staff other than the admin looking: "Make platform admin" or "Make account
/// manager".
#[component]
fn StaffRole(person: PersonView, on_changed: Callback<String>) -> impl IntoView {
    let other = match person.role {
        Role::AccountManager => Role::Admin,
        Role::Admin => Role::AccountManager,
        _ => return None,
    };
    if person.you || person.deactivated_at.is_some() {
        return None;
    }
    let user_id = person.id;
    let change = Action::new(move |_: &()| set_staff_role(user_id, other.as_str().to_owned()));
    let error = action_error(change);
    on_success(change, move |message| on_changed.run(message));
    let words = match other {
        Role::Admin => "Make platform admin",
        _ => "Make account manager",
    };
    Some(view! {
        <button
            type="button"
            class="button button-secondary"
            aria-label=format!("{words}: {}", person.name)
            disabled=move || change.pending().get()
            on:click=move |_| {
                change.dispatch(());
            }
        >
            {words}
        </button>
        <FormError error />
    })
}
