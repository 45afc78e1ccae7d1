//! Root queries over missions.

use async_graphql::{Context, Object, ID};

use super::types::{Mission, MissionFilter, MissionOrder};
use crate::error::AppError;
use crate::graphql::connection::{connection, page_args, CountedConnection, TotalCount};
use crate::graphql::context::api;
use crate::graphql::ids::{self, NodeKind};
use crate::services::mission as service;
use crate::services::pagination::PageRequest;

#[derive(Default)]
pub struct MissionQuery;

#[Object]
impl MissionQuery {
    /// Missions, as a Relay connection. Closed missions are listed too; use
    /// `filter.activeOn` for the missions running on a date.
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "first.or(last).unwrap_or(50).max(0) as usize * child_complexity + 1")]
    async fn missions(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Return the first n missions after `after`.")] first: Option<i32>,
        #[graphql(desc = "Cursor: start after this edge.")] after: Option<String>,
        #[graphql(desc = "Return the last n missions before `before`.")] last: Option<i32>,
        #[graphql(desc = "Cursor: end before this edge.")] before: Option<String>,
        #[graphql(desc = "Filters; all must hold.")] filter: Option<MissionFilter>,
        #[graphql(desc = "Ordering (default ACRONYM_ASC).", default)] order_by: MissionOrder,
    ) -> async_graphql::Result<CountedConnection<Mission>> {
        let api = api(ctx)?;
        let order: service::MissionOrder = order_by.into();
        let request = PageRequest::parse(
            &page_args(first, after, last, before),
            order.name(),
            api.limits.max_page_size.min(50),
            api.limits.max_page_size,
        )?;
        let filter: service::MissionFilter = filter.unwrap_or_default().into();
        let page = service::list(&api.db, &filter, order, &request).await?;
        let db = api.db.clone();
        let total = TotalCount::new(move || {
            let db = db.clone();
            let filter = filter.clone();
            Box::pin(async move { service::count(&db, &filter).await })
        });
        Ok(connection(page.map(Mission), total))
    }

    /// One mission, by global ID or by acronym (current or former: `MONUC` finds MONUSCO).
    /// Exactly one of the two arguments must be given.
    async fn mission(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The mission's global ID.")] id: Option<ID>,
        #[graphql(desc = "A current or former acronym, case-insensitive.")] acronym: Option<String>,
    ) -> async_graphql::Result<Mission> {
        let db = &api(ctx)?.db;
        let found = match (id, acronym) {
            (Some(id), None) => {
                let uuid = ids::decode(&id, NodeKind::Mission, "id")?;
                service::find(db, uuid).await?
            }
            (None, Some(acronym)) => service::find_by_acronym(db, &acronym).await?,
            _ => return Err(AppError::bad_input("pass exactly one of `id` and `acronym`").into()),
        };
        found
            .map(Mission)
            .ok_or_else(|| AppError::NotFound("no mission matches".into()).into())
    }
}
