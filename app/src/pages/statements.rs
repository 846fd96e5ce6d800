//! Statements of reasons for the EU DSA Transparency Database, for platform admins: how
//! submission stands, every statement with the database's id or why it failed, resending,
//! and an export of any range of days.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::transparency::{
    list_statements, resend_failed_statements, resend_statement, submission_overview,
};
use crate::components::async_list::AsyncView;
use crate::components::form::{FormError, SelectField, TextField, action_error, bump_on_success};
use crate::components::pager::OlderButton;
use crate::components::table::{Column, DataTable};
use crate::domain::dsa::{SubmissionState, export_range};
use crate::domain::{format_span, format_time};
use crate::error::AppError;
use crate::model::{StatementQuery, StatementView, SubmissionHealth};
use crate::wire::load;

/// `/admin/statements` — statements of reasons and their submission (platform admins).
#[component]
pub fn StatementsPage() -> impl IntoView {
    let version = RwSignal::new(0_u32);
    let overview = load(move || version.get(), |_| submission_overview());
    view! {
        <Title text="Statements of reasons" />
        <h1>"Statements of reasons"</h1>
        <p class="lead">
            "Every removal and restoration, and every audit that confirms an instant takedown, has a statement of reasons in the format of the EU DSA Transparency Database (Art. 24(5)). They are submitted in batches of up to 100 to the address in "
            <code>"GOODFAITH_TDB_URL"</code>
            ", retried for about a day, and each keeps the id the database gave it."
        </p>
        <AsyncView
            data=overview
            ok=move |health| {
                view! {
                    <Health health=health.clone() version />
                    <Export from=health.export_from to=health.export_to />
                }
            }
        />
        <Statements version />
    }
}

#[component]
fn Health(health: SubmissionHealth, version: RwSignal<u32>) -> impl IntoView {
    let oldest = health
        .oldest_pending_age_ms
        .map_or_else(|| "none".to_owned(), format_span);
    let resend_all = Action::new(|_: &()| resend_failed_statements());
    bump_on_success(resend_all, version);
    let error = action_error(resend_all);
    let banner = health.trouble.map(|trouble| {
        view! {
            <div class="banner banner-warn" role="alert">
                <strong>"Submission needs attention. "</strong>
                {trouble}
            </div>
        }
    });
    let destination = match health.endpoint {
        Some(url) => view! { <p>"Statements go to " <code>{url}</code> "."</p> }.into_any(),
        None => {
            view! {
                <p>
                    "Submission is off: set " <code>"GOODFAITH_TDB_URL"</code> " and "
                    <code>"GOODFAITH_TDB_TOKEN"</code>
                    " to the platform's access to the Transparency Database. Until then statements wait here and can be exported."
                </p>
            }
                .into_any()
        }
    };
    let failed = health.failed;
    view! {
        {banner}
        {destination}
        <dl class="figures" aria-label="Submission">
            <div>
                <dt>"Waiting"</dt>
                <dd>{health.pending}</dd>
            </div>
            <div>
                <dt>"Submitted"</dt>
                <dd>{health.submitted}</dd>
            </div>
            <div>
                <dt>"Failed"</dt>
                <dd>{health.failed}</dd>
            </div>
            <div>
                <dt>"Oldest waiting"</dt>
                <dd>{oldest}</dd>
            </div>
        </dl>
        {(failed > 0)
            .then(|| {
                view! {
                    <p>
                        <button
                            type="button"
                            class="button"
                            on:click=move |_| {
                                resend_all.dispatch(());
                            }
                        >
                            {format!("Resend all {failed} failed")}
                        </button>
                    </p>
                    <FormError error />
                }
            })}
    }
}

#[component]
fn Export(from: String, to: String) -> impl IntoView {
    let from = RwSignal::new(from);
    let to = RwSignal::new(to);
    // Checked here as the server checks it, so a wrong date is named by its field before a
    // download is tried.
    let checked = Signal::derive(move || export_range(&from.get(), &to.get()));
    let error: Signal<Option<AppError>> = Signal::derive(move || {
        checked
            .get()
            .err()
            .map(|(field, why)| AppError::field(field, why))
    });
    let link = move |kind: &'static str, label: &'static str| {
        move || match checked.get() {
            Ok(_) => {
                let href = format!(
                    "/admin/statements.{kind}?from={}&to={}",
                    from.get(),
                    to.get()
                );
                view! {
                    <a class="button button-secondary" href=href download>
                        {label}
                    </a>
                }
                .into_any()
            }
            Err(_) => {
                view! { <span class="hint">{label} " (fix the dates first)"</span> }.into_any()
            }
        }
    };
    view! {
        <section aria-labelledby="export-heading">
            <h2 id="export-heading">"Export"</h2>
            <p class="hint">
                "The statements of decisions made from the first day to the last, both included (at most a year and a day): as JSON lines, each exactly as the database's API takes it, or as CSV with where each submission stands."
            </p>
            <div class="filters">
                <TextField
                    id="export-from"
                    label="First day"
                    value=from
                    kind="date"
                    error
                    field="from"
                />
                <TextField id="export-to" label="Last day" value=to kind="date" error field="to" />
            </div>
            <p class="actions">
                {link("jsonl", "Download JSON lines")} " " {link("csv", "Download CSV")}
            </p>
        </section>
    }
}

#[component]
fn Statements(version: RwSignal<u32>) -> impl IntoView {
    let state = RwSignal::new(String::new());
    let listing = RwSignal::new(String::new());
    let before = RwSignal::new(None::<i64>);
    let page = load(
        move || {
            let query = StatementQuery {
                state: state.get(),
                listing: listing.get(),
                before: before.get(),
            };
            (query, version.get())
        },
        |(query, _)| list_statements(query),
    );
    // A filter the server refused says so by its field (read in an effect: the resource is
    // read outside its Suspense only there).
    let refused = RwSignal::new(None::<AppError>);
    Effect::new(move |_| refused.set(page.get().and_then(Result::err)));
    let filter_error: Signal<Option<AppError>> = refused.into();
    // Filters start from the newest again.
    Effect::new(move |_| {
        state.track();
        listing.track();
        before.set(None);
    });
    let states = SubmissionState::ALL
        .map(|state| view! { <option value=state.as_str()>{state.label()}</option> })
        .collect_view();
    view! {
        <section aria-labelledby="statements-heading">
            <h2 id="statements-heading">"Statements"</h2>
            <div class="filters">
                <SelectField
                    id="statement-state"
                    label="Submission"
                    value=state
                    options=states
                    placeholder="All"
                />
                <TextField
                    id="statement-listing"
                    label="Listing ID"
                    value=listing
                    kind="search"
                    error=filter_error
                    field="listing"
                />
            </div>
            <AsyncView
                data=page
                ok=move |page| {
                    view! {
                        <StatementTable rows=page.rows version />
                        <OlderButton next=page.next_before before />
                    }
                }
                suspense=false
            />
        </section>
    }
}

#[component]
fn StatementTable(rows: Vec<StatementView>, version: RwSignal<u32>) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="empty">"No statements match."</p> }.into_any();
    }
    let resend = Action::new(|id: &i64| resend_statement(*id));
    bump_on_success(resend, version);
    let error = action_error(resend);
    let rows = rows
        .into_iter()
        .map(|row| {
            let state_class = match row.state {
                SubmissionState::Submitted => "pill status-live",
                SubmissionState::Pending => "pill status-restored",
                SubmissionState::Failed => "pill status-removed",
            };
            let detail = match row.state {
                SubmissionState::Submitted => {
                    let id = row
                        .tdb_id
                        .clone()
                        .unwrap_or_else(|| "(already held by the database)".into());
                    let when = row.submitted_at.map(format_time).unwrap_or_default();
                    view! {
                        " "
                        {when}
                        <br />
                        <span class="hint">"Database id "</span>
                        <code>{id}</code>
                    }
                    .into_any()
                }
                SubmissionState::Pending => row
                    .next_attempt_at
                    .map(|at| format!(" next try {}", format_time(at)))
                    .into_any(),
                SubmissionState::Failed => "".into_any(),
            };
            let last_error = row
                .last_error
                .clone()
                .map(|why| view! { <p class="field-error">{why}</p> });
            let action = (row.state == SubmissionState::Failed).then(|| {
                let id = row.id;
                let puid = row.puid.clone();
                view! {
                    <button
                        type="button"
                        class="link-button"
                        aria-label=format!("Resend {puid}")
                        on:click=move |_| {
                            resend.dispatch(id);
                        }
                    >
                        "Resend"
                    </button>
                }
            });
            let listing = row.listing_id;
            view! {
                <tr>
                    <th scope="row">
                        <details>
                            <summary>
                                <code>{row.puid.clone()}</code>
                            </summary>
                            <pre class="wire">{row.json.clone()}</pre>
                        </details>
                    </th>
                    <td data-label="Decision">{row.decision.label()}</td>
                    <td data-label="Listing">
                        <a href=format!("/listings/{listing}")>{format!("Listing {listing}")}</a>
                    </td>
                    <td data-label="Brand">{row.brand_name.clone()}</td>
                    <td data-label="Decided">{format_time(row.decided_at)}</td>
                    <td data-label="Source">
                        {source_label(&row.source_type)} <br />
                        <span class="hint">{automation_label(&row.automated_decision)}</span>
                    </td>
                    <td data-label="Submission">
                        <span class=state_class>{row.state.label()}</span>
                        {detail}
                        {last_error}
                    </td>
                    <td data-label="Attempts" class="num">
                        {row.attempts}
                    </td>
                    <td data-label="Action">{action}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <FormError error />
        <DataTable
            caption="Statements, newest first"
            columns=&[
                Column::Text("Statement"),
                Column::Text("Decision"),
                Column::Text("Listing"),
                Column::Text("Brand"),
                Column::Text("Decided"),
                Column::Text("Source"),
                Column::Text("Submission"),
                Column::Num("Attempts"),
                Column::Text("Action"),
            ]
            rows
            stack=true
        />
    }
    .into_any()
}

/// The database's source types in words.
fn source_label(source_type: &str) -> &'static str {
    match source_type {
        "SOURCE_ARTICLE_16" => "Notice (Art. 16)",
        "SOURCE_TRUSTED_FLAGGER" => "Trusted flagger",
        "SOURCE_VOLUNTARY" => "Own initiative",
        _ => "Other notification",
    }
}

/// The database's automated-decision values in words.
fn automation_label(automated_decision: &str) -> &'static str {
    match automated_decision {
        "AUTOMATED_DECISION_FULLY" => "Fully automated",
        "AUTOMATED_DECISION_PARTIALLY" => "Partly automated",
        _ => "Decided by a person",
    }
}
