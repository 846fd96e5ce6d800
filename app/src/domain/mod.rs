//! Pure domain types and rules: no Leptos, no database. Usable on the server and in the browser.

/// Gives an enum that is stored as text its `ALL` list, `as_str` (the stored name) and
/// `parse` (the way back, `None` for unknown names), from one table of names.
macro_rules! stored_names {
    ($ty:ident { $($variant:ident => $name:literal),+ $(,)? }) => {
        impl $ty {
            /// Every value, in declaration order.
            pub const ALL: [$ty; [$($name),+].len()] = [$($ty::$variant),+];

            /// The value stored in the database.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($ty::$variant => $name),+
                }
            }

            /// Reads the stored value back; `None` for anything unknown.
            pub fn parse(value: &str) -> Option<$ty> {
                Self::ALL.into_iter().find(|item| item.as_str() == value)
            }
        }
    };
}

pub mod account;
pub mod analytics;
pub mod api_token;
pub mod appeal;
pub mod audit;
pub mod brand;
pub mod clock;
pub mod delivery;
pub mod dsa;
pub mod ingest;
pub mod joint_force;
pub mod limits;
pub mod listing;
pub mod mail;
pub mod notice;
pub mod notification;
pub mod policy;
pub mod queue;
pub mod report;
pub mod right;
pub mod tier;
pub mod transparency;
pub mod trust;

pub use account::{Email, Role};
pub use clock::{format_span, format_time, iso_date, start_of_day_ms};
pub use listing::{ListingStatus, ListingUrls, format_count, format_price, parse_price};
pub use notice::FieldErrors;
pub use policy::Rules;
pub use report::{ItemStatus, ReasonCode, RejectionCode};
pub use right::{RightKind, RightStatus};
pub use tier::Tier;
