//! Relation fields in one line each: load through the request's DataLoaders.

use std::cmp::Ordering;

use async_graphql::Context;
use chrono::NaiveDate;
use sea_orm::IdenStatic;
use uuid::Uuid;

use super::context::request;
use super::loaders::{ChildKey, ParentKey};
use super::record_object::RecordObject;
use crate::services::record::{Record, RecordModel};

/// The row `id` points at, if it exists and the caller may see it.
pub async fn one<E: Record>(
    ctx: &Context<'_>,
    id: Option<Uuid>,
) -> async_graphql::Result<Option<E::Model>> {
    let Some(id) = id else { return Ok(None) };
    let state = request(ctx)?;
    let row = state.loaders.by_id::<E>().load_one(id).await?;
    if let Some(row) = &row {
        state.note_reads(E::KIND, std::slice::from_ref(row));
    }
    Ok(row)
}

/// The record of GraphQL type `T` that `id` points at (a required or an optional column), if it
/// exists and the caller may see it.
pub async fn one_as<T: RecordObject>(
    ctx: &Context<'_>,
    id: impl Into<Option<Uuid>>,
) -> async_graphql::Result<Option<T>> {
    Ok(one::<T::Entity>(ctx, id.into()).await?.map(T::from))
}

/// The rows of `E` whose `column` points at `parent`, valid on `as_of` when given (unarchived).
pub async fn many<E: Record>(
    ctx: &Context<'_>,
    column: E::Column,
    parent: Uuid,
    as_of: Option<NaiveDate>,
) -> async_graphql::Result<Vec<E::Model>> {
    by_key::<E>(ctx, column, ParentKey::Id(parent), as_of).await
}

/// The rows of `E` whose `column` equals `key` (a foreign key or a text key).
pub async fn by_key<E: Record>(
    ctx: &Context<'_>,
    column: E::Column,
    key: ParentKey,
    as_of: Option<NaiveDate>,
) -> async_graphql::Result<Vec<E::Model>> {
    let key = ChildKey {
        column: column.as_str(),
        parent: key,
        as_of,
    };
    let state = request(ctx)?;
    let rows = state
        .loaders
        .by_parent::<E>()
        .load_one(key)
        .await?
        .unwrap_or_default();
    state.note_reads(E::KIND, &rows);
    Ok(rows)
}

/// The rows of `E` whose `column` points at one of `parents`, valid on `as_of` when given, in
/// one batched load for them all; ordered by id.
pub async fn many_of<E: Record>(
    ctx: &Context<'_>,
    column: E::Column,
    parents: impl IntoIterator<Item = Uuid>,
    as_of: Option<NaiveDate>,
) -> async_graphql::Result<Vec<E::Model>> {
    let keys: Vec<ChildKey> = parents
        .into_iter()
        .map(|parent| ChildKey {
            column: column.as_str(),
            parent: ParentKey::Id(parent),
            as_of,
        })
        .collect();
    let rows = request(ctx)?
        .loaders
        .by_parent::<E>()
        .load_many(keys)
        .await?
        .into_values()
        .flatten();
    noted::<E>(ctx, rows)
}

/// The rows of `E` with these ids that exist and the caller may see, in one batched load;
/// ordered by id.
pub async fn by_ids<E: Record>(
    ctx: &Context<'_>,
    ids: impl IntoIterator<Item = Uuid>,
) -> async_graphql::Result<Vec<E::Model>> {
    let rows = request(ctx)?
        .loaders
        .by_id::<E>()
        .load_many(ids)
        .await?
        .into_values();
    noted::<E>(ctx, rows)
}

/// Rows loaded in one batch, ordered by id, their sensitive reads noted for the audit log.
fn noted<E: Record>(
    ctx: &Context<'_>,
    rows: impl IntoIterator<Item = E::Model>,
) -> async_graphql::Result<Vec<E::Model>> {
    let mut rows: Vec<E::Model> = rows.into_iter().collect();
    rows.sort_by_key(|row| row.id());
    request(ctx)?.note_reads(E::KIND, &rows);
    Ok(rows)
}

/// Loaded rows in the order `compare` gives (a stable sort: ties keep their loaded order).
pub fn sorted<M>(mut rows: Vec<M>, compare: impl FnMut(&M, &M) -> Ordering) -> Vec<M> {
    rows.sort_by(compare);
    rows
}

/// Wraps loaded rows into their GraphQL type.
pub fn wrap<M, T>(rows: Vec<M>, f: impl Fn(M) -> T) -> Vec<T> {
    rows.into_iter().map(f).collect()
}
