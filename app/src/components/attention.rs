//! "Needs you": the short list at the top of a home page of what waits for the reader, most
//! pressing first, each line with the link that deals with it.

use leptos::prelude::*;

/// How much a line asks of the reader; shown by colour and, for screen readers, in words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tone {
    /// Something is late or about to cost the reader (a deadline passed, a tier at risk).
    Urgent,
    /// Something waits for the reader, with time left.
    Waiting,
    /// Worth knowing, nothing to do.
    Info,
}

impl Tone {
    fn class(self) -> &'static str {
        match self {
            Tone::Urgent => "need need-urgent",
            Tone::Waiting => "need need-waiting",
            Tone::Info => "need need-info",
        }
    }

    fn spoken(self) -> &'static str {
        match self {
            Tone::Urgent => "Urgent: ",
            Tone::Waiting => "Waiting for you: ",
            Tone::Info => "For your information: ",
        }
    }
}

/// One line: what, and where to deal with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Need {
    /// How pressing it is.
    pub tone: Tone,
    /// The sentence ("2 counter-notices await your response; the first closes …").
    pub text: String,
    /// The link that deals with it, as (href, label).
    pub link: Option<(String, String)>,
}

impl Need {
    /// A line with its link.
    pub fn new(tone: Tone, text: impl Into<String>, href: String, label: &str) -> Self {
        Need {
            tone,
            text: text.into(),
            link: Some((href, label.to_owned())),
        }
    }

    /// A line with nothing to click.
    pub fn plain(tone: Tone, text: impl Into<String>) -> Self {
        Need {
            tone,
            text: text.into(),
            link: None,
        }
    }
}

/// The panel: its heading, the lines most pressing first, or `all_clear` when there are none.
#[component]
pub fn NeedsYou(
    /// The heading's id (the section's name).
    heading_id: &'static str,
    /// The heading.
    title: &'static str,
    /// The lines, in any order.
    mut needs: Vec<Need>,
    /// What to say when nothing waits.
    all_clear: String,
) -> impl IntoView {
    // Stable: lines of one tone keep the order the page gave them.
    needs.sort_by_key(|need| need.tone);
    let body = if needs.is_empty() {
        view! { <p class="all-clear">{all_clear}</p> }.into_any()
    } else {
        view! {
            <ul class="needs">
                {needs
                    .into_iter()
                    .map(|need| {
                        view! {
                            <li class=need.tone.class()>
                                <span class="visually-hidden">{need.tone.spoken()}</span>
                                <span>{need.text}</span>
                                {need
                                    .link
                                    .map(|(href, label)| {
                                        view! {
                                            " "
                                            <a href=href>{label}</a>
                                        }
                                    })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section class="panel needs-you" aria-labelledby=heading_id>
            <h2 id=heading_id>{title}</h2>
            {body}
        </section>
    }
}
