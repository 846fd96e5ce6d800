//! Joint-Force with account managers in the loop: the audit of sampled instant takedowns,
//! authenticity inquiries with their answers, the suspicion rules, and the manager's desk.

use leptos::prelude::*;
use server_fn::codec::Json;

use crate::error::AppError;
use crate::model::{
    AuditVerdict, FlaggedListing, InquiryAnswer, InquiryDraft, InquiryView, ListEdit,
    ListingSearch, ManagerDesk, RuleFeedback, SuspicionLists,
};
use crate::wire::Wire;

/// The manager's id for scoping queries: `Some` for account managers, `None` for admins.
#[cfg(feature = "ssr")]
fn scope_of(user: &crate::model::CurrentUser) -> Option<i64> {
    (user.role == crate::domain::Role::AccountManager).then_some(user.id)
}

/// What waits for the signed-in account manager (or, for admins, for everyone): audit
/// samples, the inquiries they sent with the answers, and overdue review items.
#[server(prefix = "/api", endpoint = "joint_force/get_manager_desk", output = Wire)]
pub async fn get_manager_desk() -> Result<ManagerDesk, AppError> {
    use crate::api::support::{app_state, boundary};
    use crate::db::inquiries::InquiryScope;
    use crate::domain::Role;
    boundary(async move {
        let user = crate::auth::require_role(&[Role::AccountManager, Role::Admin]).await?;
        let pool = &app_state()?.db.pool;
        let now = crate::db::now_ms();
        let scope = scope_of(&user);
        let overdue = crate::db::review::queue(
            pool,
            scope,
            &crate::model::QueueFilter {
                overdue_only: true,
                ..Default::default()
            },
            now,
        )
        .await?;
        Ok(ManagerDesk {
            audits: crate::db::takedown_audits::open_samples(pool, scope).await?,
            inquiries: crate::db::inquiries::list(
                pool,
                scope.map_or(InquiryScope::All, InquiryScope::AskedBy),
                now,
            )
            .await?,
            overdue_total: overdue.total,
            overdue: overdue.rows.into_iter().take(10).collect(),
        })
    })
    .await
}

/// Confirms or overturns a sampled instant takedown: the brand's account manager or an admin.
/// An overturn restores the listing and recomputes the brand's tier in the same transaction.
#[server(prefix = "/api", endpoint = "joint_force/decide_audit", input = Json, output = Wire)]
pub async fn decide_audit(
    /// The sampled item.
    item_id: i64,
    /// Confirm, or overturn with a code and explanation.
    verdict: AuditVerdict,
) -> Result<String, AppError> {
    use crate::api::support::{app_state, boundary};
    use crate::db::takedown_audits::AuditDecision;
    boundary(async move {
        let state = app_state()?;
        let Some(brand_id) =
            crate::db::takedown_audits::brand_of_sample(&state.db.pool, item_id).await?
        else {
            return Err(AppError::NotFound(format!(
                "Item {item_id} was not sampled for audit."
            )));
        };
        let user = crate::auth::require_reviewer_of(brand_id).await?;
        let decision = match verdict {
            AuditVerdict::Confirm => AuditDecision::Confirm,
            AuditVerdict::Overturn { code, explanation } => {
                let explanation = explanation.trim().to_owned();
                if explanation.chars().count() < 5 {
                    return Err(AppError::field(
                        "explanation",
                        "Explain why the takedown was wrong; the brand will read it.",
                    ));
                }
                AuditDecision::Overturn { code, explanation }
            }
        };
        crate::db::takedown_audits::decide(
            &state.db,
            item_id,
            &decision,
            &state.rules,
            user.id,
            crate::db::now_ms(),
        )
        .await?
        .map_err(AppError::Conflict)
    })
    .await
}

/// The Joint-Force brands the caller may ask about listings, as (id, name).
#[server(prefix = "/api", endpoint = "joint_force/list_askable_brands", output = Wire)]
pub async fn list_askable_brands() -> Result<Vec<(i64, String)>, AppError> {
    use crate::api::support::{app_state, boundary};
    use crate::domain::Role;
    boundary(async move {
        let user = crate::auth::require_role(&[Role::AccountManager, Role::Admin]).await?;
        Ok(crate::db::inquiries::askable_brands(&app_state()?.db.pool, scope_of(&user)).await?)
    })
    .await
}

/// Searches the marketplace's listings for a Joint-Force brand the caller manages, with the
/// suspicion rules that fire for that brand.
#[server(prefix = "/api", endpoint = "joint_force/search_listings", input = Json, output = Wire)]
pub async fn search_listings(
    /// What to look for.
    search: ListingSearch,
) -> Result<Vec<FlaggedListing>, AppError> {
    use crate::api::support::{app_state, boundary};
    use crate::error::FieldErrors;
    boundary(async move {
        crate::auth::require_reviewer_of(search.brand_id).await?;
        let state = app_state()?;
        let pool = &state.db.pool;
        let Some(brand) = crate::db::brands::find(pool, search.brand_id).await? else {
            return Err(AppError::NotFound("There is no such brand.".into()));
        };
        let mut errors = FieldErrors::new();
        let mut price = |field: &str, text: &str| {
            if text.trim().is_empty() {
                return None;
            }
            crate::domain::parse_price(text)
                .map_err(|message| errors.entry(field.to_owned()).or_default().push(message))
                .ok()
        };
        let range = (
            price("min_price", &search.min_price),
            price("max_price", &search.max_price),
        );
        if let (Some(min), Some(max)) = range
            && min > max
        {
            errors.entry("max_price".into()).or_default().push(
                "The highest price is below the lowest; swap them or widen the range.".into(),
            );
        }
        if !errors.is_empty() {
            return Err(AppError::Validation(errors));
        }
        Ok(crate::db::inquiries::search(
            pool,
            brand.id,
            &brand.name,
            &search,
            range,
            state.rules.joint_force.price_share_bp,
            crate::db::now_ms(),
        )
        .await?)
    })
    .await
}

/// For each suspicion rule, how brands answered inquiries about the listings it flagged:
/// account managers and admins.
#[server(prefix = "/api", endpoint = "joint_force/get_rule_feedback", output = Wire)]
pub async fn get_rule_feedback() -> Result<Vec<RuleFeedback>, AppError> {
    use crate::api::support::{app_state, boundary};
    use crate::domain::Role;
    boundary(async move {
        crate::auth::require_role(&[Role::AccountManager, Role::Admin]).await?;
        Ok(crate::db::inquiries::rule_feedback(&app_state()?.db.pool).await?)
    })
    .await
}

/// Asks a Joint-Force brand whether a listing is genuine: the brand's account manager or an
/// admin. Returns the inquiry number.
#[server(prefix = "/api", endpoint = "joint_force/send_inquiry", input = Json, output = Wire)]
pub async fn send_inquiry(
    /// The inquiry as filled in.
    draft: InquiryDraft,
) -> Result<i64, AppError> {
    use crate::api::support::{app_state, boundary};
    use crate::domain::joint_force::{check_deadline_hours, check_question};
    use crate::error::FieldErrors;
    boundary(async move {
        let user = crate::auth::require_reviewer_of(draft.brand_id).await?;
        let state = app_state()?;
        let pool = &state.db.pool;
        let now = crate::db::now_ms();
        let mut conn = pool.acquire().await?;
        if let Some(why) = crate::db::takedown::refusal(&mut conn, draft.brand_id, now).await? {
            return Err(AppError::Forbidden(format!(
                "Inquiries go to Joint-Force brands in good standing. {why}"
            )));
        }
        drop(conn);
        let mut errors = FieldErrors::new();
        let question = check_question(&draft.question)
            .map_err(|message| errors.insert("question".into(), vec![message]))
            .ok();
        if let Err(message) = check_deadline_hours(draft.deadline_hours) {
            errors.insert("deadline_hours".into(), vec![message]);
        }
        let Some(question) = question.filter(|_| errors.is_empty()) else {
            return Err(AppError::Validation(errors));
        };
        crate::db::inquiries::ask(&state.db, &draft, &question, user.id, now)
            .await?
            .map_err(AppError::Conflict)
    })
    .await
}

/// A brand's inquiries: its staff, its account manager, admins.
#[server(prefix = "/api", endpoint = "joint_force/list_inquiries", output = Wire)]
pub async fn list_inquiries(
    /// The brand.
    brand_id: i64,
) -> Result<Vec<InquiryView>, AppError> {
    use crate::api::support::{app_state, boundary};
    use crate::db::inquiries::InquiryScope;
    boundary(async move {
        crate::auth::require_brand_access(brand_id).await?;
        Ok(crate::db::inquiries::list(
            &app_state()?.db.pool,
            InquiryScope::Brand(brand_id),
            crate::db::now_ms(),
        )
        .await?)
    })
    .await
}

/// Answers an inquiry: only staff of the brand asked. "Counterfeit" removes the listing at
/// once on the right chosen, under the good-faith declaration signed here.
#[server(prefix = "/api", endpoint = "joint_force/answer_inquiry", input = Json, output = Wire)]
pub async fn answer_inquiry(
    /// The answer as filled in.
    answer: InquiryAnswer,
) -> Result<String, AppError> {
    use crate::api::support::{app_state, boundary, today};
    use crate::domain::joint_force::Answer;
    use crate::error::FieldErrors;
    boundary(async move {
        let state = app_state()?;
        let pool = &state.db.pool;
        let Some(brand_id) = crate::db::inquiries::brand_of(pool, answer.inquiry_id).await? else {
            return Err(AppError::NotFound(format!(
                "There is no inquiry {}.",
                answer.inquiry_id
            )));
        };
        let user = crate::auth::require_own_brand_staff(brand_id).await?;
        let now = crate::db::now_ms();
        let mut errors = FieldErrors::new();
        let comment = answer.comment.trim().to_owned();
        if comment.chars().count() > 1_000 {
            errors.insert(
                "comment".into(),
                vec!["Keep the comment under 1,000 characters.".into()],
            );
        }
        let mut signature = String::new();
        if answer.answer == Answer::Counterfeit {
            let mut conn = pool.acquire().await?;
            if let Some(why) = crate::db::takedown::refusal(&mut conn, brand_id, now).await? {
                return Err(AppError::Forbidden(format!(
                    "A \"counterfeit\" answer removes the listing on your word, which needs \
                     Joint-Force standing. {why} Answer \"unsure\" with a comment instead."
                )));
            }
            drop(conn);
            match crate::db::rights::find(pool, answer.ip_right_id, &today()).await? {
                Some(right) if right.brand_id == brand_id && right.usable => {}
                _ => {
                    errors.insert(
                        "ip_right_id".into(),
                        vec!["Choose one of your verified, unexpired rights.".into()],
                    );
                }
            }
            if !answer.declared {
                errors.insert(
                    "declared".into(),
                    vec!["Tick the good-faith declaration: the removal rests on it.".into()],
                );
            }
            match crate::domain::report::check_signature(&answer.signature) {
                Ok(signed) => signature = signed,
                Err(message) => {
                    errors.insert("signature".into(), vec![message]);
                }
            }
        }
        if !errors.is_empty() {
            return Err(AppError::Validation(errors));
        }
        let answer = InquiryAnswer {
            comment,
            signature,
            ..answer
        };
        crate::db::inquiries::answer(&state.db, brand_id, &answer, user.id, &state.rules, now)
            .await?
            .map_err(AppError::Conflict)
    })
    .await
}

/// A brand's reference prices and authorised sellers: its staff, its manager, admins.
#[server(prefix = "/api", endpoint = "joint_force/get_suspicion_lists", output = Wire)]
pub async fn get_suspicion_lists(
    /// The brand.
    brand_id: i64,
) -> Result<SuspicionLists, AppError> {
    use crate::api::support::{app_state, boundary};
    boundary(async move {
        crate::auth::require_brand_access(brand_id).await?;
        let pool = &app_state()?.db.pool;
        Ok(SuspicionLists {
            prices: crate::db::inquiries::reference_prices(pool, brand_id).await?,
            sellers: crate::db::inquiries::authorised_sellers(pool, brand_id).await?,
        })
    })
    .await
}

/// Changes a brand's reference prices or authorised sellers: only the brand's own staff.
#[server(prefix = "/api", endpoint = "joint_force/edit_lists", input = Json, output = Wire)]
pub async fn edit_lists(
    /// The brand.
    brand_id: i64,
    /// The change.
    edit: ListEdit,
) -> Result<(), AppError> {
    use crate::api::support::{app_state, boundary};
    use crate::db::inquiries::ListChange;
    use crate::error::FieldErrors;
    boundary(async move {
        let user = crate::auth::require_own_brand_staff(brand_id).await?;
        let change = match edit {
            ListEdit::SetPrice {
                product_line,
                price,
            } => {
                let product_line = product_line
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                let mut errors = FieldErrors::new();
                if !(2..=80).contains(&product_line.chars().count()) {
                    errors.insert(
                        "product_line".into(),
                        vec![
                            "Name the product line as it appears in titles (2 to 80 characters)."
                                .into(),
                        ],
                    );
                }
                let price = crate::domain::parse_price(&price)
                    .and_then(|cents| {
                        if cents > 0 {
                            Ok(cents)
                        } else {
                            Err("A reference price is more than zero.".into())
                        }
                    })
                    .map_err(|message| errors.insert("price".into(), vec![message]));
                match price {
                    Ok(price_cents) if errors.is_empty() => ListChange::SetPrice {
                        product_line,
                        price_cents,
                    },
                    _ => return Err(AppError::Validation(errors)),
                }
            }
            ListEdit::RemovePrice(id) => ListChange::RemovePrice(id),
            ListEdit::AddSeller(name) if name.trim().is_empty() => {
                return Err(AppError::field("seller", "Type the seller's shop name."));
            }
            ListEdit::AddSeller(name) => ListChange::AddSeller(name),
            ListEdit::RemoveSeller(id) => ListChange::RemoveSeller(id),
        };
        let field = match change {
            ListChange::AddSeller(_) => "seller",
            _ => "lists",
        };
        crate::db::inquiries::change_lists(
            &app_state()?.db,
            brand_id,
            &change,
            user.id,
            crate::db::now_ms(),
        )
        .await?
        .map_err(|message| AppError::field(field, message))
    })
    .await
}
