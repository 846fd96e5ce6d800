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
    use crate::domain::limits::{MAX_ADDRESS_CHARS, MAX_NAME_CHARS, check_chars};
    for (field, text, max, what) in [
        (
            "contact_name",
            &draft.contact_name,
            MAX_NAME_CHARS,
            "the name",
        ),
        (
            "contact_address",
            &draft.contact_address,
            MAX_ADDRESS_CHARS,
            "the address",
        ),
        (
            "signature",
            &draft.signature,
            MAX_NAME_CHARS,
            "the signature",
        ),
    ] {
        if let Err(message) = check_chars(text.trim(), max, what) {
            add(&mut errors, field, &message);
        }
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

/// Removes personal data from a brand's text before a seller or the public reads it (DSA
/// Art. 17(3)(c) asks for the facts, not people's details): e-mail addresses, and phone
/// numbers however they are written — one run of digits, groups split by spaces, dashes,
/// dots or brackets, or a `tel:` link.
pub fn redact_personal_data(text: &str) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut at = 0;
    while at < words.len() {
        let word = words[at];
        if word.contains('@') && word.contains('.') {
            out.push("[e-mail removed]".into());
            at += 1;
            continue;
        }
        // A phone number may be spread over several words: take the longest run of
        // number-like words (a run ends at a word with trailing punctuation) and count its
        // digits. Seven or more is a number worth hiding; fewer is a quantity or a year.
        let mut end = at;
        let mut digits = 0;
        let mut tail = "";
        while end < words.len() {
            let Some((core, punctuation)) = number_part(words[end], end == at) else {
                break;
            };
            digits += core.chars().filter(char::is_ascii_digit).count();
            end += 1;
            if !punctuation.is_empty() {
                tail = punctuation;
                break;
            }
        }
        if digits >= 7 {
            out.push(format!("[number removed]{tail}"));
            at = end;
        } else {
            out.push(word.to_owned());
            at += 1;
        }
    }
    out.join(" ")
}

/// A word that can be part of a phone number, split into the number-like part and the
/// punctuation after it (`"0958,"` → `("0958", ",")`). The first word of a run may carry a
/// `tel:` prefix. A word without a digit may only be a lone joiner such as `-` or `(0)`.
fn number_part(word: &str, first: bool) -> Option<(&str, &str)> {
    let word = match word.get(..4) {
        Some(prefix) if first && prefix.eq_ignore_ascii_case("tel:") => &word[4..],
        _ => word,
    };
    let core = word.trim_end_matches([',', ';', ':', '.', '!', '?']);
    let punctuation = &word[core.len()..];
    let number_like = !core.is_empty()
        && core
            .chars()
            .all(|c| c.is_ascii_digit() || "+-()./".contains(c));
    let has_digit = core.chars().any(|c| c.is_ascii_digit());
    (number_like && (has_digit || core.len() <= 3)).then_some((core, punctuation))
}

/// The events on a listing's trail its seller is shown: what happened to their listing and
/// to them (removal, restoration, their counter-notice and its outcome, strikes,
/// suspension). Investigations — inquiries, clearances — and the brand's side of an appeal
/// stay with the people handling the case.
pub const SELLER_TRAIL_ACTIONS: &[&str] = &[
    "listing.removed",
    "listing.restored",
    "counter_notice.filed",
    "counter_notice.no_response",
    "counter_notice.upheld",
    "seller.strike",
    "seller.strike_confirmed",
    "seller.strike_removed",
    "seller.suspended",
    "seller.suspension_lifted",
    "seller.suspension_ended",
    "seller.reinstated",
];

/// Whether a listing's seller may see an event of this kind on its trail.
pub fn seller_sees(action: &str) -> bool {
    SELLER_TRAIL_ACTIONS.contains(&action)
}

/// An event's detail as the listing's seller reads it. A removal or restoration is told in
/// fixed words (its stored detail may name an inquiry or a reviewer's note, which stay with
/// the people handling the case; the statement of reasons gives the seller the grounds); the
/// rest are the system's own words, with any personal data taken out.
pub fn detail_for_seller(action: &str, detail: &str) -> String {
    match action {
        "listing.removed" => {
            "Removed on a rights holder's notice; the statement of reasons says why.".into()
        }
        "listing.restored" => "Restored: the listing is on sale again.".into(),
        "seller.strike_confirmed" => {
            "Strike confirmed by marketplace staff: it now counts towards suspension.".into()
        }
        _ => redact_personal_data(detail),
    }
}

/// Who did something, as a seller is told it: a role, never a person's name.
pub fn role_for_seller(role: Option<crate::domain::account::Role>) -> &'static str {
    use crate::domain::account::Role;
    match role {
        None => "Goodfaith",
        Some(Role::BrandStaff) => "Rights holder",
        Some(Role::AccountManager | Role::Admin) => "Marketplace staff",
        Some(Role::Seller) => "You",
    }
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

    #[test]
    fn phone_numbers_written_with_spaces_or_as_links_are_removed() {
        for (text, expected) in [
            (
                "call +44 20 7946 0958, thanks",
                "call [number removed], thanks",
            ),
            ("ring (020) 7946 0958.", "ring [number removed]."),
            ("tel:+442079460958 any time", "[number removed] any time"),
            ("TEL:020-7946-0958", "[number removed]"),
            ("call 0 20 - 7946 0958 today", "call [number removed] today"),
        ] {
            assert_eq!(redact_personal_data(text), expected, "{text}");
        }
    }

    #[test]
    fn quantities_dates_and_prices_stay() {
        for text in [
            "Bought 2 units on 12 March 2026 for 49.99 each",
            "Order 4411, 2026 batch, 120 pieces",
            "Serial numbers 1234 and 5678 do not exist.",
        ] {
            assert_eq!(redact_personal_data(text), text);
        }
    }

    #[test]
    fn sellers_see_their_case_but_not_investigations() {
        assert!(seller_sees("listing.removed"));
        assert!(seller_sees("counter_notice.upheld"));
        assert!(seller_sees("seller.suspended"));
        assert!(!seller_sees("listing.inquiry_sent"));
        assert!(!seller_sees("listing.cleared"));
        assert!(!seller_sees("counter_notice.responded"));
        assert_eq!(role_for_seller(None), "Goodfaith");
        assert_eq!(
            role_for_seller(Some(crate::domain::account::Role::BrandStaff)),
            "Rights holder"
        );
    }
}
