//! Invitations: people join the portal by a mailed link (72 hours, once) and choose their own
//! password. Platform admins invite anyone — account managers, admins, any brand's staff, a
//! seller account against an existing seller; a brand admin invites staff to their own brand
//! only. Sending, withdrawing and accepting are each one transaction with their audit event.

use crate::auth::password;
use crate::db::{self, audit, brands, links, users};
use crate::domain::limits::MAX_NAME_CHARS;
use crate::domain::mail::{self, INVITATION_LINK_HOURS};
use crate::domain::{Email, Role};
use crate::error::{AppError, FieldErrors};
use crate::model::{CurrentUser, InvitationOffer, InvitationView};
use crate::service::passwords::working_link;
use crate::service::{Context, access, secrets};

/// The most pending invitations one list shows.
pub const INVITATIONS_LISTED: i64 = 200;

/// An invitation as the form sends it.
#[derive(Debug, Clone, Copy, Default)]
pub struct InvitationForm<'a> {
    /// The invitee's address.
    pub email: &'a str,
    /// Their name.
    pub name: &'a str,
    /// A stored role name.
    pub role: &'a str,
    /// Their brand (brand staff).
    pub brand_id: Option<i64>,
    /// Their seller's name (seller accounts).
    pub seller: &'a str,
    /// Whether they become a brand admin (brand staff).
    pub brand_admin: bool,
}

/// Sends an invitation: the caller's scope first (admins anything; a brand admin staff of
/// their own brand), then the form's checks, each by its field; an address with an account
/// already is refused. A newer invitation to the same address voids the older. Answers with
/// what was done, in words.
pub async fn invite(
    ctx: &Context,
    caller: &CurrentUser,
    form: InvitationForm<'_>,
) -> Result<String, AppError> {
    let role = Role::parse(form.role);
    match caller.role {
        Role::Admin => {}
        Role::BrandStaff if caller.brand_admin => {
            if role != Some(Role::BrandStaff) || form.brand_id != caller.brand_id {
                return Err(AppError::Forbidden(
                    "Brand admins invite people to their own brand only.".into(),
                ));
            }
        }
        _ => return Err(AppError::forbidden()),
    }
    let mut problems = FieldErrors::new();
    let mut complain = |field: &str, message: String| {
        problems.entry(field.to_owned()).or_default().push(message);
    };
    let email = Email::parse(form.email)
        .map_err(|message| complain("email", message))
        .ok();
    let name = form.name.trim();
    if name.is_empty() {
        complain("name", "Enter the person's name.".into());
    } else if let Err(message) =
        crate::domain::limits::check_chars(name, MAX_NAME_CHARS, "the name")
    {
        complain("name", message);
    }
    let Some(role) = role else {
        complain("role", "Choose one of the roles listed.".into());
        return Err(AppError::Validation(problems));
    };
    let mut brand = None;
    let mut seller = None;
    match role {
        Role::BrandStaff => match form.brand_id {
            None => complain("brand_id", "Choose the brand they work for.".into()),
            Some(id) => match brands::find(&ctx.db.pool, id).await? {
                Some(found) if found.deactivated_at.is_none() => brand = Some(found),
                Some(_) => complain(
                    "brand_id",
                    "This brand is deactivated: reactivate it before inviting its staff.".into(),
                ),
                None => complain("brand_id", "Choose a brand from the list.".into()),
            },
        },
        Role::Seller => match users::seller_by_name(&ctx.db.pool, form.seller).await? {
            Some(found) => seller = Some(found),
            None => complain(
                "seller",
                "Enter the name of a seller the marketplace has sent us, as it is spelt there."
                    .into(),
            ),
        },
        Role::AccountManager | Role::Admin => {}
    }
    if let Some(email) = &email
        && users::email_taken(&ctx.db.pool, email.as_str()).await?
    {
        complain(
            "email",
            format!("{} has an account already.", email.as_str()),
        );
    }
    let Some(email) = email.filter(|_| problems.is_empty()) else {
        return Err(AppError::Validation(problems));
    };
    let brand_admin = form.brand_admin && role == Role::BrandStaff;
    let role_words = role_in_words(
        role,
        brand_admin,
        brand
            .as_ref()
            .map(|b| b.name.as_str())
            .or(seller.as_ref().map(|s| s.1.as_str())),
    );
    let secret = secrets::random_hex();
    let token_hash = secrets::hash(&secret);
    let now = ctx.now();
    let link = links::NewLink {
        purpose: links::INVITATION,
        token_hash: &token_hash,
        email: email.as_str(),
        display_name: name,
        role: Some(role.as_str()),
        brand_id: brand.as_ref().map(|b| b.id),
        seller_id: seller.as_ref().map(|s| s.0),
        brand_admin,
        created_by: Some(caller.id),
        expires_at: now + INVITATION_LINK_HOURS * 3_600_000,
        ..Default::default()
    };
    let message = mail::invitation(mail::Invitation {
        name,
        inviter: &caller.display_name,
        role: &role_words,
        link: &ctx.site.link(&format!("/invitation?token={secret}")),
    });
    let mut tx = ctx.db.begin().await?;
    let link_id = links::insert(&mut tx, &link, now).await?;
    db::mail::queue(&mut tx, email.as_str(), None, &message, now).await?;
    let event = audit::NewEvent {
        actor_id: Some(caller.id),
        action: "user.invited",
        subject_type: "invitation",
        subject_id: link_id,
        brand_id: link.brand_id,
        detail: &format!("Invited {name} <{}> as {role_words}", email.as_str()),
    };
    audit::record(&mut tx, &event, now).await?;
    tx.commit().await?;
    Ok(format!(
        "Invitation sent to {}. The link works for {INVITATION_LINK_HOURS} hours.",
        email.as_str()
    ))
}

/// "Brand admin of Lumen Optics", "Seller account of Bazaar Outlet", "Account manager".
fn role_in_words(role: Role, brand_admin: bool, of: Option<&str>) -> String {
    let title = match role {
        Role::BrandStaff if brand_admin => "Brand admin",
        Role::Seller => "Seller account",
        other => other.label(),
    };
    match of {
        Some(name) => format!("{title} of {name}"),
        None => title.to_owned(),
    }
}

/// The invitations still open: one brand's (a brand admin of it, or an admin), or every one
/// (admins, `brand_id` `None`).
pub async fn pending(
    ctx: &Context,
    caller: &CurrentUser,
    brand_id: Option<i64>,
) -> Result<Vec<InvitationView>, AppError> {
    match brand_id {
        Some(id) => access::people_of(caller, id)?,
        None => access::role(caller, &[Role::Admin])?,
    }
    let rows =
        links::pending_invitations(&ctx.db.pool, brand_id, ctx.now(), INVITATIONS_LISTED).await?;
    let mut views = Vec::with_capacity(rows.len());
    for row in rows {
        let Some(role) = row.role.as_deref().and_then(Role::parse) else {
            continue;
        };
        views.push(InvitationView {
            id: row.id,
            belongs_to: users::names_of(&ctx.db.pool, row.brand_id, row.seller_id).await?,
            email: row.email,
            name: row.display_name,
            role,
            brand_admin: row.brand_admin != 0,
            sent_at: row.created_at,
            expires_at: row.expires_at,
        });
    }
    Ok(views)
}

/// Withdraws an invitation not yet accepted: its link stops working at once.
pub async fn withdraw(
    ctx: &Context,
    caller: &CurrentUser,
    invitation_id: i64,
) -> Result<String, AppError> {
    // Only those who invite may withdraw; which invitation is checked once it is read.
    if caller.role != Role::Admin && !caller.brand_admin {
        return Err(AppError::forbidden());
    }
    let link = links::by_id(&ctx.db.pool, invitation_id)
        .await?
        .filter(|link| link.purpose == links::INVITATION);
    let Some(link) = link else {
        return Err(AppError::NotFound("There is no such invitation.".into()));
    };
    match link.brand_id {
        Some(brand) => access::people_of(caller, brand)?,
        None => access::role(caller, &[Role::Admin])?,
    }
    let now = ctx.now();
    let mut tx = ctx.db.begin().await?;
    if !links::revoke(&mut tx, link.id, now).await? {
        tx.rollback().await?;
        return Err(AppError::Conflict(
            "This invitation was accepted or withdrawn already.".into(),
        ));
    }
    let event = audit::NewEvent {
        actor_id: Some(caller.id),
        action: "user.invitation_withdrawn",
        subject_type: "invitation",
        subject_id: link.id,
        brand_id: link.brand_id,
        detail: &format!(
            "Withdrew the invitation of {} <{}>",
            link.display_name, link.email
        ),
    };
    audit::record(&mut tx, &event, now).await?;
    tx.commit().await?;
    Ok(format!("The invitation to {} is withdrawn.", link.email))
}

/// What an invitation link offers, if it still works (its page shows this above the form).
pub async fn offer(ctx: &Context, token: &str) -> Result<InvitationOffer, AppError> {
    let link = working_link(ctx, links::INVITATION, token).await?;
    let role = link
        .role
        .as_deref()
        .and_then(Role::parse)
        .ok_or(AppError::Internal)?;
    let of = users::names_of(&ctx.db.pool, link.brand_id, link.seller_id).await?;
    Ok(InvitationOffer {
        email: link.email,
        name: link.display_name,
        role: role_in_words(role, link.brand_admin != 0, of.as_deref()),
    })
}

/// Accepts an invitation: the password policy as for a change, then the account is made as
/// the invitation says, the link used once, with the audit event, in one transaction.
/// Answers with the new account, for the door to sign in.
pub async fn accept(
    ctx: &Context,
    token: &str,
    new: &str,
    repeated: &str,
) -> Result<CurrentUser, AppError> {
    let link = working_link(ctx, links::INVITATION, token).await?;
    if let Some((field, message)) =
        crate::service::accounts::new_password_problem(new, repeated, &link.email)
    {
        return Err(AppError::field(field, message));
    }
    let role = link
        .role
        .as_deref()
        .and_then(Role::parse)
        .ok_or(AppError::Internal)?;
    if users::email_taken(&ctx.db.pool, &link.email).await? {
        return Err(AppError::Conflict(format!(
            "{} has an account already: sign in with it, or reset its password.",
            link.email
        )));
    }
    if let Some(brand) = link.brand_id
        && brands::find(&ctx.db.pool, brand)
            .await?
            .is_none_or(|brand| brand.deactivated_at.is_some())
    {
        return Err(AppError::Forbidden(
            "The brand you were invited to is deactivated; ask the person who invited you.".into(),
        ));
    }
    let hash = password::hash(new).await?;
    let now = ctx.now();
    let mut tx = ctx.db.begin().await?;
    if !links::use_once(&mut tx, link.id, now).await? {
        tx.rollback().await?;
        return Err(AppError::Conflict(
            "This invitation has been accepted already: sign in with its address.".into(),
        ));
    }
    let user = users::NewUser {
        email: &link.email,
        password_hash: &hash,
        display_name: &link.display_name,
        role,
        brand_id: link.brand_id,
        seller_id: link.seller_id,
        brand_admin: link.brand_admin != 0,
    };
    let user_id = users::insert_user(&mut tx, &user, now).await?;
    let event = audit::NewEvent {
        actor_id: Some(user_id),
        action: "user.joined",
        subject_type: "user",
        subject_id: user_id,
        brand_id: link.brand_id,
        detail: &format!(
            "{} <{}> accepted the invitation and chose a password",
            link.display_name, link.email
        ),
    };
    audit::record(&mut tx, &event, now).await?;
    tx.commit().await?;
    users::find_by_id(&ctx.db.pool, user_id)
        .await?
        .and_then(|record| record.to_current_user())
        .ok_or(AppError::Internal)
}
