//! The people who use the portal, as platform admins manage them: finding an account, and
//! deactivating it (it can no longer sign in, every session of it ends at once, what it did
//! stays) or reactivating it. Each change is one transaction with its audit event.

use crate::db::{self, audit, users};
use crate::domain::Role;
use crate::domain::limits::MAX_SEARCH_CHARS;
use crate::error::AppError;
use crate::model::{CurrentUser, PeopleList, PersonView};
use crate::service::{Context, access};

/// The most accounts one page lists; the filter narrows the rest down.
pub const PEOPLE_LISTED: i64 = 200;

/// Which accounts to list, as the page's filter sends it.
#[derive(Debug, Clone, Default)]
pub struct PeopleQuery<'a> {
    /// A stored role name, or empty for every role.
    pub role: &'a str,
    /// `active`, `deactivated`, or empty for both.
    pub status: &'a str,
    /// Text the name, address, brand or seller contains.
    pub text: &'a str,
    /// Only this brand's staff (its Team page); `None` for everyone (admins).
    pub brand_id: Option<i64>,
}

/// The accounts matching `query`, by name (at most [`PEOPLE_LISTED`]): every account for
/// admins; one brand's staff for its brand admins (and admins).
pub async fn list(
    ctx: &Context,
    caller: &CurrentUser,
    query: &PeopleQuery<'_>,
) -> Result<PeopleList, AppError> {
    match query.brand_id {
        Some(brand) => access::people_of(caller, brand)?,
        None => access::role(caller, &[Role::Admin])?,
    }
    let role = match query.role {
        "" => None,
        name => Some(
            Role::parse(name)
                .ok_or_else(|| AppError::field("role", "Choose one of the roles listed."))?,
        ),
    };
    let deactivated = match query.status {
        "" => None,
        "active" => Some(false),
        "deactivated" => Some(true),
        _ => return Err(AppError::field("status", "Choose active or deactivated.")),
    };
    crate::service::within("text", query.text, MAX_SEARCH_CHARS, "the search")?;
    let filter = users::PeopleFilter {
        role: role.map(Role::as_str),
        deactivated,
        text: query.text,
        brand_id: query.brand_id,
    };
    let (rows, matching) = users::people(&ctx.db.pool, &filter, ctx.now(), PEOPLE_LISTED).await?;
    let people = rows
        .into_iter()
        .filter_map(|row| {
            Some(PersonView {
                id: row.id,
                name: row.display_name,
                email: row.email,
                role: Role::parse(&row.role)?,
                belongs_to: row.belongs_to,
                deactivated_at: row.deactivated_at,
                deactivated_reason: row.deactivated_reason,
                last_signed_in: row.last_signed_in,
                you: row.id == caller.id,
                brand_admin: row.brand_admin != 0,
            })
        })
        .collect();
    Ok(PeopleList { people, matching })
}

/// Deactivates an account with the admin's reason: it can no longer sign in and every one of
/// its sessions ends in the same transaction, with the audit event. An admin cannot
/// deactivate their own account (nobody might be left to undo it).
pub async fn deactivate(
    ctx: &Context,
    caller: &CurrentUser,
    user_id: i64,
    reason: &str,
) -> Result<String, AppError> {
    may_manage_someone(caller)?;
    if user_id == caller.id {
        return Err(AppError::Conflict(
            "You cannot deactivate your own account; another admin can.".into(),
        ));
    }
    let person = person_in_scope(ctx, caller, user_id).await?;
    let reason = crate::service::reason(
        reason,
        "the person's colleagues and other admins will read it.",
    )?;
    let reason = reason.as_str();
    let now = ctx.now();
    let mut tx = ctx.db.begin().await?;
    if !users::deactivate(&mut tx, user_id, reason, now).await? {
        tx.rollback().await?;
        return Err(AppError::Conflict(format!(
            "{} is deactivated already.",
            person.display_name
        )));
    }
    let ended = db::sessions::end_all_of_user(&mut tx, user_id, None).await?;
    let detail = format!(
        "Deactivated {} ({}), {} ended: {reason}",
        person.display_name,
        person.email,
        crate::domain::listing::counted(ended as i64, "session")
    );
    record(&mut tx, caller, &person, "user.deactivated", &detail, now).await?;
    tx.commit().await?;
    Ok(format!(
        "{} is deactivated and signed out everywhere.",
        person.display_name
    ))
}

/// Reactivates a deactivated account: its person can sign in again with their password.
pub async fn reactivate(
    ctx: &Context,
    caller: &CurrentUser,
    user_id: i64,
) -> Result<String, AppError> {
    may_manage_someone(caller)?;
    let person = person_in_scope(ctx, caller, user_id).await?;
    let now = ctx.now();
    let mut tx = ctx.db.begin().await?;
    if !users::reactivate(&mut tx, user_id).await? {
        tx.rollback().await?;
        return Err(AppError::Conflict(format!(
            "{} is active already.",
            person.display_name
        )));
    }
    let detail = format!("Reactivated {} ({})", person.display_name, person.email);
    record(&mut tx, caller, &person, "user.reactivated", &detail, now).await?;
    tx.commit().await?;
    Ok(format!(
        "{} is active again and can sign in.",
        person.display_name
    ))
}

/// Makes one of a brand's staff a brand admin, or plain staff again: a brand admin of that
/// brand or a platform admin. Nobody changes their own role (a brand is never left without
/// the admin who could undo it).
pub async fn set_brand_admin(
    ctx: &Context,
    caller: &CurrentUser,
    user_id: i64,
    brand_admin: bool,
) -> Result<String, AppError> {
    may_manage_someone(caller)?;
    if user_id == caller.id {
        return Err(AppError::Conflict(
            "You cannot change your own role; another admin can.".into(),
        ));
    }
    let person = person_in_scope(ctx, caller, user_id).await?;
    if person.role != Role::BrandStaff.as_str() {
        return Err(AppError::field(
            "user_id",
            "Only a brand's staff can be made a brand admin.",
        ));
    }
    if (person.brand_admin != 0) == brand_admin {
        return Err(AppError::Conflict(format!(
            "{} is {} already.",
            person.display_name,
            if brand_admin {
                "a brand admin"
            } else {
                "plain staff"
            }
        )));
    }
    let now = ctx.now();
    let (title, action) = if brand_admin {
        ("a brand admin", "user.made_brand_admin")
    } else {
        ("brand staff", "user.made_brand_staff")
    };
    let detail = format!("{} ({}) is now {title}", person.display_name, person.email);
    let mut tx = ctx.db.begin().await?;
    users::set_brand_admin(&mut tx, user_id, brand_admin).await?;
    record(&mut tx, caller, &person, action, &detail, now).await?;
    tx.commit().await?;
    Ok(format!("{detail}."))
}

/// Makes an account manager a platform admin or the other way round (platform admins only;
/// not themselves). A brand's staff and sellers keep their kind of account: their roles
/// change on the Team page or not at all.
pub async fn set_staff_role(
    ctx: &Context,
    caller: &CurrentUser,
    user_id: i64,
    role: &str,
) -> Result<String, AppError> {
    access::role(caller, &[Role::Admin])?;
    let role = Role::parse(role)
        .filter(|role| matches!(role, Role::AccountManager | Role::Admin))
        .ok_or_else(|| AppError::field("role", "Choose account manager or platform admin."))?;
    if user_id == caller.id {
        return Err(AppError::Conflict(
            "You cannot change your own role; another admin can.".into(),
        ));
    }
    let person = users::find_by_id(&ctx.db.pool, user_id)
        .await?
        .ok_or_else(no_such_person)?;
    if person.role == role.as_str() {
        return Err(AppError::Conflict(format!(
            "{} is {} already.",
            person.display_name,
            role.label().to_lowercase()
        )));
    }
    let before = Role::parse(&person.role).map_or("?", Role::label);
    let detail = format!(
        "{} ({}): {before} → {}",
        person.display_name,
        person.email,
        role.label()
    );
    let now = ctx.now();
    let mut tx = ctx.db.begin().await?;
    if !users::set_staff_role(&mut tx, user_id, role).await? {
        tx.rollback().await?;
        return Err(AppError::field(
            "user_id",
            "Only account managers and platform admins change between those two roles.",
        ));
    }
    record(&mut tx, caller, &person, "user.role_changed", &detail, now).await?;
    tx.commit().await?;
    Ok(format!("{detail}."))
}

/// Platform admins and brand admins manage people; nobody else gets further.
fn may_manage_someone(caller: &CurrentUser) -> Result<(), AppError> {
    if caller.role == Role::Admin || caller.brand_admin {
        Ok(())
    } else {
        Err(AppError::forbidden())
    }
}

/// The account `user_id` if the caller may manage it: any account for platform admins; their
/// own brand's staff for brand admins (anyone else is refused the same way whether or not the
/// account exists, so the answer reveals nothing about other brands).
async fn person_in_scope(
    ctx: &Context,
    caller: &CurrentUser,
    user_id: i64,
) -> Result<users::UserRecord, AppError> {
    let person = users::find_by_id(&ctx.db.pool, user_id).await?;
    if caller.role == Role::Admin {
        return person.ok_or_else(no_such_person);
    }
    person
        .filter(|person| {
            person.role == Role::BrandStaff.as_str() && person.brand_id == caller.brand_id
        })
        .ok_or_else(|| {
            AppError::Forbidden("Brand admins manage their own brand's people only.".into())
        })
}

fn no_such_person() -> AppError {
    AppError::NotFound("There is no account with that number.".into())
}

async fn record(
    conn: &mut sqlx::AnyConnection,
    caller: &CurrentUser,
    person: &users::UserRecord,
    action: &'static str,
    detail: &str,
    now: i64,
) -> Result<(), AppError> {
    let event = audit::NewEvent {
        actor_id: Some(caller.id),
        action,
        subject_type: "user",
        subject_id: person.id,
        brand_id: person.brand_id,
        detail,
    };
    audit::record(conn, &event, now).await?;
    Ok(())
}
