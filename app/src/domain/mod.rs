//! Pure domain types and rules: no Leptos, no database. Usable on the server and in the browser.

pub mod account;
pub mod listing;
pub mod queue;
pub mod report;
pub mod tier;

pub use account::{Email, Role};
pub use listing::{ListingStatus, format_price};
pub use tier::Tier;
