//! The report form itself: what submitting and checking do, and its sections in order.

use leptos::prelude::*;

use crate::api::reports::{check_report_lines, instant_takedown, submit_report};
use crate::components::form::{FormError, action_error};
use crate::components::upload::post_raw;
use crate::model::{CsvRows, LineResult, Receipt, ReportDraft, SubmitOutcome};

use super::declaration::DeclarationFields;
use super::evidence::EvidenceFields;
use super::grounds::GroundsFields;
use super::listings::ListingLines;
use super::receipt::ReceiptPanel;
use super::{Draft, Progress};

/// Lines checked per request while a CSV is checked, so progress can be shown between them.
const CHECK_CHUNK: usize = 50;

/// The form: files a report (or, with `instant`, takes the listings down at once), checks the
/// listing lines on request or after a CSV upload, and shows the receipt once stored.
#[component]
pub(super) fn ReportForm(
    /// The reporting brand.
    brand_id: i64,
    /// The brand's usable rights, as (id, one-line title).
    usable: Vec<(i64, String)>,
    /// What is typed, kept by the page.
    draft: Draft,
    /// The rejected item this report corrects, if any.
    resubmit: Option<i64>,
    /// An instant takedown rather than a report for review.
    instant: bool,
    /// Bumped when a report is stored.
    submitted: RwSignal<u32>,
) -> impl IntoView {
    let submit = Action::new(move |report: &ReportDraft| {
        let report = report.clone();
        async move {
            if instant {
                instant_takedown(report).await
            } else {
                submit_report(report).await
            }
        }
    });
    let error = action_error(submit);
    let checked = RwSignal::new(None::<Vec<LineResult>>);
    let receipt = RwSignal::new(None::<Receipt>);
    let progress = RwSignal::new(Progress::Idle);
    let csv_error = RwSignal::new(None::<String>);

    Effect::new(move |_| match submit.value().get() {
        Some(Ok(SubmitOutcome::LinesNeedAttention(lines))) => checked.set(Some(lines)),
        Some(Ok(SubmitOutcome::Submitted(done))) => {
            // Keep the lines that were left out, for correction; the rest are filed.
            let kept: Vec<String> = done.left_out.iter().map(|line| line.text.clone()).collect();
            draft.lines.set(kept.join("\n"));
            checked.set(None);
            receipt.set(Some(done));
            submitted.update(|n| *n += 1);
        }
        _ => {}
    });

    let run_check = move || {
        let text = draft.lines.get_untracked();
        let lines: Vec<String> = text.lines().map(str::to_owned).collect();
        leptos::task::spawn_local(async move {
            let total = lines.iter().filter(|line| !line.trim().is_empty()).count();
            progress.set(Progress::Checking { done: 0, total });
            let mut results = Vec::new();
            let mut done = 0;
            let mut failed = false;
            for (chunk_index, chunk) in lines.chunks(CHECK_CHUNK).enumerate() {
                match check_report_lines(brand_id, chunk.join("\n")).await {
                    Ok(chunk_results) => {
                        done += chunk_results.len();
                        results.extend(chunk_results.into_iter().map(|mut line| {
                            line.line += chunk_index * CHECK_CHUNK;
                            line
                        }));
                        progress.set(Progress::Checking { done, total });
                    }
                    Err(problem) => {
                        csv_error.set(Some(problem.to_string()));
                        failed = true;
                        break;
                    }
                }
            }
            // A check that could not finish says only why: no half result ("All 0 lines can
            // be reported") beside the error. Repeats across chunks are found by the
            // submission's own full check.
            checked.set((!failed).then_some(results));
            progress.set(Progress::Idle);
        });
    };

    let on_csv = Callback::new(move |event: leptos::ev::Event| {
        csv_error.set(None);
        receipt.set(None);
        progress.set(Progress::Reading);
        leptos::task::spawn_local(async move {
            match post_raw::<CsvRows>("/uploads/csv", &event).await {
                Some(Ok(csv)) => {
                    draft.lines.set(
                        csv.rows
                            .iter()
                            .map(|(reference, _)| reference.as_str())
                            .collect::<Vec<_>>()
                            .join("\n"),
                    );
                    draft.notes.set(csv.rows);
                    run_check();
                }
                Some(Err(message)) => {
                    csv_error.set(Some(message));
                    progress.set(Progress::Idle);
                }
                None => progress.set(Progress::Idle),
            }
        });
    });

    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        receipt.set(None);
        submit.dispatch(draft.to_report(brand_id, resubmit, false));
    };
    let submit_good = Callback::new(move |()| {
        receipt.set(None);
        submit.dispatch(draft.to_report(brand_id, resubmit, true));
    });
    let no_rights = usable.is_empty();
    let pending = submit.pending();

    view! {
        {move || receipt.get().map(|receipt| view! { <ReceiptPanel receipt instant /> })}
        {no_rights
            .then(|| {
                view! {
                    <p class="notice" role="note">
                        "Your brand has no verified, unexpired IP right yet. "
                        <a href=format!("/brands/{brand_id}/rights")>"Register one"</a>
                        " and ask your account manager to verify it before reporting."
                    </p>
                }
            })}
        <form class="panel form-panel" on:submit=on_submit novalidate>
            <GroundsFields draft error usable />
            <ListingLines
                draft
                error
                progress
                csv_error
                checked
                on_csv
                submit_good
                check=Callback::new(move |()| run_check())
                pending
            />
            <EvidenceFields draft error />
            <DeclarationFields draft error />
            <FormError error />
            <div class="actions">
                // The takedown's button looks like what it does: removes at once.
                <button
                    type="submit"
                    class=if instant { "button button-danger" } else { "button" }
                    disabled=move || submit.pending().get()
                >
                    {move || match (submit.pending().get(), instant) {
                        (true, _) => "Submitting…",
                        (false, true) => "Take down now",
                        (false, false) => "Submit report",
                    }}
                </button>
            </div>
            {move || {
                submit
                    .pending()
                    .get()
                    .then(|| {
                        view! {
                            <div class="progress" role="status">
                                <label for="submit-progress">
                                    {format!("Submitting {} listings…", draft.line_count())}
                                </label>
                                <progress id="submit-progress"></progress>
                            </div>
                        }
                    })
            }}
        </form>
    }
    .into_any()
}
