//! Joint-Force with account managers in the loop: the audit of sampled instant takedowns,
//! authenticity inquiries with their answers, listing search and the manager's desk. The
//! suspicion lists' edits are in `brand_lists.rs`.

use crate::db::inquiries::{self, AnswerRefusal, Answered, AskRefusal, InquiryScope};
use crate::db::takedown_audits::{self, AuditDecision, AuditRefusal, Audited};
use crate::db::{strikes, suspicion};
use crate::domain::joint_force::{Answer, TakedownCaps, check_deadline_hours, check_question};
use crate::domain::listing::counted;
use crate::domain::trust::DAY_MS;
use crate::domain::{FieldErrors, Role, Tier, format_time};
use crate::error::AppError;
use crate::model::{
    AuditVerdict, CapAlert, CurrentUser, FlaggedListing, InquiryAnswer, InquiryDraft, InquiryView,
    ListingSearch, ManagerDesk, Page, QueueFilter, RuleFeedback, StrikesToConfirm,
};
use crate::service::{Context, access};

/// How many overdue review items the manager's desk shows.
const DESK_OVERDUE_ROWS: usize = 10;

/// The longest comment a brand may leave with its answer, in characters.
const MAX_ANSWER_COMMENT_CHARS: usize = 1_000;

impl AskRefusal {
    /// The refusal in words for the account manager.
    pub fn message(&self) -> String {
        match self {
            AskRefusal::NoSuchListing { listing_id } => {
                format!("There is no listing {listing_id} on the marketplace.")
            }
            AskRefusal::Removed { listing_id } => {
                format!("Listing {listing_id} has already been removed.")
            }
            AskRefusal::Cleared {
                brand_name,
                listing_id,
                cleared_at,
            } => format!(
                "{brand_name} said listing {listing_id} is genuine on {}; it is not asked about again.",
                format_time(*cleared_at)
            ),
            AskRefusal::AlreadyAsked { listing_id } => format!(
                "This brand is already being asked about listing {listing_id}; wait for its answer."
            ),
        }
    }
}

impl AnswerRefusal {
    /// The refusal in words for the brand's staff.
    pub fn message(&self) -> String {
        match self {
            AnswerRefusal::NoSuchInquiry { inquiry_id } => {
                format!("There is no inquiry {inquiry_id} for your brand.")
            }
            AnswerRefusal::Expired {
                inquiry_id,
                deadline_at,
            } => format!(
                "Inquiry {inquiry_id} expired at {} without an answer.",
                format_time(*deadline_at)
            ),
            AnswerRefusal::AlreadyAnswered { inquiry_id, status } => {
                format!(
                    "Inquiry {inquiry_id} was already answered ({}).",
                    status.label()
                )
            }
        }
    }
}

impl Answered {
    /// What the answer did, in words for the brand's staff.
    pub fn message(&self) -> String {
        match self {
            Answered::Recorded { inquiry_id, status } => {
                format!("Inquiry {inquiry_id} answered: {}.", status.label())
            }
            Answered::Removed {
                inquiry_id,
                listing_id,
                report_id,
                item_id,
            } => format!(
                "Inquiry {inquiry_id} answered counterfeit: listing {listing_id} removed on report \
                 {report_id} (item {item_id})."
            ),
            Answered::AlreadyRemoved {
                inquiry_id,
                listing_id,
            } => format!(
                "Inquiry {inquiry_id} answered counterfeit; listing {listing_id} had already been removed."
            ),
        }
    }
}

/// The manager's id for scoping queries: `Some` for account managers, `None` for admins.
fn manager_scope(caller: &CurrentUser) -> Option<i64> {
    (caller.role == Role::AccountManager).then_some(caller.id)
}

/// Account managers and admins.
fn managers_and_admins(caller: &CurrentUser) -> Result<(), AppError> {
    access::role(caller, &[Role::AccountManager, Role::Admin])
}

/// Why the brand may not take listings down on its word now (not Joint-Force, or not in
/// good standing), if it may not.
async fn takedown_refusal(ctx: &Context, brand_id: i64) -> Result<Option<String>, AppError> {
    let mut conn = ctx.db.pool.acquire().await?;
    let bar = crate::db::takedown::refusal(&mut conn, brand_id, ctx.now()).await?;
    Ok(bar.map(|bar| bar.message()))
}

/// What waits for the calling account manager (or, for admins, for everyone): audit
/// samples, the inquiries they sent with the answers, and overdue review items.
pub async fn manager_desk(ctx: &Context, caller: &CurrentUser) -> Result<ManagerDesk, AppError> {
    managers_and_admins(caller)?;
    let pool = &ctx.db.pool;
    let now = ctx.now();
    let scope = manager_scope(caller);
    let overdue = crate::db::review::queue(
        pool,
        scope,
        &QueueFilter {
            overdue_only: true,
            ..Default::default()
        },
        now,
    )
    .await?;
    let caps = ctx.rules.joint_force.caps;
    let (hour, day) = TakedownCaps::windows(now);
    let cap_alerts = crate::db::takedown::cap_alerts(pool, scope, now - DAY_MS)
        .await?
        .into_iter()
        .map(|row| CapAlert {
            brand_id: row.brand_id,
            brand: row.name,
            alerted_at: row.alerted_at,
            this_hour: (
                if row.hour_start == hour {
                    row.hour_count
                } else {
                    0
                },
                caps.hourly,
            ),
            today: (
                if row.day_start == day {
                    row.day_count
                } else {
                    0
                },
                caps.daily,
            ),
        })
        .collect();
    let policy = &ctx.rules.sellers;
    let strikes_to_confirm = strikes::waiting_confirmation(pool, scope, policy, now)
        .await?
        .into_iter()
        .map(|row| StrikesToConfirm {
            seller_id: row.seller_id,
            seller: row.seller,
            brand_id: row.brand_id,
            brand: row.brand,
            waiting: row.waiting,
            counted: row.counted,
            limit: policy.strike_limit,
        })
        .collect();
    Ok(ManagerDesk {
        cap_alerts,
        strikes_to_confirm,
        audits: takedown_audits::open_samples(pool, scope).await?,
        inquiries: inquiries::list(
            pool,
            scope.map_or(InquiryScope::All, InquiryScope::AskedBy),
            now,
        )
        .await?,
        overdue_total: overdue.total,
        overdue: overdue.rows.into_iter().take(DESK_OVERDUE_ROWS).collect(),
    })
}

/// Confirms one brand's instant-takedown strikes on one seller, so they count towards the
/// seller's suspension: the brand's account manager or an admin. Answers with what was done,
/// in words (a suspension it brought included).
pub async fn confirm_strikes(
    ctx: &Context,
    caller: &CurrentUser,
    brand_id: i64,
    seller_id: i64,
) -> Result<String, AppError> {
    access::reviewer_of(ctx, caller, brand_id).await?;
    let now = ctx.now();
    let policy = &ctx.rules.sellers;
    let confirmed =
        strikes::confirm_brand_on_seller(&ctx.db, brand_id, seller_id, caller.id, policy, now)
            .await?;
    if confirmed == 0 {
        return Err(AppError::Conflict(format!(
            "No strikes of this brand on seller {seller_id} wait for confirmation: they were \
             confirmed or lifted meanwhile."
        )));
    }
    let (seller, suspended) = strikes::name_and_suspension(&ctx.db.pool, seller_id, now).await?;
    Ok(match suspended {
        Some(until) => format!(
            "{} on {seller} confirmed. {seller} is suspended until {}.",
            counted(confirmed as i64, "strike"),
            format_time(until)
        ),
        None => {
            format!(
                "{} on {seller} confirmed; {seller} is below the limit.",
                counted(confirmed as i64, "strike")
            )
        }
    })
}

/// Confirms or overturns a sampled instant takedown: the brand's account manager or an
/// admin. An overturn restores the listing and recomputes the brand's tier in the same
/// transaction. Answers with what was done, in words.
pub async fn decide_audit(
    ctx: &Context,
    caller: &CurrentUser,
    item_id: i64,
    verdict: AuditVerdict,
) -> Result<String, AppError> {
    // Reviewers only, before anything is looked up; then one answer for "not sampled" and
    // "not your brand's", so nobody learns which items of other brands were sampled.
    access::role(caller, &[Role::AccountManager, Role::Admin])?;
    let not_yours = || {
        AppError::NotFound(format!(
            "Item {item_id} is not waiting for your audit: it was not sampled, or it is not one \
             of your brands'."
        ))
    };
    let Some(brand_id) = takedown_audits::brand_of_sample(&ctx.db.pool, item_id).await? else {
        return Err(not_yours());
    };
    if !access::may_access_brand(ctx, caller, brand_id).await? {
        return Err(not_yours());
    }
    let decision = match verdict {
        AuditVerdict::Confirm => AuditDecision::Confirm,
        AuditVerdict::Overturn { code, explanation } => {
            let explanation = crate::service::decision_explanation(
                &explanation,
                "Explain why the takedown was wrong; the brand will read it.",
            )?;
            AuditDecision::Overturn { code, explanation }
        }
    };
    let audited = takedown_audits::decide(
        &ctx.db,
        item_id,
        &decision,
        &ctx.rules,
        caller.id,
        ctx.now(),
    )
    .await?;
    match audited {
        Ok(audited) => Ok(audited_message(item_id, &audited)),
        Err(refusal) => Err(AppError::Conflict(refusal.message(item_id))),
    }
}

/// What an audit did, for the manager: an overturn that cost the brand Joint-Force says so.
fn audited_message(item_id: i64, audited: &Audited) -> String {
    match audited {
        Audited::Confirmed => format!("Takedown of item {item_id} confirmed."),
        Audited::Overturned {
            tier_change: Some(change),
        } if change.from == Tier::JointForce => format!(
            "Takedown of item {item_id} overturned and the listing restored. The brand is now {} \
             and has lost instant takedown: {}",
            change.to.label(),
            change.reason
        ),
        Audited::Overturned { .. } => {
            format!("Takedown of item {item_id} overturned and the listing restored.")
        }
    }
}

impl AuditRefusal {
    /// Why the audit of item `item_id` changed nothing, for the manager.
    pub fn message(&self, item_id: i64) -> String {
        match self {
            AuditRefusal::NotOpen => format!(
                "Item {item_id} is not waiting for an audit: it was already audited or the brand \
                 retracted the takedown."
            ),
            AuditRefusal::NoLongerRemoved => format!(
                "Item {item_id} no longer stands as a removal, so there is nothing to overturn."
            ),
        }
    }
}

/// The Joint-Force brands the caller may ask about listings, as (id, name): an account
/// manager's own, or all for admins.
pub async fn askable_brands(
    ctx: &Context,
    caller: &CurrentUser,
) -> Result<Vec<(i64, String)>, AppError> {
    managers_and_admins(caller)?;
    Ok(inquiries::askable_brands(&ctx.db.pool, manager_scope(caller)).await?)
}

/// Searches the marketplace's listings for a Joint-Force brand the caller manages, with the
/// suspicion rules that fire for that brand.
pub async fn search_listings(
    ctx: &Context,
    caller: &CurrentUser,
    search: &ListingSearch,
) -> Result<Page<FlaggedListing>, AppError> {
    access::reviewer_of(ctx, caller, search.brand_id).await?;
    crate::service::page_within(
        search.page,
        suspicion::SEARCH_WINDOW / suspicion::SEARCH_PAGE - 1,
    )?;
    use crate::domain::limits::{MAX_NAME_CHARS, MAX_SEARCH_CHARS};
    crate::service::within("text", &search.text, MAX_SEARCH_CHARS, "the search")?;
    crate::service::within(
        "seller",
        &search.seller,
        MAX_NAME_CHARS,
        "the seller's name",
    )?;
    let Some(brand) = crate::db::brands::find(&ctx.db.pool, search.brand_id).await? else {
        return Err(AppError::NotFound("There is no such brand.".into()));
    };
    let range = price_range(&search.min_price, &search.max_price).map_err(AppError::Validation)?;
    Ok(suspicion::search(
        &ctx.db.pool,
        brand.id,
        &brand.name,
        search,
        range,
        ctx.rules.joint_force.price_share_bp,
        ctx.now(),
    )
    .await?)
}

/// The search's price range in cents from the two prices as typed (blank for no bound),
/// or what is wrong with them, by field.
fn price_range(min: &str, max: &str) -> Result<(Option<i64>, Option<i64>), FieldErrors> {
    let mut errors = FieldErrors::new();
    let mut price = |field: &str, text: &str| {
        if text.trim().is_empty() {
            return None;
        }
        crate::domain::parse_price(text)
            .map_err(|message| errors.entry(field.to_owned()).or_default().push(message))
            .ok()
    };
    let range = (price("min_price", min), price("max_price", max));
    if let (Some(min), Some(max)) = range
        && min > max
    {
        errors
            .entry("max_price".into())
            .or_default()
            .push("The highest price is below the lowest; swap them or widen the range.".into());
    }
    if errors.is_empty() {
        Ok(range)
    } else {
        Err(errors)
    }
}

/// For each suspicion rule, how brands answered inquiries about the listings it flagged:
/// account managers and admins.
pub async fn rule_feedback(
    ctx: &Context,
    caller: &CurrentUser,
) -> Result<Vec<RuleFeedback>, AppError> {
    managers_and_admins(caller)?;
    Ok(suspicion::rule_feedback(&ctx.db.pool).await?)
}

/// Asks a Joint-Force brand in good standing whether a listing is genuine: the brand's
/// account manager or an admin. Answers with the inquiry number.
pub async fn send_inquiry(
    ctx: &Context,
    caller: &CurrentUser,
    draft: &InquiryDraft,
) -> Result<i64, AppError> {
    access::reviewer_of(ctx, caller, draft.brand_id).await?;
    if let Some(why) = takedown_refusal(ctx, draft.brand_id).await? {
        return Err(AppError::Forbidden(format!(
            "Inquiries go to Joint-Force brands in good standing. {why}"
        )));
    }
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
    inquiries::ask(&ctx.db, draft, &question, caller.id, ctx.now())
        .await?
        .map_err(|refusal| AppError::Conflict(refusal.message()))
}

/// A brand's inquiries: its staff, its account manager, admins.
pub async fn list_inquiries(
    ctx: &Context,
    caller: &CurrentUser,
    brand_id: i64,
) -> Result<Vec<InquiryView>, AppError> {
    access::brand(ctx, caller, brand_id).await?;
    Ok(inquiries::list(&ctx.db.pool, InquiryScope::Brand(brand_id), ctx.now()).await?)
}

/// Answers an inquiry: only staff of the brand asked. "Counterfeit" removes the listing at
/// once on the right chosen, under the good-faith declaration signed here, so it needs
/// Joint-Force standing, a usable right of the brand, the declaration and a signature.
/// Answers with what was done, in words.
pub async fn answer_inquiry(
    ctx: &Context,
    caller: &CurrentUser,
    answer: InquiryAnswer,
) -> Result<String, AppError> {
    let pool = &ctx.db.pool;
    let Some(brand_id) = inquiries::brand_of(pool, answer.inquiry_id).await? else {
        return Err(AppError::NotFound(format!(
            "There is no inquiry {}.",
            answer.inquiry_id
        )));
    };
    access::own_brand_staff(caller, brand_id)?;
    let mut errors = FieldErrors::new();
    let comment = answer.comment.trim().to_owned();
    if comment.chars().count() > MAX_ANSWER_COMMENT_CHARS {
        errors.insert(
            "comment".into(),
            vec!["Keep the comment under 1,000 characters.".into()],
        );
    }
    let mut signature = String::new();
    if answer.answer == Answer::Counterfeit {
        if let Some(why) = takedown_refusal(ctx, brand_id).await? {
            return Err(AppError::Forbidden(format!(
                "A \"counterfeit\" answer removes the listing on your word, which needs \
                 Joint-Force standing. {why} Answer \"unsure\" with a comment instead."
            )));
        }
        let today = crate::domain::iso_date(ctx.now());
        match crate::db::rights::find(pool, answer.ip_right_id, &today).await? {
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
    inquiries::answer(&ctx.db, brand_id, &answer, caller.id, &ctx.rules, ctx.now())
        .await?
        .map(|answered| answered.message())
        .map_err(|refusal| AppError::Conflict(refusal.message()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_prices_leave_the_range_open() {
        assert_eq!(price_range("", "  "), Ok((None, None)));
    }

    #[test]
    fn a_reversed_range_is_refused_on_the_highest_price() {
        let errors = price_range("50", "10").expect_err("reversed");
        assert_eq!(errors.keys().collect::<Vec<_>>(), ["max_price"]);
    }

    #[test]
    fn each_unreadable_price_is_named() {
        let errors = price_range("cheap", "dear").expect_err("unreadable");
        assert_eq!(
            errors.keys().collect::<Vec<_>>(),
            ["max_price", "min_price"]
        );
    }
}
