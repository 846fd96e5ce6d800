//! The public page of one marketplace listing.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::listings::get_listing;
use crate::components::outcome::{ErrorPanel, Loading};
use crate::components::pills::ListingStatusPill;
use crate::domain::{ListingStatus, format_price};
use crate::error::AppError;
use crate::model::ListingView;

/// `/listings/:id` — title, price, seller and status; open to everyone.
#[component]
pub fn ListingPage() -> impl IntoView {
    let params = use_params_map();
    let listing_id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i64>().ok())
    };
    let listing = Resource::new(listing_id, |id| async move {
        match id {
            Some(id) => get_listing(id).await,
            None => Err(AppError::NotFound(
                "There is no listing with that number.".into(),
            )),
        }
    });
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match listing.await {
                    Ok(listing) => view! { <ListingDetail listing /> }.into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ListingDetail(listing: ListingView) -> impl IntoView {
    let removed = listing.status == ListingStatus::Removed;
    view! {
        <Title text=listing.title.clone() />
        <article class="panel listing">
            <p class="eyebrow">{format!("Listing {} · {}", listing.id, listing.category)}</p>
            <h1>{listing.title.clone()}</h1>
            <p class="price">{format_price(listing.price_cents, &listing.currency)}</p>
            <dl class="facts">
                <div>
                    <dt>"Seller"</dt>
                    <dd>{listing.seller_name.clone()}</dd>
                </div>
                <div>
                    <dt>"Status"</dt>
                    <dd>
                        <ListingStatusPill status=listing.status />
                    </dd>
                </div>
            </dl>
            {removed
                .then(|| {
                    view! {
                        <p class="notice" role="note">
                            "This listing was removed after an intellectual-property notice."
                        </p>
                    }
                })}
        </article>
    }
}
