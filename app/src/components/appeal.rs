//! A counter-notice as everyone on the case reads it: the seller's side, the brand's
//! response and the decision. The seller's page, the brand's report page and the account
//! manager's appeals queue all show it the same way.

use leptos::prelude::*;

use crate::components::upload::FileLink;
use crate::domain::appeal::AppealStatus;
use crate::domain::format_time;
use crate::model::{AppealView, FileRef};

/// The status of an appeal as a pill.
#[component]
pub fn AppealStatusPill(
    /// The status.
    status: AppealStatus,
) -> impl IntoView {
    let class = format!("pill appeal-{}", status.as_str().replace('_', "-"));
    view! { <span class=class>{status.label()}</span> }
}

/// Files as download links in a list named `label`; nothing when there are none.
pub fn file_list(files: Vec<FileRef>, label: &'static str) -> impl IntoView {
    (!files.is_empty()).then(|| {
        view! {
            <ul class="files" aria-label=label>
                {files
                    .into_iter()
                    .map(|file| {
                        view! {
                            <li>
                                <FileLink file />
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    })
}

/// The facts of a counter-notice, in the order the case happened. `show_contact` is false
/// where the reader has no need of the seller's address (the seller themselves).
#[component]
pub fn AppealFacts(
    /// The counter-notice.
    appeal: AppealView,
    /// Whether to show the seller's contact details.
    show_contact: bool,
) -> impl IntoView {
    let [name, email, address] = appeal.contact.clone();
    let response = match appeal.response.clone() {
        Some(response) => view! {
            <h4>{format!("Rights holder's response: {}", response.kind.label())}</h4>
            <p class="hint">{format!("{} · {}", response.by, format_time(response.at))}</p>
            <p class="quote">{format!("“{}”", response.text)}</p>
            {file_list(appeal.brand_files.clone(), "Rights holder's evidence")}
        }
        .into_any(),
        None if appeal.no_response => view! {
            <p class="warning" role="note">
                {format!(
                    "No response from the rights holder: its window closed {}.",
                    format_time(appeal.response_due_at),
                )}
            </p>
        }
        .into_any(),
        None => view! {
            <p class="hint">
                {format!(
                    "The rights holder may respond until {}.",
                    format_time(appeal.response_due_at),
                )}
            </p>
        }
        .into_any(),
    };
    let decision = appeal.decided_at.map(|at| {
        let who = appeal.decided_by.clone().unwrap_or_default();
        view! {
            <h4>{format!("Decision: {}", appeal.status.label())}</h4>
            <p class="hint">
                {format!("Decided by {who} (account manager) · {}", format_time(at))}
            </p>
            {(!appeal.decision_note.is_empty())
                .then(|| {
                    view! { <p class="quote">{format!("“{}”", appeal.decision_note)}</p> }
                })}
        }
    });
    view! {
        <dl class="facts">
            <div>
                <dt>"Listing"</dt>
                <dd>
                    <a href=format!(
                        "/listings/{}",
                        appeal.listing.id,
                    )>{format!("{} (#{})", appeal.listing.title, appeal.listing.id)}</a>
                    <span class="hint">{format!(" · {}", appeal.listing.seller_name)}</span>
                </dd>
            </div>
            <div>
                <dt>"Notice"</dt>
                <dd>
                    {format!(
                        "{} · report {}, item {}",
                        appeal.brand_name,
                        appeal.report_id,
                        appeal.item_id,
                    )}
                </dd>
            </div>
            <div>
                <dt>"Filed"</dt>
                <dd>{format_time(appeal.filed_at)}</dd>
            </div>
            <div>
                <dt>"Status"</dt>
                <dd>
                    <AppealStatusPill status=appeal.status />
                </dd>
            </div>
            {show_contact
                .then(|| {
                    view! {
                        <div>
                            <dt>"Seller's contact"</dt>
                            <dd>{format!("{name} · {email} · {address}")}</dd>
                        </div>
                    }
                })}
        </dl>
        <h4>{format!("Seller's counter-notice: {}", appeal.ground.label())}</h4>
        <p class="quote">{format!("“{}”", appeal.statement)}</p>
        {file_list(appeal.seller_files.clone(), "Seller's evidence")}
        {response}
        {decision}
    }
}
