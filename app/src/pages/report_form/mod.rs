//! The report (notice) form: listing lines checked one by one, CSV upload with progress,
//! evidence, the good-faith declaration, and the receipt. The same form files a report for
//! review (`/brands/:id/reports/new`) and takes listings down at once
//! (`/brands/:id/takedown`).
//!
//! This file holds the two pages, what they load, and the form's state (`Draft`, `Progress`).
//! `form.rs` holds the form itself, made of one component per section: `grounds.rs` (the IP
//! right and the reason), `listings.rs` (the listing lines, the CSV upload and the line check),
//! `evidence.rs` and `declaration.rs`. `receipt.rs` is shown once a report is stored, and
//! `takedowns.rs` lists the brand's recent instant takedowns.

mod declaration;
mod evidence;
mod form;
mod grounds;
mod listings;
mod receipt;
mod takedowns;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::reports::{get_resubmission, list_takedowns};
use crate::api::rights::list_rights;
use crate::components::form::id_param;
use crate::model::{FileRef, ReportDraft};
use crate::wire::load;

use self::form::ReportForm;
use self::takedowns::RecentTakedowns;

/// `/brands/:id/reports/new` (optionally `?resubmit=<item>`, or `?listing=<marketplace id>`
/// to start with that listing) — brand staff file a notice.
#[component]
pub fn ReportFormPage() -> impl IntoView {
    view! { <NoticePage instant=false /> }
}

/// `/brands/:id/takedown` — Joint-Force staff remove listings at once, and retract within 7 days.
#[component]
pub fn TakedownPage() -> impl IntoView {
    view! { <NoticePage instant=true /> }
}

/// Said before anything is typed: this brand has no Joint-Force standing now (the server
/// refuses its takedowns with the precise reason), so the normal report is the way.
#[component]
fn NoStandingNotice(
    brand_id: impl Fn() -> Option<i64> + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let auth = expect_context::<crate::Auth>();
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let user = auth.user.await.ok().flatten()?;
                let own = user.brand_id.is_some() && user.brand_id == brand_id();
                (own && user.brand_tier != Some(crate::domain::Tier::JointForce))
                    .then(|| {
                        let tier = user.brand_tier.unwrap_or_default().label();
                        let new_report = format!(
                            "/brands/{}/reports/new",
                            user.brand_id.unwrap_or_default(),
                        );
                        view! {
                            <p class="notice" role="note">
                                {format!(
                                    "Your brand is {tier} now, without Joint-Force standing, so instant takedowns will be refused. ",
                                )}
                                <a href=new_report>"File a normal report instead"</a>
                            </p>
                        }
                    })
            })}
        </Transition>
    }
}

#[component]
fn NoticePage(instant: bool) -> impl IntoView {
    let brand_id = id_param("id");
    let query = use_query_map();
    let resubmit = move || {
        query
            .read()
            .get("resubmit")
            .and_then(|id| id.parse::<i64>().ok())
    };
    let rights = load(brand_id, |id| async move {
        match id {
            Some(id) => list_rights(id).await,
            None => Ok(Vec::new()),
        }
    });
    let prefill = load(resubmit, |item| async move {
        match item {
            Some(item) => get_resubmission(item).await.map(Some),
            None => Ok(None),
        }
    });

    let draft = Draft::default();
    // `?listing=<marketplace id>` (a listing page's "Report this listing") starts the lines.
    if let Some(listing) = query.read_untracked().get("listing") {
        draft.lines.set(listing.trim().to_owned());
    }
    // Counts stored submissions, so the list of recent takedowns refreshes after each.
    let submitted = RwSignal::new(0_u32);
    // Bumped by a retraction, for the same reason.
    let retracted = RwSignal::new(0_u32);
    // Made here, never inside the `Suspend` below: the server renders a `Suspend` again when
    // its resources resolve at different moments, and a resource made in there would be made
    // again outside the request, where its server function no longer finds the session (the
    // page then never hydrates). Only the brand's own staff may list its takedowns, so for
    // anyone else the takedown page answers 403, as it should.
    let recent = load(
        move || (brand_id(), submitted.get(), retracted.get()),
        move |(id, _, _)| async move {
            match id {
                Some(id) if instant => list_takedowns(id).await,
                _ => Ok(Vec::new()),
            }
        },
    );
    Effect::new(move |_| {
        if let Some(Ok(Some(old))) = prefill.get() {
            draft.ip_right_id.set(old.ip_right_id.to_string());
            draft.reason.set(old.reason.as_str().to_owned());
            draft.explanation.set(old.explanation.clone());
            draft.test_buy_order.set(old.test_buy_order.clone());
            draft.lines.set(old.line_text.clone());
        }
    });

    view! {
        <Title text=if instant { "Instant takedown" } else { "New report" } />
        <h1>{if instant { "Instant takedown" } else { "Report infringing listings" }}</h1>
        {instant
            .then(|| {
                view! {
                    <p class="lead">
                        "Listings named here are removed at once, on your brand's Joint-Force standing, and the marketplace is told. You can retract a takedown within 7 days. The marketplace caps how many listings a brand takes down per hour and per day; past the cap, file a normal report."
                    </p>
                    <p class="banner-warn" role="note">
                        <strong>"Your word alone removes these listings."</strong>
                        " Account managers audit a sample: a takedown they overturn restores the listing and counts against your brand's accuracy at once; below the marketplace's accuracy threshold your brand loses instant takedown."
                    </p>
                    <NoStandingNotice brand_id />
                }
            })}
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match prefill.await {
                    Ok(Some(old)) => {
                        Some(
                            view! {
                                <p class="notice" role="note">
                                    {format!(
                                        "Resubmitting item {} of report {}, which was rejected: {}",
                                        old.item_id,
                                        old.report_id,
                                        old.rejection,
                                    )}
                                </p>
                            }
                                .into_any(),
                        )
                    }
                    Ok(None) => None,
                    Err(error) => {
                        Some(

                            view! {
                                <p class="form-error" role="alert">
                                    {error.to_string()}
                                </p>
                            }
                                .into_any(),
                        )
                    }
                }
            })}
        </Transition>
        <Suspense fallback=crate::components::outcome::Loading>
            {move || Suspend::new(async move {
                match (rights.await, brand_id()) {
                    (Ok(rights), Some(brand_id)) => {
                        let usable: Vec<(i64, String)> = rights
                            .iter()
                            .filter(|right| right.usable)
                            .map(|right| (right.id, right.title()))
                            .collect();
                        if let [(only, _)] = usable.as_slice()
                            && draft.ip_right_id.with_untracked(String::is_empty)
                        {
                            draft.ip_right_id.set(only.to_string());
                        }
                        // The only right a report can rest on is chosen already.
                        view! {
                            <ReportForm
                                brand_id
                                usable
                                draft
                                resubmit=resubmit()
                                instant
                                submitted
                            />
                            {instant.then(|| view! { <RecentTakedowns recent retracted /> })}
                        }
                            .into_any()
                    }
                    (Err(error), _) => {
                        view! { <crate::components::outcome::ErrorPanel error /> }.into_any()
                    }
                    (_, None) => ().into_any(),
                }
            })}
        </Suspense>
    }
}

/// The form's fields, kept in signals so nothing typed is lost whatever the server answers.
#[derive(Clone, Copy, Default)]
struct Draft {
    ip_right_id: RwSignal<String>,
    reason: RwSignal<String>,
    lines: RwSignal<String>,
    notes: RwSignal<Vec<(String, String)>>,
    explanation: RwSignal<String>,
    test_buy_order: RwSignal<String>,
    evidence: RwSignal<Vec<FileRef>>,
    declared: RwSignal<bool>,
    signature: RwSignal<String>,
    /// Lines (as typed) on an authorised seller's listing that the brand files anyway.
    confirmed_authorised: RwSignal<Vec<String>>,
}

impl Draft {
    /// The report to send; `accept_partial` files the good lines even if some are bad.
    fn to_report(self, brand_id: i64, resubmits: Option<i64>, accept_partial: bool) -> ReportDraft {
        ReportDraft {
            brand_id,
            ip_right_id: self.ip_right_id.get().parse().unwrap_or(0),
            reason: self.reason.get(),
            lines: self.lines.get(),
            notes: self.notes.get(),
            explanation: self.explanation.get(),
            test_buy_order: self.test_buy_order.get(),
            evidence_file_ids: self.evidence.get().iter().map(|file| file.id).collect(),
            declared: self.declared.get(),
            signature: self.signature.get(),
            resubmits_item_id: resubmits,
            accept_partial,
            confirm_authorised: self.confirmed_authorised.get(),
        }
    }

    /// The lines typed so far that are not blank (tracked: a view reading it updates as the
    /// brand types).
    fn line_count(self) -> usize {
        self.lines
            .with(|text| text.lines().filter(|l| !l.trim().is_empty()).count())
    }
}

/// Where a CSV upload or line check is.
#[derive(Clone, Debug, PartialEq)]
enum Progress {
    /// Nothing under way.
    Idle,
    /// The CSV is being uploaded and read.
    Reading,
    /// Lines are being checked, `done` of `total` so far.
    Checking { done: usize, total: usize },
}
