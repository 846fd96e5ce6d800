//! Brand API tokens: the token page's list, create and revoke.

use leptos::prelude::*;
use server_fn::codec::Json;

use crate::error::AppError;
use crate::model::{ApiTokenView, NewApiToken};
use crate::wire::Wire;

/// A brand's API tokens, newest first (its own staff).
#[server(prefix = "/api", endpoint = "tokens/list_api_tokens", output = Wire)]
pub async fn list_api_tokens(
    /// The brand (must be the caller's own).
    brand_id: i64,
) -> Result<Vec<ApiTokenView>, AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::tokens::list_tokens(&ctx, &caller, brand_id).await
    })
    .await
}

/// Makes an API token for the caller's brand, acting as the caller; the answer holds the
/// secret, shown once.
#[server(prefix = "/api", endpoint = "tokens/create_api_token", input = Json, output = Wire)]
pub async fn create_api_token(
    /// The brand (must be the caller's own).
    brand_id: i64,
    /// What the token is for.
    name: String,
    /// Scope names, e.g. `reports:write`.
    #[server(default)]
    scopes: Vec<String>,
    /// Expiry date (`YYYY-MM-DD`), or empty for none.
    #[server(default)]
    expires_on: String,
) -> Result<NewApiToken, AppError> {
    use crate::api::support::{boundary, door};
    use crate::domain::api_token::TokenForm;
    boundary(async move {
        let (ctx, caller) = door().await?;
        let form = TokenForm {
            name: &name,
            scopes: &scopes,
            expires_on: &expires_on,
        };
        crate::service::tokens::create_token(&ctx, &caller, brand_id, &form).await
    })
    .await
}

/// Revokes one of the caller's brand's API tokens; it stops working at once.
#[server(prefix = "/api", endpoint = "tokens/revoke_api_token", output = Wire)]
pub async fn revoke_api_token(
    /// The brand (must be the caller's own).
    brand_id: i64,
    /// The token.
    token_id: i64,
) -> Result<(), AppError> {
    use crate::api::support::{boundary, door};
    boundary(async move {
        let (ctx, caller) = door().await?;
        crate::service::tokens::revoke_token(&ctx, &caller, brand_id, token_id).await
    })
    .await
}
