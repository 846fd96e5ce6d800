//! Server functions, one area per file. Each is public at `/api/<area>/<verb_noun>`.
//!
//! Every function follows the same shape: find out who is calling, check that they may do
//! this to *this* data, then make one call into `db`/`auth` code.

pub mod appeals;
pub mod auth;
pub mod brands;
pub mod figures;
pub mod integration;
pub mod invitations;
pub mod joint_force;
pub mod listings;
pub mod mail;
pub mod notifications;
pub mod people;
pub mod policy;
pub mod reports;
pub mod review;
pub mod rights;
#[cfg(feature = "ssr")]
pub mod support;
pub mod tokens;
pub mod transparency;
pub mod trust;
