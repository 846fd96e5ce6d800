//! Use cases (server only). Each is a plain `async fn` of (context, caller, input) that holds
//! the rules of one thing a person does — who may do it, what the input must be, what is
//! stored — and answers with data or an [`AppError`](crate::error::AppError) worded for
//! people. Server functions (`api/`), the REST API and background jobs are thin doors onto
//! these: they find out who is calling, call one function, and pass the answer on. Tests call
//! them directly. `db/` below stores and reads; `domain/` holds the pure rules they apply.

pub mod access;
pub mod accounts;
pub mod analytics;
pub mod appeals;
pub mod audit_log;
pub mod brand_lists;
pub mod brands;
pub mod dsa;
pub mod ingest;
pub mod integration;
pub mod invitations;
pub mod joint_force;
pub mod listings;
pub mod mail;
pub mod notifications;
pub mod passwords;
pub mod people;
pub mod policy;
pub mod reports;
pub mod review;
pub mod rights;
pub mod secrets;
pub mod throttle;
pub mod tokens;
pub mod transparency;
pub mod trust;

use crate::db::Db;
use crate::domain::Rules;

/// What every use case works with: the database, the rules in force and the clock.
#[derive(Debug, Clone)]
pub struct Context {
    /// The database.
    pub db: Db,
    /// Tier thresholds, review targets, Joint-Force and seller settings.
    pub rules: Rules,
    /// What time it is.
    pub clock: Clock,
    /// Where the portal is reached and whether it runs as the demo.
    pub site: Site,
}

/// Where people reach the portal (links in mail start here) and whether it is the demo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    /// The portal's address, without a trailing slash, e.g. `https://brands.example.com`.
    pub base_url: String,
    /// Demo mode: its passwords are published, so its mail is for everyone to read.
    pub demo: bool,
}

impl Default for Site {
    fn default() -> Site {
        Site {
            base_url: "http://127.0.0.1:3000".into(),
            demo: false,
        }
    }
}

impl Site {
    /// The portal's address of `path` (which starts with `/`).
    pub fn link(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }
}

impl Context {
    /// A context on the system clock.
    pub fn new(db: Db, rules: Rules) -> Context {
        Context {
            db,
            rules,
            clock: Clock::System,
            site: Site::default(),
        }
    }

    /// Now, in milliseconds since the Unix epoch.
    pub fn now(&self) -> i64 {
        self.clock.now()
    }
}

/// Refuses `text` on `field` when it is longer than `max` characters ("Keep {what} to …").
pub(crate) fn within(
    field: &str,
    text: &str,
    max: usize,
    what: &str,
) -> Result<(), crate::error::AppError> {
    crate::domain::limits::check_chars(text, max, what)
        .map_err(|message| crate::error::AppError::field(field, message))
}

/// An explanation the other side will read (a rejection, an overturned takedown): trimmed,
/// at least 5 characters (`too_short` says what to write), at most
/// [`MAX_DECISION_CHARS`](crate::domain::limits::MAX_DECISION_CHARS).
pub(crate) fn decision_explanation(
    text: &str,
    too_short: &str,
) -> Result<String, crate::error::AppError> {
    let explanation = text.trim();
    if explanation.chars().count() < 5 {
        return Err(crate::error::AppError::field("explanation", too_short));
    }
    within(
        "explanation",
        explanation,
        crate::domain::limits::MAX_DECISION_CHARS,
        "the explanation",
    )?;
    Ok(explanation.to_owned())
}

/// A reason people give for a change others will read (a deactivation, a policy change):
/// trimmed, at least 5 characters — `who_reads` completes "Say why, in a few words: …" — and
/// at most [`MAX_NOTE_CHARS`](crate::domain::limits::MAX_NOTE_CHARS), refused on `reason`.
pub(crate) fn reason(text: &str, who_reads: &str) -> Result<String, crate::error::AppError> {
    let reason = text.trim();
    if reason.chars().count() < 5 {
        return Err(crate::error::AppError::field(
            "reason",
            format!("Say why, in a few words: {who_reads}"),
        ));
    }
    within(
        "reason",
        reason,
        crate::domain::limits::MAX_NOTE_CHARS,
        "the reason",
    )?;
    Ok(reason.to_owned())
}

/// A zero-based page number within `0..=last`, or a refusal on the `page` field.
pub(crate) fn page_within(page: i64, last: i64) -> Result<i64, crate::error::AppError> {
    crate::domain::limits::check_page(page, last)
        .map_err(|message| crate::error::AppError::field("page", message))
}

/// Where a use case reads the time: the system's, or a fixed instant for tests and seeding.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Clock {
    /// The system clock.
    #[default]
    System,
    /// Always this instant (milliseconds since the Unix epoch).
    Fixed(i64),
}

impl Clock {
    /// Now, in milliseconds since the Unix epoch.
    pub fn now(self) -> i64 {
        match self {
            Clock::System => crate::db::now_ms(),
            Clock::Fixed(at) => at,
        }
    }
}

/// A list's "Listing ID" filter: empty for every listing, else a positive number, refused by
/// its field otherwise.
pub fn listing_filter(text: &str) -> Result<Option<i64>, crate::error::AppError> {
    match text.trim() {
        "" => Ok(None),
        digits => digits
            .parse::<i64>()
            .ok()
            .filter(|id| *id > 0)
            .map(Some)
            .ok_or_else(|| {
                crate::error::AppError::field("listing", "Enter a listing ID (digits only).")
            }),
    }
}

/// `2026-12-06T18:54:36.123Z`: an instant as the API and webhooks write it (RFC 3339, UTC).
pub fn rfc3339(ms: i64) -> String {
    use time::format_description::well_known::Rfc3339;
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .ok()
        .and_then(|at| at.format(&Rfc3339).ok())
        .unwrap_or_default()
}
