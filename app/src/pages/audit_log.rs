//! The audit log, for platform admins (every event) and account managers (their brands'):
//! filtered by brand, person, kind, subject and date, newest first, and as CSV.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::people::search_audit_log;
use crate::components::async_list::AsyncView;
use crate::components::form::{SelectField, TextField, VisibleBrandOptions, options_of};
use crate::components::pager::OlderButton;
use crate::components::table::{Column, DataTable};
use crate::domain::audit::{EventKind, SubjectKind};
use crate::domain::format_time;
use crate::error::AppError;
use crate::model::{AuditEventView, AuditQuery};
use crate::wire::load;

/// `/audit` — what happened, who did it and to what.
#[component]
pub fn AuditLogPage() -> impl IntoView {
    let brand = RwSignal::new(String::new());
    let actor = RwSignal::new(String::new());
    let kind = RwSignal::new(String::new());
    let subject = RwSignal::new(String::new());
    let number = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let before = RwSignal::new(None::<i64>);
    let query = Memo::new(move |_| AuditQuery {
        brand: brand.get(),
        actor: actor.get(),
        kind: kind.get(),
        subject: subject.get(),
        number: number.get(),
        from: from.get(),
        to: to.get(),
        before: before.get(),
    });
    let page = load(move || query.get(), search_audit_log);
    // Filters start from the newest again.
    Effect::new(move |_| {
        let _ = (brand.get(), actor.get(), kind.get(), subject.get());
        let _ = (number.get(), from.get(), to.get());
        before.set(None);
    });
    // A filter the server refused says so by its field.
    let refused = RwSignal::new(None::<AppError>);
    Effect::new(move |_| refused.set(page.get().and_then(Result::err)));
    let error: Signal<Option<AppError>> = refused.into();
    let kinds = options_of(EventKind::ALL, |k| (k.as_str(), k.label()));
    let subjects = options_of(SubjectKind::ALL, |k| (k.as_str(), k.label()));
    let csv_href = move || {
        let q = query.get();
        let pairs = [
            ("brand", q.brand),
            ("actor", q.actor),
            ("kind", q.kind),
            ("subject", q.subject),
            ("number", q.number),
            ("from", q.from),
            ("to", q.to),
        ];
        let encoded: Vec<String> = pairs
            .iter()
            .filter(|(_, value)| !value.is_empty())
            .map(|(key, value)| format!("{key}={}", crate::domain::listing::urlencode(value)))
            .collect();
        format!("/audit.csv?{}", encoded.join("&"))
    };
    view! {
        <Title text="Audit log" />
        <h1>"Audit log"</h1>
        <p class="lead">
            "Every change in the portal, who made it and when, newest first. Nothing here can be edited or deleted."
        </p>
        <form
            class="panel filters"
            aria-label="Filter the audit log"
            on:submit=|ev| ev.prevent_default()
        >
            <SelectField
                id="audit-brand"
                label="Brand"
                value=brand
                options=view! { <VisibleBrandOptions /> }
                placeholder="All my brands"
                error
                field="brand"
            />
            <TextField
                id="audit-actor"
                label="Who (name or e-mail)"
                value=actor
                kind="search"
                error
                field="actor"
            />
            <SelectField
                id="audit-kind"
                label="Kind of event"
                value=kind
                options=kinds
                placeholder="Every kind"
                error
                field="kind"
            />
            <SelectField
                id="audit-subject"
                label="About"
                value=subject
                options=subjects
                placeholder="Anything"
                error
                field="subject"
            />
            <TextField
                id="audit-number"
                label="Its number"
                value=number
                inputmode="numeric"
                error
                field="number"
            />
            <TextField id="audit-from" label="From" value=from kind="date" error field="from" />
            <TextField id="audit-to" label="To" value=to kind="date" error field="to" />
        </form>
        <p>
            <a class="button button-secondary" href=csv_href download="goodfaith-audit-log.csv">
                "Download these events as CSV"
            </a>
        </p>
        <AsyncView
            data=page
            ok=move |page| {
                view! {
                    <Events events=page.events />
                    <OlderButton next=page.next_before before />
                }
            }
            suspense=false
        />
    }
}

#[component]
fn Events(events: Vec<AuditEventView>) -> impl IntoView {
    if events.is_empty() {
        return view! { <p class="empty">"No event matches these filters."</p> }.into_any();
    }
    let rows = events
        .into_iter()
        .map(|event| {
            view! {
                <tr>
                    <th scope="row">{format_time(event.occurred_at)}</th>
                    <td data-label="Who">{event.actor.unwrap_or_else(|| "The system".into())}</td>
                    <td data-label="What">
                        <code>{event.action}</code>
                    </td>
                    <td data-label="About">
                        {format!("{} {}", event.subject_type.replace('_', " "), event.subject_id)}
                    </td>
                    <td data-label="Brand">{event.brand.unwrap_or_else(|| "—".into())}</td>
                    <td data-label="Detail">{event.detail}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="audit-log">
            <DataTable
                caption="Events, newest first"
                columns=&[
                    Column::Text("When"),
                    Column::Text("Who"),
                    Column::Text("What"),
                    Column::Text("About"),
                    Column::Text("Brand"),
                    Column::Text("Detail"),
                ]
                rows
                stack=true
            />
        </div>
    }
    .into_any()
}
