//! Brands and their account managers.

use crate::db::{self, audit, brands, users};
use crate::domain::brand::BrandDetails;
use crate::domain::{Role, Tier};
use crate::error::AppError;
use crate::model::{BrandAttention, BrandSummary, CurrentUser, MANAGER_BRANDS_NAMED, ManagerLoad};
use crate::service::{Context, access};

/// One brand's summary: for its own staff, its account manager and admins.
pub async fn get_brand(
    ctx: &Context,
    caller: &CurrentUser,
    brand_id: i64,
) -> Result<BrandSummary, AppError> {
    access::brand(ctx, caller, brand_id).await?;
    find(ctx, brand_id).await
}

/// What waits for the brand (its "needs you" panel): its own staff, its account manager,
/// admins.
pub async fn attention(
    ctx: &Context,
    caller: &CurrentUser,
    brand_id: i64,
) -> Result<BrandAttention, AppError> {
    access::brand(ctx, caller, brand_id).await?;
    Ok(db::attention::of_brand(&ctx.db.pool, brand_id, ctx.now()).await?)
}

/// The brands assigned to the calling account manager.
pub async fn managed_brands(
    ctx: &Context,
    caller: &CurrentUser,
) -> Result<Vec<BrandSummary>, AppError> {
    access::role(caller, &[Role::AccountManager])?;
    Ok(brands::list_managed_by(&ctx.db.pool, caller.id).await?)
}

/// Every brand on the platform: admins only.
pub async fn all_brands(
    ctx: &Context,
    caller: &CurrentUser,
) -> Result<Vec<BrandSummary>, AppError> {
    access::role(caller, &[Role::Admin])?;
    Ok(brands::list_all(&ctx.db.pool).await?)
}

/// The brands the caller reviews: assigned ones for account managers, all for admins.
pub async fn visible_brands(
    ctx: &Context,
    caller: &CurrentUser,
) -> Result<Vec<BrandSummary>, AppError> {
    access::role(caller, &[Role::AccountManager, Role::Admin])?;
    Ok(match caller.role {
        Role::Admin => brands::list_all(&ctx.db.pool).await?,
        _ => brands::list_managed_by(&ctx.db.pool, caller.id).await?,
    })
}

/// Assigns the brand's account manager (admins only), at any time and whatever the brand's
/// tier: the brand's pending items move to the new manager's queue in the same transaction as
/// the assignment and its audit event. Answers with what was done, in words.
pub async fn assign_manager(
    ctx: &Context,
    caller: &CurrentUser,
    brand_id: i64,
    manager_id: i64,
) -> Result<String, AppError> {
    access::role(caller, &[Role::Admin])?;
    let brand = find(ctx, brand_id).await?;
    let manager = active_manager(ctx, manager_id).await?;
    if brands::manager_of(&ctx.db.pool, brand_id).await? == Some(manager.id) {
        return Err(AppError::Conflict(format!(
            "{} is {}'s account manager already.",
            manager.display_name, brand.name
        )));
    }
    let before = brand.manager_name.as_deref().unwrap_or("nobody");
    let detail = format!("Account manager: {before} → {}", manager.display_name);
    let mut tx = ctx.db.begin().await?;
    brands::assign_manager(&mut tx, brand_id, manager.id).await?;
    record(
        &mut tx,
        caller,
        brand_id,
        "brand.manager_assigned",
        &detail,
        ctx.now(),
    )
    .await?;
    tx.commit().await?;
    Ok(format!(
        "{} is now {}'s account manager; its pending items are in their queue.",
        manager.display_name, brand.name
    ))
}

/// Every account manager's brands, pending items and overdue items, by name, so an admin can
/// balance the work (admins only).
pub async fn manager_loads(
    ctx: &Context,
    caller: &CurrentUser,
) -> Result<Vec<ManagerLoad>, AppError> {
    access::role(caller, &[Role::Admin])?;
    let rows = brands::manager_loads(&ctx.db.pool, ctx.now()).await?;
    let mut names = std::collections::HashMap::<i64, Vec<String>>::new();
    for (manager, name) in brands::managed_brand_names(&ctx.db.pool, MANAGER_BRANDS_NAMED).await? {
        names.entry(manager).or_default().push(name);
    }
    Ok(rows
        .into_iter()
        .map(|row| ManagerLoad {
            id: row.id,
            name: row.display_name,
            deactivated: row.deactivated_at.is_some(),
            brand_count: row.brands,
            brands: names.remove(&row.id).unwrap_or_default(),
            pending: row.pending,
            overdue: row.overdue,
        })
        .collect())
}

/// A brand's name and contact as an admin's form sends them.
#[derive(Debug, Clone, Copy)]
pub struct BrandForm<'a> {
    /// The brand's name.
    pub name: &'a str,
    /// The person the marketplace writes to.
    pub contact_name: &'a str,
    /// Their address.
    pub contact_email: &'a str,
}

/// Checks the form: every field's refusal at once, then whether another brand (than `except`)
/// has the name already.
async fn checked_details(
    ctx: &Context,
    form: BrandForm<'_>,
    except: Option<i64>,
) -> Result<BrandDetails, AppError> {
    let details = BrandDetails::parse(form.name, form.contact_name, form.contact_email).map_err(
        |refused| {
            let mut fields = crate::error::FieldErrors::new();
            for (field, message) in refused {
                fields.entry(field.to_owned()).or_default().push(message);
            }
            AppError::Validation(fields)
        },
    )?;
    if brands::name_taken(&ctx.db.pool, &details.name, except).await? {
        return Err(AppError::field(
            "name",
            format!("Another brand is called {} already.", details.name),
        ));
    }
    Ok(details)
}

/// Creates a brand (admins only): Standard tier, active, with its contact and — if one is
/// chosen — its account manager, in one transaction with the audit event. Answers with the
/// new brand's number.
pub async fn create_brand(
    ctx: &Context,
    caller: &CurrentUser,
    form: BrandForm<'_>,
    manager_id: Option<i64>,
) -> Result<i64, AppError> {
    access::role(caller, &[Role::Admin])?;
    let details = checked_details(ctx, form, None).await?;
    let manager = match manager_id {
        None => None,
        Some(id) => Some(active_manager(ctx, id).await?),
    };
    let now = ctx.now();
    let mut tx = ctx.db.begin().await?;
    let brand_id = brands::insert_brand(&mut tx, &details.name, Tier::Standard, false, now).await?;
    brands::set_details(&mut tx, brand_id, &details).await?;
    if let Some(manager) = &manager {
        brands::assign_manager(&mut tx, brand_id, manager.id).await?;
    }
    let detail = format!(
        "Created {}; contact {} <{}>; account manager {}",
        details.name,
        details.contact_name,
        details.contact_email,
        manager.as_ref().map_or("none", |m| m.display_name.as_str())
    );
    record(&mut tx, caller, brand_id, "brand.created", &detail, now).await?;
    tx.commit().await?;
    Ok(brand_id)
}

/// Changes a brand's name and contact (admins only), audited with what changed.
pub async fn update_brand(
    ctx: &Context,
    caller: &CurrentUser,
    brand_id: i64,
    form: BrandForm<'_>,
) -> Result<String, AppError> {
    access::role(caller, &[Role::Admin])?;
    let brand = find(ctx, brand_id).await?;
    let details = checked_details(ctx, form, Some(brand_id)).await?;
    let mut changes = Vec::new();
    for (what, before, after) in [
        ("name", &brand.name, &details.name),
        ("contact", &brand.contact_name, &details.contact_name),
        (
            "contact address",
            &brand.contact_email,
            &details.contact_email,
        ),
    ] {
        if before != after {
            changes.push(format!("{what}: {before} → {after}"));
        }
    }
    if changes.is_empty() {
        return Err(AppError::Conflict(
            "Nothing was changed: the brand's details are as shown.".into(),
        ));
    }
    let now = ctx.now();
    let mut tx = ctx.db.begin().await?;
    brands::set_details(&mut tx, brand_id, &details).await?;
    record(
        &mut tx,
        caller,
        brand_id,
        "brand.updated",
        &changes.join("; "),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(format!("{}'s details are saved.", details.name))
}

/// Deactivates a brand with the admin's reason: its staff are signed out everywhere in the
/// same transaction, cannot sign in or use its API tokens, and it files nothing more. Its
/// reports, decisions and trail stay, and its pending items stay in the manager's queue.
pub async fn deactivate_brand(
    ctx: &Context,
    caller: &CurrentUser,
    brand_id: i64,
    reason: &str,
) -> Result<String, AppError> {
    access::role(caller, &[Role::Admin])?;
    let reason =
        crate::service::reason(reason, "other admins and the brand's manager will read it.")?;
    let reason = reason.as_str();
    let brand = find(ctx, brand_id).await?;
    let now = ctx.now();
    let mut tx = ctx.db.begin().await?;
    if !brands::deactivate(&mut tx, brand_id, reason, now).await? {
        tx.rollback().await?;
        return Err(AppError::Conflict(format!(
            "{} is deactivated already.",
            brand.name
        )));
    }
    let ended = db::sessions::end_all_of_brand(&mut tx, brand_id).await?;
    let sessions = if ended == 1 { "session" } else { "sessions" };
    let detail = format!(
        "Deactivated {}, {ended} staff {sessions} ended: {reason}",
        brand.name
    );
    record(&mut tx, caller, brand_id, "brand.deactivated", &detail, now).await?;
    tx.commit().await?;
    Ok(format!(
        "{} is deactivated; its staff are signed out and cannot sign in.",
        brand.name
    ))
}

/// Reactivates a deactivated brand: its staff can sign in again with their passwords.
pub async fn reactivate_brand(
    ctx: &Context,
    caller: &CurrentUser,
    brand_id: i64,
) -> Result<String, AppError> {
    access::role(caller, &[Role::Admin])?;
    let brand = find(ctx, brand_id).await?;
    let now = ctx.now();
    let mut tx = ctx.db.begin().await?;
    if !brands::reactivate(&mut tx, brand_id).await? {
        tx.rollback().await?;
        return Err(AppError::Conflict(format!(
            "{} is active already.",
            brand.name
        )));
    }
    let detail = format!("Reactivated {}", brand.name);
    record(&mut tx, caller, brand_id, "brand.reactivated", &detail, now).await?;
    tx.commit().await?;
    Ok(format!(
        "{} is active again; its staff can sign in.",
        brand.name
    ))
}

async fn find(ctx: &Context, brand_id: i64) -> Result<BrandSummary, AppError> {
    brands::find(&ctx.db.pool, brand_id)
        .await?
        .ok_or_else(|| AppError::NotFound("There is no brand with that number.".into()))
}

/// The active account manager `manager_id`, or a refusal on the `manager_id` field.
async fn active_manager(ctx: &Context, manager_id: i64) -> Result<users::UserRecord, AppError> {
    users::find_by_id(&ctx.db.pool, manager_id)
        .await?
        .filter(|user| user.role == Role::AccountManager.as_str() && user.deactivated_at.is_none())
        .ok_or_else(|| {
            AppError::field(
                "manager_id",
                "Choose an active account manager from the list.",
            )
        })
}

async fn record(
    conn: &mut sqlx::AnyConnection,
    caller: &CurrentUser,
    brand_id: i64,
    action: &'static str,
    detail: &str,
    now: i64,
) -> Result<(), AppError> {
    let event = audit::NewEvent {
        actor_id: Some(caller.id),
        action,
        subject_type: "brand",
        subject_id: brand_id,
        brand_id: Some(brand_id),
        detail,
    };
    audit::record(conn, &event, now).await?;
    Ok(())
}
