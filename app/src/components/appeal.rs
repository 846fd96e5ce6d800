//! A counter-notice as everyone on the case reads it: the seller's side, the brand's
//! response and the decision. The seller's page, the brand's report page and the account
//! manager's appeals queue all show it the same way. Also the counter-notices on a report,
//! with the brand's response form, as the report's page shows them.

use leptos::prelude::*;

use crate::api::appeals::{list_report_appeals, respond_to_counter_notice};
use crate::components::async_list::AsyncView;
use crate::components::form::{
    FieldError, FormError, SelectField, TextField, action_error, bump_on_success, message_for,
    options_of,
};
use crate::components::upload::{FileLink, FileUpload};
use crate::domain::appeal::{AppealStatus, ResponseKind};
use crate::domain::format_time;
use crate::error::AppError;
use crate::model::{AppealView, FileRef, ReportDetail};
use crate::wire::{Loaded, load};

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

/// A report's counter-notices, loaded by the report's page.
#[derive(Clone, Copy)]
pub struct ReportAppealsData {
    /// The counter-notices on the report's items.
    list: Loaded<Result<Vec<AppealView>, AppError>>,
    /// Bumped when the brand responds, so the list reloads.
    responded: RwSignal<u32>,
}

impl ReportAppealsData {
    /// Made at the top of the report's page, never inside its `Suspend`: the server renders a
    /// `Suspend` again when its resources resolve at different moments, and a resource made
    /// in there would be made again outside the request, where its server function no longer
    /// finds the session (the page then never hydrates). Asked only once the report itself
    /// loaded, so a reader refused the report meets one refusal, not two.
    pub fn new(
        report_id: impl Fn() -> Option<i64> + Copy + Send + Sync + 'static,
        report: Loaded<Result<ReportDetail, AppError>>,
    ) -> Self {
        let responded = RwSignal::new(0_u32);
        let list = load(
            move || (report_id(), responded.get()),
            move |(id, _)| async move {
                match (id, report.await) {
                    (Some(id), Ok(_)) => list_report_appeals(id).await,
                    _ => Ok(Vec::new()),
                }
            },
        );
        Self { list, responded }
    }
}

/// The counter-notices on a report's items, with the response form for the brand's staff.
#[component]
pub fn ReportAppeals(
    /// The report's counter-notices.
    appeals: ReportAppealsData,
    /// Whether the reader is the brand's staff (who may respond).
    is_staff: bool,
) -> impl IntoView {
    let ReportAppealsData {
        list: appeals,
        responded,
    } = appeals;
    let ok = move |appeals: Vec<AppealView>| {
        (!appeals.is_empty()).then(|| {
            view! {
                <section aria-labelledby="appeals-heading">
                    <h2 id="appeals-heading">{format!("Counter-notices ({})", appeals.len())}</h2>
                    <ul class="cards">
                        {appeals
                            .into_iter()
                            .map(|appeal| {
                                let answerable = is_staff && appeal.status == AppealStatus::Open
                                    && appeal.response.is_none() && !appeal.no_response;
                                let id = appeal.id;
                                view! {
                                    <li
                                        class="card"
                                        id=format!("appeal-{id}")
                                        aria-label=format!("Counter-notice {id}")
                                    >
                                        <h3>{format!("Counter-notice {id}")}</h3>
                                        <AppealFacts appeal show_contact=true />
                                        {answerable
                                            .then(|| view! { <ResponseForm id responded /> })}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </section>
            }
        })
    };
    view! { <AsyncView data=appeals ok quiet=true /> }
}

#[component]
fn ResponseForm(id: i64, responded: RwSignal<u32>) -> impl IntoView {
    let kind = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let files = RwSignal::new(Vec::<FileRef>::new());
    let action = Action::new(move |(kind, text, files): &(String, String, Vec<i64>)| {
        respond_to_counter_notice(id, kind.clone(), text.clone(), files.clone())
    });
    let error = action_error(action);
    bump_on_success(action, responded);
    let kind_id = format!("response-{id}-kind");
    let options = options_of(ResponseKind::ALL, |kind| (kind.as_str(), kind.label()));
    let on_uploaded = Callback::new(move |file: FileRef| files.update(|files| files.push(file)));
    view! {
        <fieldset class="declaration">
            <legend>"Your response"</legend>
            <SelectField
                id=kind_id.clone()
                label="Response"
                value=kind
                options=options
                placeholder="Choose a response"
                error
                field="kind"
            />
            <TextField
                id=format!("response-{id}-text")
                label="Statement for the account manager"
                value=text
                error
                field="text"
                multiline=true
            />
            <FileUpload
                id="response-file"
                label="Further evidence (optional)"
                purpose="evidence"
                server_error=message_for(error, "files")
                on_uploaded
            />
            {move || file_list(files.get(), "Attached evidence")}
        </fieldset>
        <FieldError id=format!("response-{id}") message=message_for(error, "appeal") />
        <FormError error />
        <div class="actions">
            <button
                type="button"
                class="button"
                disabled=move || action.pending().get()
                on:click=move |_| {
                    action
                        .dispatch((
                            kind.get(),
                            text.get(),
                            files.get().iter().map(|file| file.id).collect(),
                        ));
                }
                aria-label=format!("Send the response to counter-notice {id}")
            >
                "Send response"
            </button>
        </div>
    }
}
