//! Goodfaith: a brand-protection portal. This crate is the Leptos app — domain rules, pages,
//! server functions and (with the `ssr` feature) database access and authentication.
// The report form's view type is deep enough that the wasm release build needs more than the
// default 128 levels to lay out its hydration future.
#![recursion_limit = "256"]

pub mod api;
#[cfg(feature = "ssr")]
pub mod auth;
pub mod bootstrap;
pub mod components;
#[cfg(feature = "ssr")]
pub mod db;
pub mod domain;
pub mod error;
#[cfg(feature = "ssr")]
pub mod exports;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod uploads;
pub mod wire;

use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, Meta, MetaTags, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{Lazy, SsrMode, path};

use crate::api::auth::{Login, Logout, get_current_user};
use crate::bootstrap::HydrateAfterPaint;
use crate::components::deferred::Deferred;
use crate::components::nav::{FocusOnNavigate, Nav};
use crate::model::CurrentUser;
use crate::pages::{
    account::AccountPage, admin::AdminHome, analytics::AnalyticsPage, api_tokens::ApiTokensPage,
    appeals::AppealsPage, audit_log::AuditLogPage, brand::BrandHome,
    find_listings::FindListingsPage, home::Landing, inquiry_inbox::InquiryInbox,
    integration::IntegrationPage, invitation::InvitationPage, listing::ListingPage,
    login::LoginPage, mail::MailPage, manager::ManagerHome, market::MarketPage,
    new_brand::NewBrandPage, not_found::NotFound, notifications::NotificationsPage,
    password_reset::ForgotPasswordPage, password_reset::ResetPasswordPage, people::PeoplePage,
    policy::PolicyPage, queue::QueuePage, queue::VerifyRightsPage, report_detail::ReportDetailPage,
    report_form::ReportFormPage, report_form::TakedownPage, reports::ReportsPage,
    rights::RightsPage, seller::SellerHome, statements::StatementsPage,
    suspicion_lists::SuspicionListsPage, team::TeamPage, transparency::TransparencyPage,
};
use crate::wire::{Loaded, load};

/// The HTML document around the app, rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    send_page_security_policy();
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <AutoReload options=options.clone() />
                <HashedStylesheet options=options.clone() id="leptos" />
                <HydrateAfterPaint options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// Sends the page's `Content-Security-Policy`: scripts only from the portal or inline with
/// this render's nonce (the hydration bootstrap and streamed resources carry it), wasm
/// compiled from the portal's own modules, no plugins, no framing, forms posting only here.
#[cfg(feature = "ssr")]
fn send_page_security_policy() {
    let Some(nonce) = leptos::nonce::use_nonce() else {
        return;
    };
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; \
         frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
    );
    if let (Some(response), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        axum::http::HeaderValue::from_str(&policy),
    ) {
        response.insert_header(axum::http::header::CONTENT_SECURITY_POLICY, value);
    }
}

/// Sign-in state shared by the navigation and the pages: the actions that change it and the
/// resource that reads it, refetched whenever either action completes.
#[derive(Clone, Copy)]
pub struct Auth {
    /// The sign-in form's action.
    pub login: ServerAction<Login>,
    /// The sign-out button's action.
    pub logout: ServerAction<Logout>,
    /// Who is signed in (`None` for visitors).
    pub user: Loaded<Result<Option<CurrentUser>, error::AppError>>,
    /// Bumped when someone is signed in other than by the sign-in form (an accepted
    /// invitation), so [`Auth::user`] is asked again.
    pub signed_in_elsewhere: RwSignal<u32>,
}

impl Auth {
    /// Asks again who is signed in (after a sign-in the form did not make).
    pub fn refresh(&self) {
        self.signed_in_elsewhere.update(|n| *n += 1);
    }
}

/// Declares the routes, grouped by who uses them, and the router's table of them
/// (`page_routes`). Each group is one `#[lazy]` function: built with `cargo leptos --split`,
/// its pages' code goes into wasm chunks fetched when one of its pages is first shown (and
/// preloaded by the server-rendered HTML), so a visitor's first download holds only the shell,
/// the navigation, the "not found" page and the framework. The splitter makes a chunk for every
/// distinct set of split points that share code; one split point per page made some 900
/// chunks, of which a page needed 350 — each fetched, compiled and linked on its own, which
/// cost a phone seconds of main-thread work. Five groups leave a few dozen.
///
/// Each line names the route, its page, its path and, unless it streams out of order (the
/// router's default), its SSR mode.
macro_rules! lazy_pages {
    ($(
        $group:ident, $preload:ident, $which:ident {
            $($route:ident => $page:ident at $path:tt $(with $ssr:ident)?),* $(,)?
        }
    )*) => {
        $(
            #[doc = concat!("The pages loaded together by [`", stringify!($group), "`].")]
            #[derive(Clone, Copy)]
            #[allow(clippy::enum_variant_names)]
            enum $which {
                $($route),*
            }

            #[doc = concat!("Renders one page of [`", stringify!($which), "`]; the split point of their code.")]
            #[leptos::lazy]
            fn $group(which: $which) -> AnyView {
                match which {
                    $($which::$route => $page().into_any()),*
                }
            }

            $(
                #[doc = concat!("The route of [`", stringify!($page), "`], loaded lazily.")]
                pub struct $route;

                impl leptos_router::LazyRoute for $route {
                    fn data() -> Self {
                        $route
                    }

                    async fn view(_this: Self) -> AnyView {
                        $group($which::$route).await
                    }

                    async fn preload() {
                        #[cfg(target_arch = "wasm32")]
                        $preload().await;
                    }
                }

                impl $route {
                    /// The route's view for the router.
                    pub fn lazy() -> Lazy<$route> {
                        Lazy::new()
                    }
                }
            )*
        )*

        /// Every page's `<Route>`, in the order above, with "not found" for the rest.
        fn page_routes() -> impl IntoView {
            view! {
                <Routes fallback=NotFound>
                    $($(<Route path=path!($path) view=$route::lazy() $(ssr=SsrMode::$ssr)? />)*)*
                </Routes>
            }
        }
    };
}

lazy_pages! {
    visitor_pages, __preload_visitor_pages, VisitorPages {
        LandingRoute => Landing at "/",
        LoginRoute => LoginPage at "/login",
        ForgotPasswordRoute => ForgotPasswordPage at "/forgot-password",
        ResetPasswordRoute => ResetPasswordPage at "/reset-password" with Async,
        InvitationRoute => InvitationPage at "/invitation" with Async,
        TransparencyRoute => TransparencyPage at "/transparency" with Async,
        MarketRoute => MarketPage at "/market" with Async,
        ListingRoute => ListingPage at "/listings/:id" with Async,
        MailRoute => MailPage at "/mail" with Async,
    }
    brand_pages, __preload_brand_pages, BrandPages {
        BrandRoute => BrandHome at "/brands/:id" with Async,
        RightsRoute => RightsPage at "/brands/:id/rights" with Async,
        ApiTokensRoute => ApiTokensPage at "/brands/:id/api-tokens" with Async,
        ReportsRoute => ReportsPage at "/brands/:id/reports" with Async,
        ReportFormRoute => ReportFormPage at "/brands/:id/reports/new" with Async,
        TakedownRoute => TakedownPage at "/brands/:id/takedown" with Async,
        ReportDetailRoute => ReportDetailPage at "/reports/:id" with Async,
        InquiryInboxRoute => InquiryInbox at "/brands/:id/inquiries" with Async,
        SuspicionListsRoute => SuspicionListsPage at "/brands/:id/lists" with Async,
        TeamRoute => TeamPage at "/brands/:id/team" with Async,
    }
    review_pages, __preload_review_pages, ReviewPages {
        QueueRoute => QueuePage at "/review" with Async,
        VerifyRightsRoute => VerifyRightsPage at "/review/rights" with Async,
        FindListingsRoute => FindListingsPage at "/review/listings" with Async,
        AppealsRoute => AppealsPage at "/review/appeals" with Async,
        ManagerRoute => ManagerHome at "/manager" with Async,
        AnalyticsRoute => AnalyticsPage at "/analytics" with Async,
        AuditLogRoute => AuditLogPage at "/audit" with Async,
    }
    admin_pages, __preload_admin_pages, AdminPages {
        AdminRoute => AdminHome at "/admin" with Async,
        NewBrandRoute => NewBrandPage at "/admin/brands/new" with Async,
        IntegrationRoute => IntegrationPage at "/admin/integration" with Async,
        PeopleRoute => PeoplePage at "/admin/people" with Async,
        PolicyRoute => PolicyPage at "/admin/policy" with Async,
        StatementsRoute => StatementsPage at "/admin/statements" with Async,
    }
    account_pages, __preload_account_pages, AccountPages {
        AccountRoute => AccountPage at "/account" with Async,
        NotificationsRoute => NotificationsPage at "/notifications" with Async,
        SellerRoute => SellerHome at "/seller" with Async,
    }
}

/// The root component: routes, navigation and sign-in state.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let login = ServerAction::<Login>::new();
    let logout = ServerAction::<Logout>::new();
    let signed_in_elsewhere = RwSignal::new(0_u32);
    let user = load(
        move || {
            (
                login.version().get(),
                logout.version().get(),
                signed_in_elsewhere.get(),
            )
        },
        |_| get_current_user(),
    );
    provide_context(Auth {
        login,
        logout,
        user,
        signed_in_elsewhere,
    });
    view! {
        // What search engines and link previews say of every page.
        <Meta
            name="description"
            content="Goodfaith, the marketplace's brand-protection portal: rights holders report listings that infringe their trademarks and copyrights, account managers review them, accurate brands earn faster review and instant takedown, and sellers get reasons and a fair appeal."
        />
        <Title formatter=|title: String| {
            if title.is_empty() { "Goodfaith".to_owned() } else { format!("{title} · Goodfaith") }
        } />
        <Router>
            <Nav />
            <FocusOnNavigate />
            // The page hydrates in a task after the header's: two shorter tasks instead of
            // one long one on a slow phone (see `Deferred`).
            <Deferred>
                <main id="main" class="page">
                    {page_routes()}
                </main>
            </Deferred>
        </Router>
    }
}
