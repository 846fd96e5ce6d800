//! Configuration from flags and environment variables.

use clap::builder::BoolishValueParser;
use clap::{ArgAction, Parser, Subcommand};

/// How to run Goodfaith. Every flag can also be given as the environment variable named.
#[derive(Debug, Clone, Parser)]
#[command(
    name = "goodfaith",
    version,
    about = "Goodfaith brand-protection portal"
)]
pub struct Config {
    /// What to do instead of serving (benchmark tooling).
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Database: a SQLite file (created on first start) or a PostgreSQL server.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/goodfaith.db?mode=rwc"
    )]
    pub database_url: String,

    /// Demo mode: seeds demo brands, users and listings into an empty database, prints the
    /// demo logins, and uses a throw-away session key. Never use it in production.
    #[arg(long, env = "GOODFAITH_DEMO", value_parser = BoolishValueParser::new(), action = ArgAction::SetTrue)]
    pub demo: bool,

    /// Lets demo mode listen on an address other than loopback, and demo mode and `seed` write
    /// into a database that holds accounts outside the demo's `.test` domain.
    #[arg(long, env = "GOODFAITH_DEMO_FORCE", value_parser = BoolishValueParser::new(), action = ArgAction::SetTrue)]
    pub demo_force: bool,

    /// Secret for signing session cookies, at least 64 characters. Required outside demo mode.
    #[arg(long, env = "GOODFAITH_SESSION_KEY", hide_env_values = true)]
    pub session_key: Option<Secret>,

    /// Mark the session cookie `Secure` (sent over HTTPS only). On by default outside demo
    /// mode; set it to `false` only for a deployment reached over plain HTTP on a private
    /// network.
    #[arg(long, env = "GOODFAITH_SECURE_COOKIES", value_parser = BoolishValueParser::new(), action = ArgAction::Set)]
    pub secure_cookies: Option<bool>,

    /// Maximum database connections in the pool (default: 4 on SQLite, 16 on PostgreSQL).
    #[arg(long, env = "GOODFAITH_DB_CONNECTIONS", value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub db_connections: Option<u32>,

    /// Review target for Good Faith and Joint-Force brands, in hours.
    #[arg(long, env = "GOODFAITH_REVIEW_HOURS_GOOD_FAITH", default_value_t = 4, value_parser = clap::value_parser!(i64).range(1..=720))]
    pub review_hours_good_faith: i64,

    /// Review target for Standard brands, in hours.
    #[arg(long, env = "GOODFAITH_REVIEW_HOURS_STANDARD", default_value_t = 24, value_parser = clap::value_parser!(i64).range(1..=720))]
    pub review_hours_standard: i64,

    /// Trailing window of decided reports that tiers are computed from, in days.
    #[arg(long, env = "GOODFAITH_TIER_WINDOW_DAYS", default_value_t = 90, value_parser = clap::value_parser!(i64).range(1..=730))]
    pub tier_window_days: i64,

    /// Decided reports in the window needed for Good Faith.
    #[arg(long, env = "GOODFAITH_TIER_MIN_DECIDED", default_value_t = 100, value_parser = clap::value_parser!(i64).range(1..=1_000_000))]
    pub tier_min_decided: i64,

    /// Least accuracy for Good Faith, in percent.
    #[arg(long, env = "GOODFAITH_TIER_MIN_ACCURACY_PCT", default_value_t = 90.0)]
    pub tier_min_accuracy_pct: f64,

    /// Most counter-notice success for Good Faith, in percent.
    #[arg(
        long,
        env = "GOODFAITH_TIER_MAX_COUNTER_NOTICE_PCT",
        default_value_t = 5.0
    )]
    pub tier_max_counter_notice_pct: f64,

    /// Days a brand that fell out of Good Faith must wait before re-entering.
    #[arg(long, env = "GOODFAITH_TIER_LOCKOUT_DAYS", default_value_t = 90, value_parser = clap::value_parser!(i64).range(0..=3650))]
    pub tier_lockout_days: i64,

    /// Share of reports rejected as "not infringing" that earns a misuse warning, in percent.
    #[arg(long, env = "GOODFAITH_MISUSE_PCT", default_value_t = 30.0)]
    pub misuse_pct: f64,

    /// Decided reports in the window before misuse is judged.
    #[arg(long, env = "GOODFAITH_MISUSE_MIN_DECIDED", default_value_t = 20, value_parser = clap::value_parser!(i64).range(1..=1_000_000))]
    pub misuse_min_decided: i64,

    /// Days a misuse warning may persist before reports are suspended.
    #[arg(long, env = "GOODFAITH_MISUSE_GRACE_DAYS", default_value_t = 14, value_parser = clap::value_parser!(i64).range(0..=365))]
    pub misuse_grace_days: i64,

    /// Days a misuse suspension lasts.
    #[arg(long, env = "GOODFAITH_SUSPENSION_DAYS", default_value_t = 30, value_parser = clap::value_parser!(i64).range(1..=3650))]
    pub suspension_days: i64,

    /// Share of instant takedowns sampled for the account manager's audit, in percent.
    #[arg(long, env = "GOODFAITH_AUDIT_SHARE_PCT", default_value_t = 5.0)]
    pub audit_share_pct: f64,

    /// Seed of the audit draw (fixed, so a draw can be re-checked; tests set their own).
    #[arg(long, env = "GOODFAITH_AUDIT_SEED", default_value_t = 0x5EED)]
    pub audit_seed: u64,

    /// The most instant takedowns one SQLite transaction carries (group commit); 1 gives each
    /// its own transaction.
    #[arg(long, env = "GOODFAITH_TAKEDOWN_BATCH", default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub takedown_batch: u16,

    /// Sign-in attempts one client address may make at once (then `…_PER_MINUTE`).
    #[arg(long, env = "GOODFAITH_SIGN_IN_BURST", default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub sign_in_burst: u32,

    /// Sign-in attempts a minute one client address may keep making after its burst.
    #[arg(long, env = "GOODFAITH_SIGN_IN_PER_MINUTE", default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub sign_in_per_minute: u32,

    /// The most listings one brand may take down instantly in a clock hour.
    #[arg(long, env = "GOODFAITH_TAKEDOWN_HOURLY_CAP", default_value_t = app::domain::joint_force::TakedownCaps::DEFAULT.hourly, value_parser = clap::value_parser!(i64).range(1..=100_000_000))]
    pub takedown_hourly_cap: i64,

    /// The most listings one brand may take down instantly in a UTC day.
    #[arg(long, env = "GOODFAITH_TAKEDOWN_DAILY_CAP", default_value_t = app::domain::joint_force::TakedownCaps::DEFAULT.daily, value_parser = clap::value_parser!(i64).range(1..=100_000_000))]
    pub takedown_daily_cap: i64,

    /// "Price below reference" flags listings under this share of the reference price, in percent.
    #[arg(long, env = "GOODFAITH_SUSPICION_PRICE_PCT", default_value_t = 50.0)]
    pub suspicion_price_pct: f64,

    /// Days after a removal in which the seller may file a counter-notice.
    #[arg(long, env = "GOODFAITH_COUNTER_NOTICE_DAYS", default_value_t = 14, value_parser = clap::value_parser!(i64).range(1..=365))]
    pub counter_notice_days: i64,

    /// Days the brand has to respond to a counter-notice.
    #[arg(long, env = "GOODFAITH_RESPONSE_DAYS", default_value_t = 10, value_parser = clap::value_parser!(i64).range(1..=365))]
    pub response_days: i64,

    /// Strikes within the strike window that suspend a seller.
    #[arg(long, env = "GOODFAITH_STRIKE_LIMIT", default_value_t = 3, value_parser = clap::value_parser!(i64).range(1..=100))]
    pub strike_limit: i64,

    /// The trailing window, in days, in which strikes count.
    #[arg(long, env = "GOODFAITH_STRIKE_DAYS", default_value_t = 90, value_parser = clap::value_parser!(i64).range(1..=3650))]
    pub strike_days: i64,

    /// Days a seller suspension by the strikes rule lasts.
    #[arg(long, env = "GOODFAITH_SELLER_SUSPENSION_DAYS", default_value_t = 30, value_parser = clap::value_parser!(i64).range(1..=3650))]
    pub seller_suspension_days: i64,

    /// Brand API requests each token may make per second, sustained.
    #[arg(long, env = "GOODFAITH_API_RATE_PER_SECOND", default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub api_rate_per_second: u32,

    /// Brand API requests a token may make at once above its steady rate.
    #[arg(long, env = "GOODFAITH_API_RATE_BURST", default_value_t = 100, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub api_rate_burst: u32,

    /// The portal's public address (e.g. `https://brands.market.example`): a webhook may not
    /// point at it (nor at the address the portal listens on).
    #[arg(long, env = "GOODFAITH_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// Seconds the server lets requests in flight finish after SIGTERM or Ctrl-C before it
    /// stops anyway.
    #[arg(long, env = "GOODFAITH_SHUTDOWN_GRACE_SECONDS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(0..=600))]
    pub shutdown_grace_seconds: u64,

    /// Behind a reverse proxy: the header it puts the client's address in (e.g.
    /// `X-Forwarded-For`; its last address is used). Unset, the connection's address is the
    /// client's — behind a proxy that would throttle every sign-in as one client.
    #[arg(long, env = "GOODFAITH_CLIENT_IP_HEADER")]
    pub client_ip_header: Option<String>,

    /// Whether this instance delivers the marketplace outbox to the webhook endpoint (every
    /// instance may: their claims never overlap).
    #[arg(long, env = "GOODFAITH_DISPATCHER", default_value_t = true, action = ArgAction::Set, value_parser = BoolishValueParser::new())]
    pub dispatcher: bool,

    /// Hours a failed webhook delivery is retried before it is marked failed.
    #[arg(long, env = "GOODFAITH_WEBHOOK_RETRY_HOURS", default_value_t = 24, value_parser = clap::value_parser!(i64).range(1..=168))]
    pub webhook_retry_hours: i64,

    /// Seconds before the first retry of a failed delivery (each later wait doubles, to an hour).
    #[arg(long, env = "GOODFAITH_WEBHOOK_FIRST_RETRY_SECONDS", default_value_t = 5, value_parser = clap::value_parser!(i64).range(1..=3600))]
    pub webhook_first_retry_seconds: i64,

    /// Seconds a dispatcher holds the events it is delivering; those of an instance that died
    /// go to another after this.
    #[arg(long, env = "GOODFAITH_WEBHOOK_LEASE_SECONDS", default_value_t = 60, value_parser = clap::value_parser!(i64).range(1..=3600))]
    pub webhook_lease_seconds: i64,

    /// Where the marketplace's listing addresses hold the listing's id (`{id}`; host `*` for
    /// any): a listing URL pasted into a report is read for the marketplace's id.
    #[arg(long, env = "GOODFAITH_LISTING_URL_PATTERN", default_value = "https://*/listings/{id}", value_parser = listing_urls)]
    pub listing_url_pattern: app::domain::ListingUrls,

    /// Whether demo mode starts its built-in webhook receiver (and points the webhook at it).
    /// The benchmark turns it off: the receiver writes each message it takes to the database.
    #[arg(long, env = "GOODFAITH_DEMO_RECEIVER", default_value_t = true, action = ArgAction::Set, value_parser = BoolishValueParser::new())]
    pub demo_receiver: bool,

    /// The SMTP relay mail goes out through (`smtp://host:port`, `smtps://user:pass@host`,
    /// `smtp://host?tls=required`). Unset, mail waits in the outbox and admins read it on the
    /// Mail page.
    #[arg(long, env = "GOODFAITH_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,

    /// The EU DSA Transparency Database's batch endpoint statements of reasons are submitted
    /// to (`https://transparency.dsa.ec.europa.eu/api/v1/statements`, or its sandbox). Unset,
    /// statements wait (admins export them); in demo mode they go to a built-in stand-in.
    #[arg(long, env = "GOODFAITH_TDB_URL")]
    pub tdb_url: Option<String>,

    /// The platform's API token for the Transparency Database (sent as a bearer token).
    #[arg(long, env = "GOODFAITH_TDB_TOKEN", hide_env_values = true)]
    pub tdb_token: Option<Secret>,

    /// Who mail is from.
    #[arg(
        long,
        env = "GOODFAITH_MAIL_FROM",
        default_value = "Goodfaith <no-reply@goodfaith.test>"
    )]
    pub mail_from: String,

    /// The default deadline of an authenticity inquiry, in hours (the manager may set another
    /// per inquiry, up to two weeks).
    #[arg(long, env = "GOODFAITH_INQUIRY_HOURS", default_value_t = app::domain::joint_force::DEFAULT_INQUIRY_HOURS, value_parser = clap::value_parser!(i64).range(1..=app::domain::joint_force::MAX_INQUIRY_HOURS))]
    pub inquiry_hours: i64,

    /// Where the demo's built-in webhook receiver listens (demo mode; port 0: any free port).
    #[arg(
        long,
        env = "GOODFAITH_DEMO_RECEIVER_ADDR",
        default_value = "127.0.0.1:0"
    )]
    pub demo_receiver_addr: String,
}

/// Reads `GOODFAITH_LISTING_URL_PATTERN`. The pattern lives as long as the process (it is read
/// once, at start), so the rules that carry it stay a plain `Copy` value.
fn listing_urls(text: &str) -> Result<app::domain::ListingUrls, String> {
    app::domain::ListingUrls::parse(Box::leak(text.to_owned().into_boxed_str()))
}

/// Tools for measuring the portal at scale; without one, the server serves.
#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Fills the database with synthetic brands, each with a verified right and a history of
    /// decided reports, for measuring tier recomputation.
    SeedScale {
        /// Brands to create.
        #[arg(long, default_value_t = 10_000)]
        brands: i64,
        /// Decided report items to spread over them.
        #[arg(long, default_value_t = 1_000_000)]
        decided_items: i64,
    },
    /// Recomputes every brand's tier and prints how long it took.
    RecomputeTiers,
    /// Fills a fresh database at marketplace scale for the benchmark: the demo data, then
    /// `listings` listings from `sellers` sellers (a long tail), `brands` brands with
    /// `decided_items` decided items (most Standard, some Good Faith, dozens Joint-Force) and
    /// `pending_items` items waiting in the scale manager's queue.
    Seed {
        /// Marketplace listings to add.
        #[arg(long, default_value_t = 1_000_000)]
        listings: i64,
        /// Sellers they belong to.
        #[arg(long, default_value_t = 50_000)]
        sellers: i64,
        /// Brands to create.
        #[arg(long, default_value_t = 10_000)]
        brands: i64,
        /// Decided report items to spread over them.
        #[arg(long, default_value_t = 1_000_000)]
        decided_items: i64,
        /// Report items waiting for review.
        #[arg(long, default_value_t = 1_000_000)]
        pending_items: i64,
    },
    /// Prints the ids the benchmark's load scripts need, as shell variable assignments.
    BenchFacts,
    /// Serves the ceiling for the benchmark: the instant-takedown transaction behind a bare
    /// axum handler (`POST /takedown/{listing}`), no Leptos, no session. Only in binaries
    /// built with the `bench-ceiling` feature (bench/run.sh builds one).
    #[cfg(feature = "bench-ceiling")]
    BenchCeiling {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:3999")]
        addr: String,
    },
    /// Pushes listings through a running portal's ingest API and prints how long it took.
    BenchIngest {
        /// The portal, e.g. `http://127.0.0.1:3950`.
        #[arg(long)]
        url: String,
        /// A marketplace integration key.
        #[arg(long)]
        key: String,
        /// Listings to send.
        #[arg(long, default_value_t = 1_000_000)]
        listings: usize,
        /// Listings a batch.
        #[arg(long, default_value_t = 1_000)]
        batch: usize,
        /// Batches in flight at once.
        #[arg(long, default_value_t = 2)]
        clients: usize,
    },
    /// Serves a webhook receiver that checks and counts messages, and points the database's
    /// webhook endpoint at it (the events already waiting are marked delivered first).
    BenchReceiver {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:3998")]
        addr: String,
    },
    /// Delivers the newest `events` outbox rows again to a local receiver with the
    /// dispatcher, and prints the rate.
    BenchDispatch {
        /// Events to deliver.
        #[arg(long, default_value_t = 20_000)]
        events: i64,
        /// Where the receiver listens.
        #[arg(long, default_value = "127.0.0.1:3997")]
        addr: String,
    },
}

/// The bytes a session key needs (cookie signing uses a 64-byte key).
pub const SESSION_KEY_BYTES: usize = 64;

impl Config {
    /// The pool size. SQLite admits one writer at a time, and every commit empties the other
    /// connections' page caches, so more connections than about twice the cores add memory
    /// (a page cache, statement cache and thread each) and no throughput (bench/run.sh, see
    /// docs/performance.md). PostgreSQL serves concurrent writers and keeps the larger pool.
    pub fn pool_size(&self) -> anyhow::Result<u32> {
        Ok(self
            .db_connections
            .unwrap_or(match app::db::Backend::from_url(&self.database_url)? {
                app::db::Backend::Sqlite => 4,
                app::db::Backend::Postgres => 16,
            }))
    }

    /// Each API token's rate limit, from the flags.
    pub fn api_rate(&self) -> crate::rest::RateLimit {
        let at_least_one =
            |n: u32| std::num::NonZeroU32::new(n).unwrap_or(std::num::NonZeroU32::MIN);
        crate::rest::RateLimit {
            per_second: at_least_one(self.api_rate_per_second),
            burst: at_least_one(self.api_rate_burst),
        }
    }

    /// How the webhook dispatcher retries and holds its events, from the flags.
    pub fn dispatch_settings(&self) -> app::service::integration::DispatchSettings {
        use app::domain::delivery::RetryPolicy;
        app::service::integration::DispatchSettings {
            lease_ms: self.webhook_lease_seconds * 1000,
            retry: RetryPolicy {
                first_wait_ms: self.webhook_first_retry_seconds * 1000,
                give_up_after_ms: self.webhook_retry_hours * 3_600_000,
                ..RetryPolicy::default()
            },
            ..Default::default()
        }
    }

    /// How hard sign-in is throttled, from the flags (per account: fixed).
    pub fn sign_in_throttle(&self) -> app::service::throttle::ThrottleSettings {
        app::service::throttle::ThrottleSettings {
            per_address_burst: self.sign_in_burst,
            per_address_per_minute: self.sign_in_per_minute,
            ..Default::default()
        }
    }

    /// Tier thresholds and review targets, from the flags.
    pub fn rules(&self) -> app::domain::Rules {
        // Percentages become basis points: 90.5 % is 9,050.
        let bp = |pct: f64| (pct.clamp(0.0, 100.0) * 100.0).round() as i64;
        app::domain::Rules {
            policy: app::domain::trust::TrustPolicy {
                window_days: self.tier_window_days,
                min_decided: self.tier_min_decided,
                min_accuracy_bp: bp(self.tier_min_accuracy_pct),
                max_counter_notice_bp: bp(self.tier_max_counter_notice_pct),
                lockout_days: self.tier_lockout_days,
                misuse_bp: bp(self.misuse_pct),
                misuse_min_decided: self.misuse_min_decided,
                misuse_grace_days: self.misuse_grace_days,
                suspension_days: self.suspension_days,
            },
            targets: app::domain::queue::ReviewTargets {
                good_faith_hours: self.review_hours_good_faith,
                standard_hours: self.review_hours_standard,
            },
            joint_force: app::domain::joint_force::JointForcePolicy {
                audit: app::domain::joint_force::AuditSampling {
                    share_bp: bp(self.audit_share_pct),
                    seed: self.audit_seed,
                },
                price_share_bp: bp(self.suspicion_price_pct),
                batch: usize::from(self.takedown_batch),
                caps: app::domain::joint_force::TakedownCaps {
                    hourly: self.takedown_hourly_cap,
                    daily: self.takedown_daily_cap,
                },
                inquiry_hours: self.inquiry_hours,
            },
            sellers: app::domain::appeal::SellerPolicy {
                counter_notice_days: self.counter_notice_days,
                response_days: self.response_days,
                strike_limit: self.strike_limit,
                strike_days: self.strike_days,
                suspension_days: self.seller_suspension_days,
            },
            listing_urls: self.listing_url_pattern,
        }
    }

    /// Whether the session cookie is `Secure`: as configured, else on outside demo mode (a
    /// production portal is served over HTTPS; the demo runs on `http://127.0.0.1`).
    pub fn secure_cookies(&self) -> bool {
        self.secure_cookies.unwrap_or(!self.demo)
    }

    /// The session-signing key, or why the server must not start: production mode needs a
    /// real secret; demo mode makes a fresh one, which signs everyone out on restart.
    pub fn session_key(&self) -> anyhow::Result<tower_sessions::cookie::Key> {
        match (&self.session_key, self.demo) {
            (Some(Secret(secret)), _) if secret.len() >= SESSION_KEY_BYTES => Ok(
                tower_sessions::cookie::Key::from(&secret.as_bytes()[..SESSION_KEY_BYTES]),
            ),
            (Some(_), _) => anyhow::bail!(
                "GOODFAITH_SESSION_KEY must be at least {SESSION_KEY_BYTES} characters long"
            ),
            (None, true) => Ok(tower_sessions::cookie::Key::generate()),
            (None, false) => anyhow::bail!(
                "GOODFAITH_SESSION_KEY is required outside demo mode \
                 (set GOODFAITH_DEMO=1 to try Goodfaith with demo data)"
            ),
        }
    }
}

impl Config {
    /// Where statements of reasons are submitted: the configured database (its token is then
    /// required), or `None` (they wait; demo mode starts its stand-in instead).
    pub fn tdb_target(&self) -> anyhow::Result<Option<app::service::dsa::Target>> {
        match (&self.tdb_url, &self.tdb_token) {
            (None, _) => Ok(None),
            (Some(url), Some(token)) => {
                anyhow::ensure!(
                    url.starts_with("https://") || url.starts_with("http://"),
                    "GOODFAITH_TDB_URL must start with https:// (it is {url})"
                );
                Ok(Some(app::service::dsa::Target {
                    url: url.clone(),
                    token: token.0.clone(),
                }))
            }
            (Some(_), None) => anyhow::bail!(
                "GOODFAITH_TDB_URL is set without GOODFAITH_TDB_TOKEN (the platform's API token)"
            ),
        }
    }
}

/// A secret from the environment: usable as text, never printed (`Config`'s `Debug` shows
/// `[secret]`, so a logged configuration cannot leak the session key).
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(pub String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[secret]")
    }
}

impl std::str::FromStr for Secret {
    type Err = std::convert::Infallible;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        Ok(Secret(value.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_secure_outside_demo_mode_unless_turned_off() {
        assert!(config(&[]).secure_cookies());
        assert!(!config(&["--demo"]).secure_cookies());
        assert!(!config(&["--secure-cookies", "false"]).secure_cookies());
        assert!(config(&["--demo", "--secure-cookies", "true"]).secure_cookies());
    }

    #[test]
    fn the_configuration_never_prints_the_session_key() {
        let secret = "k".repeat(64);
        let printed = format!("{:?}", config(&["--session-key", &secret]));
        assert!(!printed.contains(&secret), "{printed}");
        assert!(printed.contains("[secret]"), "{printed}");
    }

    fn config(args: &[&str]) -> Config {
        Config::parse_from(std::iter::once("goodfaith").chain(args.iter().copied()))
    }

    #[test]
    fn production_mode_refuses_to_start_without_a_session_key() {
        let error = config(&[]).session_key().expect_err("must refuse");
        assert!(
            error
                .to_string()
                .contains("GOODFAITH_SESSION_KEY is required")
        );
    }

    #[test]
    fn demo_mode_can_be_switched_on_from_the_environment() {
        let parsed = Config::try_parse_from(["goodfaith", "--demo"]).expect("flag");
        assert!(parsed.demo);
        let command = <Config as clap::CommandFactory>::command();
        let demo = command
            .get_arguments()
            .find(|arg| arg.get_id() == "demo")
            .expect("demo argument");
        assert_eq!(
            demo.get_env().and_then(|env| env.to_str()),
            Some("GOODFAITH_DEMO")
        );
    }

    #[test]
    fn a_short_session_key_is_refused() {
        assert!(config(&["--session-key", "short"]).session_key().is_err());
    }

    #[test]
    fn demo_mode_makes_its_own_key_and_a_long_secret_is_accepted() {
        assert!(config(&["--demo"]).session_key().is_ok());
        let secret = "k".repeat(SESSION_KEY_BYTES);
        assert!(config(&["--session-key", &secret]).session_key().is_ok());
    }
}
