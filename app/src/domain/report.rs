//! Notices (reports) and their items: what a brand may report, how each pasted line is read,
//! and the life of an item from submission to decision (DESIGN.md "Report item lifecycle").

use serde::{Deserialize, Serialize};

use crate::domain::listing::{ListingUrls, check_external_id};

/// Most listings one report may name (DESIGN.md "Core objects").
pub const MAX_ITEMS_PER_REPORT: usize = 300;

/// Why a brand says a listing infringes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ReasonCode {
    /// Fake goods bearing the brand's mark.
    Counterfeit,
    /// The mark is used without permission (not necessarily on fakes).
    TrademarkMisuse,
    /// Copied text, photos or other works.
    Copyright,
    /// A registered design is copied.
    Design,
    /// A patent is infringed.
    Patent,
}

stored_names!(ReasonCode {
    Counterfeit => "counterfeit",
    TrademarkMisuse => "trademark_misuse",
    Copyright => "copyright",
    Design => "design",
    Patent => "patent",
});

impl ReasonCode {
    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            ReasonCode::Counterfeit => "Counterfeit",
            ReasonCode::TrademarkMisuse => "Trademark misuse",
            ReasonCode::Copyright => "Copyright",
            ReasonCode::Design => "Design right",
            ReasonCode::Patent => "Patent",
        }
    }
}

/// Why a reviewer rejected an item: machine-readable, so tiers and misuse rules can count them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RejectionCode {
    /// The evidence does not show infringement.
    InsufficientEvidence,
    /// The right named does not cover this product.
    RightDoesNotCover,
    /// The listing does not infringe (counts towards misuse, DSA Art. 23).
    NotInfringing,
    /// The listing could not be found as described.
    ListingNotFound,
    /// Already reported.
    Duplicate,
    /// Anything else, explained in words.
    Other,
}

stored_names!(RejectionCode {
    InsufficientEvidence => "insufficient_evidence",
    RightDoesNotCover => "right_does_not_cover",
    NotInfringing => "not_infringing",
    ListingNotFound => "listing_not_found",
    Duplicate => "duplicate",
    Other => "other",
});

impl RejectionCode {
    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            RejectionCode::InsufficientEvidence => "Insufficient evidence",
            RejectionCode::RightDoesNotCover => "Right does not cover the product",
            RejectionCode::NotInfringing => "Not infringing",
            RejectionCode::ListingNotFound => "Listing not found",
            RejectionCode::Duplicate => "Duplicate",
            RejectionCode::Other => "Other",
        }
    }
}

/// Where one reported listing is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ItemStatus {
    /// Waiting for an account manager.
    Pending,
    /// Upheld: the listing was removed.
    Removed,
    /// Not upheld, with a rejection code.
    Rejected,
    /// Retracted by the brand before a decision.
    Withdrawn,
    /// The seller appealed the removal.
    CounterNoticed,
    /// The appeal succeeded: the listing is back.
    Restored,
    /// The appeal failed: the removal stands.
    RemovalStands,
}

stored_names!(ItemStatus {
    Pending => "pending",
    Removed => "removed",
    Rejected => "rejected",
    Withdrawn => "withdrawn",
    CounterNoticed => "counter_noticed",
    Restored => "restored",
    RemovalStands => "removal_stands",
});

impl ItemStatus {
    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            ItemStatus::Pending => "Pending review",
            ItemStatus::Removed => "Removed",
            ItemStatus::Rejected => "Rejected",
            ItemStatus::Withdrawn => "Withdrawn",
            ItemStatus::CounterNoticed => "Counter-notice filed",
            ItemStatus::Restored => "Restored after counter-notice",
            ItemStatus::RemovalStands => "Removal stands",
        }
    }
}

/// The good-faith declaration a brand makes on every report (DSA Art. 16(2)(d)); stored with
/// each report exactly as it was shown.
pub const DECLARATION: &str = "I declare in good faith that the information and allegations in \
this notice are accurate and complete, that the use of the material described is not \
authorised by the rights holder, its agent or the law, and that I am authorised to act on \
behalf of the rights holder.";

/// Longest explanation a report may carry.
pub const MAX_EXPLANATION_CHARS: usize = 5_000;

/// Checks a typed full-name signature: at least two words, so initials or a single
/// keystroke do not pass as a signature.
pub fn check_signature(signature: &str) -> Result<String, String> {
    let signature = signature.split_whitespace().collect::<Vec<_>>().join(" ");
    if signature.is_empty() {
        Err("Type your full name to sign the declaration.".into())
    } else if signature.split(' ').count() < 2 || signature.chars().count() < 4 {
        Err("Type your full name (first and last name) to sign.".into())
    } else if signature.chars().count() > 120 {
        Err("The signature is longer than 120 characters.".into())
    } else {
        Ok(signature)
    }
}

/// Checks a report's explanation: required, and not a novel.
pub fn check_explanation(text: &str) -> Result<String, String> {
    let text = text.trim();
    if text.chars().count() < 10 {
        Err(
            "Explain in a sentence or two why these listings infringe (at least 10 characters)."
                .into(),
        )
    } else if text.chars().count() > MAX_EXPLANATION_CHARS {
        Err(format!(
            "The explanation is longer than {MAX_EXPLANATION_CHARS} characters."
        ))
    } else {
        Ok(text.to_owned())
    }
}

/// Something that happens to an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ItemEvent {
    /// A reviewer upheld the notice: the listing is removed.
    Uphold,
    /// A reviewer rejected the notice.
    Reject,
    /// The brand retracted it before a decision.
    Withdraw,
    /// The brand retracted its own instant takedown: the listing is restored and the item
    /// counts as withdrawn, not against the brand.
    Retract,
    /// The account manager's audit overturned an instant takedown: the listing is restored
    /// and the item counts as a rejection.
    Overturn,
    /// The seller filed a counter-notice.
    CounterNotice,
    /// The counter-notice was upheld: the listing is restored.
    Restore,
    /// The counter-notice was turned down.
    KeepRemoved,
}

/// An event that the item's current status does not allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a {status:?} item cannot be {event:?}")]
pub struct IllegalTransition {
    /// Where the item was.
    pub status: ItemStatus,
    /// What was attempted.
    pub event: ItemEvent,
}

/// The item lifecycle, one row a move: (from, event, to). The one place the moves are
/// written down: [`ItemStatus::apply`] reads it, and so does the database's lifecycle engine
/// (`db::lifecycle`), whose status-guarded updates take their `from` and `to` from here.
/// An item is born `Pending` (a notice) or `Removed` (an instant takedown or a "counterfeit"
/// answer to an inquiry, see [`ItemStatus::filed`]).
pub const TRANSITIONS: [(ItemStatus, ItemEvent, ItemStatus); 8] = [
    (ItemStatus::Pending, ItemEvent::Uphold, ItemStatus::Removed),
    (ItemStatus::Pending, ItemEvent::Reject, ItemStatus::Rejected),
    (
        ItemStatus::Pending,
        ItemEvent::Withdraw,
        ItemStatus::Withdrawn,
    ),
    (
        ItemStatus::Removed,
        ItemEvent::Retract,
        ItemStatus::Withdrawn,
    ),
    (
        ItemStatus::Removed,
        ItemEvent::Overturn,
        ItemStatus::Rejected,
    ),
    (
        ItemStatus::Removed,
        ItemEvent::CounterNotice,
        ItemStatus::CounterNoticed,
    ),
    (
        ItemStatus::CounterNoticed,
        ItemEvent::Restore,
        ItemStatus::Restored,
    ),
    (
        ItemStatus::CounterNoticed,
        ItemEvent::KeepRemoved,
        ItemStatus::RemovalStands,
    ),
];

/// What a move does to the reported listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListingEffect {
    /// Nothing.
    None,
    /// Taken off sale, with a strike on its seller.
    Remove,
    /// Back on sale as restored, the removal's strike lifted.
    Restore,
}

impl ItemEvent {
    /// The one status this event may be applied to.
    pub fn from(self) -> ItemStatus {
        TRANSITIONS
            .iter()
            .find(|(_, event, _)| *event == self)
            .map(|(from, _, _)| *from)
            .unwrap_or(ItemStatus::Pending)
    }

    /// What the move does to the listing.
    pub fn listing_effect(self) -> ListingEffect {
        match self {
            ItemEvent::Uphold => ListingEffect::Remove,
            ItemEvent::Retract | ItemEvent::Overturn | ItemEvent::Restore => ListingEffect::Restore,
            ItemEvent::Reject
            | ItemEvent::Withdraw
            | ItemEvent::CounterNotice
            | ItemEvent::KeepRemoved => ListingEffect::None,
        }
    }

    /// Whether the move changes the brand's figures, so its tier is recomputed in the same
    /// transaction. A withdrawal before a decision, a counter-notice and a removal that
    /// stands leave the figures as they were (a removal counts as upheld throughout).
    pub fn changes_figures(self) -> bool {
        matches!(
            self,
            ItemEvent::Uphold
                | ItemEvent::Reject
                | ItemEvent::Retract
                | ItemEvent::Overturn
                | ItemEvent::Restore
        )
    }

    /// Whether the move stamps the item as decided (who and when).
    pub fn decides(self) -> bool {
        matches!(
            self,
            ItemEvent::Uphold | ItemEvent::Reject | ItemEvent::Withdraw | ItemEvent::Overturn
        )
    }
}

impl ItemStatus {
    /// The status after `event`, or why the event is not allowed now. Decided items stay
    /// decided: this is what turns a second, concurrent decision into "already decided".
    pub fn apply(self, event: ItemEvent) -> Result<ItemStatus, IllegalTransition> {
        TRANSITIONS
            .iter()
            .find(|(from, on, _)| *from == self && *on == event)
            .map(|(_, _, to)| *to)
            .ok_or(IllegalTransition {
                status: self,
                event,
            })
    }

    /// The status an item is born with: removed at once when the brand takes the listing
    /// down itself (Joint-Force), otherwise waiting for review.
    pub fn filed(instant: bool) -> ItemStatus {
        if instant {
            ItemStatus::Removed
        } else {
            ItemStatus::Pending
        }
    }

    /// Whether a reviewer may still decide it.
    pub fn is_pending(self) -> bool {
        self == ItemStatus::Pending
    }
}

/// One non-empty line of a pasted list, as the brand typed it and as it was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineCheck {
    /// 1-based line number in the text the brand entered.
    pub line: usize,
    /// The line as entered (trimmed).
    pub text: String,
    /// The marketplace's id of the listing it names, or why it cannot be used.
    pub outcome: Result<String, String>,
}

/// Reads a listing reference: the marketplace's id of the listing (`12345`, `B0C1XYZ`) or a
/// listing URL of the marketplace's form (`urls`, e.g. `https://market.example/listings/12345`,
/// with any query or fragment). Returns the marketplace's id.
pub fn parse_listing_ref(text: &str, urls: &ListingUrls) -> Result<String, String> {
    use crate::domain::limits::MAX_LINE_CHARS;
    let text = text.trim();
    if text.chars().count() > MAX_LINE_CHARS {
        return Err(format!("A line holds at most {MAX_LINE_CHARS} characters."));
    }
    if text.starts_with("https://") || text.starts_with("http://") {
        return match urls.id_in(text).map(check_external_id) {
            Some(Ok(id)) => Ok(id.to_owned()),
            _ => Err(format!(
                "This URL is not a listing address (expected {}).",
                urls.example()
            )),
        };
    }
    if text.contains("://") {
        return Err(format!(
            "Enter a listing ID or a listing URL starting with https://, like {}.",
            urls.example()
        ));
    }
    check_external_id(text).map(str::to_owned).map_err(|_| {
        format!(
            "Enter a listing ID (letters, digits, . _ - :) or a listing URL like {}.",
            urls.example()
        )
    })
}

/// The non-blank lines of a pasted list: how many listings it names, read or not.
pub fn count_lines(text: &str) -> usize {
    text.lines().filter(|line| !line.trim().is_empty()).count()
}

/// Checks every line of a pasted list on its own: blank lines are skipped, each other line
/// must name a listing, and a listing named twice is reported on its second line.
/// Checks that need the database (unknown listing, ended, already removed, already under
/// review) are made afterwards, on the lines that pass these.
pub fn check_lines(text: &str, urls: &ListingUrls) -> Vec<LineCheck> {
    let mut first_seen = std::collections::HashMap::new();
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(index, raw)| {
            let line = index + 1;
            let outcome = parse_listing_ref(raw, urls).and_then(|id| match first_seen.get(&id) {
                Some(first) => Err(format!(
                    "Repeated: listing {id} is already on line {first}."
                )),
                None => {
                    first_seen.insert(id.clone(), line);
                    Ok(id)
                }
            });
            LineCheck {
                line,
                text: raw.trim().to_owned(),
                outcome,
            }
        })
        .collect()
}

/// The message for a list longer than a report may be, if it is.
pub fn too_many_lines(lines: usize) -> Option<String> {
    (lines > MAX_ITEMS_PER_REPORT).then(|| {
        format!(
            "A report can name at most {MAX_ITEMS_PER_REPORT} listings; this one has {lines}. \
             Split it into several reports."
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_event_has_one_from_status_and_apply_agrees_with_it() {
        for (from, event, to) in TRANSITIONS {
            assert_eq!(event.from(), from);
            assert_eq!(from.apply(event), Ok(to));
            for other in ItemStatus::ALL.into_iter().filter(|status| *status != from) {
                assert!(other.apply(event).is_err(), "{other:?} {event:?}");
            }
        }
    }

    #[test]
    fn an_instant_takedown_can_be_retracted_or_overturned_but_not_after_an_appeal() {
        assert_eq!(
            ItemStatus::Removed.apply(ItemEvent::Retract),
            Ok(ItemStatus::Withdrawn)
        );
        assert_eq!(
            ItemStatus::Removed.apply(ItemEvent::Overturn),
            Ok(ItemStatus::Rejected)
        );
        assert!(
            ItemStatus::CounterNoticed
                .apply(ItemEvent::Retract)
                .is_err()
        );
        assert_eq!(ItemStatus::filed(true), ItemStatus::Removed);
        assert_eq!(ItemStatus::filed(false), ItemStatus::Pending);
    }

    #[test]
    fn a_signature_needs_a_full_name() {
        assert!(check_signature("").is_err());
        assert!(check_signature("Ann").is_err());
        assert!(check_signature("A B").is_err());
        assert_eq!(check_signature("  Ann   Lee ").as_deref(), Ok("Ann Lee"));
    }

    #[test]
    fn an_explanation_is_required_and_bounded() {
        assert!(check_explanation("fake").is_err());
        assert!(check_explanation(&"x".repeat(MAX_EXPLANATION_CHARS + 1)).is_err());
        assert!(check_explanation("Counterfeit logo and packaging.").is_ok());
    }

    #[test]
    fn codes_round_trip_through_their_stored_names() {
        for status in ItemStatus::ALL {
            assert_eq!(ItemStatus::parse(status.as_str()), Some(status));
        }
        for code in ReasonCode::ALL {
            assert_eq!(ReasonCode::parse(code.as_str()), Some(code));
        }
        for code in RejectionCode::ALL {
            assert_eq!(RejectionCode::parse(code.as_str()), Some(code));
        }
        assert_eq!(ReasonCode::parse("vibes"), None);
    }

    const URLS: ListingUrls = ListingUrls::DEFAULT;

    #[test]
    fn a_bare_listing_id_is_read() {
        assert_eq!(parse_listing_ref(" 12345 ", &URLS), Ok("12345".into()));
        assert_eq!(parse_listing_ref("B0C-1XYZ", &URLS), Ok("B0C-1XYZ".into()));
    }

    #[test]
    fn a_listing_url_is_read_with_or_without_query_and_slash() {
        for url in [
            "https://market.example/listings/42",
            "http://market.example/listings/42/",
            "https://market.example/listings/42?ref=ad#top",
        ] {
            assert_eq!(parse_listing_ref(url, &URLS), Ok("42".into()), "{url}");
        }
        let own = ListingUrls::parse("https://market.example/item/{id}.html").expect("pattern");
        assert_eq!(
            parse_listing_ref("https://market.example/item/A-7.html", &own),
            Ok("A-7".into())
        );
    }

    #[test]
    fn a_url_that_is_not_a_listing_is_refused_with_the_expected_shape() {
        let error =
            parse_listing_ref("https://market.example/sellers/42", &URLS).expect_err("refused");
        assert!(error.contains("/listings/12345"), "{error}");
        assert!(parse_listing_ref("https://market.example/listings/a<b", &URLS).is_err());
        assert!(parse_listing_ref("https://market.example", &URLS).is_err());
    }

    #[test]
    fn text_that_is_neither_id_nor_url_is_refused() {
        assert!(parse_listing_ref("helios fake", &URLS).is_err());
        assert!(parse_listing_ref("ftp://market.example/listings/1", &URLS).is_err());
        assert!(parse_listing_ref(&"9".repeat(65), &URLS).is_err());
    }

    #[test]
    fn each_line_is_checked_on_its_own_and_blank_lines_are_skipped() {
        let checks = check_lines(
            "101\n\nnot a listing\nhttps://m.example/listings/102\n",
            &URLS,
        );
        assert_eq!(checks.len(), 3);
        assert_eq!(
            (checks[0].line, checks[0].outcome.clone()),
            (1, Ok("101".into()))
        );
        assert_eq!(checks[1].line, 3);
        assert!(checks[1].outcome.is_err());
        assert_eq!(
            (checks[2].line, checks[2].outcome.clone()),
            (4, Ok("102".into()))
        );
    }

    #[test]
    fn a_listing_named_twice_is_flagged_on_its_second_line() {
        let checks = check_lines("101\nhttps://m.example/listings/101", &URLS);
        assert_eq!(checks[0].outcome, Ok("101".into()));
        assert_eq!(
            checks[1].outcome,
            Err("Repeated: listing 101 is already on line 1.".into())
        );
    }

    #[test]
    fn three_hundred_lines_fit_and_three_hundred_and_one_do_not() {
        let list = |n: usize| {
            (1..=n)
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        };
        assert_eq!(too_many_lines(count_lines(&list(300))), None);
        assert!(too_many_lines(count_lines(&list(301))).is_some());
    }

    #[test]
    fn a_pending_item_can_be_decided_once() {
        let removed = ItemStatus::Pending
            .apply(ItemEvent::Uphold)
            .expect("upheld");
        assert_eq!(removed, ItemStatus::Removed);
        assert!(removed.apply(ItemEvent::Reject).is_err());
        assert!(removed.apply(ItemEvent::Uphold).is_err());
    }

    #[test]
    fn only_pending_items_can_be_withdrawn() {
        assert_eq!(
            ItemStatus::Pending.apply(ItemEvent::Withdraw),
            Ok(ItemStatus::Withdrawn)
        );
        assert!(ItemStatus::Rejected.apply(ItemEvent::Withdraw).is_err());
    }

    #[test]
    fn a_counter_notice_ends_in_restoration_or_a_standing_removal() {
        let noticed = ItemStatus::Removed
            .apply(ItemEvent::CounterNotice)
            .expect("appealed");
        assert_eq!(noticed.apply(ItemEvent::Restore), Ok(ItemStatus::Restored));
        assert_eq!(
            noticed.apply(ItemEvent::KeepRemoved),
            Ok(ItemStatus::RemovalStands)
        );
        assert!(
            ItemStatus::Rejected
                .apply(ItemEvent::CounterNotice)
                .is_err()
        );
    }
}
