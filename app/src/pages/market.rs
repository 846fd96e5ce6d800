//! The public marketplace: listings on sale, searchable by title, a page at a time.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::appeals::{MARKET_PAGE_SIZE, market_listings};
use crate::components::async_list::AsyncView;
use crate::components::pills::ListingStatusPill;
use crate::components::table::{Column, DataTable};
use crate::domain::format_price;
use crate::model::ListingView;
use crate::wire::load;

/// `/market?q=…&page=N` — listings on sale, newest first; suspended sellers' listings and
/// removed ones are not shown.
#[component]
pub fn MarketPage() -> impl IntoView {
    let query = use_query_map();
    let search = move || query.read().get("q").unwrap_or_default();
    let page = move || {
        query
            .read()
            .get("page")
            .and_then(|page| page.parse::<i64>().ok())
            .map_or(0, |page| (page - 1).max(0))
    };
    let listings = load(
        move || (search(), page()),
        |(search, page)| market_listings(search, page),
    );
    let ok = move |rows: Vec<ListingView>| {
        let number = page() + 1;
        let more = rows.len() as i64 > MARKET_PAGE_SIZE;
        let q = search();
        let link = move |n: i64| {
            format!(
                "/market?q={}&page={n}",
                crate::domain::listing::urlencode(&q)
            )
        };
        let body = if rows.is_empty() {
            view! { <p class="empty">"No listing on sale matches."</p> }.into_any()
        } else {
            let rows = rows
                .into_iter()
                .take(MARKET_PAGE_SIZE as usize)
                .map(|listing| {
                    view! {
                        <tr>
                            <td class="num">{listing.id}</td>
                            <th scope="row">
                                <a href=format!("/listings/{}", listing.id)>{listing.title}</a>
                            </th>
                            <td>{listing.seller_name}</td>
                            <td class="num">
                                {format_price(listing.price_cents, &listing.currency)}
                            </td>
                            <td>
                                <ListingStatusPill status=listing.status />
                            </td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <DataTable
                    caption=format!("Listings on sale · page {number}")
                    columns=MARKET_COLUMNS
                    rows
                />
            }
            .into_any()
        };
        view! {
            {body}
            <nav class="pager" aria-label="Pages">
                {(number > 1)
                    .then(|| {
                        view! { <a href=link(number - 1)>"Previous page"</a> }
                    })}
                {more.then(|| view! { <a href=link(number + 1)>"Next page"</a> })}
            </nav>
        }
    };
    view! {
        <Title text="Marketplace" />
        <h1>"Marketplace"</h1>
        <form class="search" method="get" action="/market" role="search">
            <div class="field">
                <label for="market-q">"Search titles"</label>
                <input id="market-q" name="q" type="search" prop:value=search />
            </div>
            <button type="submit" class="button button-secondary">
                "Search"
            </button>
        </form>
        <AsyncView data=listings suspense=true ok />
    }
}

/// The market table's columns.
const MARKET_COLUMNS: &[Column] = &[
    Column::Num("Listing"),
    Column::Text("Title"),
    Column::Text("Seller"),
    Column::Num("Price"),
    Column::Text("Status"),
];
