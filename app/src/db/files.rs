//! Uploaded proof documents and evidence, bytes included.

use sqlx::{AnyConnection, AnyPool, FromRow};

use crate::model::FileRef;

/// A checked upload ready to store.
#[derive(Debug, Clone)]
pub struct NewFile<'a> {
    /// Owning brand.
    pub brand_id: i64,
    /// Uploader.
    pub uploaded_by: i64,
    /// `proof` (of an IP right) or `evidence` (of a report).
    pub purpose: &'a str,
    /// Cleaned file name.
    pub file_name: &'a str,
    /// Sniffed content type.
    pub content_type: &'a str,
    /// Hex SHA-256.
    pub sha256: &'a str,
    /// The bytes.
    pub data: &'a [u8],
}

/// Stores a file and returns its id.
pub async fn insert(conn: &mut AnyConnection, file: &NewFile<'_>, now: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO files (brand_id, uploaded_by, purpose, file_name, content_type, size_bytes, sha256, data, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(file.brand_id)
    .bind(file.uploaded_by)
    .bind(file.purpose)
    .bind(file.file_name)
    .bind(file.content_type)
    .bind(i64::try_from(file.data.len()).unwrap_or(i64::MAX))
    .bind(file.sha256)
    .bind(file.data.to_vec())
    .bind(now)
    .fetch_one(conn)
    .await
}

/// A file's description and owner, without its bytes.
#[derive(Debug, Clone, FromRow)]
pub struct FileRecord {
    /// File id.
    pub id: i64,
    /// Owning brand.
    pub brand_id: i64,
    /// Who uploaded it (a seller's counter-notice evidence is theirs to download too).
    pub uploaded_by: i64,
    /// The uploader's role as stored (`brand_staff` or `seller`): whose side the file is on.
    pub uploader_role: String,
    /// `proof` or `evidence`.
    pub purpose: String,
    /// Name.
    pub file_name: String,
    /// Type.
    pub content_type: String,
    /// Size.
    pub size_bytes: i64,
    /// Hex SHA-256.
    pub sha256: String,
}

impl From<FileRecord> for FileRef {
    fn from(row: FileRecord) -> Self {
        FileRef {
            id: row.id,
            file_name: row.file_name,
            content_type: row.content_type,
            size_bytes: row.size_bytes,
            sha256: row.sha256,
        }
    }
}

/// The shared SELECT; a macro so `concat!` keeps every query a literal.
macro_rules! select_file {
    () => {
        "SELECT f.id, f.brand_id, f.uploaded_by, u.role AS uploader_role, f.purpose, f.file_name, \
         f.content_type, f.size_bytes, f.sha256 FROM files f JOIN users u ON u.id = f.uploaded_by"
    };
}

/// One file's description.
pub async fn find(pool: &AnyPool, id: i64) -> sqlx::Result<Option<FileRecord>> {
    sqlx::query_as(concat!(select_file!(), " WHERE f.id = $1"))
        .bind(id)
        .fetch_optional(pool)
        .await
}

/// One file's bytes.
pub async fn data(pool: &AnyPool, id: i64) -> sqlx::Result<Vec<u8>> {
    sqlx::query_scalar("SELECT data FROM files WHERE id = $1")
        .bind(id)
        .fetch_one(pool)
        .await
}

/// The evidence files of a report.
pub async fn evidence_of(pool: &AnyPool, report_id: i64) -> sqlx::Result<Vec<FileRef>> {
    let rows: Vec<FileRecord> = sqlx::query_as(concat!(
        select_file!(),
        " JOIN report_evidence e ON e.file_id = f.id WHERE e.report_id = $1 ORDER BY f.id"
    ))
    .bind(report_id)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

impl FileRecord {
    /// Whether the brand's own staff uploaded it (rather than a seller appealing).
    pub fn from_brand_staff(&self) -> bool {
        crate::domain::Role::parse(&self.uploader_role) == Some(crate::domain::Role::BrandStaff)
    }
}

/// How many files a person uploaded since `since` that are attached to nothing yet, and
/// their bytes: what the upload quota counts.
pub async fn unattached_since(
    pool: &AnyPool,
    user_id: i64,
    since: i64,
) -> sqlx::Result<(i64, i64)> {
    sqlx::query_as(
        // PostgreSQL sums BIGINT as NUMERIC: cast back so both engines answer an integer.
        "SELECT COUNT(*), CAST(COALESCE(SUM(f.size_bytes), 0) AS BIGINT) FROM files f \
         WHERE f.uploaded_by = $1 AND f.created_at >= $2 \
           AND NOT EXISTS (SELECT 1 FROM ip_rights r WHERE r.proof_file_id = f.id) \
           AND NOT EXISTS (SELECT 1 FROM report_evidence e WHERE e.file_id = f.id) \
           AND NOT EXISTS (SELECT 1 FROM counter_notice_files c WHERE c.file_id = f.id)",
    )
    .bind(user_id)
    .bind(since)
    .fetch_one(pool)
    .await
}

/// Deletes uploads made before `before` that nothing uses (the upload was abandoned), each
/// with its audit event, in one transaction; how many went.
pub async fn remove_unused(db: &crate::db::Db, before: i64, now: i64) -> sqlx::Result<usize> {
    let mut tx = db.begin().await?;
    let removed: Vec<(i64, i64, String)> = sqlx::query_as(
        "DELETE FROM files WHERE created_at < $1 \
           AND NOT EXISTS (SELECT 1 FROM ip_rights r WHERE r.proof_file_id = files.id) \
           AND NOT EXISTS (SELECT 1 FROM report_evidence e WHERE e.file_id = files.id) \
           AND NOT EXISTS (SELECT 1 FROM counter_notice_files c WHERE c.file_id = files.id) \
         RETURNING id, brand_id, file_name",
    )
    .bind(before)
    .fetch_all(&mut *tx)
    .await?;
    let details: Vec<String> = removed
        .iter()
        .map(|(_, _, name)| format!("{name}: never attached, removed after a day"))
        .collect();
    let events: Vec<crate::db::audit::NewEvent> = removed
        .iter()
        .zip(&details)
        .map(|((id, brand_id, _), detail)| crate::db::audit::NewEvent {
            actor_id: None,
            action: "file.removed_unused",
            subject_type: "file",
            subject_id: *id,
            brand_id: Some(*brand_id),
            detail,
        })
        .collect();
    crate::db::audit::record_many(&mut tx, &events, now).await?;
    tx.commit().await?;
    Ok(removed.len())
}

/// Whether a file is already attached to an IP right or a report (each upload backs one).
pub async fn is_attached(conn: &mut AnyConnection, id: i64) -> sqlx::Result<bool> {
    let uses: i64 = sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM ip_rights WHERE proof_file_id = $1) \
              + (SELECT COUNT(*) FROM report_evidence WHERE file_id = $1) \
              + (SELECT COUNT(*) FROM counter_notice_files WHERE file_id = $1)",
    )
    .bind(id)
    .fetch_one(conn)
    .await?;
    Ok(uses > 0)
}
