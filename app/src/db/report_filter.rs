//! The brand's report-list filter as SQL: shared by the list's pages and its CSV export, so
//! both hold exactly the same items.

use crate::domain::{ReasonCode, start_of_day_ms};
use crate::model::ReportFilter;

/// A filter's `FROM … WHERE …` over `report_items i`, `reports r` and `listings l`, with its
/// values: the numbers are bound first (`$1` is the brand), then the texts.
pub struct Filtered {
    /// The `FROM` and `WHERE` clauses.
    pub from_where: String,
    /// Integer values, bound first.
    pub numbers: Vec<i64>,
    /// Text values, bound after the numbers.
    pub texts: Vec<String>,
}

impl Filtered {
    /// How many values the clauses take.
    pub fn params(&self) -> usize {
        self.numbers.len() + self.texts.len()
    }
}

/// The brand's items under `filter` (every condition but the status, which the list counts
/// by and adds itself).
pub fn filtered(brand_id: i64, filter: &ReportFilter) -> Filtered {
    // Conditions and their values are collected side by side; only placeholders are spliced.
    let mut conditions = vec!["i.brand_id = $1".to_owned()];
    let mut texts: Vec<String> = Vec::new();
    let mut numbers: Vec<i64> = vec![brand_id];
    // Text values are bound after the numbers, so their placeholders are numbered later.
    let mut text_conditions: Vec<&str> = Vec::new();
    if let Some(from) = start_of_day_ms(&filter.from) {
        numbers.push(from);
        conditions.push(format!("i.submitted_at >= ${}", numbers.len()));
    }
    if let Some(to) = start_of_day_ms(&filter.to) {
        numbers.push(to + 86_400_000);
        conditions.push(format!("i.submitted_at < ${}", numbers.len()));
    }
    if let Some(reason) = ReasonCode::parse(&filter.reason) {
        texts.push(reason.as_str().to_owned());
        text_conditions.push("r.reason = ");
    }
    let words = filter.text.trim().to_lowercase();
    if !words.is_empty() {
        texts.push(format!("%{}%", words.replace(['%', '_'], "")));
        text_conditions.push("LOWER(l.title) LIKE ");
    }
    for (offset, condition) in text_conditions.iter().enumerate() {
        conditions.push(format!("{condition}${}", numbers.len() + offset + 1));
    }
    let from_where = format!(
        "FROM report_items i JOIN reports r ON r.id = i.report_id \
         JOIN listings l ON l.id = i.listing_id WHERE {}",
        conditions.join(" AND ")
    );
    Filtered {
        from_where,
        numbers,
        texts,
    }
}
