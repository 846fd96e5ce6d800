//! Marketplace listings as the portal sees them.

use serde::{Deserialize, Serialize};

/// Where a listing is in its life on the marketplace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ListingStatus {
    /// Visible and buyable.
    Live,
    /// Taken down after a notice.
    Removed,
    /// Put back after a counter-notice or an overturned takedown.
    Restored,
}

stored_names!(ListingStatus {
    Live => "live",
    Removed => "removed",
    Restored => "restored",
});

impl ListingStatus {
    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            ListingStatus::Live => "Live",
            ListingStatus::Removed => "Removed",
            ListingStatus::Restored => "Restored",
        }
    }
}

/// Reads a price typed in whole units ("349", "349.5", "1,349.00") as cents; refuses
/// negatives, more than two decimals and anything that is not a number.
pub fn parse_price(text: &str) -> Result<i64, String> {
    let cleaned: String = text.trim().chars().filter(|c| *c != ',').collect();
    let (whole, fraction) = cleaned.split_once('.').unwrap_or((&cleaned, ""));
    let digits = |part: &str| part.chars().all(|c| c.is_ascii_digit());
    if cleaned.is_empty() || whole.is_empty() || !digits(whole) || !digits(fraction) {
        return Err(format!(
            "\"{}\" is not a price; type it like 349.00.",
            text.trim()
        ));
    }
    if fraction.len() > 2 {
        return Err("A price has at most two decimals.".into());
    }
    let whole: i64 = whole
        .parse()
        .ok()
        .filter(|units: &i64| *units <= 100_000_000)
        .ok_or_else(|| "That price is too large.".to_owned())?;
    let cents: i64 = format!("{fraction:0<2}").parse().unwrap_or(0);
    Ok(whole * 100 + cents)
}

/// Formats a price held in minor units (cents) with its currency code, e.g. `USD 1,249.00`.
pub fn format_price(cents: i64, currency: &str) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let cents = cents.unsigned_abs();
    let whole = (cents / 100).to_string();
    let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    format!("{currency} {sign}{grouped}.{:02}", cents % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_prices_become_cents() {
        assert_eq!(parse_price("349"), Ok(34_900));
        assert_eq!(parse_price(" 1,349.5 "), Ok(134_950));
        assert_eq!(parse_price("0.99"), Ok(99));
        for bad in ["", "-3", "12.345", "abc", ".5", "1e3"] {
            assert!(parse_price(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn statuses_round_trip_through_their_stored_names() {
        for status in ListingStatus::ALL {
            assert_eq!(ListingStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(ListingStatus::parse("deleted"), None);
    }

    #[test]
    fn prices_show_cents_and_thousands() {
        assert_eq!(format_price(124_900, "USD"), "USD 1,249.00");
        assert_eq!(format_price(999, "USD"), "USD 9.99");
        assert_eq!(format_price(5, "EUR"), "EUR 0.05");
        assert_eq!(format_price(100_000_000, "USD"), "USD 1,000,000.00");
    }
}
