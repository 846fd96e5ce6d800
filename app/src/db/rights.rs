//! IP rights and their verification.

use sqlx::{AnyConnection, AnyPool, FromRow};

use crate::domain::right::may_back_reports;
use crate::domain::{RightKind, RightStatus};
use crate::model::{FileRef, IpRightView};

#[derive(Debug, FromRow)]
struct RightRow {
    id: i64,
    brand_id: i64,
    brand_name: String,
    kind: String,
    registration_number: String,
    jurisdiction: String,
    classes: String,
    expires_on: Option<String>,
    status: String,
    decision_note: String,
    created_at: i64,
    file_id: i64,
    file_name: String,
    content_type: String,
    size_bytes: i64,
    sha256: String,
}

impl RightRow {
    fn into_view(self, today: &str) -> IpRightView {
        // CHECK constraints keep unknown names out; the fallbacks are never used.
        let status = RightStatus::parse(&self.status).unwrap_or(RightStatus::Pending);
        IpRightView {
            id: self.id,
            brand_id: self.brand_id,
            brand_name: self.brand_name,
            kind: RightKind::parse(&self.kind).unwrap_or(RightKind::Trademark),
            registration_number: self.registration_number,
            jurisdiction: self.jurisdiction,
            classes: self.classes,
            usable: may_back_reports(status, self.expires_on.as_deref(), today),
            expires_on: self.expires_on,
            status,
            decision_note: self.decision_note,
            proof: FileRef {
                id: self.file_id,
                file_name: self.file_name,
                content_type: self.content_type,
                size_bytes: self.size_bytes,
                sha256: self.sha256,
            },
            created_at: self.created_at,
        }
    }
}

/// The shared SELECT; a macro so `concat!` keeps every query a literal.
macro_rules! select_right {
    () => {
        "SELECT r.id, r.brand_id, b.name AS brand_name, r.kind, r.registration_number, \
         r.jurisdiction, r.classes, r.expires_on, r.status, r.decision_note, r.created_at, \
         f.id AS file_id, f.file_name, f.content_type, f.size_bytes, f.sha256 \
         FROM ip_rights r JOIN brands b ON b.id = r.brand_id JOIN files f ON f.id = r.proof_file_id"
    };
}

/// A brand's rights, newest first.
pub async fn for_brand(
    pool: &AnyPool,
    brand_id: i64,
    today: &str,
) -> sqlx::Result<Vec<IpRightView>> {
    let rows: Vec<RightRow> = sqlx::query_as(concat!(
        select_right!(),
        " WHERE r.brand_id = $1 ORDER BY r.id DESC"
    ))
    .bind(brand_id)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|row| row.into_view(today)).collect())
}

/// One right.
pub async fn find(pool: &AnyPool, id: i64, today: &str) -> sqlx::Result<Option<IpRightView>> {
    let row: Option<RightRow> = sqlx::query_as(concat!(select_right!(), " WHERE r.id = $1"))
        .bind(id)
        .fetch_optional(pool)
        .await?;
    Ok(row.map(|row| row.into_view(today)))
}

/// Rights waiting for verification: of one manager's brands, or of all brands (`None`).
pub async fn awaiting_verification(
    pool: &AnyPool,
    manager_id: Option<i64>,
    today: &str,
) -> sqlx::Result<Vec<IpRightView>> {
    let rows: Vec<RightRow> = sqlx::query_as(concat!(
        select_right!(),
        " WHERE r.status = 'pending' AND ($1 IS NULL OR b.manager_id = $1) ORDER BY r.id"
    ))
    .bind(manager_id)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|row| row.into_view(today)).collect())
}

/// A right to be registered.
#[derive(Debug, Clone)]
pub struct NewRight<'a> {
    /// Owning brand.
    pub brand_id: i64,
    /// Kind.
    pub kind: RightKind,
    /// Registration number.
    pub registration_number: &'a str,
    /// Jurisdiction.
    pub jurisdiction: &'a str,
    /// Classes.
    pub classes: &'a str,
    /// Expiry date.
    pub expires_on: Option<&'a str>,
    /// Proof file.
    pub proof_file_id: i64,
    /// Who registered it.
    pub created_by: i64,
}

/// Stores a new, pending right and returns its id.
pub async fn insert(conn: &mut AnyConnection, right: &NewRight<'_>, now: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO ip_rights (brand_id, kind, registration_number, jurisdiction, classes, \
         expires_on, proof_file_id, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(right.brand_id)
    .bind(right.kind.as_str())
    .bind(right.registration_number)
    .bind(right.jurisdiction)
    .bind(right.classes)
    .bind(right.expires_on)
    .bind(right.proof_file_id)
    .bind(right.created_by)
    .bind(now)
    .fetch_one(conn)
    .await
}

/// Verifies or rejects a pending right; `false` if it was no longer pending.
pub async fn decide(
    conn: &mut AnyConnection,
    id: i64,
    status: RightStatus,
    note: &str,
    decided_by: i64,
    now: i64,
) -> sqlx::Result<bool> {
    let result = sqlx::query(
        "UPDATE ip_rights SET status = $1, decision_note = $2, decided_by = $3, decided_at = $4 \
         WHERE id = $5 AND status = 'pending'",
    )
    .bind(status.as_str())
    .bind(note)
    .bind(decided_by)
    .bind(now)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}
