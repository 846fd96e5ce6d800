//! The platform admin's home.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::trust::list_all_standings;
use crate::components::async_list::AsyncView;
use crate::components::seller::{SuspendedSellers, SuspendedSellersData};
use crate::components::standings::StandingsTable;
use crate::wire::load;

/// `/admin` — every brand on the platform, and the sellers suspended now.
#[component]
pub fn AdminHome() -> impl IntoView {
    let brands = load(|| (), |_| list_all_standings());
    let sellers = SuspendedSellersData::new(move || async move { brands.await.is_ok() });
    view! {
        <Title text="All brands" />
        <AsyncView
            data=brands
            ok=move |standings| {
                view! {
                    <header class="page-header">
                        <h1>"All brands"</h1>
                        <a class="button header-action" href="/admin/brands/new">
                            "Add a brand"
                        </a>
                    </header>
                    <StandingsTable standings caption="Every brand on the platform" />
                    <SuspendedSellers sellers />
                }
            }
            suspense=true
        />
    }
}
