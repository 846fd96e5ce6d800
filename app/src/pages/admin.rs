//! The platform admin's home.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::brands::list_all_brands;
use crate::components::brand_table::BrandTable;
use crate::components::outcome::{ErrorPanel, Loading};

/// `/admin` — every brand on the platform.
#[component]
pub fn AdminHome() -> impl IntoView {
    let brands = Resource::new(|| (), |_| list_all_brands());
    view! {
        <Title text="All brands" />
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match brands.await {
                    Ok(brands) => {
                        view! {
                            <h1>"All brands"</h1>
                            <BrandTable brands caption="Every brand on the platform" />
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
