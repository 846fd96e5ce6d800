//! SQLite's one writer: the write turn, the connection every write goes through, the
//! takedowns waiting for the turn (group commit, see `db::takedown`) and the background
//! checkpoint. One per opened database, owned by its [`Db`](crate::db::Db) handle — never a
//! process-wide global, so two databases in one process (the tests) never share a turn.
//! PostgreSQL has row locks and needs none of this.

use std::sync::Arc;

use sqlx::AnyPool;
use tokio::sync::{Mutex, OwnedMutexGuard};

/// How often the background checkpoint runs: small and often. Each checkpoint first syncs
/// what the log gained since the last one, and writes that meet that sync wait for it. At 500
/// takedowns a second the log gains about 50 MB a second (two dozen pages a commit, mostly the
/// same pages again); every 500 ms that was 26 MB per sync, and a takedown's p99 at 500 req/s
/// was 5.1–7.9 ms against 4.3–4.6 ms every 50 ms (quick runs, bench/results/history.md). An
/// idle tick finds nothing to copy and syncs nothing.
const CHECKPOINT_EVERY: std::time::Duration = std::time::Duration::from_millis(50);

/// Write-ahead log frames (4 KiB pages, so 1 GiB) past which the log is restarted from its
/// beginning, pausing writers: a restart waits for a checkpoint and its sync to disk, which
/// took up to a second here, so it is kept for writes that go on that long without a pause.
const WAL_RESTART_FRAMES: i64 = 256 * 1024;

/// The write path of one SQLite database.
///
/// SQLite lets one writer in at a time and puts the others to sleep in its busy handler, in
/// steps of up to 100 ms: under concurrent writes that made the slowest requests wait a second
/// (bench/run.sh, docs/decisions/0001). So writers queue for the turn here, in the process, and
/// reach the database one after another without sleeping.
pub struct Writer {
    /// The one connection all writes use, so its page cache survives from write to write.
    connection: AnyPool,
    /// The write turn.
    gate: Arc<Mutex<()>>,
}

impl std::fmt::Debug for Writer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Writer").finish_non_exhaustive()
    }
}

impl Writer {
    /// A writer over its own one-connection pool.
    pub(crate) fn new(connection: AnyPool) -> Writer {
        Writer {
            connection,
            gate: Arc::new(Mutex::new(())),
        }
    }

    /// Waits for the write turn; the turn passes on when the guard is dropped.
    pub(crate) async fn turn(&self) -> OwnedMutexGuard<()> {
        self.gate.clone().lock_owned().await
    }

    /// A write transaction in its turn.
    pub(crate) async fn begin(&self) -> sqlx::Result<WriteTx> {
        let turn = self.turn().await;
        WriteTx::new(self.connection.begin().await?, Some(turn))
    }

    /// A write transaction for a caller already holding the turn (the takedown carrier).
    pub(crate) async fn begin_in_turn(
        &self,
    ) -> sqlx::Result<sqlx::Transaction<'static, sqlx::Any>> {
        self.connection.begin().await
    }
}

/// A write transaction: the write turn (on SQLite) and the transaction, released together.
/// It derefs to the connection, so `&mut tx` goes wherever a `&mut AnyConnection` does.
pub struct WriteTx {
    tx: sqlx::Transaction<'static, sqlx::Any>,
    _turn: Option<OwnedMutexGuard<()>>,
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
    /// A transaction and the turn it was begun in.
    pub(crate) fn new(
        tx: sqlx::Transaction<'static, sqlx::Any>,
        turn: Option<OwnedMutexGuard<()>>,
    ) -> sqlx::Result<WriteTx> {
        Ok(WriteTx { tx, _turn: turn })
    }

    /// Commits, then gives the write turn to the next writer.
    pub async fn commit(self) -> sqlx::Result<()> {
        self.tx.commit().await
    }

    /// Rolls back, then gives the write turn to the next writer.
    pub async fn rollback(self) -> sqlx::Result<()> {
        self.tx.rollback().await
    }
}

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
pub(crate) fn checkpoint_in_background(pool: AnyPool, writer: Arc<Writer>) {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(CHECKPOINT_EVERY);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            if pool.is_closed() {
                break;
            }
            if let Err(error) = checkpoint(&pool, &writer).await {
                tracing::warn!(%error, "checkpointing the write-ahead log");
            }
        }
    });
}

async fn checkpoint(pool: &AnyPool, writer: &Writer) -> sqlx::Result<()> {
    // (busy, frames in the log, frames checkpointed); -1s for a database not in WAL mode.
    let (_, frames, _): (i64, i64, i64) = sqlx::query_as("PRAGMA wal_checkpoint(PASSIVE)")
        .fetch_one(pool)
        .await?;
    if frames > WAL_RESTART_FRAMES {
        let _turn = writer.turn().await;
        sqlx::query("PRAGMA wal_checkpoint(RESTART)")
            .execute(pool)
            .await?;
    }
    Ok(())
}
