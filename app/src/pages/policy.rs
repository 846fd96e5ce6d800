//! The Policy page (platform admins): every threshold the portal runs by, what it does, the
//! value in force and the default, changing one with a reason, and the history of changes.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::policy::{change_policy, get_policy};
use crate::components::async_list::AsyncView;
use crate::components::form::{FormError, TextField, action_error, on_success};
use crate::components::table::{Column, DataTable};
use crate::domain::format_time;
use crate::model::{PolicyChangeView, PolicySettingView, PolicyView};
use crate::wire::load;

/// `/admin/policy` — the settings, each changeable, and the newest changes.
#[component]
pub fn PolicyPage() -> impl IntoView {
    let version = RwSignal::new(0_u32);
    let policy = load(move || version.get(), |_| get_policy());
    let notice = RwSignal::new(None::<String>);
    let on_changed = Callback::new(move |message: String| {
        notice.set(Some(message));
        version.update(|n| *n += 1);
    });
    view! {
        <Title text="Policy" />
        <h1>"Policy"</h1>
        <p class="lead">
            "The thresholds the portal runs by. A change is in force at once on every server, with its reason in the history below: pending items' deadlines move with a review target, and tiers are recomputed when a tier threshold changes. The environment sets the defaults."
        </p>
        <p class="form-ok" role="status">
            {move || notice.get()}
        </p>
        <AsyncView data=policy ok=move |policy| view! { <Policy policy on_changed /> } />
    }
}

#[component]
fn Policy(policy: PolicyView, on_changed: Callback<String>) -> impl IntoView {
    let PolicyView { settings, changes } = policy;
    let settings = settings
        .into_iter()
        .map(|setting| view! { <SettingItem setting on_changed /> })
        .collect_view();
    view! {
        <ul class="settings" aria-label="Settings">
            {settings}
        </ul>
        <section class="panel" aria-labelledby="changes-heading">
            <h2 id="changes-heading">"Changes"</h2>
            <Changes changes />
        </section>
    }
}

#[component]
fn SettingItem(setting: PolicySettingView, on_changed: Callback<String>) -> impl IntoView {
    let value = RwSignal::new(setting.typed.clone());
    let reason = RwSignal::new(String::new());
    let key = setting.key.clone();
    let save = Action::new(move |_: &()| {
        change_policy(key.clone(), value.get_untracked(), reason.get_untracked())
    });
    let error = action_error(save);
    on_success(save, move |message| {
        reason.set(String::new());
        on_changed.run(message);
    });
    let heading = format!("setting-{}", setting.key);
    let labelled = heading.clone();
    let default_note = if setting.changed {
        format!("Changed from the default, {}.", setting.default)
    } else {
        "The default.".to_owned()
    };
    view! {
        <li class="panel setting" aria-labelledby=labelled>
            <h2 id=heading>{setting.label.clone()}</h2>
            <p>{setting.meaning.clone()}</p>
            <p>
                <strong>{setting.value.clone()}</strong>
                " in force. "
                <span class="hint">{default_note} {format!(" Allowed: {}.", setting.range)}</span>
            </p>
            <details>
                <summary>{format!("Change: {}…", setting.label)}</summary>
                <form
                    aria-label=format!("Change: {}", setting.label)
                    novalidate
                    on:submit=move |ev| {
                        ev.prevent_default();
                        save.dispatch(());
                    }
                >
                    <div class="form-grid">
                        <TextField
                            id=format!("{}-value", setting.key)
                            label="New value"
                            value
                            error
                            field="value"
                            inputmode="decimal"
                        />
                        <TextField
                            id=format!("{}-reason", setting.key)
                            label="Reason (kept in the history)"
                            value=reason
                            error
                            field="reason"
                        />
                    </div>
                    <FormError error />
                    <button type="submit" class="button" disabled=move || save.pending().get()>
                        "Save the change"
                    </button>
                </form>
            </details>
        </li>
    }
}

#[component]
fn Changes(changes: Vec<PolicyChangeView>) -> impl IntoView {
    if changes.is_empty() {
        return view! { <p class="empty">"Every setting is at its default."</p> }.into_any();
    }
    let rows = changes
        .into_iter()
        .map(|change| {
            view! {
                <tr>
                    <th scope="row">{change.label}</th>
                    <td data-label="Change">{format!("{} → {}", change.from, change.to)}</td>
                    <td data-label="Reason">{change.reason}</td>
                    <td data-label="By">{change.by}</td>
                    <td data-label="When">{format_time(change.at)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <DataTable
            caption="The newest changes first"
            columns=&[
                Column::Text("Setting"),
                Column::Text("Change"),
                Column::Text("Reason"),
                Column::Text("By"),
                Column::Text("When"),
            ]
            rows
            stack=true
        />
    }
    .into_any()
}
