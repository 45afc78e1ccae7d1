//! GraphQL types of a mission's structure: components, posts, hats, people, assignments and
//! reporting lines.

use async_graphql::Context;

use crate::graphql::enums::{
    ComponentKind, ComponentSpecialty, Hat, ReportingLineKind, StructureLevel,
};
use crate::graphql::mission::Mission;
use crate::graphql::organization::{GeographicArea, Organization};

use crate::graphql::relations;

record_object! {
/// An organisational unit of a mission (division, section, unit), civilian, military, police,
/// support or joint.
temporal Component(component): Component {
    /// Name, e.g. `Human Rights Division`.
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// Acronym, e.g. `JMAC`.
    async fn acronym(&self) -> Option<&str> {
        self.0.acronym.as_deref()
    }

    /// Civilian, military, police, support or joint.
    async fn kind(&self) -> ComponentKind {
        self.0.kind.into()
    }

    /// What it works on.
    async fn specialty(&self) -> Option<ComponentSpecialty> {
        self.0.specialty.map(Into::into)
    }

    /// Mission HQ, regional or field level.
    async fn level(&self) -> StructureLevel {
        self.0.level.into()
    }

    /// The mission it belongs to.
    async fn mission(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Mission>> {
        Ok(relations::one::<entity::mission::Entity>(ctx, Some(self.0.mission_id)).await?.map(Mission))
    }

    /// The component it is part of.
    async fn parent(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Component>> {
        Ok(relations::one::<entity::component::Entity>(ctx, self.0.parent_id).await?.map(Component))
    }

    /// Where it works.
    async fn geographic_area(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<GeographicArea>> {
        Ok(relations::one::<entity::geographic_area::Entity>(ctx, self.0.geographic_area_id).await?.map(GeographicArea))
    }
}
}

record_object! {
/// A position a person holds (SRSG, DSRSG/RC/HC, Force Commander, Head of Human Rights), in a
/// mission or in an organisation (High Commissioner, Emergency Relief Coordinator).
temporal Post(post): Post {
    /// Title of the post.
    async fn title(&self) -> &str {
        &self.0.title
    }

    /// Whether the post heads its component.
    async fn is_component_head(&self) -> bool {
        self.0.is_component_head
    }

    /// The mission it belongs to, if any.
    async fn mission(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Mission>> {
        Ok(relations::one::<entity::mission::Entity>(ctx, self.0.mission_id).await?.map(Mission))
    }

    /// The organisation it belongs to, for posts outside missions.
    async fn organization(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Organization>> {
        Ok(relations::one::<entity::organization::Entity>(ctx, self.0.organization_id).await?.map(Organization))
    }

    /// The component it sits in.
    async fn component(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Component>> {
        Ok(relations::one::<entity::component::Entity>(ctx, self.0.component_id).await?.map(Component))
    }

    /// Where it is based.
    async fn geographic_area(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<GeographicArea>> {
        Ok(relations::one::<entity::geographic_area::Entity>(ctx, self.0.geographic_area_id).await?.map(GeographicArea))
    }
}
}

record_object! {
/// A role a post carries over a period (one post can be DSRSG, RC and HC at once).
relationship PostHat(post_hat): PostHat {
    /// The role.
    async fn hat(&self) -> Hat {
        self.0.hat.into()
    }

    /// The post carrying it.
    async fn post(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Post>> {
        Ok(relations::one::<entity::post::Entity>(ctx, Some(self.0.post_id)).await?.map(Post))
    }
}
}

record_object! {
/// A person who holds posts. Contact details are personal data.
core Person(person): Person {
    /// Full name.
    async fn full_name(&self) -> &str {
        &self.0.full_name
    }

    /// The organisation employing the person.
    async fn organization(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Organization>> {
        Ok(relations::one::<entity::organization::Entity>(ctx, self.0.organization_id).await?.map(Organization))
    }
}
}

record_object! {
/// A person holding a post over a period.
relationship Assignment(assignment): Assignment {
    /// Whether the person only acts in the post.
    async fn acting(&self) -> bool {
        self.0.acting
    }

    /// The person.
    async fn person(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Person>> {
        Ok(relations::one::<entity::person::Entity>(ctx, Some(self.0.person_id)).await?.map(Person))
    }

    /// The post.
    async fn post(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Post>> {
        Ok(relations::one::<entity::post::Entity>(ctx, Some(self.0.post_id)).await?.map(Post))
    }
}
}

record_object! {
/// A typed reporting line from a post or component to a post or an organisation.
relationship ReportingLine(reporting_line): ReportingLine {
    /// Line, functional, command or coordination.
    async fn kind(&self) -> ReportingLineKind {
        self.0.kind.into()
    }

    /// Free-text note.
    async fn note(&self) -> Option<&str> {
        self.0.note.as_deref()
    }

    /// The reporting post (or null when a component reports).
    #[allow(clippy::wrong_self_convention)]
    async fn from_post(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Post>> {
        Ok(relations::one::<entity::post::Entity>(ctx, self.0.from_post_id).await?.map(Post))
    }

    /// The reporting component (or null when a post reports).
    #[allow(clippy::wrong_self_convention)]
    async fn from_component(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Component>> {
        Ok(relations::one::<entity::component::Entity>(ctx, self.0.from_component_id).await?.map(Component))
    }

    /// The post reported to (or null when reporting to an organisation).
    async fn to_post(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Post>> {
        Ok(relations::one::<entity::post::Entity>(ctx, self.0.to_post_id).await?.map(Post))
    }

    /// The organisation reported to (UN HQ, the Security Council), or null.
    async fn to_organization(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Organization>> {
        Ok(relations::one::<entity::organization::Entity>(ctx, self.0.to_organization_id).await?.map(Organization))
    }
}
}
