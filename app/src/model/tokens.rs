//! Brand API tokens as the token page shows them.

use serde::{Deserialize, Serialize};

use crate::domain::api_token::Scope;

/// One of a brand's API tokens (never its secret).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiTokenView {
    /// Token id.
    pub id: i64,
    /// What it is for.
    pub name: String,
    /// The secret's first characters, to tell tokens apart.
    pub prefix: String,
    /// What it may do.
    pub scopes: Vec<Scope>,
    /// The staff member who made it, whom it acts as.
    pub created_by: String,
    /// When it was made (epoch milliseconds).
    pub created_at: i64,
    /// When it stops working, if ever.
    pub expires_at: Option<i64>,
    /// When it was last used, if ever.
    pub last_used_at: Option<i64>,
    /// When it was revoked, if it was.
    pub revoked_at: Option<i64>,
}

/// A token just made: its secret, shown this once, and the token as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewApiToken {
    /// The secret to send as `Authorization: Bearer …`. Not stored; not shown again.
    pub secret: String,
    /// The token as the list shows it.
    pub token: ApiTokenView,
}
