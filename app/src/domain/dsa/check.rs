//! The Transparency Database's rules for the fields Goodfaith sends (`StatementStoreRequest`
//! and `Statement.php` of digital-services-act/transparency-database): a statement that breaks
//! one is caught here, before it is sent.

use super::{
    EEA, MAX_EXPLANATION_CHARS, MAX_FACTS_CHARS, MAX_GROUND_CHARS, MAX_PUID_CHARS, Statement,
};

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
