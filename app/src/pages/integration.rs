//! The marketplace connection, for platform admins: how delivery stands, the webhook endpoint
//! and its signing secret, every event with its last attempt, and integration keys.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::integration::{
    create_integration_key, integration_overview, list_deliveries, redeliver_event,
    remove_webhook_endpoint, revoke_integration_key, rotate_signing_secret, set_webhook_endpoint,
};
use crate::components::async_list::AsyncView;
use crate::components::credentials::{RevokeState, SecretShownOnce};
use crate::components::form::{FormError, SelectField, TextField, action_error, bump_on_success};
use crate::components::pager::OlderButton;
use crate::components::table::{Column, DataTable};
use crate::domain::delivery::{DeliveryState, EventKind};
use crate::domain::{format_span, format_time};
use crate::error::AppError;
use crate::model::{
    DeliveryHealth, DeliveryQuery, DeliveryView, EndpointView, IntegrationKeyView,
    IntegrationState, NewSigningSecret, ReceiptView,
};
use crate::wire::{Loaded, load};

/// `/admin/integration` — the marketplace connection (platform admins).
#[component]
pub fn IntegrationPage() -> impl IntoView {
    let version = RwSignal::new(0_u32);
    let overview = load(move || version.get(), |_| integration_overview());
    view! {
        <Title text="Marketplace integration" />
        <h1>"Marketplace integration"</h1>
        <p class="lead">
            "Every removal, restoration and seller suspension is sent to the marketplace as a signed webhook (Standard Webhooks), retried for 24 hours, and can be pulled from "
            <code>"GET /api/v1/marketplace/events"</code> " with an integration key. See "
            <a href="/api/docs">"the API reference"</a>
            ". Statements of reasons for the EU Transparency Database are on "
            <a href="/admin/statements">"Statements of reasons"</a> "."
        </p>
        // Each form stays put while the figures around it reload, so a secret just made
        // stays on screen.
        <AsyncView data=overview ok=move |overview| view! { <Health health=overview.health /> } />
        <Endpoint overview version />
        <Deliveries version />
        <Keys overview version />
        <AsyncView
            data=overview
            ok=move |overview| view! { <Receipts receipts=overview.receipts /> }
            quiet=true
        />
    }
}

#[component]
fn Health(health: DeliveryHealth) -> impl IntoView {
    let oldest = health
        .oldest_pending_age_ms
        .map_or_else(|| "none".to_owned(), format_span);
    let banner = health.trouble.map(|trouble| {
        view! {
            <div class="banner banner-warn" role="alert">
                <strong>"Delivery needs attention. "</strong>
                {trouble}
            </div>
        }
    });
    view! {
        {banner}
        <dl class="figures" aria-label="Delivery">
            <div>
                <dt>"Waiting"</dt>
                <dd>{health.pending}</dd>
            </div>
            <div>
                <dt>"Being retried"</dt>
                <dd>{health.retrying}</dd>
            </div>
            <div>
                <dt>"Delivered"</dt>
                <dd>{health.delivered}</dd>
            </div>
            <div>
                <dt>"Failed"</dt>
                <dd>{health.failed}</dd>
            </div>
            <div>
                <dt>"Oldest undelivered"</dt>
                <dd>{oldest}</dd>
            </div>
        </dl>
    }
}

#[component]
fn Endpoint(
    overview: Loaded<Result<IntegrationState, AppError>>,
    version: RwSignal<u32>,
) -> impl IntoView {
    let url = RwSignal::new(String::new());
    let save = Action::new(|url: &String| {
        let url = url.clone();
        async move { set_webhook_endpoint(url).await }
    });
    let rotate = Action::new(|_: &()| rotate_signing_secret());
    let remove = Action::new(|_: &()| remove_webhook_endpoint());
    let error = action_error(save);
    let rotate_error = action_error(rotate);
    let remove_error = action_error(remove);
    bump_on_success(remove, version);
    bump_on_success(save, version);
    bump_on_success(rotate, version);
    let new_secret = Signal::derive(move || {
        let rotated = rotate.value().get().and_then(Result::ok);
        let first = save.value().get().and_then(Result::ok).flatten();
        rotated.or(first)
    });
    let saved = move || save.value().get().is_some_and(|result| result.is_ok());
    let current = move |endpoint: Option<EndpointView>| {
        match endpoint {
        Some(endpoint) => {
            let rotation = endpoint.previous_signs_until.map(|until| {
                format!(
                    " During the rotation the previous secret signs too, until {}.",
                    format_time(until)
                )
            });
            if url.get_untracked().is_empty() {
                url.set(endpoint.url.clone());
            }
            view! {
                <p>
                    "Events go to " <code>{endpoint.url}</code> ", set by "
                    {endpoint.updated_by.unwrap_or_else(|| "the demo".into())} " on "
                    {format_time(endpoint.updated_at)} "." {rotation}
                </p>
            }
                .into_any()
        }
        None => {
            view! { <p>"No webhook address is set: events wait in the outbox for the pull feed."</p> }
                .into_any()
        }
    }
    };
    // Offered once there is an endpoint: read inside the overview's own Suspense, so the
    // server's HTML and the browser's first render agree.
    let endpoint_actions = move |overview: IntegrationState| {
        overview.endpoint.is_some().then(|| {
            view! {
                <button
                    type="button"
                    class="button button-secondary"
                    on:click=move |_| {
                        rotate.dispatch(());
                    }
                >
                    "Rotate signing secret"
                </button>
                <button
                    type="button"
                    class="button button-secondary"
                    on:click=move |_| {
                        remove.dispatch(());
                    }
                >
                    "Stop sending"
                </button>
            }
        })
    };
    view! {
        <section class="panel form-panel" aria-labelledby="endpoint-heading">
            <h2 id="endpoint-heading">"Webhook endpoint"</h2>
            <AsyncView data=overview ok=move |overview| current(overview.endpoint) quiet=true />
            <form
                on:submit=move |event: leptos::ev::SubmitEvent| {
                    event.prevent_default();
                    save.dispatch(url.get());
                }
                novalidate
            >
                <TextField
                    id="webhook-url"
                    label="Webhook address (https://…)"
                    value=url
                    error
                    field="url"
                    placeholder="https://market.example/goodfaith/webhooks"
                />
                <FormError error />
                <div class="actions">
                    <button type="submit" class="button">
                        "Save address"
                    </button>
                    <AsyncView data=overview ok=endpoint_actions quiet=true />
                </div>
                <FormError error=rotate_error />
                <FormError error=remove_error />
            </form>
            <Show when=saved>
                <p role="status">"Address saved."</p>
            </Show>
            {move || new_secret.get().map(|made| view! { <SigningSecret made /> })}
        </section>
    }
}

/// A signing secret just made, shown once.
#[component]
fn SigningSecret(made: NewSigningSecret) -> impl IntoView {
    let overlap = made
        .previous_signs_until
        .map(|until| {
            format!(
                " The previous secret keeps signing until {}: deploy this one before then.",
                format_time(until)
            )
        })
        .unwrap_or_default();
    view! {
        <SecretShownOnce
            headline="New signing secret."
            advice=format!(
                "Give it to the marketplace's receiver now: it is not shown again.{overlap}",
            )
            id="new-signing-secret"
            label="Signing secret"
            secret=made.secret
        />
    }
}

#[component]
fn Deliveries(version: RwSignal<u32>) -> impl IntoView {
    let state = RwSignal::new(String::new());
    let event = RwSignal::new(String::new());
    let listing = RwSignal::new(String::new());
    let before = RwSignal::new(None::<i64>);
    let page = load(
        move || {
            let query = DeliveryQuery {
                state: state.get(),
                event: event.get(),
                listing: listing.get(),
                before: before.get(),
            };
            (query, version.get())
        },
        |(query, _)| list_deliveries(query),
    );
    // A filter the server refused (a listing ID that is not digits) says so by its field.
    // (Read in an effect: the resource is read outside its Suspense only there.)
    let refused = RwSignal::new(None::<AppError>);
    Effect::new(move |_| refused.set(page.get().and_then(Result::err)));
    let filter_error: Signal<Option<AppError>> = refused.into();
    // Filters start from the newest again.
    Effect::new(move |_| {
        state.track();
        event.track();
        listing.track();
        before.set(None);
    });
    let states = DeliveryState::ALL
        .map(|state| view! { <option value=state.as_str()>{state.label()}</option> })
        .collect_view();
    let events = EventKind::ALL
        .map(|kind| view! { <option value=kind.as_str()>{kind.as_str()}</option> })
        .collect_view();
    view! {
        <section aria-labelledby="deliveries-heading">
            <h2 id="deliveries-heading">"Events and their delivery"</h2>
            <div class="filters">
                <SelectField
                    id="delivery-state"
                    label="State"
                    value=state
                    options=states
                    placeholder="All states"
                />
                <SelectField
                    id="delivery-event"
                    label="Event"
                    value=event
                    options=events
                    placeholder="All events"
                />
                <TextField
                    id="delivery-listing"
                    label="Listing ID"
                    value=listing
                    kind="search"
                    error=filter_error
                    field="listing"
                />
            </div>
            <AsyncView
                data=page
                ok=move |page| {
                    view! {
                        <DeliveryTable rows=page.rows version />
                        <OlderButton next=page.next_before before />
                    }
                }
                suspense=false
            />
        </section>
    }
}

#[component]
fn DeliveryTable(rows: Vec<DeliveryView>, version: RwSignal<u32>) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="empty">"No events match."</p> }.into_any();
    }
    let redeliver = Action::new(|id: &i64| redeliver_event(*id));
    bump_on_success(redeliver, version);
    let error = action_error(redeliver);
    let rows = rows
        .into_iter()
        .map(|row| {
            let subject = match (row.listing_id, row.seller_id) {
                (Some(listing), _) => {
                    view! { <a href=format!("/listings/{listing}")>{format!("Listing {listing}")}</a> }
                        .into_any()
                }
                (None, Some(seller)) => format!("Seller {seller}").into_any(),
                (None, None) => "".into_any(),
            };
            let state_class = match row.state {
                DeliveryState::Delivered => "pill status-live",
                DeliveryState::Pending => "pill status-restored",
                DeliveryState::Failed => "pill status-removed",
            };
            let when = match row.state {
                DeliveryState::Delivered => row.delivered_at.map(format_time),
                DeliveryState::Pending => row.next_attempt_at.map(|at| format!("next try {}", format_time(at))),
                DeliveryState::Failed => Some("retries ran out".into()),
            };
            let last = row.last_attempt_at.map(|at| {
                let status = row
                    .last_status
                    .map_or_else(|| "no answer".to_owned(), |status| format!("HTTP {status}"));
                let id = row.id;
                view! {
                    <details>
                        <summary>{format!("{}, {status}", format_time(at))}</summary>
                        <p class="hint">{format!("Request of msg_{id}")}</p>
                        <pre class="wire">{row.last_request.clone().unwrap_or_default()}</pre>
                        <p class="hint">"Response"</p>
                        <pre class="wire">
                            {row
                                .last_response
                                .clone()
                                .filter(|text| !text.is_empty())
                                .unwrap_or_else(|| "(an empty body)".into())}
                        </pre>
                    </details>
                }
            });
            let action = (row.state != DeliveryState::Pending).then(|| {
                let id = row.id;
                view! {
                    <button
                        type="button"
                        class="link-button"
                        aria-label=format!("Redeliver msg_{id}")
                        on:click=move |_| {
                            redeliver.dispatch(id);
                        }
                    >
                        "Redeliver"
                    </button>
                }
            });
            view! {
                <tr>
                    <th scope="row">
                        <code>{format!("msg_{}", row.id)}</code>
                    </th>
                    <td data-label="Type">{row.event.as_str()}</td>
                    <td data-label="About">{subject}</td>
                    <td data-label="Decided">{format_time(row.created_at)}</td>
                    <td data-label="Delivery">
                        <span class=state_class>{row.state.label()}</span>
                        " "
                        {when}
                    </td>
                    <td data-label="Attempts" class="num">
                        {row.attempts}
                    </td>
                    <td data-label="Last attempt">{last}</td>
                    <td data-label="Action">{action}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <FormError error />
        <DataTable
            caption="Events, newest first"
            columns=&[
                Column::Text("Event"),
                Column::Text("Type"),
                Column::Text("About"),
                Column::Text("Decided"),
                Column::Text("Delivery"),
                Column::Num("Attempts"),
                Column::Text("Last attempt"),
                Column::Text("Action"),
            ]
            rows
            stack=true
        />
    }
    .into_any()
}

#[component]
fn Keys(
    overview: Loaded<Result<IntegrationState, AppError>>,
    version: RwSignal<u32>,
) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let make = Action::new(|name: &String| {
        let name = name.clone();
        async move { create_integration_key(name).await }
    });
    let error = action_error(make);
    bump_on_success(make, version);
    let made = move || make.value().get().and_then(Result::ok);
    view! {
        <section class="panel form-panel" aria-labelledby="keys-heading">
            <h2 id="keys-heading">"Integration keys"</h2>
            <p>
                "The marketplace's systems call " <code>"/api/v1/marketplace/…"</code>
                " with a key: " <code>"Authorization: Bearer gfm_…"</code> "."
            </p>
            <form
                on:submit=move |event: leptos::ev::SubmitEvent| {
                    event.prevent_default();
                    make.dispatch(name.get());
                }
                novalidate
            >
                <TextField
                    id="key-name"
                    label="Name — the system that will use it"
                    value=name
                    error
                    field="name"
                    placeholder="Listings sync"
                />
                <FormError error />
                <button type="submit" class="button">
                    "Make key"
                </button>
            </form>
            {move || {
                made()
                    .map(|made| {
                        view! {
                            <SecretShownOnce
                                headline=format!("Key “{}” made.", made.key.name)
                                advice="Copy it now: it is not stored and will not be shown again."
                                id="new-key-secret"
                                label="New key"
                                secret=made.secret
                            />
                        }
                    })
            }}
            <AsyncView
                data=overview
                ok=move |overview| view! { <KeyTable keys=overview.keys version /> }
                quiet=true
            />
        </section>
    }
}

#[component]
fn KeyTable(keys: Vec<IntegrationKeyView>, version: RwSignal<u32>) -> impl IntoView {
    let revoke = Action::new(|id: &i64| revoke_integration_key(*id));
    let revoke_error = action_error(revoke);
    bump_on_success(revoke, version);
    let no_keys = keys.is_empty();
    let rows = keys
        .into_iter()
        .map(|key| {
            // Erased: the row's view type nests deep enough already for release builds.
            let state = view! { <RevokeState id=key.id name=key.name.clone() revoked_at=key.revoked_at revoke /> }
            .into_any();
            view! {
                <tr>
                    <th scope="row">{key.name.clone()}</th>
                    <td data-label="Key">
                        <code>{format!("{}…", key.prefix)}</code>
                    </td>
                    <td data-label="Made by">{key.created_by.clone()}</td>
                    <td data-label="Made">{format_time(key.created_at)}</td>
                    <td data-label="Last used">
                        {key.last_used_at.map_or_else(|| "Not yet".into(), format_time)}
                    </td>
                    <td data-label="State">{state}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <FormError error=revoke_error />
        {if no_keys {
            view! { <p class="empty">"No integration keys yet."</p> }.into_any()
        } else {
            view! {
                <DataTable
                    caption="Integration keys, newest first"
                    columns=&[
                        Column::Text("Name"),
                        Column::Text("Key"),
                        Column::Text("Made by"),
                        Column::Text("Made"),
                        Column::Text("Last used"),
                        Column::Text("State"),
                    ]
                    rows
                    stack=true
                />
            }
                .into_any()
        }}
    }
}

#[component]
fn Receipts(receipts: Vec<ReceiptView>) -> impl IntoView {
    if receipts.is_empty() {
        return ().into_any();
    }
    let rows = receipts
        .into_iter()
        .map(|receipt| {
            view! {
                <tr>
                    <th scope="row">
                        <code>{receipt.webhook_id.clone()}</code>
                    </th>
                    <td data-label="Type">{receipt.event.clone()}</td>
                    <td data-label="Received">{format_time(receipt.received_at)}</td>
                    <td data-label="Signature">{receipt.verified.clone()}</td>
                    <td data-label="Body">
                        <details>
                            <summary>"Body"</summary>
                            <pre class="wire">{receipt.body.clone()}</pre>
                        </details>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="receipts-heading">
            <h2 id="receipts-heading">"Received by the demo's marketplace"</h2>
            <p>
                "In demo mode the webhook points at a receiver built into the portal, which checks each signature the way "
                <code>"examples/webhook-receiver"</code> " does."
            </p>
            <DataTable
                caption="Latest webhooks received, newest first"
                columns=&[
                    Column::Text("Message"),
                    Column::Text("Type"),
                    Column::Text("Received"),
                    Column::Text("Signature"),
                    Column::Text("Body"),
                ]
                rows
                stack=true
            />
        </section>
    }
    .into_any()
}
