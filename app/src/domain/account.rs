//! Who people are: roles and the e-mail addresses they sign in with.

use serde::{Deserialize, Serialize};

/// What a signed-in person is allowed to do, as in DESIGN.md "People".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    /// Belongs to one brand; reports listings for that brand.
    BrandStaff,
    /// Marketplace staff reviewing the brands assigned to them.
    AccountManager,
    /// Marketplace staff with access to every brand.
    Admin,
    /// Owns marketplace listings.
    Seller,
}

stored_names!(Role {
    BrandStaff => "brand_staff",
    AccountManager => "account_manager",
    Admin => "admin",
    Seller => "seller",
});

impl Role {
    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Role::BrandStaff => "Brand staff",
            Role::AccountManager => "Account manager",
            Role::Admin => "Platform admin",
            Role::Seller => "Seller",
        }
    }

    /// Where this role lands after signing in. Brand staff land on their brand's page.
    pub fn home_path(self, brand_id: Option<i64>) -> String {
        match (self, brand_id) {
            (Role::BrandStaff, Some(id)) => format!("/brands/{id}"),
            (Role::BrandStaff, None) => "/".into(),
            (Role::AccountManager, _) => "/manager".into(),
            (Role::Admin, _) => "/admin".into(),
            (Role::Seller, _) => "/seller".into(),
        }
    }

    /// Marketplace staff (account managers and admins) review reports and manage brands.
    pub fn is_staff(self) -> bool {
        matches!(self, Role::AccountManager | Role::Admin)
    }
}

/// A syntactically valid, lower-cased e-mail address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    /// Checks the shape of an address (one `@`, a dotted domain, no spaces) and lower-cases it,
    /// so `Staff@Helios.test` and `staff@helios.test` are the same account.
    pub fn parse(input: &str) -> Result<Email, String> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err("Enter your e-mail address.".into());
        }
        if trimmed.len() > 254 || trimmed.chars().any(char::is_whitespace) {
            return Err("Enter an e-mail address without spaces.".into());
        }
        let Some((local, domain)) = trimmed.split_once('@') else {
            return Err("Enter an e-mail address like name@example.com.".into());
        };
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains('@');
        if local.is_empty() || !domain_ok {
            return Err("Enter an e-mail address like name@example.com.".into());
        }
        Ok(Email(trimmed.to_lowercase()))
    }

    /// The address as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The fewest characters a new password may have (issue 25: a passphrase, not a word).
pub const MIN_PASSWORD_CHARS: usize = 12;

/// Common passwords long enough to pass the length rule, lower-cased: see the file's header.
const COMMON_PASSWORDS: &str = include_str!("common_passwords.txt");

/// Checks a new password against the policy: at least [`MIN_PASSWORD_CHARS`] characters, at
/// most [`MAX_PASSWORD_BYTES`](crate::domain::limits::MAX_PASSWORD_BYTES) bytes, not one of the
/// shipped common passwords, and not the person's own e-mail address or its name part. The
/// message says which rule it breaks, in words for the field.
pub fn check_new_password(password: &str, email: &str) -> Result<(), String> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Err(format!(
            "Use at least {MIN_PASSWORD_CHARS} characters (this has {chars}). A few words \
             together make a password that is long and easy to remember."
        ));
    }
    if password.len() > crate::domain::limits::MAX_PASSWORD_BYTES {
        return Err(format!(
            "Use at most {} bytes.",
            crate::domain::limits::MAX_PASSWORD_BYTES
        ));
    }
    let lowered = password.trim().to_lowercase();
    let email = email.trim().to_lowercase();
    let name = email.split('@').next().unwrap_or_default();
    if lowered == email || (!name.is_empty() && lowered == name) {
        return Err("Do not use your e-mail address as your password.".into());
    }
    if COMMON_PASSWORDS
        .lines()
        .filter(|line| !line.starts_with('#'))
        .any(|common| common == lowered)
    {
        return Err(
            "That is one of the most common passwords, the first an attacker tries. Choose \
             another."
                .into(),
        );
    }
    Ok(())
}

/// A browser's `User-Agent` in words a person recognises their device by ("Firefox on
/// Linux"), for their list of sessions. Only the common families are told apart; anything
/// else is "A browser" or the program's own first word.
pub fn describe_device(user_agent: &str) -> String {
    let has = |needle: &str| user_agent.contains(needle);
    let browser = if has("Edg/") {
        "Edge"
    } else if has("Firefox/") {
        "Firefox"
    } else if has("Chromium/") {
        "Chromium"
    } else if has("Chrome/") {
        "Chrome"
    } else if has("Safari/") {
        "Safari"
    } else if !user_agent.is_empty() && !has("Mozilla/") {
        // A tool, e.g. "curl/8.5.0": its name says enough.
        return user_agent
            .split(['/', ' '])
            .next()
            .unwrap_or("A program")
            .chars()
            .take(40)
            .collect();
    } else {
        "A browser"
    };
    let system = if has("iPhone") {
        "iPhone"
    } else if has("iPad") {
        "iPad"
    } else if has("Android") {
        "Android"
    } else if has("Windows") {
        "Windows"
    } else if has("Mac OS X") || has("Macintosh") {
        "macOS"
    } else if has("CrOS") {
        "ChromeOS"
    } else if has("Linux") {
        "Linux"
    } else {
        return browser.to_owned();
    };
    format!("{browser} on {system}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_are_told_in_words() {
        let firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
        assert_eq!(describe_device(firefox), "Firefox on Linux");
        let safari = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 \
                      (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
        assert_eq!(describe_device(safari), "Safari on iPhone");
        let edge = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like \
                    Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0";
        assert_eq!(describe_device(edge), "Edge on Windows");
        assert_eq!(describe_device("curl/8.5.0"), "curl");
        assert_eq!(describe_device(""), "A browser");
    }

    #[test]
    fn new_passwords_follow_the_policy() {
        let email = "staff@helios.test";
        assert!(check_new_password("correct horse battery", email).is_ok());
        let short = check_new_password("eleven char", email).expect_err("11 characters");
        assert!(
            short.contains("at least 12") && short.contains("has 11"),
            "{short}"
        );
        // Twelve characters, counted as characters, not bytes.
        assert!(check_new_password("ééééééééééé", email).is_err());
        assert!(check_new_password("éééééééééééé", email).is_ok());
        let common = check_new_password("Qwerty123456", email).expect_err("common");
        assert!(common.contains("most common"), "{common}");
        let own = check_new_password("STAFF@helios.test", email).expect_err("own address");
        assert!(own.contains("e-mail"), "{own}");
        let long = "x".repeat(crate::domain::limits::MAX_PASSWORD_BYTES + 1);
        assert!(check_new_password(&long, email).is_err());
    }

    #[test]
    fn roles_round_trip_through_their_stored_names() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("superuser"), None);
    }

    #[test]
    fn brand_staff_land_on_their_own_brand() {
        assert_eq!(Role::BrandStaff.home_path(Some(7)), "/brands/7");
        assert_eq!(Role::AccountManager.home_path(None), "/manager");
        assert_eq!(Role::Admin.home_path(None), "/admin");
        assert_eq!(Role::Seller.home_path(None), "/seller");
    }

    #[test]
    fn email_is_trimmed_and_lower_cased() {
        let email = Email::parse("  Staff@Helios.TEST ").expect("valid");
        assert_eq!(email.as_str(), "staff@helios.test");
    }

    #[test]
    fn email_without_at_sign_is_refused() {
        assert!(Email::parse("staff.helios.test").is_err());
    }

    #[test]
    fn email_without_dotted_domain_is_refused() {
        assert!(Email::parse("staff@localhost").is_err());
        assert!(Email::parse("staff@.test").is_err());
    }

    #[test]
    fn empty_email_asks_for_one() {
        assert_eq!(
            Email::parse("  ").expect_err("empty address"),
            "Enter your e-mail address."
        );
    }

    #[test]
    fn email_with_space_is_refused() {
        assert!(Email::parse("st aff@helios.test").is_err());
    }
}
