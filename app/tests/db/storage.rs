//! How the database is left for the next process.

use app::db::Backend;
use app::db::testing::TestDb;

/// `goodfaith seed` ends with `Db::settle`, so the server (or the benchmark) that opens the
/// file next does not start on a long write-ahead log. The background checkpoint runs every
/// 50 ms beside it, and a checkpoint that meets another answers "busy" instead of waiting, so
/// this writes and settles many times over, each time expecting an empty log.
#[tokio::test]
async fn settle_empties_the_write_ahead_log_while_the_background_checkpoint_runs() {
    let test = TestDb::new().await.expect("test database");
    let db = test.db.clone();
    if db.backend != Backend::Sqlite {
        db.settle().await.expect("settle is a no-op on PostgreSQL");
        return;
    }
    let file = test
        .url
        .trim_start_matches("sqlite://")
        .split('?')
        .next()
        .expect("path")
        .to_owned();
    let log = format!("{file}-wal");
    sqlx::query("CREATE TABLE filler (body TEXT NOT NULL)")
        .execute(&db.pool)
        .await
        .expect("table");
    let body = "x".repeat(4000);
    for round in 0..30 {
        // About 2 MB of log in ten commits, so the background checkpoint has work to do.
        for _ in 0..10 {
            let mut tx = db.begin().await.expect("begin");
            for _ in 0..50 {
                sqlx::query("INSERT INTO filler (body) VALUES ($1)")
                    .bind(body.as_str())
                    .execute(&mut *tx)
                    .await
                    .expect("insert");
            }
            tx.commit().await.expect("commit");
        }
        db.settle().await.expect("settle");
        let size = std::fs::metadata(&log).map(|m| m.len()).unwrap_or(0);
        assert_eq!(
            size, 0,
            "round {round}: the log still holds {size} bytes after settle"
        );
    }
}

#[tokio::test]
async fn of_instances_ticking_together_one_claims_the_hourly_sweep() {
    let test = TestDb::new().await.expect("test database");
    let db = &test.db;
    const HOUR: i64 = 3_600_000;
    let now = app::db::now_ms();
    let (first, second) = tokio::join!(
        app::db::sweeps::claim(db, "hourly", HOUR, now),
        app::db::sweeps::claim(db, "hourly", HOUR, now),
    );
    let claims = [first.expect("claim"), second.expect("claim")];
    assert_eq!(
        claims.iter().filter(|claimed| **claimed).count(),
        1,
        "{claims:?}"
    );
    // Later in the hour, nobody; near its end (a timer firing early), the next run.
    let later = app::db::sweeps::claim(db, "hourly", HOUR, now + 20 * 60_000).await;
    assert!(!later.expect("claim"));
    let next = app::db::sweeps::claim(db, "hourly", HOUR, now + 56 * 60_000).await;
    assert!(next.expect("claim"));
}
