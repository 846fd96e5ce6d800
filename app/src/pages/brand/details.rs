//! The admins' controls for the brand itself: its name and contact, and deactivating it (its
//! staff are signed out and cannot sign in; its data stays) or reactivating it.

use leptos::prelude::*;

use crate::api::brands::{deactivate_brand, reactivate_brand, update_brand};
use crate::components::form::{FormError, TextField, action_error, bump_on_success};
use crate::model::BrandSummary;

/// The brand's details form and its deactivation: admins only (the server checks too).
#[component]
pub(super) fn BrandSettings(brand: BrandSummary, changed: RwSignal<u32>) -> impl IntoView {
    let brand_id = brand.id;
    let name = RwSignal::new(brand.name.clone());
    let contact_name = RwSignal::new(brand.contact_name.clone());
    let contact_email = RwSignal::new(brand.contact_email.clone());
    let save = Action::new(move |_: &()| {
        update_brand(
            brand_id,
            name.get_untracked(),
            contact_name.get_untracked(),
            contact_email.get_untracked(),
        )
    });
    let save_error = action_error(save);
    bump_on_success(save, changed);
    let saved = move || save.value().get().and_then(Result::ok);
    view! {
        <section class="panel" aria-labelledby="brand-settings-heading">
            <h2 id="brand-settings-heading">"Brand details (admin)"</h2>
            <form
                aria-label="Brand details"
                novalidate
                on:submit=move |ev| {
                    ev.prevent_default();
                    save.dispatch(());
                }
            >
                <TextField
                    id="edit-brand-name"
                    label="Brand name"
                    value=name
                    error=save_error
                    field="name"
                />
                <div class="form-grid">
                    <TextField
                        id="edit-contact-name"
                        label="Contact's name"
                        value=contact_name
                        error=save_error
                        field="contact_name"
                    />
                    <TextField
                        id="edit-contact-email"
                        label="Contact's e-mail address"
                        value=contact_email
                        error=save_error
                        field="contact_email"
                        kind="email"
                    />
                </div>
                <FormError error=save_error />
                <p class="form-ok" role="status">
                    {saved}
                </p>
                <button type="submit" class="button button-secondary">
                    "Save details"
                </button>
            </form>
            <Deactivation brand changed />
        </section>
    }
}

/// "Deactivate brand" with a reason, or — for a deactivated brand — why and when, and
/// "Reactivate brand".
#[component]
fn Deactivation(brand: BrandSummary, changed: RwSignal<u32>) -> impl IntoView {
    let brand_id = brand.id;
    let reason = RwSignal::new(String::new());
    let deactivate = Action::new(move |_: &()| deactivate_brand(brand_id, reason.get_untracked()));
    let deactivate_error = action_error(deactivate);
    bump_on_success(deactivate, changed);
    let reactivate = Action::new(move |_: &()| reactivate_brand(brand_id));
    let reactivate_error = action_error(reactivate);
    bump_on_success(reactivate, changed);
    match brand.deactivated_at {
        Some(_) => view! {
            <h3>"Deactivated"</h3>
            <p>
                "Its staff cannot sign in until it is reactivated; they then sign in with their own passwords."
            </p>
            <FormError error=reactivate_error />
            <button
                type="button"
                class="button"
                on:click=move |_| {
                    reactivate.dispatch(());
                }
            >
                "Reactivate brand"
            </button>
        }
        .into_any(),
        None => view! {
            <h3>"Deactivate"</h3>
            <p>
                "Its staff are signed out at once and cannot sign in or use its API tokens. Its reports, decisions and history stay; pending items stay in the manager's queue."
            </p>
            <form
                aria-label="Deactivate brand"
                on:submit=move |ev| {
                    ev.prevent_default();
                    deactivate.dispatch(());
                }
            >
                <TextField
                    id="deactivate-reason"
                    label="Reason (other admins and the manager read it)"
                    value=reason
                    error=deactivate_error
                    field="reason"
                />
                <FormError error=deactivate_error />
                <button type="submit" class="button button-danger">
                    "Deactivate brand"
                </button>
            </form>
        }
        .into_any(),
    }
}
