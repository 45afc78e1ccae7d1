//! Arguments of the forum list and inputs of the forum mutations.

use async_graphql::{Enum, InputObject, MaybeUndefined, ID};

use crate::error::AppResult;
use crate::graphql::enums::{Capacity, ForumKind, ForumLevel, ForumLinkKind, Sensitivity};
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::scalars::Date;
use crate::services;

/// Filters of the forum list; all given filters must hold.
#[derive(InputObject, Default)]
pub struct ForumFilter {
    /// Only records of these sensitivities (within what the caller may see).
    pub sensitivities: Option<Vec<crate::graphql::enums::Sensitivity>>,
    /// Case-insensitive text matched against name and acronym.
    pub search: Option<String>,
    /// Only forums of this mission.
    pub mission_id: Option<ID>,
    /// Only forums of this cluster.
    pub cluster_id: Option<ID>,
    /// Only forums of this area of responsibility.
    pub area_of_responsibility_id: Option<ID>,
    /// Only forums of these kinds.
    pub kinds: Option<Vec<ForumKind>>,
    /// Only forums at these levels.
    pub levels: Option<Vec<ForumLevel>>,
    /// Only forums open (true) or closed (false) to actors outside the mission.
    pub open_to_external: Option<bool>,
    /// Only forums that existed on this date.
    pub as_of: Option<Date>,
    /// Include archived forums (default false).
    #[graphql(default)]
    pub include_archived: bool,
}

impl ForumFilter {
    /// The filter as the service takes it; IDs of the wrong kind are refused naming the field.
    pub fn into_service(self) -> AppResult<services::forum::ForumFilter> {
        Ok(services::forum::ForumFilter {
            search: self.search,
            mission_id: ids::decode_optional(
                self.mission_id.as_ref(),
                NodeKind::Mission,
                "filter.missionId",
            )?,
            cluster_id: ids::decode_optional(
                self.cluster_id.as_ref(),
                NodeKind::Cluster,
                "filter.clusterId",
            )?,
            area_of_responsibility_id: ids::decode_optional(
                self.area_of_responsibility_id.as_ref(),
                NodeKind::AreaOfResponsibility,
                "filter.areaOfResponsibilityId",
            )?,
            kinds: self
                .kinds
                .unwrap_or_default()
                .into_iter()
                .map(Into::into)
                .collect(),
            levels: self
                .levels
                .unwrap_or_default()
                .into_iter()
                .map(Into::into)
                .collect(),
            open_to_external: self.open_to_external,
            as_of: self.as_of.map(Into::into),
            include_archived: self.include_archived,
        })
    }
}

/// Orderings of the forum list.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Default)]
pub enum ForumOrder {
    /// By name, A to Z.
    #[default]
    NameAsc,
    /// Oldest first.
    ValidFromAsc,
    /// Newest first.
    ValidFromDesc,
}

impl From<ForumOrder> for services::forum::ForumOrder {
    fn from(o: ForumOrder) -> Self {
        match o {
            ForumOrder::NameAsc => Self::NameAsc,
            ForumOrder::ValidFromAsc => Self::ValidFromAsc,
            ForumOrder::ValidFromDesc => Self::ValidFromDesc,
        }
    }
}

/// A new coordination forum.
#[derive(InputObject)]
pub struct CreateForumInput {
    /// Name, e.g. `Senior Management Group on Protection`.
    pub name: String,
    /// Acronym: 2 to 32 letters, digits or hyphens, e.g. `SMG-P`.
    pub acronym: Option<String>,
    /// What kind of forum it is.
    pub kind: ForumKind,
    /// Global, mission HQ, regional or local.
    pub level: ForumLevel,
    /// The mission it belongs to (a mission's ID), if any.
    pub mission_id: Option<ID>,
    /// The cluster it belongs to (a cluster's ID), if any.
    pub cluster_id: Option<ID>,
    /// The area of responsibility it belongs to, if any; it must belong to `clusterId` when
    /// both are given.
    pub area_of_responsibility_id: Option<ID>,
    /// Where it works (a geographic area's ID).
    pub geographic_area_id: Option<ID>,
    /// The post that established it (a post's ID).
    pub established_by_post_id: Option<ID>,
    /// The organisation that established it (an organisation's ID).
    pub established_by_organization_id: Option<ID>,
    /// Whether actors outside the mission may take part (default false).
    #[graphql(default)]
    pub open_to_external: bool,
    /// Standing (true, the default) or temporary (false).
    #[graphql(default = true)]
    pub standing: bool,
    /// How often it meets, e.g. `weekly` (at most 64 characters).
    pub meeting_frequency: Option<String>,
    /// What it is for.
    pub purpose: Option<String>,
    /// First day it exists.
    pub valid_from: Date,
    /// First day it no longer exists, if known.
    pub valid_to: Option<Date>,
    /// Who may see the forum (default PUBLIC).
    #[graphql(default_with = "Sensitivity::Public")]
    pub sensitivity: Sensitivity,
}

/// Changes to a forum. Omitted fields keep their value; `null` clears a nullable field.
#[derive(InputObject)]
pub struct UpdateForumInput {
    /// The forum's global ID.
    pub id: ID,
    /// The version the client read; a stale version is refused with CONFLICT.
    pub version: i32,
    /// Name.
    pub name: Option<String>,
    /// Acronym.
    pub acronym: MaybeUndefined<String>,
    /// Kind of forum.
    pub kind: Option<ForumKind>,
    /// Level.
    pub level: Option<ForumLevel>,
    /// The mission it belongs to.
    pub mission_id: MaybeUndefined<ID>,
    /// The cluster it belongs to.
    pub cluster_id: MaybeUndefined<ID>,
    /// The area of responsibility it belongs to.
    pub area_of_responsibility_id: MaybeUndefined<ID>,
    /// Where it works.
    pub geographic_area_id: MaybeUndefined<ID>,
    /// The post that established it.
    pub established_by_post_id: MaybeUndefined<ID>,
    /// The organisation that established it.
    pub established_by_organization_id: MaybeUndefined<ID>,
    /// Whether actors outside the mission may take part.
    pub open_to_external: Option<bool>,
    /// Standing or temporary.
    pub standing: Option<bool>,
    /// How often it meets.
    pub meeting_frequency: MaybeUndefined<String>,
    /// What it is for.
    pub purpose: MaybeUndefined<String>,
    /// First day it exists.
    pub valid_from: Option<Date>,
    /// First day it no longer exists.
    pub valid_to: MaybeUndefined<Date>,
    /// Who may see the forum.
    pub sensitivity: Option<Sensitivity>,
}

/// Link a forum to another: it reports to it, or is a subgroup of it, over a period.
#[derive(InputObject)]
pub struct LinkForumInput {
    /// The forum that reports, or is the subgroup.
    pub forum_id: ID,
    /// The forum reported to, or the parent forum.
    pub target_forum_id: ID,
    /// REPORTS_TO or SUBGROUP_OF.
    pub kind: ForumLinkKind,
    /// First day the link holds.
    pub valid_from: Date,
    /// First day it no longer holds, if known.
    pub valid_to: Option<Date>,
    /// Who may see the link (default PUBLIC).
    #[graphql(default_with = "Sensitivity::Public")]
    pub sensitivity: Sensitivity,
}

/// Seat a member in a forum. Give exactly one of `memberOrganizationId`, `memberComponentId`
/// and `memberPostId`.
#[derive(InputObject)]
pub struct AddForumMembershipInput {
    /// The forum.
    pub forum_id: ID,
    /// The member, when an organisation.
    pub member_organization_id: Option<ID>,
    /// The member, when a mission component.
    pub member_component_id: Option<ID>,
    /// The member, when a post.
    pub member_post_id: Option<ID>,
    /// The capacity in which it sits.
    pub capacity: Capacity,
    /// Free-text note.
    pub note: Option<String>,
    /// First day of the membership; within the forum's existence.
    pub valid_from: Date,
    /// First day without it, if known.
    pub valid_to: Option<Date>,
    /// Who may see the membership (default PUBLIC).
    #[graphql(default_with = "Sensitivity::Public")]
    pub sensitivity: Sensitivity,
}

/// Change the capacity in which a member sits, from a date. The membership ends on `on` and a
/// new one in the new capacity starts on `on`, so the history keeps both.
#[derive(InputObject)]
pub struct ChangeMemberCapacityInput {
    /// The membership's global ID.
    pub id: ID,
    /// The version the client read; a stale version is refused with CONFLICT.
    pub version: i32,
    /// The new capacity; it must differ from the current one.
    pub capacity: Capacity,
    /// The first day in the new capacity; within the membership's validity.
    pub on: Date,
}
