//! The bell's page: the signed-in person's notifications, newest first, each leading to what
//! it is about; marking one or all read.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::Auth;
use crate::api::notifications::{list_notifications, mark_notifications_read};
use crate::components::async_list::AsyncView;
use crate::components::form::{FormError, action_error, on_success};
use crate::components::pager::OlderButton;
use crate::domain::format_time;
use crate::model::{NotificationPage, NotificationView};
use crate::wire::load;

/// `/notifications` — the list, 50 at a time by cursor, with "Mark all as read".
#[component]
pub fn NotificationsPage() -> impl IntoView {
    let auth = expect_context::<Auth>();
    let before = RwSignal::new(None::<i64>);
    let version = RwSignal::new(0_u32);
    let page = load(
        move || (before.get(), version.get()),
        |(before, _)| list_notifications(before),
    );
    let mark_all = Action::new(|_: &()| mark_notifications_read(None));
    let error = action_error(mark_all);
    let changed = Callback::new(move |_: u64| {
        version.update(|n| *n += 1);
        // The bell's count follows.
        auth.refresh();
    });
    on_success(mark_all, move |n| changed.run(n));
    view! {
        <Title text="Notifications" />
        <header class="page-header">
            <h1>"Notifications"</h1>
            <button
                type="button"
                class="button button-secondary header-action"
                on:click=move |_| {
                    mark_all.dispatch(());
                }
            >
                "Mark all as read"
            </button>
        </header>
        <FormError error />
        <p class="hint">
            "What happened to your reports, listings and brand. Choose what is also mailed to you on "
            <a href="/account#notifications">"your account page"</a> "."
        </p>
        <AsyncView data=page ok=move |page| view! { <List page before changed /> } />
    }
}

#[component]
fn List(
    page: NotificationPage,
    before: RwSignal<Option<i64>>,
    changed: Callback<u64>,
) -> impl IntoView {
    if page.notifications.is_empty() {
        return view! { <p class="empty">"Nothing yet: you will be told here when something happens."</p> }
            .into_any();
    }
    let items = page
        .notifications
        .into_iter()
        .map(|note| view! { <Item note changed /> })
        .collect_view();
    view! {
        <p>
            {match page.unread {
                0 => "All read.".to_owned(),
                1 => "1 unread.".to_owned(),
                n => format!("{n} unread."),
            }}
        </p>
        <ul class="notifications" aria-label="Notifications, newest first">
            {items}
        </ul>
        <OlderButton next=page.older before label="Older notifications" />
    }
    .into_any()
}

#[component]
fn Item(note: NotificationView, changed: Callback<u64>) -> impl IntoView {
    let id = note.id;
    let mark = Action::new(move |_: &()| mark_notifications_read(Some(id)));
    on_success(mark, move |n| changed.run(n));
    let heading = format!("notification-{id}");
    let labelled = heading.clone();
    let class = if note.read {
        "panel notification"
    } else {
        "panel notification unread"
    };
    view! {
        <li class=class aria-labelledby=labelled>
            <h2 id=heading>
                <a href=note.link.clone()>{note.title.clone()}</a>
                {(!note.read).then(|| view! { <span class="visually-hidden">" (unread)"</span> })}
            </h2>
            <p>{note.body.clone()}</p>
            <p class="hint">{format_time(note.created_at)}</p>
            {(!note.read)
                .then(|| {
                    view! {
                        <button
                            type="button"
                            class="button button-secondary"
                            aria-label=format!("Mark “{}” as read", note.title)
                            on:click=move |_| {
                                mark.dispatch(());
                            }
                        >
                            "Mark as read"
                        </button>
                    }
                })}
        </li>
    }
}
