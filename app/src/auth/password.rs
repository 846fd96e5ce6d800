//! Password hashing with Argon2id, always off the async runtime: a hash takes tens of
//! milliseconds of CPU, which would stall every other request on the same worker thread.

use std::sync::OnceLock;

use anyhow::Context;
use argon2::Argon2;
use argon2::password_hash::{
    PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng,
};

/// At most one Argon2 computation per core at a time. Each holds 19 MiB of memory (the
/// default parameters); a burst of sign-ins would otherwise run dozens at once on the blocking
/// pool — no faster on the same cores, but with hundreds of megabytes resident.
fn hashing_slots() -> &'static tokio::sync::Semaphore {
    static SLOTS: OnceLock<tokio::sync::Semaphore> = OnceLock::new();
    SLOTS.get_or_init(|| {
        tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(2, usize::from))
    })
}

/// Runs a CPU- and memory-heavy password computation off the async runtime, in a slot.
async fn in_slot<T: Send + 'static>(
    work: impl FnOnce() -> anyhow::Result<T> + Send + 'static,
) -> anyhow::Result<T> {
    let _slot = hashing_slots()
        .acquire()
        .await
        .context("password hashing slots closed")?;
    tokio::task::spawn_blocking(work)
        .await
        .context("password hashing task")?
}

/// Hashes a password into a PHC string (algorithm, parameters, salt and hash in one).
pub async fn hash(password: &str) -> anyhow::Result<String> {
    let password = password.to_owned();
    in_slot(move || hash_blocking(&password)).await
}

fn hash_blocking(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|error| anyhow::anyhow!("hashing password: {error}"))
}

/// Checks a password against a stored hash. With no stored hash (unknown account) it checks
/// against a fixed dummy hash and answers `false`, so the timing does not reveal the account.
pub async fn verify(password: &str, stored: Option<String>) -> anyhow::Result<bool> {
    let password = password.to_owned();
    in_slot(move || {
        let known = stored.is_some();
        let hash = match stored {
            Some(hash) => hash,
            None => dummy_hash()?.to_owned(),
        };
        let parsed = PasswordHash::new(&hash)
            .map_err(|error| anyhow::anyhow!("stored password hash is malformed: {error}"))?;
        let ok = Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok();
        Ok(known && ok)
    })
    .await
}

fn dummy_hash() -> anyhow::Result<&'static str> {
    static DUMMY: OnceLock<String> = OnceLock::new();
    if let Some(hash) = DUMMY.get() {
        return Ok(hash);
    }
    let hash = hash_blocking("not a real password")?;
    Ok(DUMMY.get_or_init(|| hash))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hashed_password_verifies_and_a_wrong_one_does_not() {
        let hash = hash("goodfaith-demo").await.expect("hash");
        assert!(hash.starts_with("$argon2id$"));
        assert!(
            verify("goodfaith-demo", Some(hash.clone()))
                .await
                .expect("verify")
        );
        assert!(!verify("goodfaith-dem0", Some(hash)).await.expect("verify"));
    }

    #[tokio::test]
    async fn an_unknown_account_never_verifies() {
        assert!(!verify("not a real password", None).await.expect("verify"));
    }
}
