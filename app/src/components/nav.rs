//! The top navigation: only the places the signed-in role can use.

use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::Auth;
use crate::domain::Role;
use crate::model::CurrentUser;

/// The links a role sees, as (label, path).
pub fn links_for(user: &CurrentUser) -> Vec<(&'static str, String)> {
    match user.role {
        Role::BrandStaff => {
            let brand = user.brand_id.unwrap_or_default();
            let mut links = vec![
                ("Brand overview", user.home_path()),
                ("Reports", format!("/brands/{brand}/reports")),
                ("New report", format!("/brands/{brand}/reports/new")),
            ];
            if user.brand_tier == Some(crate::domain::Tier::JointForce) {
                links.push(("Instant takedown", format!("/brands/{brand}/takedown")));
            }
            links.push(("IP rights", format!("/brands/{brand}/rights")));
            links
        }
        Role::AccountManager => vec![
            ("My brands", "/manager".into()),
            ("Review queue", "/review".into()),
            ("Rights to verify", "/review/rights".into()),
        ],
        Role::Admin => vec![
            ("All brands", "/admin".into()),
            ("Review queue", "/review".into()),
            ("Rights to verify", "/review/rights".into()),
        ],
        Role::Seller => vec![("My listings", "/seller".into())],
    }
}

/// The site header with navigation and the sign-out button.
#[component]
pub fn Nav() -> impl IntoView {
    let auth = expect_context::<Auth>();
    view! {
        <header class="site-header">
            <a class="skip-link" href="#main">
                "Skip to content"
            </a>
            <a class="brand-mark" href="/">
                "Goodfaith"
            </a>
            <nav aria-label="Main">
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        match auth.user.await {
                            Ok(Some(user)) => view! { <UserMenu user /> }.into_any(),
                            _ => {
                                view! {
                                    <ul class="nav-links">
                                        <li>
                                            <a href="/login">"Sign in"</a>
                                        </li>
                                    </ul>
                                }
                                    .into_any()
                            }
                        }
                    })}
                </Transition>
            </nav>
        </header>
    }
}

#[component]
fn UserMenu(user: CurrentUser) -> impl IntoView {
    let auth = expect_context::<Auth>();
    let links = links_for(&user)
        .into_iter()
        .map(|(label, href)| {
            view! {
                <li>
                    <a href=href>{label}</a>
                </li>
            }
        })
        .collect_view();
    let who = match &user.brand_name {
        Some(brand) => format!("{} · {}", user.display_name, brand),
        None => format!("{} · {}", user.display_name, user.role.label()),
    };
    view! {
        <ul class="nav-links">{links}</ul>
        <div class="nav-user">
            <span class="nav-who">{who}</span>
            <ActionForm action=auth.logout>
                <button type="submit" class="button button-quiet">
                    "Sign out"
                </button>
            </ActionForm>
        </div>
    }
}
