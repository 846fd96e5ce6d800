//! What every server function needs: the shared state and the error boundary.

use axum::extract::FromRef;
use axum::http::StatusCode;
use leptos::prelude::*;

use crate::db::Db;
use crate::error::AppError;

/// Set on a server function's error answer by [`boundary`]: the status is the use case's.
/// An error answer without it was refused by the server-function framework before any of
/// our code ran (arguments that do not decode, a body over the limit).
pub const ANSWERED_HEADER: &str = "x-goodfaith-answered";

/// State shared by the router and every server function, provided through context.
#[derive(Debug, Clone, FromRef)]
pub struct AppState {
    /// Leptos's site options (paths, addresses).
    pub leptos_options: LeptosOptions,
    /// The database.
    pub db: Db,
    /// Tier thresholds and review targets in force: the environment's defaults with the
    /// admins' changes from the Policy page over them.
    #[from_ref(skip)]
    pub rules: crate::service::policy::LiveRules,
    /// The portal's public address (`GOODFAITH_PUBLIC_URL`), if configured: webhooks may not
    /// point at it.
    pub public_url: Option<String>,
    /// Sign-in throttling, shared by every request this server answers.
    #[from_ref(skip)]
    pub sign_in_throttle: std::sync::Arc<crate::service::throttle::SignInThrottle>,
    /// Where a request's client address is read from.
    #[from_ref(skip)]
    pub client_address: ClientAddress,
    /// Demo mode (`GOODFAITH_DEMO`): its mail is for everyone to read on the Mail page.
    #[from_ref(skip)]
    pub demo: bool,
    /// Where statements of reasons are submitted (`GOODFAITH_TDB_URL`, or the demo's
    /// stand-in), if anywhere: the admins' page shows it.
    #[from_ref(skip)]
    pub tdb_url: Option<String>,
}

/// Where a request's client address is read from: the connection, or (behind a reverse
/// proxy, whose own address every connection would show) a header the proxy sets.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum ClientAddress {
    /// The connection's peer address.
    #[default]
    Peer,
    /// The last address in this header (`X-Forwarded-For`: the one the proxy itself
    /// appended, which a client cannot forge).
    Header(String),
}

impl ClientAddress {
    /// The client's address for the request being answered, if it can be told.
    pub fn of_request(&self) -> Option<std::net::IpAddr> {
        let parts = use_context::<axum::http::request::Parts>()?;
        match self {
            ClientAddress::Peer => parts
                .extensions
                .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
                .map(|info| info.0.ip()),
            ClientAddress::Header(name) => parts
                .headers
                .get_all(name.as_str())
                .iter()
                .next_back()?
                .to_str()
                .ok()?
                .rsplit(',')
                .next()?
                .trim()
                .parse()
                .ok(),
        }
    }
}

/// The shared state; an internal error if the router did not provide it.
pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from context");
        AppError::Internal
    })
}

impl AppState {
    /// The `host:port`s the portal answers on: its listening address and its public one.
    pub fn portal_hosts(&self) -> Vec<String> {
        let mut hosts = vec![self.leptos_options.site_addr.to_string()];
        if let Some(public) = &self.public_url {
            let https = public.starts_with("https://");
            let rest = public
                .trim_start_matches("https://")
                .trim_start_matches("http://");
            let authority = rest.split('/').next().unwrap_or_default();
            if authority.contains(':') {
                hosts.push(authority.to_owned());
            } else {
                hosts.push(format!("{authority}:{}", if https { 443 } else { 80 }));
            }
        }
        hosts
    }

    /// The use cases' context: this state's database and rules, on the system clock.
    pub fn context(&self) -> crate::service::Context {
        let base_url = match &self.public_url {
            Some(url) => url.trim_end_matches('/').to_owned(),
            None => format!("http://{}", self.leptos_options.site_addr),
        };
        crate::service::Context {
            site: crate::service::Site {
                base_url,
                demo: self.demo,
            },
            ..crate::service::Context::new(self.db.clone(), self.rules.current())
        }
    }
}

/// What a server function for signed-in people starts with: the use cases' context and the
/// caller (401 for visitors, before anything is looked up).
pub async fn door() -> Result<(crate::service::Context, crate::model::CurrentUser), AppError> {
    let caller = crate::auth::current_user().await?;
    Ok((app_state()?.context(), caller))
}

/// Runs a server function's body and answers errors with their HTTP status, so API clients
/// and server-rendered pages see 401/403/404/422 rather than a blanket 500.
pub async fn boundary<T>(work: impl Future<Output = Result<T, AppError>>) -> Result<T, AppError> {
    let result = work.await;
    if let Err(error) = &result
        && let Some(response) = use_context::<leptos_axum::ResponseOptions>()
    {
        response.set_status(
            StatusCode::from_u16(error.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        );
        // Marks the answer as ours, so the router leaves its status alone (see
        // `server::statuses`: the framework's own refusals come back as 500s).
        response.insert_header(
            axum::http::HeaderName::from_static(ANSWERED_HEADER),
            axum::http::HeaderValue::from_static("1"),
        );
        if let AppError::TooManyRequests {
            retry_after_secs, ..
        } = error
        {
            response.insert_header(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from(*retry_after_secs),
            );
        }
    }
    result
}

/// Today's date (UTC, `YYYY-MM-DD`), against which rights expire.
pub fn today() -> String {
    crate::domain::iso_date(crate::db::now_ms())
}
