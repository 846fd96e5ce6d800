//! Goodfaith: a brand-protection portal. This crate is the Leptos app — domain rules, pages,
//! server functions and (with the `ssr` feature) database access and authentication.
// The report form's view type is deep enough that the wasm release build needs more than the
// default 128 levels to lay out its hydration future.
#![recursion_limit = "256"]

pub mod api;
#[cfg(feature = "ssr")]
pub mod auth;
pub mod components;
#[cfg(feature = "ssr")]
pub mod db;
pub mod domain;
pub mod error;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod uploads;

use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

use crate::api::auth::{Login, Logout, get_current_user};
use crate::components::nav::Nav;
use crate::model::CurrentUser;
use crate::pages::appeals::{AppealsPage, MarketPage};
use crate::pages::inquiries::{FindListingsPage, InquiryInbox, SuspicionListsPage};
use crate::pages::{
    admin::AdminHome, brand::BrandHome, home::Landing, listing::ListingPage, login::LoginPage,
    manager::ManagerHome, not_found::NotFound, queue::QueuePage, queue::VerifyRightsPage,
    report_detail::ReportDetailPage, report_form::ReportFormPage, report_form::TakedownPage,
    reports::ReportsPage, rights::RightsPage, seller::SellerHome,
};

/// The HTML document around the app, rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
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
    pub user: Resource<Result<Option<CurrentUser>, error::AppError>>,
}

/// The root component: routes, navigation and sign-in state.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let login = ServerAction::<Login>::new();
    let logout = ServerAction::<Logout>::new();
    let user = Resource::new(
        move || (login.version().get(), logout.version().get()),
        |_| get_current_user(),
    );
    provide_context(Auth {
        login,
        logout,
        user,
    });
    // Runs only in the browser: end-to-end tests wait for this mark before clicking,
    // because clicks sent before hydration would be lost.
    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-hydrated", "true");
        }
    });

    view! {
        <Stylesheet id="leptos" href="/pkg/goodfaith.css" />
        <Title formatter=|title: String| {
            if title.is_empty() { "Goodfaith".to_owned() } else { format!("{title} · Goodfaith") }
        } />
        <Router>
            <Nav />
            <main id="main" class="page">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=Landing />
                    <Route path=path!("/login") view=LoginPage />
                    <Route path=path!("/brands/:id") view=BrandHome ssr=SsrMode::Async />
                    <Route path=path!("/brands/:id/rights") view=RightsPage ssr=SsrMode::Async />
                    <Route path=path!("/brands/:id/reports") view=ReportsPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/brands/:id/reports/new")
                        view=ReportFormPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/brands/:id/takedown")
                        view=TakedownPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/reports/:id") view=ReportDetailPage ssr=SsrMode::Async />
                    <Route path=path!("/review") view=QueuePage ssr=SsrMode::Async />
                    <Route path=path!("/review/rights") view=VerifyRightsPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/review/listings")
                        view=FindListingsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/brands/:id/inquiries")
                        view=InquiryInbox
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/brands/:id/lists")
                        view=SuspicionListsPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/review/appeals") view=AppealsPage ssr=SsrMode::Async />
                    <Route path=path!("/market") view=MarketPage ssr=SsrMode::Async />
                    <Route path=path!("/manager") view=ManagerHome ssr=SsrMode::Async />
                    <Route path=path!("/admin") view=AdminHome ssr=SsrMode::Async />
                    <Route path=path!("/seller") view=SellerHome ssr=SsrMode::Async />
                    <Route path=path!("/listings/:id") view=ListingPage ssr=SsrMode::Async />
                </Routes>
            </main>
        </Router>
    }
}
