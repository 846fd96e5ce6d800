//! One file per page.

pub mod admin;
pub mod brand;
pub mod home;
pub mod listing;
pub mod login;
pub mod manager;
pub mod not_found;
pub mod seller;
