//! The mail the portal sends, as words: each message has a subject, a plain-text part and an
//! HTML part saying the same. Pure: the caller supplies names, links and times; the service
//! layer stores the result in the mail outbox in the transaction it belongs to.

use serde::{Deserialize, Serialize};

/// How long a password-reset link works, in minutes.
pub const RESET_LINK_MINUTES: i64 = 15;

/// How long an invitation link works, in hours.
pub const INVITATION_LINK_HOURS: i64 = 72;

/// The kinds of mail, as stored (the Mail page filters and labels by them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MailKind {
    /// A link to set a new password.
    PasswordReset,
    /// A link to join the portal.
    Invitation,
    /// A notification the person chose to receive by mail.
    Notification,
    /// A daily digest of notifications.
    Digest,
}

stored_names!(MailKind {
    PasswordReset => "password_reset",
    Invitation => "invitation",
    Notification => "notification",
    Digest => "digest",
});

impl MailKind {
    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            MailKind::PasswordReset => "Password reset",
            MailKind::Invitation => "Invitation",
            MailKind::Notification => "Notification",
            MailKind::Digest => "Daily digest",
        }
    }

    /// Whether the mail carries a one-time link: once sent, the Mail page does not show its
    /// body (the link belongs to the person it was sent to, not to whoever reads the outbox).
    pub fn carries_secret(self) -> bool {
        matches!(self, MailKind::PasswordReset | MailKind::Invitation)
    }
}

/// One message, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// What it is.
    pub kind: MailKind,
    /// The subject line.
    pub subject: String,
    /// The plain-text part.
    pub text: String,
    /// The HTML part (the same words, with the link as a link).
    pub html: String,
}

/// "Reset your Goodfaith password": a link that works for [`RESET_LINK_MINUTES`], once.
pub fn password_reset(name: &str, link: &str) -> Message {
    let text = format!(
        "Hello {name},\n\n\
         Someone — we hope you — asked to reset the password of your Goodfaith account.\n\
         Choose a new password here within {RESET_LINK_MINUTES} minutes (the link works once):\n\n\
         {link}\n\n\
         If it was not you, ignore this mail: your password stays as it is.\n"
    );
    let html = format!(
        "<p>Hello {name},</p>\
         <p>Someone — we hope you — asked to reset the password of your Goodfaith account. \
         Choose a new password within {RESET_LINK_MINUTES} minutes (the link works once):</p>\
         <p><a href=\"{link}\">Choose a new password</a></p>\
         <p>If it was not you, ignore this mail: your password stays as it is.</p>",
        name = escape(name),
        link = escape(link),
    );
    Message {
        kind: MailKind::PasswordReset,
        subject: "Reset your Goodfaith password".into(),
        text,
        html,
    }
}

/// What an invitation says: who invited whom, to do what for which brand.
#[derive(Debug, Clone, Copy)]
pub struct Invitation<'a> {
    /// The invitee's name.
    pub name: &'a str,
    /// Who invited them.
    pub inviter: &'a str,
    /// What they will be, in words ("Brand admin of Lumen Optics", "Account manager").
    pub role: &'a str,
    /// The link to accept.
    pub link: &'a str,
}

/// "You are invited to Goodfaith": a link that works for [`INVITATION_LINK_HOURS`], once.
pub fn invitation(invite: Invitation<'_>) -> Message {
    let Invitation {
        name,
        inviter,
        role,
        link,
    } = invite;
    let text = format!(
        "Hello {name},\n\n\
         {inviter} invited you to Goodfaith, the marketplace's brand-protection portal, as \
         {role}.\n\
         Accept within {INVITATION_LINK_HOURS} hours and choose your password here (the link \
         works once):\n\n\
         {link}\n\n\
         If you did not expect this, ignore this mail: no account is made without you.\n"
    );
    let html = format!(
        "<p>Hello {name},</p>\
         <p>{inviter} invited you to Goodfaith, the marketplace's brand-protection portal, as \
         {role}.</p>\
         <p>Accept within {INVITATION_LINK_HOURS} hours and choose your password (the link \
         works once):</p>\
         <p><a href=\"{link}\">Accept the invitation</a></p>\
         <p>If you did not expect this, ignore this mail: no account is made without you.</p>",
        name = escape(name),
        inviter = escape(inviter),
        role = escape(role),
        link = escape(link),
    );
    Message {
        kind: MailKind::Invitation,
        subject: format!("{inviter} invited you to Goodfaith"),
        text,
        html,
    }
}

/// Text made safe inside HTML: names and reasons come from people.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// One notification by mail: its title as the subject, its text and link, and the link to
/// the preferences that stops such mail.
pub fn notification(title: &str, body: &str, link: &str, preferences: &str) -> Message {
    let text = format!(
        "{title}\n\n{body}\n\nOpen it: {link}\n\n--\nYou get this mail because of your notification \
         settings. Change or stop them here: {preferences}\n"
    );
    let html = format!(
        "<p><strong>{title}</strong></p><p>{body}</p><p><a href=\"{link}\">Open it in Goodfaith</a></p>\
         <hr><p><small>You get this mail because of your notification settings. \
         <a href=\"{preferences}\">Change or stop them</a>.</small></p>",
        title = escape(title),
        body = escape(body),
        link = escape(link),
        preferences = escape(preferences),
    );
    Message {
        kind: MailKind::Notification,
        subject: title.to_owned(),
        text,
        html,
    }
}

/// The daily digest: each notification's title and link, and the preferences link.
pub fn digest(items: &[(String, String)], preferences: &str) -> Message {
    let count = items.len();
    let subject = if count == 1 {
        "Goodfaith: 1 notification today".to_owned()
    } else {
        format!("Goodfaith: {count} notifications today")
    };
    let mut text = format!("{subject}\n\n");
    let mut html = format!("<p><strong>{}</strong></p><ul>", escape(&subject));
    for (title, link) in items {
        text.push_str(&format!("- {title}\n  {link}\n"));
        html.push_str(&format!(
            "<li><a href=\"{}\">{}</a></li>",
            escape(link),
            escape(title)
        ));
    }
    text.push_str(&format!(
        "\n--\nYou get this digest because of your notification settings. Change or stop them \
         here: {preferences}\n"
    ));
    html.push_str(&format!(
        "</ul><hr><p><small>You get this digest because of your notification settings. \
         <a href=\"{}\">Change or stop them</a>.</small></p>",
        escape(preferences)
    ));
    Message {
        kind: MailKind::Digest,
        subject,
        text,
        html,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reset_mail_has_the_link_in_both_parts_and_says_how_long_it_works() {
        let mail = password_reset("Hal", "https://portal.test/reset-password?token=abc");
        assert!(
            mail.text
                .contains("https://portal.test/reset-password?token=abc")
        );
        assert!(
            mail.html
                .contains("href=\"https://portal.test/reset-password?token=abc\"")
        );
        assert!(mail.text.contains("15 minutes"));
    }

    #[test]
    fn names_are_escaped_in_the_html_part_only() {
        let mail = invitation(Invitation {
            name: "<b>Eve</b>",
            inviter: "Ada & Co",
            role: "Brand staff of Lumen",
            link: "https://portal.test/invitation?token=abc",
        });
        assert!(mail.html.contains("&lt;b&gt;Eve&lt;/b&gt;"));
        assert!(mail.html.contains("Ada &amp; Co"));
        assert!(mail.text.contains("<b>Eve</b>"));
        assert!(mail.text.contains("72 hours"));
        assert_eq!(mail.subject, "Ada & Co invited you to Goodfaith");
    }

    #[test]
    fn only_link_mail_is_secret() {
        assert!(MailKind::PasswordReset.carries_secret());
        assert!(MailKind::Invitation.carries_secret());
        assert!(!MailKind::Notification.carries_secret());
    }
}
