//! Statements per decision kind, the rules, retries and export ranges.

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
