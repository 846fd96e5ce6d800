//! The scaffold every page wraps around a loaded resource: a `Transition` (or `Suspense`)
//! whose `Suspend` awaits the resource and shows its value, or the failure in an
//! [`ErrorPanel`]; and, for lists, the "nothing here" sentence and the `<ul>` of cards.
//!
//! The resource itself is made by the page, at its top, and handed in: resources made inside a
//! `Suspend` break hydration (docs/architecture.md).

use leptos::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::components::outcome::{ErrorPanel, Loading};
use crate::error::AppError;
use crate::wire::Loaded;

/// Awaits `data` and shows `ok` of its value, or the error panel when it failed.
///
/// A `Transition` unless `suspense` is set (a `Suspense` shows its fallback again on every
/// reload; a `Transition` keeps the old content until the new arrives). The fallback is
/// "Loading…" unless `quiet` is set, which shows nothing while loading.
#[component]
pub fn AsyncView<T, F, V>(
    /// The page's resource.
    data: Loaded<Result<T, AppError>>,
    /// The view of a loaded value.
    ok: F,
    /// A `Suspense` instead of a `Transition`.
    #[prop(optional)]
    suspense: bool,
    /// Nothing instead of "Loading…" while the data loads.
    #[prop(optional)]
    quiet: bool,
) -> impl IntoView
where
    T: Clone + Serialize + DeserializeOwned + Send + Sync + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let body = move || {
        let ok = ok.clone();
        Suspend::new(async move {
            match data.await {
                Ok(value) => ok(value).into_any(),
                Err(error) => view! { <ErrorPanel error /> }.into_any(),
            }
        })
    };
    let fallback = if quiet {
        ViewFnOnce::from(|| ())
    } else {
        ViewFnOnce::from(Loading)
    };
    if suspense {
        view! { <Suspense fallback>{body}</Suspense> }.into_any()
    } else {
        view! { <Transition fallback>{body}</Transition> }.into_any()
    }
}

/// Awaits a list and shows each entry as a card in `<ul class="cards">`, or `empty` in
/// `<p class="empty">` when there is none, or the error panel when the load failed.
#[component]
pub fn AsyncList<T, F, V>(
    /// The page's resource.
    items: Loaded<Result<Vec<T>, AppError>>,
    /// What to say when the list is empty.
    empty: &'static str,
    /// The card of one entry (an `<li>`).
    item: F,
    /// A `Suspense` instead of a `Transition`.
    #[prop(optional)]
    suspense: bool,
) -> impl IntoView
where
    T: Clone + Serialize + DeserializeOwned + Send + Sync + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let ok = move |entries: Vec<T>| {
        if entries.is_empty() {
            view! { <p class="empty">{empty}</p> }.into_any()
        } else {
            let item = item.clone();
            view! { <ul class="cards">{entries.into_iter().map(item).collect_view()}</ul> }
                .into_any()
        }
    };
    view! { <AsyncView data=items ok suspense /> }
}
