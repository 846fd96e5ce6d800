//! A filled-in notice, checked field by field before anything is looked up: what the report
//! form, the instant-takedown page and (later) the brand API all accept. Checks that need the
//! database — whose IP right, whose evidence files, which listings — are the service's.

use std::collections::BTreeMap;

use crate::domain::ReasonCode;
use crate::domain::report::{check_explanation, check_signature, count_lines, too_many_lines};
use crate::domain::right::MAX_EVIDENCE_FILES;

/// Field name → messages, for showing each message next to the control that caused it.
pub type FieldErrors = BTreeMap<String, Vec<String>>;

/// Longest test-buy order number.
pub const MAX_ORDER_NUMBER_CHARS: usize = 60;

/// Longest note a brand may attach to one listing line.
pub const MAX_LINE_NOTE_CHARS: usize = 500;

/// The fields of a notice as typed.
#[derive(Debug, Clone, Copy)]
pub struct NoticeForm<'a> {
    /// The reason code's stored name ("" = none chosen).
    pub reason: &'a str,
    /// Why the listings infringe.
    pub explanation: &'a str,
    /// The test-buy order number, if any.
    pub test_buy_order: &'a str,
    /// How many evidence files are attached.
    pub evidence_files: usize,
    /// Whether the good-faith declaration was ticked.
    pub declared: bool,
    /// The typed full-name signature.
    pub signature: &'a str,
    /// Listing IDs or URLs, one per line.
    pub lines: &'a str,
}

/// A notice whose fields passed: the values to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedNotice {
    /// The reason.
    pub reason: ReasonCode,
    /// The explanation, trimmed.
    pub explanation: String,
    /// The order number, trimmed.
    pub test_buy_order: String,
    /// The signature, with its spaces folded.
    pub signature: String,
}

impl NoticeForm<'_> {
    /// Checks every field and returns the values to store, or every problem by field.
    pub fn check(&self) -> Result<CheckedNotice, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut complain = |field: &str, message: String| {
            errors.entry(field.to_owned()).or_default().push(message);
        };
        let reason = ReasonCode::parse(self.reason);
        if reason.is_none() {
            complain("reason", "Choose a reason.".into());
        }
        let explanation = check_explanation(self.explanation)
            .map_err(|message| complain("explanation", message))
            .unwrap_or_default();
        let test_buy_order = self.test_buy_order.trim().to_owned();
        if test_buy_order.chars().count() > MAX_ORDER_NUMBER_CHARS {
            complain(
                "test_buy_order",
                format!("The order number is longer than {MAX_ORDER_NUMBER_CHARS} characters."),
            );
        }
        if self.evidence_files > MAX_EVIDENCE_FILES {
            complain(
                "evidence",
                format!("Attach at most {MAX_EVIDENCE_FILES} evidence files."),
            );
        }
        if !self.declared {
            complain(
                "declared",
                "Tick the good-faith declaration to submit a notice.".into(),
            );
        }
        let signature = check_signature(self.signature)
            .map_err(|message| complain("signature", message))
            .unwrap_or_default();
        let lines = count_lines(self.lines);
        if let Err(message) = crate::domain::limits::check_chars(
            self.lines,
            crate::domain::limits::MAX_LINES_TEXT_CHARS,
            "the list",
        ) {
            complain("lines", message);
        } else if lines == 0 {
            complain(
                "lines",
                "Enter at least one listing ID or URL, one per line.".into(),
            );
        } else if let Some(message) = too_many_lines(lines) {
            complain("lines", message);
        }
        match reason {
            Some(reason) if errors.is_empty() => Ok(CheckedNotice {
                reason,
                explanation,
                test_buy_order,
                signature,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> NoticeForm<'static> {
        NoticeForm {
            reason: "counterfeit",
            explanation: "Fake logo and packaging, sold far below retail.",
            test_buy_order: "",
            evidence_files: 0,
            declared: true,
            signature: "Ada Lovelace",
            lines: "12345",
        }
    }

    #[test]
    fn a_complete_notice_passes_with_its_values_tidied() {
        let checked = NoticeForm {
            signature: "  Ada   Lovelace ",
            test_buy_order: " TB-1 ",
            ..form()
        }
        .check()
        .expect("valid");
        assert_eq!(checked.reason, ReasonCode::Counterfeit);
        assert_eq!(checked.signature, "Ada Lovelace");
        assert_eq!(checked.test_buy_order, "TB-1");
    }

    #[test]
    fn every_bad_field_is_named_at_once() {
        let errors = NoticeForm {
            reason: "",
            explanation: "short",
            test_buy_order: &"9".repeat(61),
            evidence_files: MAX_EVIDENCE_FILES + 1,
            declared: false,
            signature: "Ada",
            lines: " \n ",
        }
        .check()
        .expect_err("invalid");
        let fields: Vec<&str> = errors.keys().map(String::as_str).collect();
        assert_eq!(
            fields,
            [
                "declared",
                "evidence",
                "explanation",
                "lines",
                "reason",
                "signature",
                "test_buy_order"
            ]
        );
    }

    #[test]
    fn three_hundred_lines_pass_and_three_hundred_and_one_do_not() {
        let lines = |n: usize| {
            (1..=n)
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        };
        let ok = lines(300);
        assert!(
            NoticeForm {
                lines: &ok,
                ..form()
            }
            .check()
            .is_ok()
        );
        let too_many = lines(301);
        let errors = NoticeForm {
            lines: &too_many,
            ..form()
        }
        .check()
        .expect_err("too many");
        assert!(errors.contains_key("lines"));
    }
}
