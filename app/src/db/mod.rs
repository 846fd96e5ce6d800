//! Database access (server only). One copy of each query, written in SQL that SQLite and
//! PostgreSQL both accept, run through sqlx's `Any` driver; only the migrations differ.

pub mod appeals;
pub mod audit;
pub mod audits;
pub mod brands;
pub mod files;
pub mod inquiries;
pub mod listings;
pub mod reports;
pub mod review;
pub mod rights;
pub mod sessions;
pub mod takedown;
pub mod testing;
pub mod trust;
pub mod users;

use std::str::FromStr;

use anyhow::Context;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};

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

/// The application's connection pool and the engine behind it.
#[derive(Debug, Clone)]
pub struct Db {
    /// The pool every query runs on.
    pub pool: AnyPool,
    /// Which engine the pool talks to.
    pub backend: Backend,
}

impl Db {
    /// Connects, creating the SQLite file (and its folder) on first start, and applies
    /// the migrations for the engine.
    pub async fn connect(url: &str, max_connections: u32) -> anyhow::Result<Db> {
        sqlx::any::install_default_drivers();
        let backend = Backend::from_url(url)?;
        if backend == Backend::Sqlite {
            create_sqlite_folder(url)?;
        }
        let options = AnyConnectOptions::from_str(url).context("reading DATABASE_URL")?;
        let pool = AnyPoolOptions::new()
            .max_connections(max_connections)
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // WAL lets readers proceed while one writer commits; NORMAL syncs at
                        // checkpoints rather than every commit, which can lose the last
                        // transactions on power loss (not on a process crash) — acceptable for
                        // the embedded default, and PostgreSQL is there for stricter needs.
                        conn.execute(
                            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                             PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;",
                        )
                        .await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await
            .with_context(|| format!("connecting to {}", redact(url)))?;
        if backend == Backend::Sqlite {
            // Set once per process; the server opens one database.
            let _ = WRITE_GATE.set(std::sync::Arc::new(tokio::sync::Mutex::new(())));
        }
        let db = Db { pool, backend };
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

/// SQLite lets one writer in at a time and puts the others to sleep in its busy handler, in
/// steps of up to 100 ms: under concurrent writes that made the slowest requests wait a second
/// (bench/run.sh, see the README). So on SQLite, writers queue here, in the process, and reach
/// the database one after another without sleeping. PostgreSQL has row locks and no gate.
static WRITE_GATE: std::sync::OnceLock<std::sync::Arc<tokio::sync::Mutex<()>>> =
    std::sync::OnceLock::new();

/// Waits for SQLite's write turn (nothing on PostgreSQL); hold the guard while writing.
pub async fn write_turn() -> Option<tokio::sync::OwnedMutexGuard<()>> {
    match WRITE_GATE.get() {
        Some(gate) => Some(gate.clone().lock_owned().await),
        None => None,
    }
}

/// A write transaction: the write turn (on SQLite) and the transaction, released together.
/// It derefs to the connection, so `&mut tx` goes wherever a `&mut AnyConnection` does.
pub struct WriteTx {
    tx: sqlx::Transaction<'static, sqlx::Any>,
    _turn: Option<tokio::sync::OwnedMutexGuard<()>>,
}

impl std::ops::Deref for WriteTx {
    type Target = sqlx::AnyConnection;
    fn deref(&self) -> &sqlx::AnyConnection {
        &self.tx
    }
}

impl std::ops::DerefMut for WriteTx {
    fn deref_mut(&mut self) -> &mut sqlx::AnyConnection {
        &mut self.tx
    }
}

impl WriteTx {
    /// Commits, then gives the write turn to the next writer.
    pub async fn commit(self) -> sqlx::Result<()> {
        self.tx.commit().await
    }

    /// Rolls back, then gives the write turn to the next writer.
    pub async fn rollback(self) -> sqlx::Result<()> {
        self.tx.rollback().await
    }
}

/// Begins a write transaction in its turn. Every state change goes through here.
pub async fn begin(pool: &AnyPool) -> sqlx::Result<WriteTx> {
    let turn = write_turn().await;
    Ok(WriteTx {
        tx: pool.begin().await?,
        _turn: turn,
    })
}

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
