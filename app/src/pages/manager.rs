//! The account manager's home.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::trust::list_my_standings;
use crate::components::outcome::{ErrorPanel, Loading};
use crate::components::standings::StandingsTable;

/// `/manager` — the brands assigned to the signed-in account manager.
#[component]
pub fn ManagerHome() -> impl IntoView {
    let brands = Resource::new(|| (), |_| list_my_standings());
    view! {
        <Title text="My brands" />
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match brands.await {
                    Ok(standings) => {
                        view! {
                            <h1>"My brands"</h1>
                            <StandingsTable standings caption="Brands assigned to you" />
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
