//! Keyset (cursor) pagination shared by every list.
//!
//! A page is ordered by one sort column plus the primary key as tie-breaker, so cursors stay
//! stable while rows are added or archived between requests (no offsets). A cursor is opaque to
//! clients: base64 of the ordering it belongs to, the sort value and the id of the row it points at.
//! A cursor made for one ordering is refused by another.

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine as _};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ConnectionTrait, EntityTrait, FromQueryResult, ModelTrait, PaginatorTrait, Select, Value,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::{AppError, AppResult};
use crate::services::access::Viewer;
use crate::services::record::Record;
use entity::enums::Sensitivity;

/// A list of records a caller asks for: each area's filter says which rows it selects. The
/// statement is built and run here, through the caller's visibility, so what leaves the
/// services is a page of models or a count, never a half-built statement.
pub trait Listing: Clone + Send + Sync + 'static {
    type Entity: Record;

    /// The rows of the list the caller may see.
    fn select(&self, viewer: &Viewer) -> Select<Self::Entity>;
}

/// A listing narrowed to the sensitivities a client asked for (visibility has already removed
/// what the caller may not see); `None` or an empty list keeps every level.
#[derive(Debug, Clone)]
pub struct Narrowed<L> {
    pub listing: L,
    pub sensitivities: Option<Vec<Sensitivity>>,
}

impl<L: Listing> Listing for Narrowed<L> {
    type Entity = L::Entity;

    fn select(&self, viewer: &Viewer) -> Select<Self::Entity> {
        use sea_orm::{ColumnTrait, QueryFilter};
        let select = self.listing.select(viewer);
        match &self.sensitivities {
            Some(levels) if !levels.is_empty() => {
                select.filter(<Self::Entity as Record>::SENSITIVITY.is_in(levels.clone()))
            }
            _ => select,
        }
    }
}

/// One page of `listing` as `viewer` may see it, in `ordering`.
pub async fn page<L: Listing, C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    listing: &L,
    ordering: Ordering<<L::Entity as EntityTrait>::Column>,
    request: &PageRequest,
) -> AppResult<Page<<L::Entity as EntityTrait>::Model>> {
    fetch_page(
        db,
        listing.select(viewer),
        ordering,
        <L::Entity as Record>::ID,
        request,
    )
    .await
}

/// How many rows `listing` holds for `viewer` (the whole list, ignoring paging).
pub async fn count<L: Listing, C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    listing: &L,
) -> AppResult<u64> {
    Ok(listing.select(viewer).count(db).await?)
}

/// What the client asked for: Relay's `first/after/last/before`, already bounds-checked.
#[derive(Debug, Clone, Default)]
pub struct PageArgs {
    pub first: Option<i32>,
    pub after: Option<String>,
    pub last: Option<i32>,
    pub before: Option<String>,
}

/// A validated page request.
#[derive(Debug, Clone)]
pub struct PageRequest {
    limit: u64,
    backward: bool,
    after: Option<CursorKey>,
    before: Option<CursorKey>,
}

/// The value a page is sorted by, as carried in a cursor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SortValue {
    Text(String),
    Date(NaiveDate),
    Time(DateTime<Utc>),
}

impl SortValue {
    fn from_value(value: Value) -> Option<Self> {
        match value {
            Value::String(Some(s)) => Some(Self::Text(s)),
            Value::ChronoDate(Some(d)) => Some(Self::Date(d)),
            Value::ChronoDateTimeUtc(Some(t)) => Some(Self::Time(t)),
            _ => None,
        }
    }

    fn into_value(self) -> Value {
        match self {
            Self::Text(s) => s.into(),
            Self::Date(d) => d.into(),
            Self::Time(t) => t.into(),
        }
    }
}

/// The decoded content of a cursor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CursorKey {
    /// The ordering the cursor was made for, e.g. `NAME_ASC`.
    o: String,
    v: SortValue,
    id: Uuid,
}

impl CursorKey {
    pub fn encode(&self) -> String {
        // Serialising a plain struct of strings, dates and a UUID cannot fail.
        let json = serde_json::to_vec(self).unwrap_or_default();
        URL_SAFE_NO_PAD.encode(json)
    }

    fn decode(raw: &str, field: &str, ordering: &str) -> AppResult<Self> {
        let invalid = || AppError::invalid(field, format!("`{field}` is not a valid cursor"));
        let bytes = URL_SAFE_NO_PAD.decode(raw).map_err(|_| invalid())?;
        let key: Self = serde_json::from_slice(&bytes).map_err(|_| invalid())?;
        if key.o != ordering {
            return Err(AppError::invalid(
                field,
                format!(
                    "`{field}` is a cursor for ordering {}, not {ordering}; restart paging from the first page",
                    key.o
                ),
            ));
        }
        Ok(key)
    }
}

/// The ordering of a list: a sort column, its direction and a stable name for cursors.
#[derive(Debug, Clone, Copy)]
pub struct Ordering<C> {
    pub name: &'static str,
    pub column: C,
    pub descending: bool,
}

impl PageRequest {
    /// Checks Relay arguments against the configured maximum page size.
    pub fn parse(
        args: &PageArgs,
        ordering: &str,
        default_size: u32,
        max_size: u32,
    ) -> AppResult<Self> {
        let check = |field: &str, value: i32| -> AppResult<u64> {
            if value < 0 {
                return Err(AppError::invalid(
                    field,
                    format!("`{field}` must not be negative"),
                ));
            }
            if value as u32 > max_size {
                return Err(AppError::invalid(
                    field,
                    format!(
                        "`{field}` must be at most {max_size} (the maximum page size); got {value}"
                    ),
                ));
            }
            Ok(value as u64)
        };
        let (limit, backward) = match (args.first, args.last) {
            (Some(_), Some(_)) => {
                return Err(AppError::bad_input(
                    "pass either `first` or `last`, not both",
                ))
            }
            (Some(first), None) => (check("first", first)?, false),
            (None, Some(last)) => (check("last", last)?, true),
            (None, None) => (
                u64::from(default_size.min(max_size)),
                args.before.is_some() && args.after.is_none(),
            ),
        };
        let after = args
            .after
            .as_deref()
            .map(|c| CursorKey::decode(c, "after", ordering))
            .transpose()?;
        let before = args
            .before
            .as_deref()
            .map(|c| CursorKey::decode(c, "before", ordering))
            .transpose()?;
        Ok(Self {
            limit,
            backward,
            after,
            before,
        })
    }
}

/// One page of rows with the cursor of each.
#[derive(Debug, Clone)]
pub struct Page<M> {
    pub items: Vec<(String, M)>,
    pub has_next_page: bool,
    pub has_previous_page: bool,
}

impl<M> Page<M> {
    pub fn map<N>(self, f: impl Fn(M) -> N) -> Page<N> {
        Page {
            items: self.items.into_iter().map(|(c, m)| (c, f(m))).collect(),
            has_next_page: self.has_next_page,
            has_previous_page: self.has_previous_page,
        }
    }
}

/// Fetches one page of `select` in `ordering`, tie-broken by `id_column`.
async fn fetch_page<E, C>(
    db: &C,
    select: Select<E>,
    ordering: Ordering<E::Column>,
    id_column: E::Column,
    request: &PageRequest,
) -> AppResult<Page<E::Model>>
where
    E: EntityTrait,
    E::Model: FromQueryResult + ModelTrait<Entity = E> + Sync,
    C: ConnectionTrait,
{
    if request.limit == 0 {
        return Ok(Page {
            items: Vec::new(),
            has_next_page: false,
            has_previous_page: false,
        });
    }
    let mut cursor = select.cursor_by((ordering.column, id_column));
    if ordering.descending {
        cursor.desc();
    }
    if let Some(after) = &request.after {
        cursor.after((after.v.clone().into_value(), after.id));
    }
    if let Some(before) = &request.before {
        cursor.before((before.v.clone().into_value(), before.id));
    }
    let probe = request.limit + 1;
    if request.backward {
        cursor.last(probe);
    } else {
        cursor.first(probe);
    }
    let mut rows = cursor.all(db).await?;
    let more = rows.len() as u64 > request.limit;
    if more {
        if request.backward {
            rows.remove(0);
        } else {
            rows.pop();
        }
    }
    let items = rows
        .into_iter()
        .map(|model| {
            let v = SortValue::from_value(model.get(ordering.column)).ok_or_else(|| {
                AppError::internal(anyhow::anyhow!(
                    "sort column of ordering {} holds a value cursors cannot carry",
                    ordering.name
                ))
            })?;
            let id = match model.get(id_column) {
                Value::Uuid(Some(id)) => id,
                other => {
                    return Err(AppError::internal(anyhow::anyhow!(
                        "id column holds {other:?}, not a UUID"
                    )))
                }
            };
            let key = CursorKey {
                o: ordering.name.to_owned(),
                v,
                id,
            };
            Ok((key.encode(), model))
        })
        .collect::<AppResult<Vec<_>>>()?;
    let (has_next_page, has_previous_page) = if request.backward {
        (request.before.is_some(), more)
    } else {
        (more, request.after.is_some())
    };
    Ok(Page {
        items,
        has_next_page,
        has_previous_page,
    })
}

/// One page of rows already loaded, as [`page`] pages a statement's rows: for a relation read
/// in one batch for many parents and paged per parent. `key` gives each row its place in
/// `ordering` (rows sort by it, then by id), so a cursor stays valid while rows are added or
/// removed between requests, as a keyset cursor does.
pub fn page_loaded<M>(
    rows: Vec<M>,
    ordering: &'static str,
    key: impl Fn(&M) -> (String, Uuid),
    request: &PageRequest,
) -> AppResult<Page<M>> {
    let bound = |cursor: &Option<CursorKey>, field: &str| -> AppResult<Option<(String, Uuid)>> {
        match cursor {
            None => Ok(None),
            Some(CursorKey {
                v: SortValue::Text(v),
                id,
                ..
            }) => Ok(Some((v.clone(), *id))),
            Some(_) => Err(AppError::invalid(
                field,
                format!("`{field}` is not a valid cursor"),
            )),
        }
    };
    let after = bound(&request.after, "after")?;
    let before = bound(&request.before, "before")?;
    let mut keyed: Vec<((String, Uuid), M)> = rows
        .into_iter()
        .map(|row| (key(&row), row))
        .filter(|(k, _)| after.as_ref().is_none_or(|a| k > a))
        .filter(|(k, _)| before.as_ref().is_none_or(|b| k < b))
        .collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    let limit = usize::try_from(request.limit).unwrap_or(usize::MAX);
    let more = keyed.len() > limit;
    if request.backward {
        keyed.drain(..keyed.len().saturating_sub(limit));
    } else {
        keyed.truncate(limit);
    }
    let items = keyed
        .into_iter()
        .map(|((v, id), row)| {
            let cursor = CursorKey {
                o: ordering.to_owned(),
                v: SortValue::Text(v),
                id,
            };
            (cursor.encode(), row)
        })
        .collect();
    let (has_next_page, has_previous_page) = if request.backward {
        (request.before.is_some(), more && limit > 0)
    } else {
        (more && limit > 0, request.after.is_some())
    };
    Ok(Page {
        items,
        has_next_page,
        has_previous_page,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(first: Option<i32>, last: Option<i32>) -> PageArgs {
        PageArgs {
            first,
            last,
            ..PageArgs::default()
        }
    }

    #[test]
    fn page_size_limit_is_stated_in_the_error() {
        let err = PageRequest::parse(&args(Some(101), None), "NAME_ASC", 50, 100).unwrap_err();
        assert_eq!(
            err.message(),
            "`first` must be at most 100 (the maximum page size); got 101"
        );
    }

    #[test]
    fn negative_and_double_sided_requests_are_refused() {
        let neg = PageRequest::parse(&args(None, Some(-1)), "NAME_ASC", 50, 100).unwrap_err();
        assert_eq!(neg.message(), "`last` must not be negative");
        let both = PageRequest::parse(&args(Some(1), Some(1)), "NAME_ASC", 50, 100).unwrap_err();
        assert_eq!(both.message(), "pass either `first` or `last`, not both");
    }

    #[test]
    fn cursors_round_trip_and_belong_to_their_ordering() {
        let key = CursorKey {
            o: "NAME_ASC".into(),
            v: SortValue::Text("MONUSCO".into()),
            id: Uuid::now_v7(),
        };
        let encoded = key.encode();
        assert_eq!(
            CursorKey::decode(&encoded, "after", "NAME_ASC").unwrap(),
            key
        );
        let err = CursorKey::decode(&encoded, "after", "VALID_FROM_DESC").unwrap_err();
        assert!(err
            .message()
            .contains("cursor for ordering NAME_ASC, not VALID_FROM_DESC"));
        let garbage = CursorKey::decode("!!not-base64!!", "before", "NAME_ASC").unwrap_err();
        assert_eq!(garbage.message(), "`before` is not a valid cursor");
    }

    fn loaded(first: Option<i32>, after: Option<String>) -> PageRequest {
        let args = PageArgs {
            first,
            after,
            ..PageArgs::default()
        };
        PageRequest::parse(&args, "KEY", 50, 100).unwrap()
    }

    fn rows() -> Vec<(String, Uuid)> {
        ["c", "a", "d", "b", "e"]
            .iter()
            .enumerate()
            .map(|(i, k)| (k.to_string(), Uuid::from_u128(i as u128 + 1)))
            .collect()
    }

    #[test]
    fn loaded_rows_page_in_key_order_and_resume_after_a_cursor() {
        let key = |r: &(String, Uuid)| r.clone();
        let first = page_loaded(rows(), "KEY", key, &loaded(Some(2), None)).unwrap();
        let keys = |p: &Page<(String, Uuid)>| -> Vec<String> {
            p.items.iter().map(|(_, r)| r.0.clone()).collect()
        };
        assert_eq!(keys(&first), ["a", "b"]);
        assert!(first.has_next_page && !first.has_previous_page);
        let cursor = first.items[1].0.clone();
        // The row the cursor points at is gone: the next page still starts after it.
        let without_b: Vec<_> = rows().into_iter().filter(|r| r.0 != "b").collect();
        let next = page_loaded(without_b, "KEY", key, &loaded(Some(2), Some(cursor))).unwrap();
        assert_eq!(keys(&next), ["c", "d"]);
        assert!(next.has_next_page && next.has_previous_page);
        let last = page_loaded(rows(), "KEY", key, &loaded(Some(5), None)).unwrap();
        assert_eq!(keys(&last), ["a", "b", "c", "d", "e"]);
        assert!(!last.has_next_page);
        let backward = PageArgs {
            last: Some(2),
            ..PageArgs::default()
        };
        let request = PageRequest::parse(&backward, "KEY", 50, 100).unwrap();
        let tail = page_loaded(rows(), "KEY", key, &request).unwrap();
        assert_eq!(keys(&tail), ["d", "e"]);
        assert!(tail.has_previous_page && !tail.has_next_page);
    }
}
