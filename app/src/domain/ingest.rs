//! Listings and sellers as the marketplace sends them (the ingest API): the checks each row
//! must pass on its own, row by row, so a batch with some bad rows stores the good ones and
//! says of each bad one where and why.

use serde::{Deserialize, Serialize};

use crate::domain::listing::check_external_id;

/// Most rows a batch may hold.
pub const MAX_BATCH: usize = 1_000;
/// The longest listing title taken.
pub const MAX_TITLE_CHARS: usize = 300;
/// The longest category taken.
pub const MAX_CATEGORY_CHARS: usize = 100;
/// The longest seller name taken.
pub const MAX_SELLER_NAME_CHARS: usize = 120;
/// The longest listing or image address taken.
pub const MAX_URL_CHARS: usize = 2_000;
/// The highest price taken, in minor units (a hundred million in major units).
pub const MAX_PRICE_CENTS: i64 = 10_000_000_000;

/// ISO 4217 codes of the currencies in use: a price in anything else is refused.
pub const CURRENCIES: [&str; 152] = [
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT",
    "BGN", "BHD", "BIF", "BMD", "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD",
    "CDF", "CHF", "CLP", "CNY", "COP", "CRC", "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD",
    "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ",
    "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD", "JOD",
    "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR",
    "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR",
    "MWK", "MXN", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN",
    "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR",
    "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SYP", "SZL", "THB", "TJS",
    "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "UYU", "UZS", "VES",
    "VND", "VUV", "WST", "XAF", "XCD", "XOF", "YER", "ZAR", "ZMW",
];

/// Whether the marketplace still sells a listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MarketStatus {
    /// For sale.
    Live,
    /// Ended by the marketplace or its seller: nothing to report or take down.
    Ended,
}

stored_names!(MarketStatus {
    Live => "live",
    Ended => "ended",
});

/// One seller row as sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SellerRow {
    /// The marketplace's id of the seller.
    pub id: String,
    /// The seller's shop name.
    pub name: String,
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
    /// Higher than the last version sent for this seller, or the row is stale.
    pub version: i64,
}

/// One listing row as sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListingRow {
    /// The marketplace's id of the listing.
    pub id: String,
    /// The marketplace's id of its seller (sent before, or in the same call's sellers).
    pub seller: String,
    /// Its title.
    pub title: String,
    /// Its category (may be empty).
    pub category: String,
    /// Its price in the currency's minor unit.
    pub price_cents: i64,
    /// ISO 4217 code.
    pub currency: String,
    /// Its address on the marketplace.
    pub url: String,
    /// Its main picture (may be empty).
    pub image_url: String,
    /// `live` or `ended`.
    pub status: String,
    /// Higher than the last version sent for this listing, or the row is stale.
    pub version: i64,
}

/// A row that passed its checks, tidied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoodListing {
    /// Its index in the batch.
    pub index: usize,
    /// The row, trimmed.
    pub row: ListingRow,
    /// Its market status.
    pub status: MarketStatus,
}

/// Why one row was refused: its index, the JSON pointer of the field, the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowProblem {
    /// The row's index in the batch (from 0).
    pub index: usize,
    /// Where in the body, e.g. `/listings/3/price_cents`.
    pub pointer: String,
    /// Why.
    pub reason: String,
}

fn check_url(text: &str, optional: bool) -> Result<String, String> {
    let url = text.trim();
    if url.is_empty() && optional {
        return Ok(String::new());
    }
    if url.chars().count() > MAX_URL_CHARS {
        return Err(format!("An address is at most {MAX_URL_CHARS} characters."));
    }
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or("An address must start with https:// or http://.")?;
    if rest.is_empty() || rest.starts_with('/') || url.chars().any(char::is_whitespace) {
        return Err("This is not a web address (a host, and no spaces).".into());
    }
    Ok(url.to_owned())
}

fn check_text(text: &str, most: usize, what: &str, optional: bool) -> Result<String, String> {
    let tidy = text.trim();
    if tidy.is_empty() && !optional {
        return Err(format!("The {what} is empty."));
    }
    if tidy.chars().count() > most {
        return Err(format!("The {what} is longer than {most} characters."));
    }
    if tidy.chars().any(char::is_control) {
        return Err(format!("The {what} holds control characters."));
    }
    Ok(tidy.to_owned())
}

/// Checks a batch's size: 1 to [`MAX_BATCH`] rows.
pub fn check_batch_size(rows: usize, what: &str) -> Result<(), String> {
    match rows {
        0 => Err(format!("Send at least one {what}.")),
        n if n > MAX_BATCH => Err(format!(
            "A batch holds at most {MAX_BATCH} {what}s; this one has {n}. Send it in parts."
        )),
        _ => Ok(()),
    }
}

/// Checks each listing on its own: the good ones, tidied, and why each other was refused.
/// A listing id sent twice in one batch is refused on its later rows.
pub fn check_listings(rows: &[ListingRow]) -> (Vec<GoodListing>, Vec<RowProblem>) {
    let mut good = Vec::with_capacity(rows.len());
    let mut bad = Vec::new();
    let mut seen = std::collections::HashMap::new();
    for (index, row) in rows.iter().enumerate() {
        let problem = |field: &str, reason: String| RowProblem {
            index,
            pointer: format!("/listings/{index}/{field}"),
            reason,
        };
        let checked = (|| {
            let id = check_external_id(&row.id)
                .map_err(|why| problem("id", why))?
                .to_owned();
            if let Some(first) = seen.get(&id) {
                return Err(problem(
                    "id",
                    format!("Listing {id} is already in this batch, at index {first}."),
                ));
            }
            let seller = check_external_id(&row.seller)
                .map_err(|why| problem("seller", why))?
                .to_owned();
            let title = check_text(&row.title, MAX_TITLE_CHARS, "title", false)
                .map_err(|why| problem("title", why))?;
            let category = check_text(&row.category, MAX_CATEGORY_CHARS, "category", true)
                .map_err(|why| problem("category", why))?;
            if row.price_cents < 0 {
                return Err(problem("price_cents", "A price cannot be negative.".into()));
            }
            if row.price_cents > MAX_PRICE_CENTS {
                return Err(problem("price_cents", "That price is too large.".into()));
            }
            let currency = row.currency.trim().to_ascii_uppercase();
            if !CURRENCIES.contains(&currency.as_str()) {
                return Err(problem(
                    "currency",
                    format!(
                        "\"{}\" is not an ISO 4217 currency code.",
                        row.currency.chars().take(8).collect::<String>()
                    ),
                ));
            }
            let url = check_url(&row.url, false).map_err(|why| problem("url", why))?;
            let image_url =
                check_url(&row.image_url, true).map_err(|why| problem("image_url", why))?;
            let status = MarketStatus::parse(row.status.trim())
                .ok_or_else(|| problem("status", "The status is live or ended.".into()))?;
            if row.version < 0 {
                return Err(problem("version", "A version is 0 or more.".into()));
            }
            Ok(GoodListing {
                index,
                row: ListingRow {
                    id,
                    seller,
                    title,
                    category,
                    price_cents: row.price_cents,
                    currency,
                    url,
                    image_url,
                    status: status.as_str().to_owned(),
                    version: row.version,
                },
                status,
            })
        })();
        match checked {
            Ok(listing) => {
                seen.insert(listing.row.id.clone(), index);
                good.push(listing);
            }
            Err(problem) => bad.push(problem),
        }
    }
    (good, bad)
}

/// Checks each seller on its own, as [`check_listings`] does listings.
pub fn check_sellers(rows: &[SellerRow]) -> (Vec<(usize, SellerRow)>, Vec<RowProblem>) {
    let mut good = Vec::with_capacity(rows.len());
    let mut bad = Vec::new();
    let mut seen = std::collections::HashMap::new();
    for (index, row) in rows.iter().enumerate() {
        let problem = |field: &str, reason: String| RowProblem {
            index,
            pointer: format!("/sellers/{index}/{field}"),
            reason,
        };
        let checked = (|| {
            let id = check_external_id(&row.id)
                .map_err(|why| problem("id", why))?
                .to_owned();
            if let Some(first) = seen.get(&id) {
                return Err(problem(
                    "id",
                    format!("Seller {id} is already in this batch, at index {first}."),
                ));
            }
            let name = check_text(&row.name, MAX_SELLER_NAME_CHARS, "name", false)
                .map_err(|why| problem("name", why))?;
            let country = row.country.trim().to_ascii_uppercase();
            if country.len() != 2 || !country.bytes().all(|b| b.is_ascii_uppercase()) {
                return Err(problem(
                    "country",
                    "The country is a two-letter ISO 3166 code, e.g. GB.".into(),
                ));
            }
            if row.version < 0 {
                return Err(problem("version", "A version is 0 or more.".into()));
            }
            Ok(SellerRow {
                id,
                name,
                country,
                version: row.version,
            })
        })();
        match checked {
            Ok(seller) => {
                seen.insert(seller.id.clone(), index);
                good.push((index, seller));
            }
            Err(problem) => bad.push(problem),
        }
    }
    (good, bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listing(id: &str) -> ListingRow {
        ListingRow {
            id: id.into(),
            seller: "S1".into(),
            title: " Studio Pro headphones ".into(),
            category: "Audio".into(),
            price_cents: 34_900,
            currency: "eur".into(),
            url: "https://market.example/listings/1".into(),
            image_url: String::new(),
            status: "live".into(),
            version: 1,
        }
    }

    #[test]
    fn good_rows_are_tidied_and_bad_rows_say_where_and_why() {
        let rows = vec![
            listing("A1"),
            ListingRow {
                price_cents: -1,
                ..listing("A2")
            },
            ListingRow {
                currency: "XYZ".into(),
                ..listing("A3")
            },
            ListingRow {
                url: "javascript:alert(1)".into(),
                ..listing("A4")
            },
            listing("A1"),
            ListingRow {
                status: "sold".into(),
                ..listing("A5")
            },
            ListingRow {
                title: "x".repeat(MAX_TITLE_CHARS + 1),
                ..listing("A6")
            },
            ListingRow {
                image_url: "ftp://x/y.png".into(),
                ..listing("A7")
            },
        ];
        let (good, bad) = check_listings(&rows);
        assert_eq!(good.len(), 1);
        assert_eq!(good[0].row.title, "Studio Pro headphones");
        assert_eq!(good[0].row.currency, "EUR");
        let pointers: Vec<&str> = bad.iter().map(|p| p.pointer.as_str()).collect();
        assert_eq!(
            pointers,
            [
                "/listings/1/price_cents",
                "/listings/2/currency",
                "/listings/3/url",
                "/listings/4/id",
                "/listings/5/status",
                "/listings/6/title",
                "/listings/7/image_url",
            ]
        );
        assert!(bad[0].reason.contains("negative"));
        assert!(bad[3].reason.contains("index 0"));
    }

    #[test]
    fn batches_hold_one_to_a_thousand_rows() {
        assert!(check_batch_size(0, "listing").is_err());
        assert!(check_batch_size(1, "listing").is_ok());
        assert!(check_batch_size(MAX_BATCH, "listing").is_ok());
        let error = check_batch_size(MAX_BATCH + 1, "listing").expect_err("too many");
        assert!(error.contains("1001"), "{error}");
    }

    #[test]
    fn sellers_need_an_id_a_name_and_a_country() {
        let row = |id: &str, country: &str| SellerRow {
            id: id.into(),
            name: "Bazaar".into(),
            country: country.into(),
            version: 0,
        };
        let (good, bad) = check_sellers(&[row("S1", "gb"), row("S2", "GBR"), row("S1", "FR")]);
        assert_eq!(good.len(), 1);
        assert_eq!(good[0].1.country, "GB");
        assert_eq!(bad[0].pointer, "/sellers/1/country");
        assert_eq!(bad[1].pointer, "/sellers/2/id");
    }

    #[test]
    fn the_currency_list_is_sorted_codes() {
        assert!(CURRENCIES.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(CURRENCIES.iter().all(|code| code.len() == 3));
    }
}
