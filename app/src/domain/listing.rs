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

/// The longest marketplace id of a listing or seller.
pub const MAX_EXTERNAL_ID_CHARS: usize = 64;

/// Checks a marketplace id (of a listing or a seller): 1 to 64 letters, digits, `.`, `_`,
/// `-` or `:` — what marketplaces use for ids (`12345`, `B0C1XYZ`, `item-123.456`).
pub fn check_external_id(text: &str) -> Result<&str, String> {
    let id = text.trim();
    if id.is_empty() {
        return Err("The id is empty.".into());
    }
    if id.chars().count() > MAX_EXTERNAL_ID_CHARS {
        return Err(format!(
            "An id is at most {MAX_EXTERNAL_ID_CHARS} characters."
        ));
    }
    if !id
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | ':'))
    {
        return Err("An id has only letters, digits and . _ - :".into());
    }
    Ok(id)
}

/// Where the marketplace's listing addresses hold the listing's id, e.g.
/// `https://market.example/item/{id}.html`: a listing URL a brand pastes is read for its id.
/// Configured once (`GOODFAITH_LISTING_URL_PATTERN`); `https://*/listings/{id}` by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListingUrls {
    /// The host, or `None` for any host (`*`).
    host: Option<&'static str>,
    /// The path before the id, from its first `/`.
    before: &'static str,
    /// What follows the id in the path (often nothing).
    after: &'static str,
}

impl Default for ListingUrls {
    fn default() -> Self {
        ListingUrls::DEFAULT
    }
}

impl ListingUrls {
    /// Any host, the id after `/listings/`.
    pub const DEFAULT: ListingUrls = ListingUrls {
        host: None,
        before: "/listings/",
        after: "",
    };

    /// Reads a pattern: `http(s)://host/path{id}rest`, the host `*` for any.
    pub fn parse(pattern: &'static str) -> Result<ListingUrls, String> {
        let rest = pattern
            .strip_prefix("https://")
            .or_else(|| pattern.strip_prefix("http://"))
            .ok_or("The listing URL pattern must start with https:// or http://.")?;
        let (host, path) = rest
            .split_once('/')
            .ok_or("The listing URL pattern needs a path with {id} in it.")?;
        let (before, after) = path
            .split_once("{id}")
            .ok_or("The listing URL pattern must contain {id} where the listing's id goes.")?;
        if host.is_empty() || after.contains("{id}") {
            return Err("The listing URL pattern needs a host and one {id}.".into());
        }
        // The '/' that split_once took is the start of the path.
        let before =
            &pattern[pattern.len() - path.len() - 1..pattern.len() - path.len() + before.len()];
        Ok(ListingUrls {
            host: (host != "*").then_some(host),
            before,
            after,
        })
    }

    /// The listing id in a listing URL of this form, if it is one (query and fragment, and a
    /// trailing `/`, are ignored).
    pub fn id_in<'a>(&self, url: &'a str) -> Option<&'a str> {
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"))?;
        let rest = rest.split(['?', '#']).next()?;
        let slash = rest.find('/')?;
        let (host, path) = rest.split_at(slash);
        if let Some(expected) = self.host
            && !host.eq_ignore_ascii_case(expected)
        {
            return None;
        }
        let path = path.strip_suffix('/').unwrap_or(path);
        let id = path.strip_prefix(self.before)?.strip_suffix(self.after)?;
        (!id.is_empty() && !id.contains('/')).then_some(id)
    }

    /// An example address, for messages.
    pub fn example(&self) -> String {
        format!(
            "https://{}{}12345{}",
            self.host.unwrap_or("marketplace.example"),
            self.before,
            self.after
        )
    }
}

/// Reads a price typed in whole units ("349", "349.5", "1,349.00") as cents; refuses
/// negatives, more than two decimals and anything that is not a number.
pub fn parse_price(text: &str) -> Result<i64, String> {
    if text.trim().chars().count() > crate::domain::limits::MAX_PRICE_CHARS {
        return Err("That is not a price; type it like 349.00.".into());
    }
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
    format!(
        "{currency} {sign}{}.{:02}",
        grouped(cents / 100),
        cents % 100
    )
}

/// Formats a count with thousands separators, e.g. `2,000`.
pub fn format_count(count: i64) -> String {
    let sign = if count < 0 { "-" } else { "" };
    format!("{sign}{}", grouped(count.unsigned_abs()))
}

/// A count with its noun, singular for one: "1 listing", "2,000 listings" (regular plurals).
pub fn counted(count: i64, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{} {noun}s", format_count(count))
    }
}

/// The digits of `whole` in groups of three, e.g. `1,249`.
fn grouped(whole: u64) -> String {
    let whole = whole.to_string();
    let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

/// Percent-encodes text for a query string (search terms, filters in a download link):
/// everything but unreserved ASCII, byte by byte.
pub fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (byte as char).to_string()
            }
            _ => format!("%{byte:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(format_count(0), "0");
        assert_eq!(format_count(999), "999");
        assert_eq!(format_count(2_000), "2,000");
        assert_eq!(format_count(-1_234_567), "-1,234,567");
    }

    #[test]
    fn listing_urls_give_their_id() {
        let any = ListingUrls::DEFAULT;
        assert_eq!(any.id_in("https://m.example/listings/42"), Some("42"));
        assert_eq!(
            any.id_in("http://m.example/listings/B0-42/?ref=ad#top"),
            Some("B0-42")
        );
        assert_eq!(any.id_in("https://m.example/sellers/42"), None);
        assert_eq!(any.id_in("https://m.example/listings/"), None);
        assert_eq!(any.id_in("https://m.example/listings/4/2"), None);
        let own = ListingUrls::parse("https://market.example/item/{id}.html").expect("pattern");
        assert_eq!(
            own.id_in("https://MARKET.example/item/A-7.html?x=1"),
            Some("A-7")
        );
        assert_eq!(own.id_in("https://other.example/item/A-7.html"), None);
        assert_eq!(own.id_in("https://market.example/item/A-7"), None);
        assert_eq!(own.example(), "https://market.example/item/12345.html");
        for bad in [
            "market.example/{id}",
            "https://market.example/item",
            "https:///{id}",
        ] {
            assert!(ListingUrls::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn external_ids_are_short_plain_words() {
        assert_eq!(check_external_id(" B0C-1.2_x:9 "), Ok("B0C-1.2_x:9"));
        assert!(check_external_id("").is_err());
        assert!(check_external_id("has space").is_err());
        assert!(check_external_id("<script>").is_err());
        assert!(check_external_id(&"9".repeat(65)).is_err());
    }

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
