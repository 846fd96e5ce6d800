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

#[cfg(test)]
mod tests {
    use super::*;

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
