//! The `Node` interface and the `node`/`nodes` lookups by global ID.

use async_graphql::{Context, Interface, Object, ID};

use crate::error::{AppError, AppResult};
use crate::graphql::context::{api, request, viewer};
use crate::graphql::ids::{self, NodeKind};
// The record types, each named after its kind in the registry.
use crate::graphql::{cluster::*, decision::*, document::*, forum::*};
use crate::graphql::{mission::*, organization::*, structure::*};
use crate::services::crud;

/// The `Node` interface over the record type of every kind of the registry.
macro_rules! node_interface {
    (() $($module:ident $kind:ident $table:ident { $($column:tt)* })*) => {
        /// A record with a global ID, fetchable with `node(id:)`.
        #[derive(Interface)]
        #[graphql(field(name = "id", ty = "ID", desc = "Opaque global ID."))]
        pub enum Node {
            $($kind($kind)),*
        }
    };
}
entity::for_each_record!(node_interface);

#[derive(Default)]
pub struct NodeQuery;

fn not_found() -> AppError {
    AppError::NotFound("no record has this ID".into())
}

/// Loads the record a global ID names, if the caller may see it.
pub async fn load(ctx: &Context<'_>, id: &ID) -> AppResult<Node> {
    let db = &api(ctx)?.db;
    let viewer = viewer(ctx)?;
    let state = request(ctx)?;
    // An ID that does not decode is reported like an unknown one: IDs are opaque, and a hidden
    // record must be indistinguishable from a missing one.
    let (kind, uuid) = ids::decode_any(id.as_str(), "id").map_err(|_| not_found())?;
    // A record type wraps its row; a mission also carries the date it is read on.
    macro_rules! wrap {
        (Mission, $row:expr) => {
            Mission::from($row)
        };
        ($kind:ident, $row:expr) => {
            $kind($row)
        };
    }
    macro_rules! fetch {
        (() $($module:ident $kind:ident $table:ident { $($column:tt)* })*) => {
            match kind {
                $(NodeKind::$kind => crud::find::<entity::$module::Entity, _>(db, viewer, uuid)
                    .await?
                    .map(|m| {
                        state.note_reads(NodeKind::$kind, std::slice::from_ref(&m));
                        Node::$kind(wrap!($kind, m))
                    }),)*
            }
        };
    }
    let node = entity::for_each_record!(fetch);
    node.ok_or_else(not_found)
}

#[Object]
impl NodeQuery {
    /// Any record by its global ID. An unknown ID, and the ID of a record the caller may not
    /// see, are both NOT_FOUND.
    async fn node(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "A global ID.")] id: ID,
    ) -> async_graphql::Result<Node> {
        Ok(load(ctx, &id).await?)
    }

    /// Several records by global ID, in the order asked; an unknown ID gives null at its
    /// position.
    #[graphql(complexity = "crate::graphql::cost::list(ids.len(), child_complexity)")]
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
            out.push(load(ctx, id).await.ok());
        }
        Ok(out)
    }
}
