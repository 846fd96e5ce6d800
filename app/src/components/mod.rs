//! Building blocks shared by pages.

pub mod appeal;
pub mod decision;
pub mod form;
pub mod inquiry;
pub mod nav;
pub mod outcome;
pub mod pager;
pub mod pills;
pub mod seller;
pub mod seller_case;
pub mod standings;
pub mod timeline;
pub mod upload;
