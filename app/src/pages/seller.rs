//! The seller's home: strikes and suspension, then their listings, page by page.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::listings::list_my_listings;
use crate::components::async_list::AsyncView;
use crate::components::pills::ListingStatusPill;
use crate::components::seller::SellerStandingPanel;
use crate::components::table::{Column, DataTable};
use crate::domain::{ListingStatus, format_price, format_time};
use crate::model::{Page, SellerListing};
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
fn ListingTable(page: Page<SellerListing>) -> impl IntoView {
    let (number, count, total) = (page.page + 1, page.page_count(), page.total);
    let rows = page
        .rows
        .into_iter()
        .map(|row| {
            let listing = row.listing.clone();
            let why = format!("/listings/{}", listing.id);
            // Where the appeal stands, in words: the one thing a seller of a removed listing
            // needs to know first.
            let appeal = match (row.appeal, row.appeal_closes_at) {
                _ if row.may_appeal() => {
                    let until = row.appeal_closes_at.map(format_time).unwrap_or_default();
                    view! {
                        <span class="pill appeal-open sentence">
                            {format!("You can appeal until {until}")}
                        </span>
                        " "
                        <a
                            href=why
                            aria-label=format!(
                                "Why listing {} was removed, and how to appeal",
                                listing.id,
                            )
                        >
                            "Why, and how to appeal"
                        </a>
                    }
                    .into_any()
                }
                (Some(status), _) => view! {
                    <span class="hint">{format!("Appeal: {}", status.label())}</span>
                    " "
                    <a href=why>"See the case"</a>
                }
                .into_any(),
                (None, Some(closed)) if listing.status == ListingStatus::Removed => view! {
                    <span class="hint">
                        {format!("Appeal window closed {}", format_time(closed))}
                    </span>
                    " "
                    <a href=why>"Why it was removed"</a>
                }
                .into_any(),
                _ => "—".into_any(),
            };
            view! {
                <tr class:overdue=row.may_appeal()>
                    <td class="num" data-label="Listing">
                        {listing.id}
                    </td>
                    <th scope="row">
                        <a href=format!("/listings/{}", listing.id)>{listing.title.clone()}</a>
                    </th>
                    <td class="num" data-label="Price">
                        {format_price(listing.price_cents, &listing.currency)}
                    </td>
                    <td data-label="Status">
                        <ListingStatusPill status=listing.status />
                    </td>
                    <td data-label="Appeal">{appeal}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <DataTable
            caption=format!(
                "{total} listings · page {number} of {count} · removals you can still appeal first",
            )
            columns=&[
                Column::Num("Listing"),
                Column::Text("Title"),
                Column::Num("Price"),
                Column::Text("Status"),
                Column::Text("Appeal"),
            ]
            rows
            stack=true
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
