//! The top navigation: only the places the signed-in role can use.

use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::Auth;
use crate::domain::Role;
use crate::model::CurrentUser;

/// The links a role sees, as (label, path).
pub fn links_for(user: &CurrentUser) -> Vec<(String, String)> {
    let link = |label: &str, path: String| (label.to_owned(), path);
    match user.role {
        Role::BrandStaff => {
            let brand = user.brand_id.unwrap_or_default();
            let joint_force = user.brand_tier == Some(crate::domain::Tier::JointForce);
            let mut links = vec![
                link("Brand overview", user.home_path()),
                link("Reports", format!("/brands/{brand}/reports")),
                link("New report", format!("/brands/{brand}/reports/new")),
            ];
            if joint_force {
                links.push(link(
                    "Instant takedown",
                    format!("/brands/{brand}/takedown"),
                ));
            }
            // A brand that lost Joint-Force may still have questions left to answer.
            if joint_force || user.open_inquiries > 0 {
                let label = match user.open_inquiries {
                    0 => "Inquiries".to_owned(),
                    n => format!("Inquiries ({n})"),
                };
                links.push((label, format!("/brands/{brand}/inquiries")));
            }
            links.push(link("IP rights", format!("/brands/{brand}/rights")));
            links.push(link("Prices & sellers", format!("/brands/{brand}/lists")));
            links.push(link("API tokens", format!("/brands/{brand}/api-tokens")));
            if user.brand_admin {
                links.push(link("Team", format!("/brands/{brand}/team")));
            }
            links
        }
        Role::AccountManager => vec![
            link("My desk", "/manager".into()),
            link("Review queue", "/review".into()),
            link("Appeals", "/review/appeals".into()),
            link("Find listings", "/review/listings".into()),
            link("Rights to verify", "/review/rights".into()),
            link("Analytics", "/analytics".into()),
            link("Audit log", "/audit".into()),
        ],
        Role::Admin => vec![
            link("All brands", "/admin".into()),
            link("People", "/admin/people".into()),
            link("Review queue", "/review".into()),
            link("Appeals", "/review/appeals".into()),
            link("Find listings", "/review/listings".into()),
            link("Rights to verify", "/review/rights".into()),
            link("Integration", "/admin/integration".into()),
            link("Policy", "/admin/policy".into()),
            link("Analytics", "/analytics".into()),
            link("Audit log", "/audit".into()),
        ],
        Role::Seller => vec![
            link("My listings", "/seller".into()),
            link("Marketplace", "/market".into()),
        ],
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
            // One grid: the mark and the account on the first row, the role's places on the
            // second (in one line at desktop width, scrolling sideways on a phone).
            <nav aria-label="Main" class="site-nav">
                <a class="brand-mark" href="/">
                    "Goodfaith"
                </a>
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        match auth.user.await {
                            Ok(Some(user)) => view! { <UserMenu user /> }.into_any(),
                            _ => {
                                view! {
                                    <ul class="nav-links">
                                        <li>
                                            <a href="/market">"Marketplace"</a>
                                        </li>
                                        <li>
                                            <a href="/transparency">"Transparency report"</a>
                                        </li>
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
    let location = leptos_router::hooks::use_location();
    let links = links_for(&user)
        .into_iter()
        .map(|(label, href)| {
            // The page being shown is marked, for sight and for screen readers alike.
            let target = href.clone();
            let current = move || {
                location
                    .pathname
                    .with(|path| *path == target)
                    .then_some("page")
            };
            view! {
                <li>
                    <a href=href aria-current=current>
                        {label}
                    </a>
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
            <Bell unread=user.unread_notifications />
            <a class="nav-who" href="/account" title="Your account and where you are signed in">
                {who}
            </a>
            <ActionForm action=auth.logout>
                <button type="submit" class="button button-quiet">
                    "Sign out"
                </button>
            </ActionForm>
        </div>
    }
}

/// The bell: a link to the notifications with the unread count, said in words to screen
/// readers ("Notifications, 3 unread").
#[component]
fn Bell(unread: i64) -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let current = move || {
        location
            .pathname
            .with(|path| path == "/notifications")
            .then_some("page")
    };
    let label = match unread {
        0 => "Notifications, none unread".to_owned(),
        1 => "Notifications, 1 unread".to_owned(),
        n => format!("Notifications, {n} unread"),
    };
    view! {
        <a class="bell" href="/notifications" aria-label=label aria-current=current>
            <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
                <path
                    fill="currentColor"
                    d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2z"
                />
            </svg>
            {(unread > 0).then(|| view! { <span class="bell-count">{unread.min(99)}</span> })}
        </a>
    }
}

/// After a client-side navigation, focus moves to the new page's main heading, as a full
/// page load would put a screen reader at the top of the new page; the heading is made
/// focusable for that (`tabindex="-1"`). A change of query alone (a filter) moves nothing.
#[component]
pub fn FocusOnNavigate() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    {
        let location = leptos_router::hooks::use_location();
        Effect::new(move |previous: Option<String>| {
            let path = location.pathname.get();
            if previous.is_some_and(|previous| previous != path) {
                focus::heading_after(focus::current_heading(), focus::TRIES);
            }
            path
        });
    }
}

#[cfg(feature = "hydrate")]
mod focus {
    use leptos::prelude::{document, set_timeout};
    use web_sys::wasm_bindgen::JsCast;

    /// Looks for the new heading every 50 ms for up to two seconds (the page's data may
    /// still be loading).
    pub const TRIES: u32 = 40;

    pub fn current_heading() -> Option<web_sys::HtmlElement> {
        document()
            .query_selector("#main h1")
            .ok()
            .flatten()
            .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
    }

    /// Focuses the page's heading once it is not `old` (the page navigated from), unless
    /// the reader has put focus somewhere in the page meanwhile.
    pub fn heading_after(old: Option<web_sys::HtmlElement>, tries: u32) {
        let heading =
            current_heading().filter(|heading| tries == 0 || Some(heading) != old.as_ref());
        match heading {
            Some(heading) => {
                let focus_elsewhere = document().active_element().is_some_and(|active| {
                    active.closest(".site-header").ok().flatten().is_none()
                        && active.tag_name() != "BODY"
                });
                if !focus_elsewhere {
                    let _ = heading.set_attribute("tabindex", "-1");
                    let _ = heading.focus();
                }
            }
            None if tries > 0 => set_timeout(
                move || heading_after(old, tries - 1),
                std::time::Duration::from_millis(50),
            ),
            None => {}
        }
    }
}
