//! What every resolver can reach: the database and the configured limits.

use async_graphql::Context;
use sea_orm::DatabaseConnection;

use crate::config::GraphqlSettings;
use crate::error::{AppError, AppResult};

/// Shared state handed to the schema once, at build time.
#[derive(Debug, Clone)]
pub struct ApiContext {
    pub db: DatabaseConnection,
    pub limits: GraphqlSettings,
}

/// The shared state of the schema.
pub fn api<'a>(ctx: &Context<'a>) -> AppResult<&'a ApiContext> {
    ctx.data::<ApiContext>().map_err(|e| {
        AppError::internal(anyhow::anyhow!(
            "schema built without its context: {}",
            e.message
        ))
    })
}
