//! Mutations of forums, the links between them and their memberships.

use async_graphql::{Context, Object};

use super::inputs::{
    AddForumMembershipInput, ChangeMemberCapacityInput, CreateForumInput, LinkForumInput,
    UpdateForumInput,
};
use super::types::{Forum, ForumLink, ForumMembership};
use crate::graphql::common_inputs::{archive, patch, patch_id, ArchiveInput, EndInput};
use crate::graphql::context::{api, viewer};
use crate::graphql::ids::{self, NodeKind};
use crate::services::forum::{self as service, link, membership};

#[derive(Default)]
pub struct ForumMutation;

#[Object]
impl ForumMutation {
    /// Creates a coordination forum.
    async fn create_forum(
        &self,
        ctx: &Context<'_>,
        input: CreateForumInput,
    ) -> async_graphql::Result<Forum> {
        let id = |value: &Option<async_graphql::ID>, kind, field| {
            ids::decode_optional(value.as_ref(), kind, field)
        };
        let refs = service::ForumRefs {
            mission_id: id(&input.mission_id, NodeKind::Mission, "input.missionId")?,
            cluster_id: id(&input.cluster_id, NodeKind::Cluster, "input.clusterId")?,
            area_of_responsibility_id: id(
                &input.area_of_responsibility_id,
                NodeKind::AreaOfResponsibility,
                "input.areaOfResponsibilityId",
            )?,
            geographic_area_id: id(
                &input.geographic_area_id,
                NodeKind::GeographicArea,
                "input.geographicAreaId",
            )?,
            established_by_post_id: id(
                &input.established_by_post_id,
                NodeKind::Post,
                "input.establishedByPostId",
            )?,
            established_by_organization_id: id(
                &input.established_by_organization_id,
                NodeKind::Organization,
                "input.establishedByOrganizationId",
            )?,
        };
        let new = service::NewForum {
            name: input.name,
            acronym: input.acronym,
            kind: input.kind.into(),
            level: input.level.into(),
            refs,
            open_to_external: input.open_to_external,
            standing: input.standing,
            meeting_frequency: input.meeting_frequency,
            purpose: input.purpose,
            valid_from: input.valid_from.0,
            valid_to: input.valid_to.map(|d| d.0),
            sensitivity: input.sensitivity.into(),
        };
        Ok(Forum(
            service::create(&api(ctx)?.db, viewer(ctx)?, new).await?,
        ))
    }

    /// Updates a forum.
    async fn update_forum(
        &self,
        ctx: &Context<'_>,
        input: UpdateForumInput,
    ) -> async_graphql::Result<Forum> {
        let id = ids::decode(&input.id, NodeKind::Forum, "input.id")?;
        let changes = service::ForumPatch {
            name: input.name,
            acronym: patch(input.acronym, |v| v),
            kind: input.kind.map(Into::into),
            level: input.level.map(Into::into),
            mission_id: patch_id(input.mission_id, NodeKind::Mission, "input.missionId")?,
            cluster_id: patch_id(input.cluster_id, NodeKind::Cluster, "input.clusterId")?,
            area_of_responsibility_id: patch_id(
                input.area_of_responsibility_id,
                NodeKind::AreaOfResponsibility,
                "input.areaOfResponsibilityId",
            )?,
            geographic_area_id: patch_id(
                input.geographic_area_id,
                NodeKind::GeographicArea,
                "input.geographicAreaId",
            )?,
            established_by_post_id: patch_id(
                input.established_by_post_id,
                NodeKind::Post,
                "input.establishedByPostId",
            )?,
            established_by_organization_id: patch_id(
                input.established_by_organization_id,
                NodeKind::Organization,
                "input.establishedByOrganizationId",
            )?,
            open_to_external: input.open_to_external,
            standing: input.standing,
            meeting_frequency: patch(input.meeting_frequency, |v| v),
            purpose: patch(input.purpose, |v| v),
            valid_from: input.valid_from.map(|d| d.0),
            valid_to: patch(input.valid_to, |d| d.0),
            sensitivity: input.sensitivity.map(Into::into),
        };
        Ok(Forum(
            service::update(&api(ctx)?.db, viewer(ctx)?, id, input.version, changes).await?,
        ))
    }

    /// Archives a forum: it keeps its links, memberships and history but leaves default lists.
    async fn archive_forum(
        &self,
        ctx: &Context<'_>,
        input: ArchiveInput,
    ) -> async_graphql::Result<Forum> {
        Ok(Forum(archive::<entity::forum::Entity>(ctx, input).await?))
    }

    /// Links a forum to another (reports to, or subgroup of) over a period. Refused: a link of
    /// a forum to itself, a second identical link over an overlapping period, and a link that
    /// would close a cycle among the links of its kind (the error names the cycle).
    async fn link_forum(
        &self,
        ctx: &Context<'_>,
        input: LinkForumInput,
    ) -> async_graphql::Result<ForumLink> {
        let new = link::NewLink {
            forum_id: ids::decode(&input.forum_id, NodeKind::Forum, "input.forumId")?,
            target_forum_id: ids::decode(
                &input.target_forum_id,
                NodeKind::Forum,
                "input.targetForumId",
            )?,
            kind: input.kind.into(),
            valid_from: input.valid_from.0,
            valid_to: input.valid_to.map(|d| d.0),
            sensitivity: input.sensitivity.into(),
        };
        Ok(ForumLink(
            link::link(&api(ctx)?.db, viewer(ctx)?, new).await?,
        ))
    }

    /// Ends a link between forums on a date.
    async fn end_forum_link(
        &self,
        ctx: &Context<'_>,
        input: EndInput,
    ) -> async_graphql::Result<ForumLink> {
        let id = ids::decode(&input.id, NodeKind::ForumLink, "input.id")?;
        Ok(ForumLink(
            link::end(&api(ctx)?.db, viewer(ctx)?, id, input.version, input.on.0).await?,
        ))
    }

    /// Seats a member (an organisation, a component or a post) in a forum in a capacity.
    /// Refused when the member already has a membership in the forum over an overlapping
    /// period: change its capacity with `changeMemberCapacity` instead.
    async fn add_forum_membership(
        &self,
        ctx: &Context<'_>,
        input: AddForumMembershipInput,
    ) -> async_graphql::Result<ForumMembership> {
        let member = membership::Member::exactly_one(
            ids::decode_optional(
                input.member_organization_id.as_ref(),
                NodeKind::Organization,
                "input.memberOrganizationId",
            )?,
            ids::decode_optional(
                input.member_component_id.as_ref(),
                NodeKind::Component,
                "input.memberComponentId",
            )?,
            ids::decode_optional(
                input.member_post_id.as_ref(),
                NodeKind::Post,
                "input.memberPostId",
            )?,
        )?;
        let new = membership::NewMembership {
            forum_id: ids::decode(&input.forum_id, NodeKind::Forum, "input.forumId")?,
            member,
            capacity: input.capacity.into(),
            note: input.note,
            valid_from: input.valid_from.0,
            valid_to: input.valid_to.map(|d| d.0),
            sensitivity: input.sensitivity.into(),
        };
        Ok(ForumMembership(
            membership::add(&api(ctx)?.db, viewer(ctx)?, new).await?,
        ))
    }

    /// Ends a membership on a date: from that day the member no longer sits in the forum.
    async fn end_forum_membership(
        &self,
        ctx: &Context<'_>,
        input: EndInput,
    ) -> async_graphql::Result<ForumMembership> {
        let id = ids::decode(&input.id, NodeKind::ForumMembership, "input.id")?;
        Ok(ForumMembership(
            membership::end(&api(ctx)?.db, viewer(ctx)?, id, input.version, input.on.0).await?,
        ))
    }

    /// Changes the capacity in which a member sits from `on`: the membership ends on `on` and
    /// a new one in the new capacity starts on `on`, in one transaction. Returns the new
    /// membership.
    async fn change_member_capacity(
        &self,
        ctx: &Context<'_>,
        input: ChangeMemberCapacityInput,
    ) -> async_graphql::Result<ForumMembership> {
        let id = ids::decode(&input.id, NodeKind::ForumMembership, "input.id")?;
        Ok(ForumMembership(
            membership::change_capacity(
                &api(ctx)?.db,
                viewer(ctx)?,
                id,
                input.version,
                input.capacity.into(),
                input.on.0,
            )
            .await?,
        ))
    }
}
