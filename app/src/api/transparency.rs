//! Statements of reasons for the EU Transparency Database, for platform admins: how
//! submission stands, the statements with their ids and errors, and resending.

use leptos::prelude::*;
use server_fn::codec::Json;

use crate::error::AppError;
use crate::model::{StatementPage, StatementQuery, SubmissionHealth};
use crate::wire::Wire;

/// How submission stands (admins).
#[server(prefix = "/api", endpoint = "transparency/submission", output = Wire)]
pub async fn submission_overview() -> Result<SubmissionHealth, AppError> {
    use crate::api::support::{app_state, boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        let endpoint = app_state()?.tdb_url;
        crate::service::dsa::health(&ctx, &caller, endpoint.as_deref()).await
    })
    .await
}

/// One page of statements, filtered (admins).
#[server(prefix = "/api", endpoint = "transparency/statements", input = Json, output = Wire)]
pub async fn list_statements(
    /// The filters and the page.
    query: StatementQuery,
) -> Result<StatementPage, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::dsa::statements(&ctx, &caller, &query).await
    })
    .await
}

/// Puts a failed statement back in line (admins).
#[server(prefix = "/api", endpoint = "transparency/resend", output = Wire)]
pub async fn resend_statement(
    /// The statement.
    statement_id: i64,
) -> Result<(), AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::dsa::resend(&ctx, &caller, statement_id).await
    })
    .await
}

/// Puts every failed statement back in line (admins); how many.
#[server(prefix = "/api", endpoint = "transparency/resend_failed", output = Wire)]
pub async fn resend_failed_statements() -> Result<u64, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::dsa::resend_failed(&ctx, &caller).await
    })
    .await
}
