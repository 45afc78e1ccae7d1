//! Relay connections built from service pages.

use std::sync::Arc;

use async_graphql::connection::{Connection, Edge, EmptyFields};
use async_graphql::{Object, OutputType};
use futures_util::future::BoxFuture;

use async_graphql::Context;
use sea_orm::EntityTrait;

use super::context::{api, request, viewer};
use crate::error::AppResult;
use crate::services::pagination::{self, Listing, Narrowed, Ordering, Page, PageArgs, PageRequest};
use crate::services::record::Record;

type CountFn = dyn Fn() -> BoxFuture<'static, AppResult<u64>> + Send + Sync;

/// Lazily computed size of the whole filtered list: the count query runs only when a client
/// selects `totalCount`.
pub struct TotalCount(Arc<CountFn>);

impl TotalCount {
    pub fn new<F>(count: F) -> Self
    where
        F: Fn() -> BoxFuture<'static, AppResult<u64>> + Send + Sync + 'static,
    {
        Self(Arc::new(count))
    }
}

#[Object]
impl TotalCount {
    /// The number of items in the whole list (all pages), after filters.
    async fn total_count(&self) -> async_graphql::Result<i32> {
        let n = (self.0)().await?;
        Ok(i32::try_from(n).unwrap_or(i32::MAX))
    }
}

/// A page of `T` as a Relay connection with `totalCount`.
pub type CountedConnection<T> = Connection<String, T, TotalCount, EmptyFields>;

/// Wraps a service page into a connection.
pub fn connection<T: OutputType>(page: Page<T>, total: TotalCount) -> CountedConnection<T> {
    let mut conn =
        Connection::with_additional_fields(page.has_previous_page, page.has_next_page, total);
    conn.edges.extend(
        page.items
            .into_iter()
            .map(|(cursor, node)| Edge::new(cursor, node)),
    );
    conn
}

/// Relay arguments as the services take them.
pub fn page_args(
    first: Option<i32>,
    after: Option<String>,
    last: Option<i32>,
    before: Option<String>,
) -> PageArgs {
    PageArgs {
        first,
        after,
        last,
        before,
    }
}

/// Default page size when a client gives neither `first` nor `last`.
pub const DEFAULT_PAGE_SIZE: u32 = 50;

/// One page of `listing` in `ordering` as a connection whose `totalCount` counts the whole
/// list (lazily), both read by the services as the caller may see them. Every root list goes
/// through here.
pub async fn paginate<L, T>(
    ctx: &Context<'_>,
    args: PageArgs,
    listing: L,
    ordering: Ordering<<L::Entity as EntityTrait>::Column>,
    wrap: fn(<L::Entity as EntityTrait>::Model) -> T,
) -> async_graphql::Result<CountedConnection<T>>
where
    L: Listing,
    T: OutputType,
{
    let api = api(ctx)?;
    let viewer = viewer(ctx)?;
    let max = api.limits.max_page_size;
    let page_request = PageRequest::parse(&args, ordering.name, DEFAULT_PAGE_SIZE.min(max), max)?;
    let page = pagination::page(&api.db, viewer, &listing, ordering, &page_request).await?;
    request(ctx)?.note_reads(
        <L::Entity as Record>::KIND,
        page.items.iter().map(|(_, m)| m),
    );
    let db = api.db.clone();
    let viewer = viewer.clone();
    let total = TotalCount::new(move || {
        let (db, viewer, listing) = (db.clone(), viewer.clone(), listing.clone());
        Box::pin(async move { pagination::count(&db, &viewer, &listing).await })
    });
    Ok(connection(page.map(wrap), total))
}

/// One page of rows already loaded (a record's relation, read in one batch for every parent)
/// as a connection whose `totalCount` is their number: `key` places each row in `ordering`
/// (see [`pagination::page_loaded`]). Paged with the same arguments, limits and errors as
/// [`paginate`].
pub fn paginate_loaded<M, T: OutputType>(
    ctx: &Context<'_>,
    args: PageArgs,
    rows: Vec<M>,
    ordering: &'static str,
    key: impl Fn(&M) -> (String, uuid::Uuid),
    wrap: impl Fn(M) -> T,
) -> async_graphql::Result<CountedConnection<T>> {
    let max = api(ctx)?.limits.max_page_size;
    let page_request = PageRequest::parse(&args, ordering, DEFAULT_PAGE_SIZE.min(max), max)?;
    let total = rows.len() as u64;
    let page = pagination::page_loaded(rows, ordering, key, &page_request)?;
    let total = TotalCount::new(move || Box::pin(async move { Ok(total) }));
    Ok(connection(page.map(wrap), total))
}

/// `listing` narrowed to the sensitivities a client asked for in its filter.
pub fn narrowed<L: Listing>(
    listing: L,
    sensitivities: Option<Vec<crate::graphql::enums::Sensitivity>>,
) -> Narrowed<L> {
    Narrowed {
        listing,
        sensitivities: sensitivities.map(|levels| levels.into_iter().map(Into::into).collect()),
    }
}
