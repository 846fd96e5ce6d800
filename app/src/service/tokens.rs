//! Brand API tokens: made, listed and revoked by a brand's staff on their token page, and
//! checked on every API call. A token acts as the staff member who made it.

use crate::db::audit::{self, NewEvent};
use crate::db::tokens::{self, RevokeRefusal, TokenRow};
use crate::domain::api_token::{MAX_LIVE_TOKENS_PER_BRAND, Scope, TOKEN_PREFIX, TokenForm};
use crate::domain::{Role, iso_date, start_of_day_ms};
use crate::error::AppError;
use crate::model::{ApiTokenView, CurrentUser, NewApiToken};
use crate::service::{Context, access};

/// Characters of the secret shown in lists, after the `gf_` prefix.
const SHOWN_CHARS: usize = 8;

fn view(row: TokenRow) -> ApiTokenView {
    ApiTokenView {
        id: row.id,
        name: row.name,
        prefix: row.prefix,
        scopes: Scope::parse_list(&row.scopes),
        created_by: row.created_by,
        created_at: row.created_at,
        expires_at: row.expires_at,
        last_used_at: row.last_used_at,
        revoked_at: row.revoked_at,
    }
}

/// A brand's tokens, newest first, revoked ones included (its own staff).
pub async fn list_tokens(
    ctx: &Context,
    caller: &CurrentUser,
    brand_id: i64,
) -> Result<Vec<ApiTokenView>, AppError> {
    access::own_brand_staff(caller, brand_id)?;
    let rows = tokens::for_brand(&ctx.db.pool, brand_id).await?;
    Ok(rows.into_iter().map(view).collect())
}

/// Makes a token for the caller's brand, acting as the caller. The secret is in the answer
/// and nowhere else: only its hash is stored.
pub async fn create_token(
    ctx: &Context,
    caller: &CurrentUser,
    brand_id: i64,
    form: &TokenForm<'_>,
) -> Result<NewApiToken, AppError> {
    access::own_brand_staff(caller, brand_id)?;
    let now = ctx.now();
    let checked = form.check(&iso_date(now)).map_err(AppError::Validation)?;
    // A date's token works through that whole day (UTC).
    let expires_at = checked
        .expires_on
        .as_deref()
        .and_then(start_of_day_ms)
        .map(|start| start + crate::domain::trust::DAY_MS);
    let secret = new_secret();
    let prefix: String = secret
        .chars()
        .take(TOKEN_PREFIX.len() + SHOWN_CHARS)
        .collect();
    let scopes = Scope::join(&checked.scopes);
    let mut tx = ctx.db.begin().await?;
    if tokens::live_count(&mut tx, brand_id, now).await? >= MAX_LIVE_TOKENS_PER_BRAND as i64 {
        return Err(AppError::field(
            "name",
            format!(
                "Your brand already has {MAX_LIVE_TOKENS_PER_BRAND} working tokens; revoke one \
                 it no longer needs first."
            ),
        ));
    }
    let new = tokens::NewToken {
        brand_id,
        user_id: caller.id,
        name: &checked.name,
        prefix: &prefix,
        token_hash: &hash(&secret),
        scopes: &scopes,
        expires_at,
    };
    let id = tokens::insert(&mut tx, &new, now).await?;
    let detail = format!("{} ({scopes})", checked.name);
    let event = NewEvent {
        actor_id: Some(caller.id),
        action: "api_token.created",
        subject_type: "api_token",
        subject_id: id,
        brand_id: Some(brand_id),
        detail: &detail,
    };
    audit::record(&mut tx, &event, now).await?;
    tx.commit().await?;
    Ok(NewApiToken {
        secret,
        token: ApiTokenView {
            id,
            name: checked.name,
            prefix,
            scopes: checked.scopes,
            created_by: caller.display_name.clone(),
            created_at: now,
            expires_at,
            last_used_at: None,
            revoked_at: None,
        },
    })
}

/// Revokes one of the caller's brand's tokens: the next call with it is refused.
pub async fn revoke_token(
    ctx: &Context,
    caller: &CurrentUser,
    brand_id: i64,
    token_id: i64,
) -> Result<(), AppError> {
    access::own_brand_staff(caller, brand_id)?;
    let now = ctx.now();
    let mut tx = ctx.db.begin().await?;
    let name = match tokens::revoke(&mut tx, token_id, brand_id, caller.id, now).await? {
        Ok(name) => name,
        Err(RevokeRefusal::NotFound) => {
            return Err(AppError::NotFound(
                "Your brand has no token with that number.".into(),
            ));
        }
        Err(RevokeRefusal::AlreadyRevoked) => {
            return Err(AppError::Conflict("This token was already revoked.".into()));
        }
    };
    let event = NewEvent {
        actor_id: Some(caller.id),
        action: "api_token.revoked",
        subject_type: "api_token",
        subject_id: token_id,
        brand_id: Some(brand_id),
        detail: &name,
    };
    audit::record(&mut tx, &event, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Who an API call comes from: the token and the staff member it acts as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenCaller {
    /// The token's id.
    pub token_id: i64,
    /// The brand whose data the token reaches.
    pub brand_id: i64,
    /// What the token may do.
    pub scopes: Vec<Scope>,
    /// The staff member it acts as (their name goes on everything it files).
    pub user: CurrentUser,
}

impl TokenCaller {
    /// Refuses the call (403) unless the token has `scope`.
    pub fn require(&self, scope: Scope) -> Result<(), AppError> {
        if self.scopes.contains(&scope) {
            Ok(())
        } else {
            Err(AppError::Forbidden(format!(
                "This token may not do this: it needs the {} scope. Make a token with it on \
                 your brand's API tokens page.",
                scope.as_str()
            )))
        }
    }
}

/// Why a bearer token was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenRefusal {
    /// No `Authorization: Bearer` header.
    Missing,
    /// No such token.
    Unknown,
    /// Revoked by the brand.
    Revoked,
    /// Past its expiry.
    Expired,
    /// Its maker no longer works for the brand.
    MakerGone,
}

impl TokenRefusal {
    /// The refusal in words, for the 401's detail.
    pub fn message(self) -> &'static str {
        match self {
            TokenRefusal::Missing => {
                "Send an API token as `Authorization: Bearer <token>`; brand staff make them on \
                 the API tokens page."
            }
            TokenRefusal::Unknown => "This API token is not known.",
            TokenRefusal::Revoked => "This API token was revoked.",
            TokenRefusal::Expired => "This API token has expired.",
            TokenRefusal::MakerGone => {
                "The staff member who made this API token no longer works for the brand."
            }
        }
    }
}

/// Longest secret looked up: longer ones are refused without touching the database.
const MAX_SECRET_CHARS: usize = 128;

/// Finds who a bearer secret belongs to, now. Every call looks the token up, so revoking it
/// (or its maker leaving the brand) stops it at once.
pub async fn authenticate(ctx: &Context, secret: &str) -> Result<TokenCaller, TokenRefusal> {
    if !secret.starts_with(TOKEN_PREFIX) || secret.len() > MAX_SECRET_CHARS {
        return Err(TokenRefusal::Unknown);
    }
    let holder = tokens::find_by_hash(&ctx.db.pool, &hash(secret))
        .await
        .map_err(|error| {
            tracing::error!(%error, "could not look up an API token");
            TokenRefusal::Unknown
        })?
        .ok_or(TokenRefusal::Unknown)?;
    if holder.revoked_at.is_some() {
        return Err(TokenRefusal::Revoked);
    }
    if holder.expires_at.is_some_and(|at| at <= ctx.now()) {
        return Err(TokenRefusal::Expired);
    }
    let user = holder
        .user
        .to_current_user()
        .filter(|user| {
            user.role == Role::BrandStaff && user.brand_id == Some(holder.token_brand_id)
        })
        .ok_or(TokenRefusal::MakerGone)?;
    Ok(TokenCaller {
        token_id: holder.token_id,
        brand_id: holder.token_brand_id,
        scopes: Scope::parse_list(&holder.scopes),
        user,
    })
}

/// A new secret: the prefix and 32 random bytes from the operating system, hex.
fn new_secret() -> String {
    format!("{TOKEN_PREFIX}{}", crate::service::secrets::random_hex())
}

/// The stored form of a secret (for seeding a known demo token).
pub fn secret_hash(secret: &str) -> String {
    hash(secret)
}

use crate::service::secrets::hash;

/// One call made with a token, as the API saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    /// Who made it.
    pub caller_token: i64,
    /// The token's brand.
    pub brand_id: i64,
    /// The staff member the token acts as.
    pub user_id: i64,
    /// When (epoch milliseconds).
    pub at: i64,
    /// Method and path, e.g. `POST /api/v1/takedowns`.
    pub what: String,
    /// The answer's status.
    pub status: u16,
}

/// Most different (method, path, status) a use event spells out; the rest are counted.
const MAX_KINDS_SPELLED_OUT: usize = 20;

/// Writes calls to the audit trail: for each token, one `api_token.used` event for the calls
/// gathered since the last write (a fifth of a second at most), counting every call by method,
/// path and status with the first and last times; and the token's last-used time. One row per
/// call was a sixth of the writes of a flat-out takedown run, queued behind SQLite's one writer.
pub async fn record_calls(ctx: &Context, calls: &[Call]) -> Result<(), AppError> {
    let mut uses: Vec<(i64, Vec<&Call>)> = Vec::new();
    for call in calls {
        match uses
            .iter_mut()
            .find(|(token, _)| *token == call.caller_token)
        {
            Some((_, of_token)) => of_token.push(call),
            None => uses.push((call.caller_token, vec![call])),
        }
    }
    let records: Vec<tokens::TokenUses> = uses
        .into_iter()
        .filter_map(|(token_id, of_token)| {
            let first = of_token.iter().map(|call| call.at).min()?;
            let last = of_token.iter().map(|call| call.at).max()?;
            let mut kinds: Vec<(String, u16, usize)> = Vec::new();
            for call in &of_token {
                match kinds
                    .iter_mut()
                    .find(|(what, status, _)| *what == call.what && *status == call.status)
                {
                    Some((.., count)) => *count += 1,
                    None => kinds.push((call.what.clone(), call.status, 1)),
                }
            }
            let mut spelled: Vec<String> = kinds
                .iter()
                .take(MAX_KINDS_SPELLED_OUT)
                .map(|(what, status, count)| format!("{what} → {status} ×{count}"))
                .collect();
            if kinds.len() > MAX_KINDS_SPELLED_OUT {
                spelled.push(format!(
                    "{} more kinds",
                    kinds.len() - MAX_KINDS_SPELLED_OUT
                ));
            }
            let times = if first == last {
                format!("at {}", instant(first))
            } else {
                format!("from {} to {}", instant(first), instant(last))
            };
            let count = of_token.len();
            let calls = if count == 1 { "call" } else { "calls" };
            Some(tokens::TokenUses {
                token_id,
                brand_id: of_token[0].brand_id,
                user_id: of_token[0].user_id,
                last_at: last,
                detail: format!("{count} {calls} {times}: {}", spelled.join("; ")),
            })
        })
        .collect();
    Ok(tokens::record_uses(&ctx.db, &records, ctx.now()).await?)
}

/// `2026-12-06 20:31:05.120 UTC`: a call's time to the millisecond.
fn instant(ms: i64) -> String {
    let minute = crate::domain::format_time(ms);
    let (date_and_minute, zone) = minute.rsplit_once(' ').unwrap_or((minute.as_str(), "UTC"));
    format!(
        "{date_and_minute}:{:02}.{:03} {zone}",
        ms.rem_euclid(60_000) / 1000,
        ms.rem_euclid(1000)
    )
}
