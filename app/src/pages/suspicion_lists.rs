//! A brand's lists behind the suspicion rules: reference prices and authorised sellers.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::Auth;
use crate::api::joint_force::{edit_lists, get_suspicion_lists};
use crate::components::form::{FormError, TextField, action_error, bump_on_success, id_param};
use crate::components::inquiry::own_staff;
use crate::components::outcome::{ErrorPanel, Loading};
use crate::domain::format_price;
use crate::model::ListEdit;
use crate::wire::load;

/// `/brands/:id/lists` — reference prices and authorised sellers, which the suspicion rules
/// use to flag listings for the brand's account manager.
#[component]
pub fn SuspicionListsPage() -> impl IntoView {
    let brand_id = id_param("id");
    let auth = expect_context::<Auth>();
    let refreshed = RwSignal::new(0_u32);
    let lists = load(
        move || (brand_id(), refreshed.get()),
        |(id, _)| get_suspicion_lists(id.unwrap_or_default()),
    );
    let action = Action::new(|(brand, edit): &(i64, ListEdit)| edit_lists(*brand, edit.clone()));
    let error = action_error(action);
    let product_line = RwSignal::new(String::new());
    let price = RwSignal::new(String::new());
    let seller = RwSignal::new(String::new());
    bump_on_success(action, refreshed);
    let edit = move |edit: ListEdit| {
        action.dispatch((brand_id().unwrap_or_default(), edit));
    };
    view! {
        <Title text="Prices and sellers" />
        <h1>"Reference prices and authorised sellers"</h1>
        <p class="lede">
            "Your account manager's suspicion rules use these lists: a listing priced under half the reference price of a product line in its title, or carrying your name from a seller not on your list, is flagged for a question to you."
        </p>
        <FormError error />
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let user = auth.user.await.ok().flatten();
                let may_edit = own_staff(user.as_ref(), brand_id().unwrap_or_default());
                let lists = match lists.await {
                    Ok(lists) => lists,
                    Err(error) => return view! { <ErrorPanel error /> }.into_any(),
                };
                let price_rows: Vec<ListEntry> = lists
                    .prices
                    .into_iter()
                    .map(|row| ListEntry {
                        label: format!("Remove the reference price for {}", row.product_line),
                        fact: format_price(row.price_cents, "USD"),
                        name: row.product_line,
                        remove: ListEdit::RemovePrice(row.id),
                    })
                    .collect();
                let seller_rows: Vec<ListEntry> = lists
                    .sellers
                    .into_iter()
                    .map(|row| ListEntry {
                        label: format!("Take {} off the list", row.name),
                        name: row.name,
                        fact: row.country,
                        remove: ListEdit::RemoveSeller(row.seller_id),
                    })
                    .collect();
                let on_remove = may_edit.then_some(Callback::new(edit));
                // Each entry: its name, one more fact, and what removing it sends.
                view! {
                    <section class="panel" aria-labelledby="prices-heading">
                        <h2 id="prices-heading">"Reference prices"</h2>
                        <ListTable
                            caption="Product lines and their usual price"
                            columns=("Product line", "Reference price")
                            entries=price_rows
                            on_remove
                            empty="No reference prices yet. Add a product line as it appears in listing titles and its usual price: listings far below it are flagged for review."
                        />
                        {may_edit
                            .then(|| {
                                view! {
                                    <form
                                        class="inline-form"
                                        aria-label="Add a reference price"
                                        on:submit=move |ev| {
                                            ev.prevent_default();
                                            edit(ListEdit::SetPrice {
                                                product_line: product_line.get_untracked(),
                                                price: price.get_untracked(),
                                            });
                                        }
                                    >
                                        <TextField
                                            id="line-name"
                                            label="Product line (as in titles)"
                                            value=product_line
                                            error
                                            field="product_line"
                                        />
                                        <TextField
                                            id="line-price"
                                            label="Reference price (USD)"
                                            value=price
                                            error
                                            field="price"
                                            inputmode="decimal"
                                        />
                                        <div class="actions">
                                            <button type="submit" class="button">
                                                "Save price"
                                            </button>
                                        </div>
                                    </form>
                                }
                            })}
                    </section>
                    <section class="panel" aria-labelledby="sellers-heading">
                        <h2 id="sellers-heading">"Authorised sellers"</h2>
                        <ListTable
                            caption="Sellers allowed to sell your goods (an empty list turns the rule off)"
                            columns=("Seller", "Country")
                            entries=seller_rows
                            on_remove
                            empty="No authorised sellers yet. Add the shops allowed to sell your goods: listings by anyone else are flagged for review, and a report on one of these shops asks you to confirm that line first."
                        />
                        {may_edit
                            .then(|| {
                                view! {
                                    <form
                                        class="inline-form"
                                        aria-label="Authorise a seller"
                                        on:submit=move |ev| {
                                            ev.prevent_default();
                                            edit(ListEdit::AddSeller(seller.get_untracked()));
                                        }
                                    >
                                        <TextField
                                            id="seller-name"
                                            label="Seller's shop name"
                                            value=seller
                                            error
                                            field="seller"
                                        />
                                        <div class="actions">
                                            <button type="submit" class="button">
                                                "Authorise seller"
                                            </button>
                                        </div>
                                    </form>
                                }
                            })}
                    </section>
                }
                    .into_any()
            })}
        </Suspense>
    }
}

/// One entry of a brand's list, as its table shows it.
struct ListEntry {
    name: String,
    fact: String,
    /// The remove button's accessible name.
    label: String,
    remove: ListEdit,
}

/// A brand's list as a table, with a remove button per entry for those who may edit it.
#[component]
fn ListTable(
    caption: &'static str,
    columns: (&'static str, &'static str),
    entries: Vec<ListEntry>,
    on_remove: Option<Callback<ListEdit>>,
    /// What the list is for and how to start it, shown instead of an empty table.
    empty: &'static str,
) -> impl IntoView {
    if entries.is_empty() {
        return view! { <p class="empty">{empty}</p> }.into_any();
    }
    let rows = entries
        .into_iter()
        .map(|entry| {
            let remove = entry.remove;
            let button = on_remove.map(|on_remove| {
                view! {
                    <button
                        type="button"
                        class="button button-secondary"
                        aria-label=entry.label
                        on:click=move |_| on_remove.run(remove.clone())
                    >
                        "Remove"
                    </button>
                }
            });
            view! {
                <tr>
                    <th scope="row">{entry.name}</th>
                    <td>{entry.fact}</td>
                    <td>{button}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table>
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{columns.0}</th>
                        <th scope="col">{columns.1}</th>
                        <th scope="col">
                            <span class="visually-hidden">"Actions"</span>
                        </th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}
