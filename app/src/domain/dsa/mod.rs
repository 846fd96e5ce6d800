//! Statements of reasons as the EU DSA Transparency Database takes them (Art. 24(5)): which
//! decisions have one, and what each field says. Pure rules; `service::dsa` reads the facts of
//! a decision and sends or exports what [`statement`] builds from them.
//!
//! The field names and values are those of the database's `StatementStoreRequest`
//! (transparency.dsa.ec.europa.eu, API documentation); [`check`] holds its rules for the fields
//! Goodfaith sends, so a statement the database would refuse is caught by a test here, not by
//! a 422 in production.

use serde::{Deserialize, Serialize};

use crate::domain::clock::{DAY_MS, iso_date};
use crate::domain::{ReasonCode, RightKind};

/// The decision a statement is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Decision {
    /// A listing taken off sale: on review, by instant takedown, or on a counterfeit answer
    /// to the platform's inquiry.
    Removal,
    /// A removed listing put back: the restriction ended (counter-notice, retraction, audit).
    Restoration,
    /// An audit sample confirmed an instant takedown: a person decided the removal stands.
    AuditConfirmation,
}

stored_names!(Decision {
    Removal => "removal",
    Restoration => "restoration",
    AuditConfirmation => "audit_confirmation",
});

impl Decision {
    /// The word people read.
    pub fn label(self) -> &'static str {
        match self {
            Decision::Removal => "Removal",
            Decision::Restoration => "Restoration",
            Decision::AuditConfirmation => "Audit confirmed",
        }
    }
}

/// Where a statement's submission stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SubmissionState {
    /// Not yet accepted; the dispatcher sends it (when submission is configured).
    Pending,
    /// The database accepted it and gave it an id.
    Submitted,
    /// Refused, or retries ran out; sent again only if an admin asks.
    Failed,
}

stored_names!(SubmissionState {
    Pending => "pending",
    Submitted => "submitted",
    Failed => "failed",
});

impl SubmissionState {
    /// The word people read.
    pub fn label(self) -> &'static str {
        match self {
            SubmissionState::Pending => "Waiting",
            SubmissionState::Submitted => "Submitted",
            SubmissionState::Failed => "Failed",
        }
    }
}

/// Who brought the listing to the platform's attention, as the database classifies it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A rights holder's notice (Art. 16).
    Notice,
    /// A brand acting with Joint-Force standing, the platform's trusted flaggers (Art. 22).
    TrustedFlagger,
    /// The platform's own inquiry to the brand (its voluntary investigation).
    Voluntary,
}

/// What is known of one decision, read from its rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    /// The statement's row: it makes the platform-unique id.
    pub statement_id: i64,
    /// What was decided.
    pub decision: Decision,
    /// When (ms): the removal, the restoration, the audit's confirmation.
    pub decided_at: i64,
    /// When the listing was taken off sale (ms): a restoration's statement says when the
    /// restriction it ends began.
    pub removed_at: i64,
    /// The marketplace's id of the listing.
    pub listing_external_id: String,
    /// When the listing was put on sale (ms).
    pub listed_at: i64,
    /// The report's reason.
    pub reason: ReasonCode,
    /// The right the brand relied on.
    pub right_kind: RightKind,
    /// Its registration number.
    pub right_number: String,
    /// Where it is registered.
    pub right_jurisdiction: String,
    /// The rights holder.
    pub brand_name: String,
    /// The listing was taken down at the brand's word alone (Joint-Force instant takedown).
    pub instant: bool,
    /// The brand was at Joint-Force when it filed.
    pub joint_force: bool,
    /// The report came from the platform's inquiry; `Some(true)` when a suspicion rule (an
    /// automated check) flagged the listing first.
    pub inquiry: Option<bool>,
}

impl Facts {
    /// Who brought the listing up.
    pub fn source(&self) -> Source {
        match (self.inquiry, self.joint_force) {
            (Some(_), _) => Source::Voluntary,
            (None, true) => Source::TrustedFlagger,
            (None, false) => Source::Notice,
        }
    }
}

/// The platform's identifier of a statement (`puid`): unique per statement, since the
/// database refuses a second statement with the same one, and it names the listing so a reader
/// can follow a listing's statements. Letters, digits, `-` and `_` only.
pub fn puid(statement_id: i64, listing_external_id: &str) -> String {
    let listing: String = listing_external_id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(MAX_PUID_CHARS - 40)
        .collect();
    format!("gf-{statement_id}-listing-{listing}")
}

/// The longest `puid` the database takes.
pub const MAX_PUID_CHARS: usize = 500;
/// The longest `decision_facts`.
pub const MAX_FACTS_CHARS: usize = 5_000;
/// The longest `illegal_content_legal_ground` (and `source_identity`).
pub const MAX_GROUND_CHARS: usize = 500;
/// The longest `illegal_content_explanation`.
pub const MAX_EXPLANATION_CHARS: usize = 2_000;
/// The most statements one request carries (the database's batch limit).
pub const MAX_BATCH: usize = 100;

/// The Member States of the EEA, as the database names them: a listing removed from the
/// marketplace is removed for buyers everywhere it sells.
pub const EEA: [&str; 30] = [
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT",
    "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK", "IS", "LI", "NO",
];

/// One statement, field for field as the database's API takes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    /// What the decision did to the listing's visibility.
    pub decision_visibility: Vec<String>,
    /// When the visibility restriction ended (restorations).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_date_visibility_restriction: Option<String>,
    /// Illegal content (an IP infringement), not a breach of the terms.
    pub decision_ground: String,
    /// The law it breaks.
    pub illegal_content_legal_ground: String,
    /// Why the listing breaks it.
    pub illegal_content_explanation: String,
    /// `STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS`.
    pub category: String,
    /// The kind of IP infringement.
    pub category_specification: Vec<String>,
    /// `CONTENT_TYPE_PRODUCT`: a product listing.
    pub content_type: Vec<String>,
    /// When the listing was put on sale (`YYYY-MM-DD`).
    pub content_date: String,
    /// When the restriction began (`YYYY-MM-DD`).
    pub application_date: String,
    /// Where the restriction applies.
    pub territorial_scope: Vec<String>,
    /// What happened, in words.
    pub decision_facts: String,
    /// Who brought the listing up.
    pub source_type: String,
    /// The notifier, when it is a rights holder (a company, not a person).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_identity: Option<String>,
    /// Whether an automated check found the listing (`Yes` / `No`).
    pub automated_detection: String,
    /// Whether the decision was taken without a person.
    pub automated_decision: String,
    /// The platform's unique id of the statement.
    pub puid: String,
}

fn ground(facts: &Facts) -> (String, String, &'static str) {
    let right = format!(
        "{} {} ({})",
        facts.right_kind.label().to_lowercase(),
        facts.right_number,
        facts.right_jurisdiction
    );
    let (law, keyword) = match facts.reason {
        ReasonCode::Counterfeit | ReasonCode::TrademarkMisuse => (
            "Trademark law: use of a registered trademark without the holder's consent \
             (Regulation (EU) 2017/1001, Art. 9; Directive (EU) 2015/2436, Art. 10)",
            "KEYWORD_TRADEMARK_INFRINGEMENT",
        ),
        ReasonCode::Copyright => (
            "Copyright law: reproduction and communication to the public without the \
             holder's consent (Directive 2001/29/EC, Arts. 2 and 3)",
            "KEYWORD_COPYRIGHT_INFRINGEMENT",
        ),
        ReasonCode::Design => (
            "Design law: use of a registered design without the holder's consent \
             (Regulation (EC) No 6/2002, Art. 19)",
            "KEYWORD_DESIGN_INFRINGEMENT",
        ),
        ReasonCode::Patent => (
            "Patent law: offering a patented product without the holder's consent",
            "KEYWORD_PATENT_INFRINGEMENT",
        ),
    };
    let explanation = match facts.reason {
        ReasonCode::Counterfeit => format!(
            "The listing offers goods that are counterfeits of products protected by {right}, \
             held by {}.",
            facts.brand_name
        ),
        ReasonCode::TrademarkMisuse => format!(
            "The listing uses a sign protected by {right}, held by {}, without consent.",
            facts.brand_name
        ),
        ReasonCode::Copyright | ReasonCode::Design | ReasonCode::Patent => format!(
            "The listing offers goods or material that infringe {right}, held by {}.",
            facts.brand_name
        ),
    };
    (
        clip(law, MAX_GROUND_CHARS),
        clip(&explanation, MAX_EXPLANATION_CHARS),
        keyword,
    )
}

fn clip(text: &str, most: usize) -> String {
    text.chars().take(most).collect()
}

/// The statement of one decision.
pub fn statement(facts: &Facts, territory: &[&str]) -> Statement {
    let (legal_ground, explanation, keyword) = ground(facts);
    let source = facts.source();
    let how = match (facts.decision, source) {
        (Decision::Removal, Source::Voluntary) => format!(
            "The platform asked {} whether the listing was genuine; the rights holder \
             answered that it offers counterfeits, and the listing was removed.",
            facts.brand_name
        ),
        (Decision::Removal, _) if facts.instant => format!(
            "{} took the listing down at once with the platform's Joint-Force standing \
             (instant takedown); the platform samples such takedowns for review.",
            facts.brand_name
        ),
        (Decision::Removal, _) => format!(
            "{} reported the listing; the platform's account manager reviewed the notice \
             and its evidence and removed the listing.",
            facts.brand_name
        ),
        (Decision::AuditConfirmation, _) => format!(
            "{} took the listing down by instant takedown on {}; the platform's audit of \
             that takedown confirmed that the removal stands.",
            facts.brand_name,
            iso_date(facts.removed_at)
        ),
        (Decision::Restoration, _) => format!(
            "The listing, removed on {} on a notice of {}, was put back on sale on {}: the \
             restriction has ended.",
            iso_date(facts.removed_at),
            facts.brand_name,
            iso_date(facts.decided_at)
        ),
    };
    let automated_decision = match facts.decision {
        Decision::Removal if facts.instant => "AUTOMATED_DECISION_FULLY",
        _ => "AUTOMATED_DECISION_NOT_AUTOMATED",
    };
    let (application, end) = match facts.decision {
        Decision::Restoration => (iso_date(facts.removed_at), Some(iso_date(facts.decided_at))),
        Decision::Removal | Decision::AuditConfirmation => (iso_date(facts.decided_at), None),
    };
    Statement {
        decision_visibility: vec!["DECISION_VISIBILITY_CONTENT_REMOVED".into()],
        end_date_visibility_restriction: end,
        decision_ground: "DECISION_GROUND_ILLEGAL_CONTENT".into(),
        illegal_content_legal_ground: legal_ground,
        illegal_content_explanation: explanation,
        category: "STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS".into(),
        category_specification: vec![keyword.into()],
        content_type: vec!["CONTENT_TYPE_PRODUCT".into()],
        // A listing cannot be older than the database's earliest date; clamp imported ones.
        content_date: iso_date(facts.listed_at.max(EARLIEST_CONTENT_MS)),
        application_date: application,
        territorial_scope: territory.iter().map(|code| (*code).to_owned()).collect(),
        decision_facts: clip(&how, MAX_FACTS_CHARS),
        source_type: match source {
            Source::Notice => "SOURCE_ARTICLE_16",
            Source::TrustedFlagger => "SOURCE_TRUSTED_FLAGGER",
            Source::Voluntary => "SOURCE_VOLUNTARY",
        }
        .into(),
        source_identity: (source != Source::Voluntary)
            .then(|| clip(&facts.brand_name, MAX_GROUND_CHARS)),
        automated_detection: if facts.inquiry == Some(true) {
            "Yes"
        } else {
            "No"
        }
        .into(),
        automated_decision: automated_decision.into(),
        puid: puid(facts.statement_id, &facts.listing_external_id),
    }
}

/// 2000-01-01, the earliest `content_date` the database takes.
const EARLIEST_CONTENT_MS: i64 = 10_957 * DAY_MS;

/// Attempts after which a statement is given up (failed; an admin may resend it): with
/// [`retry_at`]'s waits, about a day of trying.
pub const MOST_ATTEMPTS: i64 = 30;

/// When to send a statement again after its `attempts`-th failed attempt (1 for the first),
/// or `None` to give it up: 30 s, doubling to an hour apart. `jitter` in `[0, 1)` takes up to
/// half the wait off, so a batch refused together does not come back at one instant. Counted
/// in attempts, not from the decision, so history submitted late is still tried in full.
pub fn retry_at(attempts: i64, now: i64, jitter: f64) -> Option<i64> {
    if attempts >= MOST_ATTEMPTS {
        return None;
    }
    let doublings = u32::try_from(attempts.saturating_sub(1).clamp(0, 20)).unwrap_or(20);
    let wait = (30_000_i64 << doublings).min(3_600_000);
    let wait = wait - (wait as f64 * jitter.clamp(0.0, 1.0) / 2.0) as i64;
    Some(now + wait.max(1))
}

/// The longest range one export covers: a year and a day, so "last year" always fits.
pub const EXPORT_MOST_DAYS: i64 = 367;

/// Checks an export's range: `from` and `to` as `YYYY-MM-DD`, `to` included. Returns
/// `[from, to)` in ms, or the field at fault and why.
pub fn export_range(from: &str, to: &str) -> Result<(i64, i64), (&'static str, String)> {
    let day = |field: &'static str, text: &str| {
        crate::domain::clock::start_of_day_ms(text)
            .ok_or((field, "Enter a date as YYYY-MM-DD.".to_owned()))
    };
    let start = day("from", from)?;
    let end = day("to", to)? + DAY_MS;
    if end <= start {
        return Err(("to", "The last day is before the first.".into()));
    }
    if end - start > EXPORT_MOST_DAYS * DAY_MS {
        return Err(("to", format!("At most {EXPORT_MOST_DAYS} days at a time.")));
    }
    Ok((start, end))
}

mod check;

pub use check::{check, values};

#[cfg(test)]
mod tests;
