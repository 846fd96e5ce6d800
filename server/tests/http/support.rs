//! What the HTTP test modules share: one runtime and one test at a time, the demo-seeded
//! router, requests as each kind of caller, the status matrix runner with the statuses its
//! rows expect most, and builders of the request arguments the tests send again and again.

use app::api::support::AppState;
use app::db::testing::TestDb;
use app::domain::RejectionCode;
use app::domain::appeal::CounterNoticeDraft;
use app::domain::joint_force::{Answer, SuspicionRule};
use app::model::{AuditVerdict, InquiryAnswer, InquiryDraft, ReportDraft};
use axum::Router;
use axum::body::Body;
use axum::http::{Request, Response, StatusCode, header};
use http_body_util::BodyExt;
use leptos::prelude::LeptosOptions;
use leptos::server_fn::ServerFn;
use leptos::server_fn::serde::Serialize;
use server::{SessionSettings, router, seed, session_layer};
use tower::ServiceExt;

/// One runtime for every test in this file, and one test at a time. Leptos keeps
/// process-wide state (executor, route and server-function registries); tests building
/// separate routers concurrently in one process were seen to hang now and then, while the
/// same tests one after another never did. A real server builds one router, so run these
/// the way the server does.
pub fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: std::sync::OnceLock<tokio::runtime::Runtime> = std::sync::OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("test runtime")
    })
}

pub static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Declares `#[test]`s that run their scenario on the shared runtime, one at a time.
#[macro_export]
macro_rules! on_shared_runtime {
    ($($name:ident => $scenario:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                let _turn = $crate::support::ONE_AT_A_TIME.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
                $crate::support::runtime().block_on($scenario());
            }
        )*
    };
}

pub struct Harness {
    pub _db: TestDb,
    pub router: Router,
    pub helios: i64,
    pub northwind: i64,
    pub bazaar_listing: i64,
}

pub async fn harness() -> Harness {
    harness_with(Default::default()).await
}

/// [`harness`] with rules of the test's own (small caps, a sample of every takedown, …).
pub async fn harness_with(rules: app::domain::Rules) -> Harness {
    let test = TestDb::new().await.expect("test database");
    seed::seed_demo(&test.db).await.expect("seed");
    let brands = app::db::brands::list_all(&test.db.pool)
        .await
        .expect("brands");
    let id_of = |name: &str| {
        brands
            .iter()
            .find(|b| b.name == name)
            .map(|b| b.id)
            .expect("brand")
    };
    let (helios, northwind) = (id_of("Helios Audio"), id_of("Northwind Apparel"));
    let bazaar_listing: i64 = sqlx::query_scalar(
        "SELECT l.id FROM listings l JOIN sellers s ON s.id = l.seller_id \
         WHERE s.name = 'Bazaar Outlet' ORDER BY l.id LIMIT 1",
    )
    .fetch_one(&test.db.pool)
    .await
    .expect("listing");
    let sessions = session_layer(
        &test.db,
        SessionSettings {
            key: tower_sessions::cookie::Key::generate(),
            secure: false,
        },
    );
    let leptos_options = LeptosOptions::builder().output_name("goodfaith").build();
    let router = router(
        AppState {
            leptos_options,
            db: test.db.clone(),
            rules: app::service::policy::LiveRules::new(rules),
            public_url: None,
            sign_in_throttle: Default::default(),
            client_address: Default::default(),
            demo: false,
            tdb_url: None,
        },
        sessions,
    );
    Harness {
        _db: test,
        router,
        helios,
        northwind,
        bazaar_listing,
    }
}

pub async fn send(router: &Router, request: Request<Body>) -> (StatusCode, Vec<String>, String) {
    let response = router.clone().oneshot(request).await.expect("response");
    let cookies = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok().map(str::to_owned))
        .collect();
    let (status, _, body) = read(response).await;
    (status, cookies, String::from_utf8_lossy(&body).into_owned())
}

/// Like [`send`], with the answer's content type and its body as bytes (postcard is binary).
pub async fn send_raw(router: &Router, request: Request<Body>) -> (StatusCode, String, Vec<u8>) {
    read(router.clone().oneshot(request).await.expect("response")).await
}

async fn read(response: Response<Body>) -> (StatusCode, String, Vec<u8>) {
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let body = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    (status, content_type, body.to_vec())
}

/// A form POST to a server function that asks for its answer in `accept`.
pub fn post_accepting(path: &str, form: &str, cookie: &str, accept: &str) -> Request<Body> {
    Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, accept)
        .header(header::COOKIE, cookie)
        .body(Body::from(form.to_owned()))
        .expect("request")
}

/// A JSON POST (server functions declared with `input = Json`); tests go through [`call`].
fn post_json(path: &str, json: &str, cookie: Option<&str>) -> Request<Body> {
    let mut request = Request::post(path)
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::ACCEPT, "application/json");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request.body(Body::from(json.to_owned())).expect("request")
}

/// A call of the server function whose argument struct is `F` (the struct the `#[server]`
/// macro generates, e.g. `SubmitReport { draft }`), serialised as JSON the way a script would
/// send it. The body is built from the real types, so a renamed or retyped argument breaks the
/// test at compile time instead of silently sending a body the server no longer reads; the
/// path stays spelled out in the test, since it is what scripts call, and must be `F`'s.
pub fn call<F: ServerFn + Serialize>(path: &str, args: &F, cookie: Option<&str>) -> Request<Body> {
    assert_eq!(path, F::PATH, "the arguments are another server function's");
    let json = serde_json::to_string(args).expect("arguments as JSON");
    post_json(path, &json, cookie)
}

/// A multipart upload of one file in the `file` field, as the browser sends it.
pub fn multipart(path: &str, file_name: &str, bytes: &[u8], cookie: Option<&str>) -> Request<Body> {
    let boundary = "goodfaith-test-boundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\n\
         Content-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let mut request = Request::post(path).header(
        header::CONTENT_TYPE,
        format!("multipart/form-data; boundary={boundary}"),
    );
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request.body(Body::from(body)).expect("request")
}

pub fn post(path: &str, form: &str, cookie: Option<&str>) -> Request<Body> {
    let mut request = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request.body(Body::from(form.to_owned())).expect("request")
}

pub fn get(path: &str, cookie: Option<&str>) -> Request<Body> {
    let mut request = Request::get(path).header(header::ACCEPT, "text/html");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request.body(Body::empty()).expect("request")
}

/// Signs in through `/api/auth/login` and returns the `Cookie` header to send afterwards.
pub async fn sign_in(router: &Router, email: &str) -> String {
    let form = format!("email={email}&password={}", seed::DEMO_PASSWORD);
    let (status, cookies, body) = send(router, post("/api/auth/login", &form, None)).await;
    assert_eq!(status, StatusCode::OK, "sign-in of {email} failed: {body}");
    let session = cookies
        .iter()
        .find(|cookie| cookie.starts_with("goodfaith_session="))
        .expect("session cookie");
    assert!(session.contains("HttpOnly"), "{session}");
    assert!(session.contains("SameSite=Lax"), "{session}");
    cookie_header(&cookies)
}

/// The `Cookie` header a browser sends back after an answer that set `cookies`.
pub fn cookie_header(cookies: &[String]) -> String {
    cookies
        .iter()
        .filter_map(|cookie| cookie.split(';').next())
        .collect::<Vec<_>>()
        .join("; ")
}

/// One value for each caller the matrices sign in as, by name rather than by position, so a
/// row says which caller gets which status and a missing caller does not compile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PerCaller<T> {
    /// Nobody signed in.
    pub anonymous: T,
    /// `staff@northwind.test`: Northwind Apparel's staff.
    pub northwind_staff: T,
    /// `staff@helios.test`: Helios Audio's staff.
    pub helios_staff: T,
    /// `manager@goodfaith.test`: the account manager of Helios and Aurora.
    pub helios_manager: T,
    /// `manager2@goodfaith.test`: the account manager of Northwind.
    pub northwind_manager: T,
    /// `seller@bazaar.test`: the seller Bazaar Outlet.
    pub bazaar_seller: T,
    /// `admin@goodfaith.test`: an admin.
    pub admin: T,
}

impl<T: Copy> PerCaller<T> {
    /// The same value for every caller.
    pub const fn all(value: T) -> Self {
        Self {
            anonymous: value,
            northwind_staff: value,
            helios_staff: value,
            helios_manager: value,
            northwind_manager: value,
            bazaar_seller: value,
            admin: value,
        }
    }
}

impl<T> PerCaller<T> {
    /// Each caller's value with the caller's e-mail (or "anonymous"): the one place that
    /// pairs fields with accounts, by name.
    pub fn by_caller(&self) -> [(&'static str, &T); 7] {
        [
            ("anonymous", &self.anonymous),
            ("staff@northwind.test", &self.northwind_staff),
            ("staff@helios.test", &self.helios_staff),
            ("manager@goodfaith.test", &self.helios_manager),
            ("manager2@goodfaith.test", &self.northwind_manager),
            ("seller@bazaar.test", &self.bazaar_seller),
            ("admin@goodfaith.test", &self.admin),
        ]
    }

    /// The caller's value next to `other`'s for the same caller.
    pub fn zip<'a, U>(&'a self, other: &'a PerCaller<U>) -> PerCaller<(&'a T, &'a U)> {
        PerCaller {
            anonymous: (&self.anonymous, &other.anonymous),
            northwind_staff: (&self.northwind_staff, &other.northwind_staff),
            helios_staff: (&self.helios_staff, &other.helios_staff),
            helios_manager: (&self.helios_manager, &other.helios_manager),
            northwind_manager: (&self.northwind_manager, &other.northwind_manager),
            bazaar_seller: (&self.bazaar_seller, &other.bazaar_seller),
            admin: (&self.admin, &other.admin),
        }
    }
}

/// The status each caller is expected to get.
pub type Expected = PerCaller<u16>;

// The statuses the matrices expect most, named for who gets through; each says only what
// differs from refusing everyone.

/// Nobody: an anonymous caller is asked to sign in (401), a signed-in one is forbidden (403).
pub const NOBODY: Expected = Expected {
    anonymous: 401,
    ..Expected::all(403)
};
/// Anyone signed in (their own data).
pub const SIGNED_IN: Expected = Expected {
    anonymous: 401,
    ..Expected::all(200)
};
/// Helios's data: its staff, its account manager and admins.
pub const HELIOS_DATA: Expected = Expected {
    helios_staff: 200,
    helios_manager: 200,
    admin: 200,
    ..NOBODY
};
/// A Helios page: as [`HELIOS_DATA`], and anonymous callers are sent to sign in.
pub const HELIOS_PAGE: Expected = Expected {
    anonymous: 302,
    ..HELIOS_DATA
};
/// One of Helios's reports: as [`HELIOS_DATA`], but other brands' staff and managers are told
/// there is no such report, as for a number that does not exist.
pub const HELIOS_REPORT: Expected = Expected {
    northwind_staff: 404,
    northwind_manager: 404,
    ..HELIOS_DATA
};
/// Northwind's data: its staff, its account manager and admins.
pub const NORTHWIND_DATA: Expected = Expected {
    northwind_staff: 200,
    northwind_manager: 200,
    admin: 200,
    ..NOBODY
};
/// Helios staff alone, who get as far as the input's checks and are refused by them.
pub const HELIOS_STAFF_INVALID: Expected = Expected {
    helios_staff: 422,
    ..NOBODY
};
/// Helios staff alone, who get as far as the item's state and are refused by it.
pub const HELIOS_STAFF_CONFLICT: Expected = Expected {
    helios_staff: 409,
    ..NOBODY
};
/// Helios's account manager (also Aurora's) and admins.
pub const HELIOS_REVIEWERS: Expected = Expected {
    helios_manager: 200,
    admin: 200,
    ..NOBODY
};
/// Helios's account manager and admins, who get as far as the input's checks and are
/// refused by them.
pub const HELIOS_REVIEWERS_INVALID: Expected = Expected {
    helios_manager: 422,
    admin: 422,
    ..NOBODY
};
/// Account managers alone.
pub const MANAGERS: Expected = Expected {
    helios_manager: 200,
    northwind_manager: 200,
    ..NOBODY
};
/// A page for account managers alone; anonymous callers are sent to sign in.
pub const MANAGERS_PAGE: Expected = Expected {
    anonymous: 302,
    ..MANAGERS
};
/// Reviewers: account managers and admins.
pub const REVIEWERS: Expected = Expected {
    admin: 200,
    ..MANAGERS
};
/// A page for reviewers; anonymous callers are sent to sign in.
pub const REVIEWERS_PAGE: Expected = Expected {
    anonymous: 302,
    ..REVIEWERS
};
/// Admins alone.
pub const ADMINS: Expected = Expected {
    admin: 200,
    ..NOBODY
};
/// Admins alone, who get as far as the input's checks and are refused by them.
pub const ADMINS_INVALID: Expected = Expected {
    admin: 422,
    ..NOBODY
};
/// The seller Bazaar Outlet alone.
pub const BAZAAR_SELLER: Expected = Expected {
    bazaar_seller: 200,
    ..NOBODY
};

/// Builds a row's request for a caller's cookie (`None` for anonymous).
pub type MakeRequest = Box<dyn Fn(Option<&str>) -> Request<Body>>;

/// One row of the matrix: a request and the status expected for each caller.
pub struct Case {
    pub name: &'static str,
    pub request: MakeRequest,
    pub expected: Expected,
}

/// Signs in every caller of [`PerCaller`] and returns their cookies (`None` for anonymous).
pub async fn cookies_of_all_callers(router: &Router) -> PerCaller<Option<String>> {
    let signed_in = |email: &'static str| sign_in(router, email);
    PerCaller {
        anonymous: None,
        northwind_staff: Some(signed_in("staff@northwind.test").await),
        helios_staff: Some(signed_in("staff@helios.test").await),
        helios_manager: Some(signed_in("manager@goodfaith.test").await),
        northwind_manager: Some(signed_in("manager2@goodfaith.test").await),
        bazaar_seller: Some(signed_in("seller@bazaar.test").await),
        admin: Some(signed_in("admin@goodfaith.test").await),
    }
}

/// Sends every case as every caller and fails with the full list of unexpected statuses.
pub async fn assert_matrix(router: &Router, cookies: &PerCaller<Option<String>>, cases: &[Case]) {
    let mut failures = Vec::new();
    for case in cases {
        for (caller, (cookie, expected)) in cookies.zip(&case.expected).by_caller() {
            let (status, _, _) = send(router, (case.request)(cookie.as_deref())).await;
            if status.as_u16() != **expected {
                failures.push(format!(
                    "{} as {caller}: expected {}, got {}",
                    case.name, expected, status
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "unexpected statuses:\n{}",
        failures.join("\n")
    );
}

// Request arguments the tests send again and again, named for what they hold: a test says
// only what is particular to it (`ReportDraft { lines, ..signed_report(..) }`).

/// A report with nothing filled in but the brand: what a brand sends on an untouched form.
pub fn empty_report(brand_id: i64) -> ReportDraft {
    ReportDraft {
        brand_id,
        ..ReportDraft::default()
    }
}

/// A complete counterfeit report of `lines` on the brand's right `ip_right_id`, declared and
/// signed by `signature`.
pub fn signed_report(brand_id: i64, ip_right_id: i64, lines: &str, signature: &str) -> ReportDraft {
    ReportDraft {
        brand_id,
        ip_right_id,
        reason: "counterfeit".into(),
        lines: lines.into(),
        explanation: "Counterfeit goods with our mark.".into(),
        declared: true,
        signature: signature.into(),
        ..ReportDraft::default()
    }
}

/// A complete counter-notice on `listing_id`, with or without the declaration ticked.
pub fn counter_notice(listing_id: i64, declared: bool) -> CounterNoticeDraft {
    CounterNoticeDraft {
        listing_id,
        ground: "genuine".into(),
        statement: "Bought from the brand's distributor; invoice attached.".into(),
        contact_name: "Sam Seller".into(),
        contact_email: "sam@bazaar.example".into(),
        contact_address: "4 Market Row, Leeds".into(),
        file_ids: vec![],
        declared,
        signature: "Sam Seller".into(),
    }
}

/// An inquiry to a brand about a listing, due in 72 hours.
pub fn inquiry_draft(
    brand_id: i64,
    listing_id: i64,
    question: &str,
    rule: Option<SuspicionRule>,
) -> InquiryDraft {
    InquiryDraft {
        brand_id,
        listing_id,
        question: question.into(),
        deadline_hours: 72,
        rule,
    }
}

/// A brand's "counterfeit" answer to an inquiry on its right `ip_right_id`, declared and
/// signed by `signed_by` (`None`: neither).
pub fn counterfeit_answer(
    inquiry_id: i64,
    ip_right_id: i64,
    comment: &str,
    signed_by: Option<&str>,
) -> InquiryAnswer {
    InquiryAnswer {
        inquiry_id,
        answer: Answer::Counterfeit,
        comment: comment.into(),
        ip_right_id,
        declared: signed_by.is_some(),
        signature: signed_by.unwrap_or_default().into(),
    }
}

/// An audit's verdict that an instant takedown was wrong: the listing did not infringe.
pub fn overturn(explanation: &str) -> AuditVerdict {
    AuditVerdict::Overturn {
        code: RejectionCode::NotInfringing,
        explanation: explanation.into(),
    }
}

/// A GET's status, headers and raw body bytes (for file downloads).
pub trait OneshotGet {
    /// Sends `GET path` with the cookie and collects the whole answer.
    fn oneshot_get(
        self,
        path: &str,
        cookie: Option<&str>,
    ) -> impl std::future::Future<Output = (StatusCode, axum::http::HeaderMap, Vec<u8>)>;
}

impl OneshotGet for Router {
    async fn oneshot_get(
        self,
        path: &str,
        cookie: Option<&str>,
    ) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
        let response = self.oneshot(get(path, cookie)).await.expect("response");
        let status = response.status();
        let headers = response.headers().clone();
        let body = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes()
            .to_vec();
        (status, headers, body)
    }
}

/// A raw-body POST as the browser sends a chosen CSV (`text/csv`).
pub fn raw(path: &str, bytes: &[u8], cookie: Option<&str>) -> Request<Body> {
    let mut request = Request::post(path).header(header::CONTENT_TYPE, "text/csv");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request.body(Body::from(bytes.to_vec())).expect("request")
}

/// The server binary, started on a free loopback port against `database_url` (demo mode off)
/// with extra environment `env`, once it answers; and its address.
pub async fn spawn_server(
    database_url: &str,
    env: &[(&str, &str)],
) -> (std::process::Child, String) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("port")
        .port();
    let server = std::process::Command::new(env!("CARGO_BIN_EXE_goodfaith"))
        .env("DATABASE_URL", database_url)
        .env("LEPTOS_OUTPUT_NAME", "goodfaith")
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("GOODFAITH_DEMO", "false")
        .env("GOODFAITH_SESSION_KEY", "k".repeat(64))
        .env("RUST_LOG", "info")
        .envs(env.iter().copied())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("server");
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    let waited = std::time::Instant::now();
    while client.get(format!("{base}/login")).send().await.is_err() {
        assert!(waited.elapsed().as_secs() < 60, "the server did not start");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    (server, base)
}

/// Signs in at a running server; returns the session cookie.
pub async fn sign_in_at(client: &reqwest::Client, base: &str, email: &str) -> String {
    let response = client
        .post(format!("{base}/api/auth/login"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!(
            "email={}&password={}",
            email.replace('@', "%40"),
            server::seed::DEMO_PASSWORD
        ))
        .send()
        .await
        .expect("sign-in");
    assert_eq!(response.status(), StatusCode::OK);
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|value| value.to_str().ok()?.split(';').next())
        .collect::<Vec<_>>()
        .join("; ")
}

/// Posts a server function's JSON arguments to a running server; `Some(status)` if an
/// answer came back in full.
pub async fn send_json(
    client: reqwest::Client,
    url: String,
    cookie: String,
    json: String,
) -> Option<u16> {
    answer_to(client, url, cookie, "application/json", json)
        .await
        .map(|(status, _)| status)
}

/// Posts `body` of `content_type` to a running server; the status and body if an answer came
/// back in full (an answer counts as given only once it has arrived whole).
pub async fn answer_to(
    client: reqwest::Client,
    url: String,
    cookie: String,
    content_type: &str,
    body: String,
) -> Option<(u16, String)> {
    let response = client
        .post(url)
        .header("content-type", content_type)
        .header("cookie", cookie)
        .body(body)
        .send()
        .await
        .ok()?;
    let status = response.status().as_u16();
    let body = response.text().await.ok()?;
    Some((status, body))
}

/// The seconds a 429's `Retry-After` asks to wait (the test fails without one).
pub fn retry_after_secs(response: &Response<Body>) -> u64 {
    response
        .headers()
        .get(header::RETRY_AFTER)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse().ok())
        .expect("Retry-After in seconds")
}
