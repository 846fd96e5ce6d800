//! A brand's home: the tier card — tier, the figures behind it, what it gives, how far the
//! next tier is and how close the brand is to losing this one — with the weekly chart, figures
//! per reason and per staff member, the tier history, and (for admins) the programme controls.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::Auth;
use crate::api::appeals::count_awaiting_response;
use crate::api::trust::{get_trust, list_managers, override_tier, set_joint_force};
use crate::components::form::{FieldError, FormError, id_param, message_for};
use crate::components::outcome::{ErrorPanel, Loading};
use crate::components::pills::TierBadge;
use crate::domain::trust::{Figures, percent};
use crate::domain::{ReasonCode, Role, Tier, format_time, iso_date};
use crate::error::AppError;
use crate::model::{ManagerOption, TimelineEntry, TrustView};
use crate::wire::{Loaded, load};

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
        awaiting: load(brand_id, move |id| async move {
            match (id, trust.await) {
                (Some(id), Ok(_)) => count_awaiting_response(id).await,
                _ => Ok(0),
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
    /// How many counter-notices await the brand's response.
    awaiting: Loaded<Result<i64, AppError>>,
    /// The account managers an admin may assign (empty for everyone else).
    managers: Loaded<Result<Vec<ManagerOption>, AppError>>,
}

fn accuracy_text(figures: &Figures) -> String {
    figures
        .accuracy_bp()
        .map_or_else(|| "—".to_owned(), percent)
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
    let warning = view.warned_at.map(|since| {
        format!(
            "Misuse warning since {}: {} of your decided reports were rejected as not infringing (threshold {}). If this persists for {} days, new reports will be suspended for {} days.",
            format_time(since),
            percent(figures.misuse_bp()),
            percent(view.policy.misuse_bp),
            view.policy.misuse_grace_days,
            view.policy.suspension_days
        )
    });
    let suspension = view.suspended_until.map(|until| {
        format!(
            "New reports are suspended until {}: the misuse warning persisted.",
            format_time(until)
        )
    });
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
        <AwaitingResponse brand_id=brand.id count=extras.awaiting />
        <section class="panel tier-card" aria-labelledby="tier-heading">
            <h2 id="tier-heading">"Your tier: " {tier.label()}</h2>
            <p>{tier.benefits()}</p>
            <p class="hint">{view.reason.clone()}</p>
            {override_note
                .map(|note| {
                    view! {
                        <p class="notice" role="note">
                            {note}
                        </p>
                    }
                })}
            {suspension
                .map(|note| {
                    view! {
                        <p class="form-error" role="alert">
                            {note}
                        </p>
                    }
                })}
            {warning
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
        <section class="panel" aria-labelledby="chart-heading">
            <h2 id="chart-heading">"Accuracy and volume, last 26 weeks"</h2>
            <WeeklyChart weeks=view.weeks.clone() threshold_bp=view.policy.min_accuracy_bp />
        </section>
        <div class="two-columns">
            <section class="panel" aria-labelledby="reason-heading">
                <h2 id="reason-heading">"By reason"</h2>
                <ReasonTable rows=view.per_reason.clone() />
            </section>
            <section class="panel" aria-labelledby="staff-heading">
                <h2 id="staff-heading">"By staff member"</h2>
                <StaffTable rows=view.per_staff.clone() />
            </section>
        </div>
        <section class="panel" aria-labelledby="history-heading">
            <h2 id="history-heading">"Tier history"</h2>
            <TierHistory entries=view.history.clone() />
        </section>
        {admin
            .then(|| {
                view! { <AdminControls view=view.clone() changed managers=extras.managers /> }
            })}
    }
    .into_any()
}

/// Weekly accuracy (line) and decided volume (bars) as inline SVG, with a text summary.
#[component]
fn WeeklyChart(weeks: Vec<(i64, Figures)>, threshold_bp: i64) -> impl IntoView {
    const W: f64 = 720.0;
    const H: f64 = 220.0;
    const PAD: f64 = 36.0;
    let count = weeks.len().max(1) as f64;
    let step = (W - 2.0 * PAD) / count;
    let max_volume = weeks
        .iter()
        .map(|(_, f)| f.decided())
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let y_of_share = |bp: i64| H - PAD - (bp as f64 / 10_000.0) * (H - 2.0 * PAD);
    let bars = weeks
        .iter()
        .enumerate()
        .map(|(i, (_, f))| {
            let height = f.decided() as f64 / max_volume * (H - 2.0 * PAD) * 0.6;
            let x = PAD + i as f64 * step + step * 0.15;
            view! {
                <rect
                    class="chart-bar"
                    x=format!("{x:.1}")
                    y=format!("{:.1}", H - PAD - height)
                    width=format!("{:.1}", step * 0.7)
                    height=format!("{height:.1}")
                />
            }
        })
        .collect_view();
    let points: Vec<String> = weeks
        .iter()
        .enumerate()
        .filter_map(|(i, (_, f))| {
            f.accuracy_bp()
                .map(|bp| format!("{:.1},{:.1}", PAD + (i as f64 + 0.5) * step, y_of_share(bp)))
        })
        .collect();
    let threshold_y = y_of_share(threshold_bp);
    let summary = {
        let recent: Vec<&(i64, Figures)> = weeks.iter().filter(|(_, f)| f.decided() > 0).collect();
        match (recent.first(), recent.last()) {
            (Some((first, _)), Some((_, last))) => format!(
                "Weekly figures from {} to now; the latest week with decisions had {} decided at {} accuracy.",
                iso_date(*first),
                last.decided(),
                accuracy_text(last)
            ),
            _ => "No decided reports in the last 26 weeks.".to_owned(),
        }
    };
    let first_label = weeks
        .first()
        .map(|(start, _)| iso_date(*start))
        .unwrap_or_default();
    view! {
        <figure class="chart">
            <svg
                viewBox=format!("0 0 {W} {H}")
                role="img"
                aria-label="Weekly accuracy (line) and decided reports (bars), last 26 weeks"
            >
                <line class="chart-axis" x1=PAD y1=H - PAD x2=W - PAD y2=H - PAD />
                <line
                    class="chart-threshold"
                    x1=PAD
                    y1=format!("{threshold_y:.1}")
                    x2=W - PAD
                    y2=format!("{threshold_y:.1}")
                />
                <text
                    class="chart-label"
                    x=W - PAD
                    y=format!("{:.1}", threshold_y - 4.0)
                    text-anchor="end"
                >
                    {format!("{} target", percent(threshold_bp))}
                </text>
                <text class="chart-label" x=4 y=format!("{:.1}", y_of_share(10_000) + 4.0)>
                    "100 %"
                </text>
                <text class="chart-label" x=4 y=format!("{:.1}", y_of_share(5_000) + 4.0)>
                    "50 %"
                </text>
                <text class="chart-label" x=PAD y=H - 8.0>
                    {first_label}
                </text>
                <text class="chart-label" x=W - PAD y=H - 8.0 text-anchor="end">
                    "this week"
                </text>
                {bars}
                <polyline class="chart-line" points=points.join(" ") />
            </svg>
            <figcaption class="hint">{summary}</figcaption>
        </figure>
    }
}

#[component]
fn ReasonTable(rows: Vec<(ReasonCode, Figures)>) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="empty">"No decided reports in the window."</p> }.into_any();
    }
    view! {
        <table>
            <thead>
                <tr>
                    <th scope="col">"Reason"</th>
                    <th scope="col" class="num">
                        "Decided"
                    </th>
                    <th scope="col" class="num">
                        "Accuracy"
                    </th>
                </tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|(reason, f)| {
                        view! {
                            <tr>
                                <th scope="row">{reason.label()}</th>
                                <td class="num">{f.decided()}</td>
                                <td class="num">{accuracy_text(&f)}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

#[component]
fn StaffTable(rows: Vec<(String, i64, Figures)>) -> impl IntoView {
    view! {
        <table>
            <thead>
                <tr>
                    <th scope="col">"Staff member"</th>
                    <th scope="col" class="num">
                        "Reports filed"
                    </th>
                    <th scope="col" class="num">
                        "Decided"
                    </th>
                    <th scope="col" class="num">
                        "Accuracy"
                    </th>
                </tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|(name, reports, f)| {
                        view! {
                            <tr>
                                <th scope="row">{name}</th>
                                <td class="num">{reports}</td>
                                <td class="num">{f.decided()}</td>
                                <td class="num">{accuracy_text(&f)}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn TierHistory(entries: Vec<TimelineEntry>) -> impl IntoView {
    if entries.is_empty() {
        return view! { <p class="empty">"No tier changes yet."</p> }.into_any();
    }
    view! {
        <ol class="history">
            {entries
                .into_iter()
                .map(|entry| {
                    view! {
                        <li>
                            <time>{format_time(entry.at)}</time>
                            <span>
                                {format!(
                                    " — {}{}",
                                    entry.detail,
                                    entry.actor.map(|a| format!(" ({a})")).unwrap_or_default(),
                                )}
                            </span>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
    .into_any()
}

/// Joint-Force enrolment and tier overrides: admins only (the server checks too).
#[component]
fn AdminControls(
    view: TrustView,
    changed: RwSignal<u32>,
    managers: Loaded<Result<Vec<ManagerOption>, AppError>>,
) -> impl IntoView {
    let brand_id = view.brand.id;
    let enrolled = view.brand.joint_force_enrolled;
    let manager = RwSignal::new(String::new());
    let enrol = Action::new(move |enrol: &bool| {
        let manager = manager.get_untracked().parse().unwrap_or(0);
        set_joint_force(brand_id, *enrol, manager)
    });
    let enrol_error = Signal::derive(move || enrol.value().get().and_then(Result::err));
    let tier = RwSignal::new(Tier::Standard.as_str().to_owned());
    let reason = RwSignal::new(String::new());
    let until = RwSignal::new(String::new());
    let set = Action::new(move |clear: &bool| {
        let tier = if *clear {
            String::new()
        } else {
            tier.get_untracked()
        };
        override_tier(
            brand_id,
            tier,
            reason.get_untracked(),
            until.get_untracked(),
        )
    });
    let set_error = Signal::derive(move || set.value().get().and_then(Result::err));
    Effect::new(move |_| {
        if matches!(enrol.value().get(), Some(Ok(()))) || matches!(set.value().get(), Some(Ok(())))
        {
            changed.update(|n| *n += 1);
        }
    });
    let tiers = Tier::ALL
        .into_iter()
        .map(|t| view! { <option value=t.as_str()>{t.label()}</option> })
        .collect_view();
    view! {
        <section class="panel" aria-labelledby="admin-heading">
            <h2 id="admin-heading">"Programme settings (admin)"</h2>
            <h3>"Joint-Force"</h3>
            {if enrolled {
                view! {
                    <p>"Enrolled in Joint-Force."</p>
                    <button
                        type="button"
                        class="button button-secondary"
                        on:click=move |_| {
                            enrol.dispatch(false);
                        }
                    >
                        "End Joint-Force enrolment"
                    </button>
                }
                    .into_any()
            } else {
                view! {
                    <div class="field">
                        <label for="jf-manager">"Account manager"</label>
                        <select
                            id="jf-manager"
                            on:change=move |ev| manager.set(event_target_value(&ev))
                            aria-describedby="jf-manager-error"
                        >
                            <option value="0">"Keep the current manager"</option>
                            <Transition fallback=|| ()>
                                {move || Suspend::new(async move {
                                    managers
                                        .await
                                        .unwrap_or_default()
                                        .into_iter()
                                        .map(|m| {
                                            view! { <option value=m.id.to_string()>{m.name}</option> }
                                        })
                                        .collect_view()
                                })}
                            </Transition>
                        </select>
                        <FieldError
                            id="jf-manager"
                            message=message_for(enrol_error, "manager_id")
                        />
                    </div>
                    <button
                        type="button"
                        class="button"
                        on:click=move |_| {
                            enrol.dispatch(true);
                        }
                    >
                        "Enrol in Joint-Force"
                    </button>
                }
                    .into_any()
            }}
            <FormError error=enrol_error />
            <h3>"Override the tier"</h3>
            <div class="form-grid">
                <div class="field">
                    <label for="override-tier">"Tier"</label>
                    <select
                        id="override-tier"
                        prop:value=tier
                        on:change=move |ev| tier.set(event_target_value(&ev))
                    >
                        {tiers}
                    </select>
                    <FieldError id="override-tier" message=message_for(set_error, "tier") />
                </div>
                <div class="field">
                    <label for="until">"Until (last day)"</label>
                    <input
                        id="until"
                        type="date"
                        prop:value=until
                        on:input=move |ev| until.set(event_target_value(&ev))
                        aria-describedby="until-error"
                    />
                    <FieldError id="until" message=message_for(set_error, "until") />
                </div>
            </div>
            <div class="field">
                <label for="override_reason">"Reason (shown to the brand)"</label>
                <input
                    id="override_reason"
                    prop:value=reason
                    on:input=move |ev| reason.set(event_target_value(&ev))
                    aria-describedby="override_reason-error"
                />
                <FieldError
                    id="override_reason"
                    message=message_for(set_error, "override_reason")
                />
            </div>
            <FormError error=set_error />
            <div class="actions">
                <button
                    type="button"
                    class="button"
                    on:click=move |_| {
                        set.dispatch(false);
                    }
                >
                    "Override tier"
                </button>
                {view
                    .override_
                    .is_some()
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="button button-secondary"
                                on:click=move |_| {
                                    set.dispatch(true);
                                }
                            >
                                "End the override"
                            </button>
                        }
                    })}
            </div>
        </section>
    }
    .into_any()
}

/// "n counter-notices await your response", linking to those items; nothing when none do.
#[component]
fn AwaitingResponse(brand_id: i64, count: Loaded<Result<i64, AppError>>) -> impl IntoView {
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                count
                    .await
                    .ok()
                    .filter(|n| *n > 0)
                    .map(|n| {
                        let label = if n == 1 {
                            "1 counter-notice awaits your response".to_owned()
                        } else {
                            format!("{n} counter-notices await your response")
                        };
                        view! {
                            <p class="notice" role="note">
                                <a href=format!(
                                    "/brands/{brand_id}/reports?status=counter_noticed",
                                )>{label}</a>
                                " — sellers have appealed removals; respond before the window closes or the account manager decides without you."
                            </p>
                        }
                    })
            })}
        </Suspense>
    }
}
