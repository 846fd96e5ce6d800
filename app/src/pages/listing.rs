//! The public page of one marketplace listing.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::auth::get_current_user;
use crate::api::listings::get_listing;
use crate::api::review::{get_statement_of_reasons, listing_trail};
use crate::components::outcome::{ErrorPanel, Loading};
use crate::components::pills::ListingStatusPill;
use crate::domain::Role;
use crate::domain::{ListingStatus, format_price, format_time};
use crate::error::AppError;
use crate::model::ListingView;
use crate::pages::appeals::SellerCase;
use crate::pages::report_detail::Timeline;

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
    // A counter-notice filed below adds to the audit trail, which reloads with it.
    let changed = RwSignal::new(0_u32);
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
        </article>
        {removed
            .then(|| {
                view! {
                    <RemovalNotice listing_id=listing.id seller_id=listing.seller_id changed />
                }
            })}
        <Trail listing_id=listing.id seller_id=listing.seller_id changed />
    }
}

/// Why a removed listing is gone: to its seller and the people handling the case, the
/// statement of reasons addressed to the seller with the appeal; to everyone else the public
/// statement.
#[component]
fn RemovalNotice(listing_id: i64, seller_id: i64, changed: RwSignal<u32>) -> impl IntoView {
    let auth = expect_context::<crate::Auth>();
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let user = auth.user.await.ok().flatten();
                match user {
                    Some(user) if user.role == Role::Seller && user.seller_id == Some(seller_id) => {
                        view! { <SellerCase listing_id can_file=true filed=changed /> }.into_any()
                    }
                    Some(user) if user.role != Role::Seller => {
                        view! {
                            <Statement listing_id />
                            <SellerCase listing_id can_file=false filed=changed />
                        }
                            .into_any()
                    }
                    _ => view! { <Statement listing_id /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The public statement of reasons of a removed listing (DSA Art. 17(3)).
#[component]
fn Statement(listing_id: i64) -> impl IntoView {
    let statement = Resource::new(move || listing_id, get_statement_of_reasons);
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match statement.await {
                    Ok(Some(s)) => {
                        view! {
                            <section class="panel statement" aria-labelledby="statement-heading">
                                <h2 id="statement-heading">"Statement of reasons"</h2>
                                <p>
                                    "This listing was removed after an intellectual-property notice from a rights holder."
                                </p>
                                <dl class="facts">
                                    <div>
                                        <dt>"What was restricted"</dt>
                                        <dd>
                                            "The whole listing was removed from the marketplace"
                                        </dd>
                                    </div>
                                    <div>
                                        <dt>"When"</dt>
                                        <dd>{format_time(s.removed_at)}</dd>
                                    </div>
                                    <div>
                                        <dt>"On whose notice"</dt>
                                        <dd>{s.brand_name.clone()}</dd>
                                    </div>
                                    <div>
                                        <dt>"Ground"</dt>
                                        <dd>
                                            {format!(
                                                "Infringement of a {} ({}), reported as {}",
                                                s.right_kind.label().to_lowercase(),
                                                s.right_reference,
                                                s.reason.label().to_lowercase(),
                                            )}
                                        </dd>
                                    </div>
                                    <div>
                                        <dt>"Automated decision"</dt>
                                        <dd>
                                            {if s.automated {
                                                "Yes: decided on the rights holder's assertion without platform review"
                                            } else {
                                                "No: a marketplace account manager reviewed the notice"
                                            }}
                                        </dd>
                                    </div>
                                    <div>
                                        <dt>"Notice"</dt>
                                        <dd>{format!("Report {}", s.report_id)}</dd>
                                    </div>
                                </dl>
                                <h3>"How to appeal"</h3>
                                <p>
                                    "If you sell this listing and believe the removal is wrong, you can file a counter-notice from your seller account within 14 days of the removal, explaining why (for example genuine goods with a supplier invoice, or a licence). An account manager will review it; you can also go to an out-of-court dispute settlement body or to court."
                                </p>
                            </section>
                        }
                            .into_any()
                    }
                    Ok(None) => ().into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

/// The listing's audit trail, for account managers, admins and the listing's seller. Loaded through a
/// resource (so hydration sees the same data the server rendered) and only for staff, so
/// other visitors' page loads never meet a refusal.
#[component]
fn Trail(listing_id: i64, seller_id: i64, changed: RwSignal<u32>) -> impl IntoView {
    let trail = Resource::new(
        move || (listing_id, changed.get()),
        move |(id, _)| async move {
            let user = get_current_user().await?;
            let reader = user.is_some_and(|u| {
                matches!(u.role, Role::AccountManager | Role::Admin)
                    || (u.role == Role::Seller && u.seller_id == Some(seller_id))
            });
            if reader {
                listing_trail(id).await.map(Some)
            } else {
                Ok(None)
            }
        },
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match trail.await {
                    Ok(Some(entries)) => {
                        view! {
                            <section class="panel" aria-labelledby="trail-heading">
                                <h2 id="trail-heading">"Audit trail"</h2>
                                <Timeline entries />
                            </section>
                        }
                            .into_any()
                    }
                    Ok(None) => ().into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
