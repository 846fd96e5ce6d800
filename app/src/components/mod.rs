//! Building blocks shared by pages.

pub mod appeal;
pub mod async_list;
pub mod attention;
pub mod bars;
pub mod credentials;
pub mod decision;
pub mod deferred;
pub mod form;
pub mod inquiry;
pub mod invite;
pub mod nav;
pub mod outcome;
pub mod pager;
pub mod password;
pub mod period;
pub mod person_status;
pub mod pills;
pub mod seller;
pub mod seller_case;
pub mod standings;
pub mod statement;
pub mod table;
pub mod timeline;
pub mod upload;
