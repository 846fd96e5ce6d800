//! The reviewer's decision controls: remove, or reject with a code and an explanation.
//! Used for one item on the report page and for the selected items in the queue.

use leptos::prelude::*;

use crate::api::review::decide_items;
use crate::components::form::{
    FieldError, FormError, SelectField, action_error, message_for, options_of,
};
use crate::domain::RejectionCode;
use crate::model::{DecideOutcome, Decision};

/// Buttons deciding `items`; `on_decided` runs after the server answers, to refresh lists.
#[component]
pub fn DecisionControls(
    /// A unique prefix for the controls' ids on this page.
    id: String,
    /// The items to decide.
    #[prop(into)]
    items: Signal<Vec<i64>>,
    /// What the buttons say they act on, e.g. "this listing" or "3 selected".
    #[prop(into)]
    target: Signal<String>,
    /// Called after each decision round.
    on_decided: Callback<()>,
) -> impl IntoView {
    let action = Action::new(|(items, decision): &(Vec<i64>, Decision)| {
        decide_items(items.clone(), decision.clone())
    });
    let error = action_error(action);
    let outcome = move || action.value().get().and_then(Result::ok);
    let code = RwSignal::new(RejectionCode::InsufficientEvidence.as_str().to_owned());
    let explanation = RwSignal::new(String::new());
    Effect::new(move |_| {
        if outcome().is_some() {
            on_decided.run(());
        }
    });
    let code_id = format!("{id}-code");
    let explanation_id = format!("{id}-explanation");
    let options = options_of(RejectionCode::ALL, |code| (code.as_str(), code.label()));
    let remove = move |_| {
        action.dispatch((items.get(), Decision::Remove));
    };
    let reject = move |_| {
        let code = RejectionCode::parse(&code.get()).unwrap_or(RejectionCode::Other);
        action.dispatch((
            items.get(),
            Decision::Reject {
                code,
                explanation: explanation.get(),
            },
        ));
    };
    let explanation_error = message_for(error, "explanation");
    view! {
        <div class="decision" role="group" aria-label=move || format!("Decide {}", target.get())>
            <button
                type="button"
                class="button button-danger"
                disabled=move || action.pending().get() || items.get().is_empty()
                on:click=remove
            >
                {move || format!("Remove {}", target.get())}
            </button>
            <div class="reject">
                <SelectField id=code_id.clone() label="Rejection code" value=code options=options />
                <div class="field">
                    <label for=explanation_id.clone()>"Explanation for the brand"</label>
                    <input
                        id=explanation_id.clone()
                        prop:value=explanation
                        on:input=move |ev| explanation.set(event_target_value(&ev))
                        aria-describedby=format!("{explanation_id}-error")
                    />
                    <FieldError id=explanation_id.clone() message=explanation_error />
                </div>
                <button
                    type="button"
                    class="button button-secondary"
                    disabled=move || action.pending().get() || items.get().is_empty()
                    on:click=reject
                >
                    {move || format!("Reject {}", target.get())}
                </button>
            </div>
            <FormError error />
            {move || outcome().map(|outcome| view! { <OutcomeNote outcome /> })}
        </div>
    }
    .into_any()
}

/// What a decision or withdrawal round did, item by item.
#[component]
pub fn OutcomeNote(
    /// The server's answer.
    outcome: DecideOutcome,
) -> impl IntoView {
    let decided = outcome.decided.len();
    view! {
        <div class="outcome" role="status">
            {(decided > 0)
                .then(|| {
                    view! {
                        <p class="form-ok">
                            {format!("{decided} item{} done.", if decided == 1 { "" } else { "s" })}
                        </p>
                    }
                })}
            {(!outcome.conflicts.is_empty())
                .then(|| {
                    view! {
                        <ul class="form-error">
                            {outcome
                                .conflicts
                                .into_iter()
                                .map(|(_, message)| view! { <li>{message}</li> })
                                .collect_view()}
                        </ul>
                    }
                })}
        </div>
    }
}
