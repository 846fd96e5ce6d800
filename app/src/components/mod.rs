//! Building blocks shared by pages.

pub mod brand_table;
pub mod nav;
pub mod outcome;
pub mod pills;
pub mod upload;
pub mod form;
pub mod decision;
