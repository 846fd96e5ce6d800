//! The table of brands shown to account managers and admins.

use leptos::prelude::*;

use crate::components::pills::TierBadge;
use crate::model::BrandSummary;

/// Brands with their tier, Joint-Force enrolment, manager and status.
#[component]
pub fn BrandTable(
    /// The brands to list.
    brands: Vec<BrandSummary>,
    /// What the table shows, for screen readers and sighted users alike.
    caption: &'static str,
) -> impl IntoView {
    if brands.is_empty() {
        return view! { <p class="empty">"No brands yet."</p> }.into_any();
    }
    let rows = brands
        .into_iter()
        .map(|brand| {
            let href = format!("/brands/{}", brand.id);
            view! {
                <tr>
                    <th scope="row">
                        <a href=href>{brand.name}</a>
                    </th>
                    <td>
                        <TierBadge tier=brand.tier />
                    </td>
                    <td>{if brand.joint_force_enrolled { "Enrolled" } else { "—" }}</td>
                    <td>{brand.manager_name.unwrap_or_else(|| "Unassigned".into())}</td>
                    <td class="num">{brand.staff_count}</td>
                    <td>
                        <span class=format!(
                            "pill status-{}",
                            brand.status,
                        )>{brand.status.clone()}</span>
                    </td>
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
                        <th scope="col">"Brand"</th>
                        <th scope="col">"Tier"</th>
                        <th scope="col">"Joint-Force"</th>
                        <th scope="col">"Account manager"</th>
                        <th scope="col" class="num">
                            "Staff"
                        </th>
                        <th scope="col">"Status"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}
