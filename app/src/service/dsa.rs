//! Statements of reasons out to the EU DSA Transparency Database (Art. 24(5)): building each
//! from its decision's rows, submitting them in batches (the server's dispatcher calls
//! [`submit_due`] when `GOODFAITH_TDB_URL` is set), the admins' view of where each stands, and
//! resending what failed. The export (`exports::statements`) reads the same statements.

use std::future::Future;

use serde::Deserialize;

use crate::db::audit::{self, NewEvent};
use crate::db::dsa::{self as store, FactsRow, Filter, Outcome};
use crate::domain::Role;
use crate::domain::dsa::{
    self, Decision, EEA, Facts, MAX_BATCH, Statement, SubmissionState, check, retry_at,
};
use crate::domain::{ReasonCode, RightKind};
use crate::error::AppError;
use crate::model::{CurrentUser, StatementPage, StatementQuery, StatementView, SubmissionHealth};
use crate::service::{Context, access};

/// Statements listed per page.
pub const STATEMENTS_PER_PAGE: i64 = 50;
/// Waiting statements older than this mean submission is behind.
pub const BEHIND_AFTER_MS: i64 = 15 * 60_000;

fn admin(caller: &CurrentUser) -> Result<(), AppError> {
    access::role(caller, &[Role::Admin])
}

/// The facts of a statement's row; `None` for a row whose stored names no longer parse.
pub fn facts_of(row: &FactsRow) -> Option<Facts> {
    Some(Facts {
        statement_id: row.id,
        decision: Decision::parse(&row.decision)?,
        decided_at: row.decided_at,
        removed_at: row.removed_at,
        listing_external_id: row
            .listing_external_id
            .clone()
            .unwrap_or_else(|| row.listing_id.to_string()),
        listed_at: row.listed_at,
        reason: ReasonCode::parse(&row.reason)?,
        right_kind: RightKind::parse(&row.right_kind)?,
        right_number: row.right_number.clone(),
        right_jurisdiction: row.right_jurisdiction.clone(),
        brand_name: row.brand_name.clone(),
        instant: row.instant == 1,
        // Queue priority 0 is fixed at filing for a brand at Joint-Force.
        joint_force: row.priority == 0,
        inquiry: row.inquiry_rule.map(|rule| rule == 1),
    })
}

/// The statement of a row, as sent and exported.
pub fn statement_of(row: &FactsRow) -> Option<Statement> {
    facts_of(row).map(|facts| dsa::statement(&facts, &EEA))
}

/// Where the database is and the token it takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The batch endpoint, e.g. `https://transparency.dsa.ec.europa.eu/api/v1/statements`.
    pub url: String,
    /// The platform's API token (`Authorization: Bearer …`).
    pub token: String,
}

/// What the database answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// The HTTP status, when an answer came.
    pub status: Option<u16>,
    /// The body (its first 64 KB), or why no answer came.
    pub body: String,
}

/// Posts one batch: HTTP (the server's dispatcher) or a test's.
pub trait Submit: Sync {
    /// Posts `body` (`{"statements": […]}`) to the target with its token.
    fn post(&self, to: &Target, body: String) -> impl Future<Output = Answer> + Send;
}

/// The batch endpoint's successful answer: the statements in the order sent, each with the
/// database's `uuid` and the `puid` sent.
#[derive(Debug, Deserialize)]
struct Accepted {
    statements: Vec<AcceptedStatement>,
}

#[derive(Debug, Deserialize)]
struct AcceptedStatement {
    uuid: String,
    puid: String,
}

/// A refusal: per statement (`statement_<index>` → field → messages), or the puids the
/// database already holds (`existing_puids`).
#[derive(Debug, Deserialize)]
struct Refused {
    #[serde(default)]
    errors: serde_json::Map<String, serde_json::Value>,
}

/// One round of submission: claims up to a batch of due statements, builds and checks each,
/// posts the valid ones in one request, and writes back what became of each. Returns how many
/// statements it attempted (0: nothing due).
pub async fn submit_due<S: Submit>(
    ctx: &Context,
    submit: &S,
    to: &Target,
    lease_ms: i64,
) -> Result<usize, AppError> {
    let now = ctx.now();
    if !store::any_due(&ctx.db, now).await? {
        return Ok(0);
    }
    let ids = store::claim(&ctx.db, now, now + lease_ms, MAX_BATCH as i64).await?;
    if ids.is_empty() {
        return Ok(0);
    }
    let rows = store::facts(&ctx.db, &ids).await?;
    let mut outcomes = Vec::with_capacity(rows.len());
    let mut batch: Vec<(&FactsRow, Statement)> = Vec::with_capacity(rows.len());
    for row in &rows {
        match statement_of(row) {
            None => outcomes.push((
                row.id,
                Outcome::Failed("The decision's stored names are unknown.".into()),
            )),
            Some(statement) => {
                let broken = check(&statement);
                if broken.is_empty() {
                    batch.push((row, statement));
                } else {
                    // The database would refuse it: say which rule, and do not send it.
                    let why = broken
                        .iter()
                        .map(|(field, why)| format!("{field}: {why}"))
                        .collect::<Vec<_>>()
                        .join("; ");
                    outcomes.push((row.id, Outcome::Failed(format!("Not sent: {why}."))));
                }
            }
        }
    }
    if !batch.is_empty() {
        let body = serde_json::json!({
            "statements": batch.iter().map(|(_, statement)| statement).collect::<Vec<_>>()
        })
        .to_string();
        let answer = submit.post(to, body).await;
        let at = ctx.now();
        outcomes.extend(outcomes_of(&batch, &answer, at));
    }
    let count = outcomes.len();
    store::record(&ctx.db, ctx.now(), &outcomes).await?;
    Ok(count)
}

/// What became of each statement of a batch, from the database's answer.
fn outcomes_of(batch: &[(&FactsRow, Statement)], answer: &Answer, at: i64) -> Vec<(i64, Outcome)> {
    let retry = |row: &FactsRow, why: String| {
        let jitter = (row.id.wrapping_mul(0x9E37_79B9) as u64 % 1000) as f64 / 1000.0;
        match retry_at(row.attempts + 1, at, jitter) {
            Some(when) => Outcome::RetryAt(when, why),
            None => Outcome::Failed(format!(
                "{why} Gave up after {} attempts.",
                row.attempts + 1
            )),
        }
    };
    let status = answer.status;
    if status.is_some_and(|status| (200..300).contains(&status))
        && let Ok(accepted) = serde_json::from_str::<Accepted>(&answer.body)
    {
        return batch
            .iter()
            .map(|(row, statement)| {
                let found = accepted
                    .statements
                    .iter()
                    .find(|one| one.puid == statement.puid);
                let outcome = match found {
                    Some(one) => Outcome::Submitted(one.uuid.chars().take(100).collect()),
                    None => retry(
                        row,
                        "The database's answer did not list this statement.".into(),
                    ),
                };
                (row.id, outcome)
            })
            .collect();
    }
    if status == Some(422)
        && let Ok(refused) = serde_json::from_str::<Refused>(&answer.body)
    {
        let existing: Vec<&str> = refused
            .errors
            .get("existing_puids")
            .and_then(|value| value.as_array())
            .map(|list| list.iter().filter_map(|puid| puid.as_str()).collect())
            .unwrap_or_default();
        return batch
            .iter()
            .enumerate()
            .map(|(index, (row, statement))| {
                let own = refused.errors.get(&format!("statement_{index}"));
                let outcome = if let Some(errors) = own {
                    // Its content was refused: sending it again would be refused again.
                    Outcome::Failed(format!("Refused by the database: {}", field_errors(errors)))
                } else if existing.contains(&statement.puid.as_str()) {
                    // An earlier attempt was accepted but its answer was lost.
                    Outcome::Submitted(String::new())
                } else {
                    // The whole batch was refused for another statement's sake.
                    Outcome::RetryAt(
                        at + 1_000,
                        "Sent again: another statement of its batch was refused.".into(),
                    )
                };
                (row.id, outcome)
            })
            .collect();
    }
    let why = match status {
        Some(401) | Some(403) => format!(
            "The database refused the token (HTTP {}): check GOODFAITH_TDB_TOKEN.",
            status.unwrap_or_default()
        ),
        Some(429) => "The database asked to slow down (HTTP 429).".into(),
        Some(status) => format!(
            "HTTP {status}: {}",
            answer.body.chars().take(300).collect::<String>()
        ),
        None => format!(
            "No answer: {}",
            answer.body.chars().take(300).collect::<String>()
        ),
    };
    batch
        .iter()
        .map(|(row, _)| (row.id, retry(row, why.clone())))
        .collect()
}

/// `{"puid": ["The puid format is invalid."]}` as `puid: The puid format is invalid.`
fn field_errors(errors: &serde_json::Value) -> String {
    let Some(fields) = errors.as_object() else {
        return errors.to_string().chars().take(500).collect();
    };
    fields
        .iter()
        .map(|(field, messages)| {
            let text = messages
                .as_array()
                .map(|list| {
                    list.iter()
                        .filter_map(|message| message.as_str())
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .unwrap_or_else(|| messages.to_string());
            format!("{field}: {text}")
        })
        .collect::<Vec<_>>()
        .join("; ")
        .chars()
        .take(1_000)
        .collect()
}

/// How submission stands (admins): counts, age of the oldest waiting statement, and what
/// needs attention in words. `endpoint` is the configured address, if submission is on.
pub async fn health(
    ctx: &Context,
    caller: &CurrentUser,
    endpoint: Option<&str>,
) -> Result<SubmissionHealth, AppError> {
    admin(caller)?;
    let counts = store::counts(&ctx.db).await?;
    let age = counts.oldest_pending_at.map(|at| (ctx.now() - at).max(0));
    let mut trouble = Vec::new();
    if endpoint.is_none() && counts.pending > 0 {
        trouble.push(format!(
            "Submission is off (GOODFAITH_TDB_URL is not set): {} statements wait. They can \
             be exported below.",
            counts.pending
        ));
    }
    if counts.failed > 0 {
        trouble.push(format!(
            "{} statements were refused or given up: read why below, and resend them once \
             the cause is fixed.",
            counts.failed
        ));
    }
    if let Some(age) = age.filter(|age| *age > BEHIND_AFTER_MS && endpoint.is_some()) {
        trouble.push(format!(
            "Submission is behind: the oldest waiting statement is {} old.",
            crate::domain::format_span(age)
        ));
    }
    Ok(SubmissionHealth {
        endpoint: endpoint.map(str::to_owned),
        pending: counts.pending,
        submitted: counts.submitted,
        failed: counts.failed,
        oldest_pending_age_ms: age,
        trouble: (!trouble.is_empty()).then(|| trouble.join(" ")),
        export_from: crate::domain::iso_date(ctx.now() - 29 * crate::domain::clock::DAY_MS),
        export_to: crate::domain::iso_date(ctx.now()),
    })
}

/// The most characters of a filter a refusal repeats.
const ECHOED: usize = 40;

/// One page of statements, newest first, filtered (admins).
pub async fn statements(
    ctx: &Context,
    caller: &CurrentUser,
    query: &StatementQuery,
) -> Result<StatementPage, AppError> {
    admin(caller)?;
    let state = match query.state.as_str() {
        "" => None,
        name => Some(
            SubmissionState::parse(name)
                .ok_or_else(|| {
                    let echo: String = name.chars().take(ECHOED).collect();
                    AppError::field("state", format!("\"{echo}\" is not a submission state."))
                })?
                .as_str(),
        ),
    };
    let listing_id = crate::service::listing_filter(&query.listing)?;
    let filter = Filter {
        state,
        listing_id,
        before: query.before,
    };
    let rows = store::list(&ctx.db, &filter, STATEMENTS_PER_PAGE + 1).await?;
    let more = rows.len() as i64 > STATEMENTS_PER_PAGE;
    let rows: Vec<StatementView> = rows
        .iter()
        .take(STATEMENTS_PER_PAGE as usize)
        .filter_map(view)
        .collect();
    let next_before = more.then(|| rows.last().map(|row| row.id)).flatten();
    Ok(StatementPage { rows, next_before })
}

fn view(row: &FactsRow) -> Option<StatementView> {
    let statement = statement_of(row)?;
    let state = SubmissionState::parse(&row.state)?;
    Some(StatementView {
        id: row.id,
        puid: statement.puid.clone(),
        decision: Decision::parse(&row.decision)?,
        listing_id: row.listing_id,
        item_id: row.item_id,
        brand_name: row.brand_name.clone(),
        decided_at: row.decided_at,
        source_type: statement.source_type.clone(),
        automated_decision: statement.automated_decision.clone(),
        state,
        attempts: row.attempts,
        next_attempt_at: (state == SubmissionState::Pending && row.attempts > 0)
            .then_some(row.next_attempt_at),
        last_attempt_at: row.last_attempt_at,
        last_error: row.last_error.clone(),
        tdb_id: row.tdb_id.clone().filter(|id| !id.is_empty()),
        submitted_at: row.submitted_at,
        json: serde_json::to_string_pretty(&statement).unwrap_or_default(),
    })
}

/// Puts one failed statement back in line (admins), audited.
pub async fn resend(ctx: &Context, caller: &CurrentUser, id: i64) -> Result<(), AppError> {
    admin(caller)?;
    let mut tx = ctx.db.begin().await?;
    if !store::resend(&mut tx, id).await? {
        return Err(AppError::Conflict(
            "This statement has not failed: it is waiting or was accepted (or does not exist)."
                .into(),
        ));
    }
    let detail = format!("Statement of reasons {id} queued for the Transparency Database again");
    audit::record(&mut tx, &event(caller, id, &detail), ctx.now()).await?;
    tx.commit().await?;
    Ok(())
}

/// Puts every failed statement back in line (admins), audited; how many.
pub async fn resend_failed(ctx: &Context, caller: &CurrentUser) -> Result<u64, AppError> {
    admin(caller)?;
    let mut tx = ctx.db.begin().await?;
    let count = store::resend_failed(&mut tx).await?;
    if count == 0 {
        return Err(AppError::Conflict("No statement has failed.".into()));
    }
    let detail = format!("{count} failed statements of reasons queued again");
    audit::record(&mut tx, &event(caller, 0, &detail), ctx.now()).await?;
    tx.commit().await?;
    Ok(count)
}

fn event<'a>(caller: &CurrentUser, id: i64, detail: &'a str) -> NewEvent<'a> {
    NewEvent {
        actor_id: Some(caller.id),
        action: "integration.statement_resent",
        subject_type: "integration",
        subject_id: id,
        brand_id: None,
        detail,
    }
}

/// Checks an export's range (admins): `from` and `to` as `YYYY-MM-DD`, `to` included.
/// Returns `[from, to)` in ms.
pub fn export_range(caller: &CurrentUser, from: &str, to: &str) -> Result<(i64, i64), AppError> {
    admin(caller)?;
    dsa::export_range(from, to).map_err(|(field, why)| AppError::field(field, why))
}
