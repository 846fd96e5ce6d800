//! Adding a brand to the programme (platform admins): its name, the contact the marketplace
//! writes to and, if known, its account manager. It starts at Standard, like every brand.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_navigate;

use crate::api::brands::create_brand;
use crate::api::trust::list_managers;
use crate::components::async_list::AsyncView;
use crate::components::form::{FormError, SelectField, TextField, action_error, on_success};
use crate::model::ManagerOption;
use crate::wire::load;

/// `/admin/brands/new` — the form; on success the new brand's page opens.
#[component]
pub fn NewBrandPage() -> impl IntoView {
    let managers = load(|| (), |_| list_managers());
    view! {
        <Title text="Add a brand" />
        <h1>"Add a brand"</h1>
        <p class="lead">
            "A new brand starts at Standard and earns Good Faith by reporting accurately. Invite its staff from the People page once it exists."
        </p>
        <AsyncView data=managers ok=move |managers| view! { <BrandForm managers /> } />
    }
}

#[component]
fn BrandForm(managers: Vec<ManagerOption>) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let contact_name = RwSignal::new(String::new());
    let contact_email = RwSignal::new(String::new());
    let manager = RwSignal::new(String::new());
    let create = Action::new(move |_: &()| {
        create_brand(
            name.get_untracked(),
            contact_name.get_untracked(),
            contact_email.get_untracked(),
            manager.get_untracked().parse().unwrap_or(0),
        )
    });
    let error = action_error(create);
    on_success(create, move |brand_id| {
        use_navigate()(&format!("/brands/{brand_id}"), Default::default());
    });
    let options = managers
        .into_iter()
        .map(|m| view! { <option value=m.id.to_string()>{m.name}</option> })
        .collect_view();
    view! {
        <form
            class="panel"
            aria-label="New brand"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                create.dispatch(());
            }
        >
            <TextField
                id="brand-name"
                label="Brand name"
                value=name
                error=error
                field="name"
                autocomplete="organization"
            />
            <div class="form-grid">
                <TextField
                    id="contact-name"
                    label="Contact's name"
                    value=contact_name
                    error=error
                    field="contact_name"
                    autocomplete="name"
                />
                <TextField
                    id="contact-email"
                    label="Contact's e-mail address"
                    value=contact_email
                    error=error
                    field="contact_email"
                    kind="email"
                    autocomplete="email"
                />
            </div>
            <SelectField
                id="brand-manager"
                label="Account manager"
                value=manager
                options=options
                placeholder="Assign later"
                error=error
                field="manager_id"
            />
            <FormError error=error />
            <div class="actions">
                <button type="submit" class="button" disabled=move || create.pending().get()>
                    "Add brand"
                </button>
            </div>
        </form>
    }
}
