//! View models: the plain, serialisable data that server functions hand to pages.
//!
//! One file per area; everything is re-exported here, so every type is `crate::model::Name`
//! whichever file holds it.

mod account;
mod appeals;
mod audit;
mod common;
mod integration;
mod joint_force;
mod mail;
mod policy;
mod reports;
mod review;
mod tokens;
mod transparency;
mod trust;

pub use self::account::*;
pub use self::appeals::*;
pub use self::audit::*;
pub use self::common::*;
pub use self::integration::*;
pub use self::joint_force::*;
pub use self::mail::*;
pub use self::policy::*;
pub use self::reports::*;
pub use self::review::*;
pub use self::tokens::*;
pub use self::transparency::*;
pub use self::trust::*;
