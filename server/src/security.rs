//! What every answer carries and what every state-changing request must show: response
//! headers that keep browsers from sniffing, framing, leaking addresses or enabling
//! features the portal never uses, and the same-origin check that refuses cross-site POSTs
//! (CSRF) before any handler runs. Pages add their own `Content-Security-Policy` with the
//! render's nonce (see `app::shell`); everything else gets the strict one here.

use axum::Router;
use axum::extract::{Request, State};
use axum::http::header::{self, HeaderName, HeaderValue};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower_http::set_header::SetResponseHeaderLayer;

/// The policy for answers that are not pages (server-function results, files, JSON): they
/// load nothing, run nothing and are never framed.
pub const NON_PAGE_CSP: &str =
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/// Features no page of the portal uses, switched off for it and anything it might embed.
pub const PERMISSIONS_POLICY: &str = "accelerometer=(), autoplay=(), camera=(), \
     display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), \
     midi=(), payment=(), usb=(), xr-spatial-tracking=()";

/// HTTPS only, for a year, once a browser has seen the portal over HTTPS.
pub const HSTS: &str = "max-age=31536000; includeSubDomains";

/// Where requests may come from and whether the portal is served over HTTPS.
#[derive(Debug, Clone, Default)]
pub struct SecuritySettings {
    /// Send `Strict-Transport-Security` (the portal is reached over HTTPS).
    pub https: bool,
    /// Origins besides the request's own host that may post to the portal, e.g. the
    /// public address behind a proxy that rewrites `Host` (`https://portal.example`).
    pub extra_origins: Vec<String>,
}

/// Wraps `router` with the response headers and the same-origin check.
pub fn protect<S: Clone + Send + Sync + 'static>(
    router: Router<S>,
    settings: SecuritySettings,
) -> Router<S> {
    let fixed = [
        (header::CONTENT_SECURITY_POLICY, NON_PAGE_CSP),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        // Report, listing and case addresses stay inside the portal.
        (header::REFERRER_POLICY, "same-origin"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (
            HeaderName::from_static("permissions-policy"),
            PERMISSIONS_POLICY,
        ),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
    ];
    let mut router = router;
    if settings.https {
        router = router.layer(SetResponseHeaderLayer::if_not_present(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(HSTS),
        ));
    }
    for (name, value) in fixed {
        // `if_not_present`: a page's own policy (with its nonce) wins over the default.
        router = router.layer(SetResponseHeaderLayer::if_not_present(
            name,
            HeaderValue::from_static(value),
        ));
    }
    router.layer(axum::middleware::from_fn_with_state(
        std::sync::Arc::new(settings),
        same_origin,
    ))
}

/// Why a request was refused before it reached a handler.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// A browser sent it from another site.
    CrossSite,
    /// A server function was sent a body type no form of the portal sends as JSON or
    /// form fields (a `text/plain` form shaped like JSON, for one).
    BodyType,
}

impl Refusal {
    fn into_response(self) -> Response {
        match self {
            Refusal::CrossSite => (
                StatusCode::FORBIDDEN,
                "This request came from another site, so it was refused. \
                 Open the portal itself and try again.",
            )
                .into_response(),
            Refusal::BodyType => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "Send this request as application/json or form fields.",
            )
                .into_response(),
        }
    }
}

/// The decision for one request: `None` lets it through. Safe methods always pass; the
/// Brand and marketplace API (`/api/v1`) is authenticated by a bearer token, which browsers
/// never attach on their own, so it needs no origin check.
pub fn check(
    method: &Method,
    path: &str,
    headers: &axum::http::HeaderMap,
    extra_origins: &[String],
) -> Option<Refusal> {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
        || path.starts_with("/api/v1/")
    {
        return None;
    }
    let text = |name: &HeaderName| headers.get(name).and_then(|value| value.to_str().ok());
    // Modern browsers say outright where a request comes from.
    if let Some(site) = text(&HeaderName::from_static("sec-fetch-site"))
        && site != "same-origin"
        && site != "none"
    {
        return Some(Refusal::CrossSite);
    }
    // Older ones send the origin; it must be the host the request was sent to (or one of
    // the configured public origins). No origin at all is a non-browser client, which holds
    // no victim's cookie.
    if let Some(origin) = text(&header::ORIGIN) {
        let host = text(&header::HOST).unwrap_or_default();
        let authority = origin
            .strip_prefix("https://")
            .or_else(|| origin.strip_prefix("http://"));
        let same_host = authority.is_some_and(|authority| authority.eq_ignore_ascii_case(host));
        let listed = extra_origins
            .iter()
            .any(|allowed| allowed.trim_end_matches('/').eq_ignore_ascii_case(origin));
        if !same_host && !listed {
            return Some(Refusal::CrossSite);
        }
    }
    // Server functions read JSON or form fields. Uploads read the file as sent (a browser
    // labels a CSV `text/csv`, `application/vnd.ms-excel` or nothing), so only the origin
    // check above guards them.
    if !path.starts_with("/api/") {
        return None;
    }
    let content_type = text(&header::CONTENT_TYPE).unwrap_or_default();
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    let allowed = essence == "application/json" || essence == "application/x-www-form-urlencoded";
    (!allowed).then_some(Refusal::BodyType)
}

async fn same_origin(
    State(settings): State<std::sync::Arc<SecuritySettings>>,
    request: Request,
    next: Next,
) -> Response {
    match check(
        request.method(),
        request.uri().path(),
        request.headers(),
        &settings.extra_origins,
    ) {
        Some(refusal) => {
            tracing::info!(
                path = request.uri().path(),
                ?refusal,
                "request refused before its handler"
            );
            refusal.into_response()
        }
        None => next.run(request).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderMap;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(
                HeaderName::from_static(name),
                HeaderValue::from_static(value),
            );
        }
        map
    }

    const JSON: (&str, &str) = ("content-type", "application/json");

    #[test]
    fn reads_and_the_token_api_pass() {
        let cross = headers(&[("sec-fetch-site", "cross-site")]);
        assert_eq!(check(&Method::GET, "/reports", &cross, &[]), None);
        assert_eq!(check(&Method::POST, "/api/v1/reports", &cross, &[]), None);
    }

    #[test]
    fn cross_site_posts_are_refused() {
        for pairs in [
            vec![("sec-fetch-site", "cross-site"), JSON],
            vec![("sec-fetch-site", "same-site"), JSON],
            vec![
                ("origin", "https://evil.example"),
                ("host", "portal.example"),
                JSON,
            ],
            vec![("origin", "null"), ("host", "portal.example"), JSON],
        ] {
            assert_eq!(
                check(&Method::POST, "/api/auth/login", &headers(&pairs), &[]),
                Some(Refusal::CrossSite),
                "{pairs:?}"
            );
        }
    }

    #[test]
    fn same_origin_posts_pass() {
        for pairs in [
            vec![("sec-fetch-site", "same-origin"), JSON],
            vec![
                ("origin", "http://127.0.0.1:3000"),
                ("host", "127.0.0.1:3000"),
                JSON,
            ],
            vec![JSON],
        ] {
            assert_eq!(
                check(&Method::POST, "/api/auth/login", &headers(&pairs), &[]),
                None,
                "{pairs:?}"
            );
        }
        let proxied = headers(&[
            ("origin", "https://portal.example"),
            ("host", "10.0.0.5:3000"),
            JSON,
        ]);
        assert_eq!(
            check(
                &Method::POST,
                "/api/x",
                &proxied,
                &["https://portal.example/".into()]
            ),
            None
        );
    }

    #[test]
    fn server_functions_take_json_or_form_fields_only() {
        let plain = headers(&[
            ("sec-fetch-site", "same-origin"),
            ("content-type", "text/plain"),
        ]);
        assert_eq!(
            check(&Method::POST, "/api/reports/file", &plain, &[]),
            Some(Refusal::BodyType)
        );
        let form = headers(&[("content-type", "application/x-www-form-urlencoded")]);
        assert_eq!(check(&Method::POST, "/api/auth/login", &form, &[]), None);
        let multipart = headers(&[("content-type", "multipart/form-data; boundary=x")]);
        assert_eq!(
            check(&Method::POST, "/uploads/evidence", &multipart, &[]),
            None
        );
        assert_eq!(
            check(&Method::POST, "/api/auth/login", &multipart, &[]),
            Some(Refusal::BodyType)
        );
    }
}
