//! Root queries over organisations.

use async_graphql::{Context, Object};

use super::types::{Organization, OrganizationFilter, OrganizationOrder};
use crate::error::AppError;
use crate::graphql::connection::{connection, page_args, CountedConnection, TotalCount};
use crate::graphql::context::api;
use crate::services::organization as service;
use crate::services::pagination::PageRequest;

#[derive(Default)]
pub struct OrganizationQuery;

#[Object]
impl OrganizationQuery {
    /// Organisations, as a Relay connection.
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "first.or(last).unwrap_or(50).max(0) as usize * child_complexity + 1")]
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
        let api = api(ctx)?;
        let order: service::OrganizationOrder = order_by.into();
        let request = PageRequest::parse(
            &page_args(first, after, last, before),
            order.name(),
            api.limits.max_page_size.min(50),
            api.limits.max_page_size,
        )?;
        let filter: service::OrganizationFilter = filter.unwrap_or_default().into();
        let page = service::list(&api.db, &filter, order, &request).await?;
        let db = api.db.clone();
        let total = TotalCount::new(move || {
            let db = db.clone();
            let filter = filter.clone();
            Box::pin(async move { service::count(&db, &filter).await })
        });
        Ok(connection(page.map(Organization), total))
    }

    /// One organisation by its code (case-insensitive), e.g. `UNHCR`.
    async fn organization(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The organisation's code.")] code: String,
    ) -> async_graphql::Result<Organization> {
        let db = &api(ctx)?.db;
        service::find_by_code(db, &code)
            .await?
            .map(Organization)
            .ok_or_else(|| {
                AppError::NotFound(format!("no organization has code `{}`", code.trim())).into()
            })
    }
}
