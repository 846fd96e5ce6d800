//! The account managers' review queue and decisions.
