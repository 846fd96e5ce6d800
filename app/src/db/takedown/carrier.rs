//! Group commit for instant takedowns: the waiting rooms, the carrier task that takes what
//! waits into shared transactions, and falling back to one transaction each when a shared one
//! fails. [`super::take_down`] puts each takedown in its room.

use super::{INSTANT, TakenDown, claim, claim_allowance, take_down_in, take_down_items};
use crate::db::Db;
use crate::db::reports::{NewReport, SubmitError};
use crate::domain::Rules;
use crate::domain::joint_force::CapReached;

/// Carries the waiting takedowns of one room until none is left: on SQLite it takes the write
/// turn first, then all that wait, carries them (in batches, see [`carry`]) and gives the turn
/// to the other writers in line before taking it again. Requests only wait for their answer:
/// none of them queues for the write turn or the brand's row, where each would have to be
/// woken in turn.
pub(super) async fn carrier(db: Db, key: i64) {
    /// Should the carrier panic, the next takedown starts another (and it finds what waits).
    struct Unwinding<'a>(&'a Db, i64);
    impl Drop for Unwinding<'_> {
        fn drop(&mut self) {
            if std::thread::panicking() {
                self.0
                    .takedowns()
                    .visit(self.1, |room| room.carrying = false);
            }
        }
    }
    let _unwinding = Unwinding(&db, key);
    loop {
        let asked = std::time::Instant::now();
        let turn = match db.writer() {
            Some(writer) => Some(writer.turn().await),
            None => None,
        };
        let waited = asked.elapsed();
        // Taken with the turn in hand, so the batch holds everything that came meanwhile.
        let batch = db.takedowns().take(key);
        if batch.is_empty() {
            return;
        }
        let takedowns = batch.len();
        let started = std::time::Instant::now();
        carry(&db, batch).await;
        drop(turn);
        // At debug level, so a slow tail can be told apart: waiting for the turn (another
        // writer, a log restart) or carrying (statements and commit, see `carry_*`).
        tracing::debug!(
            takedowns,
            turn_waited_us = waited.as_micros() as u64,
            carried_us = started.elapsed().as_micros() as u64,
            "takedowns carried"
        );
    }
}

/// A takedown waiting for the write turn.
pub(super) struct Waiting {
    pub(super) report: NewReport,
    pub(super) rules: Rules,
    pub(super) now: i64,
    pub(super) reply: tokio::sync::oneshot::Sender<Result<TakenDown, SubmitError>>,
}

/// The takedowns waiting to be carried, in rooms: SQLite has one (room 0) for its one write
/// turn, PostgreSQL one per brand with takedowns in flight. One per opened database, owned by
/// its [`Db`] handle, so two databases in one process (the tests) never share a room.
#[derive(Default)]
pub(crate) struct Rooms {
    rooms: std::sync::Mutex<std::collections::HashMap<i64, Room>>,
    /// Takedowns carried in a transaction shared with others.
    carried_together: std::sync::atomic::AtomicU64,
}

impl std::fmt::Debug for Rooms {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rooms")
            .field("carried_together", &self.carried_together())
            .finish_non_exhaustive()
    }
}

impl Rooms {
    /// Visits room `key` under the rooms' lock, making it if needed.
    pub(super) fn visit<T>(&self, key: i64, visit: impl FnOnce(&mut Room) -> T) -> T {
        let mut rooms = self
            .rooms
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        visit(rooms.entry(key).or_default())
    }

    /// Takes everything waiting in room `key`. An empty room is closed, under the lock, so a
    /// takedown arriving after this starts a new carrier (and the rooms of brands that stopped
    /// taking listings down do not pile up).
    fn take(&self, key: i64) -> Vec<Waiting> {
        let mut rooms = self
            .rooms
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let Some(room) = rooms.get_mut(&key) else {
            return Vec::new();
        };
        let batch = std::mem::take(&mut room.waiting);
        if batch.is_empty() {
            rooms.remove(&key);
        }
        batch
    }

    /// Counts takedowns that shared a transaction.
    fn count_carried_together(&self, takedowns: usize) {
        self.carried_together
            .fetch_add(takedowns as u64, std::sync::atomic::Ordering::Relaxed);
    }

    /// How many takedowns shared a transaction with others so far.
    pub(crate) fn carried_together(&self) -> u64 {
        self.carried_together
            .load(std::sync::atomic::Ordering::Relaxed)
    }
}

/// The takedowns of one room.
#[derive(Default)]
pub(super) struct Room {
    pub(super) waiting: Vec<Waiting>,
    /// Whether a [`carrier`] is at work for them.
    pub(super) carrying: bool,
}

/// Group commit: stores the takedowns that waited for the turn in transactions of up to
/// [`JointForcePolicy::batch`](crate::domain::joint_force::JointForcePolicy::batch) each,
/// holding the turn throughout. A takedown on SQLite spends most of its time on the way to the write
/// connection's thread and back, a dozen statements each, and in its commit, which writes
/// the table and index pages its rows touched to the log: the takedowns of one batch share
/// the begin, the commit, most of those pages and one tier recomputation per brand. If
/// anything in the batch fails, it is rolled back and each takedown runs again on its own,
/// so one takedown's error is its own and undoes nobody else's.
async fn carry(db: &Db, mut batch: Vec<Waiting>) {
    while !batch.is_empty() {
        let most = batch[0].rules.joint_force.batch.max(1);
        let rest = batch.split_off(batch.len().min(most));
        if batch.len() > 1 {
            match carry_together(db, &batch).await {
                Ok(done) => {
                    db.takedowns().count_carried_together(batch.len());
                    for (job, done) in batch.drain(..).zip(done) {
                        // The request may have gone; its takedown stands all the same.
                        let _ = job.reply.send(done.map_err(SubmitError::CapReached));
                    }
                }
                Err(error) => {
                    tracing::warn!(%error, takedowns = batch.len(), "a shared takedown transaction failed; running each alone");
                }
            }
        }
        for job in batch.drain(..) {
            let done = match carry_alone(db, &job).await {
                Ok(done) => done.map_err(SubmitError::CapReached),
                Err(error) => Err(error.into()),
            };
            let _ = job.reply.send(done);
        }
        batch = rest;
    }
}

async fn carry_together(
    db: &Db,
    batch: &[Waiting],
) -> sqlx::Result<Vec<Result<TakenDown, CapReached>>> {
    let started = std::time::Instant::now();
    let mut tx = begin_carried(db).await?;
    let mut done = Vec::with_capacity(batch.len());
    // Each brand's takedowns of the batch claim their place under its caps at once (one
    // update of the brand's row, not one per takedown); a brand whose batch would pass a cap
    // claims them one by one instead, so those that fit go ahead.
    let mut asked = std::collections::BTreeMap::<i64, (i64, &Waiting)>::new();
    for job in batch {
        let entry = asked.entry(job.report.brand_id).or_insert((0, job));
        entry.0 += job.report.items.len() as i64;
    }
    let mut claimed_whole = std::collections::BTreeSet::new();
    for (brand_id, (listings, job)) in asked {
        let caps = &job.rules.joint_force.caps;
        if claim(&mut tx, brand_id, listings, caps, job.now)
            .await?
            .is_ok()
        {
            claimed_whole.insert(brand_id);
        }
    }
    // Each brand's tier once, as its last takedown in the batch would have left it.
    let mut last = std::collections::BTreeMap::new();
    for job in batch {
        // A takedown refused at the cap wrote nothing, so the rest of the batch goes on.
        if !claimed_whole.contains(&job.report.brand_id)
            && let Err(reached) = claim_allowance(&mut tx, &job.report, &job.rules, job.now).await?
        {
            done.push(Err(reached));
            continue;
        }
        done.push(Ok(take_down_items(
            &mut tx,
            &job.report,
            &job.rules,
            INSTANT,
            job.now,
        )
        .await?));
        last.insert(job.report.brand_id, job);
    }
    for (brand_id, job) in last {
        crate::db::trust::recompute(
            &mut tx,
            brand_id,
            &job.rules,
            Some(job.report.submitted_by),
            job.now,
        )
        .await?;
    }
    commit_timed(tx, started).await?;
    Ok(done)
}

async fn carry_alone(db: &Db, job: &Waiting) -> sqlx::Result<Result<TakenDown, CapReached>> {
    let started = std::time::Instant::now();
    let mut tx = begin_carried(db).await?;
    if let Err(reached) = claim_allowance(&mut tx, &job.report, &job.rules, job.now).await? {
        tx.rollback().await?;
        return Ok(Err(reached));
    }
    let done = take_down_in(&mut tx, &job.report, &job.rules, INSTANT, job.now).await?;
    commit_timed(tx, started).await?;
    Ok(Ok(done))
}

/// A carrier's transaction: on SQLite on the writer's connection, whose turn the carrier
/// holds; on PostgreSQL on the pool.
async fn begin_carried(db: &Db) -> sqlx::Result<sqlx::Transaction<'static, sqlx::Any>> {
    match db.writer() {
        Some(writer) => writer.begin_in_turn().await,
        None => db.pool.begin().await,
    }
}

/// Commits a carried transaction begun at `started`, logging (at debug level) how long its
/// statements and its commit took: sqlx's statement log leaves the commit out, and on SQLite
/// the commit is where the transaction's pages are written to the log.
async fn commit_timed(
    tx: sqlx::Transaction<'static, sqlx::Any>,
    started: std::time::Instant,
) -> sqlx::Result<()> {
    let statements = started.elapsed();
    let committing = std::time::Instant::now();
    tx.commit().await?;
    tracing::debug!(
        statements_us = statements.as_micros() as u64,
        commit_us = committing.elapsed().as_micros() as u64,
        "takedown transaction committed"
    );
    Ok(())
}
