//! The answer of `integrationProfile`.

use async_graphql::{Context, Enum, Object};
use uuid::Uuid;

use super::loaded::Loaded;
use crate::domain::analysis::cut;
use crate::domain::analysis::integration::{
    self as pure, HumanitarianBasis as PureBasis, PlacementVia as PureVia,
};
use crate::graphql::as_of::EffectiveDate;
use crate::graphql::cost;
use crate::graphql::enums::{Capacity, ComponentSpecialty, OrganizationKind, RiskEnvironment};
use crate::graphql::forum::{Forum, ForumMembership};
use crate::graphql::mission::Mission;
use crate::graphql::node::Node;
use crate::graphql::organization::Organization;
use crate::graphql::scalars::Date;
use crate::graphql::structure::{Component, Post};

/// The integration profile of a mission on a date.
pub struct IntegrationProfile {
    pub(super) effective: EffectiveDate,
    pub(super) loaded: Loaded,
    pub(super) answer: pure::IntegrationProfile,
}

/// How integrated a mission is on a date: whether the UN presence is integrated and whether
/// structurally (one post wearing the DSRSG, RC and HC hats), under which DSRSG each
/// protection-relevant component sits, which humanitarian organisations sit in the mission's
/// forums, and the IASC caution where structural integration meets a high-risk environment.
/// Every finding lists the records it rests on.
#[Object]
impl IntegrationProfile {
    /// The mission.
    async fn mission(&self, ctx: &Context<'_>) -> async_graphql::Result<Mission> {
        Loaded::required(
            self.loaded
                .mission_on(ctx, self.answer.mission_id, self.answer.as_of),
            "mission",
        )
    }

    /// The date the profile holds on.
    async fn as_of(&self) -> Date {
        self.answer.as_of.into()
    }

    /// The date the answer holds on and why: the `asOf` given, today, or the mission's last
    /// day when it has closed and no date was given.
    async fn effective_date(&self) -> &EffectiveDate {
        &self.effective
    }

    /// The mission's own flag: mission and UN Country Team under one strategic framework.
    async fn integrated_presence(&self) -> BooleanFinding {
        BooleanFinding {
            loaded: self.loaded.clone(),
            value: self.answer.integrated_presence.value,
            based_on: self.answer.integrated_presence.based_on.clone(),
        }
    }

    /// Some post of the mission wears a DSRSG hat, the Resident Coordinator hat and the
    /// Humanitarian Coordinator hat on the date; based on those posts and hats.
    async fn structurally_integrated(&self) -> BooleanFinding {
        BooleanFinding {
            loaded: self.loaded.clone(),
            value: self.answer.structurally_integrated.value,
            based_on: self.answer.structurally_integrated.based_on.clone(),
        }
    }

    /// The posts wearing the three hats on the date.
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::DSRSG_POSTS, child_complexity)"
    )]
    async fn triple_hatted_posts(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Post>> {
        Ok(cut::Capped::new(
            self.loaded.posts(ctx, &self.answer.triple_hatted_posts)?,
            cost::DSRSG_POSTS,
        )
        .items)
    }

    /// More triple-hatted posts existed than the 2 listed (the list is cut at 2, which the query is
    /// charged for). Seen by whoever may see this answer.
    async fn triple_hatted_posts_truncated(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<bool> {
        Ok(self
            .loaded
            .posts(ctx, &self.answer.triple_hatted_posts)?
            .len()
            > cost::DSRSG_POSTS)
    }

    /// The risk environment the mission works in.
    async fn risk_environment(&self) -> RiskFinding {
        RiskFinding {
            loaded: self.loaded.clone(),
            finding: self.answer.risk_environment.clone(),
        }
    }

    /// Set when structural integration meets a HIGH or VERY_HIGH risk environment.
    async fn caution(&self) -> Option<IntegrationCaution> {
        self.answer.caution.as_ref().map(|c| IntegrationCaution {
            loaded: self.loaded.clone(),
            caution: c.clone(),
        })
    }

    /// Where each protection-relevant component (human rights, child protection, women
    /// protection, civil affairs, POC unit) valid on the date sits.
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::PLACEMENTS, child_complexity)"
    )]
    async fn components(&self) -> Vec<ComponentPlacement> {
        cut::first(&self.answer.components, cost::PLACEMENTS)
            .0
            .iter()
            .map(|p| ComponentPlacement {
                loaded: self.loaded.clone(),
                placement: p.clone(),
            })
            .collect()
    }

    /// More protection-relevant components existed than the 10 listed (the list is cut at 10, which the query is
    /// charged for). Seen by whoever may see this answer.
    async fn components_truncated(&self) -> bool {
        self.answer.components.len() > cost::PLACEMENTS
    }

    /// The humanitarian organisations sitting in the mission's forums on the date, and in which
    /// capacity.
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::HUMANITARIAN_SEATS, child_complexity)"
    )]
    async fn humanitarian_seats(&self) -> Vec<HumanitarianSeat> {
        cut::first(&self.answer.humanitarian_seats, cost::HUMANITARIAN_SEATS)
            .0
            .iter()
            .map(|s| HumanitarianSeat {
                loaded: self.loaded.clone(),
                seat: s.clone(),
            })
            .collect()
    }

    /// More humanitarian seats existed than the 20 listed (the list is cut at 20, which the query is
    /// charged for). Seen by whoever may see this answer.
    async fn humanitarian_seats_truncated(&self) -> bool {
        self.answer.humanitarian_seats.len() > cost::HUMANITARIAN_SEATS
    }
}

/// A yes-or-no finding and the records it rests on.
pub struct BooleanFinding {
    loaded: Loaded,
    value: bool,
    based_on: Vec<Uuid>,
}

/// A yes-or-no finding and the records it rests on.
#[Object]
impl BooleanFinding {
    /// The finding.
    async fn value(&self) -> bool {
        self.value
    }

    /// The records the finding rests on (the caller sees those it may see).
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::BASED_ON, child_complexity)"
    )]
    async fn based_on(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Node>> {
        Ok(self
            .loaded
            .nodes_upto(ctx, &self.based_on, cost::BASED_ON)?
            .items)
    }

    /// More records existed than the 5 listed (the list is cut at 5, which the query is
    /// charged for). Seen by whoever may see this answer.
    async fn based_on_truncated(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
        Ok(self
            .loaded
            .nodes_upto(ctx, &self.based_on, cost::BASED_ON)?
            .truncated)
    }
}

/// The risk environment and the record it is read from.
pub struct RiskFinding {
    loaded: Loaded,
    finding: pure::Finding<Option<entity::enums::RiskEnvironment>>,
}

/// The risk environment of a mission and the record it is read from.
#[Object]
impl RiskFinding {
    /// The risk environment; null when the mission does not record it.
    async fn value(&self) -> Option<RiskEnvironment> {
        self.finding.value.map(Into::into)
    }

    /// The records the finding rests on.
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::BASED_ON, child_complexity)"
    )]
    async fn based_on(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Node>> {
        Ok(self
            .loaded
            .nodes_upto(ctx, &self.finding.based_on, cost::BASED_ON)?
            .items)
    }

    /// More records existed than the 5 listed (the list is cut at 5, which the query is
    /// charged for). Seen by whoever may see this answer.
    async fn based_on_truncated(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
        Ok(self
            .loaded
            .nodes_upto(ctx, &self.finding.based_on, cost::BASED_ON)?
            .truncated)
    }
}

/// The IASC caution.
pub struct IntegrationCaution {
    loaded: Loaded,
    caution: pure::Caution,
}

/// The IASC caution about structural integration in a high-risk environment.
#[Object]
impl IntegrationCaution {
    /// Why caution is urged.
    async fn message(&self) -> &str {
        &self.caution.message
    }

    /// The mission and the triple-hatted posts and hats it rests on.
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::BASED_ON, child_complexity)"
    )]
    async fn based_on(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Node>> {
        Ok(self
            .loaded
            .nodes_upto(ctx, &self.caution.based_on, cost::BASED_ON)?
            .items)
    }

    /// More records existed than the 5 listed (the list is cut at 5, which the query is
    /// charged for). Seen by whoever may see this answer.
    async fn based_on_truncated(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
        Ok(self
            .loaded
            .nodes_upto(ctx, &self.caution.based_on, cost::BASED_ON)?
            .truncated)
    }
}

/// Which record placed a component under a DSRSG.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum PlacementVia {
    /// The component's head post itself wears a DSRSG hat.
    HeadPost,
    /// The head post's LINE reporting chain reaches a DSRSG.
    HeadPostLine,
    /// The component's own LINE reporting line reaches a DSRSG.
    ComponentLine,
}

impl From<PureVia> for PlacementVia {
    fn from(via: PureVia) -> Self {
        match via {
            PureVia::HeadPost => Self::HeadPost,
            PureVia::HeadPostLine => Self::HeadPostLine,
            PureVia::ComponentLine => Self::ComponentLine,
        }
    }
}

/// Where a protection-relevant component sits.
pub struct ComponentPlacement {
    loaded: Loaded,
    placement: pure::ComponentPlacement,
}

/// The DSRSG a protection-relevant component sits under, climbing its parent components until
/// a head post or a LINE reporting line reaches one.
#[Object]
impl ComponentPlacement {
    /// The component.
    async fn component(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Component>> {
        self.loaded.component(ctx, self.placement.component_id)
    }

    /// Its specialty.
    async fn specialty(&self) -> ComponentSpecialty {
        self.placement.specialty.into()
    }

    /// The DSRSG posts it sits under (one in sane data); empty when no DSRSG is found above it:
    /// it then sits directly under the Head of Mission, or nowhere on record.
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::DSRSG_POSTS, child_complexity)"
    )]
    async fn dsrsg_posts(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Post>> {
        Ok(cut::Capped::new(
            self.loaded.posts(ctx, &self.placement.dsrsg_posts)?,
            cost::DSRSG_POSTS,
        )
        .items)
    }

    /// More DSRSG posts existed than the 2 listed (the list is cut at 2, which the query is
    /// charged for). Seen by whoever may see this answer.
    async fn dsrsg_posts_truncated(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
        Ok(self.loaded.posts(ctx, &self.placement.dsrsg_posts)?.len() > cost::DSRSG_POSTS)
    }

    /// Which record placed it; null when not placed.
    async fn via(&self) -> Option<PlacementVia> {
        self.placement.via.map(Into::into)
    }

    /// The enclosing component whose head or lines placed it, when not the component itself.
    async fn through_component(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<Component>> {
        match self.placement.through_component {
            Some(id) => self.loaded.component(ctx, id),
            None => Ok(None),
        }
    }

    /// The components climbed, head post, reporting lines and DSRSG hat the placement rests on.
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::BASED_ON, child_complexity)"
    )]
    async fn based_on(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Node>> {
        Ok(self
            .loaded
            .nodes_upto(ctx, &self.placement.based_on, cost::BASED_ON)?
            .items)
    }

    /// More records existed than the 5 listed (the list is cut at 5, which the query is
    /// charged for). Seen by whoever may see this answer.
    async fn based_on_truncated(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
        Ok(self
            .loaded
            .nodes_upto(ctx, &self.placement.based_on, cost::BASED_ON)?
            .truncated)
    }
}

/// Why an organisation counts as humanitarian.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum HumanitarianBasis {
    /// A UN agency, an NGO or a member of the Red Cross movement.
    OrganizationKind,
    /// It leads or co-leads a cluster or an AoR on the date.
    LeadsClusterOrAor,
    /// A UN Secretariat office (OCHA, OHCHR) sitting in a cluster, AoR or Humanitarian Country
    /// Team forum on the date.
    SitsInHumanitarianForum,
}

/// A humanitarian organisation's seat in a mission forum.
pub struct HumanitarianSeat {
    loaded: Loaded,
    seat: pure::HumanitarianSeat,
}

/// A humanitarian organisation sitting in one of the mission's forums, and in which capacity.
#[Object]
impl HumanitarianSeat {
    /// The organisation.
    async fn organization(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Organization>> {
        self.loaded.organization(ctx, self.seat.organization_id)
    }

    /// The kind of organisation.
    async fn organization_kind(&self) -> OrganizationKind {
        self.seat.organization_kind.into()
    }

    /// The mission forum.
    async fn forum(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Forum>> {
        self.loaded.forum(ctx, self.seat.forum_id)
    }

    /// The seat.
    async fn membership(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<ForumMembership>> {
        self.loaded.membership(ctx, self.seat.membership_id)
    }

    /// In which capacity it sits (observer, member, ...).
    async fn capacity(&self) -> Capacity {
        self.seat.capacity.into()
    }

    /// Since when it sits there in this capacity.
    async fn since(&self) -> Date {
        self.seat.since.into()
    }

    /// Why the organisation counts as humanitarian.
    async fn basis(&self) -> HumanitarianBasis {
        match self.seat.basis {
            PureBasis::OrganizationKind => HumanitarianBasis::OrganizationKind,
            PureBasis::LeadsClusterOrAor { .. } => HumanitarianBasis::LeadsClusterOrAor,
            PureBasis::SitsInHumanitarianForum { .. } => HumanitarianBasis::SitsInHumanitarianForum,
        }
    }

    /// The record behind the basis: the lead agency (LEADS_CLUSTER_OR_AOR) or the seat in a
    /// humanitarian forum (SITS_IN_HUMANITARIAN_FORUM); null for ORGANIZATION_KIND.
    async fn basis_record(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Node>> {
        match self.seat.basis {
            PureBasis::OrganizationKind => Ok(None),
            PureBasis::LeadsClusterOrAor { lead_id: id }
            | PureBasis::SitsInHumanitarianForum { membership_id: id } => self.loaded.node(ctx, id),
        }
    }

    /// The seat, the organisation and the basis record.
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::BASED_ON, child_complexity)"
    )]
    async fn based_on(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Node>> {
        Ok(self
            .loaded
            .nodes_upto(ctx, &self.seat.based_on, cost::BASED_ON)?
            .items)
    }

    /// More records existed than the 5 listed (the list is cut at 5, which the query is
    /// charged for). Seen by whoever may see this answer.
    async fn based_on_truncated(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
        Ok(self
            .loaded
            .nodes_upto(ctx, &self.seat.based_on, cost::BASED_ON)?
            .truncated)
    }
}
