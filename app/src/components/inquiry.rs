//! What more than one page shows of authenticity inquiries: an inquiry's status and outcome
//! (the brand's inbox and the manager's desk), a listing as a table row's first cell, a
//! suspicion rule's name, and who may answer for a brand (the inbox and the brand's lists).

use leptos::prelude::*;

use crate::domain::Role;
use crate::domain::format_time;
use crate::domain::joint_force::{InquiryStatus, SuspicionRule};
use crate::model::{CurrentUser, InquiryView, ListingView};

/// An inquiry's status as a pill.
#[component]
pub fn InquiryStatusPill(
    /// The status to show.
    status: InquiryStatus,
) -> impl IntoView {
    let class = format!("pill inquiry-{}", status.as_str());
    view! { <span class=class>{status.label()}</span> }
}

/// What the brand said, and the report item a "counterfeit" answer created.
#[component]
pub fn InquiryOutcome(
    /// The inquiry.
    inquiry: InquiryView,
) -> impl IntoView {
    let answered = inquiry
        .answered
        .map(|(who, at)| format!("{who}, {}", format_time(at)));
    view! {
        <InquiryStatusPill status=inquiry.status />
        {answered.map(|text| view! { <span class="hint">{format!(" {text}")}</span> })}
        {(!inquiry.comment.is_empty())
            .then(|| view! { <p class="quote">{format!("“{}”", inquiry.comment)}</p> })}
        {inquiry
            .report_item
            .map(|(report, item)| {
                view! {
                    <p>
                        <a href=format!(
                            "/reports/{report}#item-{item}",
                        )>{format!("Report {report}, item {item}")}</a>
                    </p>
                }
            })}
    }
}

/// A listing's title (linked to its page) and number, as the first cell of a table row.
#[component]
pub fn ListingCell(
    /// The listing.
    listing: ListingView,
) -> impl IntoView {
    view! {
        <th scope="row">
            <a href=format!("/listings/{}", listing.id)>{listing.title}</a>
            <span class="hint">{format!(" #{}", listing.id)}</span>
        </th>
    }
}

/// The rule a listing was flagged by, for pages that only have the stored name.
pub fn rule_label(rule: Option<SuspicionRule>) -> &'static str {
    rule.map_or("—", SuspicionRule::label)
}

/// Whether the signed-in person is staff of this brand (who alone may answer and edit).
pub fn own_staff(user: Option<&CurrentUser>, brand_id: i64) -> bool {
    user.is_some_and(|user| user.role == Role::BrandStaff && user.brand_id == Some(brand_id))
}
