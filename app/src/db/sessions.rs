//! The session store: sessions live in the application database, so every server instance
//! sees every session, and a sign-out anywhere takes effect everywhere at once. Each request
//! reads its session from here; nothing is cached in process memory. A request writes its
//! session only when the session changed or its idle expiry needs moving by more than an hour,
//! judged against what the same request loaded.

use std::collections::HashMap;

use async_trait::async_trait;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};

use super::{Db, now_ms};

/// [`SessionStore`] over the portable `Any` pool (one query text for both engines).
#[derive(Debug, Clone)]
pub struct DbSessionStore {
    db: Db,
    /// The stored row each session's last `load` read, until `save` takes it. The layer saves
    /// every session a request loaded (to slide its idle expiry), and comparing with the row
    /// loaded moments earlier spares every signed-in request a second read. Nothing is
    /// served from here: `load` always reads the database.
    loaded: std::sync::Arc<std::sync::Mutex<HashMap<Id, (String, i64)>>>,
}

/// Rows kept for `save` past which they are dropped: those of requests that ended without
/// saving. A dropped row only costs its save the read it would have spared.
const LOADED_MAX: usize = 4096;

impl DbSessionStore {
    /// A store on the application database (the `sessions` table comes from the migrations).
    pub fn new(db: Db) -> Self {
        Self {
            db,
            loaded: Default::default(),
        }
    }

    fn loaded(&self) -> std::sync::MutexGuard<'_, HashMap<Id, (String, i64)>> {
        self.loaded
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// How far behind the sliding expiry an unchanged session's stored expiry may fall before it
/// is written again (see `save`).
pub const EXPIRY_SLACK_MS: i64 = 3_600_000;

fn backend(error: impl std::fmt::Display) -> session_store::Error {
    session_store::Error::Backend(error.to_string())
}

/// Session key holding the signed-in user's id.
pub const USER_ID_KEY: &str = "user_id";

/// Session key holding when the user signed in (milliseconds since the Unix epoch).
pub const SIGNED_IN_AT_KEY: &str = "signed_in_at";

/// Session key holding the device signed in from, in words ("Firefox on Linux").
pub const DEVICE_KEY: &str = "device";

fn encode(record: &Record) -> session_store::Result<(String, i64)> {
    let data = serde_json::to_string(&record.data)
        .map_err(|error| session_store::Error::Encode(error.to_string()))?;
    let expires_at = i64::try_from(record.expiry_date.unix_timestamp_nanos() / 1_000_000)
        .map_err(|error| session_store::Error::Encode(error.to_string()))?;
    Ok((data, expires_at))
}

/// Whose the session is, since when and on what device, from its data: the columns that let a
/// person list their sessions and end them all at once.
fn owner(record: &Record) -> (Option<i64>, Option<i64>, String) {
    let number = |key: &str| record.data.get(key).and_then(serde_json::Value::as_i64);
    let device = record
        .data
        .get(DEVICE_KEY)
        .and_then(serde_json::Value::as_str)
        .unwrap_or_default()
        .chars()
        .take(100)
        .collect();
    (number(USER_ID_KEY), number(SIGNED_IN_AT_KEY), device)
}

#[async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        let (data, expires_at) = encode(record)?;
        let (user_id, signed_in_at, device) = owner(record);
        // On the writer's connection, in its turn, like every other write.
        let mut tx = self.db.begin().await.map_err(backend)?;
        // Ids are 128 random bits; should one ever collide, draw another rather than overwrite.
        loop {
            let inserted = sqlx::query(
                "INSERT INTO sessions (id, data, expires_at, user_id, signed_in_at, device) \
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING",
            )
            .bind(record.id.to_string())
            .bind(data.as_str())
            .bind(expires_at)
            .bind(user_id)
            .bind(signed_in_at)
            .bind(device.as_str())
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
            if inserted.rows_affected() == 1 {
                return tx.commit().await.map_err(backend);
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
        let loaded = self.loaded().remove(&record.id);
        let stored: Option<(String, i64)> = match loaded {
            Some(row) => Some(row),
            None => sqlx::query_as("SELECT data, expires_at FROM sessions WHERE id = $1")
                .bind(record.id.to_string())
                .fetch_optional(&self.db.pool)
                .await
                .map_err(backend)?,
        };
        // Compared as values: the text's key order follows a hash map's, which differs
        // between the map that was stored and the one read back.
        if let Some((stored_data, stored_expiry)) = stored
            && serde_json::from_str::<HashMap<String, serde_json::Value>>(&stored_data)
                .is_ok_and(|stored| stored == record.data)
            && stored_expiry + EXPIRY_SLACK_MS >= expires_at
        {
            return Ok(());
        }
        let (user_id, signed_in_at, device) = owner(record);
        let mut tx = self.db.begin().await.map_err(backend)?;
        // An update, never an insert: a session signed out (or ended from the account page)
        // while this request was in flight stays ended, instead of being written back.
        // (New sessions come through `create`.)
        sqlx::query(
            "UPDATE sessions SET data = $1, expires_at = $2, user_id = $3, signed_in_at = $4, \
             device = $5 WHERE id = $6",
        )
        .bind(data)
        .bind(expires_at)
        .bind(user_id)
        .bind(signed_in_at)
        .bind(device)
        .bind(record.id.to_string())
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        tx.commit().await.map_err(backend)
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
        let parsed = serde_json::from_str(&data)
            .map_err(|error| session_store::Error::Decode(error.to_string()))?;
        let expiry_date =
            time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(expires_at) * 1_000_000)
                .map_err(|error| session_store::Error::Decode(error.to_string()))?;
        {
            let mut loaded = self.loaded();
            if loaded.len() >= LOADED_MAX {
                loaded.clear();
            }
            loaded.insert(*id, (data, expires_at));
        }
        Ok(Some(Record {
            id: *id,
            data: parsed,
            expiry_date,
        }))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        self.loaded().remove(id);
        let mut tx = self.db.begin().await.map_err(backend)?;
        sqlx::query("DELETE FROM sessions WHERE id = $1")
            .bind(id.to_string())
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        tx.commit().await.map_err(backend)
    }
}

#[async_trait]
impl ExpiredDeletion for DbSessionStore {
    async fn delete_expired(&self) -> session_store::Result<()> {
        let mut tx = self.db.begin().await.map_err(backend)?;
        sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
            .bind(now_ms())
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        tx.commit().await.map_err(backend)
    }
}

/// One of a person's sessions.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionRow {
    /// The session id (the cookie's secret: it never leaves the server; see [`handle_of`]).
    pub id: String,
    /// When the person signed in.
    pub signed_in_at: Option<i64>,
    /// The device, in words.
    pub device: String,
    /// When it ends unless used.
    pub expires_at: i64,
}

/// The most sessions a person's list shows (the newest).
pub const SESSIONS_LISTED: i64 = 50;

/// A person's sessions that have not expired, newest sign-in first.
pub async fn of_user(
    pool: &sqlx::AnyPool,
    user_id: i64,
    now: i64,
) -> sqlx::Result<Vec<SessionRow>> {
    sqlx::query_as(
        "SELECT id, signed_in_at, device, expires_at FROM sessions \
         WHERE user_id = $1 AND expires_at > $2 ORDER BY signed_in_at DESC, id LIMIT $3",
    )
    .bind(user_id)
    .bind(now)
    .bind(SESSIONS_LISTED)
    .fetch_all(pool)
    .await
}

/// A name for a session that can be shown and sent back without giving the session away:
/// the start of its id's SHA-256.
pub fn handle_of(id: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(id.as_bytes())
        .iter()
        .take(8)
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// Ends the person's session `id` in the caller's transaction; whether there was one.
pub async fn end_one(conn: &mut sqlx::AnyConnection, user_id: i64, id: &str) -> sqlx::Result<bool> {
    let ended = sqlx::query("DELETE FROM sessions WHERE id = $1 AND user_id = $2")
        .bind(id)
        .bind(user_id)
        .execute(conn)
        .await?
        .rows_affected();
    Ok(ended > 0)
}

/// Ends every session of the person but `keep` (none when `None`) in the caller's
/// transaction — for "sign out everywhere else", a new password and a deactivated account.
/// Returns how many ended.
pub async fn end_all_of_user(
    conn: &mut sqlx::AnyConnection,
    user_id: i64,
    keep: Option<&str>,
) -> sqlx::Result<u64> {
    Ok(
        sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND id <> $2")
            .bind(user_id)
            .bind(keep.unwrap_or(""))
            .execute(conn)
            .await?
            .rows_affected(),
    )
}

/// Ends every session of the brand's staff in the caller's transaction (the brand was
/// deactivated). Returns how many ended.
pub async fn end_all_of_brand(conn: &mut sqlx::AnyConnection, brand_id: i64) -> sqlx::Result<u64> {
    Ok(sqlx::query(
        "DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE brand_id = $1)",
    )
    .bind(brand_id)
    .execute(conn)
    .await?
    .rows_affected())
}
