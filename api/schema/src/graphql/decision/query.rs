//! Root queries over decision areas.

use async_graphql::{Context, Object};

use super::inputs::{DecisionAreaFilter, DecisionAreaOrder};
use super::types::DecisionArea;
use crate::error::AppError;
use crate::graphql::connection::{narrowed, page_args, paginate, CountedConnection};
use crate::graphql::context::{api, viewer};
use crate::services::decision as service;

#[derive(Default)]
pub struct DecisionQuery;

#[Object]
impl DecisionQuery {
    /// Decision areas (what gets decided), as a Relay connection.
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "crate::graphql::cost::page(first, last, child_complexity)")]
    async fn decision_areas(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Return the first n decision areas after `after`.")] first: Option<i32>,
        #[graphql(desc = "Cursor: start after this edge.")] after: Option<String>,
        #[graphql(desc = "Return the last n decision areas before `before`.")] last: Option<i32>,
        #[graphql(desc = "Cursor: end before this edge.")] before: Option<String>,
        #[graphql(desc = "Filters; all must hold.")] filter: Option<DecisionAreaFilter>,
        #[graphql(desc = "Ordering (default CODE_ASC).", default)] order_by: DecisionAreaOrder,
    ) -> async_graphql::Result<CountedConnection<DecisionArea>> {
        let sensitivities = filter.as_ref().and_then(|f| f.sensitivities.clone());
        let filter: service::DecisionAreaFilter = filter.unwrap_or_default().into();
        let order: service::DecisionAreaOrder = order_by.into();
        let listing = narrowed(filter, sensitivities);
        paginate(
            ctx,
            page_args(first, after, last, before),
            listing,
            order.ordering(),
            DecisionArea,
        )
        .await
    }

    /// One decision area by its code (case-insensitive), e.g. `USE_OF_FORCE`.
    async fn decision_area(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The decision area's code.")] code: String,
    ) -> async_graphql::Result<DecisionArea> {
        let db = &api(ctx)?.db;
        service::find_area_by_code(db, viewer(ctx)?, &code)
            .await?
            .map(DecisionArea)
            .ok_or_else(|| {
                AppError::NotFound(format!("no decision area has code `{}`", code.trim())).into()
            })
    }
}
