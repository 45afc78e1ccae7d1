//! Root queries over missions.

use async_graphql::{Context, Object, ID};

use super::inputs::{MissionFilter, MissionOrder};
use super::types::Mission;
use crate::error::AppError;
use crate::graphql::connection::{narrowed, page_args, paginate, CountedConnection};
use crate::graphql::context::{api, viewer};
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::scalars::Date;
use crate::services::crud;
use crate::services::mission as service;

#[derive(Default)]
pub struct MissionQuery;

#[Object]
impl MissionQuery {
    /// Missions, as a Relay connection. Closed missions are listed too; use
    /// `filter.activeOn` for the missions running on a date.
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "crate::graphql::cost::page(first, last, child_complexity)")]
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
        let sensitivities = filter.as_ref().and_then(|f| f.sensitivities.clone());
        let filter: service::MissionFilter = filter.unwrap_or_default().into();
        let order: service::MissionOrder = order_by.into();
        let listing = narrowed(filter, sensitivities);
        paginate(
            ctx,
            page_args(first, after, last, before),
            listing,
            order.ordering(),
            Mission::from,
        )
        .await
    }

    /// One mission, by global ID or by acronym (current or former: `MONUC` finds MONUSCO).
    /// Exactly one of the two arguments must be given. With `asOf`, the mission as it was on
    /// that date: its acronym and name then, the attributes of the mandate in force (the last
    /// one if it had closed), and its relations on that date unless they are given their own
    /// `asOf`. A date before the mission started is refused.
    async fn mission(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The mission's global ID.")] id: Option<ID>,
        #[graphql(desc = "A current or former acronym, case-insensitive.")] acronym: Option<String>,
        #[graphql(desc = "The date to read the mission on (default today).")] as_of: Option<Date>,
    ) -> async_graphql::Result<Mission> {
        let db = &api(ctx)?.db;
        let viewer = viewer(ctx)?;
        let found = match (id, acronym) {
            (Some(id), None) => {
                let uuid = ids::decode(&id, NodeKind::Mission, "id")?;
                crud::find::<entity::mission::Entity, _>(db, viewer, uuid).await?
            }
            (None, Some(acronym)) => service::find_by_acronym(db, viewer, &acronym).await?,
            _ => return Err(AppError::bad_input("pass exactly one of `id` and `acronym`").into()),
        };
        let found = found.ok_or_else(|| AppError::NotFound("no mission matches".into()))?;
        let Some(Date(date)) = as_of else {
            return Ok(Mission::from(found));
        };
        if date < found.valid_from {
            return Err(AppError::invalid(
                "asOf",
                format!(
                    "`asOf` ({date}) is before the mission started ({})",
                    found.valid_from
                ),
            )
            .into());
        }
        Ok(Mission::on(found, date))
    }
}
