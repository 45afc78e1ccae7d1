//! Root queries over forums and their membership history.

use async_graphql::{Context, Object, ID};

use super::inputs::{ForumFilter, ForumOrder};
use super::types::{Forum, MembershipChange};
use crate::graphql::connection::{narrowed, page_args, paginate, CountedConnection};
use crate::graphql::context::{api, viewer};
use crate::graphql::cost;
use crate::graphql::ids;
use crate::graphql::scalars::Date;
use crate::services::forum as service;
use crate::services::forum::membership;

#[derive(Default)]
pub struct ForumQuery;

#[Object]
impl ForumQuery {
    /// Coordination forums, as a Relay connection. Forums that ceased to exist are listed too;
    /// use `filter.asOf` for the forums that existed on a date.
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "crate::graphql::cost::page(first, last, child_complexity)")]
    async fn forums(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Return the first n forums after `after`.")] first: Option<i32>,
        #[graphql(desc = "Cursor: start after this edge.")] after: Option<String>,
        #[graphql(desc = "Return the last n forums before `before`.")] last: Option<i32>,
        #[graphql(desc = "Cursor: end before this edge.")] before: Option<String>,
        #[graphql(desc = "Filters; all must hold.")] filter: Option<ForumFilter>,
        #[graphql(desc = "Ordering (default NAME_ASC).", default)] order_by: ForumOrder,
    ) -> async_graphql::Result<CountedConnection<Forum>> {
        let sensitivities = filter.as_ref().and_then(|f| f.sensitivities.clone());
        let filter = filter.unwrap_or_default().into_service()?;
        let order: service::ForumOrder = order_by.into();
        let listing = narrowed(filter, sensitivities);
        paginate(
            ctx,
            page_args(first, after, last, before),
            listing,
            order.ordering(),
            Forum,
        )
        .await
    }

    /// What changed in forum memberships between `from` and `to` (both included; open-ended
    /// when omitted), in date order: who JOINED, who LEFT, whose capacity changed
    /// (CAPACITY_CHANGED, with the capacity before and after). Give `organization` (its
    /// memberships in every forum), `forum` (every membership in it) or both. The first `first`
    /// changes; `changesTruncated` on each says when more existed.
    #[graphql(
        complexity = "crate::graphql::cost::capped(first, crate::graphql::cost::MEMBERSHIP_CHANGES, child_complexity)"
    )]
    async fn forum_membership_history(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "Only memberships of this organisation: its ID, or its code in any case (e.g. `UNHCR`)."
        )]
        organization: Option<ID>,
        #[graphql(desc = "Only memberships in this forum, by its ID.")] forum: Option<ID>,
        #[graphql(desc = "First day to report on (included).")] from: Option<Date>,
        #[graphql(desc = "Last day to report on (included); not before `from`.")] to: Option<Date>,
        #[graphql(
            desc = "How many changes to return, from 1 to 100 (default 100): the earliest `first`. The query is charged for this many changes."
        )]
        first: Option<i32>,
    ) -> async_graphql::Result<Vec<MembershipChange>> {
        let limit = cost::first(first, cost::MEMBERSHIP_CHANGES)?;
        let query = membership::HistoryQuery {
            organization: ids::reference_optional(organization.as_ref()),
            forum: ids::reference_optional(forum.as_ref()),
            from: from.map(Into::into),
            to: to.map(Into::into),
        };
        let changes = membership::history(&api(ctx)?.db, viewer(ctx)?, query, limit).await?;
        let truncated = changes.truncated;
        Ok(changes
            .items
            .into_iter()
            .map(|change| MembershipChange(change, truncated))
            .collect())
    }
}
