//! The public start page.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::Auth;
use crate::api::policy::policy_summary;
use crate::error::AppError;
use crate::model::PolicySummary;
use crate::wire::{Loaded, load};

/// What Goodfaith is, and the way in.
#[component]
pub fn Landing() -> impl IntoView {
    let auth = expect_context::<Auth>();
    let policy = load(|| (), |_| policy_summary());
    view! {
        <Title text="" />
        <section class="hero">
            <h1>"Protect your brand on the marketplace"</h1>
            <p class="lead">
                "Report listings that infringe your trademarks, copyrights, designs and patents. "
                "Brands that report accurately earn Good Faith standing: faster review, and at "
                "Joint-Force level the right to take counterfeits down instantly."
            </p>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match auth.user.await {
                        Ok(Some(user)) => {
                            view! {
                                <a class="button" href=user.home_path()>
                                    "Go to your home page"
                                </a>
                            }
                                .into_any()
                        }
                        _ => {
                            view! {
                                <a class="button" href="/login">
                                    "Sign in"
                                </a>
                            }
                                .into_any()
                        }
                    }
                })}
            </Transition>
        </section>
        <section class="cards">
            <article class="card">
                <h2>"Standard"</h2>
                <p>
                    "Every brand starts here. "
                    <Quote
                        policy
                        text=|p| {
                            format!("Reports are reviewed within {} hours.", p.standard_hours)
                        }
                    />
                </p>
            </article>
            <article class="card">
                <h2>"Good Faith"</h2>
                <p>
                    <Quote
                        policy
                        text=|p| {
                            format!(
                                "At least {} decided reports at {} accuracy: review within {} hours.",
                                crate::domain::format_count(p.min_decided),
                                crate::domain::trust::percent(p.min_accuracy_bp),
                                p.good_faith_hours,
                            )
                        }
                    />
                </p>
            </article>
            <article class="card">
                <h2>"Joint-Force"</h2>
                <p>
                    "Enrolled Good Faith brands remove counterfeits instantly and answer authenticity inquiries."
                </p>
            </article>
        </section>
    }
}

/// A sentence quoting the thresholds in force (nothing until they have loaded).
#[component]
fn Quote(
    policy: Loaded<Result<PolicySummary, AppError>>,
    text: fn(&PolicySummary) -> String,
) -> impl IntoView {
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move { policy.await.ok().map(|p| text(&p)) })}
        </Suspense>
    }
}
