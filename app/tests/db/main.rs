//! The database tests: each runs on a fresh database — SQLite by default, PostgreSQL when
//! `GOODFAITH_TEST_POSTGRES_URL` is set (the test command runs them both ways). One test
//! binary rather than one per file, so the app is linked once.
#![cfg(feature = "ssr")]

mod common;

mod accounts;
mod appeals;
mod delivery;
mod ingest;
mod joint_force;
mod mail;
mod notices;
mod storage;
mod takedowns;
mod tiers;
mod tokens;
