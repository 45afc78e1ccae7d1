//! Root queries over organisations.

use async_graphql::{Context, Object};

use super::inputs::GeographicAreaFilter;
use super::inputs::{OrganizationFilter, OrganizationOrder};
use super::types::{GeographicArea, Organization};
use crate::error::AppError;
use crate::graphql::connection::{narrowed, page_args, paginate, CountedConnection};
use crate::graphql::context::{api, viewer};
use crate::services::geography;
use crate::services::organization as service;

#[derive(Default)]
pub struct OrganizationQuery;

#[Object]
impl OrganizationQuery {
    /// Organisations, as a Relay connection.
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "crate::graphql::cost::page(first, last, child_complexity)")]
    async fn organizations(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Return the first n organisations after `after`.")] first: Option<i32>,
        #[graphql(desc = "Cursor: start after this edge.")] after: Option<String>,
        #[graphql(desc = "Return the last n organisations before `before`.")] last: Option<i32>,
        #[graphql(desc = "Cursor: end before this edge.")] before: Option<String>,
        #[graphql(desc = "Filters; all must hold.")] filter: Option<OrganizationFilter>,
        #[graphql(desc = "Ordering (default CODE_ASC).", default)] order_by: OrganizationOrder,
    ) -> async_graphql::Result<CountedConnection<Organization>> {
        let sensitivities = filter.as_ref().and_then(|f| f.sensitivities.clone());
        let filter: service::OrganizationFilter = filter.unwrap_or_default().into();
        let order: service::OrganizationOrder = order_by.into();
        let listing = narrowed(filter, sensitivities);
        paginate(
            ctx,
            page_args(first, after, last, before),
            listing,
            order.ordering(),
            Organization,
        )
        .await
    }

    /// One organisation by its code (case-insensitive), e.g. `UNHCR`.
    async fn organization(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The organisation's code.")] code: String,
    ) -> async_graphql::Result<Organization> {
        let db = &api(ctx)?.db;
        service::find_by_code(db, viewer(ctx)?, &code)
            .await?
            .map(Organization)
            .ok_or_else(|| {
                AppError::NotFound(format!("no organization has code `{}`", code.trim())).into()
            })
    }

    /// Geographic areas (country, state, sector, locality), by name.
    #[graphql(complexity = "crate::graphql::cost::page(first, last, child_complexity)")]
    async fn geographic_areas(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Return the first n areas after `after`.")] first: Option<i32>,
        #[graphql(desc = "Cursor: start after this edge.")] after: Option<String>,
        #[graphql(desc = "Return the last n areas before `before`.")] last: Option<i32>,
        #[graphql(desc = "Cursor: end before this edge.")] before: Option<String>,
        #[graphql(desc = "Filters; all must hold.")] filter: Option<GeographicAreaFilter>,
    ) -> async_graphql::Result<CountedConnection<GeographicArea>> {
        let sensitivities = filter.as_ref().and_then(|f| f.sensitivities.clone());
        let filter = filter.unwrap_or_default().into_service()?;
        let listing = narrowed(filter, sensitivities);
        paginate(
            ctx,
            page_args(first, after, last, before),
            listing,
            geography::ordering(),
            GeographicArea,
        )
        .await
    }
}
