//! Previous / next page buttons for lists longer than one page.

use leptos::prelude::*;

/// Previous / next page buttons with "page N of M".
#[component]
pub fn Pager(
    /// Zero-based current page.
    current: i64,
    /// Number of pages.
    pages: i64,
    /// Called with the zero-based page to show.
    on_page: Callback<i64>,
) -> impl IntoView {
    let at_start = current == 0;
    let at_end = current + 1 >= pages;
    view! {
        <nav class="pager" aria-label="Pages">
            <button
                type="button"
                class="button button-secondary"
                disabled=at_start
                on:click=move |_| on_page.run(current - 1)
            >
                "Previous page"
            </button>
            <span>{format!("Page {} of {pages}", current + 1)}</span>
            <button
                type="button"
                class="button button-secondary"
                disabled=at_end
                on:click=move |_| on_page.run(current + 1)
            >
                "Next page"
            </button>
        </nav>
    }
}

/// "Older events" under a newest-first list read by cursor: sets `before` to the cursor the
/// server gave (`next`), or shows nothing when there is nothing older.
#[component]
pub fn OlderButton(
    /// The cursor for the next page, if there is one.
    next: Option<i64>,
    /// The list's cursor.
    before: RwSignal<Option<i64>>,
    /// The button's words ("Older events" unless said).
    #[prop(optional)]
    label: Option<&'static str>,
) -> impl IntoView {
    next.map(|next| {
        view! {
            <button
                type="button"
                class="button button-secondary"
                on:click=move |_| before.set(Some(next))
            >
                {label.unwrap_or("Older events")}
            </button>
        }
    })
}
