//! The admins' controls on a brand's page: its account manager, Joint-Force enrolment and tier
//! overrides.

use leptos::prelude::*;

use crate::api::brands::assign_brand_manager;
use crate::api::trust::{override_tier, set_joint_force};
use crate::components::form::{
    FieldError, FormError, TextField, action_error, message_for, options_of,
};
use crate::domain::Tier;
use crate::error::AppError;
use crate::model::{ManagerOption, TrustView};
use crate::wire::Loaded;

/// The account manager, Joint-Force enrolment and tier overrides: admins only (the server
/// checks too).
#[component]
pub(super) fn AdminControls(
    view: TrustView,
    changed: RwSignal<u32>,
    managers: Loaded<Result<Vec<ManagerOption>, AppError>>,
) -> impl IntoView {
    let brand_id = view.brand.id;
    let enrolled = view.brand.joint_force_enrolled;
    let manager = RwSignal::new(String::new());
    let enrol = Action::new(move |enrol: &bool| {
        let manager = manager.get_untracked().parse().unwrap_or(0);
        set_joint_force(brand_id, *enrol, manager)
    });
    let enrol_error = action_error(enrol);
    let assigned = RwSignal::new(String::new());
    let assign = Action::new(move |_: &()| {
        let manager_id = assigned.get_untracked().parse().unwrap_or(0);
        assign_brand_manager(brand_id, manager_id)
    });
    let assign_error = action_error(assign);
    let current_manager = view
        .brand
        .manager_name
        .clone()
        .unwrap_or_else(|| "nobody yet".into());
    let tier = RwSignal::new(Tier::Standard.as_str().to_owned());
    let reason = RwSignal::new(String::new());
    let until = RwSignal::new(String::new());
    let set = Action::new(move |clear: &bool| {
        let tier = if *clear {
            String::new()
        } else {
            tier.get_untracked()
        };
        override_tier(
            brand_id,
            tier,
            reason.get_untracked(),
            until.get_untracked(),
        )
    });
    let set_error = action_error(set);
    Effect::new(move |_| {
        if matches!(enrol.value().get(), Some(Ok(())))
            || matches!(set.value().get(), Some(Ok(())))
            || matches!(assign.value().get(), Some(Ok(_)))
        {
            changed.update(|n| *n += 1);
        }
    });
    let tiers = options_of(Tier::ALL, |t| (t.as_str(), t.label()));
    view! {
        <section class="panel" aria-labelledby="admin-heading">
            <h2 id="admin-heading">"Programme settings (admin)"</h2>
            <h3>"Account manager"</h3>
            <p>
                {format!("Reviewed by {current_manager}. ")}
                "Assigning another manager moves the brand's pending items to their queue at once."
            </p>
            <div class="field">
                <label for="brand-manager">"New account manager"</label>
                <select
                    id="brand-manager"
                    on:change=move |ev| assigned.set(event_target_value(&ev))
                    aria-describedby="brand-manager-error"
                >
                    <option value="0">"Choose a manager…"</option>
                    <Transition fallback=|| ()>{move || manager_options(managers)}</Transition>
                </select>
                <FieldError id="brand-manager" message=message_for(assign_error, "manager_id") />
            </div>
            <button
                type="button"
                class="button button-secondary"
                disabled=move || assign.pending().get()
                on:click=move |_| {
                    assign.dispatch(());
                }
            >
                "Assign manager"
            </button>
            <FormError error=assign_error />
            <h3>"Joint-Force"</h3>
            {if enrolled {
                view! {
                    <p>"Enrolled in Joint-Force."</p>
                    <button
                        type="button"
                        class="button button-secondary"
                        on:click=move |_| {
                            enrol.dispatch(false);
                        }
                    >
                        "End Joint-Force enrolment"
                    </button>
                }
                    .into_any()
            } else {
                view! {
                    <div class="field">
                        <label for="jf-manager">"Account manager"</label>
                        <select
                            id="jf-manager"
                            on:change=move |ev| manager.set(event_target_value(&ev))
                            aria-describedby="jf-manager-error"
                        >
                            <option value="0">"Keep the current manager"</option>
                            <Transition fallback=|| ()>
                                {move || manager_options(managers)}
                            </Transition>
                        </select>
                        <FieldError
                            id="jf-manager"
                            message=message_for(enrol_error, "manager_id")
                        />
                    </div>
                    <button
                        type="button"
                        class="button"
                        on:click=move |_| {
                            enrol.dispatch(true);
                        }
                    >
                        "Enrol in Joint-Force"
                    </button>
                }
                    .into_any()
            }}
            <FormError error=enrol_error />
            <h3>"Override the tier"</h3>
            <div class="form-grid">
                <div class="field">
                    <label for="override-tier">"Tier"</label>
                    <select
                        id="override-tier"
                        prop:value=tier
                        on:change=move |ev| tier.set(event_target_value(&ev))
                    >
                        {tiers}
                    </select>
                    <FieldError id="override-tier" message=message_for(set_error, "tier") />
                </div>
                <TextField
                    id="until"
                    label="Until (last day)"
                    value=until
                    error=set_error
                    field="until"
                    kind="date"
                />
            </div>
            <TextField
                id="override_reason"
                label="Reason (shown to the brand)"
                value=reason
                error=set_error
                field="override_reason"
            />
            <FormError error=set_error />
            <div class="actions">
                <button
                    type="button"
                    class="button"
                    on:click=move |_| {
                        set.dispatch(false);
                    }
                >
                    "Override tier"
                </button>
                {view
                    .override_
                    .is_some()
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="button button-secondary"
                                on:click=move |_| {
                                    set.dispatch(true);
                                }
                            >
                                "End the override"
                            </button>
                        }
                    })}
            </div>
        </section>
    }
    .into_any()
}

/// An `<option>` for each account manager, once the list has loaded.
fn manager_options(managers: Loaded<Result<Vec<ManagerOption>, AppError>>) -> impl IntoView {
    Suspend::new(async move {
        managers
            .await
            .unwrap_or_default()
            .into_iter()
            .map(|m| view! { <option value=m.id.to_string()>{m.name}</option> })
            .collect_view()
    })
}
