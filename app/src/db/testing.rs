//! Fresh, migrated databases for tests: a new SQLite file per test by default, or a new
//! PostgreSQL database per test when `GOODFAITH_TEST_POSTGRES_URL` names a server.

use std::sync::atomic::{AtomicU64, Ordering};

use anyhow::Context;
use sqlx::Executor;

use super::Db;

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// A database that exists for one test. The SQLite file is removed when it is dropped;
/// PostgreSQL test databases live in a throw-away cluster that the test command discards.
#[derive(Debug)]
pub struct TestDb {
    /// The migrated, empty database.
    pub db: Db,
    /// The URL it was opened with (for a second pool on the same database).
    pub url: String,
    file: Option<std::path::PathBuf>,
}

impl TestDb {
    /// Creates and migrates a new, empty database on the backend chosen by the environment.
    pub async fn new() -> anyhow::Result<TestDb> {
        let unique = format!(
            "gf_test_{}_{}_{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed),
            super::now_ms()
        );
        match std::env::var("GOODFAITH_TEST_POSTGRES_URL") {
            Ok(server) if !server.is_empty() => {
                sqlx::any::install_default_drivers();
                let admin = sqlx::AnyPool::connect(&server)
                    .await
                    .context("connecting to the test PostgreSQL server")?;
                admin
                    // The name is made here from numbers, never from input.
                    .execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {unique}")))
                    .await?;
                admin.close().await;
                let url = with_database(&server, &unique);
                let db = Db::connect(&url, 5).await?;
                Ok(TestDb {
                    db,
                    url,
                    file: None,
                })
            }
            _ => {
                let path = std::env::temp_dir().join(format!("{unique}.db"));
                let url = format!("sqlite://{}?mode=rwc", path.display());
                let db = Db::connect(&url, 5).await?;
                Ok(TestDb {
                    db,
                    url,
                    file: Some(path),
                })
            }
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some(path) = &self.file {
            for suffix in ["", "-wal", "-shm"] {
                let mut name = path.clone().into_os_string();
                name.push(suffix);
                let _ = std::fs::remove_file(name);
            }
        }
    }
}

/// Replaces the database name in a PostgreSQL URL.
fn with_database(server: &str, database: &str) -> String {
    let (base, query) = match server.split_once('?') {
        Some((base, query)) => (base, format!("?{query}")),
        None => (server, String::new()),
    };
    let authority_start = base.find("://").map_or(0, |i| i + 3);
    let root = match base[authority_start..].find('/') {
        Some(slash) => &base[..authority_start + slash],
        None => base,
    };
    format!("{root}/{database}{query}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_name_is_swapped_in_postgres_urls() {
        assert_eq!(
            with_database("postgres://pg@127.0.0.1:55432/postgres", "t1"),
            "postgres://pg@127.0.0.1:55432/t1"
        );
        assert_eq!(
            with_database("postgres://pg@127.0.0.1:55432", "t1"),
            "postgres://pg@127.0.0.1:55432/t1"
        );
        assert_eq!(
            with_database("postgres://pg@h/x?sslmode=disable", "t1"),
            "postgres://pg@h/t1?sslmode=disable"
        );
    }
}
