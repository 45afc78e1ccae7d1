//! Root queries over components, posts and persons.

use async_graphql::{Context, Object};

use super::inputs::{
    ComponentFilter, ComponentOrder, PersonFilter, PersonOrder, PostFilter, PostOrder,
};
use super::types::{Component, Person, Post};
use crate::graphql::connection::{narrowed, page_args, paginate, CountedConnection};
use crate::graphql::context::request;
use crate::services::{component, person, post};

#[derive(Default)]
pub struct StructureQuery;

#[Object]
impl StructureQuery {
    /// Components of missions, as a Relay connection. Components of every period are listed;
    /// use `filter.asOf` for the structure on a date.
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "crate::graphql::cost::page(first, last, child_complexity)")]
    async fn components(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Return the first n components after `after`.")] first: Option<i32>,
        #[graphql(desc = "Cursor: start after this edge.")] after: Option<String>,
        #[graphql(desc = "Return the last n components before `before`.")] last: Option<i32>,
        #[graphql(desc = "Cursor: end before this edge.")] before: Option<String>,
        #[graphql(desc = "Filters; all must hold.")] filter: Option<ComponentFilter>,
        #[graphql(desc = "Ordering (default NAME_ASC).", default)] order_by: ComponentOrder,
    ) -> async_graphql::Result<CountedConnection<Component>> {
        let sensitivities = filter.as_ref().and_then(|f| f.sensitivities.clone());
        let filter = filter.unwrap_or_default().into_service()?;
        let order: component::ComponentOrder = order_by.into();
        let listing = narrowed(filter, sensitivities);
        paginate(
            ctx,
            page_args(first, after, last, before),
            listing,
            order.ordering(),
            Component,
        )
        .await
    }

    /// Posts in missions and organisations, as a Relay connection. Posts of every period are
    /// listed; use `filter.asOf` for the posts on a date.
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "crate::graphql::cost::page(first, last, child_complexity)")]
    async fn posts(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Return the first n posts after `after`.")] first: Option<i32>,
        #[graphql(desc = "Cursor: start after this edge.")] after: Option<String>,
        #[graphql(desc = "Return the last n posts before `before`.")] last: Option<i32>,
        #[graphql(desc = "Cursor: end before this edge.")] before: Option<String>,
        #[graphql(desc = "Filters; all must hold.")] filter: Option<PostFilter>,
        #[graphql(desc = "Ordering (default TITLE_ASC).", default)] order_by: PostOrder,
    ) -> async_graphql::Result<CountedConnection<Post>> {
        let sensitivities = filter.as_ref().and_then(|f| f.sensitivities.clone());
        let filter = filter
            .unwrap_or_default()
            .into_service(request(ctx)?.today)?;
        let order: post::PostOrder = order_by.into();
        let listing = narrowed(filter, sensitivities);
        paginate(
            ctx,
            page_args(first, after, last, before),
            listing,
            order.ordering(),
            Post,
        )
        .await
    }

    /// People who hold or held posts, as a Relay connection.
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "crate::graphql::cost::page(first, last, child_complexity)")]
    async fn persons(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Return the first n people after `after`.")] first: Option<i32>,
        #[graphql(desc = "Cursor: start after this edge.")] after: Option<String>,
        #[graphql(desc = "Return the last n people before `before`.")] last: Option<i32>,
        #[graphql(desc = "Cursor: end before this edge.")] before: Option<String>,
        #[graphql(desc = "Filters; all must hold.")] filter: Option<PersonFilter>,
        #[graphql(desc = "Ordering (default FULL_NAME_ASC).", default)] order_by: PersonOrder,
    ) -> async_graphql::Result<CountedConnection<Person>> {
        let sensitivities = filter.as_ref().and_then(|f| f.sensitivities.clone());
        let filter = filter.unwrap_or_default().into_service()?;
        let order: person::PersonOrder = order_by.into();
        let listing = narrowed(filter, sensitivities);
        paginate(
            ctx,
            page_args(first, after, last, before),
            listing,
            order.ordering(),
            Person,
        )
        .await
    }
}
