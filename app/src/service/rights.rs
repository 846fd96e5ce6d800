//! Brands' IP rights and their verification.
