//! The seller's side of notice and action: counter-notices, the brand's response, the
//! account manager's decision, and repeat-infringer strikes (DSA Arts. 17, 20 and 23; DMCA
//! §512(g)). Pure rules; the database applies them.

use serde::{Deserialize, Serialize};

use crate::domain::trust::DAY_MS;
use crate::error::FieldErrors;

/// The configurable windows and thresholds of the seller process.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SellerPolicy {
    /// Days after a removal in which the seller may file a counter-notice.
    pub counter_notice_days: i64,
    /// Days after a counter-notice in which the brand may respond.
    pub response_days: i64,
    /// Active strikes within `strike_days` that suspend a seller.
    pub strike_limit: i64,
    /// The trailing window strikes are counted in.
    pub strike_days: i64,
    /// How long a suspension by the strikes rule lasts.
    pub suspension_days: i64,
}

impl SellerPolicy {
    /// 14 days to appeal, 10 to respond, 3 strikes in 90 days suspend for 30 days.
    pub const DEFAULT: SellerPolicy = SellerPolicy {
        counter_notice_days: 14,
        response_days: 10,
        strike_limit: 3,
        strike_days: 90,
        suspension_days: 30,
    };

    /// When the counter-notice window of a removal at `removed_at` closes.
    pub fn appeal_closes_at(&self, removed_at: i64) -> i64 {
        removed_at + self.counter_notice_days * DAY_MS
    }

    /// When the brand's response window of a counter-notice filed at `filed_at` closes.
    pub fn response_due_at(&self, filed_at: i64) -> i64 {
        filed_at + self.response_days * DAY_MS
    }

    /// The oldest strike time that still counts at `now`.
    pub fn strikes_since(&self, now: i64) -> i64 {
        now - self.strike_days * DAY_MS
    }
}

impl Default for SellerPolicy {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// Why the seller says the removal is wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CounterGround {
    /// Genuine goods, e.g. bought from the brand or an authorised distributor.
    Genuine,
    /// The seller holds a licence from the rights holder.
    Licensed,
    /// The listing does not use the brand's mark or work.
    DifferentMark,
    /// Anything else, explained in the statement.
    Other,
}

stored_names!(CounterGround {
    Genuine => "genuine",
    Licensed => "licensed",
    DifferentMark => "different_mark",
    Other => "other",
});

impl CounterGround {
    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            CounterGround::Genuine => "Genuine goods (e.g. with a supplier invoice)",
            CounterGround::Licensed => "Sold under a licence from the rights holder",
            CounterGround::DifferentMark => "Not the same mark or work",
            CounterGround::Other => "Another reason, explained below",
        }
    }
}

/// How the brand answers a counter-notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ResponseKind {
    /// Further evidence that the listing infringes.
    Evidence,
    /// The brand has started legal action against the seller.
    LegalAction,
}

stored_names!(ResponseKind {
    Evidence => "evidence",
    LegalAction => "legal_action",
});

impl ResponseKind {
    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            ResponseKind::Evidence => "Further evidence",
            ResponseKind::LegalAction => "Legal action started",
        }
    }
}

/// Where an appeal stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AppealStatus {
    /// Waiting for the brand and the account manager.
    Open,
    /// The manager restored the listing.
    Restored,
    /// The manager upheld the removal.
    RemovalStands,
}

stored_names!(AppealStatus {
    Open => "open",
    Restored => "restored",
    RemovalStands => "removal_stands",
});

impl AppealStatus {
    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            AppealStatus::Open => "Under review",
            AppealStatus::Restored => "Listing restored",
            AppealStatus::RemovalStands => "Removal upheld",
        }
    }
}

/// The account manager's decision on a counter-notice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum AppealDecision {
    /// The listing goes live again; the item counts against the brand.
    Restore {
        /// Why, for the record (may be empty).
        note: String,
    },
    /// The removal stands; the seller reads the explanation.
    Uphold {
        /// Why the removal stands.
        explanation: String,
    },
}

/// The declaration a seller makes on every counter-notice, stored exactly as shown.
pub const COUNTER_DECLARATION: &str = "I declare under penalty of perjury that I have a good-faith \
belief that the listing was removed as a result of a mistake or misidentification, that the \
information in this counter-notice is accurate, and that I consent to the jurisdiction of the \
courts where I am established and will accept service from the rights holder.";

/// Longest statement or response text accepted.
pub const MAX_TEXT: usize = 4_000;

/// Most files a counter-notice or a brand's response may attach.
pub const MAX_FILES: usize = 10;

/// Rows per page of the marketplace's public page (which leaves suspended sellers out).
pub const MARKET_PAGE_SIZE: i64 = 50;

/// What a seller typed into the counter-notice form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CounterNoticeDraft {
    /// The removed listing.
    pub listing_id: i64,
    /// The ground, as stored (`genuine`, …); empty when none was chosen.
    pub ground: String,
    /// Why the removal is wrong.
    pub statement: String,
    /// Contact name.
    pub contact_name: String,
    /// Contact e-mail address.
    pub contact_email: String,
    /// Postal address.
    pub contact_address: String,
    /// Uploaded evidence files.
    pub file_ids: Vec<i64>,
    /// The declaration box.
    pub declared: bool,
    /// Typed signature.
    pub signature: String,
}

fn add(errors: &mut FieldErrors, field: &str, message: &str) {
    errors
        .entry(field.to_owned())
        .or_default()
        .push(message.to_owned());
}

/// Checks a counter-notice draft field by field; the empty map means it may be filed.
pub fn check_counter_notice(draft: &CounterNoticeDraft) -> FieldErrors {
    let mut errors = FieldErrors::new();
    if CounterGround::parse(&draft.ground).is_none() {
        add(&mut errors, "ground", "Choose why the removal is wrong.");
    }
    let statement = draft.statement.trim().chars().count();
    if statement < 20 {
        add(
            &mut errors,
            "statement",
            "Explain in at least 20 characters why the removal is wrong; the rights holder and the account manager will read it.",
        );
    } else if statement > MAX_TEXT {
        add(
            &mut errors,
            "statement",
            "Keep the statement to 4,000 characters; attach longer documents as files.",
        );
    }
    if draft.contact_name.trim().is_empty() {
        add(
            &mut errors,
            "contact_name",
            "Enter the name of a contact person.",
        );
    }
    if crate::domain::Email::parse(draft.contact_email.trim()).is_err() {
        add(
            &mut errors,
            "contact_email",
            "Enter an e-mail address the rights holder can reach you at, like name@example.com.",
        );
    }
    if draft.contact_address.trim().chars().count() < 10 {
        add(
            &mut errors,
            "contact_address",
            "Enter your postal address; a counter-notice must say where you accept service.",
        );
    }
    if draft.file_ids.len() > MAX_FILES {
        add(
            &mut errors,
            "files",
            &format!("Attach at most {MAX_FILES} files."),
        );
    }
    if !draft.declared {
        add(
            &mut errors,
            "declared",
            "Confirm the declaration; a counter-notice is made under penalty of perjury.",
        );
    }
    if draft.signature.trim().chars().count() < 2 {
        add(
            &mut errors,
            "signature",
            "Type your full name as your signature.",
        );
    }
    errors
}

/// Checks the brand's response; `Err` names the field.
pub fn check_response(kind: &str, text: &str) -> Result<ResponseKind, (&'static str, String)> {
    let kind = ResponseKind::parse(kind).ok_or((
        "kind",
        "Choose whether you send further evidence or have started legal action.".to_owned(),
    ))?;
    let length = text.trim().chars().count();
    if length < 10 {
        return Err((
            "text",
            "Write at least 10 characters for the account manager to read.".to_owned(),
        ));
    }
    if length > MAX_TEXT {
        return Err(("text", "Keep the response to 4,000 characters.".to_owned()));
    }
    Ok(kind)
}

/// Removes personal data from a brand's explanation before a seller or the public reads it
/// in a statement of reasons (DSA Art. 17(3)(c) asks for the facts, not people's details):
/// e-mail addresses and phone-like runs of digits are replaced.
pub fn redact_personal_data(text: &str) -> String {
    text.split(' ')
        .map(|word| {
            let digits = word.chars().filter(char::is_ascii_digit).count();
            let phone_like = digits >= 7
                && word
                    .chars()
                    .all(|c| c.is_ascii_digit() || "+-()./".contains(c));
            if word.contains('@') && word.contains('.') {
                "[e-mail removed]"
            } else if phone_like {
                "[number removed]"
            } else {
                word
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn complete() -> CounterNoticeDraft {
        CounterNoticeDraft {
            listing_id: 1,
            ground: "genuine".into(),
            statement: "Bought from the brand's distributor; invoice attached.".into(),
            contact_name: "Ada Seller".into(),
            contact_email: "ada@example.com".into(),
            contact_address: "1 Market Street, Lisbon".into(),
            file_ids: vec![],
            declared: true,
            signature: "Ada Seller".into(),
        }
    }

    #[test]
    fn a_complete_counter_notice_passes() {
        assert!(check_counter_notice(&complete()).is_empty());
    }

    #[test]
    fn each_missing_part_is_named_by_its_field() {
        let draft = CounterNoticeDraft {
            declared: false,
            ground: String::new(),
            contact_email: "nope".into(),
            statement: "wrong".into(),
            ..complete()
        };
        let errors = check_counter_notice(&draft);
        let fields: Vec<&str> = errors.keys().map(String::as_str).collect();
        assert_eq!(fields, ["contact_email", "declared", "ground", "statement"]);
    }

    #[test]
    fn windows_are_counted_in_days() {
        let policy = SellerPolicy::DEFAULT;
        assert_eq!(policy.appeal_closes_at(0), 14 * DAY_MS);
        assert_eq!(policy.response_due_at(DAY_MS), 11 * DAY_MS);
        assert_eq!(policy.strikes_since(100 * DAY_MS), 10 * DAY_MS);
    }

    #[test]
    fn responses_need_a_kind_and_words() {
        assert_eq!(
            check_response("legal_action", "Proceedings filed in Munich."),
            Ok(ResponseKind::LegalAction)
        );
        assert_eq!(
            check_response("", "Proceedings filed.")
                .expect_err("no kind")
                .0,
            "kind"
        );
        assert_eq!(
            check_response("evidence", "see").expect_err("too short").0,
            "text"
        );
    }

    #[test]
    fn personal_data_is_taken_out_of_explanations() {
        assert_eq!(
            redact_personal_data(
                "Test buy 4411, call +44-20-7946-0958 or mail jo@brand.example now"
            ),
            "Test buy 4411, call [number removed] or mail [e-mail removed] now"
        );
    }
}
