//! The audit log as people read it: admins every event, account managers their brands'
//! events, filtered by brand, actor, kind, subject and date, newest first by cursor, and the
//! same as CSV.

use crate::db::audit::{self, EventFilter, EventScope, FoundEvent};
use crate::domain::Role;
use crate::domain::audit::{AUDIT_PAGE, EventKind, SubjectKind};
use crate::domain::clock::start_of_day_ms;
use crate::domain::limits::MAX_SEARCH_CHARS;
use crate::domain::trust::DAY_MS;
use crate::error::{AppError, FieldErrors};
use crate::model::{AuditEventView, AuditPage, AuditQuery, CurrentUser};
use crate::service::{Context, access};

/// One page of the events matching `query`, newest first: admins see every event, account
/// managers those of the brands they look after; everyone else is refused before anything is
/// read.
pub async fn search(
    ctx: &Context,
    caller: &CurrentUser,
    query: &AuditQuery,
) -> Result<AuditPage, AppError> {
    let filter = filter_for(ctx, caller, query).await?;
    let mut found = audit::search(&ctx.db.pool, &filter, AUDIT_PAGE + 1).await?;
    let more = found.len() as i64 > AUDIT_PAGE;
    found.truncate(AUDIT_PAGE as usize);
    let next_before = if more {
        found.last().map(|event| event.id)
    } else {
        None
    };
    Ok(AuditPage {
        events: found.into_iter().map(view_of).collect(),
        next_before,
    })
}

/// The checked filter for `query` as `caller` may ask it: the caller's role and the brand's
/// scope first, then each field, every problem named by its field.
pub async fn filter_for(
    ctx: &Context,
    caller: &CurrentUser,
    query: &AuditQuery,
) -> Result<EventFilter, AppError> {
    access::role(caller, &[Role::Admin, Role::AccountManager])?;
    let mut problems = FieldErrors::new();
    let mut complain = |field: &str, message: &str| {
        problems
            .entry(field.to_owned())
            .or_default()
            .push(message.to_owned());
    };
    let brand = match query.brand.trim() {
        "" => None,
        text => match text.parse::<i64>() {
            Ok(id) => Some(id),
            Err(_) => {
                complain("brand", "Choose a brand from the list.");
                None
            }
        },
    };
    let actor = query.actor.trim();
    if actor.chars().count() > MAX_SEARCH_CHARS {
        complain(
            "actor",
            &format!("Use at most {MAX_SEARCH_CHARS} characters."),
        );
    }
    let kind = match query.kind.as_str() {
        "" => None,
        name => {
            let kind = EventKind::parse(name);
            if kind.is_none() {
                complain("kind", "Choose a kind of event from the list.");
            }
            kind
        }
    };
    let subject = match (query.subject.as_str(), query.number.trim()) {
        ("", "") => None,
        ("", _) => {
            complain("subject", "Choose what the number is of.");
            None
        }
        (name, number) => {
            let kind = SubjectKind::parse(name);
            if kind.is_none() {
                complain("subject", "Choose a kind of thing from the list.");
            }
            let number = number.parse::<i64>().ok().filter(|n| *n > 0);
            if number.is_none() {
                complain("number", "Enter the number, digits only, e.g. 1042.");
            }
            kind.zip(number)
        }
    };
    let day = |field: &str, text: &str, complain: &mut dyn FnMut(&str, &str)| match text.trim() {
        "" => None,
        text => {
            let start = start_of_day_ms(text);
            if start.is_none() {
                complain(field, "Enter a date as YYYY-MM-DD, e.g. 2026-12-01.");
            }
            start
        }
    };
    let from = day("from", &query.from, &mut complain);
    let until = day("to", &query.to, &mut complain).map(|start| start + DAY_MS);
    if let (Some(from), Some(until)) = (from, until)
        && from >= until
    {
        complain("to", "The last day comes before the first.");
    }
    if !problems.is_empty() {
        return Err(AppError::Validation(problems));
    }
    let scope = match brand {
        Some(brand_id) => {
            // The brand's manager or an admin; another manager is refused like any caller.
            access::brand(ctx, caller, brand_id).await?;
            EventScope::Brand(brand_id)
        }
        None if caller.role == Role::Admin => EventScope::All,
        None => EventScope::ManagedBy(caller.id),
    };
    Ok(EventFilter {
        scope,
        actor: (!actor.is_empty()).then(|| actor.to_owned()),
        kind: kind.map(EventKind::as_str),
        subject: subject.map(|(kind, number)| (kind.as_str(), number)),
        from,
        until,
        before: query.before,
    })
}

/// An event as the page and the CSV show it.
pub fn view_of(event: FoundEvent) -> AuditEventView {
    AuditEventView {
        id: event.id,
        occurred_at: event.occurred_at,
        actor: event.actor,
        action: event.action,
        subject_type: event.subject_type,
        subject_id: event.subject_id,
        brand: event.brand,
        detail: event.detail,
    }
}
