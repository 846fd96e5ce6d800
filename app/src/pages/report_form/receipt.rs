//! The receipt shown once a report is stored.

use leptos::prelude::*;

use crate::domain::format_time;
use crate::model::Receipt;

/// The receipt shown at once after a report is stored (DSA Art. 16(4)).
#[component]
pub(super) fn ReceiptPanel(receipt: Receipt, instant: bool) -> impl IntoView {
    let count = receipt.items.len();
    let items = receipt
        .items
        .iter()
        .map(|(item_id, listing_id, title)| {
            view! {
                <li>
                    {format!("Item {item_id}: listing {listing_id} — ")}
                    <a href=format!("/listings/{listing_id}")>{title.clone()}</a>
                </li>
            }
        })
        .collect_view();
    let left_out = receipt.left_out.len();
    view! {
        <section class="panel receipt" role="status" aria-labelledby="receipt-heading">
            <h2 id="receipt-heading">
                {if instant {
                    format!("{count} listing{} taken down", if count == 1 { "" } else { "s" })
                } else {
                    format!("Report {} received", receipt.report_id)
                }}
            </h2>
            <p>
                {format!(
                    "Received {} with {count} listing{}. Keep the report number for your records.",
                    format_time(receipt.submitted_at),
                    if count == 1 { "" } else { "s" },
                )}
            </p>
            <details>
                <summary>{format!("Listings on report {}", receipt.report_id)}</summary>
                <ul>{items}</ul>
            </details>
            {(left_out > 0)
                .then(|| {
                    view! {
                        <p>
                            {format!(
                                "{left_out} line{} left out and kept in the form below for correction.",
                                if left_out == 1 { " was" } else { "s were" },
                            )}
                        </p>
                    }
                })}
            <p>
                <a href=format!("/reports/{}", receipt.report_id)>"Follow this report"</a>
            </p>
        </section>
    }
    .into_any()
}
