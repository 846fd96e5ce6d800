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
