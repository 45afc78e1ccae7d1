//! Reads shared by every table: lookups by id and the base of every list, always through the
//! caller's visibility.

use chrono::NaiveDate;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait,
    Select,
};
use uuid::Uuid;

use super::access::Viewer;
use super::conditions::{active_on, text_matches};
use super::record::Record;
use crate::error::{AppError, AppResult};

/// Options shared by the lists of every table.
#[derive(Debug, Clone, Copy, Default)]
pub struct ListScope {
    /// Include archived records (core records only).
    pub include_archived: bool,
    /// Only records valid on this date (records that hold over a period only).
    pub as_of: Option<NaiveDate>,
}

/// Every visible row of `E`, narrowed by `scope`.
pub fn select<E: Record>(viewer: &Viewer, scope: ListScope) -> Select<E> {
    let mut select = E::find().filter(viewer.visible::<E>());
    if let (false, Some(archived)) = (scope.include_archived, E::ARCHIVED_AT) {
        select = select.filter(archived.is_null());
    }
    if let (Some(date), Some((from, to))) = (scope.as_of, E::VALIDITY) {
        select = select.filter(active_on(from, to, date));
    }
    select
}

/// Every visible row of `E` narrowed by `scope` and, when `search` holds more than blanks, to
/// rows where one of `columns` contains it (trimmed, case-insensitively): the start of every
/// list filter.
pub fn searched<E: Record>(
    viewer: &Viewer,
    scope: ListScope,
    search: Option<&str>,
    columns: &[E::Column],
) -> Select<E> {
    let select = select::<E>(viewer, scope);
    match search.map(str::trim).filter(|text| !text.is_empty()) {
        Some(text) => select.filter(columns.iter().fold(Condition::any(), |any, column| {
            any.add(text_matches(*column, text))
        })),
        None => select,
    }
}

/// One visible row by id (archived rows included: a direct lookup still finds them).
pub async fn find<E: Record, C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    id: Uuid,
) -> AppResult<Option<E::Model>> {
    Ok(E::find()
        .filter(E::ID.eq(id))
        .filter(viewer.visible::<E>())
        .one(db)
        .await?)
}

/// One visible row by id, or NOT_FOUND worded the same whether it is missing or hidden.
pub async fn get<E: Record, C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    id: Uuid,
) -> AppResult<E::Model> {
    find::<E, C>(db, viewer, id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no {} has this ID", E::KIND.noun())))
}

/// Visible rows among `ids`, in no particular order.
pub async fn find_many<E: Record, C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    ids: &[Uuid],
) -> AppResult<Vec<E::Model>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(E::find()
        .filter(E::ID.is_in(ids.iter().copied()))
        .filter(viewer.visible::<E>())
        .all(db)
        .await?)
}

/// Visible, unarchived rows of `E` whose `column` holds one of `keys` (foreign keys, or text
/// keys such as a country code), valid on `as_of` when given; ordered by id. The batched read
/// behind every relation field: one statement whatever the number of parents.
pub async fn children_of<E: Record, C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    column: E::Column,
    keys: Vec<sea_orm::Value>,
    as_of: Option<NaiveDate>,
) -> AppResult<Vec<E::Model>> {
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    let scope = ListScope {
        include_archived: false,
        as_of,
    };
    Ok(select::<E>(viewer, scope)
        .filter(column.is_in(keys))
        .order_by_asc(E::ID)
        .all(db)
        .await?)
}

/// Rows whose `column` names `id`, a record of `T` the caller may see. Every filter by the id of
/// another record goes through it: a filter naming a record the caller may not see selects
/// nothing, exactly as one naming an unknown id does (the subquery is a lookup by primary key).
pub fn refers_to<T: Record>(viewer: &Viewer, column: impl ColumnTrait, id: Uuid) -> Condition {
    let visible = T::find()
        .select_only()
        .column(T::ID)
        .filter(T::ID.eq(id))
        .filter(viewer.visible::<T>())
        .into_query();
    Condition::all()
        .add(column.eq(id))
        .add(column.in_subquery(visible))
}

/// `id` when it names a record of `T` the caller may see, otherwise `None`; for arguments that
/// filter rows already loaded, so a hidden record's id answers as an unknown one.
pub async fn visible_id<T: Record, C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    id: Uuid,
) -> AppResult<Option<Uuid>> {
    Ok(find::<T, C>(db, viewer, id).await?.map(|_| id))
}
