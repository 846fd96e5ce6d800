//! The Mail page's messages and the invitations people send.

use serde::{Deserialize, Serialize};

use crate::domain::Role;
use crate::domain::mail::MailKind;

/// One mail as the Mail page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailView {
    /// Id (also the page's cursor).
    pub id: i64,
    /// Recipient.
    pub to: String,
    /// What it is.
    pub kind: MailKind,
    /// Subject.
    pub subject: String,
    /// The plain-text part; `None` once a mail carrying a one-time link was sent (the link
    /// is the recipient's) — in demo mode it is always shown.
    pub text: Option<String>,
    /// Written at.
    pub created_at: i64,
    /// Sent at (`None`: waiting, or never sent without SMTP).
    pub sent_at: Option<i64>,
    /// Attempts made.
    pub attempts: i64,
    /// When the mailer tries next.
    pub next_attempt_at: Option<i64>,
    /// The last attempt's error.
    pub last_error: String,
}

/// A page of the Mail page: the newest first, and whether SMTP is configured.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailPage {
    /// The mail, newest first.
    pub mail: Vec<MailView>,
    /// The cursor of the next (older) page, if there is one.
    pub older: Option<i64>,
}

/// An invitation still waiting for its answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationView {
    /// Id (to withdraw it).
    pub id: i64,
    /// Sent to.
    pub email: String,
    /// The invitee's name.
    pub name: String,
    /// What they will be.
    pub role: Role,
    /// Brand admin (brand staff only).
    pub brand_admin: bool,
    /// Their brand's or seller's name.
    pub belongs_to: Option<String>,
    /// Sent at.
    pub sent_at: i64,
    /// Works until.
    pub expires_at: i64,
}

/// What an invitation link offers, shown before the invitee chooses a password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationOffer {
    /// The invitee's address (their sign-in).
    pub email: String,
    /// Their name as the inviter wrote it.
    pub name: String,
    /// What they will be, in words ("Brand admin of Lumen Optics").
    pub role: String,
}

/// One notification under the bell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationView {
    /// Id.
    pub id: i64,
    /// What it is about (`None` for a kind this version does not know).
    pub kind: Option<crate::domain::notification::NotificationKind>,
    /// One line.
    pub title: String,
    /// More.
    pub body: String,
    /// Where it leads.
    pub link: String,
    /// When.
    pub created_at: i64,
    /// Whether it was read.
    pub read: bool,
}

/// A page of the caller's notifications, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationPage {
    /// The notifications.
    pub notifications: Vec<NotificationView>,
    /// The cursor of the next (older) page.
    pub older: Option<i64>,
    /// How many are unread in all.
    pub unread: i64,
}

/// One kind's mail preference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationPrefView {
    /// The kind.
    pub kind: crate::domain::notification::NotificationKind,
    /// How it is mailed.
    pub delivery: crate::domain::notification::Delivery,
}
