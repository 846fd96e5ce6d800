//! The seller's home: strikes and suspension, then their listings, page by page.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::listings::list_my_listings;
use crate::components::async_list::AsyncView;
use crate::components::pills::ListingStatusPill;
use crate::components::seller::SellerStandingPanel;
use crate::components::table::{Column, DataTable};
use crate::domain::{ListingStatus, format_price};
use crate::model::{ListingView, Page};
use crate::wire::load;

/// `/seller?page=N` — the signed-in seller's listings with their status.
#[component]
pub fn SellerHome() -> impl IntoView {
    let query = use_query_map();
    // Pages are numbered from 1 in the address bar and from 0 on the server.
    let page = move || {
        query
            .read()
            .get("page")
            .and_then(|page| page.parse::<i64>().ok())
            .map_or(0, |page| (page - 1).max(0))
    };
    let listings = load(page, list_my_listings);
    view! {
        <Title text="My listings" />
        <h1>"My listings"</h1>
        <SellerStandingPanel />
        <AsyncView data=listings ok=|page| view! { <ListingTable page /> } suspense=true />
    }
}

#[component]
fn ListingTable(page: Page<ListingView>) -> impl IntoView {
    let (number, count, total) = (page.page + 1, page.page_count(), page.total);
    let rows = page
        .rows
        .into_iter()
        .map(|listing| {
            view! {
                <tr>
                    <td class="num">{listing.id}</td>
                    <th scope="row">
                        <a href=format!("/listings/{}", listing.id)>{listing.title}</a>
                    </th>
                    <td class="num">{format_price(listing.price_cents, &listing.currency)}</td>
                    <td>
                        <ListingStatusPill status=listing.status />
                        {(listing.status == ListingStatus::Removed)
                            .then(|| {
                                view! {
                                    " "
                                    <a
                                        href=format!("/listings/{}", listing.id)
                                        aria-label=format!(
                                            "Why listing {} was removed, and how to appeal",
                                            listing.id,
                                        )
                                    >
                                        "Why, and how to appeal"
                                    </a>
                                }
                            })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <DataTable
            caption=format!("{total} listings · page {number} of {count}")
            columns=&[
                Column::Num("Listing"),
                Column::Text("Title"),
                Column::Num("Price"),
                Column::Text("Status"),
            ]
            rows
        />
        <nav class="pager" aria-label="Pages">
            {(number > 1)
                .then(|| {
                    view! { <a href=format!("/seller?page={}", number - 1)>"Previous page"</a> }
                })}
            {(number < count)
                .then(|| view! { <a href=format!("/seller?page={}", number + 1)>"Next page"</a> })}
        </nav>
    }
}
