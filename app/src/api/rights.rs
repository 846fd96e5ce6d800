//! IP rights: brands register them with a proof document; reviewers verify them.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::IpRightView;
use crate::wire::Wire;

/// A brand's IP rights: for its staff, its account manager and admins.
#[server(prefix = "/api", endpoint = "rights/list_rights", output = Wire)]
pub async fn list_rights(
    /// The brand.
    brand_id: i64,
) -> Result<Vec<IpRightView>, AppError> {
    use crate::api::support::{app_state, boundary, today};
    boundary(async move {
        crate::auth::require_brand_access(brand_id).await?;
        Ok(crate::db::rights::for_brand(&app_state()?.db.pool, brand_id, &today()).await?)
    })
    .await
}

/// Registers a right for the caller's own brand; it waits for verification.
#[server(prefix = "/api", endpoint = "rights/register_right", output = Wire)]
#[allow(clippy::too_many_arguments)] // one argument per form field, as the form posts them
pub async fn register_right(
    /// The brand (must be the caller's own).
    brand_id: i64,
    /// Stored kind name.
    kind: String,
    /// Registration number.
    registration_number: String,
    /// Where registered.
    jurisdiction: String,
    /// Nice classes (trademarks).
    classes: String,
    /// Expiry date (`YYYY-MM-DD`; empty if it does not expire).
    expires_on: String,
    /// The uploaded proof document (0 = none).
    proof_file_id: i64,
) -> Result<i64, AppError> {
    use crate::api::support::{app_state, boundary};
    use crate::db::{self, audit, files, rights};
    use crate::domain::RightKind;
    use crate::domain::right::check_iso_date;
    use crate::error::FieldErrors;
    boundary(async move {
        let user = crate::auth::require_own_brand_staff(brand_id).await?;
        let state = app_state()?;
        let mut errors = FieldErrors::new();
        let mut complain = |field: &str, message: String| {
            errors.entry(field.to_owned()).or_default().push(message);
        };
        let kind = RightKind::parse(&kind);
        if kind.is_none() {
            complain("kind", "Choose the kind of right.".into());
        }
        let registration_number = registration_number.trim().to_owned();
        if registration_number.is_empty() || registration_number.chars().count() > 60 {
            complain(
                "registration_number",
                "Enter the registration number (up to 60 characters).".into(),
            );
        }
        let jurisdiction = jurisdiction.trim().to_owned();
        if jurisdiction.is_empty() || jurisdiction.chars().count() > 60 {
            complain(
                "jurisdiction",
                "Enter where the right is registered, e.g. EU, US or WIPO.".into(),
            );
        }
        let classes = classes.trim().to_owned();
        if kind == Some(RightKind::Trademark)
            && (classes.is_empty()
                || !classes
                    .split([',', ' '])
                    .filter(|c| !c.is_empty())
                    .all(|c| c.parse::<u8>().is_ok_and(|n| (1..=45).contains(&n))))
        {
            complain(
                "classes",
                "List the Nice classes as numbers from 1 to 45, e.g. 18, 25.".into(),
            );
        }
        let expires_on = match expires_on.trim() {
            "" => None,
            date => match check_iso_date(date) {
                Ok(date) if date < crate::api::support::today() => {
                    complain("expires_on", "This right has already expired.".into());
                    None
                }
                Ok(date) => Some(date),
                Err(message) => {
                    complain("expires_on", message);
                    None
                }
            },
        };
        let proof = if proof_file_id > 0 {
            files::find(&state.db.pool, proof_file_id).await?
        } else {
            None
        };
        match &proof {
            Some(file) if file.brand_id == brand_id && file.purpose == "proof" => {}
            _ => complain(
                "proof",
                "Attach the registration certificate or other proof (PDF or image, up to 5 MB)."
                    .into(),
            ),
        }
        let Some(kind) = kind.filter(|_| errors.is_empty()) else {
            return Err(AppError::Validation(errors));
        };
        let now = db::now_ms();
        let mut tx = state.db.begin().await?;
        if files::is_attached(&mut tx, proof_file_id).await? {
            return Err(AppError::field(
                "proof",
                "This file already proves another right; upload it again for this one.",
            ));
        }
        let new = rights::NewRight {
            brand_id,
            kind,
            registration_number: &registration_number,
            jurisdiction: &jurisdiction,
            classes: &classes,
            expires_on: expires_on.as_deref(),
            proof_file_id,
            created_by: user.id,
        };
        let id = rights::insert(&mut tx, &new, now).await?;
        let detail = format!("{} {jurisdiction} {registration_number}", kind.label());
        let event = audit::NewEvent {
            actor_id: Some(user.id),
            action: "right.registered",
            subject_type: "ip_right",
            subject_id: id,
            brand_id: Some(brand_id),
            detail: &detail,
        };
        audit::record(&mut tx, &event, now).await?;
        tx.commit().await?;
        Ok(id)
    })
    .await
}

/// Rights waiting for verification: of the caller's brands (managers) or all (admins).
#[server(prefix = "/api", endpoint = "rights/rights_to_verify", output = Wire)]
pub async fn rights_to_verify() -> Result<Vec<IpRightView>, AppError> {
    use crate::api::support::{app_state, boundary, today};
    use crate::domain::Role;
    boundary(async move {
        let user = crate::auth::require_role(&[Role::AccountManager, Role::Admin]).await?;
        let scope = (user.role == Role::AccountManager).then_some(user.id);
        Ok(
            crate::db::rights::awaiting_verification(&app_state()?.db.pool, scope, &today())
                .await?,
        )
    })
    .await
}

/// Verifies a pending right, or rejects it with a reason the brand reads.
#[server(prefix = "/api", endpoint = "rights/decide_right", output = Wire)]
pub async fn decide_right(
    /// The right.
    right_id: i64,
    /// `true` to verify, `false` to reject.
    verify: bool,
    /// Why (required to reject).
    note: String,
) -> Result<(), AppError> {
    use crate::api::support::{app_state, boundary, today};
    use crate::db::{self, audit, rights};
    use crate::domain::RightStatus;
    boundary(async move {
        crate::auth::require_role(&[
            crate::domain::Role::AccountManager,
            crate::domain::Role::Admin,
        ])
        .await?;
        let state = app_state()?;
        let right = rights::find(&state.db.pool, right_id, &today())
            .await?
            .ok_or_else(|| AppError::NotFound("There is no right with that number.".into()))?;
        let user = crate::auth::require_reviewer_of(right.brand_id).await?;
        let note = note.trim().to_owned();
        if !verify && note.chars().count() < 5 {
            return Err(AppError::field(
                "note",
                "Say why the right is rejected; the brand will read it.",
            ));
        }
        let status = if verify {
            RightStatus::Verified
        } else {
            RightStatus::Rejected
        };
        let now = db::now_ms();
        let mut tx = state.db.begin().await?;
        if !rights::decide(&mut tx, right_id, status, &note, user.id, now).await? {
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
            actor_id: Some(user.id),
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
    })
    .await
}
