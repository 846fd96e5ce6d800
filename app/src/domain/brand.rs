//! A brand's details as admins keep them: its name and the contact the marketplace writes to.

use crate::domain::account::Email;
use crate::domain::limits::{MAX_NAME_CHARS, check_chars};

/// A brand's name and contact, checked and trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrandDetails {
    /// The brand's name, unique on the platform (the database says whether it is taken).
    pub name: String,
    /// The person the marketplace writes to about the programme.
    pub contact_name: String,
    /// Their address, lower-cased.
    pub contact_email: String,
}

impl BrandDetails {
    /// Checks every field and answers with each refusal by its field name, so a form shows
    /// them all at once: a name of 2–120 characters, a contact name of up to 120, and a
    /// well-formed contact address.
    pub fn parse(
        name: &str,
        contact_name: &str,
        contact_email: &str,
    ) -> Result<BrandDetails, Vec<(&'static str, String)>> {
        let mut refused = Vec::new();
        let name = name.trim();
        if name.chars().count() < 2 {
            refused.push((
                "name",
                "Enter the brand's name, at least 2 characters.".into(),
            ));
        } else if let Err(message) = check_chars(name, MAX_NAME_CHARS, "the brand's name") {
            refused.push(("name", message));
        }
        let contact_name = contact_name.trim();
        if contact_name.is_empty() {
            refused.push((
                "contact_name",
                "Enter the name of the person the marketplace writes to.".into(),
            ));
        } else if let Err(message) = check_chars(contact_name, MAX_NAME_CHARS, "the contact's name")
        {
            refused.push(("contact_name", message));
        }
        let contact_email = match Email::parse(contact_email) {
            Ok(email) => email.as_str().to_owned(),
            Err(message) => {
                refused.push(("contact_email", message));
                String::new()
            }
        };
        if refused.is_empty() {
            Ok(BrandDetails {
                name: name.to_owned(),
                contact_name: contact_name.to_owned(),
                contact_email,
            })
        } else {
            Err(refused)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn details_are_trimmed_and_the_address_lower_cased() {
        let details =
            BrandDetails::parse(" Lumen ", " Lia Lumen ", "Lia@Lumen.TEST").expect("valid");
        assert_eq!(details.name, "Lumen");
        assert_eq!(details.contact_name, "Lia Lumen");
        assert_eq!(details.contact_email, "lia@lumen.test");
    }

    #[test]
    fn every_refusal_is_named_by_its_field() {
        let refused = BrandDetails::parse("L", "", "nobody").expect_err("refused");
        let fields: Vec<_> = refused.iter().map(|(field, _)| *field).collect();
        assert_eq!(fields, ["name", "contact_name", "contact_email"]);
    }

    #[test]
    fn names_longer_than_the_limit_are_refused() {
        let long = "x".repeat(MAX_NAME_CHARS + 1);
        let refused = BrandDetails::parse(&long, "Lia", "lia@lumen.test").expect_err("refused");
        assert_eq!(refused[0].0, "name");
        let refused = BrandDetails::parse("Lumen", &long, "lia@lumen.test").expect_err("refused");
        assert_eq!(refused[0].0, "contact_name");
    }
}
