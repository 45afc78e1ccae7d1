//! Mutations of the structure: components, posts and their hats, persons and their
//! assignments, reporting lines.

use async_graphql::{Context, Object};

use super::inputs::{
    AddPostHatInput, AssignPersonInput, CreateComponentInput, CreatePersonInput, CreatePostInput,
    SetReportingLineInput, UpdateComponentInput, UpdatePersonInput, UpdatePostInput,
};
use super::types::{Assignment, Component, Person, Post, PostHat, ReportingLine};
use crate::graphql::common_inputs::{archive, patch, patch_id, ArchiveInput, EndInput};
use crate::graphql::context::{api, viewer};
use crate::graphql::ids::{self, NodeKind};
use crate::services::{component, person, post, reporting_line};

#[derive(Default)]
pub struct StructureMutation;

#[Object]
impl StructureMutation {
    /// Creates a component of a mission, optionally inside another component of the same
    /// mission.
    async fn create_component(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The component to create.")] input: CreateComponentInput,
    ) -> async_graphql::Result<Component> {
        let new = component::NewComponent {
            mission_id: ids::decode(&input.mission_id, NodeKind::Mission, "input.missionId")?,
            parent_id: ids::decode_optional(
                input.parent_id.as_ref(),
                NodeKind::Component,
                "input.parentId",
            )?,
            name: input.name,
            acronym: input.acronym,
            kind: input.kind.into(),
            specialty: input.specialty.map(Into::into),
            level: input.level.into(),
            geographic_area_id: ids::decode_optional(
                input.geographic_area_id.as_ref(),
                NodeKind::GeographicArea,
                "input.geographicAreaId",
            )?,
            valid_from: input.valid_from.0,
            valid_to: input.valid_to.map(|d| d.0),
            sensitivity: input.sensitivity.into(),
        };
        Ok(Component(
            component::create(&api(ctx)?.db, viewer(ctx)?, new).await?,
        ))
    }

    /// Updates a component; moving it under its own descendant is refused.
    async fn update_component(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The changes, with the version read.")] input: UpdateComponentInput,
    ) -> async_graphql::Result<Component> {
        let id = ids::decode(&input.id, NodeKind::Component, "input.id")?;
        let changes = component::ComponentPatch {
            parent_id: patch_id(input.parent_id, NodeKind::Component, "input.parentId")?,
            name: input.name,
            acronym: patch(input.acronym, |v| v),
            kind: input.kind.map(Into::into),
            specialty: patch(input.specialty, Into::into),
            level: input.level.map(Into::into),
            geographic_area_id: patch_id(
                input.geographic_area_id,
                NodeKind::GeographicArea,
                "input.geographicAreaId",
            )?,
            valid_from: input.valid_from.map(|d| d.0),
            valid_to: patch(input.valid_to, |d| d.0),
            sensitivity: input.sensitivity.map(Into::into),
        };
        Ok(Component(
            component::update(&api(ctx)?.db, viewer(ctx)?, id, input.version, changes).await?,
        ))
    }

    /// Archives a component: it keeps its history but leaves default lists.
    async fn archive_component(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The record and the version read.")] input: ArchiveInput,
    ) -> async_graphql::Result<Component> {
        Ok(Component(
            archive::<entity::component::Entity>(ctx, input).await?,
        ))
    }

    /// Creates a post in a mission or an organisation.
    async fn create_post(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The post to create.")] input: CreatePostInput,
    ) -> async_graphql::Result<Post> {
        let new = post::NewPost {
            mission_id: ids::decode_optional(
                input.mission_id.as_ref(),
                NodeKind::Mission,
                "input.missionId",
            )?,
            organization_id: ids::decode_optional(
                input.organization_id.as_ref(),
                NodeKind::Organization,
                "input.organizationId",
            )?,
            component_id: ids::decode_optional(
                input.component_id.as_ref(),
                NodeKind::Component,
                "input.componentId",
            )?,
            title: input.title,
            is_component_head: input.is_component_head,
            geographic_area_id: ids::decode_optional(
                input.geographic_area_id.as_ref(),
                NodeKind::GeographicArea,
                "input.geographicAreaId",
            )?,
            valid_from: input.valid_from.0,
            valid_to: input.valid_to.map(|d| d.0),
            sensitivity: input.sensitivity.into(),
        };
        Ok(Post(post::create(&api(ctx)?.db, viewer(ctx)?, new).await?))
    }

    /// Updates a post.
    async fn update_post(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The changes, with the version read.")] input: UpdatePostInput,
    ) -> async_graphql::Result<Post> {
        let id = ids::decode(&input.id, NodeKind::Post, "input.id")?;
        let changes = post::PostPatch {
            mission_id: patch_id(input.mission_id, NodeKind::Mission, "input.missionId")?,
            organization_id: patch_id(
                input.organization_id,
                NodeKind::Organization,
                "input.organizationId",
            )?,
            component_id: patch_id(input.component_id, NodeKind::Component, "input.componentId")?,
            title: input.title,
            is_component_head: input.is_component_head,
            geographic_area_id: patch_id(
                input.geographic_area_id,
                NodeKind::GeographicArea,
                "input.geographicAreaId",
            )?,
            valid_from: input.valid_from.map(|d| d.0),
            valid_to: patch(input.valid_to, |d| d.0),
            sensitivity: input.sensitivity.map(Into::into),
        };
        Ok(Post(
            post::update(&api(ctx)?.db, viewer(ctx)?, id, input.version, changes).await?,
        ))
    }

    /// Archives a post: it keeps its hats, assignments and lines as history but leaves
    /// default lists.
    async fn archive_post(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The record and the version read.")] input: ArchiveInput,
    ) -> async_graphql::Result<Post> {
        Ok(Post(archive::<entity::post::Entity>(ctx, input).await?))
    }

    /// Puts a hat on a post from a date (the DSRSG post becomes also RC and HC).
    async fn add_post_hat(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The post, the hat and its period.")] input: AddPostHatInput,
    ) -> async_graphql::Result<PostHat> {
        let new = post::NewPostHat {
            post_id: ids::decode(&input.post_id, NodeKind::Post, "input.postId")?,
            hat: input.hat.into(),
            valid_from: input.valid_from.0,
            valid_to: input.valid_to.map(|d| d.0),
            sensitivity: input.sensitivity.into(),
        };
        Ok(PostHat(
            post::add_hat(&api(ctx)?.db, viewer(ctx)?, new).await?,
        ))
    }

    /// Ends a hat on a date: the post no longer carries it from `on`; the history stays.
    async fn end_post_hat(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The relationship, the version read and the first day it no longer holds."
        )]
        input: EndInput,
    ) -> async_graphql::Result<PostHat> {
        let id = ids::decode(&input.id, NodeKind::PostHat, "input.id")?;
        Ok(PostHat(
            post::end_hat(&api(ctx)?.db, viewer(ctx)?, id, input.version, input.on.0).await?,
        ))
    }

    /// Creates a person.
    async fn create_person(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The person to create.")] input: CreatePersonInput,
    ) -> async_graphql::Result<Person> {
        let new = person::NewPerson {
            full_name: input.full_name,
            email: input.email,
            phone: input.phone,
            organization_id: ids::decode_optional(
                input.organization_id.as_ref(),
                NodeKind::Organization,
                "input.organizationId",
            )?,
            sensitivity: input.sensitivity.into(),
        };
        Ok(Person(
            person::create(&api(ctx)?.db, viewer(ctx)?, new).await?,
        ))
    }

    /// Updates a person.
    async fn update_person(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The changes, with the version read.")] input: UpdatePersonInput,
    ) -> async_graphql::Result<Person> {
        let id = ids::decode(&input.id, NodeKind::Person, "input.id")?;
        let changes = person::PersonPatch {
            full_name: input.full_name,
            email: patch(input.email, |v| v),
            phone: patch(input.phone, |v| v),
            organization_id: patch_id(
                input.organization_id,
                NodeKind::Organization,
                "input.organizationId",
            )?,
            sensitivity: input.sensitivity.map(Into::into),
        };
        Ok(Person(
            person::update(&api(ctx)?.db, viewer(ctx)?, id, input.version, changes).await?,
        ))
    }

    /// Archives a person: their assignments stay as history.
    async fn archive_person(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The record and the version read.")] input: ArchiveInput,
    ) -> async_graphql::Result<Person> {
        Ok(Person(archive::<entity::person::Entity>(ctx, input).await?))
    }

    /// Assigns a person to a post from a date, substantively or as acting.
    async fn assign_person(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The person, the post and the period.")] input: AssignPersonInput,
    ) -> async_graphql::Result<Assignment> {
        let new = person::NewAssignment {
            person_id: ids::decode(&input.person_id, NodeKind::Person, "input.personId")?,
            post_id: ids::decode(&input.post_id, NodeKind::Post, "input.postId")?,
            acting: input.acting,
            valid_from: input.valid_from.0,
            valid_to: input.valid_to.map(|d| d.0),
            sensitivity: input.sensitivity.into(),
        };
        Ok(Assignment(
            person::assign(&api(ctx)?.db, viewer(ctx)?, new).await?,
        ))
    }

    /// Ends an assignment on a date: the person no longer holds the post from `on`.
    async fn end_assignment(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The relationship, the version read and the first day it no longer holds."
        )]
        input: EndInput,
    ) -> async_graphql::Result<Assignment> {
        let id = ids::decode(&input.id, NodeKind::Assignment, "input.id")?;
        Ok(Assignment(
            person::end_assignment(&api(ctx)?.db, viewer(ctx)?, id, input.version, input.on.0)
                .await?,
        ))
    }

    /// Sets a reporting line from a post or component to a post or organisation. Refuses a
    /// duplicate of a line in force and a line that would close a cycle among lines of its
    /// kind.
    async fn set_reporting_line(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The two ends, the kind and the period.")] input: SetReportingLineInput,
    ) -> async_graphql::Result<ReportingLine> {
        let new = reporting_line::NewReportingLine {
            from_post_id: ids::decode_optional(
                input.from_post_id.as_ref(),
                NodeKind::Post,
                "input.fromPostId",
            )?,
            from_component_id: ids::decode_optional(
                input.from_component_id.as_ref(),
                NodeKind::Component,
                "input.fromComponentId",
            )?,
            to_post_id: ids::decode_optional(
                input.to_post_id.as_ref(),
                NodeKind::Post,
                "input.toPostId",
            )?,
            to_organization_id: ids::decode_optional(
                input.to_organization_id.as_ref(),
                NodeKind::Organization,
                "input.toOrganizationId",
            )?,
            kind: input.kind.into(),
            note: input.note,
            valid_from: input.valid_from.0,
            valid_to: input.valid_to.map(|d| d.0),
            sensitivity: input.sensitivity.into(),
        };
        Ok(ReportingLine(
            reporting_line::set(&api(ctx)?.db, viewer(ctx)?, new).await?,
        ))
    }

    /// Ends a reporting line on a date; the history stays.
    async fn end_reporting_line(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The relationship, the version read and the first day it no longer holds."
        )]
        input: EndInput,
    ) -> async_graphql::Result<ReportingLine> {
        let id = ids::decode(&input.id, NodeKind::ReportingLine, "input.id")?;
        Ok(ReportingLine(
            reporting_line::end(&api(ctx)?.db, viewer(ctx)?, id, input.version, input.on.0).await?,
        ))
    }
}
