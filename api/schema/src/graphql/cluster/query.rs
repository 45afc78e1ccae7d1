//! Root queries over clusters and Areas of Responsibility.

use async_graphql::{Context, Object};

use super::inputs::{
    AreaOfResponsibilityFilter, AreaOfResponsibilityOrder, ClusterFilter, ClusterOrder,
};
use super::types::{AreaOfResponsibility, Cluster};
use crate::error::AppError;
use crate::graphql::connection::{narrowed, page_args, paginate, CountedConnection};
use crate::graphql::context::{api, viewer};
use crate::services::cluster as service;

#[derive(Default)]
pub struct ClusterQuery;

#[Object]
impl ClusterQuery {
    /// Clusters, global and field, as a Relay connection. Clusters of every period are listed;
    /// use `filter.asOf` for those active on a date.
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "crate::graphql::cost::page(first, last, child_complexity)")]
    async fn clusters(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Return the first n clusters after `after`.")] first: Option<i32>,
        #[graphql(desc = "Cursor: start after this edge.")] after: Option<String>,
        #[graphql(desc = "Return the last n clusters before `before`.")] last: Option<i32>,
        #[graphql(desc = "Cursor: end before this edge.")] before: Option<String>,
        #[graphql(desc = "Filters; all must hold.")] filter: Option<ClusterFilter>,
        #[graphql(desc = "Ordering (default CODE_ASC).", default)] order_by: ClusterOrder,
    ) -> async_graphql::Result<CountedConnection<Cluster>> {
        let sensitivities = filter.as_ref().and_then(|f| f.sensitivities.clone());
        let filter = filter.unwrap_or_default().into_service()?;
        let order: service::ClusterOrder = order_by.into();
        let listing = narrowed(filter, sensitivities);
        paginate(
            ctx,
            page_args(first, after, last, before),
            listing,
            order.ordering(),
            Cluster,
        )
        .await
    }

    /// One cluster by its code (case-insensitive), e.g. `GPC`.
    async fn cluster(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The cluster's code.")] code: String,
    ) -> async_graphql::Result<Cluster> {
        let db = &api(ctx)?.db;
        service::find_by_code(db, viewer(ctx)?, &code)
            .await?
            .map(Cluster)
            .ok_or_else(|| {
                AppError::NotFound(format!("no cluster has code `{}`", code.trim())).into()
            })
    }

    /// Areas of Responsibility, as a Relay connection. AoRs of every period are listed; use
    /// `filter.asOf` for those active on a date.
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "crate::graphql::cost::page(first, last, child_complexity)")]
    async fn areas_of_responsibility(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Return the first n AoRs after `after`.")] first: Option<i32>,
        #[graphql(desc = "Cursor: start after this edge.")] after: Option<String>,
        #[graphql(desc = "Return the last n AoRs before `before`.")] last: Option<i32>,
        #[graphql(desc = "Cursor: end before this edge.")] before: Option<String>,
        #[graphql(desc = "Filters; all must hold.")] filter: Option<AreaOfResponsibilityFilter>,
        #[graphql(desc = "Ordering (default NAME_ASC).", default)]
        order_by: AreaOfResponsibilityOrder,
    ) -> async_graphql::Result<CountedConnection<AreaOfResponsibility>> {
        let sensitivities = filter.as_ref().and_then(|f| f.sensitivities.clone());
        let filter = filter.unwrap_or_default().into_service()?;
        let order: service::AorOrder = order_by.into();
        let listing = narrowed(filter, sensitivities);
        paginate(
            ctx,
            page_args(first, after, last, before),
            listing,
            order.ordering(),
            AreaOfResponsibility,
        )
        .await
    }
}
