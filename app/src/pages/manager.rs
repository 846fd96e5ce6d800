//! The account manager's home.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::brands::list_managed_brands;
use crate::components::brand_table::BrandTable;
use crate::components::outcome::{ErrorPanel, Loading};

/// `/manager` — the brands assigned to the signed-in account manager.
#[component]
pub fn ManagerHome() -> impl IntoView {
    let brands = Resource::new(|| (), |_| list_managed_brands());
    view! {
        <Title text="My brands" />
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match brands.await {
                    Ok(brands) => {
                        view! {
                            <h1>"My brands"</h1>
                            <BrandTable brands caption="Brands assigned to you" />
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
