//! The Mail page: what the portal wrote to people and whether it went — for admins, and in
//! demo mode for everyone (the demo sends nothing out, so its reset and invitation links are
//! followed from here).

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::mail::list_mail;
use crate::components::async_list::AsyncView;
use crate::components::form::TextField;
use crate::components::pager::OlderButton;
use crate::domain::format_time;
use crate::error::AppError;
use crate::model::{MailPage as Page, MailView};
use crate::wire::load;

/// `/mail` — the newest mail first, filtered by recipient, 50 at a time.
#[component]
pub fn MailPage() -> impl IntoView {
    let to = RwSignal::new(String::new());
    let before = RwSignal::new(None::<i64>);
    // A new filter starts again from the newest.
    Effect::new(move |_| {
        to.track();
        before.set(None);
    });
    let page = load(
        move || (to.get(), before.get()),
        |(to, before)| list_mail(to, before),
    );
    let refused = RwSignal::new(None::<AppError>);
    Effect::new(move |_| refused.set(page.get().and_then(Result::err)));
    view! {
        <Title text="Mail" />
        <h1>"Mail"</h1>
        <p class="lead">
            "Everything the portal has written to people, newest first. Without an SMTP server configured, mail waits here and nothing is lost; once one is, it is sent within seconds and retried when the server is down."
        </p>
        <div class="filters">
            <TextField
                id="mail-to"
                label="Recipient contains"
                value=to
                kind="search"
                error=refused.into()
                field="to"
            />
        </div>
        <AsyncView data=page ok=move |page| view! { <MailList page before /> } />
    }
}

#[component]
fn MailList(page: Page, before: RwSignal<Option<i64>>) -> impl IntoView {
    if page.mail.is_empty() {
        return view! { <p class="empty">"No mail yet."</p> }.into_any();
    }
    let items = page
        .mail
        .into_iter()
        .map(|mail| view! { <MailItem mail /> })
        .collect_view();
    view! {
        <ul class="mail-list" aria-label="Mail, newest first">
            {items}
        </ul>
        <OlderButton next=page.older before label="Older mail" />
    }
    .into_any()
}

#[component]
fn MailItem(mail: MailView) -> impl IntoView {
    let status = match (mail.sent_at, mail.next_attempt_at) {
        (Some(at), _) => format!("Sent {}", format_time(at)),
        (None, Some(_)) if mail.attempts == 0 => "Waiting to be sent".to_owned(),
        (None, Some(next)) => format!(
            "Not sent yet ({} attempts; next {}): {}",
            mail.attempts,
            format_time(next),
            mail.last_error
        ),
        (None, None) => mail.last_error.clone(),
    };
    let body = match mail.text {
        Some(text) => view! { <div class="mail-body">{linked_lines(&text)}</div> }.into_any(),
        None => view! {
            <p class="hint">
                "Sent, and not shown here: it carried a one-time link for its recipient alone."
            </p>
        }
        .into_any(),
    };
    view! {
        <li class="panel mail-item">
            <details>
                <summary>
                    <strong>{mail.subject}</strong>
                    <span class="hint">
                        {format!(
                            " — to {} · {} · written {} · {status}",
                            mail.to,
                            mail.kind.label(),
                            format_time(mail.created_at),
                        )}
                    </span>
                </summary>
                {body}
            </details>
        </li>
    }
}

/// The plain-text part line by line, with the lines that are addresses as links (the mail's
/// one-time links are followed from here in the demo).
fn linked_lines(text: &str) -> impl IntoView {
    text.lines()
        .map(|line| {
            let trimmed = line.trim();
            if trimmed.starts_with("https://") || trimmed.starts_with("http://") {
                view! {
                    <p>
                        <a href=trimmed.to_owned()>{trimmed.to_owned()}</a>
                    </p>
                }
                .into_any()
            } else {
                view! { <p>{line.to_owned()}</p> }.into_any()
            }
        })
        .collect_view()
}
