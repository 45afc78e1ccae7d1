//! Inputs shared by the mutations of every domain area.

use async_graphql::{InputObject, MaybeUndefined, ID};

use super::ids::{self, NodeKind};
use super::scalars::Date;

/// Archive a core record. It keeps its history and can still be fetched by ID, but leaves
/// default lists.
#[derive(InputObject)]
pub struct ArchiveInput {
    /// The record's global ID.
    pub id: ID,
    /// The version the client read; a stale version is refused with CONFLICT.
    pub version: i32,
}

/// End a relationship on a date: it no longer holds from `on`. Nothing is deleted.
#[derive(InputObject)]
pub struct EndInput {
    /// The relationship's global ID.
    pub id: ID,
    /// The version the client read; a stale version is refused with CONFLICT.
    pub version: i32,
    /// The first day on which the relationship no longer holds.
    pub on: Date,
}

/// `MaybeUndefined` as the services take it: `None` keeps, `Some(None)` clears.
pub fn patch<T, U>(value: MaybeUndefined<T>, f: impl FnOnce(T) -> U) -> Option<Option<U>> {
    match value {
        MaybeUndefined::Undefined => None,
        MaybeUndefined::Null => Some(None),
        MaybeUndefined::Value(v) => Some(Some(f(v))),
    }
}

/// Like [`patch`] for a global ID that must decode.
pub fn patch_id(
    value: MaybeUndefined<ID>,
    kind: NodeKind,
    field: &str,
) -> async_graphql::Result<Option<Option<uuid::Uuid>>> {
    Ok(match value {
        MaybeUndefined::Undefined => None,
        MaybeUndefined::Null => Some(None),
        MaybeUndefined::Value(id) => Some(Some(ids::decode(&id, kind, field)?)),
    })
}

/// Runs `archiveX(input:)` for any core record type.
pub async fn archive<E>(
    ctx: &async_graphql::Context<'_>,
    input: ArchiveInput,
) -> async_graphql::Result<E::Model>
where
    E: crate::services::record::Record,
    E::ActiveModel: sea_orm::ActiveModelTrait<Entity = E> + sea_orm::ActiveModelBehavior + Send,
{
    use crate::graphql::context::{api, viewer};
    use crate::services::write;
    let id = ids::decode(&input.id, E::KIND, "input.id")?;
    let viewer = viewer(ctx)?.clone();
    let version = input.version;
    let archived = write::in_transaction(&api(ctx)?.db, move |tx| {
        Box::pin(async move { write::archive::<E, _>(tx, &viewer, id, version).await })
    })
    .await?;
    Ok(archived)
}
