//! Listings and their statements of reasons.
