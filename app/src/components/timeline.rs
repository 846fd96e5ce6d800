//! A history as a list of dated entries: a report item's timeline, a listing's audit trail.

use leptos::prelude::*;

use crate::domain::format_time;
use crate::domain::listing::counted;
use crate::model::TimelineEntry;

/// A history as a list of dated entries.
#[component]
pub fn Timeline(
    /// The entries, oldest first.
    entries: Vec<TimelineEntry>,
) -> impl IntoView {
    view! {
        <details class="timeline">
            <summary>{format!("Timeline ({})", counted(entries.len() as i64, "event"))}</summary>
            <ol>
                {entries
                    .into_iter()
                    .map(|entry| {
                        view! {
                            <li>
                                <time>{format_time(entry.at)}</time>
                                <strong>{format!(" — {}", action_label(&entry.action))}</strong>
                                <span>
                                    {format!(
                                        "{}{}",
                                        entry
                                            .actor
                                            .map(|actor| format!(" by {actor}"))
                                            .unwrap_or_default(),
                                        if entry.detail.is_empty() {
                                            String::new()
                                        } else {
                                            format!(": {}", entry.detail)
                                        },
                                    )}
                                </span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </details>
    }
}

/// Words for a stored audit verb.
pub fn action_label(action: &str) -> &str {
    match action {
        "item.submitted" => "Submitted",
        "item.authorised_seller_confirmed" => "Filed on an authorised seller's listing",
        "item.removed" => "Removed (notice upheld)",
        "item.rejected" => "Rejected",
        "item.withdrawn" => "Withdrawn",
        "listing.removed" => "Listing removed",
        "listing.restored" => "Listing restored",
        "item.audit_sampled" => "Picked for audit",
        "item.audit_confirmed" => "Audit confirmed",
        "item.audit_overturned" => "Audit overturned",
        "counter_notice.filed" => "Counter-notice filed",
        "counter_notice.responded" => "Rights holder responded",
        "counter_notice.no_response" => "No response from rights holder",
        "counter_notice.upheld" => "Appeal decided: removal stands",
        "seller.strike" => "Strike on seller",
        "seller.strike_removed" => "Strike removed",
        "seller.suspended" => "Seller suspended",
        "seller.reinstated" => "Seller reinstated",
        other => other,
    }
}
