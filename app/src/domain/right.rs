//! Intellectual-property rights a brand registers, and the files that prove them.

use serde::{Deserialize, Serialize};

/// What kind of right a registration is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RightKind {
    /// A registered trademark (word or figurative mark), with Nice classes.
    Trademark,
    /// A copyright in a work.
    Copyright,
    /// A registered design.
    Design,
    /// A patent.
    Patent,
}

stored_names!(RightKind {
    Trademark => "trademark",
    Copyright => "copyright",
    Design => "design",
    Patent => "patent",
});

impl RightKind {
    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            RightKind::Trademark => "Trademark",
            RightKind::Copyright => "Copyright",
            RightKind::Design => "Design",
            RightKind::Patent => "Patent",
        }
    }
}

/// Whether the platform has checked a right.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RightStatus {
    /// Waiting for an account manager or admin.
    Pending,
    /// Checked: it may back reports until it expires.
    Verified,
    /// Not accepted, with a reason.
    Rejected,
}

stored_names!(RightStatus {
    Pending => "pending",
    Verified => "verified",
    Rejected => "rejected",
});

impl RightStatus {
    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            RightStatus::Pending => "Awaiting verification",
            RightStatus::Verified => "Verified",
            RightStatus::Rejected => "Rejected",
        }
    }
}

/// Whether a right may back a report on `today` (an ISO date, `YYYY-MM-DD`): verified and
/// not expired. ISO dates compare correctly as text.
pub fn may_back_reports(status: RightStatus, expires_on: Option<&str>, today: &str) -> bool {
    status == RightStatus::Verified && expires_on.is_none_or(|expiry| expiry >= today)
}

/// Checks an ISO date as an `<input type="date">` sends it.
pub fn check_iso_date(text: &str) -> Result<String, String> {
    let text = text.trim();
    let parts: Vec<&str> = text.split('-').collect();
    let valid = matches!(parts.as_slice(), [y, m, d]
        if y.len() == 4 && m.len() == 2 && d.len() == 2
            && [y, m, d].iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()))
            && (1..=12).contains(&m.parse::<u32>().unwrap_or(0))
            && (1..=31).contains(&d.parse::<u32>().unwrap_or(0)));
    if valid {
        Ok(text.to_owned())
    } else {
        Err("Enter the date as YYYY-MM-DD.".into())
    }
}

/// Largest proof or evidence file accepted.
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;

/// Most evidence files one report may carry.
pub const MAX_EVIDENCE_FILES: usize = 5;

/// The content type of an uploaded file, read from its first bytes rather than from what the
/// browser claims, so a renamed executable is not stored as a "PDF". `None` if it is not a
/// PDF, PNG, JPEG, GIF or WebP.
pub fn sniff_content_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(b"\xFF\xD8\xFF") {
        Some("image/jpeg")
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some("image/gif")
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

/// Checks an upload's size and type; the content type on success.
pub fn check_upload(bytes: &[u8]) -> Result<&'static str, String> {
    if bytes.is_empty() {
        return Err("The file is empty.".into());
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(format!(
            "The file is {:.1} MB; the limit is 5 MB.",
            bytes.len() as f64 / (1024.0 * 1024.0)
        ));
    }
    sniff_content_type(bytes)
        .ok_or_else(|| "Only PDF and image files (PNG, JPEG, GIF, WebP) are accepted.".into())
}

/// A file name fit to store and show: the last path segment, control characters dropped,
/// at most 120 characters.
pub fn clean_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base.chars().filter(|c| !c.is_control()).take(120).collect();
    if cleaned.trim().is_empty() {
        "upload".into()
    } else {
        cleaned
    }
}

/// Longest registration number or jurisdiction.
pub const MAX_REGISTRATION_CHARS: usize = 60;

/// Most Nice classes a trademark can list (there are 45).
pub const MAX_NICE_CLASSES: usize = 45;

/// Longest text of classes accepted: enough for all 45, comma-separated.
pub const MAX_CLASSES_CHARS: usize = 200;

/// A right's fields as the registration form sends them, checked before anything is looked
/// up. Whether the proof file is the brand's own upload is the service's check.
#[derive(Debug, Clone, Copy)]
pub struct RightForm<'a> {
    /// The kind's stored name ("" = none chosen).
    pub kind: &'a str,
    /// Registration number.
    pub registration_number: &'a str,
    /// Where registered.
    pub jurisdiction: &'a str,
    /// Nice classes (trademarks), separated by commas or spaces.
    pub classes: &'a str,
    /// Expiry date (`YYYY-MM-DD`; empty if it does not expire).
    pub expires_on: &'a str,
}

/// A right whose fields passed: the values to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedRight {
    /// The kind.
    pub kind: RightKind,
    /// Registration number, trimmed.
    pub registration_number: String,
    /// Jurisdiction, trimmed.
    pub jurisdiction: String,
    /// Classes, trimmed.
    pub classes: String,
    /// Expiry date, if any.
    pub expires_on: Option<String>,
}

impl RightForm<'_> {
    /// Checks every field against `today` (`YYYY-MM-DD`) and returns the values to store, or
    /// every problem by field.
    pub fn check(&self, today: &str) -> Result<CheckedRight, crate::domain::FieldErrors> {
        let mut errors = crate::domain::FieldErrors::new();
        let mut complain = |field: &str, message: String| {
            errors.entry(field.to_owned()).or_default().push(message);
        };
        let kind = RightKind::parse(self.kind);
        if kind.is_none() {
            complain("kind", "Choose the kind of right.".into());
        }
        let registration_number = self.registration_number.trim().to_owned();
        if registration_number.is_empty()
            || registration_number.chars().count() > MAX_REGISTRATION_CHARS
        {
            complain(
                "registration_number",
                "Enter the registration number (up to 60 characters).".into(),
            );
        }
        let jurisdiction = self.jurisdiction.trim().to_owned();
        if jurisdiction.is_empty() || jurisdiction.chars().count() > MAX_REGISTRATION_CHARS {
            complain(
                "jurisdiction",
                "Enter where the right is registered, e.g. EU, US or WIPO.".into(),
            );
        }
        let classes = self.classes.trim().to_owned();
        let listed: Vec<&str> = classes
            .split([',', ' '])
            .filter(|c| !c.is_empty())
            .collect();
        if listed.len() > MAX_NICE_CLASSES || classes.chars().count() > MAX_CLASSES_CHARS {
            complain(
                "classes",
                format!("List at most {MAX_NICE_CLASSES} Nice classes, e.g. 18, 25."),
            );
        } else if kind == Some(RightKind::Trademark)
            && (listed.is_empty()
                || !listed
                    .iter()
                    .all(|c| c.parse::<u8>().is_ok_and(|n| (1..=45).contains(&n))))
        {
            complain(
                "classes",
                "List the Nice classes as numbers from 1 to 45, e.g. 18, 25.".into(),
            );
        }
        let expires_on = match self.expires_on.trim() {
            "" => None,
            date => match check_iso_date(date) {
                Ok(date) if date.as_str() < today => {
                    complain("expires_on", "This right has already expired.".into());
                    None
                }
                Ok(date) => Some(date),
                Err(message) => {
                    complain("expires_on", message);
                    None
                }
            },
        };
        match kind {
            Some(kind) if errors.is_empty() => Ok(CheckedRight {
                kind,
                registration_number,
                jurisdiction,
                classes,
                expires_on,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn right_form() -> RightForm<'static> {
        RightForm {
            kind: "trademark",
            registration_number: " EU 018 123 456 ",
            jurisdiction: " EU ",
            classes: " 18, 25 ",
            expires_on: "2030-01-31",
        }
    }

    #[test]
    fn a_complete_right_passes_with_its_values_trimmed() {
        let checked = right_form().check("2026-11-29").expect("valid");
        assert_eq!(checked.kind, RightKind::Trademark);
        assert_eq!(checked.registration_number, "EU 018 123 456");
        assert_eq!(checked.jurisdiction, "EU");
        assert_eq!(checked.classes, "18, 25");
        assert_eq!(checked.expires_on.as_deref(), Some("2030-01-31"));
        let open_ended = RightForm {
            kind: "copyright",
            classes: "",
            expires_on: " ",
            ..right_form()
        }
        .check("2026-11-29")
        .expect("valid");
        assert_eq!(open_ended.expires_on, None);
    }

    #[test]
    fn every_bad_right_field_is_named_at_once() {
        let errors = RightForm {
            kind: "",
            registration_number: " ",
            jurisdiction: &"E".repeat(61),
            classes: "",
            expires_on: "31/01/2030",
        }
        .check("2026-11-29")
        .expect_err("invalid");
        let fields: Vec<&str> = errors.keys().map(String::as_str).collect();
        assert_eq!(
            fields,
            ["expires_on", "jurisdiction", "kind", "registration_number"]
        );
        let expired = right_form().check("2030-02-01").expect_err("expired");
        assert_eq!(expired["expires_on"], ["This right has already expired."]);
    }

    #[test]
    fn trademarks_list_nice_classes_and_no_more_than_there_are() {
        for classes in ["", "0", "46", "18, shoes"] {
            let errors = RightForm {
                classes,
                ..right_form()
            }
            .check("2026-11-29")
            .expect_err(classes);
            assert!(errors.contains_key("classes"), "{classes}");
        }
        let all: Vec<String> = (1..=45).map(|n| n.to_string()).collect();
        let all = all.join(", ");
        assert!(
            RightForm {
                classes: &all,
                ..right_form()
            }
            .check("2026-11-29")
            .is_ok()
        );
        let too_many = format!("{all}, 1");
        for kind in ["trademark", "design"] {
            let errors = RightForm {
                kind,
                classes: &too_many,
                ..right_form()
            }
            .check("2026-11-29")
            .expect_err("too many");
            assert_eq!(
                errors["classes"],
                ["List at most 45 Nice classes, e.g. 18, 25."]
            );
        }
    }

    #[test]
    fn only_verified_unexpired_rights_back_reports() {
        let today = "2026-11-29";
        assert!(may_back_reports(RightStatus::Verified, None, today));
        assert!(may_back_reports(
            RightStatus::Verified,
            Some("2026-11-29"),
            today
        ));
        assert!(!may_back_reports(
            RightStatus::Verified,
            Some("2026-11-28"),
            today
        ));
        assert!(!may_back_reports(RightStatus::Pending, None, today));
        assert!(!may_back_reports(RightStatus::Rejected, None, today));
    }

    #[test]
    fn iso_dates_are_checked() {
        assert!(check_iso_date("2030-01-31").is_ok());
        assert!(check_iso_date("2030-13-01").is_err());
        assert!(check_iso_date("31/01/2030").is_err());
        assert!(check_iso_date("").is_err());
    }

    #[test]
    fn file_types_come_from_their_bytes() {
        assert_eq!(check_upload(b"%PDF-1.7 ..."), Ok("application/pdf"));
        assert_eq!(check_upload(b"\x89PNG\r\n\x1a\nrest"), Ok("image/png"));
        assert!(check_upload(b"MZ\x90\x00 executable").is_err());
        assert!(check_upload(b"").is_err());
        assert!(check_upload(&vec![b'%'; MAX_FILE_BYTES + 1]).is_err());
    }

    #[test]
    fn file_names_lose_paths_and_control_characters() {
        assert_eq!(clean_file_name("C:\\docs\\proof.pdf"), "proof.pdf");
        assert_eq!(clean_file_name("../../etc/pa\u{0}sswd"), "passwd");
        assert_eq!(clean_file_name(""), "upload");
    }
}
