//! GraphQL types of coordination forums, the links between them and their memberships.

use async_graphql::Context;

use crate::graphql::cluster::{AreaOfResponsibility, Cluster};
use crate::graphql::enums::{Capacity, ForumKind, ForumLevel, ForumLinkKind};
use crate::graphql::mission::Mission;
use crate::graphql::organization::{GeographicArea, Organization};
use crate::graphql::structure::{Component, Post};

use crate::graphql::relations;

record_object! {
/// A recurring body where coordination or decisions happen: a Senior Management Group on POC, a
/// Protection Cluster meeting, an early warning cell, the Humanitarian Country Team.
temporal Forum(forum): Forum {
    /// Name of the forum.
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// Acronym, e.g. `SMG-P`.
    async fn acronym(&self) -> Option<&str> {
        self.0.acronym.as_deref()
    }

    /// What kind of forum it is.
    async fn kind(&self) -> ForumKind {
        self.0.kind.into()
    }

    /// Global, mission HQ, regional or local.
    async fn level(&self) -> ForumLevel {
        self.0.level.into()
    }

    /// Whether actors outside the mission may take part.
    async fn open_to_external(&self) -> bool {
        self.0.open_to_external
    }

    /// Whether it is standing (true) or temporary (false).
    async fn standing(&self) -> bool {
        self.0.standing
    }

    /// How often it meets, e.g. `weekly`.
    async fn meeting_frequency(&self) -> Option<&str> {
        self.0.meeting_frequency.as_deref()
    }

    /// What it is for.
    async fn purpose(&self) -> Option<&str> {
        self.0.purpose.as_deref()
    }

    /// The mission it belongs to, if any.
    async fn mission(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Mission>> {
        Ok(relations::one::<entity::mission::Entity>(ctx, self.0.mission_id).await?.map(Mission))
    }

    /// The cluster it belongs to, if any.
    async fn cluster(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Cluster>> {
        Ok(relations::one::<entity::cluster::Entity>(ctx, self.0.cluster_id).await?.map(Cluster))
    }

    /// The AoR it belongs to, if any.
    async fn area_of_responsibility(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<AreaOfResponsibility>> {
        Ok(relations::one::<entity::area_of_responsibility::Entity>(ctx, self.0.area_of_responsibility_id).await?.map(AreaOfResponsibility))
    }

    /// Where it works.
    async fn geographic_area(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<GeographicArea>> {
        Ok(relations::one::<entity::geographic_area::Entity>(ctx, self.0.geographic_area_id).await?.map(GeographicArea))
    }

    /// The post that established it, if known.
    async fn established_by_post(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Post>> {
        Ok(relations::one::<entity::post::Entity>(ctx, self.0.established_by_post_id).await?.map(Post))
    }

    /// The organisation that established it, if known.
    async fn established_by_organization(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Organization>> {
        Ok(relations::one::<entity::organization::Entity>(ctx, self.0.established_by_organization_id).await?.map(Organization))
    }
}
}

record_object! {
/// One forum reporting to, or being a subgroup of, another over a period.
relationship ForumLink(forum_link): ForumLink {
    /// Reports to, or subgroup of.
    async fn kind(&self) -> ForumLinkKind {
        self.0.kind.into()
    }

    /// The forum that reports or is the subgroup.
    async fn forum(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Forum>> {
        Ok(relations::one::<entity::forum::Entity>(ctx, Some(self.0.forum_id)).await?.map(Forum))
    }

    /// The forum reported to, or the parent forum.
    async fn target(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Forum>> {
        Ok(relations::one::<entity::forum::Entity>(ctx, Some(self.0.target_forum_id)).await?.map(Forum))
    }
}
}

record_object! {
/// A seat in a forum over a period: who (an organisation, a component or a post) and in which
/// capacity (chair, member, observer, present without membership...).
relationship ForumMembership(forum_membership): ForumMembership {
    /// The capacity in which the member sits.
    async fn capacity(&self) -> Capacity {
        self.0.capacity.into()
    }

    /// Free-text note.
    async fn note(&self) -> Option<&str> {
        self.0.note.as_deref()
    }

    /// The forum.
    async fn forum(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Forum>> {
        Ok(relations::one::<entity::forum::Entity>(ctx, Some(self.0.forum_id)).await?.map(Forum))
    }

    /// The member, when an organisation.
    async fn member_organization(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Organization>> {
        Ok(relations::one::<entity::organization::Entity>(ctx, self.0.member_organization_id).await?.map(Organization))
    }

    /// The member, when a mission component.
    async fn member_component(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Component>> {
        Ok(relations::one::<entity::component::Entity>(ctx, self.0.member_component_id).await?.map(Component))
    }

    /// The member, when a post.
    async fn member_post(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Post>> {
        Ok(relations::one::<entity::post::Entity>(ctx, self.0.member_post_id).await?.map(Post))
    }
}
}
