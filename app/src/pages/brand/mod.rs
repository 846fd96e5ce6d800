//! A brand's home: the tier card — tier, the figures behind it, what it gives, how far the
//! next tier is and how close the brand is to losing this one — with the weekly chart, figures
//! per reason and per staff member, the tier history, and (for admins) the programme controls.
//!
//! This file holds the page and its overview; `figures.rs` the weekly chart and the tables of
//! figures and history; `admin.rs` the admins' programme controls.

mod admin;
mod details;
mod figures;
mod speed;

use leptos::prelude::*;
use leptos_meta::Title;

use crate::Auth;
use crate::api::brands::brand_attention;
use crate::api::trust::{get_trust, list_managers};
use crate::components::attention::{Need, NeedsYou, Tone};
use crate::components::deferred::Deferred;
use crate::components::form::id_param;
use crate::components::outcome::{ErrorPanel, Loading};
use crate::components::pills::TierBadge;
use crate::domain::trust::{CLOSE_TO_LOSING, percent};
use crate::domain::{Role, format_time, iso_date};
use crate::error::AppError;
use crate::model::{ATTENTION_COUNT_CAP, BrandAttention, ManagerOption, TrustView};
use crate::wire::{Loaded, load};

use self::admin::AdminControls;
use self::details::BrandSettings;
use self::figures::{ReasonTable, StaffTable, TierHistory, WeeklyChart, accuracy_text};
use self::speed::SpeedCard;

/// `/brands/:id` — brand staff's home, also opened by the brand's manager and admins.
#[component]
pub fn BrandHome() -> impl IntoView {
    let brand_id = id_param("id");
    let changed = RwSignal::new(0_u32);
    let trust = load(
        move || (brand_id(), changed.get()),
        |(id, _)| async move {
            match id {
                Some(id) => get_trust(id).await,
                None => Err(AppError::NotFound(
                    "There is no brand with that number.".into(),
                )),
            }
        },
    );
    let auth = expect_context::<Auth>();
    let is_admin = move || async move {
        auth.user
            .await
            .ok()
            .flatten()
            .is_some_and(|user| user.role == Role::Admin)
    };
    // The page's other parts load here, never inside the `Suspend` below: the server renders
    // a `Suspend` again when its resources resolve at different moments, and a resource made
    // in there would be made again outside the request, where its server function no longer
    // finds the session (the page then never hydrates). Each is asked only of readers it is
    // for, so nobody's page load meets a refusal (which would also make its status 403).
    let extras = BrandExtras {
        attention: load(brand_id, move |id| async move {
            match (id, trust.await) {
                (Some(id), Ok(_)) => brand_attention(id).await,
                _ => Ok(BrandAttention::default()),
            }
        }),
        managers: load(
            || (),
            move |_| async move {
                if is_admin().await {
                    list_managers().await
                } else {
                    Ok(Vec::new())
                }
            },
        ),
    };
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let admin = is_admin().await;
                match trust.await {
                    Ok(view) => view! { <BrandOverview view admin changed extras /> }.into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The brand page's parts that load beside the trust view.
#[derive(Clone, Copy)]
struct BrandExtras {
    /// What waits for the brand (counter-notices, inquiries, listings in review).
    attention: Loaded<Result<BrandAttention, AppError>>,
    /// The account managers an admin may assign (empty for everyone else).
    managers: Loaded<Result<Vec<ManagerOption>, AppError>>,
}

#[component]
fn BrandOverview(
    view: TrustView,
    admin: bool,
    changed: RwSignal<u32>,
    extras: BrandExtras,
) -> impl IntoView {
    let brand = view.brand.clone();
    let tier = brand.tier;
    // The deferred parts' own copies: they are built later, when `view` has moved on.
    let (weeks, threshold_bp) = (view.weeks.clone(), view.policy.min_accuracy_bp);
    let (per_reason, per_staff) = (view.per_reason.clone(), view.per_staff.clone());
    let history = view.history.clone();
    let card_view = view.clone();
    view! {
        <Title text=brand.name.clone() />
        <header class="page-header">
            <h1>{brand.name.clone()}</h1>
            <TierBadge tier />
            {view
                .override_
                .is_some()
                .then(|| view! { <span class="pill override-mark">"Set by an admin"</span> })}
        </header>
        {brand
            .deactivated_at
            .map(|at| {
                view! {
                    <p class="form-error" role="alert">
                        {format!(
                            "Deactivated on {}: {}. Its staff cannot sign in; its data is kept.",
                            format_time(at),
                            brand.deactivated_reason,
                        )}
                    </p>
                }
            })}
        <BrandNeeds view=view.clone() attention=extras.attention />
        <TierCard view=card_view />
        <SpeedCard brand_id=brand.id />
        // The chart and the tables hold nothing to click: each hydrates in a task of its own,
        // after the rest (see `Deferred`). Not the tier card: a fifth deferred part here made
        // the splitter move 150 KB into the main wasm module (decision 0009).
        <Deferred>
            <section class="panel" aria-labelledby="chart-heading">
                <h2 id="chart-heading">"Accuracy and volume, last 26 weeks"</h2>
                <WeeklyChart weeks threshold_bp />
            </section>
        </Deferred>
        <Deferred>
            <div class="two-columns">
                <section class="panel" aria-labelledby="reason-heading">
                    <h2 id="reason-heading">"By reason"</h2>
                    <ReasonTable rows=per_reason />
                </section>
                <section class="panel" aria-labelledby="staff-heading">
                    <h2 id="staff-heading">"By staff member"</h2>
                    <StaffTable rows=per_staff />
                </section>
            </div>
        </Deferred>
        <Deferred>
            <section class="panel" aria-labelledby="history-heading">
                <h2 id="history-heading">"Tier history"</h2>
                <TierHistory entries=history />
            </section>
        </Deferred>
        {admin
            .then(|| {
                view! {
                    <AdminControls view=view.clone() changed managers=extras.managers />
                    <BrandSettings brand=view.brand.clone() changed />
                }
            })}
    }
    .into_any()
}

/// The tier card: the tier and what it gives, the figures behind it, how far the next tier
/// is and how close the brand is to losing this one.
#[component]
fn TierCard(view: TrustView) -> impl IntoView {
    let brand = view.brand.clone();
    let tier = brand.tier;
    let instant = if view.instant_takedown {
        "Available".to_owned()
    } else if brand.joint_force_enrolled {
        "Paused until Good Faith standing is regained".to_owned()
    } else {
        "Joint-Force brands only".to_owned()
    };
    let figures = view.figures;
    let override_note = view.override_.clone().map(|o| {
        format!(
            "Tier set to {} by an admin until the end of {}: {} (the rules give {}).",
            o.tier.label(),
            iso_date(o.until - 1),
            o.reason,
            view.computed_tier.label()
        )
    });
    let lockout = view
        .lockout_until
        .map(|until| format!("Locked out of Good Faith until {}.", format_time(until)));
    view! {
        <section class="panel tier-card" aria-labelledby="tier-heading">
            <h2 id="tier-heading">"Your tier: " {tier.label()}</h2>
            <p>{tier.benefits(view.review_target_hours)}</p>
            <p class="hint">{view.reason.clone()}</p>
            {override_note
                .map(|note| {
                    view! {
                        <p class="notice" role="note">
                            {note}
                        </p>
                    }
                })}
            {lockout
                .map(|note| {
                    view! {
                        <p class="notice" role="note">
                            {note}
                        </p>
                    }
                })}
            <dl class="facts">
                <div>
                    <dt>"Accuracy"</dt>
                    <dd>{accuracy_text(&figures)}</dd>
                </div>
                <div>
                    <dt>"Counter-notice success"</dt>
                    <dd>{percent(figures.counter_notice_bp())}</dd>
                </div>
                <div>
                    <dt>{format!("Decided reports, last {} days", view.policy.window_days)}</dt>
                    <dd>
                        {format!(
                            "{} ({} upheld, {} rejected, {} restored)",
                            figures.decided(),
                            figures.upheld,
                            figures.rejected,
                            figures.restored,
                        )}
                    </dd>
                </div>
                <div>
                    <dt>"Review target"</dt>
                    <dd>{format!("{} hours", view.review_target_hours)}</dd>
                </div>
                <div>
                    <dt>"Instant takedown"</dt>
                    <dd>{instant}</dd>
                </div>
                <div>
                    <dt>"Contact"</dt>
                    <dd>
                        {if brand.contact_email.is_empty() {
                            "Not given yet".to_owned()
                        } else {
                            format!("{} <{}>", brand.contact_name, brand.contact_email)
                        }}
                    </dd>
                </div>
                <div>
                    <dt>"Account manager"</dt>
                    <dd>
                        {brand.manager_name.clone().unwrap_or_else(|| "Not assigned yet".into())}
                    </dd>
                </div>
            </dl>
            <ul class="distance">
                {view
                    .distance
                    .to_next
                    .clone()
                    .map(|text| {
                        view! {
                            <li>
                                <strong>"Next tier: "</strong>
                                {text}
                            </li>
                        }
                    })}
                {view
                    .distance
                    .to_lose
                    .clone()
                    .map(|text| {
                        view! {
                            <li>
                                <strong>"Keeping it: "</strong>
                                {text}
                            </li>
                        }
                    })}
            </ul>
        </section>
    }
}

/// "Needs you": what waits for the brand's people, most pressing first — counter-notices
/// to answer, inquiries, a misuse warning or suspension, a tier about to be lost, and the
/// marketplace's own lateness on the brand's reports.
#[component]
fn BrandNeeds(
    view: TrustView,
    attention: Loaded<Result<BrandAttention, AppError>>,
) -> impl IntoView {
    let brand_id = view.brand.id;
    let mut standing = Vec::new();
    if let Some(until) = view.suspended_until {
        standing.push(Need::plain(
            Tone::Urgent,
            format!(
                "New reports are suspended until {}: the misuse warning persisted.",
                format_time(until)
            ),
        ));
    }
    if let Some(since) = view.warned_at {
        standing.push(Need::new(
            Tone::Urgent,
            format!(
                "Misuse warning since {}: {} of your decided reports were rejected as not infringing (threshold {}). If this persists for {} days, new reports will be suspended for {} days.",
                format_time(since),
                percent(view.figures.misuse_bp()),
                percent(view.policy.misuse_bp),
                view.policy.misuse_grace_days,
                view.policy.suspension_days
            ),
            format!("/brands/{brand_id}/reports?status=rejected"),
            "See the rejections",
        ));
    }
    if let (Some(left), Some(text)) = (
        view.distance.rejections_to_lose,
        view.distance.to_lose.clone(),
    ) && left <= CLOSE_TO_LOSING
    {
        standing.push(Need::plain(
            Tone::Urgent,
            format!("Your tier is at risk: {text}"),
        ));
    }
    let brand_name = view.brand.name.clone();
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let standing = standing.clone();
                let brand_name = brand_name.clone();
                Suspend::new(async move {
                    let attention = attention.await.unwrap_or_default();
                    let mut needs = standing;
                    needs.extend(attention_needs(brand_id, &attention));
                    view! {
                        <NeedsYou
                            heading_id="needs-heading"
                            title="Needs you"
                            needs
                            all_clear=format!("Nothing waits for {brand_name} right now.")
                        />
                    }
                })
            }}
        </Suspense>
    }
}

/// The lines for what waits in the tables: responses, inquiries, reviews.
fn attention_needs(brand_id: i64, a: &BrandAttention) -> Vec<Need> {
    let counted = |n: i64| {
        if n > ATTENTION_COUNT_CAP {
            format!("More than {ATTENTION_COUNT_CAP}")
        } else {
            n.to_string()
        }
    };
    let mut needs = Vec::new();
    if a.awaiting_response > 0 {
        let what = if a.awaiting_response == 1 {
            "1 counter-notice awaits your response".to_owned()
        } else {
            format!(
                "{} counter-notices await your response",
                a.awaiting_response
            )
        };
        let closes = a.response_due_at.map(format_time).unwrap_or_default();
        needs.push(Need::new(
            Tone::Waiting,
            format!("{what}: sellers have appealed removals, and the first window closes {closes}. Without your response the account manager decides without you."),
            format!("/brands/{brand_id}/reports?status=counter_noticed"),
            "Respond",
        ));
    }
    if a.open_inquiries > 0 {
        let what = if a.open_inquiries == 1 {
            "1 inquiry from the marketplace is open".to_owned()
        } else {
            format!(
                "{} inquiries from the marketplace are open",
                a.open_inquiries
            )
        };
        let due = a.inquiry_due_at.map(format_time).unwrap_or_default();
        needs.push(Need::new(
            Tone::Waiting,
            format!("{what}: is the listing genuine? Answer by {due}."),
            format!("/brands/{brand_id}/inquiries"),
            "Answer",
        ));
    }
    let in_review = format!("/brands/{brand_id}/reports?status=pending&sort=deadline");
    if a.late_reviews > 0 {
        let since = a.late_since.map(format_time).unwrap_or_default();
        needs.push(Need::new(
            Tone::Info,
            format!(
                "{} of your reported listings {} past the review deadline (the first since {since}). The marketplace is late on these; the review queue marks them overdue for your account manager.",
                counted(a.late_reviews),
                if a.late_reviews == 1 { "is" } else { "are" }
            ),
            in_review.clone(),
            "See them",
        ));
    }
    let on_time = a.pending_review - a.late_reviews;
    if on_time > 0 {
        needs.push(Need::new(
            Tone::Info,
            format!(
                "{} reported listing{} in review, within the deadline.",
                counted(on_time),
                if on_time == 1 { " is" } else { "s are" }
            ),
            in_review,
            "See them",
        ));
    }
    needs
}
