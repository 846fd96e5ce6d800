//! Reading requests: JSON bodies, path ids and query strings, each refusal a problem that
//! points at the value that caused it.

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::header;
use serde::de::DeserializeOwned;

use super::problem::Problem;

/// Largest body the API reads: a 300-line report with notes is well under 200 KiB.
pub const BODY_LIMIT: usize = 512 * 1024;

/// A JSON request body, read with the path of any value that does not fit so the problem
/// can point at it (`/lines/3/listing`).
#[derive(Debug, Clone)]
pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = Problem;

    async fn from_request(request: Request, state: &S) -> Result<Self, Problem> {
        let is_json = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.split(';').next())
            .is_some_and(|mime| {
                let mime = mime.trim();
                mime.eq_ignore_ascii_case("application/json")
                    || mime.to_ascii_lowercase().ends_with("+json")
            });
        if !is_json {
            return Err(Problem::new(
                axum::http::StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported-media-type",
                "Send JSON",
                "Send the body as JSON with `Content-Type: application/json`.",
            ));
        }
        let bytes =
            Bytes::from_request(request, state)
                .await
                .map_err(|rejection| match rejection {
                    BytesRejection::FailedToBufferBody(_) => Problem::too_large(BODY_LIMIT),
                    other => Problem::malformed(other.body_text()),
                })?;
        parse(&bytes).map(ApiJson)
    }
}

/// Reads `bytes` as a `T`, or says where and why not.
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, Problem> {
    let mut reader = serde_json::Deserializer::from_slice(bytes);
    match serde_path_to_error::deserialize::<_, T>(&mut reader) {
        Ok(value) => {
            reader.end().map_err(|error| {
                Problem::malformed(format!("The body is not one JSON value: {error}"))
            })?;
            Ok(value)
        }
        Err(error) => {
            let pointer = pointer(error.path());
            let inner = error.into_inner();
            if inner.is_syntax() || inner.is_eof() {
                Err(Problem::malformed(format!(
                    "The body is not valid JSON: {inner}"
                )))
            } else {
                Err(Problem::invalid_at(
                    &pointer,
                    without_position(&inner.to_string()),
                ))
            }
        }
    }
}

/// serde_json ends its messages with "at line 1 column 52", which says nothing once the
/// problem points at the value.
fn without_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message.to_owned(),
    }
}

/// A serde path (`lines[3].listing`) as a JSON pointer (`/lines/3/listing`).
fn pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for segment in path.iter() {
        out.push('/');
        match segment {
            Segment::Seq { index } => out.push_str(&index.to_string()),
            Segment::Map { key } => out.push_str(&key.replace('~', "~0").replace('/', "~1")),
            Segment::Enum { variant } => out.push_str(variant),
            Segment::Unknown => out.push('?'),
        }
    }
    if out.is_empty() { "/".into() } else { out }
}

/// Path parameters, refused as a problem when they are not what the route expects.
#[derive(Debug, Clone, FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(Problem))]
pub struct ApiPath<T>(pub T);

impl From<PathRejection> for Problem {
    fn from(rejection: PathRejection) -> Problem {
        Problem::malformed(rejection.body_text())
    }
}

/// A query string, refused as a problem naming the parameter when it does not fit.
#[derive(Debug, Clone, FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(Problem))]
pub struct ApiQuery<T>(pub T);

impl From<QueryRejection> for Problem {
    fn from(rejection: QueryRejection) -> Problem {
        Problem::malformed(rejection.body_text())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)] // read only through Debug in failures
    struct Body {
        lines: Vec<Line>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Line {
        listing: String,
    }

    #[test]
    fn a_wrong_type_points_at_the_value() {
        let problem = parse::<Body>(br#"{"lines": [{"listing": "1"}, {"listing": 7}]}"#)
            .expect_err("wrong type");
        assert_eq!(problem.status, 422);
        assert_eq!(problem.errors[0].pointer, "/lines/1/listing");
        assert!(!problem.errors[0].detail.contains("column"), "{problem:?}");
    }

    #[test]
    fn unknown_fields_and_broken_json_are_refused() {
        let unknown = parse::<Body>(br#"{"lines": [], "extra": 1}"#).expect_err("unknown");
        assert!(unknown.detail.contains("extra"), "{unknown:?}");
        let broken = parse::<Body>(br#"{"lines": ["#).expect_err("broken");
        assert_eq!(broken.status, 400);
    }
}
