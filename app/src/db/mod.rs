//! Database access (server only). One copy of each query, written in SQL that SQLite and
//! PostgreSQL both accept, run through sqlx's `Any` driver; only the migrations differ.

pub mod attention;
pub mod audit;
pub mod brand_lists;
pub mod brands;
pub mod counter_notices;
pub mod dsa;
pub mod files;
pub mod ingest;
pub mod inquiries;
pub mod integration;
pub mod lifecycle;
pub mod links;
pub mod listings;
pub mod mail;
pub mod notifications;
pub mod outbox;
pub mod policy;
pub mod report_export;
pub mod report_feed;
pub mod report_filter;
pub mod reports;
pub mod review;
pub mod rights;
pub mod script;
pub mod sessions;
pub mod statements;
pub mod strikes;
pub mod suspicion;
pub mod sweeps;
pub mod takedown;
pub mod takedown_audits;
pub mod testing;
pub mod tier_settings;
pub mod tokens;
pub mod transparency;
pub mod trust;
pub mod trust_figures;
pub mod trust_views;
pub mod users;
mod writer;

pub use writer::WriteTx;
pub(crate) use writer::Writer;

use std::str::FromStr;

use anyhow::Context;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};

/// A value bound to a dynamically built query, whose SQL holds only its placeholder.
pub(crate) enum Param {
    /// A number.
    Int(i64),
    /// Text.
    Text(String),
}

impl Param {
    /// Binds the value as the query's next parameter.
    pub(crate) fn bind_to<'q, O>(
        self,
        query: sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments>,
    ) -> sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments> {
        match self {
            Param::Int(n) => query.bind(n),
            Param::Text(text) => query.bind(text),
        }
    }
}

/// `%text%` for a case-insensitive LIKE with `\` as the escape, so `%` and `_` typed by a
/// person match themselves.
pub(crate) fn contains_pattern(text: &str) -> String {
    let mut pattern = String::from("%");
    for c in text.trim().to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

/// Which database engine a URL points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// The embedded default: one file, no server.
    Sqlite,
    /// For several server instances sharing one database.
    Postgres,
}

impl Backend {
    /// Reads the engine from a `sqlite:` or `postgres://` URL.
    pub fn from_url(url: &str) -> anyhow::Result<Backend> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres)
        } else {
            anyhow::bail!("DATABASE_URL must start with sqlite: or postgres:// (got {url:?})")
        }
    }
}

/// The application's connection pool, the engine behind it, on SQLite the one writer every
/// state change goes through, and the instant takedowns waiting to share a transaction.
/// Cloning it is cheap; every clone shares the writer and the takedowns.
#[derive(Debug, Clone)]
pub struct Db {
    /// The pool every read runs on.
    pub pool: AnyPool,
    /// Which engine the pool talks to.
    pub backend: Backend,
    /// SQLite's write path (`None` on PostgreSQL, whose row locks let writers run side by side).
    writer: Option<std::sync::Arc<Writer>>,
    /// Instant takedowns waiting to share a transaction (group commit, `db::takedown`).
    takedowns: std::sync::Arc<takedown::Rooms>,
}

impl Db {
    /// Begins a write transaction in its turn. Every state change goes through here.
    pub async fn begin(&self) -> sqlx::Result<WriteTx> {
        match &self.writer {
            Some(writer) => writer.begin().await,
            None => WriteTx::new(self.pool.begin().await?, None),
        }
    }

    /// Waits for SQLite's write turn (nothing on PostgreSQL); hold the guard while writing.
    pub async fn write_turn(&self) -> Option<tokio::sync::OwnedMutexGuard<()>> {
        match &self.writer {
            Some(writer) => Some(writer.turn().await),
            None => None,
        }
    }

    /// SQLite's writer, where writes take turns; `None` on PostgreSQL.
    pub(crate) fn writer(&self) -> Option<&std::sync::Arc<Writer>> {
        self.writer.as_ref()
    }

    /// The instant takedowns waiting to be carried.
    pub(crate) fn takedowns(&self) -> &takedown::Rooms {
        &self.takedowns
    }

    /// How many takedowns shared a transaction with others on this database (group commit;
    /// the tests read it to know a batch formed).
    pub fn carried_together(&self) -> u64 {
        self.takedowns.carried_together()
    }

    /// Leaves the database ready for the next process: on SQLite, copies the whole
    /// write-ahead log into the database file and empties it (nothing on PostgreSQL). A bulk
    /// load such as `goodfaith seed` writes faster than the background checkpoint copies and
    /// would hand the next process a log of over a gigabyte; that process's checkpoint then
    /// competed with its own work — the benchmark's first rows ran at half speed, and how far
    /// into the run it reached varied from run to run.
    ///
    /// A checkpoint that finds another one running (the background task's) does not wait for
    /// it: it answers "busy" in its first column and leaves the log as it was. The seed of a
    /// smaller database once ended that way with a 1 GB log beside its file, so this tries
    /// again until the log is emptied, for up to [`SETTLE_FOR`].
    pub async fn settle(&self) -> sqlx::Result<()> {
        if self.backend != Backend::Sqlite {
            return Ok(());
        }
        let _turn = self.write_turn().await;
        let started = std::time::Instant::now();
        loop {
            // (busy, frames in the log, frames checkpointed)
            let (busy, _, _): (i64, i64, i64) = sqlx::query_as("PRAGMA wal_checkpoint(TRUNCATE)")
                .fetch_one(&self.pool)
                .await?;
            if busy == 0 {
                return Ok(());
            }
            if started.elapsed() > SETTLE_FOR {
                return Err(sqlx::Error::Protocol(format!(
                    "the write-ahead log was still busy after {} s; it was not emptied",
                    SETTLE_FOR.as_secs()
                )));
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
    }

    /// Connects, creating the SQLite file (and its folder) on first start, and applies
    /// the migrations for the engine.
    pub async fn connect(url: &str, max_connections: u32) -> anyhow::Result<Db> {
        sqlx::any::install_default_drivers();
        let backend = Backend::from_url(url)?;
        if backend == Backend::Sqlite {
            create_sqlite_folder(url)?;
        }
        let options = AnyConnectOptions::from_str(url).context("reading DATABASE_URL")?;
        let pool = pool_options(backend, max_connections)
            .connect_with(options.clone())
            .await
            .with_context(|| format!("connecting to {}", redact(url)))?;
        let writer = if backend == Backend::Sqlite {
            // SQLite discards a connection's whole page cache when another connection has
            // written since its last transaction, so writes taking turns on four connections
            // re-read every page they touch. One connection for all writes keeps its cache.
            let connection = pool_options(backend, 1)
                .connect_with(options.clone())
                .await
                .with_context(|| format!("connecting to {}", redact(url)))?;
            let writer = std::sync::Arc::new(Writer::new(connection));
            writer::checkpoint_in_background(pool.clone(), writer.clone());
            Some(writer)
        } else {
            None
        };
        let db = Db {
            pool,
            backend,
            writer,
            takedowns: Default::default(),
        };
        db.migrate().await?;
        Ok(db)
    }

    /// Applies the pending migrations of this engine.
    pub async fn migrate(&self) -> anyhow::Result<()> {
        match self.backend {
            Backend::Sqlite => sqlx::migrate!("../migrations/sqlite").run(&self.pool).await,
            Backend::Postgres => {
                sqlx::migrate!("../migrations/postgres")
                    .run(&self.pool)
                    .await
            }
        }
        .context("applying migrations")
    }
}

/// The pool settings, with SQLite's per-connection pragmas.
fn pool_options(backend: Backend, max_connections: u32) -> AnyPoolOptions {
    AnyPoolOptions::new()
        .max_connections(max_connections)
        .after_connect(move |conn, _meta| {
            Box::pin(async move {
                if backend == Backend::Sqlite {
                    // WAL lets readers proceed while one writer commits; NORMAL syncs at
                    // checkpoints rather than every commit, which can lose the last
                    // transactions on power loss (not on a process crash) — acceptable for
                    // the embedded default, and PostgreSQL is there for stricter needs. No
                    // connection checkpoints on commit: `checkpoint_in_background` does, off
                    // the request path (see there).
                    conn.execute(
                        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                         PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; \
                         PRAGMA wal_autocheckpoint = 0;",
                    )
                    .await?;
                }
                Ok(())
            })
        })
}

/// How long [`Db::settle`] keeps trying to empty the log: long enough for a background
/// checkpoint of a gigabyte of log to finish (about a second here).
const SETTLE_FOR: std::time::Duration = std::time::Duration::from_secs(60);

fn create_sqlite_folder(url: &str) -> anyhow::Result<()> {
    let path = url
        .trim_start_matches("sqlite:")
        .trim_start_matches("//")
        .split('?')
        .next()
        .unwrap_or_default();
    if path.is_empty() || path.contains(":memory:") {
        return Ok(());
    }
    if let Some(parent) = std::path::Path::new(path).parent()
        && !parent.as_os_str().is_empty()
    {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("creating database folder {}", parent.display()))?;
    }
    Ok(())
}

/// A URL fit for logs: the password, if any, is replaced.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// `$first, $first+1, …` for an IN list of `count` values.
pub fn in_placeholders(first: usize, count: usize) -> String {
    (first..first + count)
        .map(|n| format!("${n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The VALUES list of a multi-row INSERT: `rows` groups of `columns` numbered placeholders,
/// `($1, $2), ($3, $4)`. Only placeholder numbers go into the SQL, never values.
pub fn values_placeholders(rows: usize, columns: usize) -> String {
    (0..rows)
        .map(|row| {
            let numbers: Vec<String> = (1..=columns)
                .map(|column| format!("${}", row * columns + column))
                .collect();
            format!("({})", numbers.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Milliseconds since the Unix epoch: how every time is stored.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|elapsed| i64::try_from(elapsed.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backend_is_read_from_the_url_scheme() {
        assert_eq!(
            Backend::from_url("sqlite://data/goodfaith.db?mode=rwc").ok(),
            Some(Backend::Sqlite)
        );
        assert_eq!(
            Backend::from_url("postgres://u@h/db").ok(),
            Some(Backend::Postgres)
        );
        assert!(Backend::from_url("mysql://h/db").is_err());
    }

    #[test]
    fn multi_row_values_are_numbered_row_by_row() {
        assert_eq!(values_placeholders(2, 3), "($1, $2, $3), ($4, $5, $6)");
        assert_eq!(values_placeholders(0, 3), "");
    }

    #[test]
    fn passwords_are_redacted_from_logged_urls() {
        assert_eq!(
            redact("postgres://app:secret@db:5432/gf"),
            "postgres://app:***@db:5432/gf"
        );
        assert_eq!(redact("sqlite://data/gf.db"), "sqlite://data/gf.db");
    }
}
