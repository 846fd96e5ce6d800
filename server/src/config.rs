//! Configuration from flags and environment variables.

use clap::builder::BoolishValueParser;
use clap::{ArgAction, Parser};

/// How to run Goodfaith. Every flag can also be given as the environment variable named.
#[derive(Debug, Clone, Parser)]
#[command(
    name = "goodfaith",
    version,
    about = "Goodfaith brand-protection portal"
)]
pub struct Config {
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

    /// Secret for signing session cookies, at least 64 characters. Required outside demo mode.
    #[arg(long, env = "GOODFAITH_SESSION_KEY", hide_env_values = true)]
    pub session_key: Option<String>,

    /// Mark the session cookie `Secure` (set this when served over HTTPS).
    #[arg(long, env = "GOODFAITH_SECURE_COOKIES", value_parser = BoolishValueParser::new(), action = ArgAction::SetTrue)]
    pub secure_cookies: bool,

    /// Maximum database connections in the pool.
    #[arg(long, env = "GOODFAITH_DB_CONNECTIONS", default_value_t = 16)]
    pub db_connections: u32,

    /// Review target for Good Faith and Joint-Force brands, in hours.
    #[arg(long, env = "GOODFAITH_REVIEW_HOURS_GOOD_FAITH", default_value_t = 4, value_parser = clap::value_parser!(i64).range(1..=720))]
    pub review_hours_good_faith: i64,

    /// Review target for Standard brands, in hours.
    #[arg(long, env = "GOODFAITH_REVIEW_HOURS_STANDARD", default_value_t = 24, value_parser = clap::value_parser!(i64).range(1..=720))]
    pub review_hours_standard: i64,
}

/// The bytes a session key needs (cookie signing uses a 64-byte key).
pub const SESSION_KEY_BYTES: usize = 64;

impl Config {
    /// Review targets per tier, which set each report item's deadline.
    pub fn review_targets(&self) -> app::domain::queue::ReviewTargets {
        app::domain::queue::ReviewTargets {
            good_faith_hours: self.review_hours_good_faith,
            standard_hours: self.review_hours_standard,
        }
    }

    /// The session-signing key, or why the server must not start: production mode needs a
    /// real secret; demo mode makes a fresh one, which signs everyone out on restart.
    pub fn session_key(&self) -> anyhow::Result<tower_sessions::cookie::Key> {
        match (&self.session_key, self.demo) {
            (Some(secret), _) if secret.len() >= SESSION_KEY_BYTES => Ok(
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

#[cfg(test)]
mod tests {
    use super::*;

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
