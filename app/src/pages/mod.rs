//! One file per page.

pub mod account;
pub mod admin;
pub mod api_tokens;
pub mod appeals;
pub mod audit_log;
pub mod brand;
pub mod find_listings;
pub mod home;
pub mod inquiry_inbox;
pub mod integration;
pub mod listing;
pub mod login;
pub mod manager;
pub mod market;
pub mod new_brand;
pub mod not_found;
pub mod people;
pub mod queue;
pub mod report_detail;
pub mod report_form;
pub mod reports;
pub mod rights;
pub mod seller;
pub mod suspicion_lists;
