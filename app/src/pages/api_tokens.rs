//! A brand's API tokens: the list, a form to make one (its secret shown once) and revoking.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::tokens::{create_api_token, list_api_tokens, revoke_api_token};
use crate::components::async_list::AsyncView;
use crate::components::credentials::{RevokeState, SecretShownOnce};
use crate::components::form::{
    FieldError, FormError, TextField, action_error, bump_on_success, id_param, message_for,
};
use crate::components::table::{Column, DataTable};
use crate::domain::api_token::Scope;
use crate::domain::format_time;
use crate::error::AppError;
use crate::model::{ApiTokenView, NewApiToken};
use crate::wire::load;

/// `/brands/:id/api-tokens` — the brand's tokens for the Brand API, for its own staff.
#[component]
pub fn ApiTokensPage() -> impl IntoView {
    let brand_id = id_param("id");
    let version = RwSignal::new(0_u32);
    let tokens = load(
        move || (brand_id(), version.get()),
        |(id, _)| async move {
            match id {
                Some(id) => list_api_tokens(id).await,
                None => Err(AppError::NotFound(
                    "There is no brand with that number.".into(),
                )),
            }
        },
    );
    view! {
        <Title text="API tokens" />
        <h1>"API tokens"</h1>
        <p class="lead">
            "Tokens let your systems and enforcement vendors use the "
            <a href="/api/docs">"Brand API"</a>
            ". A token acts as the person who made it: their name goes on everything it files. Revoke a token and the next call with it is refused."
        </p>
        {move || brand_id().map(|brand_id| view! { <MakeToken brand_id version /> })}
        <AsyncView
            data=tokens
            ok=move |tokens| {
                let brand_id = brand_id().unwrap_or_default();
                view! { <TokensTable tokens brand_id version /> }
            }
            suspense=true
        />
    }
}

#[component]
fn TokensTable(tokens: Vec<ApiTokenView>, brand_id: i64, version: RwSignal<u32>) -> impl IntoView {
    if tokens.is_empty() {
        return view! { <p class="empty">"Your brand has no API tokens yet."</p> }.into_any();
    }
    let revoke = Action::new(move |token_id: &i64| {
        let token_id = *token_id;
        async move { revoke_api_token(brand_id, token_id).await }
    });
    bump_on_success(revoke, version);
    let error = action_error(revoke);
    let rows = tokens
        .into_iter()
        .map(|token| {
            let scopes = token
                .scopes
                .iter()
                .map(|scope| view! { <li>{scope.as_str()}</li> })
                .collect_view();
            // Erased: the row's view type nests deep enough already for release builds.
            let state = view! { <RevokeState id=token.id name=token.name.clone() revoked_at=token.revoked_at revoke /> }
            .into_any();
            view! {
                <tr>
                    <th scope="row">{token.name.clone()}</th>
                    <td data-label="Token">
                        <code>{format!("{}…", token.prefix)}</code>
                    </td>
                    <td data-label="May">
                        <ul class="scope-list">{scopes}</ul>
                    </td>
                    <td data-label="Made by">{token.created_by.clone()}</td>
                    <td data-label="Made">{format_time(token.created_at)}</td>
                    <td data-label="Expires">
                        {token.expires_at.map_or_else(|| "Never".into(), format_time)}
                    </td>
                    <td data-label="Last used">
                        {token.last_used_at.map_or_else(|| "Not yet".into(), format_time)}
                    </td>
                    <td data-label="State">{state}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <FormError error />
        <DataTable
            caption="Your brand's API tokens"
            columns=&[
                Column::Text("Name"),
                Column::Text("Token"),
                Column::Text("May"),
                Column::Text("Made by"),
                Column::Text("Made"),
                Column::Text("Expires"),
                Column::Text("Last used"),
                Column::Text("State"),
            ]
            rows
            stack=true
        />
    }
    .into_any()
}

#[derive(Clone)]
struct TokenInput {
    brand_id: i64,
    name: String,
    scopes: Vec<String>,
    expires_on: String,
}

#[component]
fn MakeToken(brand_id: i64, version: RwSignal<u32>) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let expires_on = RwSignal::new(String::new());
    let chosen = RwSignal::new(vec![Scope::ReportsRead.as_str().to_owned()]);
    let action = Action::new(|input: &TokenInput| {
        let input = input.clone();
        async move { create_api_token(input.brand_id, input.name, input.scopes, input.expires_on).await }
    });
    let error = action_error(action);
    bump_on_success(action, version);
    let made = move || action.value().get().and_then(Result::ok);
    Effect::new(move |_| {
        if made().is_some() {
            name.set(String::new());
            expires_on.set(String::new());
        }
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        action.dispatch(TokenInput {
            brand_id,
            name: name.get(),
            scopes: chosen.get(),
            expires_on: expires_on.get(),
        });
    };
    let boxes = Scope::ALL
        .into_iter()
        .map(|scope| {
            let id = format!("scope-{}", scope.as_str().replace(':', "-"));
            let value = scope.as_str().to_owned();
            let checked = {
                let value = value.clone();
                move || chosen.with(|chosen| chosen.contains(&value))
            };
            view! {
                <div class="check">
                    <input
                        id=id.clone()
                        type="checkbox"
                        prop:checked=checked
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            chosen
                                .update(|chosen| {
                                    chosen.retain(|name| *name != value);
                                    if on {
                                        chosen.push(value.clone());
                                    }
                                });
                        }
                        aria-describedby="scopes-error"
                    />
                    <label for=id>
                        <code>{scope.as_str()}</code>
                        " — "
                        {scope.label()}
                    </label>
                </div>
            }
        })
        .collect_view();
    view! {
        <section class="panel form-panel" aria-labelledby="make-token-heading">
            <h2 id="make-token-heading">"Make a token"</h2>
            <form on:submit=submit novalidate>
                <TextField
                    id="token-name"
                    label="Name — who or what will use it"
                    value=name
                    error
                    field="name"
                    placeholder="Vendor: brand-protection agency"
                />
                <fieldset class="declaration">
                    <legend>"What it may do"</legend>
                    {boxes}
                    <FieldError id="scopes" message=message_for(error, "scopes") />
                </fieldset>
                <TextField
                    id="token-expires"
                    label="Expires on (optional, at most a year ahead)"
                    value=expires_on
                    error
                    field="expires_on"
                    kind="date"
                />
                <FormError error />
                <button type="submit" class="button">
                    "Make token"
                </button>
            </form>
            {move || made().map(|made| view! { <NewSecret made /> })}
        </section>
    }
}

/// The secret of a token just made, shown once.
#[component]
fn NewSecret(made: NewApiToken) -> impl IntoView {
    view! {
        <SecretShownOnce
            headline=format!("Token “{}” made.", made.token.name)
            advice="Copy it now: it is not stored and will not be shown again."
            id="new-token-secret"
            label="New token"
            secret=made.secret
        />
    }
}
