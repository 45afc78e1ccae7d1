//! Root queries over documents.

use async_graphql::{Context, Object};

use super::inputs::{DocumentFilter, DocumentOrder};
use super::types::Document;
use crate::graphql::connection::{narrowed, page_args, paginate, CountedConnection};
use crate::services::document as service;

#[derive(Default)]
pub struct DocumentQuery;

#[Object]
impl DocumentQuery {
    /// Documents: strategies, frameworks, rules of engagement, protocols and the sources
    /// records cite.
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "crate::graphql::cost::page(first, last, child_complexity)")]
    async fn documents(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Return the first n documents after `after`.")] first: Option<i32>,
        #[graphql(desc = "Cursor: start after this edge.")] after: Option<String>,
        #[graphql(desc = "Return the last n documents before `before`.")] last: Option<i32>,
        #[graphql(desc = "Cursor: end before this edge.")] before: Option<String>,
        #[graphql(desc = "Filters; all must hold.")] filter: Option<DocumentFilter>,
        #[graphql(desc = "Ordering (default TITLE_ASC).", default)] order_by: DocumentOrder,
    ) -> async_graphql::Result<CountedConnection<Document>> {
        let sensitivities = filter.as_ref().and_then(|f| f.sensitivities.clone());
        let filter = filter.unwrap_or_default().into_service()?;
        let order: service::DocumentOrder = order_by.into();
        let listing = narrowed(filter, sensitivities);
        paginate(
            ctx,
            page_args(first, after, last, before),
            listing,
            order.ordering(),
            Document,
        )
        .await
    }
}
