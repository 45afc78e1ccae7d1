//! GraphQL types of coordination forums, the links between them and their memberships.

use async_graphql::{Context, Enum, Object, Union};
use chrono::NaiveDate;
use entity::enums::{Capacity as DbCapacity, ForumLinkKind as DbLinkKind};
use entity::{forum, forum_link, forum_membership};
use futures_util::future::try_join_all;
use uuid::Uuid;

use crate::domain::membership_history::Change;
use crate::graphql::cluster::{AreaOfResponsibility, Cluster};
use crate::graphql::cost;
use crate::graphql::enums::{Capacity, ForumKind, ForumLevel, ForumLinkKind};
use crate::graphql::mission::Mission;
use crate::graphql::organization::{GeographicArea, Organization};
use crate::graphql::record_object::record_object;
use crate::graphql::scalars::Date;
use crate::graphql::structure::{Component, Post};
use crate::services::forum::membership::{Member, MembershipChange as ServiceChange};

use crate::graphql::relations;

/// Chair first, then co-chairs, secretariat, members, observers, those present without
/// membership and liaisons: the order in which a forum's table is read.
fn capacity_rank(capacity: DbCapacity) -> u8 {
    match capacity {
        DbCapacity::Chair => 0,
        DbCapacity::CoChair => 1,
        DbCapacity::Secretariat => 2,
        DbCapacity::Member => 3,
        DbCapacity::Observer => 4,
        DbCapacity::PresentWithoutMembership => 5,
        DbCapacity::Liaison => 6,
    }
}

/// The memberships of `forum` on `on`, chair first (see [`capacity_rank`]), then oldest first.
async fn memberships_on(
    ctx: &Context<'_>,
    forum: Uuid,
    on: NaiveDate,
) -> async_graphql::Result<Vec<forum_membership::Model>> {
    let mut rows = relations::many::<forum_membership::Entity>(
        ctx,
        forum_membership::Column::ForumId,
        forum,
        Some(on),
    )
    .await?;
    rows.sort_by_key(|m| (capacity_rank(m.capacity), m.valid_from, m.id));
    Ok(rows)
}

/// Which end of a link the forum is on.
#[derive(Clone, Copy)]
enum End {
    /// The forum reports, or is the subgroup.
    Source,
    /// The forum is reported to, or is the parent.
    Target,
}

/// The links of `kind` (all kinds when `None`) at one end of `forum` on `on`.
async fn links_on(
    ctx: &Context<'_>,
    forum: Uuid,
    end: End,
    kind: Option<DbLinkKind>,
    on: NaiveDate,
) -> async_graphql::Result<Vec<forum_link::Model>> {
    let column = match end {
        End::Source => forum_link::Column::ForumId,
        End::Target => forum_link::Column::TargetForumId,
    };
    let rows = relations::many::<forum_link::Entity>(ctx, column, forum, Some(on)).await?;
    Ok(rows
        .into_iter()
        .filter(|l| kind.is_none_or(|k| l.kind == k))
        .collect())
}

/// The forums at the other end of the links of `kind` at one end of `forum` on `on`. The
/// lookups run concurrently, so the DataLoader batches them into one query.
async fn linked_forums(
    ctx: &Context<'_>,
    forum: Uuid,
    on: NaiveDate,
    end: End,
    kind: DbLinkKind,
) -> async_graphql::Result<Vec<Forum>> {
    let links = links_on(ctx, forum, end, Some(kind), on).await?;
    let others = links.iter().map(|l| {
        let other = match end {
            End::Source => l.target_forum_id,
            End::Target => l.forum_id,
        };
        relations::one::<forum::Entity>(ctx, Some(other))
    });
    let mut forums: Vec<forum::Model> = try_join_all(others).await?.into_iter().flatten().collect();
    forums.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    Ok(relations::wrap(forums, Forum))
}

record_object! {
    /// A recurring body where coordination or decisions happen: a Senior Management Group on POC, a
    /// Protection Cluster meeting, an early warning cell, the Humanitarian Country Team.
    pub struct Forum(entity::forum) is temporal;

    fields {
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
    }

    /// The mission it belongs to, if any.
    mission: one Mission(mission_id);
    /// The cluster it belongs to, if any.
    cluster: one Cluster(cluster_id);
    /// The AoR it belongs to, if any.
    area_of_responsibility: one AreaOfResponsibility(area_of_responsibility_id);
    /// Where it works.
    geographic_area: one GeographicArea(geographic_area_id);
    /// The post that established it, if known.
    established_by_post: one Post(established_by_post_id);
    /// The organisation that established it, if known.
    established_by_organization: one Organization(established_by_organization_id);

    field(cost::RELATION) {
        /// Who sits in the forum on `asOf` (default `defaultAsOf`: today, or the last day once ended):
        /// the chair first, then co-chairs, secretariat, members, observers, those present without
        /// membership and liaisons.
        async fn memberships(
            &self,
            ctx: &Context<'_>,
            #[graphql(
                desc = "The date to read the memberships on (default `defaultAsOf`: today, or the last day once ended)."
            )]
            as_of: Option<Date>,
            #[graphql(desc = "Only memberships in these capacities (default: all).")]
            capacities: Option<Vec<Capacity>>,
        ) -> async_graphql::Result<Vec<ForumMembership>> {
            let on = crate::graphql::as_of::within(ctx, as_of, &self.0)?;
            let wanted: Option<Vec<DbCapacity>> =
                capacities.map(|c| c.into_iter().map(Into::into).collect());
            let rows = memberships_on(ctx, self.0.id, on)
                .await?
                .into_iter()
                .filter(|m| wanted.as_ref().is_none_or(|w| w.contains(&m.capacity)))
                .collect();
            Ok(relations::wrap(rows, ForumMembership))
        }
    }

    fields {
        /// The membership in capacity CHAIR on `asOf` (default `defaultAsOf`: today, or the last day
        /// once ended); null when the forum has no chair that day.
        async fn chair(
            &self,
            ctx: &Context<'_>,
            #[graphql(
                desc = "The date to read the chair on (default `defaultAsOf`: today, or the last day once ended)."
            )]
            as_of: Option<Date>,
        ) -> async_graphql::Result<Option<ForumMembership>> {
            let on = crate::graphql::as_of::within(ctx, as_of, &self.0)?;
            let rows = memberships_on(ctx, self.0.id, on).await?;
            Ok(rows
                .into_iter()
                .find(|m| m.capacity == DbCapacity::Chair)
                .map(ForumMembership))
        }
    }

    /// The forums this one reports to on `asOf` (default `defaultAsOf`: today, or the last day once
    /// ended), by name.
    reports_to: many Forum from linked_forums(End::Source, DbLinkKind::ReportsTo),
        as_of "The date to read the links on (default `defaultAsOf`: today, or the last day once ended).";
    /// The forums this one is a subgroup of on `asOf` (default `defaultAsOf`: today, or the last
    /// day once ended), by name.
    subgroup_of: many Forum from linked_forums(End::Source, DbLinkKind::SubgroupOf),
        as_of "The date to read the links on (default `defaultAsOf`: today, or the last day once ended).";
    /// The forums reporting to this one on `asOf` (default `defaultAsOf`: today, or the last day
    /// once ended), by name.
    reporting_forums: many Forum from linked_forums(End::Target, DbLinkKind::ReportsTo),
        as_of "The date to read the links on (default `defaultAsOf`: today, or the last day once ended).";
    /// The subgroups of this forum on `asOf` (default `defaultAsOf`: today, or the last day once
    /// ended), by name.
    subgroups: many Forum from linked_forums(End::Target, DbLinkKind::SubgroupOf),
        as_of "The date to read the links on (default `defaultAsOf`: today, or the last day once ended).";

    field(cost::RELATION) {
        /// The links holding on `asOf` (default `defaultAsOf`: today, or the last day once ended) from
        /// this forum and to it, of both kinds: the edges to draw around it. `forum` and `target` tell
        /// the direction.
        async fn links(
            &self,
            ctx: &Context<'_>,
            #[graphql(
                desc = "The date to read the links on (default `defaultAsOf`: today, or the last day once ended)."
            )]
            as_of: Option<Date>,
        ) -> async_graphql::Result<Vec<ForumLink>> {
            let on = crate::graphql::as_of::within(ctx, as_of, &self.0)?;
            let (outgoing, incoming) = futures_util::try_join!(
                links_on(ctx, self.0.id, End::Source, None, on),
                links_on(ctx, self.0.id, End::Target, None, on),
            )?;
            let mut rows: Vec<forum_link::Model> = outgoing.into_iter().chain(incoming).collect();
            rows.sort_by_key(|l| (l.valid_from, l.id));
            Ok(relations::wrap(rows, ForumLink))
        }
    }
}

/// Who sits in a forum: an organisation (UNHCR, OCHA, the ICRC), a mission component (the
/// Public Information Office) or a post (the SRSG).
#[derive(Union, Clone)]
pub enum ForumMember {
    /// An organisation.
    Organization(Organization),
    /// A mission component.
    Component(Component),
    /// A post.
    Post(Post),
}

/// Loads the member a membership names; null when the caller may not see it.
async fn member(
    ctx: &Context<'_>,
    row: &forum_membership::Model,
) -> async_graphql::Result<Option<ForumMember>> {
    Ok(match Member::of(row) {
        Some(Member::Organization(id)) => {
            relations::one::<entity::organization::Entity>(ctx, Some(id))
                .await?
                .map(|m| ForumMember::Organization(Organization(m)))
        }
        Some(Member::Component(id)) => relations::one::<entity::component::Entity>(ctx, Some(id))
            .await?
            .map(|m| ForumMember::Component(Component(m))),
        Some(Member::Post(id)) => relations::one::<entity::post::Entity>(ctx, Some(id))
            .await?
            .map(|m| ForumMember::Post(Post(m))),
        None => None,
    })
}

record_object! {
    /// One forum reporting to, or being a subgroup of, another over a period.
    pub struct ForumLink(entity::forum_link) is relationship;

    fields {
        /// Reports to, or subgroup of.
        async fn kind(&self) -> ForumLinkKind {
            self.0.kind.into()
        }
    }

    /// The forum that reports or is the subgroup.
    forum: one Forum(forum_id);
    /// The forum reported to, or the parent forum.
    target: one Forum(target_forum_id);
}

record_object! {
    /// A seat in a forum over a period: who (an organisation, a component or a post) and in which
    /// capacity (chair, member, observer, present without membership...).
    pub struct ForumMembership(entity::forum_membership) is relationship;

    fields {
        /// The capacity in which the member sits.
        async fn capacity(&self) -> Capacity {
            self.0.capacity.into()
        }

        /// Free-text note.
        async fn note(&self) -> Option<&str> {
            self.0.note.as_deref()
        }
    }

    /// The forum.
    forum: one Forum(forum_id);

    fields {
        /// The member: an organisation, a component or a post (null if hidden from the caller).
        async fn member(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<ForumMember>> {
            member(ctx, &self.0).await
        }
    }

    /// The member, when an organisation.
    member_organization: one Organization(member_organization_id);
    /// The member, when a mission component.
    member_component: one Component(member_component_id);
    /// The member, when a post.
    member_post: one Post(member_post_id);
}

/// What happened to a seat in a forum.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum MembershipChangeKind {
    /// A membership started.
    Joined,
    /// A membership ended, and the member did not continue in another capacity.
    Left,
    /// A membership ended on the day another of the same member in the same forum started in
    /// another capacity.
    CapacityChanged,
}

impl From<Change> for MembershipChangeKind {
    fn from(change: Change) -> Self {
        match change {
            Change::Joined => Self::Joined,
            Change::Left => Self::Left,
            Change::CapacityChanged => Self::CapacityChanged,
        }
    }
}

/// One change in forum membership, and whether its answer was cut.
pub struct MembershipChange(pub(crate) ServiceChange, pub(crate) bool);

/// One change in forum membership: who joined, left or changed capacity, where, and when.
#[Object]
impl MembershipChange {
    /// The day of the change: the first day of the new membership (joined, capacity changed) or
    /// the first day without it (left).
    async fn date(&self) -> Date {
        self.0.date.into()
    }

    /// Joined, left or capacity changed.
    async fn change(&self) -> MembershipChangeKind {
        self.0.change.into()
    }

    /// The forum.
    async fn forum(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Forum>> {
        Ok(
            relations::one::<forum::Entity>(ctx, Some(self.0.membership.forum_id))
                .await?
                .map(Forum),
        )
    }

    /// The member.
    async fn member(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<ForumMember>> {
        member(ctx, &self.0.membership).await
    }

    /// The capacity after the change; for LEFT, the capacity the member left.
    async fn capacity(&self) -> Capacity {
        self.0.capacity.into()
    }

    /// For CAPACITY_CHANGED, the capacity before; otherwise null.
    async fn previous_capacity(&self) -> Option<Capacity> {
        self.0.previous_capacity.map(Into::into)
    }

    /// The membership that starts (JOINED, CAPACITY_CHANGED) or ends (LEFT).
    async fn membership(&self) -> ForumMembership {
        ForumMembership(self.0.membership.clone())
    }

    /// For CAPACITY_CHANGED, the membership that ended that day; otherwise null.
    async fn previous_membership(&self) -> Option<ForumMembership> {
        self.0.previous_membership.clone().map(ForumMembership)
    }

    /// More changes existed than the answer lists: it holds the first `first` of them in date
    /// order (100 when `first` is not given); ask again with a later `from` for the rest. The
    /// same for every change of an answer. Seen by whoever may read the history.
    async fn changes_truncated(&self) -> bool {
        self.1
    }
}
