//! The public start page.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::Auth;

/// What Goodfaith is, and the way in.
#[component]
pub fn Landing() -> impl IntoView {
    let auth = expect_context::<Auth>();
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
                <p>"Every brand starts here. Reports are reviewed within 24 hours."</p>
            </article>
            <article class="card">
                <h2>"Good Faith"</h2>
                <p>"At least 100 decided reports at 90 % accuracy: review within 4 hours."</p>
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
