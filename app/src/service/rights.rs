//! Brands' IP rights and their verification.

use crate::db::{audit, files, rights};
use crate::domain::right::RightForm;
use crate::domain::{RightStatus, Role};
use crate::error::AppError;
use crate::model::{CurrentUser, IpRightView};
use crate::service::{Context, access};

/// Today's date (UTC, `YYYY-MM-DD`) on the context's clock, against which rights expire.
fn today(ctx: &Context) -> String {
    crate::domain::iso_date(ctx.now())
}

/// A brand's IP rights: for its staff, its account manager and admins.
pub async fn list_rights(
    ctx: &Context,
    caller: &CurrentUser,
    brand_id: i64,
) -> Result<Vec<IpRightView>, AppError> {
    access::brand(ctx, caller, brand_id).await?;
    Ok(rights::for_brand(&ctx.db.pool, brand_id, &today(ctx)).await?)
}

/// Registers a right for the caller's own brand with its proof document (an unattached
/// `proof` upload of the brand; 0 = none); it waits for verification. The right and its
/// audit event are one transaction. Answers the new right's number.
pub async fn register_right(
    ctx: &Context,
    caller: &CurrentUser,
    brand_id: i64,
    form: &RightForm<'_>,
    proof_file_id: i64,
) -> Result<i64, AppError> {
    access::own_brand_staff(caller, brand_id)?;
    let checked = form.check(&today(ctx));
    // The proof is looked up even when a field is wrong, so every problem shows at once.
    let proof = if proof_file_id > 0 {
        files::find(&ctx.db.pool, proof_file_id).await?
    } else {
        None
    };
    let proof_problem = match &proof {
        Some(file) if file.brand_id == brand_id && file.purpose == "proof" => None,
        _ => Some("Attach the registration certificate or other proof (PDF or image, up to 5 MB)."),
    };
    let right = match (checked, proof_problem) {
        (Ok(right), None) => right,
        (Ok(_), Some(message)) => return Err(AppError::field("proof", message)),
        (Err(mut errors), problem) => {
            if let Some(message) = problem {
                errors
                    .entry("proof".into())
                    .or_default()
                    .push(message.into());
            }
            return Err(AppError::Validation(errors));
        }
    };
    let now = ctx.now();
    let mut tx = ctx.db.begin().await?;
    if files::is_attached(&mut tx, proof_file_id).await? {
        return Err(AppError::field(
            "proof",
            "This file already proves another right; upload it again for this one.",
        ));
    }
    let new = rights::NewRight {
        brand_id,
        kind: right.kind,
        registration_number: &right.registration_number,
        jurisdiction: &right.jurisdiction,
        classes: &right.classes,
        expires_on: right.expires_on.as_deref(),
        proof_file_id,
        created_by: caller.id,
    };
    let id = rights::insert(&mut tx, &new, now).await?;
    let detail = format!(
        "{} {} {}",
        right.kind.label(),
        right.jurisdiction,
        right.registration_number
    );
    let event = audit::NewEvent {
        actor_id: Some(caller.id),
        action: "right.registered",
        subject_type: "ip_right",
        subject_id: id,
        brand_id: Some(brand_id),
        detail: &detail,
    };
    audit::record(&mut tx, &event, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// Rights waiting for verification: of the caller's brands (managers) or all (admins).
pub async fn rights_to_verify(
    ctx: &Context,
    caller: &CurrentUser,
) -> Result<Vec<IpRightView>, AppError> {
    access::role(caller, &[Role::AccountManager, Role::Admin])?;
    let scope = (caller.role == Role::AccountManager).then_some(caller.id);
    Ok(rights::awaiting_verification(&ctx.db.pool, scope, &today(ctx)).await?)
}

/// Shortest reason accepted for rejecting a right.
const MIN_REJECTION_NOTE_CHARS: usize = 5;

/// Verifies a pending right, or rejects it with a reason the brand reads: the brand's
/// account manager or an admin. The decision and its audit event are one transaction.
pub async fn decide_right(
    ctx: &Context,
    caller: &CurrentUser,
    right_id: i64,
    verify: bool,
    note: &str,
) -> Result<(), AppError> {
    // Reviewers only before the right is looked up, so others cannot probe which exist.
    access::role(caller, &[Role::AccountManager, Role::Admin])?;
    let right = rights::find(&ctx.db.pool, right_id, &today(ctx))
        .await?
        .ok_or_else(|| AppError::NotFound("There is no right with that number.".into()))?;
    access::reviewer_of(ctx, caller, right.brand_id).await?;
    let note = note.trim();
    if !verify && note.chars().count() < MIN_REJECTION_NOTE_CHARS {
        return Err(AppError::field(
            "note",
            "Say why the right is rejected; the brand will read it.",
        ));
    }
    crate::service::within(
        "note",
        note,
        crate::domain::limits::MAX_NOTE_CHARS,
        "the note",
    )?;
    let status = if verify {
        RightStatus::Verified
    } else {
        RightStatus::Rejected
    };
    let now = ctx.now();
    let mut tx = ctx.db.begin().await?;
    if !rights::decide(&mut tx, right_id, status, note, caller.id, now).await? {
        return Err(AppError::Conflict(
            "This right has already been decided.".into(),
        ));
    }
    let detail = if note.is_empty() {
        status.label().to_owned()
    } else {
        format!("{}: {note}", status.label())
    };
    let event = audit::NewEvent {
        actor_id: Some(caller.id),
        action: if verify {
            "right.verified"
        } else {
            "right.rejected"
        },
        subject_type: "ip_right",
        subject_id: right_id,
        brand_id: Some(right.brand_id),
        detail: &detail,
    };
    audit::record(&mut tx, &event, now).await?;
    tx.commit().await?;
    Ok(())
}
