//! Verifying Goodfaith's signed webhooks.
//!
//! Goodfaith signs its webhooks the [Standard Webhooks](https://www.standardwebhooks.com) way:
//!
//! - `webhook-id`: the message id, the same on every retry of one event;
//! - `webhook-timestamp`: when this attempt was signed, in Unix seconds;
//! - `webhook-signature`: space-separated `v1,<base64 HMAC-SHA256>` entries (two of them while
//!   a secret is being rotated).
//!
//! The signed content is `{webhook-id}.{webhook-timestamp}.{raw body}` and the HMAC key is the
//! base64 after the secret's `whsec_` prefix. Any Standard Webhooks library verifies these
//! messages; this file is the whole algorithm, small enough to copy.

use std::fmt;

use axum::http::HeaderMap;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// How far, in seconds and in either direction, a message's timestamp may be from now.
///
/// The timestamp is signed, so an attacker who recorded a message cannot change it; refusing
/// old timestamps is what stops them replaying it later. Future ones are refused too, so a
/// message cannot be signed ahead of time to stay valid for longer.
pub const TOLERANCE_SECONDS: i64 = 300;

/// The header carrying the message id.
pub const ID_HEADER: &str = "webhook-id";
/// The header carrying the signing time, in Unix seconds.
pub const TIMESTAMP_HEADER: &str = "webhook-timestamp";
/// The header carrying the space-separated signatures.
pub const SIGNATURE_HEADER: &str = "webhook-signature";

/// Secrets are shown as `whsec_` followed by the base64 of the key.
const SECRET_PREFIX: &str = "whsec_";
/// The only signature scheme defined so far: HMAC-SHA256 with a shared secret.
const VERSION: &str = "v1";

/// A webhook signing secret, as shown once when the endpoint is created in Goodfaith.
#[derive(Clone)]
pub struct Secret {
    /// Keyed once here, so that signing and verifying cannot fail later.
    mac: HmacSha256,
}

impl Secret {
    /// Reads a secret written as `whsec_<base64>`, or as the bare base64 without the prefix
    /// (as some Standard Webhooks libraries take it).
    pub fn parse(text: &str) -> Result<Secret, VerifyError> {
        let text = text.trim();
        let encoded = text.strip_prefix(SECRET_PREFIX).unwrap_or(text);
        let key = BASE64.decode(encoded).map_err(|_| VerifyError::BadSecret)?;
        // An empty key would make every signature computable by anyone.
        if key.is_empty() {
            return Err(VerifyError::BadSecret);
        }
        let mac = HmacSha256::new_from_slice(&key).map_err(|_| VerifyError::BadSecret)?;
        Ok(Secret { mac })
    }

    /// The HMAC of `{id}.{timestamp}.{body}`, not yet finalised.
    fn mac_of(&self, id: &str, timestamp: i64, body: &[u8]) -> HmacSha256 {
        let mut mac = self.mac.clone();
        mac.update(id.as_bytes());
        mac.update(b".");
        mac.update(timestamp.to_string().as_bytes());
        mac.update(b".");
        // The raw bytes as received: re-serialised JSON would not match the signature.
        mac.update(body);
        mac
    }
}

/// Never prints the key, so a secret can't leak through a log line.
impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(..)")
    }
}

/// Signs a message the way Goodfaith does, returning one `v1,<base64>` signature entry.
///
/// A receiver does not need this; it is here for tests and for sending yourself test messages.
pub fn sign(secret: &Secret, id: &str, timestamp: i64, body: &[u8]) -> String {
    let tag = secret.mac_of(id, timestamp, body).finalize().into_bytes();
    format!("{VERSION},{}", BASE64.encode(tag))
}

/// What a successfully verified message's headers said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// The `webhook-id`: the same on every retry of one event, so it is what to deduplicate on.
    pub id: String,
    /// The `webhook-timestamp`: when this delivery attempt was signed, in Unix seconds.
    pub timestamp: i64,
}

/// Checks that a request comes from Goodfaith and is recent.
///
/// `secrets` holds every secret currently accepted: normally one, two while rotating (add the
/// new one, then remove the old one once Goodfaith signs with the new one only). `body` must be
/// the raw request body, before any JSON parsing. `now_unix` is the current Unix time in
/// seconds (a parameter so that tests can choose it).
///
/// The message is accepted if any `v1` entry of the signature header matches any secret;
/// entries of other versions are ignored, so that new schemes can be added alongside.
pub fn verify(
    secrets: &[Secret],
    headers: &HeaderMap,
    body: &[u8],
    now_unix: i64,
) -> Result<Verified, VerifyError> {
    let id = header(headers, ID_HEADER)?;
    let timestamp = header(headers, TIMESTAMP_HEADER)?
        .parse::<i64>()
        .map_err(|_| VerifyError::BadTimestamp)?;
    let signatures = header(headers, SIGNATURE_HEADER)?;

    // Saturating: a hostile timestamp such as i64::MIN must not overflow.
    if now_unix.saturating_sub(timestamp) > TOLERANCE_SECONDS {
        return Err(VerifyError::TooOld);
    }
    if timestamp.saturating_sub(now_unix) > TOLERANCE_SECONDS {
        return Err(VerifyError::TooNew);
    }

    // Hash the body once per secret, then compare it with each entry.
    let expected: Vec<HmacSha256> = secrets
        .iter()
        .map(|secret| secret.mac_of(id, timestamp, body))
        .collect();
    let matches = signatures
        .split_whitespace()
        .filter_map(|entry| entry.split_once(','))
        .filter(|(version, _)| *version == VERSION)
        .filter_map(|(_, encoded)| BASE64.decode(encoded).ok())
        .any(|signature| {
            // `verify_slice` compares in constant time: `==` would tell an attacker, through
            // the response time, how many leading bytes of a forged signature are right.
            expected
                .iter()
                .any(|mac| mac.clone().verify_slice(&signature).is_ok())
        });
    if !matches {
        return Err(VerifyError::NoMatchingSignature);
    }
    Ok(Verified {
        id: id.to_owned(),
        timestamp,
    })
}

/// A header's value as text.
fn header<'a>(headers: &'a HeaderMap, name: &'static str) -> Result<&'a str, VerifyError> {
    headers
        .get(name)
        .ok_or(VerifyError::MissingHeader(name))?
        .to_str()
        .map_err(|_| VerifyError::BadHeader(name))
}

/// Why a message was refused (or a secret could not be read).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerifyError {
    /// The named header is absent.
    MissingHeader(&'static str),
    /// The named header is present but not plain visible ASCII text.
    BadHeader(&'static str),
    /// `webhook-timestamp` is not a whole number.
    BadTimestamp,
    /// The timestamp is more than [`TOLERANCE_SECONDS`] in the past: possibly a replay.
    TooOld,
    /// The timestamp is more than [`TOLERANCE_SECONDS`] in the future.
    TooNew,
    /// No `v1` signature matches any of the secrets.
    NoMatchingSignature,
    /// A secret is not `whsec_` followed by non-empty base64.
    BadSecret,
}

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VerifyError::MissingHeader(name) => write!(f, "The {name} header is missing."),
            VerifyError::BadHeader(name) => write!(f, "The {name} header is not plain text."),
            VerifyError::BadTimestamp => write!(
                f,
                "The {TIMESTAMP_HEADER} header is not a whole number of seconds since 1970."
            ),
            VerifyError::TooOld => write!(
                f,
                "The message was signed more than {TOLERANCE_SECONDS} seconds ago, so it may be a replay."
            ),
            VerifyError::TooNew => write!(
                f,
                "The message is dated more than {TOLERANCE_SECONDS} seconds in the future; check the clocks."
            ),
            VerifyError::NoMatchingSignature => write!(
                f,
                "No signature in the {SIGNATURE_HEADER} header matches the configured secrets."
            ),
            VerifyError::BadSecret => write!(
                f,
                "The webhook secret is not valid: it must be whsec_ followed by base64."
            ),
        }
    }
}

impl std::error::Error for VerifyError {}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    // The test vector published with the Standard Webhooks reference libraries.
    const SPEC_SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const SPEC_ID: &str = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    const SPEC_TIMESTAMP: i64 = 1_614_265_330;
    const SPEC_BODY: &[u8] = br#"{"test": 2432232314}"#;
    const SPEC_SIGNATURE: &str = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    fn secret(text: &str) -> Secret {
        Secret::parse(text).expect("valid secret")
    }

    fn headers(id: &str, timestamp: i64, signature: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        let value = |text: &str| HeaderValue::from_str(text).expect("header value");
        headers.insert(ID_HEADER, value(id));
        headers.insert(TIMESTAMP_HEADER, value(&timestamp.to_string()));
        headers.insert(SIGNATURE_HEADER, value(signature));
        headers
    }

    fn spec_headers() -> HeaderMap {
        headers(SPEC_ID, SPEC_TIMESTAMP, SPEC_SIGNATURE)
    }

    #[test]
    fn signs_the_spec_test_vector() {
        assert_eq!(
            sign(&secret(SPEC_SECRET), SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY),
            SPEC_SIGNATURE
        );
    }

    #[test]
    fn verifies_the_spec_test_vector() {
        let verified = verify(
            &[secret(SPEC_SECRET)],
            &spec_headers(),
            SPEC_BODY,
            SPEC_TIMESTAMP,
        );
        assert_eq!(
            verified,
            Ok(Verified {
                id: SPEC_ID.to_owned(),
                timestamp: SPEC_TIMESTAMP,
            })
        );
    }

    #[test]
    fn accepts_a_secret_without_its_prefix() {
        let bare = secret("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        assert_eq!(
            sign(&bare, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY),
            SPEC_SIGNATURE
        );
    }

    #[test]
    fn refuses_bad_secrets() {
        for text in ["whsec_", "", "whsec_not base64!", "not base64!"] {
            assert_eq!(
                Secret::parse(text).map(|_| ()),
                Err(VerifyError::BadSecret),
                "{text:?}"
            );
        }
    }

    #[test]
    fn a_tampered_body_fails() {
        let result = verify(
            &[secret(SPEC_SECRET)],
            &spec_headers(),
            br#"{"test": 2432232315}"#,
            SPEC_TIMESTAMP,
        );
        assert_eq!(result, Err(VerifyError::NoMatchingSignature));
    }

    #[test]
    fn a_tampered_id_fails() {
        let tampered = headers("msg_other", SPEC_TIMESTAMP, SPEC_SIGNATURE);
        let result = verify(&[secret(SPEC_SECRET)], &tampered, SPEC_BODY, SPEC_TIMESTAMP);
        assert_eq!(result, Err(VerifyError::NoMatchingSignature));
    }

    #[test]
    fn a_wrong_secret_fails() {
        let wrong = secret("whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD");
        let result = verify(&[wrong], &spec_headers(), SPEC_BODY, SPEC_TIMESTAMP);
        assert_eq!(result, Err(VerifyError::NoMatchingSignature));
    }

    #[test]
    fn no_secrets_fails() {
        let result = verify(&[], &spec_headers(), SPEC_BODY, SPEC_TIMESTAMP);
        assert_eq!(result, Err(VerifyError::NoMatchingSignature));
    }

    #[test]
    fn the_second_of_two_signatures_may_match() {
        // During a rotation Goodfaith signs with the old and the new secret.
        let old = secret("whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD");
        let new = secret(SPEC_SECRET);
        let both = format!(
            "{} {}",
            sign(&old, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY),
            sign(&new, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY)
        );
        let headers = headers(SPEC_ID, SPEC_TIMESTAMP, &both);
        // A receiver that has already moved to the new secret accepts it...
        assert!(
            verify(
                std::slice::from_ref(&new),
                &headers,
                SPEC_BODY,
                SPEC_TIMESTAMP
            )
            .is_ok()
        );
        // ...and so does one that accepts both.
        assert!(verify(&[old, new], &headers, SPEC_BODY, SPEC_TIMESTAMP).is_ok());
    }

    #[test]
    fn any_of_several_secrets_may_match() {
        let other = secret("whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD");
        let result = verify(
            &[other, secret(SPEC_SECRET)],
            &spec_headers(),
            SPEC_BODY,
            SPEC_TIMESTAMP,
        );
        assert!(result.is_ok());
    }

    #[test]
    fn timestamps_are_checked_against_the_tolerance() {
        let secrets = [secret(SPEC_SECRET)];
        let now = SPEC_TIMESTAMP;
        let at = |offset: i64| {
            let timestamp = now + offset;
            let signature = sign(&secrets[0], SPEC_ID, timestamp, SPEC_BODY);
            verify(
                &secrets,
                &headers(SPEC_ID, timestamp, &signature),
                SPEC_BODY,
                now,
            )
        };
        assert!(at(-299).is_ok());
        assert!(at(-300).is_ok());
        assert_eq!(at(-301), Err(VerifyError::TooOld));
        assert!(at(299).is_ok());
        assert!(at(300).is_ok());
        assert_eq!(at(301), Err(VerifyError::TooNew));
    }

    #[test]
    fn extreme_timestamps_do_not_overflow() {
        let secrets = [secret(SPEC_SECRET)];
        for (timestamp, error) in [
            (i64::MIN, VerifyError::TooOld),
            (i64::MAX, VerifyError::TooNew),
        ] {
            let result = verify(
                &secrets,
                &headers(SPEC_ID, timestamp, SPEC_SIGNATURE),
                SPEC_BODY,
                SPEC_TIMESTAMP,
            );
            assert_eq!(result, Err(error));
        }
    }

    #[test]
    fn a_timestamp_that_is_not_a_number_fails() {
        let mut headers = spec_headers();
        headers.insert(TIMESTAMP_HEADER, HeaderValue::from_static("2021-02-25"));
        let result = verify(&[secret(SPEC_SECRET)], &headers, SPEC_BODY, SPEC_TIMESTAMP);
        assert_eq!(result, Err(VerifyError::BadTimestamp));
    }

    #[test]
    fn each_missing_header_is_named() {
        for name in [ID_HEADER, TIMESTAMP_HEADER, SIGNATURE_HEADER] {
            let mut headers = spec_headers();
            headers.remove(name);
            let result = verify(&[secret(SPEC_SECRET)], &headers, SPEC_BODY, SPEC_TIMESTAMP);
            assert_eq!(result, Err(VerifyError::MissingHeader(name)));
        }
    }

    #[test]
    fn a_header_that_is_not_text_is_named() {
        let mut headers = spec_headers();
        let binary = HeaderValue::from_bytes(b"msg_\xff").expect("opaque header value");
        headers.insert(ID_HEADER, binary);
        let result = verify(&[secret(SPEC_SECRET)], &headers, SPEC_BODY, SPEC_TIMESTAMP);
        assert_eq!(result, Err(VerifyError::BadHeader(ID_HEADER)));
    }

    #[test]
    fn other_versions_are_ignored() {
        let secrets = [secret(SPEC_SECRET)];
        // The right HMAC under another version name is not accepted as v1...
        let v2_only = SPEC_SIGNATURE.replacen("v1,", "v2,", 1);
        let result = verify(
            &secrets,
            &headers(SPEC_ID, SPEC_TIMESTAMP, &v2_only),
            SPEC_BODY,
            SPEC_TIMESTAMP,
        );
        assert_eq!(result, Err(VerifyError::NoMatchingSignature));
        // ...and unknown entries, even malformed ones, do not stop a v1 entry matching.
        let mixed = format!("v2,whatever v1a,xyz garbage {SPEC_SIGNATURE}");
        let result = verify(
            &secrets,
            &headers(SPEC_ID, SPEC_TIMESTAMP, &mixed),
            SPEC_BODY,
            SPEC_TIMESTAMP,
        );
        assert!(result.is_ok());
    }

    #[test]
    fn errors_read_as_sentences() {
        let errors = [
            VerifyError::MissingHeader(ID_HEADER),
            VerifyError::BadHeader(SIGNATURE_HEADER),
            VerifyError::BadTimestamp,
            VerifyError::TooOld,
            VerifyError::TooNew,
            VerifyError::NoMatchingSignature,
            VerifyError::BadSecret,
        ];
        for error in errors {
            let text = error.to_string();
            assert!(text.starts_with(char::is_uppercase), "{text}");
            assert!(text.ends_with('.'), "{text}");
        }
        assert_eq!(
            VerifyError::MissingHeader(ID_HEADER).to_string(),
            "The webhook-id header is missing."
        );
    }

    #[test]
    fn debug_does_not_show_the_key() {
        assert_eq!(format!("{:?}", secret(SPEC_SECRET)), "Secret(..)");
    }
}
