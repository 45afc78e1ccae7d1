//! The `Node` interface and the `node`/`nodes` lookups by global ID.

use async_graphql::{Context, Interface, Object, ID};

use crate::error::{AppError, AppResult};
use crate::graphql::context::api;
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::mission::Mission;
use crate::graphql::organization::Organization;
use crate::services;

/// A record with a global ID, fetchable with `node(id:)`.
#[derive(Interface)]
#[graphql(field(name = "id", ty = "ID", desc = "Opaque global ID."))]
pub enum Node {
    Mission(Mission),
    Organization(Organization),
}

#[derive(Default)]
pub struct NodeQuery;

fn not_found() -> AppError {
    AppError::NotFound("no record has this ID".into())
}

async fn load(ctx: &Context<'_>, id: &ID, field: &str) -> AppResult<Node> {
    let db = &api(ctx)?.db;
    // An ID that does not decode is reported like an unknown one: IDs are opaque.
    let (kind, uuid) = ids::decode_any(id.as_str(), field).map_err(|_| not_found())?;
    let node = match kind {
        NodeKind::Mission => services::mission::find(db, uuid)
            .await?
            .map(|m| Node::Mission(Mission(m))),
        NodeKind::Organization => services::organization::find(db, uuid)
            .await?
            .map(|o| Node::Organization(Organization(o))),
        _ => None,
    };
    node.ok_or_else(not_found)
}

#[Object]
impl NodeQuery {
    /// Any record by its global ID. An unknown ID is NOT_FOUND.
    async fn node(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "A global ID.")] id: ID,
    ) -> async_graphql::Result<Node> {
        Ok(load(ctx, &id, "id").await?)
    }

    /// Several records by global ID, in the order asked; an unknown ID gives null at its
    /// position.
    #[graphql(complexity = "ids.len() * child_complexity")]
    async fn nodes(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global IDs (at most the maximum page size).")] ids: Vec<ID>,
    ) -> async_graphql::Result<Vec<Option<Node>>> {
        let max = api(ctx)?.limits.max_page_size as usize;
        if ids.len() > max {
            return Err(AppError::invalid(
                "ids",
                format!(
                    "`ids` must hold at most {max} IDs (the maximum page size); got {}",
                    ids.len()
                ),
            )
            .into());
        }
        let mut out = Vec::with_capacity(ids.len());
        for id in &ids {
            out.push(load(ctx, id, "ids").await.ok());
        }
        Ok(out)
    }
}
