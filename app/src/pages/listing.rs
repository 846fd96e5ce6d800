//! The public page of one marketplace listing.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::appeals::get_removal_case;
use crate::api::auth::get_current_user;
use crate::api::listings::{brand_on_listing, get_listing};
use crate::api::review::{get_statement_of_reasons, listing_trail};
use crate::components::async_list::AsyncView;
use crate::components::outcome::Loading;
use crate::components::pills::{ItemStatusPill, ListingStatusPill};
use crate::components::seller_case::SellerCase;
use crate::components::statement::{GroundFacts, Reader};
use crate::components::timeline::Timeline;
use crate::domain::Role;
use crate::domain::{ListingStatus, format_price, format_time};
use crate::error::AppError;
use crate::model::{BrandOnListing, ListingView, RemovalCase, StatementOfReasons, TimelineEntry};
use crate::wire::{Loaded, load};

/// `/listings/:id` — title, price, seller and status; open to everyone.
///
/// Every resource of the page is created here, once: the server renders the listing's
/// `Suspend` more than once while its data arrives, and resources created inside it would be
/// created again each time, numbered differently from the browser's single pass, so the page
/// would fail to hydrate (a removed listing did, see end2end/tests/hydration.spec.ts).
#[component]
pub fn ListingPage() -> impl IntoView {
    let params = use_params_map();
    let listing_id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i64>().ok())
    };
    let listing = load(listing_id, |id| async move {
        match id {
            Some(id) => get_listing(id).await,
            None => Err(AppError::NotFound(
                "There is no listing with that number.".into(),
            )),
        }
    });
    // A counter-notice filed on the page bumps this, and the case and the trail reload.
    let changed = RwSignal::new(0_u32);
    let resources = ListingResources {
        // Only a removed listing has a statement and a case; for the others nothing is asked.
        statement: load(listing_id, move |id| async move {
            match id {
                Some(id) if is_removed(listing).await => get_statement_of_reasons(id).await,
                _ => Ok(None),
            }
        }),
        case: load(
            move || (listing_id(), changed.get()),
            move |_| async move {
                if !is_removed(listing).await {
                    return Ok(None);
                }
                readable(
                    listing,
                    &[
                        Role::Seller,
                        Role::BrandStaff,
                        Role::AccountManager,
                        Role::Admin,
                    ],
                    get_removal_case,
                )
                .await
            },
        ),
        trail: load(
            move || (listing_id(), changed.get()),
            move |_| {
                readable(
                    listing,
                    &[Role::Seller, Role::AccountManager, Role::Admin],
                    |id| async move { listing_trail(id).await.map(Some) },
                )
            },
        ),
        brand: load(listing_id, move |_| {
            readable(listing, &[Role::BrandStaff], |id| async move {
                brand_on_listing(id).await.map(Some)
            })
        }),
        changed,
    };
    view! {
        <AsyncView
            data=listing
            ok=move |listing| view! { <ListingDetail listing resources /> }
            suspense=true
        />
    }
}

/// The parts of a listing's page that depend on who reads it.
#[derive(Clone, Copy)]
struct ListingResources {
    /// The public statement of reasons (`None` unless removed).
    statement: Loaded<Result<Option<StatementOfReasons>, AppError>>,
    /// The removal case addressed to the seller (`None` for visitors, live listings and
    /// readers outside the case).
    case: Loaded<Result<Option<RemovalCase>, AppError>>,
    /// The audit trail (`None` for readers who may not see it).
    trail: Loaded<Result<Option<Vec<TimelineEntry>>, AppError>>,
    /// A brand staff member's items on the listing and whether to offer a report (`None`
    /// for everyone else).
    brand: Loaded<Result<Option<BrandOnListing>, AppError>>,
    /// Bumped when a counter-notice is filed.
    changed: RwSignal<u32>,
}

/// Whether the page's listing, once loaded, is removed.
async fn is_removed(listing: Loaded<Result<ListingView, AppError>>) -> bool {
    matches!(listing.await, Ok(listing) if listing.status == ListingStatus::Removed)
}

/// Loads a reader-dependent part of the listing page: only for signed-in users of `roles`, and
/// for a seller only on their own listing, so visitors' and other sellers' page loads never
/// meet a refusal (which would also make the page's own HTTP status 403). A refusal that is
/// still possible (staff of a brand outside the case) reads as nothing to show.
async fn readable<T, F>(
    listing: Loaded<Result<ListingView, AppError>>,
    roles: &[Role],
    load: impl FnOnce(i64) -> F,
) -> Result<Option<T>, AppError>
where
    F: std::future::Future<Output = Result<Option<T>, AppError>>,
{
    let Ok(listing) = listing.await else {
        return Ok(None);
    };
    match get_current_user().await? {
        Some(user)
            if roles.contains(&user.role)
                && (user.role != Role::Seller || user.seller_id == Some(listing.seller_id)) =>
        {
            match load(listing.id).await {
                Ok(found) => Ok(found),
                Err(AppError::Forbidden(_)) => Ok(None),
                Err(error) => Err(error),
            }
        }
        _ => Ok(None),
    }
}

#[component]
fn ListingDetail(listing: ListingView, resources: ListingResources) -> impl IntoView {
    let removed = listing.status == ListingStatus::Removed;
    view! {
        <Title text=listing.title.clone() />
        <article class="panel listing">
            <p class="eyebrow">
                {format!("Listing {} · {}", listing.marketplace_id, listing.category)}
            </p>
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
                {(!listing.url.is_empty())
                    .then(|| {
                        view! {
                            <div>
                                <dt>"On the marketplace"</dt>
                                <dd>
                                    <a href=listing.url.clone() rel="noopener noreferrer">
                                        {listing.url.clone()}
                                    </a>
                                </dd>
                            </div>
                        }
                    })}
            </dl>
        </article>
        {removed
            .then(|| {
                view! {
                    <RemovalNotice listing_id=listing.id seller_id=listing.seller_id resources />
                }
            })}
        <BrandActions brand=resources.brand marketplace_id=listing.marketplace_id.clone() />
        <Trail trail=resources.trail />
    }
}

/// For a brand's staff: "Report this listing" when a report may name it, and their brand's
/// report items on it, each linking to its report.
#[component]
fn BrandActions(
    brand: Loaded<Result<Option<BrandOnListing>, AppError>>,
    marketplace_id: String,
) -> impl IntoView {
    let ok = move |found: Option<BrandOnListing>| {
        let marketplace_id = marketplace_id.clone();
        found.map(move |found| {
            let report = found.may_report.then(|| {
                let href = format!(
                    "/brands/{}/reports/new?listing={}",
                    found.brand_id,
                    crate::domain::listing::urlencode(&marketplace_id)
                );
                view! {
                    <p>
                        <a class="button" href=href>
                            "Report this listing"
                        </a>
                    </p>
                }
            });
            let history = if found.items.is_empty() {
                view! { <p class="empty">"Your brand has not reported this listing."</p> }
                    .into_any()
            } else {
                view! {
                    <ul class="history">
                        {found
                            .items
                            .into_iter()
                            .map(|item| {
                                view! {
                                    <li>
                                        <a href=format!(
                                            "/reports/{}#item-{}",
                                            item.report_id,
                                            item.item_id,
                                        )>
                                            {format!(
                                                "Report {}, item {}",
                                                item.report_id,
                                                item.item_id,
                                            )}
                                        </a>
                                        " · filed "
                                        {format_time(item.submitted_at)}
                                        " · "
                                        <ItemStatusPill status=item.status />
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            };
            view! {
                <section class="panel" aria-labelledby="brand-listing-heading">
                    <h2 id="brand-listing-heading">"Your brand and this listing"</h2>
                    {report}
                    {history}
                </section>
            }
        })
    };
    view! { <AsyncView data=brand ok suspense=true quiet=true /> }
}

/// Why a removed listing is gone: to its seller and the people handling the case, the
/// statement of reasons addressed to the seller with the appeal; to everyone else the public
/// statement.
#[component]
fn RemovalNotice(listing_id: i64, seller_id: i64, resources: ListingResources) -> impl IntoView {
    let auth = expect_context::<crate::Auth>();
    let ListingResources {
        statement,
        case,
        changed,
        ..
    } = resources;
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let user = auth.user.await.ok().flatten();
                match user {
                    Some(user) if user.role == Role::Seller && user.seller_id == Some(seller_id) => {
                        view! { <SellerCase listing_id case can_file=true filed=changed /> }
                            .into_any()
                    }
                    Some(user) if user.role != Role::Seller => {
                        view! {
                            <Statement statement />
                            <SellerCase listing_id case can_file=false filed=changed />
                        }
                            .into_any()
                    }
                    _ => view! { <Statement statement /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The public statement of reasons of a removed listing (DSA Art. 17(3)).
#[component]
fn Statement(statement: Loaded<Result<Option<StatementOfReasons>, AppError>>) -> impl IntoView {
    let ok = |s: Option<StatementOfReasons>| {
        s.map(|s| {
            view! {
                <section class="panel statement" aria-labelledby="statement-heading">
                    <h2 id="statement-heading">"Statement of reasons"</h2>
                    <p>
                        "This listing was removed after an intellectual-property notice from a rights holder."
                    </p>
                    <dl class="facts">
                        <div>
                            <dt>"What was restricted"</dt>
                            <dd>"The whole listing was removed from the marketplace"</dd>
                        </div>
                        <div>
                            <dt>"When"</dt>
                            <dd>{format_time(s.removed_at)}</dd>
                        </div>
                        <div>
                            <dt>"On whose notice"</dt>
                            <dd>{s.brand_name.clone()}</dd>
                        </div>
                        <GroundFacts statement=s.clone() reader=Reader::Public />
                        <div>
                            <dt>"Notice"</dt>
                            <dd>{format!("Report {}", s.report_id)}</dd>
                        </div>
                    </dl>
                    <h3>"How to appeal"</h3>
                    <p>
                        {format!(
                            "If you sell this listing and believe the removal is wrong, you can file a counter-notice from your seller account within {} days of the removal, explaining why (for example genuine goods with a supplier invoice, or a licence). An account manager will review it; you can also go to an out-of-court dispute settlement body or to court.",
                            s.appeal_days,
                        )}
                    </p>
                </section>
            }
        })
    };
    view! { <AsyncView data=statement ok suspense=true /> }.into_any()
}

/// The listing's audit trail, for account managers, admins and the listing's seller (see
/// [`ListingPage`] for why it is loaded there).
#[component]
fn Trail(trail: Loaded<Result<Option<Vec<TimelineEntry>>, AppError>>) -> impl IntoView {
    let ok = |entries: Option<Vec<TimelineEntry>>| {
        entries.map(|entries| {
            view! {
                <section class="panel" aria-labelledby="trail-heading">
                    <h2 id="trail-heading">"Audit trail"</h2>
                    <Timeline entries />
                </section>
            }
        })
    };
    view! { <AsyncView data=trail ok suspense=true quiet=true /> }
}
