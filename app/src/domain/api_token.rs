//! Brand API tokens: what a token may do (its scopes) and the form that creates one.

use serde::{Deserialize, Serialize};

use crate::domain::FieldErrors;

/// One thing a token may do. A token has one or more.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Scope {
    /// Read the brand's rights, reports, standing, inquiries and counter-notices.
    ReportsRead,
    /// File reports, withdraw items and respond to counter-notices.
    ReportsWrite,
    /// Instant takedowns and their retraction (Joint-Force brands).
    TakedownsWrite,
    /// Answer authenticity inquiries (Joint-Force brands).
    InquiriesWrite,
}

stored_names!(Scope {
    ReportsRead => "reports:read",
    ReportsWrite => "reports:write",
    TakedownsWrite => "takedowns:write",
    InquiriesWrite => "inquiries:write",
});

impl Scope {
    /// What the scope allows, in words for the token page.
    pub fn label(self) -> &'static str {
        match self {
            Scope::ReportsRead => "Read reports, rights, standing, inquiries and counter-notices",
            Scope::ReportsWrite => "File reports, withdraw items, respond to counter-notices",
            Scope::TakedownsWrite => "Take listings down instantly and retract takedowns",
            Scope::InquiriesWrite => "Answer authenticity inquiries",
        }
    }

    /// Reads a space-separated list as stored; unknown names are dropped.
    pub fn parse_list(text: &str) -> Vec<Scope> {
        let mut scopes: Vec<Scope> = text.split_whitespace().filter_map(Scope::parse).collect();
        scopes.sort();
        scopes.dedup();
        scopes
    }

    /// The stored, space-separated form of a list.
    pub fn join(scopes: &[Scope]) -> String {
        scopes
            .iter()
            .map(|scope| scope.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Longest token name, in characters.
pub const MAX_TOKEN_NAME_CHARS: usize = 80;
/// Most tokens a brand may have that are not revoked (each is a door into its account).
pub const MAX_LIVE_TOKENS_PER_BRAND: usize = 25;
/// Longest time a token may be made for, in days.
pub const MAX_TOKEN_DAYS: i64 = 366;
/// What every token secret starts with, so a leaked one is recognisable (secret scanners
/// look for fixed prefixes).
pub const TOKEN_PREFIX: &str = "gf_";

/// The form that creates a token, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenForm<'a> {
    /// What the token is for, e.g. "Vendor: BrandShield".
    pub name: &'a str,
    /// Scope names ticked.
    pub scopes: &'a [String],
    /// Expiry date (`YYYY-MM-DD`), or empty for none.
    pub expires_on: &'a str,
}

/// A token form that passed its checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedToken {
    /// The trimmed name.
    pub name: String,
    /// The scopes, sorted, without repeats.
    pub scopes: Vec<Scope>,
    /// The expiry date, if any.
    pub expires_on: Option<String>,
}

impl TokenForm<'_> {
    /// Checks every field against `today` (`YYYY-MM-DD`), naming each problem's field.
    pub fn check(&self, today: &str) -> Result<CheckedToken, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut complain = |field: &str, message: String| {
            errors.entry(field.to_owned()).or_default().push(message);
        };
        let name = self.name.trim();
        if name.is_empty() {
            complain(
                "name",
                "Name the token after who or what will use it.".into(),
            );
        } else if name.chars().count() > MAX_TOKEN_NAME_CHARS {
            complain(
                "name",
                format!("Keep the name to {MAX_TOKEN_NAME_CHARS} characters."),
            );
        }
        let mut scopes = Vec::new();
        let mut unknown = false;
        if self.scopes.len() > Scope::ALL.len() {
            unknown = true;
            complain(
                "scopes",
                format!("Choose at most the {} scopes there are.", Scope::ALL.len()),
            );
        }
        for name in self.scopes.iter().take(Scope::ALL.len()) {
            match Scope::parse(name) {
                Some(scope) => scopes.push(scope),
                None => {
                    unknown = true;
                    // Echo a bounded piece of what was sent, never all of it.
                    let shown: String = name.chars().take(40).collect();
                    complain("scopes", format!("There is no scope called {shown:?}."));
                }
            }
        }
        scopes.sort();
        scopes.dedup();
        if scopes.is_empty() && !unknown {
            complain(
                "scopes",
                "Choose at least one thing the token may do.".into(),
            );
        }
        let expires_on = match self.expires_on.trim() {
            "" => None,
            date => match crate::domain::right::check_iso_date(date) {
                Err(message) => {
                    complain("expires_on", message);
                    None
                }
                Ok(date) if date.as_str() <= today => {
                    complain("expires_on", "Choose a date after today.".into());
                    None
                }
                Ok(date) if !within_days(today, &date, MAX_TOKEN_DAYS) => {
                    complain(
                        "expires_on",
                        format!("A token may last at most {MAX_TOKEN_DAYS} days."),
                    );
                    None
                }
                Ok(date) => Some(date),
            },
        };
        if errors.is_empty() {
            Ok(CheckedToken {
                name: name.to_owned(),
                scopes,
                expires_on,
            })
        } else {
            Err(errors)
        }
    }
}

/// Whether `later` is at most `days` days after `today` (both `YYYY-MM-DD`).
fn within_days(today: &str, later: &str, days: i64) -> bool {
    match (
        crate::domain::start_of_day_ms(today),
        crate::domain::start_of_day_ms(later),
    ) {
        (Some(from), Some(to)) => to - from <= days * crate::domain::trust::DAY_MS,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form<'a>(name: &'a str, scopes: &'a [String], expires_on: &'a str) -> TokenForm<'a> {
        TokenForm {
            name,
            scopes,
            expires_on,
        }
    }

    #[test]
    fn a_named_token_with_scopes_passes() {
        let scopes = vec!["reports:write".to_owned(), "reports:read".to_owned()];
        let checked = form(" Vendor ", &scopes, "2027-01-31")
            .check("2026-12-06")
            .expect("valid");
        assert_eq!(checked.name, "Vendor");
        assert_eq!(
            checked.scopes,
            vec![Scope::ReportsRead, Scope::ReportsWrite]
        );
        assert_eq!(checked.expires_on.as_deref(), Some("2027-01-31"));
    }

    #[test]
    fn each_problem_names_its_field() {
        let scopes = vec!["admin:all".to_owned()];
        let errors = form("", &scopes, "2026-12-06")
            .check("2026-12-06")
            .expect_err("invalid");
        assert!(errors["name"][0].contains("Name the token"));
        assert!(errors["scopes"][0].contains("admin:all"));
        assert_eq!(errors["expires_on"], vec!["Choose a date after today."]);
    }

    #[test]
    fn no_scope_long_names_and_far_expiries_are_refused() {
        let long = "x".repeat(MAX_TOKEN_NAME_CHARS + 1);
        let errors = form(&long, &[], "2028-12-06")
            .check("2026-12-06")
            .expect_err("invalid");
        assert!(errors["name"][0].contains("80 characters"));
        assert!(errors["scopes"][0].contains("at least one"));
        assert!(errors["expires_on"][0].contains("366 days"));
    }

    #[test]
    fn stored_scope_lists_round_trip() {
        let scopes = Scope::parse_list("takedowns:write reports:read bogus reports:read");
        assert_eq!(scopes, vec![Scope::ReportsRead, Scope::TakedownsWrite]);
        assert_eq!(Scope::join(&scopes), "reports:read takedowns:write");
    }
}
