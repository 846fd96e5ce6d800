//! The most any caller may send: every free text, list and page number a person or a
//! program gives the portal has a maximum here (or next to the rule it belongs to, e.g.
//! [`crate::domain::report::MAX_ITEMS_PER_REPORT`]), checked by the use case before any work
//! is done, and refused with a message that names it. docs/security.md lists them all.

/// A short reason or note: lifting a suspension, verifying or rejecting a right, overriding
/// a tier.
pub const MAX_NOTE_CHARS: usize = 1_000;

/// An explanation the other party reads: rejecting a notice, upholding a removal, overturning
/// a takedown in audit, restoring a listing.
pub const MAX_DECISION_CHARS: usize = 4_000;

/// A person's name or signature, a seller's name.
pub const MAX_NAME_CHARS: usize = 120;

/// A postal address.
pub const MAX_ADDRESS_CHARS: usize = 500;

/// Search words typed into a filter.
pub const MAX_SEARCH_CHARS: usize = 100;

/// One line of a notice (a listing's marketplace id or address).
pub const MAX_LINE_CHARS: usize = 500;

/// A pasted list of lines, blank lines included: 300 lines of 500 characters and room for
/// spacing.
pub const MAX_LINES_TEXT_CHARS: usize = 200_000;

/// A price typed into a filter or list (`1234.56`).
pub const MAX_PRICE_CHARS: usize = 20;

/// A password: far beyond any passphrase, and a bound on what one sign-in makes the hash
/// read.
pub const MAX_PASSWORD_BYTES: usize = 1_024;

/// Uploads a person may have made in the last day that are attached to nothing yet.
pub const MAX_UNATTACHED_UPLOADS: i64 = 30;

/// Their bytes together: six files at the 5 MB limit, with room.
pub const MAX_UNATTACHED_UPLOAD_BYTES: i64 = 60_000_000;

/// How long an upload attached to nothing is kept before the hourly sweep removes it.
pub const UNUSED_UPLOAD_KEPT_MS: i64 = 24 * 3_600_000;

/// The last page (zero-based) of a list for signed-in people: 10,000 pages of 25–50 rows is
/// beyond any list they page through; filters find the rest.
pub const MAX_PAGE: i64 = 9_999;

/// The last page (zero-based) of the public marketplace search: visitors page through at
/// most 200 pages (10,000 listings) and search for the rest, so nobody makes the database
/// skip a million rows.
pub const MAX_PUBLIC_PAGE: i64 = 199;

/// `Err` with a message naming the limit when `text` has more than `max` characters;
/// `what` says what it is ("the reason").
pub fn check_chars(text: &str, max: usize, what: &str) -> Result<(), String> {
    let count = text.chars().count();
    if count > max {
        return Err(format!(
            "Keep {what} to {} characters; this has {}.",
            thousands(max),
            thousands(count)
        ));
    }
    Ok(())
}

/// A zero-based page number, checked: `Err` with the range people see (pages from 1) when
/// it is below the first page or beyond `last`.
pub fn check_page(page: i64, last: i64) -> Result<i64, String> {
    if (0..=last).contains(&page) {
        Ok(page)
    } else {
        Err(format!(
            "Pages run from 1 to {}; narrow the search to see further.",
            thousands(usize::try_from(last + 1).unwrap_or(usize::MAX))
        ))
    }
}

/// `12345` → `12,345`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (at, digit) in digits.chars().enumerate() {
        if at > 0 && (digits.len() - at).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_over_their_limit_are_refused_with_the_limit() {
        assert_eq!(check_chars("short", 10, "the reason"), Ok(()));
        assert_eq!(check_chars(&"é".repeat(10), 10, "the reason"), Ok(()));
        assert_eq!(
            check_chars(&"x".repeat(1_001), MAX_NOTE_CHARS, "the reason"),
            Err("Keep the reason to 1,000 characters; this has 1,001.".into())
        );
    }

    #[test]
    fn pages_stay_in_range_whatever_is_asked() {
        assert_eq!(check_page(0, MAX_PAGE), Ok(0));
        assert_eq!(check_page(MAX_PAGE, MAX_PAGE), Ok(MAX_PAGE));
        for page in [-1, MAX_PAGE + 1, 1_000_000_000, i64::MAX, i64::MIN] {
            assert_eq!(
                check_page(page, MAX_PAGE),
                Err("Pages run from 1 to 10,000; narrow the search to see further.".into()),
                "{page}"
            );
        }
        // The largest page times the largest page size cannot overflow.
        assert!(MAX_PAGE.checked_mul(1_000).is_some());
    }
}
