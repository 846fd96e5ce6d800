//! The HTTP tests, through the real router. One test binary rather than one per file: each
//! binary links the whole server (and the whole of Leptos), so four of them cost four links
//! and four copies on disk for nothing.

#[macro_use]
mod support;

mod accounts;
mod api;
mod appeals;
mod audit_log;
mod brakes;
mod brand_admin;
mod brand_exports;
mod crash;
mod figures;
mod files;
mod hardening;
mod ingest;
mod instances;
mod integration;
mod invitations;
mod joint_force;
mod notice_matrix;
mod notices;
mod notifications;
mod people;
mod policy;
mod sessions;
mod transparency;
