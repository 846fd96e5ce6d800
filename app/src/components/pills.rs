//! Small status marks: tier badges and listing status pills.

use leptos::prelude::*;

use crate::domain::{ListingStatus, Tier};

/// A brand's tier as a coloured badge.
#[component]
pub fn TierBadge(
    /// The tier to show.
    tier: Tier,
) -> impl IntoView {
    let class = format!("badge tier-{}", tier.as_str().replace('_', "-"));
    view! { <span class=class>{tier.label()}</span> }
}

/// A listing's status as a pill.
#[component]
pub fn ListingStatusPill(
    /// The status to show.
    status: ListingStatus,
) -> impl IntoView {
    let class = format!("pill status-{}", status.as_str());
    view! { <span class=class>{status.label()}</span> }
}

/// A report item's status as a pill.
#[component]
pub fn ItemStatusPill(
    /// The status to show.
    status: crate::domain::ItemStatus,
) -> impl IntoView {
    let class = format!("pill item-{}", status.as_str().replace('_', "-"));
    view! { <span class=class>{status.label()}</span> }
}
