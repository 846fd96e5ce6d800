//! Building blocks shared by pages.

pub mod brand_table;
pub mod decision;
pub mod form;
pub mod nav;
pub mod outcome;
pub mod pills;
pub mod upload;
