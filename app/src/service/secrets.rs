//! Secrets the portal hands out once — API tokens, integration keys, links sent by mail — and
//! the form they are stored in: only a SHA-256, so a copy of the database opens nothing.

/// `N` random bytes from the operating system.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    use argon2::password_hash::rand_core::{OsRng, RngCore};
    let mut bytes = [0u8; N];
    OsRng.fill_bytes(&mut bytes);
    bytes
}

/// 32 random bytes (256 bits) as 64 lower-case hex digits.
pub fn random_hex() -> String {
    hex(&random_bytes::<32>())
}

/// Bytes as lower-case hex digits.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// The stored form of a secret: its SHA-256, hex.
pub fn hash(secret: &str) -> String {
    crate::uploads::sha256_hex(secret.as_bytes())
}
