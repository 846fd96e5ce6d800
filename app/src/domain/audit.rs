//! The audit log as people search it: the kinds of event (the part of an action before its
//! dot) and the kinds of thing an event is about, with the words the page shows for each.

/// A kind of event: the actions that begin with `<kind>.`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventKind {
    /// Signing in and out, sessions, passwords.
    Auth,
    /// Accounts deactivated and reactivated.
    User,
    /// Brands: enrolment, caps, suspensions.
    Brand,
    /// Trust tiers.
    Tier,
    /// Reports filed and withdrawn.
    Report,
    /// Report items decided, overturned, restored.
    Item,
    /// Listings removed and restored.
    Listing,
    /// Sellers: strikes and suspensions.
    Seller,
    /// Counter-notices and their decisions.
    CounterNotice,
    /// Authenticity inquiries.
    Inquiry,
    /// IP rights and their proof.
    Right,
    /// Brand API tokens.
    ApiToken,
    /// The marketplace connection.
    Integration,
}

stored_names!(EventKind {
    Auth => "auth",
    User => "user",
    Brand => "brand",
    Tier => "tier",
    Report => "report",
    Item => "item",
    Listing => "listing",
    Seller => "seller",
    CounterNotice => "counter_notice",
    Inquiry => "inquiry",
    Right => "right",
    ApiToken => "api_token",
    Integration => "integration",
});

impl EventKind {
    /// The name on the page's filter.
    pub fn label(self) -> &'static str {
        match self {
            EventKind::Auth => "Sign-ins and sessions",
            EventKind::User => "Accounts",
            EventKind::Brand => "Brands",
            EventKind::Tier => "Trust tiers",
            EventKind::Report => "Reports",
            EventKind::Item => "Report items",
            EventKind::Listing => "Listings",
            EventKind::Seller => "Sellers",
            EventKind::CounterNotice => "Counter-notices",
            EventKind::Inquiry => "Inquiries",
            EventKind::Right => "IP rights",
            EventKind::ApiToken => "API tokens",
            EventKind::Integration => "Marketplace integration",
        }
    }
}

/// A kind of thing an event is about, named by number on the page's filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SubjectKind {
    /// A marketplace listing.
    Listing,
    /// A seller.
    Seller,
    /// A report.
    Report,
    /// One listing of a report.
    ReportItem,
    /// A brand.
    Brand,
    /// A person's account.
    User,
    /// An authenticity inquiry.
    Inquiry,
}

stored_names!(SubjectKind {
    Listing => "listing",
    Seller => "seller",
    Report => "report",
    ReportItem => "report_item",
    Brand => "brand",
    User => "user",
    Inquiry => "inquiry",
});

impl SubjectKind {
    /// The name on the page's filter.
    pub fn label(self) -> &'static str {
        match self {
            SubjectKind::Listing => "Listing",
            SubjectKind::Seller => "Seller",
            SubjectKind::Report => "Report",
            SubjectKind::ReportItem => "Report item",
            SubjectKind::Brand => "Brand",
            SubjectKind::User => "Account",
            SubjectKind::Inquiry => "Inquiry",
        }
    }
}

/// Events one page of the audit log shows.
pub const AUDIT_PAGE: i64 = 50;

/// The most events one CSV export holds: a year of a busy marketplace narrowed by a filter,
/// streamed in pages, never held whole.
pub const AUDIT_EXPORT_MAX: i64 = 1_000_000;
