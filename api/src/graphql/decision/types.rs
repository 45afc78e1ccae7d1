//! GraphQL types of decision areas and decision rights.

use async_graphql::Context;

use crate::graphql::enums::RightKind;
use crate::graphql::forum::Forum;
use crate::graphql::mission::Mission;
use crate::graphql::organization::Organization;
use crate::graphql::structure::{Component, Post};

use crate::graphql::relations;

record_object! {
/// Something that gets decided: `USE_OF_FORCE`, `POC_STRATEGY`, `EARLY_WARNING_RESPONSE`... Users add
/// areas.
core DecisionArea(decision_area): DecisionArea {
    /// Unique code, e.g. `USE_OF_FORCE`.
    async fn code(&self) -> &str {
        &self.0.code
    }

    /// Human-readable name.
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// What falls under it.
    async fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }
}
}

record_object! {
/// A right over a decision area: who (a post, component, organisation or forum) decides,
/// approves, endorses, recommends, is consulted, informed or executes, in which mission (or as a
/// global default) and scope.
relationship DecisionRight(decision_right): DecisionRight {
    /// The kind of right.
    async fn kind(&self) -> RightKind {
        self.0.kind.into()
    }

    /// Narrows the right, e.g. `police units`.
    async fn scope(&self) -> Option<&str> {
        self.0.scope.as_deref()
    }

    /// Whether the right must not be delegated.
    async fn non_delegable(&self) -> bool {
        self.0.non_delegable
    }

    /// Free-text note.
    async fn note(&self) -> Option<&str> {
        self.0.note.as_deref()
    }

    /// The decision area.
    async fn area(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<DecisionArea>> {
        Ok(relations::one::<entity::decision_area::Entity>(ctx, Some(self.0.decision_area_id)).await?.map(DecisionArea))
    }

    /// The mission the right applies in; null for a global default.
    async fn mission(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Mission>> {
        Ok(relations::one::<entity::mission::Entity>(ctx, self.0.mission_id).await?.map(Mission))
    }

    /// The holder, when a post.
    async fn holder_post(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Post>> {
        Ok(relations::one::<entity::post::Entity>(ctx, self.0.holder_post_id).await?.map(Post))
    }

    /// The holder, when a component.
    async fn holder_component(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Component>> {
        Ok(relations::one::<entity::component::Entity>(ctx, self.0.holder_component_id).await?.map(Component))
    }

    /// The holder, when an organisation.
    async fn holder_organization(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Organization>> {
        Ok(relations::one::<entity::organization::Entity>(ctx, self.0.holder_organization_id).await?.map(Organization))
    }

    /// The holder, when a forum (exercised by its chair).
    async fn holder_forum(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Forum>> {
        Ok(relations::one::<entity::forum::Entity>(ctx, self.0.holder_forum_id).await?.map(Forum))
    }

    /// The right this one was delegated from.
    async fn delegated_from(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<DecisionRight>> {
        Ok(relations::one::<entity::decision_right::Entity>(ctx, self.0.delegated_from_id).await?.map(DecisionRight))
    }
}
}
