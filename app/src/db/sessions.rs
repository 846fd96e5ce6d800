//! The session store: sessions live in the application database, so every server instance
//! sees every session, and a sign-out anywhere takes effect everywhere at once. Each request
//! reads its session from here; nothing is cached in process memory. A request writes its
//! session only when the session changed or its idle expiry needs moving by more than an hour.

use async_trait::async_trait;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};

use super::{Db, now_ms};

/// [`SessionStore`] over the portable `Any` pool (one query text for both engines).
#[derive(Debug, Clone)]
pub struct DbSessionStore {
    db: Db,
}

impl DbSessionStore {
    /// A store on the application database (the `sessions` table comes from the migrations).
    pub fn new(db: Db) -> Self {
        Self { db }
    }
}

/// How far behind the sliding expiry an unchanged session's stored expiry may fall before it
/// is written again (see `save`).
pub const EXPIRY_SLACK_MS: i64 = 3_600_000;

fn backend(error: impl std::fmt::Display) -> session_store::Error {
    session_store::Error::Backend(error.to_string())
}

fn encode(record: &Record) -> session_store::Result<(String, i64)> {
    let data = serde_json::to_string(&record.data)
        .map_err(|error| session_store::Error::Encode(error.to_string()))?;
    let expires_at = i64::try_from(record.expiry_date.unix_timestamp_nanos() / 1_000_000)
        .map_err(|error| session_store::Error::Encode(error.to_string()))?;
    Ok((data, expires_at))
}

#[async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        let (data, expires_at) = encode(record)?;
        let _turn = crate::db::write_turn().await;
        // Ids are 128 random bits; should one ever collide, draw another rather than overwrite.
        loop {
            let inserted = sqlx::query(
                "INSERT INTO sessions (id, data, expires_at) VALUES ($1, $2, $3) \
                 ON CONFLICT (id) DO NOTHING",
            )
            .bind(record.id.to_string())
            .bind(data.as_str())
            .bind(expires_at)
            .execute(&self.db.pool)
            .await
            .map_err(backend)?;
            if inserted.rows_affected() == 1 {
                return Ok(());
            }
            record.id = Id::default();
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let (data, expires_at) = encode(record)?;
        // The layer saves on every request to slide the idle expiry forward. Writing each
        // time would make every page view a write transaction queued behind the takedowns,
        // so an unchanged session is written only when its stored expiry is more than
        // `EXPIRY_SLACK_MS` behind: a session may end up to that much earlier than 12 h idle.
        let stored: Option<(String, i64)> =
            sqlx::query_as("SELECT data, expires_at FROM sessions WHERE id = $1")
                .bind(record.id.to_string())
                .fetch_optional(&self.db.pool)
                .await
                .map_err(backend)?;
        if let Some((stored_data, stored_expiry)) = stored
            && stored_data == data
            && stored_expiry + EXPIRY_SLACK_MS >= expires_at
        {
            return Ok(());
        }
        let _turn = crate::db::write_turn().await;
        sqlx::query(
            "INSERT INTO sessions (id, data, expires_at) VALUES ($1, $2, $3) \
             ON CONFLICT (id) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at",
        )
        .bind(record.id.to_string())
        .bind(data)
        .bind(expires_at)
        .execute(&self.db.pool)
        .await
        .map_err(backend)?;
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let row: Option<(String, i64)> = sqlx::query_as(
            "SELECT data, expires_at FROM sessions WHERE id = $1 AND expires_at > $2",
        )
        .bind(id.to_string())
        .bind(now_ms())
        .fetch_optional(&self.db.pool)
        .await
        .map_err(backend)?;
        let Some((data, expires_at)) = row else {
            return Ok(None);
        };
        let data = serde_json::from_str(&data)
            .map_err(|error| session_store::Error::Decode(error.to_string()))?;
        let expiry_date =
            time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(expires_at) * 1_000_000)
                .map_err(|error| session_store::Error::Decode(error.to_string()))?;
        Ok(Some(Record {
            id: *id,
            data,
            expiry_date,
        }))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        let _turn = crate::db::write_turn().await;
        sqlx::query("DELETE FROM sessions WHERE id = $1")
            .bind(id.to_string())
            .execute(&self.db.pool)
            .await
            .map_err(backend)?;
        Ok(())
    }
}

#[async_trait]
impl ExpiredDeletion for DbSessionStore {
    async fn delete_expired(&self) -> session_store::Result<()> {
        let _turn = crate::db::write_turn().await;
        sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
            .bind(now_ms())
            .execute(&self.db.pool)
            .await
            .map_err(backend)?;
        Ok(())
    }
}
