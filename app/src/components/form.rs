//! Form helpers: messages next to the field that caused them, and the rest above the button.

use leptos::prelude::*;

use crate::error::AppError;

/// The server's messages for one field of the last failed submission, joined.
pub fn message_for(error: Signal<Option<AppError>>, field: &'static str) -> Signal<Option<String>> {
    Signal::derive(move || {
        error
            .get()
            .map(|error| error.messages_for(field).join(" "))
            .filter(|message| !message.is_empty())
    })
}

/// A field's error paragraph, announced politely; its id is `{id}-error` so the control can
/// point at it with `aria-describedby`.
#[component]
pub fn FieldError(
    /// The control's id.
    #[prop(into)]
    id: String,
    /// The message, if any.
    message: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <p id=format!("{id}-error") class="field-error" aria-live="polite">
            {move || message.get()}
        </p>
    }
}

/// A failure that is not about one field (forbidden, conflict, server trouble), as an alert.
#[component]
pub fn FormError(
    /// The last failure.
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    move || {
        error
            .get()
            .filter(|error| !matches!(error, AppError::Validation(_)))
            .map(|error| {
                view! {
                    <p class="form-error" role="alert">
                        {error.to_string()}
                    </p>
                }
            })
    }
}

/// The id in a route parameter such as `:id`, if it is a number.
pub fn id_param(name: &'static str) -> impl Fn() -> Option<i64> + Copy + Send + Sync + 'static {
    let params = leptos_router::hooks::use_params_map();
    move || {
        params
            .read()
            .get(name)
            .and_then(|id| id.parse::<i64>().ok())
    }
}

/// A labelled text control with the server's message for its field underneath: the block
/// every form repeats. `field` names the server's field; the control's id is `id`.
#[component]
pub fn TextField(
    /// The control's id (unique on the page).
    #[prop(into)]
    id: String,
    /// The visible label.
    #[prop(into)]
    label: String,
    /// What is typed, kept across failed submissions.
    value: RwSignal<String>,
    /// The last failure of the form's action.
    error: Signal<Option<AppError>>,
    /// The server's name for the field.
    field: &'static str,
    /// The input type ("text" unless said otherwise).
    #[prop(optional)]
    kind: Option<&'static str>,
    /// A multi-line text area instead of an input.
    #[prop(optional)]
    multiline: bool,
    /// Extra attributes for number inputs and the like, e.g. `inputmode`.
    #[prop(optional)]
    inputmode: Option<&'static str>,
    /// The browser's autofill hint, e.g. `name` (none unless said).
    #[prop(optional)]
    autocomplete: Option<&'static str>,
    /// Visible lines of a multi-line text area ("3" unless said otherwise).
    #[prop(optional)]
    rows: Option<&'static str>,
    /// An example shown in an empty input, e.g. "EU, US, WIPO…" (none unless said).
    #[prop(optional)]
    placeholder: Option<&'static str>,
) -> impl IntoView {
    let described = format!("{id}-error");
    let control = if multiline {
        view! {
            <textarea
                id=id.clone()
                rows=rows.unwrap_or("3")
                prop:value=value
                on:input=move |ev| value.set(event_target_value(&ev))
                aria-describedby=described
            ></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                id=id.clone()
                type=kind.unwrap_or("text")
                inputmode=inputmode
                autocomplete=autocomplete
                placeholder=placeholder
                prop:value=value
                on:input=move |ev| value.set(event_target_value(&ev))
                aria-describedby=described
            />
        }
        .into_any()
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            {control}
            <FieldError id message=message_for(error, field) />
        </div>
    }
}

/// A labelled drop-down with, when `field` is given, the server's message for that field
/// underneath (and the control pointing at it): the select block forms repeat.
#[component]
pub fn SelectField<O>(
    /// The control's id (unique on the page).
    #[prop(into)]
    id: String,
    /// The visible label.
    #[prop(into)]
    label: String,
    /// The chosen option's value.
    value: RwSignal<String>,
    /// The options after the placeholder.
    options: O,
    /// A first option with the empty value, e.g. "Choose a reason…".
    #[prop(optional)]
    placeholder: Option<&'static str>,
    /// The last failure of the form's action (with `field`).
    #[prop(optional)]
    error: Option<Signal<Option<AppError>>>,
    /// The server's name for the field; without it no message is shown.
    #[prop(optional)]
    field: Option<&'static str>,
) -> impl IntoView
where
    O: IntoView + 'static,
{
    let message = error
        .zip(field)
        .map(|(error, field)| message_for(error, field));
    let described = message.map(|_| format!("{id}-error"));
    let placeholder = placeholder.map(|text| view! { <option value="">{text}</option> });
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select
                id=id.clone()
                prop:value=value
                on:change=move |ev| value.set(event_target_value(&ev))
                aria-describedby=described
            >
                {placeholder}
                {options}
            </select>
            {message.map(|message| view! { <FieldError id message /> })}
        </div>
    }
}

/// The last failure of a form's action, for its messages ([`FieldError`], [`FormError`]).
pub fn action_error<I, T>(action: Action<I, Result<T, AppError>>) -> Signal<Option<AppError>>
where
    I: Send + Sync + 'static,
    T: Clone + Send + Sync + 'static,
{
    Signal::derive(move || action.value().get().and_then(Result::err))
}

/// Runs `then` with the value of each success of `action`: an effect, so it runs in the
/// browser after the action completes, never while the server renders.
pub fn on_success<I, T>(action: Action<I, Result<T, AppError>>, then: impl Fn(T) + 'static)
where
    I: Send + Sync + 'static,
    T: Clone + Send + Sync + 'static,
{
    Effect::new(move |_| {
        if let Some(Ok(value)) = action.value().get() {
            then(value);
        }
    });
}

/// Bumps `version` each time `action` succeeds, so the resources keyed on it load again.
pub fn bump_on_success<I, T>(action: Action<I, Result<T, AppError>>, version: RwSignal<u32>)
where
    I: Send + Sync + 'static,
    T: Clone + Send + Sync + 'static,
{
    on_success(action, move |_| version.update(|n| *n += 1));
}

/// An `<option>` for each value of a closed list (a domain enum's `ALL`): `value_label` gives
/// its code, sent as the option's value, and the label people read.
pub fn options_of<T>(
    all: impl IntoIterator<Item = T>,
    value_label: impl Fn(T) -> (&'static str, &'static str),
) -> impl IntoView {
    all.into_iter()
        .map(|item| {
            let (value, label) = value_label(item);
            view! { <option value=value>{label}</option> }
        })
        .collect_view()
}

/// An `<option>` for each brand the signed-in reviewer may filter by (their own as an account
/// manager, every brand as an admin), loaded once, inside a `<select>` after its "all" option.
#[component]
pub fn VisibleBrandOptions() -> impl IntoView {
    let brands = crate::wire::load(|| (), |_| crate::api::brands::list_visible_brands());
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                brands
                    .await
                    .unwrap_or_default()
                    .into_iter()
                    .map(|b| view! { <option value=b.id.to_string()>{b.name}</option> })
                    .collect_view()
            })}
        </Transition>
    }
}
