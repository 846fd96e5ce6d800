//! The report (notice) form: listing lines checked one by one, CSV upload with progress,
//! evidence, the good-faith declaration, and the receipt.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::reports::{
    check_report_lines, get_resubmission, instant_takedown, list_takedowns, retract_takedown,
    submit_report,
};
use crate::api::rights::list_rights;
use crate::components::form::{FieldError, FormError, id_param, message_for};
use crate::components::upload::{FileLink, FileUpload, post_raw};
use crate::domain::report::{DECLARATION, MAX_ITEMS_PER_REPORT};
use crate::domain::right::MAX_EVIDENCE_FILES;
use crate::domain::{ReasonCode, format_time};
use crate::error::AppError;
use crate::model::{
    CsvRows, FileRef, LineResult, Receipt, ReportDraft, SubmitOutcome, TakedownView,
};
use crate::wire::{Loaded, load};

/// Lines checked per request while a CSV is checked, so progress can be shown between them.
const CHECK_CHUNK: usize = 50;

/// `/brands/:id/reports/new` (optionally `?resubmit=<item>`) — brand staff file a notice.
#[component]
pub fn ReportFormPage() -> impl IntoView {
    view! { <NoticePage instant=false /> }
}

/// `/brands/:id/takedown` — Joint-Force staff remove listings at once, and retract within 7 days.
#[component]
pub fn TakedownPage() -> impl IntoView {
    view! { <NoticePage instant=true /> }
}

/// Said before anything is typed: this brand has no Joint-Force standing now (the server
/// refuses its takedowns with the precise reason), so the normal report is the way.
#[component]
fn NoStandingNotice(
    brand_id: impl Fn() -> Option<i64> + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let auth = expect_context::<crate::Auth>();
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let user = auth.user.await.ok().flatten()?;
                let own = user.brand_id.is_some() && user.brand_id == brand_id();
                (own && user.brand_tier != Some(crate::domain::Tier::JointForce))
                    .then(|| {
                        let tier = user.brand_tier.unwrap_or_default().label();
                        let new_report = format!(
                            "/brands/{}/reports/new",
                            user.brand_id.unwrap_or_default(),
                        );
                        view! {
                            <p class="notice" role="note">
                                {format!(
                                    "Your brand is {tier} now, without Joint-Force standing, so instant takedowns will be refused. ",
                                )}
                                <a href=new_report>"File a normal report instead"</a>
                            </p>
                        }
                    })
            })}
        </Transition>
    }
}

#[component]
fn NoticePage(instant: bool) -> impl IntoView {
    let brand_id = id_param("id");
    let query = use_query_map();
    let resubmit = move || {
        query
            .read()
            .get("resubmit")
            .and_then(|id| id.parse::<i64>().ok())
    };
    let rights = load(brand_id, |id| async move {
        match id {
            Some(id) => list_rights(id).await,
            None => Ok(Vec::new()),
        }
    });
    let prefill = load(resubmit, |item| async move {
        match item {
            Some(item) => get_resubmission(item).await.map(Some),
            None => Ok(None),
        }
    });

    let draft = Draft::default();
    // Counts stored submissions, so the list of recent takedowns refreshes after each.
    let submitted = RwSignal::new(0_u32);
    // Bumped by a retraction, for the same reason.
    let retracted = RwSignal::new(0_u32);
    // Made here, never inside the `Suspend` below: the server renders a `Suspend` again when
    // its resources resolve at different moments, and a resource made in there would be made
    // again outside the request, where its server function no longer finds the session (the
    // page then never hydrates). Only the brand's own staff may list its takedowns, so for
    // anyone else the takedown page answers 403, as it should.
    let recent = load(
        move || (brand_id(), submitted.get(), retracted.get()),
        move |(id, _, _)| async move {
            match id {
                Some(id) if instant => list_takedowns(id).await,
                _ => Ok(Vec::new()),
            }
        },
    );
    Effect::new(move |_| {
        if let Some(Ok(Some(old))) = prefill.get() {
            draft.ip_right_id.set(old.ip_right_id.to_string());
            draft.reason.set(old.reason.as_str().to_owned());
            draft.explanation.set(old.explanation.clone());
            draft.test_buy_order.set(old.test_buy_order.clone());
            draft.lines.set(old.line_text.clone());
        }
    });

    view! {
        <Title text=if instant { "Instant takedown" } else { "New report" } />
        <h1>{if instant { "Instant takedown" } else { "Report infringing listings" }}</h1>
        {instant
            .then(|| {
                view! {
                    <p class="lead">
                        "Listings named here are removed at once, on your brand's Joint-Force standing, and the marketplace is told. You can retract a takedown within 7 days."
                    </p>
                    <NoStandingNotice brand_id />
                }
            })}
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match prefill.await {
                    Ok(Some(old)) => {
                        Some(
                            view! {
                                <p class="notice" role="note">
                                    {format!(
                                        "Resubmitting item {} of report {}, which was rejected: {}",
                                        old.item_id,
                                        old.report_id,
                                        old.rejection,
                                    )}
                                </p>
                            }
                                .into_any(),
                        )
                    }
                    Ok(None) => None,
                    Err(error) => {
                        Some(

                            view! {
                                <p class="form-error" role="alert">
                                    {error.to_string()}
                                </p>
                            }
                                .into_any(),
                        )
                    }
                }
            })}
        </Transition>
        <Suspense fallback=crate::components::outcome::Loading>
            {move || Suspend::new(async move {
                match (rights.await, brand_id()) {
                    (Ok(rights), Some(brand_id)) => {
                        let usable: Vec<(i64, String)> = rights
                            .iter()
                            .filter(|right| right.usable)
                            .map(|right| (right.id, right.title()))
                            .collect();
                        view! {
                            <ReportForm
                                brand_id
                                usable
                                draft
                                resubmit=resubmit()
                                instant
                                submitted
                            />
                            {instant.then(|| view! { <RecentTakedowns recent retracted /> })}
                        }
                            .into_any()
                    }
                    (Err(error), _) => {
                        view! { <crate::components::outcome::ErrorPanel error /> }.into_any()
                    }
                    (_, None) => ().into_any(),
                }
            })}
        </Suspense>
    }
}

/// The form's fields, kept in signals so nothing typed is lost whatever the server answers.
#[derive(Clone, Copy, Default)]
struct Draft {
    ip_right_id: RwSignal<String>,
    reason: RwSignal<String>,
    lines: RwSignal<String>,
    notes: RwSignal<Vec<(String, String)>>,
    explanation: RwSignal<String>,
    test_buy_order: RwSignal<String>,
    evidence: RwSignal<Vec<FileRef>>,
    declared: RwSignal<bool>,
    signature: RwSignal<String>,
}

impl Draft {
    fn to_report(self, brand_id: i64, resubmits: Option<i64>, accept_partial: bool) -> ReportDraft {
        ReportDraft {
            brand_id,
            ip_right_id: self.ip_right_id.get().parse().unwrap_or(0),
            reason: self.reason.get(),
            lines: self.lines.get(),
            notes: self.notes.get(),
            explanation: self.explanation.get(),
            test_buy_order: self.test_buy_order.get(),
            evidence_file_ids: self.evidence.get().iter().map(|file| file.id).collect(),
            declared: self.declared.get(),
            signature: self.signature.get(),
            resubmits_item_id: resubmits,
            accept_partial,
        }
    }
}

/// Where a CSV upload or line check is.
#[derive(Clone, Debug, PartialEq)]
enum Progress {
    Idle,
    Reading,
    Checking { done: usize, total: usize },
}

#[component]
fn ReportForm(
    brand_id: i64,
    usable: Vec<(i64, String)>,
    draft: Draft,
    resubmit: Option<i64>,
    instant: bool,
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
    let error = Signal::derive(move || submit.value().get().and_then(Result::err));
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
                        break;
                    }
                }
            }
            // Repeats across chunks are found by the submission's own full check.
            checked.set(Some(results));
            progress.set(Progress::Idle);
        });
    };

    let on_csv = move |event: leptos::ev::Event| {
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
    };

    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        receipt.set(None);
        submit.dispatch(draft.to_report(brand_id, resubmit, false));
    };
    let submit_good = move |_| {
        receipt.set(None);
        submit.dispatch(draft.to_report(brand_id, resubmit, true));
    };
    let add_evidence = Callback::new(move |file: FileRef| {
        draft.evidence.update(|files| {
            if files.len() < MAX_EVIDENCE_FILES {
                files.push(file);
            }
        });
    });
    let no_rights = usable.is_empty();
    let right_options = usable
        .into_iter()
        .map(|(id, title)| view! { <option value=id.to_string()>{title}</option> })
        .collect_view();
    let reason_options = ReasonCode::ALL
        .into_iter()
        .map(|code| view! { <option value=code.as_str()>{code.label()}</option> })
        .collect_view();
    let line_count = move || {
        draft
            .lines
            .with(|text| text.lines().filter(|l| !l.trim().is_empty()).count())
    };
    let bad_lines = move || {
        checked
            .get()
            .map(|lines| {
                lines
                    .into_iter()
                    .filter(|line| line.outcome.is_err())
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    let good_count = move || {
        checked.get().map_or(0, |lines| {
            lines.iter().filter(|line| line.outcome.is_ok()).count()
        })
    };

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
            <div class="form-grid">
                <div class="field">
                    <label for="ip_right_id">"IP right"</label>
                    <select
                        id="ip_right_id"
                        prop:value=draft.ip_right_id
                        on:change=move |ev| draft.ip_right_id.set(event_target_value(&ev))
                        aria-describedby="ip_right_id-error"
                    >
                        <option value="">"Choose a verified right…"</option>
                        {right_options}
                    </select>
                    <FieldError id="ip_right_id" message=message_for(error, "ip_right_id") />
                </div>
                <div class="field">
                    <label for="reason">"Reason"</label>
                    <select
                        id="reason"
                        prop:value=draft.reason
                        on:change=move |ev| draft.reason.set(event_target_value(&ev))
                        aria-describedby="reason-error"
                    >
                        <option value="">"Choose a reason…"</option>
                        {reason_options}
                    </select>
                    <FieldError id="reason" message=message_for(error, "reason") />
                </div>
            </div>
            <div class="field">
                <label for="lines">
                    {format!(
                        "Listings — IDs or URLs, one per line (up to {MAX_ITEMS_PER_REPORT})",
                    )}
                </label>
                <textarea
                    id="lines"
                    rows="8"
                    prop:value=draft.lines
                    on:input=move |ev| draft.lines.set(event_target_value(&ev))
                    aria-describedby="lines-error lines-count"
                ></textarea>
                <p id="lines-count" class="hint">
                    {move || format!("{} lines", line_count())}
                </p>
                <FieldError id="lines" message=message_for(error, "lines") />
            </div>
            <div class="field">
                <label for="csv">"Or upload a CSV (listing reference, optional note)"</label>
                <input
                    id="csv"
                    type="file"
                    accept=".csv,text/csv"
                    on:change=on_csv
                    aria-describedby="csv-error"
                />
                <p id="csv-error" class="field-error" aria-live="polite">
                    {move || csv_error.get()}
                </p>
            </div>
            {move || match progress.get() {
                Progress::Idle => None,
                Progress::Reading => {
                    Some(
                        view! {
                            <div class="progress" role="status">
                                <label for="check-progress">"Reading the file…"</label>
                                <progress id="check-progress"></progress>
                            </div>
                        }
                            .into_any(),
                    )
                }
                Progress::Checking { done, total } => {
                    Some(
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
                    )
                }
            }}
            {move || {
                checked
                    .get()
                    .map(|_| {
                        let bad = bad_lines();
                        let good = good_count();
                        view! {
                            <section class="line-check" aria-labelledby="line-check-heading">
                                <h2 id="line-check-heading">
                                    {if bad.is_empty() {
                                        format!("All {good} lines can be reported")
                                    } else {
                                        format!(
                                            "{} of {} lines need attention",
                                            bad.len(),
                                            bad.len() + good,
                                        )
                                    }}
                                </h2>
                                <ul class="line-problems" aria-label="Problems with listing lines">
                                    {bad
                                        .into_iter()
                                        .map(|line| {
                                            view! {
                                                <li>
                                                    <strong>{format!("Line {}", line.line)}</strong>
                                                    " "
                                                    <code>{line.text.clone()}</code>
                                                    ": "
                                                    {line.outcome.err().unwrap_or_default()}
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
                                                on:click=submit_good
                                                disabled=move || submit.pending().get()
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
            }}
            <div class="field">
                <label for="explanation">"Why these listings infringe"</label>
                <textarea
                    id="explanation"
                    rows="4"
                    prop:value=draft.explanation
                    on:input=move |ev| draft.explanation.set(event_target_value(&ev))
                    aria-describedby="explanation-error"
                ></textarea>
                <FieldError id="explanation" message=message_for(error, "explanation") />
            </div>
            <div class="form-grid">
                <div class="field">
                    <label for="test_buy_order">"Test-buy order number (optional)"</label>
                    <input
                        id="test_buy_order"
                        prop:value=draft.test_buy_order
                        on:input=move |ev| draft.test_buy_order.set(event_target_value(&ev))
                        aria-describedby="test_buy_order-error"
                    />
                    <FieldError id="test_buy_order" message=message_for(error, "test_buy_order") />
                </div>
                <div>
                    <FileUpload
                        id="evidence"
                        label="Evidence files (optional, up to 5)"
                        purpose="evidence"
                        server_error=message_for(error, "evidence")
                        on_uploaded=add_evidence
                    />
                    <ul class="evidence-list" aria-label="Attached evidence">
                        {move || {
                            draft
                                .evidence
                                .get()
                                .into_iter()
                                .map(|file| {
                                    let id = file.id;
                                    let name = file.file_name.clone();
                                    view! {
                                        <li>
                                            <FileLink file />
                                            " "
                                            <button
                                                type="button"
                                                class="link-button"
                                                aria-label=format!("Remove {name}")
                                                on:click=move |_| {
                                                    draft.evidence.update(|files| files.retain(|f| f.id != id))
                                                }
                                            >
                                                "Remove"
                                            </button>
                                        </li>
                                    }
                                })
                                .collect_view()
                        }}
                    </ul>
                </div>
            </div>
            <fieldset class="declaration">
                <legend>"Good-faith declaration"</legend>
                <div class="check">
                    <input
                        id="declared"
                        type="checkbox"
                        prop:checked=draft.declared
                        on:change=move |ev| draft.declared.set(event_target_checked(&ev))
                        aria-describedby="declared-error"
                    />
                    <label for="declared">{DECLARATION}</label>
                </div>
                <FieldError id="declared" message=message_for(error, "declared") />
                <div class="field">
                    <label for="signature">"Signature — type your full name"</label>
                    <input
                        id="signature"
                        autocomplete="name"
                        prop:value=draft.signature
                        on:input=move |ev| draft.signature.set(event_target_value(&ev))
                        aria-describedby="signature-error"
                    />
                    <FieldError id="signature" message=message_for(error, "signature") />
                </div>
            </fieldset>
            <FormError error />
            <div class="actions">
                <button
                    type="button"
                    class="button button-secondary"
                    on:click=move |_| run_check()
                    disabled=move || progress.get() != Progress::Idle
                >
                    "Check lines"
                </button>
                <button type="submit" class="button" disabled=move || submit.pending().get()>
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
                                    {format!("Submitting {} listings…", line_count())}
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

/// The receipt shown at once after a report is stored (DSA Art. 16(4)).
#[component]
fn ReceiptPanel(receipt: Receipt, instant: bool) -> impl IntoView {
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

/// The brand's instant takedowns of the last 7 days, each with a button to retract it.
#[component]
fn RecentTakedowns(
    recent: Loaded<Result<Vec<TakedownView>, AppError>>,
    retracted: RwSignal<u32>,
) -> impl IntoView {
    let retract = Action::new(|item: &i64| retract_takedown(*item));
    let error = Signal::derive(move || retract.value().get().and_then(Result::err));
    Effect::new(move |_| {
        if let Some(Ok(())) = retract.value().get() {
            retracted.update(|n| *n += 1);
        }
    });
    view! {
        <section class="panel" aria-labelledby="recent-heading">
            <h2 id="recent-heading">"Your takedowns, last 7 days"</h2>
            <crate::components::form::FormError error />
            <Transition fallback=crate::components::outcome::Loading>
                {move || Suspend::new(async move {
                    let rows = recent.await.unwrap_or_default();
                    if rows.is_empty() {
                        return view! {
                            <p class="empty">"No instant takedowns in the last 7 days."</p>
                        }
                            .into_any();
                    }
                    view! {
                        <ul class="takedowns">
                            {rows
                                .into_iter()
                                .map(|row| {
                                    let item = row.item_id;
                                    view! {
                                        <li>
                                            <a href=format!(
                                                "/listings/{}",
                                                row.listing_id,
                                            )>{row.title.clone()}</a>
                                            <span class="hint">
                                                {format!(
                                                    " #{} · removed {}",
                                                    row.listing_id,
                                                    format_time(row.taken_down_at),
                                                )}
                                            </span>
                                            {if row.retracted {
                                                view! { <span class="pill">" Retracted"</span> }.into_any()
                                            } else {
                                                view! {
                                                    <button
                                                        type="button"
                                                        class="link-button"
                                                        aria-label=format!(
                                                            "Retract takedown of listing {} ({})",
                                                            row.listing_id,
                                                            row.title,
                                                        )
                                                        on:click=move |_| {
                                                            retract.dispatch(item);
                                                        }
                                                    >
                                                        " Retract"
                                                    </button>
                                                }
                                                    .into_any()
                                            }}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                })}
            </Transition>
        </section>
    }
}
