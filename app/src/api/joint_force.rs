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

/// What waits for the signed-in account manager (or, for admins, for everyone): audit
/// samples, the inquiries they sent with the answers, and overdue review items.
#[server(prefix = "/api", endpoint = "joint_force/get_manager_desk", output = Wire)]
pub async fn get_manager_desk() -> Result<ManagerDesk, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::joint_force::manager_desk(&ctx, &caller).await
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
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::joint_force::decide_audit(&ctx, &caller, item_id, verdict).await
    })
    .await
}

/// Confirms one brand's instant-takedown strikes on one seller, so they count towards the
/// seller's suspension: the brand's account manager or an admin.
#[server(prefix = "/api", endpoint = "joint_force/confirm_seller_strikes", input = Json, output = Wire)]
pub async fn confirm_seller_strikes(
    /// The brand whose takedowns gave the strikes.
    brand_id: i64,
    /// The seller struck.
    seller_id: i64,
) -> Result<String, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::joint_force::confirm_strikes(&ctx, &caller, brand_id, seller_id).await
    })
    .await
}

/// The Joint-Force brands the caller may ask about listings, as (id, name).
#[server(prefix = "/api", endpoint = "joint_force/list_askable_brands", output = Wire)]
pub async fn list_askable_brands() -> Result<Vec<(i64, String)>, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::joint_force::askable_brands(&ctx, &caller).await
    })
    .await
}

/// Searches the marketplace's listings for a Joint-Force brand the caller manages, with the
/// suspicion rules that fire for that brand.
#[server(prefix = "/api", endpoint = "joint_force/search_listings", input = Json, output = Wire)]
pub async fn search_listings(
    /// What to look for.
    search: ListingSearch,
) -> Result<crate::model::Page<FlaggedListing>, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::joint_force::search_listings(&ctx, &caller, &search).await
    })
    .await
}

/// For each suspicion rule, how brands answered inquiries about the listings it flagged:
/// account managers and admins.
#[server(prefix = "/api", endpoint = "joint_force/get_rule_feedback", output = Wire)]
pub async fn get_rule_feedback() -> Result<Vec<RuleFeedback>, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::joint_force::rule_feedback(&ctx, &caller).await
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
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::joint_force::send_inquiry(&ctx, &caller, &draft).await
    })
    .await
}

/// A brand's inquiries: its staff, its account manager, admins.
#[server(prefix = "/api", endpoint = "joint_force/list_inquiries", output = Wire)]
pub async fn list_inquiries(
    /// The brand.
    brand_id: i64,
) -> Result<Vec<InquiryView>, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::joint_force::list_inquiries(&ctx, &caller, brand_id).await
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
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::joint_force::answer_inquiry(&ctx, &caller, answer).await
    })
    .await
}

/// A brand's reference prices and authorised sellers: its staff, its manager, admins.
#[server(prefix = "/api", endpoint = "joint_force/get_suspicion_lists", output = Wire)]
pub async fn get_suspicion_lists(
    /// The brand.
    brand_id: i64,
) -> Result<SuspicionLists, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::brand_lists::suspicion_lists(&ctx, &caller, brand_id).await
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
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::brand_lists::edit_lists(&ctx, &caller, brand_id, edit).await
    })
    .await
}
