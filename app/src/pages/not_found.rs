//! The page for addresses that lead nowhere.

use leptos::prelude::*;
use leptos_meta::Title;

/// A plain "not found" page (the server answers it with status 404).
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <Title text="Page not found" />
        <section class="panel panel-error">
            <h1>"Page not found"</h1>
            <p>"There is nothing at this address."</p>
            <p>
                <a href="/">"Back to the start page"</a>
            </p>
        </section>
    }
}
