//! Brands and their account managers.
