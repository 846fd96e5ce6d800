//! Database access (server only). One copy of each query, written in SQL that SQLite and
//! PostgreSQL both accept, run through sqlx's `Any` driver; only the migrations differ.

pub mod audit;
pub mod brands;
pub mod counter_notices;
pub mod files;
pub mod inquiries;
pub mod lifecycle;
pub mod listings;
pub mod reports;
pub mod review;
pub mod rights;
pub mod script;
pub mod sessions;
pub mod strikes;
pub mod takedown;
pub mod takedown_audits;
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
        let _turn = write_turn().await;
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
        if backend == Backend::Sqlite {
            // Set once per process; the server opens one database.
            let _ = WRITE_GATE.set(std::sync::Arc::new(tokio::sync::Mutex::new(())));
            // SQLite discards a connection's whole page cache when another connection has
            // written since its last transaction, so writes taking turns on four connections
            // re-read every page they touch. One connection for all writes keeps its cache.
            let writer = pool_options(backend, 1)
                .connect_with(options.clone())
                .await
                .with_context(|| format!("connecting to {}", redact(url)))?;
            writers()
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .insert(options.database_url.to_string(), writer);
            checkpoint_in_background(pool.clone());
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

/// The write connection of each SQLite database opened by this process, by URL.
fn writers() -> &'static std::sync::Mutex<std::collections::HashMap<String, AnyPool>> {
    static WRITERS: std::sync::OnceLock<
        std::sync::Mutex<std::collections::HashMap<String, AnyPool>>,
    > = std::sync::OnceLock::new();
    WRITERS.get_or_init(Default::default)
}

/// The pool write transactions of `pool`'s database go through: its own write connection on
/// SQLite, `pool` itself on PostgreSQL.
fn writer_for(pool: &AnyPool) -> AnyPool {
    let url = pool.connect_options().database_url.to_string();
    writers()
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .get(&url)
        .cloned()
        .unwrap_or_else(|| pool.clone())
}

/// SQLite lets one writer in at a time and puts the others to sleep in its busy handler, in
/// steps of up to 100 ms: under concurrent writes that made the slowest requests wait a second
/// (bench/run.sh, see the README). So on SQLite, writers queue here, in the process, and reach
/// the database one after another without sleeping. PostgreSQL has row locks and no gate.
static WRITE_GATE: std::sync::OnceLock<std::sync::Arc<tokio::sync::Mutex<()>>> =
    std::sync::OnceLock::new();

/// How long [`Db::settle`] keeps trying to empty the log: long enough for a background
/// checkpoint of a gigabyte of log to finish (about a second here).
const SETTLE_FOR: std::time::Duration = std::time::Duration::from_secs(60);

/// How often the background checkpoint runs: small and often. Each checkpoint first syncs
/// what the log gained since the last one, and writes that meet that sync wait for it. At 500
/// takedowns a second the log gains about 50 MB a second (two dozen pages a commit, mostly the
/// same pages again); every 500 ms that was 26 MB per sync, and a takedown's p99 at 500 req/s
/// was 5.1–7.9 ms against 4.3–4.6 ms every 50 ms (quick runs, README). An idle tick finds
/// nothing to copy and syncs nothing.
const CHECKPOINT_EVERY: std::time::Duration = std::time::Duration::from_millis(50);

/// Write-ahead log frames (4 KiB pages, so 1 GiB) past which the log is restarted from its
/// beginning, pausing writers: a restart waits for a checkpoint and its sync to disk, which
/// took up to a second here, so it is kept for writes that go on that long without a pause.
const WAL_RESTART_FRAMES: i64 = 256 * 1024;

/// Copies committed pages from SQLite's write-ahead log into the database file, on a timer.
///
/// By default the commit that fills the log past 1,000 pages runs the checkpoint itself, and
/// with `synchronous = NORMAL` a checkpoint syncs the log and the database file to disk. On
/// this machine those syncs took 20 ms, and now and then 0.9 s, inside a takedown still
/// holding the write turn: every writer behind it waited (p99 of 0.8 s at the ceiling,
/// bench/run.sh). A passive checkpoint needs no lock that writers take, so here it runs
/// beside them. Once it has caught up with the end of the log, the next writer starts the log
/// over. Under writes that never pause it never quite catches up and the log only grows;
/// past [`WAL_RESTART_FRAMES`] the checkpoint takes the write turn and restarts the log.
/// The task ends when the pool is closed.
fn checkpoint_in_background(pool: AnyPool) {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(CHECKPOINT_EVERY);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            if pool.is_closed() {
                break;
            }
            if let Err(error) = checkpoint(&pool).await {
                tracing::warn!(%error, "checkpointing the write-ahead log");
            }
        }
    });
}

async fn checkpoint(pool: &AnyPool) -> sqlx::Result<()> {
    // (busy, frames in the log, frames checkpointed); -1s for a database not in WAL mode.
    let (_, frames, _): (i64, i64, i64) = sqlx::query_as("PRAGMA wal_checkpoint(PASSIVE)")
        .fetch_one(pool)
        .await?;
    if frames > WAL_RESTART_FRAMES {
        let _turn = write_turn().await;
        sqlx::query("PRAGMA wal_checkpoint(RESTART)")
            .execute(pool)
            .await?;
    }
    Ok(())
}

/// Whether writers take turns here (SQLite) rather than run side by side (PostgreSQL).
pub fn writes_take_turns() -> bool {
    WRITE_GATE.get().is_some()
}

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
        tx: writer_for(pool).begin().await?,
        _turn: turn,
    })
}

/// Begins a write transaction for a caller already holding the write turn.
pub(crate) async fn begin_in_turn(
    pool: &AnyPool,
) -> sqlx::Result<sqlx::Transaction<'static, sqlx::Any>> {
    writer_for(pool).begin().await
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
