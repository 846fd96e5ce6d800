//! A brand's home: its name, tier and what the tier gives.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::brands::get_brand;
use crate::components::outcome::{ErrorPanel, Loading};
use crate::components::pills::TierBadge;
use crate::error::AppError;
use crate::model::BrandSummary;

/// `/brands/:id` — brand staff's home, also opened by the brand's manager and admins.
#[component]
pub fn BrandHome() -> impl IntoView {
    let params = use_params_map();
    let brand_id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i64>().ok())
    };
    let brand = Resource::new(brand_id, |id| async move {
        match id {
            Some(id) => get_brand(id).await,
            None => Err(AppError::NotFound(
                "There is no brand with that number.".into(),
            )),
        }
    });
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match brand.await {
                    Ok(brand) => view! { <BrandOverview brand /> }.into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn BrandOverview(brand: BrandSummary) -> impl IntoView {
    let instant_takedown = if brand.tier == crate::domain::Tier::JointForce {
        "Available"
    } else if brand.joint_force_enrolled {
        "Suspended until Good Faith standing is regained"
    } else {
        "Not available (Joint-Force brands only)"
    };
    view! {
        <Title text=brand.name.clone() />
        <header class="page-header">
            <h1>{brand.name.clone()}</h1>
            <TierBadge tier=brand.tier />
        </header>
        <section class="panel tier-card" aria-labelledby="tier-heading">
            <h2 id="tier-heading">"Your tier: " {brand.tier.label()}</h2>
            <p>{brand.tier.benefits()}</p>
            <dl class="facts">
                <div>
                    <dt>"Review target"</dt>
                    <dd>{format!("{} hours", brand.tier.default_review_target_hours())}</dd>
                </div>
                <div>
                    <dt>"Instant takedown"</dt>
                    <dd>{instant_takedown}</dd>
                </div>
                <div>
                    <dt>"Account manager"</dt>
                    <dd>
                        {brand.manager_name.clone().unwrap_or_else(|| "Not assigned yet".into())}
                    </dd>
                </div>
                <div>
                    <dt>"Brand status"</dt>
                    <dd>{brand.status.clone()}</dd>
                </div>
            </dl>
        </section>
    }
}
