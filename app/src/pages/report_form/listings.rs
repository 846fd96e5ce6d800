//! The listings a report names: typed one per line or read from a CSV, checked one by one with
//! progress, and the lines that need attention.

use leptos::prelude::*;

use crate::components::form::{FieldError, message_for};
use crate::domain::report::MAX_ITEMS_PER_REPORT;
use crate::error::AppError;
use crate::model::LineResult;

use super::{Draft, Progress};

/// The listing lines, the CSV upload, the check's progress and its findings.
#[component]
pub(super) fn ListingLines(
    /// What is typed.
    draft: Draft,
    /// The last failed submission.
    error: Signal<Option<AppError>>,
    /// Where a CSV upload or line check is.
    progress: RwSignal<Progress>,
    /// Why the CSV could not be read or checked.
    csv_error: RwSignal<Option<String>>,
    /// The lines as last checked, each with its outcome.
    checked: RwSignal<Option<Vec<LineResult>>>,
    /// Called when a CSV file is chosen.
    on_csv: Callback<leptos::ev::Event>,
    /// Files the good lines alone.
    submit_good: Callback<()>,
    /// Checks the typed lines now.
    check: Callback<()>,
    /// Whether a submission is under way.
    pending: Memo<bool>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for="lines">
                {format!("Listings — IDs or URLs, one per line (up to {MAX_ITEMS_PER_REPORT})")}
            </label>
            <textarea
                id="lines"
                rows="8"
                placeholder="1101\nhttps://market.example/listings/1102"
                prop:value=draft.lines
                on:input=move |ev| draft.lines.set(event_target_value(&ev))
                aria-describedby="lines-error lines-count"
            ></textarea>
            <p id="lines-count" class="hint">
                {move || {
                    let count = draft.line_count();
                    format!("{count} line{}", if count == 1 { "" } else { "s" })
                }}
            </p>
            <FieldError id="lines" message=message_for(error, "lines") />
            // The check sits with the lines it checks, and its findings right under them.
            <div class="actions">
                <button
                    type="button"
                    class="button button-secondary"
                    on:click=move |_| check.run(())
                    disabled=move || progress.get() != Progress::Idle
                >
                    "Check lines"
                </button>
            </div>
        </div>
        <CheckProgress progress />
        <LineCheck checked submit_good pending confirmed=draft.confirmed_authorised />
        <div class="field">
            <label for="csv">"Or upload a CSV (listing reference, optional note)"</label>
            <p class="hint" id="csv-hint">
                <a href="/report-template.csv" download>
                    "Download a CSV template"
                </a>
                " — one listing a row: its ID or URL, then a note for the reviewer if you like."
            </p>
            <input
                id="csv"
                type="file"
                accept=".csv,text/csv"
                on:change=move |ev| on_csv.run(ev)
                aria-describedby="csv-hint csv-error"
            />
            <p id="csv-error" class="field-error" aria-live="polite">
                {move || csv_error.get()}
            </p>
        </div>
    }
}

/// The progress of a CSV upload or line check, announced as a status; nothing when idle.
#[component]
fn CheckProgress(progress: RwSignal<Progress>) -> impl IntoView {
    move || match progress.get() {
        Progress::Idle => None,
        Progress::Reading => Some(
            view! {
                <div class="progress" role="status">
                    <label for="check-progress">"Reading the file…"</label>
                    <progress id="check-progress"></progress>
                </div>
            }
            .into_any(),
        ),
        Progress::Checking { done, total } => Some(
            view! {
                <div class="progress" role="status">
                    <label for="check-progress">
                        {format!("Checking lines: {done} of {total}")}
                    </label>
                    <progress
                        id="check-progress"
                        max=total.to_string()
                        value=done.to_string()
                    ></progress>
                </div>
            }
            .into_any(),
        ),
    }
}

/// What the last check found: the lines that need attention, and a button to file the good
/// ones alone; nothing before a check.
#[component]
fn LineCheck(
    checked: RwSignal<Option<Vec<LineResult>>>,
    submit_good: Callback<()>,
    pending: Memo<bool>,
    /// Lines on an authorised seller's listing ticked to be filed anyway.
    confirmed: RwSignal<Vec<String>>,
) -> impl IntoView {
    move || {
        checked.get().map(|lines| {
            let good = lines.iter().filter(|line| line.outcome.is_ok()).count();
            let bad: Vec<LineResult> = lines
                .into_iter()
                .filter(|line| line.outcome.is_err())
                .collect();
            view! {
                <section class="line-check" aria-labelledby="line-check-heading">
                    <h2 id="line-check-heading">
                        {if bad.is_empty() {
                            format!("All {good} lines can be reported")
                        } else {
                            format!("{} of {} lines need attention", bad.len(), bad.len() + good)
                        }}
                    </h2>
                    <ul class="line-problems" aria-label="Problems with listing lines">
                        {bad
                            .into_iter()
                            .map(|line| {
                                let confirm = line
                                    .authorised_seller
                                    .clone()
                                    .map(|seller| {
                                        view! {
                                            <ConfirmAuthorised line=line.clone() seller confirmed />
                                        }
                                    });
                                view! {
                                    <li>
                                        <strong>{format!("Line {}", line.line)}</strong>
                                        " "
                                        <code>{line.text.clone()}</code>
                                        ": "
                                        {line.outcome.clone().err().unwrap_or_default()}
                                        {confirm}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                    {(good > 0)
                        .then(|| {
                            view! {
                                <button
                                    type="button"
                                    class="button button-secondary"
                                    on:click=move |_| submit_good.run(())
                                    disabled=move || pending.get()
                                >
                                    {format!(
                                        "Submit the {good} good line{} now",
                                        if good == 1 { "" } else { "s" },
                                    )}
                                </button>
                                <p class="hint">
                                    "The lines with problems stay in the box for you to correct."
                                </p>
                            }
                        })}
                </section>
            }
        })
    }
}

/// The per-line confirmation for a listing whose seller is on the brand's authorised list:
/// ticked, the line is filed with the next submission and the confirmation is recorded on
/// its item.
#[component]
fn ConfirmAuthorised(
    line: LineResult,
    seller: String,
    confirmed: RwSignal<Vec<String>>,
) -> impl IntoView {
    let text = line.text.clone();
    let id = format!("confirm-line-{}", line.line);
    let is_ticked = {
        let text = text.clone();
        move || confirmed.with(|lines| lines.contains(&text))
    };
    view! {
        <div class="check confirm-line">
            <input
                type="checkbox"
                id=id.clone()
                prop:checked=is_ticked
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    confirmed
                        .update(|lines| {
                            lines.retain(|given| *given != text);
                            if on {
                                lines.push(text.clone());
                            }
                        })
                }
            />
            <label for=id>
                {format!(
                    "File line {} anyway: I have checked that this listing infringes although {seller} is on our authorised list",
                    line.line,
                )}
            </label>
        </div>
    }
}
