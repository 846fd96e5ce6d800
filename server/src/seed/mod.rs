//! Demo data: three brands at every tier, staff and marketplace accounts, sellers and a
//! marketplace of listings — some of them obvious fakes. Deterministic: the same database
//! every time, so demos and tests can rely on it. `scale` makes the benchmark's data at
//! marketplace size from the same catalogue.

mod catalog;
mod demo;
mod demo_joint_force;
mod demo_notices;
mod demo_sellers;
mod rng;
mod scale;

pub use catalog::{DEMO_LISTINGS, DEMO_PASSWORD, DEMO_USERS, demo_listings};
pub use demo::{
    DEMO_API_TOKEN, DEMO_MARKETPLACE_KEY, print_demo_logins, refuse_real_database, seed_demo,
    seed_demo_if_empty,
};
pub use scale::{seed_marketplace, seed_pending, seed_scale};
