//! Plain HTTP endpoints for files (server only): uploading proof and evidence, downloading
//! them, and reading a CSV of listing references. Files are bytes, not server-function
//! arguments, so the browser posts them with `fetch` (gloo-net) to these handlers.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Multipart, Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use crate::api::support::AppState;
use crate::db::{self, files};
use crate::domain::Role;
use crate::domain::report::MAX_ITEMS_PER_REPORT;
use crate::domain::right::{check_upload, clean_file_name};
use crate::error::AppError;
use crate::model::{CsvRows, CurrentUser, FileRef};

/// The caller, or 401 for visitors; a failing session store or database is logged (in
/// `AppError`'s conversions) and answered as an internal error, never as "signed out".
async fn signed_in(
    session: &tower_sessions::Session,
    state: &AppState,
) -> Result<CurrentUser, AppError> {
    crate::auth::user_of_session(session, &state.db)
        .await?
        .ok_or(AppError::Unauthorized)
}

/// Refuses an upload past the person's daily allowance of files attached to nothing yet (a
/// form abandoned, or someone filling the database): counted over the last day, freed as
/// files are attached, and emptied by the hourly sweep of unused uploads.
async fn check_quota(state: &AppState, user: &CurrentUser, size: usize) -> Result<(), AppError> {
    use crate::domain::limits::{MAX_UNATTACHED_UPLOAD_BYTES, MAX_UNATTACHED_UPLOADS};
    let since = db::now_ms() - crate::domain::trust::DAY_MS;
    let (files, bytes) = files::unattached_since(&state.db.pool, user.id, since).await?;
    let size = i64::try_from(size).unwrap_or(i64::MAX);
    if files >= MAX_UNATTACHED_UPLOADS || bytes.saturating_add(size) > MAX_UNATTACHED_UPLOAD_BYTES {
        return Err(AppError::TooManyRequests {
            message: format!(
                "You have uploaded {files} files in the last day that are not attached to \
                 anything yet (at most {MAX_UNATTACHED_UPLOADS}, {} MB). Attach them to a \
                 report, right or appeal, or try again tomorrow.",
                MAX_UNATTACHED_UPLOAD_BYTES / 1_000_000
            ),
            retry_after_secs: 3_600,
        });
    }
    Ok(())
}

/// The SHA-256 of some bytes, as lower-case hex: how files are fingerprinted on the record.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// Which removed listing a seller's evidence is for (`?listing=N`).
#[derive(Debug, serde::Deserialize)]
pub struct UploadTarget {
    listing: Option<i64>,
}

/// The brand whose case file a seller's counter-notice evidence joins: the brand whose
/// removal of the seller's own listing they appeal. `Err` is the refusal.
async fn seller_case_brand(
    state: &AppState,
    user: &CurrentUser,
    listing: Option<i64>,
) -> Result<i64, AppError> {
    let Some(listing_id) = listing else {
        return Err(AppError::field(
            "listing",
            "Say which removed listing the file is for.",
        ));
    };
    let listing = crate::db::listings::find(&state.db.pool, listing_id).await?;
    if listing.is_none_or(|listing| Some(listing.seller_id) != user.seller_id) {
        return Err(AppError::Forbidden(
            "You can only attach files to appeals on your own listings.".into(),
        ));
    }
    crate::db::counter_notices::brand_of_removal(&state.db.pool, listing_id)
        .await?
        .ok_or_else(|| {
            AppError::field(
                "listing",
                "This listing is not removed, so there is nothing to appeal.",
            )
        })
}

/// `POST /uploads/{purpose}` (`proof` or `evidence`), multipart with one `file` field:
/// brand staff upload a file for their own brand; sellers upload evidence for a
/// counter-notice on their own removed listing (`?listing=N`), which joins the case file of
/// the brand whose notice removed it. The type comes from the bytes, the size is capped at
/// 5 MB, and the SHA-256 is stored with it.
pub async fn upload(
    State(state): State<AppState>,
    session: tower_sessions::Session,
    Path(purpose): Path<String>,
    axum::extract::Query(target): axum::extract::Query<UploadTarget>,
    mut multipart: Multipart,
) -> Result<Json<FileRef>, AppError> {
    let user = signed_in(&session, &state).await?;
    if purpose != "proof" && purpose != "evidence" {
        return Err(AppError::NotFound("Unknown upload kind.".into()));
    }
    let brand_id = match (user.role, user.brand_id) {
        (Role::BrandStaff, Some(brand_id)) => brand_id,
        (Role::Seller, _) if purpose == "evidence" => {
            seller_case_brand(&state, &user, target.listing).await?
        }
        _ => {
            return Err(AppError::Forbidden(
                "Only brand staff, and sellers appealing a removal, can upload files.".into(),
            ));
        }
    };
    let field = match multipart.next_field().await {
        Ok(Some(field)) => field,
        Ok(None) => return Err(AppError::field("file", "Choose a file to upload.")),
        Err(error) => {
            return Err(AppError::TooLarge(format!(
                "The file could not be read ({}). The limit is 5 MB.",
                error.body_text()
            )));
        }
    };
    let file_name = clean_file_name(field.file_name().unwrap_or("upload"));
    let bytes = field.bytes().await.map_err(|_| {
        AppError::TooLarge("The file is larger than 5 MB or the upload was interrupted.".into())
    })?;
    let content_type = check_upload(&bytes).map_err(|message| AppError::field("file", message))?;
    check_quota(&state, &user, bytes.len()).await?;
    let sha256 = sha256_hex(&bytes);
    let new = files::NewFile {
        brand_id,
        uploaded_by: user.id,
        purpose: &purpose,
        file_name: &file_name,
        content_type,
        sha256: &sha256,
        data: &bytes,
    };
    let now = db::now_ms();
    let mut tx = state.db.begin().await?;
    let id = files::insert(&mut tx, &new, now).await?;
    let detail = format!(
        "{purpose}: {file_name} ({} bytes, sha256 {sha256})",
        bytes.len()
    );
    let event = db::audit::NewEvent {
        actor_id: Some(user.id),
        action: "file.uploaded",
        subject_type: "file",
        subject_id: id,
        brand_id: Some(brand_id),
        detail: &detail,
    };
    db::audit::record(&mut tx, &event, now).await?;
    tx.commit().await?;
    Ok(Json(FileRef {
        id,
        file_name: file_name.clone(),
        content_type: content_type.to_owned(),
        size_bytes: i64::try_from(bytes.len()).unwrap_or(i64::MAX),
        sha256,
    }))
}

/// `GET /files/{id}`: the file, as an attachment with its sniffed type, to its brand's
/// staff, the brand's account manager, admins and its uploader only.
pub async fn download(
    State(state): State<AppState>,
    session: tower_sessions::Session,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let user = signed_in(&session, &state).await?;
    // One answer for a file that does not exist and one the caller may not read, so nobody
    // learns which numbers exist.
    let no_such_file = || AppError::NotFound("There is no file with that number.".into());
    let record = files::find(&state.db.pool, id)
        .await?
        .ok_or_else(no_such_file)?;
    if !crate::service::access::may_read_file(&state.context(), &user, &record).await? {
        return Err(no_such_file());
    }
    let data = files::data(&state.db.pool, id).await?;
    // Only ASCII letters, digits, dot, dash and underscore go in the header's quoted name.
    let safe_name: String = record
        .file_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    Ok((
        [
            (header::CONTENT_TYPE, record.content_type),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{safe_name}\""),
            ),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        data,
    )
        .into_response())
}

/// Reads a report CSV: UTF-8 (a byte-order mark is allowed), one or two columns —
/// listing reference and an optional note — an optional header row, at most 300 rows.
pub fn parse_report_csv(bytes: &[u8]) -> Result<CsvRows, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if std::str::from_utf8(bytes).is_err() {
        return Err(
            "The file is not UTF-8 text. Save it as \"CSV UTF-8\" and upload it again.".into(),
        );
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(bytes);
    let mut rows = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let line = index + 1;
        let record = record.map_err(|error| format!("Line {line} could not be read: {error}."))?;
        if record.iter().all(str::is_empty) {
            continue;
        }
        if record.len() > 2 {
            return Err(format!(
                "Line {line} has {} columns; expected two: listing reference, and an optional note.",
                record.len()
            ));
        }
        let reference = record.get(0).unwrap_or_default();
        let note = record.get(1).unwrap_or_default();
        // A first row that names its columns is a header, not a listing: it says "listing"
        // and holds no digit (listing ids and addresses always do).
        if rows.is_empty()
            && index == 0
            && reference.to_lowercase().contains("listing")
            && !reference.chars().any(|c| c.is_ascii_digit())
        {
            continue;
        }
        if reference.is_empty() {
            return Err(format!("Line {line} has a note but no listing reference."));
        }
        rows.push((reference.to_owned(), note.to_owned()));
        if rows.len() > MAX_ITEMS_PER_REPORT {
            return Err(format!(
                "The file has more than {MAX_ITEMS_PER_REPORT} rows; a report can name at most \
                 {MAX_ITEMS_PER_REPORT} listings. Split it into several files."
            ));
        }
    }
    if rows.is_empty() {
        return Err("The file has no rows with a listing reference.".into());
    }
    Ok(CsvRows { rows })
}

/// `POST /uploads/csv` with the CSV file as the body: brand staff get its rows back to
/// check and submit, or one message saying what is wrong with the file.
pub async fn read_csv(
    State(state): State<AppState>,
    session: tower_sessions::Session,
    body: Bytes,
) -> Result<Json<CsvRows>, AppError> {
    let user = signed_in(&session, &state).await?;
    if user.role != Role::BrandStaff {
        return Err(AppError::Forbidden(
            "Only brand staff can upload reports.".into(),
        ));
    }
    parse_report_csv(&body)
        .map(Json)
        .map_err(|message| AppError::field("file", message))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_csv_with_header_notes_and_blank_lines_is_read() {
        let csv = "listing_reference,note\n101,fake logo\n\nhttps://m.example/listings/7,\n";
        let rows = parse_report_csv(csv.as_bytes()).expect("rows").rows;
        assert_eq!(
            rows,
            vec![
                ("101".to_owned(), "fake logo".to_owned()),
                ("https://m.example/listings/7".to_owned(), String::new())
            ]
        );
    }

    #[test]
    fn a_byte_order_mark_is_allowed_and_bad_encoding_is_explained() {
        assert!(parse_report_csv(b"\xEF\xBB\xBF101\n").is_ok());
        let error = parse_report_csv(b"101,caf\xE9\n").expect_err("latin-1");
        assert!(error.contains("UTF-8"), "{error}");
    }

    #[test]
    fn wrong_columns_and_too_many_rows_are_refused() {
        let error = parse_report_csv(b"101,a,b\n").expect_err("three columns");
        assert!(error.contains("Line 1 has 3 columns"), "{error}");
        let many: String = (1..=301).map(|n| format!("{n}\n")).collect();
        let error = parse_report_csv(many.as_bytes()).expect_err("301 rows");
        assert!(error.contains("more than 300"), "{error}");
        let exactly: String = (1..=300).map(|n| format!("{n}\n")).collect();
        assert_eq!(
            parse_report_csv(exactly.as_bytes()).map(|r| r.rows.len()),
            Ok(300)
        );
        assert!(parse_report_csv(b"\n\n").is_err());
    }
}
