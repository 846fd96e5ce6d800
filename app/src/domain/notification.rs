//! Notifications: what people are told without opening the right page — in the portal (the
//! bell) always, and by mail as each person chooses per kind (at once, in a daily digest, or
//! not at all).

use serde::{Deserialize, Serialize};

/// What a notification is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NotificationKind {
    /// Brand staff: every item of a report they filed is decided (one per report).
    ReportDecided,
    /// Brand staff: a seller filed a counter-notice on their removal, or its response window
    /// is closing.
    CounterNotice,
    /// Brand staff: the marketplace asks whether a listing is genuine, or its deadline is
    /// closing.
    Inquiry,
    /// Brand staff: the brand's tier changed or it was warned about misuse.
    Standing,
    /// Brand staff: an instant takedown of theirs was overturned in audit.
    TakedownOverturned,
    /// Account managers: a report's items are past half their review target.
    ReviewDue,
    /// Account managers: a brand let a counter-notice's response window pass.
    AppealNoResponse,
    /// Sellers: a listing of theirs was removed (with its statement of reasons).
    ListingRemoved,
    /// Sellers: their counter-notice was decided.
    AppealDecided,
    /// Sellers: their account was suspended.
    SellerSuspended,
}

stored_names!(NotificationKind {
    ReportDecided => "report_decided",
    CounterNotice => "counter_notice",
    Inquiry => "inquiry",
    Standing => "standing",
    TakedownOverturned => "takedown_overturned",
    ReviewDue => "review_due",
    AppealNoResponse => "appeal_no_response",
    ListingRemoved => "listing_removed",
    AppealDecided => "appeal_decided",
    SellerSuspended => "seller_suspended",
});

impl NotificationKind {
    /// The kind's name on the preferences form.
    pub fn label(self) -> &'static str {
        match self {
            NotificationKind::ReportDecided => "A report of mine is decided",
            NotificationKind::CounterNotice => "Counter-notices on our removals",
            NotificationKind::Inquiry => "Authenticity inquiries",
            NotificationKind::Standing => "Our tier changes or a misuse warning",
            NotificationKind::TakedownOverturned => "An instant takedown overturned in audit",
            NotificationKind::ReviewDue => "Reports past half their review target",
            NotificationKind::AppealNoResponse => "Appeals the brand did not respond to",
            NotificationKind::ListingRemoved => "A listing of mine is removed or restored",
            NotificationKind::AppealDecided => "My counter-notice is decided",
            NotificationKind::SellerSuspended => "My account is suspended",
        }
    }

    /// The kinds a role can receive (its preferences list these).
    pub fn for_role(role: crate::domain::Role) -> &'static [NotificationKind] {
        use NotificationKind::*;
        match role {
            crate::domain::Role::BrandStaff => &[
                ReportDecided,
                CounterNotice,
                Inquiry,
                Standing,
                TakedownOverturned,
            ],
            crate::domain::Role::AccountManager | crate::domain::Role::Admin => {
                &[ReviewDue, AppealNoResponse]
            }
            crate::domain::Role::Seller => &[ListingRemoved, AppealDecided, SellerSuspended],
        }
    }
}

/// How a person wants one kind by mail (the bell shows every kind regardless).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Delivery {
    /// A mail for each.
    #[default]
    Immediately,
    /// One mail a day with everything since the last.
    Digest,
    /// No mail.
    Off,
}

stored_names!(Delivery {
    Immediately => "immediately",
    Digest => "digest",
    Off => "off",
});

impl Delivery {
    /// The choice's name on the form.
    pub fn label(self) -> &'static str {
        match self {
            Delivery::Immediately => "Mail me at once",
            Delivery::Digest => "In a daily digest",
            Delivery::Off => "No mail",
        }
    }
}

/// The most notifications one page of the list shows.
pub const NOTIFICATIONS_PER_PAGE: i64 = 50;
