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

/// The values the database takes for each enumerated field Goodfaith sends
/// (`app/Models/Statement.php` of its repository; keys, not labels).
pub mod values {
    /// `decision_visibility`.
    pub const DECISION_VISIBILITY: [&str; 7] = [
        "DECISION_VISIBILITY_CONTENT_REMOVED",
        "DECISION_VISIBILITY_CONTENT_DISABLED",
        "DECISION_VISIBILITY_CONTENT_DEMOTED",
        "DECISION_VISIBILITY_CONTENT_AGE_RESTRICTED",
        "DECISION_VISIBILITY_CONTENT_INTERACTION_RESTRICTED",
        "DECISION_VISIBILITY_CONTENT_LABELLED",
        "DECISION_VISIBILITY_OTHER",
    ];
    /// `decision_ground`.
    pub const DECISION_GROUND: [&str; 2] = [
        "DECISION_GROUND_ILLEGAL_CONTENT",
        "DECISION_GROUND_INCOMPATIBLE_CONTENT",
    ];
    /// `content_type`.
    pub const CONTENT_TYPE: [&str; 8] = [
        "CONTENT_TYPE_APP",
        "CONTENT_TYPE_AUDIO",
        "CONTENT_TYPE_IMAGE",
        "CONTENT_TYPE_PRODUCT",
        "CONTENT_TYPE_SYNTHETIC_MEDIA",
        "CONTENT_TYPE_TEXT",
        "CONTENT_TYPE_VIDEO",
        "CONTENT_TYPE_OTHER",
    ];
    /// `category`: the one Goodfaith's decisions fall under, of the sixteen.
    pub const CATEGORY_IP: &str = "STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS";
    /// `category_specification`: the intellectual-property keywords and the catch-all.
    pub const IP_KEYWORDS: [&str; 7] = [
        "KEYWORD_COPYRIGHT_INFRINGEMENT",
        "KEYWORD_DESIGN_INFRINGEMENT",
        "KEYWORD_GEOGRAPHIC_INDICATIONS_INFRINGEMENT",
        "KEYWORD_PATENT_INFRINGEMENT",
        "KEYWORD_TRADE_SECRET_INFRINGEMENT",
        "KEYWORD_TRADEMARK_INFRINGEMENT",
        "KEYWORD_OTHER",
    ];
    /// `source_type`.
    pub const SOURCE_TYPE: [&str; 4] = [
        "SOURCE_ARTICLE_16",
        "SOURCE_TRUSTED_FLAGGER",
        "SOURCE_TYPE_OTHER_NOTIFICATION",
        "SOURCE_VOLUNTARY",
    ];
    /// `automated_detection`.
    pub const AUTOMATED_DETECTION: [&str; 2] = ["Yes", "No"];
    /// `automated_decision`.
    pub const AUTOMATED_DECISION: [&str; 3] = [
        "AUTOMATED_DECISION_FULLY",
        "AUTOMATED_DECISION_PARTIALLY",
        "AUTOMATED_DECISION_NOT_AUTOMATED",
    ];
}

/// Checks a statement against the database's rules for the fields Goodfaith sends
/// (`StatementStoreRequest`): required fields, enumerations, lengths, date formats and
/// ranges, the `puid`'s characters. Returns each broken rule as (field, why); empty when the
/// database would take it.
pub fn check(statement: &Statement) -> Vec<(&'static str, String)> {
    let mut broken = Vec::new();
    let mut rule = |field: &'static str, ok: bool, why: &str| {
        if !ok {
            broken.push((field, why.to_owned()));
        }
    };
    let within = |text: &str, most: usize| !text.trim().is_empty() && text.chars().count() <= most;
    let all_in = |list: &[String], allowed: &[&str]| {
        !list.is_empty() && list.iter().all(|value| allowed.contains(&value.as_str()))
    };
    rule(
        "decision_visibility",
        all_in(&statement.decision_visibility, &values::DECISION_VISIBILITY),
        "required (no monetary, provision or account decision is sent) and one of the visibility values",
    );
    rule(
        "decision_ground",
        values::DECISION_GROUND.contains(&statement.decision_ground.as_str()),
        "one of the decision grounds",
    );
    let illegal = statement.decision_ground == "DECISION_GROUND_ILLEGAL_CONTENT";
    rule(
        "illegal_content_legal_ground",
        !illegal || within(&statement.illegal_content_legal_ground, MAX_GROUND_CHARS),
        "required for illegal content, at most 500 characters",
    );
    rule(
        "illegal_content_explanation",
        !illegal
            || within(
                &statement.illegal_content_explanation,
                MAX_EXPLANATION_CHARS,
            ),
        "required for illegal content, at most 2,000 characters",
    );
    rule(
        "category",
        statement.category == values::CATEGORY_IP,
        "the intellectual-property category",
    );
    rule(
        "category_specification",
        all_in(&statement.category_specification, &values::IP_KEYWORDS),
        "an intellectual-property keyword",
    );
    rule(
        "content_type",
        all_in(&statement.content_type, &values::CONTENT_TYPE),
        "required, content types only",
    );
    rule(
        "content_date",
        date_between(&statement.content_date, "2000-01-01", "2038-01-01"),
        "a date (YYYY-MM-DD) from 2000-01-01 to 2038-01-01",
    );
    rule(
        "application_date",
        date_between(&statement.application_date, "2020-01-01", "2038-01-01"),
        "a date (YYYY-MM-DD) from 2020-01-01 to 2038-01-01",
    );
    rule(
        "end_date_visibility_restriction",
        statement
            .end_date_visibility_restriction
            .as_deref()
            .is_none_or(|date| date_between(date, &statement.application_date, "2038-01-01")),
        "a date (YYYY-MM-DD) on or after the application date",
    );
    rule(
        "territorial_scope",
        statement
            .territorial_scope
            .iter()
            .all(|code| EEA.contains(&code.as_str())),
        "EEA country codes only",
    );
    rule(
        "decision_facts",
        within(&statement.decision_facts, MAX_FACTS_CHARS),
        "required, at most 5,000 characters",
    );
    rule(
        "source_type",
        values::SOURCE_TYPE.contains(&statement.source_type.as_str()),
        "one of the source types",
    );
    rule(
        "source_identity",
        statement
            .source_identity
            .as_deref()
            .is_none_or(|who| who.chars().count() <= MAX_GROUND_CHARS),
        "at most 500 characters",
    );
    rule(
        "automated_detection",
        values::AUTOMATED_DETECTION.contains(&statement.automated_detection.as_str()),
        "Yes or No",
    );
    rule(
        "automated_decision",
        values::AUTOMATED_DECISION.contains(&statement.automated_decision.as_str()),
        "one of the automated-decision values",
    );
    rule(
        "puid",
        !statement.puid.is_empty()
            && statement.puid.len() <= MAX_PUID_CHARS
            && statement
                .puid
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
        "1 to 500 letters, digits, - and _",
    );
    broken
}

/// Whether `date` is a `YYYY-MM-DD` date from `first` to `last` (both in that form, so they
/// compare as text).
fn date_between(date: &str, first: &str, last: &str) -> bool {
    let shaped = date.len() == 10
        && date.char_indices().all(|(at, c)| {
            if at == 4 || at == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        });
    shaped && crate::domain::clock::start_of_day_ms(date).is_some() && date >= first && date <= last
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = DAY_MS;
    /// 2026-03-02.
    const REMOVED: i64 = 20_514 * DAY;

    fn facts(decision: Decision) -> Facts {
        Facts {
            statement_id: 41,
            decision,
            decided_at: REMOVED,
            removed_at: REMOVED,
            listing_external_id: "MK-7781/a b".into(),
            listed_at: REMOVED - 30 * DAY,
            reason: ReasonCode::Counterfeit,
            right_kind: RightKind::Trademark,
            right_number: "018234567".into(),
            right_jurisdiction: "EU".into(),
            brand_name: "Aurora Outdoor".into(),
            instant: false,
            joint_force: false,
            inquiry: None,
        }
    }

    fn valid(statement: &Statement) {
        assert_eq!(check(statement), Vec::new(), "{statement:#?}");
    }

    #[test]
    fn a_removal_on_review_is_an_article_16_notice_decided_by_a_person() {
        let statement = statement(&facts(Decision::Removal), &EEA);
        valid(&statement);
        assert_eq!(statement.source_type, "SOURCE_ARTICLE_16");
        assert_eq!(statement.source_identity.as_deref(), Some("Aurora Outdoor"));
        assert_eq!(
            statement.automated_decision,
            "AUTOMATED_DECISION_NOT_AUTOMATED"
        );
        assert_eq!(statement.automated_detection, "No");
        assert_eq!(
            statement.decision_visibility,
            ["DECISION_VISIBILITY_CONTENT_REMOVED"]
        );
        assert_eq!(statement.decision_ground, "DECISION_GROUND_ILLEGAL_CONTENT");
        assert_eq!(statement.category, values::CATEGORY_IP);
        assert_eq!(
            statement.category_specification,
            ["KEYWORD_TRADEMARK_INFRINGEMENT"]
        );
        assert_eq!(statement.content_type, ["CONTENT_TYPE_PRODUCT"]);
        assert_eq!(statement.application_date, "2026-03-02");
        assert_eq!(statement.content_date, "2026-01-31");
        assert_eq!(statement.end_date_visibility_restriction, None);
        assert_eq!(statement.territorial_scope.len(), 30);
        assert!(
            statement
                .illegal_content_explanation
                .contains("trademark 018234567 (EU)")
        );
    }

    #[test]
    fn an_instant_takedown_is_a_trusted_flaggers_notice_decided_automatically() {
        let mut facts = facts(Decision::Removal);
        facts.instant = true;
        facts.joint_force = true;
        let statement = statement(&facts, &EEA);
        valid(&statement);
        assert_eq!(statement.source_type, "SOURCE_TRUSTED_FLAGGER");
        assert_eq!(statement.automated_decision, "AUTOMATED_DECISION_FULLY");
        assert!(statement.decision_facts.contains("instant takedown"));
    }

    #[test]
    fn a_counterfeit_answer_to_an_inquiry_is_the_platforms_own_initiative() {
        let mut facts = facts(Decision::Removal);
        facts.joint_force = true;
        facts.inquiry = Some(true);
        // The answer takes the listing down at once, as an instant takedown does.
        facts.instant = true;
        let statement = statement(&facts, &EEA);
        valid(&statement);
        assert_eq!(statement.source_type, "SOURCE_VOLUNTARY");
        assert!(
            statement
                .decision_facts
                .contains("asked Aurora Outdoor whether")
        );
        // The database drops the notifier's identity for voluntary decisions.
        assert_eq!(statement.source_identity, None);
        // A suspicion rule flagged the listing: automated detection.
        assert_eq!(statement.automated_detection, "Yes");
        facts.inquiry = Some(false);
        assert_eq!(super::statement(&facts, &EEA).automated_detection, "No");
    }

    #[test]
    fn an_audit_confirmation_is_a_persons_decision_that_the_removal_stands() {
        let mut facts = facts(Decision::AuditConfirmation);
        facts.instant = true;
        facts.joint_force = true;
        facts.decided_at = REMOVED + 3 * DAY;
        let statement = statement(&facts, &EEA);
        valid(&statement);
        assert_eq!(
            statement.automated_decision,
            "AUTOMATED_DECISION_NOT_AUTOMATED"
        );
        assert_eq!(statement.application_date, "2026-03-05");
        assert!(statement.decision_facts.contains("confirmed"));
    }

    #[test]
    fn a_restoration_ends_the_restriction_that_began_at_the_removal() {
        let mut facts = facts(Decision::Restoration);
        facts.decided_at = REMOVED + 12 * DAY;
        let statement = statement(&facts, &EEA);
        valid(&statement);
        assert_eq!(statement.application_date, "2026-03-02");
        assert_eq!(
            statement.end_date_visibility_restriction.as_deref(),
            Some("2026-03-14")
        );
    }

    #[test]
    fn each_reason_has_its_own_keyword_and_ground() {
        for (reason, keyword) in [
            (
                ReasonCode::TrademarkMisuse,
                "KEYWORD_TRADEMARK_INFRINGEMENT",
            ),
            (ReasonCode::Copyright, "KEYWORD_COPYRIGHT_INFRINGEMENT"),
            (ReasonCode::Design, "KEYWORD_DESIGN_INFRINGEMENT"),
            (ReasonCode::Patent, "KEYWORD_PATENT_INFRINGEMENT"),
        ] {
            let mut facts = facts(Decision::Removal);
            facts.reason = reason;
            let statement = statement(&facts, &EEA);
            valid(&statement);
            assert_eq!(statement.category_specification, [keyword]);
        }
    }

    #[test]
    fn the_puid_is_unique_per_statement_and_only_uses_allowed_characters() {
        assert_eq!(puid(41, "MK-7781/a b"), "gf-41-listing-MK-7781_a_b");
        assert_ne!(puid(41, "x"), puid(42, "x"));
        let long = puid(9, &"é".repeat(2_000));
        assert!(long.len() <= MAX_PUID_CHARS);
    }

    #[test]
    fn broken_rules_are_named_by_field() {
        let mut statement = statement(&facts(Decision::Removal), &EEA);
        statement.content_date = "02/03/2026".into();
        statement.application_date = "2019-12-31".into();
        statement.territorial_scope = vec!["EL".into()];
        statement.puid = "a b".into();
        statement.source_type = "SOURCE_BRAND".into();
        statement.decision_facts = "x".repeat(MAX_FACTS_CHARS + 1);
        let fields: Vec<&str> = check(&statement).into_iter().map(|(f, _)| f).collect();
        assert_eq!(
            fields,
            [
                "content_date",
                "application_date",
                "territorial_scope",
                "decision_facts",
                "source_type",
                "puid"
            ]
        );
    }

    #[test]
    fn retries_double_to_an_hour_and_end_after_the_most_attempts() {
        assert_eq!(retry_at(1, 0, 0.0), Some(30_000));
        assert_eq!(retry_at(2, 0, 0.0), Some(60_000));
        assert_eq!(retry_at(12, 0, 0.0), Some(3_600_000));
        assert_eq!(retry_at(3, 0, 0.5), Some(90_000));
        assert_eq!(retry_at(MOST_ATTEMPTS, 0, 0.0), None);
    }

    #[test]
    fn an_export_covers_whole_days_up_to_a_year_and_a_day() {
        assert_eq!(
            export_range("2026-03-02", "2026-03-02"),
            Ok((REMOVED, REMOVED + DAY))
        );
        assert_eq!(
            export_range("2026-3-2x", "2026-03-02")
                .expect_err("refused")
                .0,
            "from"
        );
        assert_eq!(
            export_range("2026-03-02", "2026-03-01")
                .expect_err("refused")
                .0,
            "to"
        );
        assert_eq!(
            export_range("2025-01-01", "2026-01-03")
                .expect_err("refused")
                .0,
            "to"
        );
        assert!(export_range("2025-01-01", "2026-01-02").is_ok());
    }

    #[test]
    fn old_listings_keep_the_earliest_content_date_the_database_takes() {
        let mut facts = facts(Decision::Removal);
        facts.listed_at = 0;
        assert_eq!(statement(&facts, &EEA).content_date, "2000-01-01");
    }
}
