//! The account manager's appeals queue: sellers' counter-notices waiting for a decision.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::appeals::{appeals_queue, decide_counter_notice};
use crate::components::appeal::AppealFacts;
use crate::components::async_list::AsyncList;
use crate::components::form::{FormError, TextField, action_error, on_success};
use crate::domain::appeal::AppealDecision;
use crate::model::AppealView;
use crate::wire::load;

/// `/review/appeals` — open counter-notices of the manager's brands (admins: all), those
/// without a response from the rights holder first, each with the decision.
#[component]
pub fn AppealsPage() -> impl IntoView {
    let decided = RwSignal::new(0_u32);
    let notice = RwSignal::new(None::<String>);
    let appeals = load(move || decided.get(), |_| appeals_queue());
    let on_decided = Callback::new(move |message: String| {
        notice.set(Some(message));
        decided.update(|n| *n += 1);
    });
    view! {
        <Title text="Appeals" />
        <h1>"Appeals"</h1>
        <p class="lede">
            "Sellers' counter-notices against removals. Restoring a listing counts against the brand's accuracy; upholding tells the seller why. A person decides every appeal."
        </p>
        <p class="form-ok" role="status">
            {move || notice.get()}
        </p>
        <AsyncList
            items=appeals
            empty="No counter-notice is waiting for a decision."
            item=move |appeal| view! { <AppealCard appeal on_decided /> }
        />
    }
}

#[component]
fn AppealCard(appeal: AppealView, on_decided: Callback<String>) -> impl IntoView {
    let id = appeal.id;
    let note = RwSignal::new(String::new());
    let explanation = RwSignal::new(String::new());
    let action =
        Action::new(move |decision: &AppealDecision| decide_counter_notice(id, decision.clone()));
    let error = action_error(action);
    on_success(action, move |message| on_decided.run(message));
    let flag = appeal
        .no_response
        .then(|| view! { <span class="pill appeal-flag">"No response from rights holder"</span> });
    let heading = format!(
        "Counter-notice {id} · {} · listing {}",
        appeal.brand_name, appeal.listing.id
    );
    view! {
        <li class="card" aria-label=format!("Counter-notice {id}")>
            <h3>{heading} " " {flag}</h3>
            <AppealFacts appeal show_contact=true />
            <div class="decision" role="group" aria-label=format!("Decide counter-notice {id}")>
                <div class="reject">
                    <TextField
                        id=format!("appeal-{id}-note")
                        label="Note on the restoration (optional)"
                        value=note
                        error
                        field="note"
                    />
                    <button
                        type="button"
                        class="button"
                        disabled=move || action.pending().get()
                        on:click=move |_| {
                            action
                                .dispatch(AppealDecision::Restore {
                                    note: note.get(),
                                });
                        }
                        aria-label=format!("Restore the listing of counter-notice {id}")
                    >
                        "Restore listing"
                    </button>
                </div>
                <div class="reject">
                    <TextField
                        id=format!("appeal-{id}-explanation")
                        label="Why the removal stands (the seller reads this)"
                        value=explanation
                        error
                        field="explanation"
                    />
                    <button
                        type="button"
                        class="button button-danger"
                        disabled=move || action.pending().get()
                        on:click=move |_| {
                            action
                                .dispatch(AppealDecision::Uphold {
                                    explanation: explanation.get(),
                                });
                        }
                        aria-label=format!("Uphold the removal of counter-notice {id}")
                    >
                        "Uphold removal"
                    </button>
                </div>
            </div>
            <FormError error />
        </li>
    }
}
