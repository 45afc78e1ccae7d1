//! The answer of `whoDecides`: the holders of each kind of right over a decision area, each with
//! the path that explains why it holds the right, who exercises it and where it escalates.

use async_graphql::{Context, Enum, Object};
use chrono::NaiveDate;
use uuid::Uuid;

use super::chains::ReportingChain;
use super::loaded::{DecisionHolder, Loaded};
use crate::domain::analysis::cut;
use crate::domain::analysis::decisions::{
    self as pure, AppliedScope as PureScope, Occupancy, Occupant, PathStep,
};
use crate::domain::analysis::{Holder, Member};
use crate::domain::delegation::kind_name;
use crate::domain::validity::Validity;
use crate::graphql::as_of::EffectiveDate;
use crate::graphql::cost;
use crate::graphql::decision::{DecisionArea, DecisionRight};
use crate::graphql::document::SourceCitation;
use crate::graphql::enums::{Capacity, RightKind};
use crate::graphql::forum::{Forum, ForumMember, ForumMembership};
use crate::graphql::mission::Mission;
use crate::graphql::scalars::Date;
use crate::graphql::structure::{Assignment, Person, Post};
use crate::services::analysis::{holder_of, Records};

/// Which grants an answer rests on.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum AppliedScope {
    /// The mission's own grants for the area.
    Mission,
    /// The global defaults: the mission has no grant of its own for the area on the date.
    Global,
    /// Neither the mission nor the global defaults grant anything on the area on the date.
    NoGrant,
}

impl From<PureScope> for AppliedScope {
    fn from(scope: PureScope) -> Self {
        match scope {
            PureScope::Mission => Self::Mission,
            PureScope::Global => Self::Global,
            PureScope::NoGrant => Self::NoGrant,
        }
    }
}

/// Who decides on a decision area in a mission on a date.
pub struct WhoDecides {
    pub(super) effective: EffectiveDate,
    pub(super) loaded: Loaded,
    pub(super) answer: pure::WhoDecides,
}

/// Who decides on a decision area in a mission on a date: the holders of each kind of right
/// (decides, approves, endorses, recommends, consulted, informed, executes), each with the path
/// that explains why, who exercises the right, where it escalates and the sources that state it.
#[Object]
impl WhoDecides {
    /// The decision area asked about.
    async fn area(&self, ctx: &Context<'_>) -> async_graphql::Result<DecisionArea> {
        let id = self.answer.area_id.unwrap_or_default();
        Loaded::required(self.loaded.decision_area(ctx, id), "decision area")
    }

    /// The mission asked about.
    async fn mission(&self, ctx: &Context<'_>) -> async_graphql::Result<Mission> {
        Loaded::required(self.loaded.mission(ctx, self.answer.mission_id), "mission")
    }

    /// The date the answer holds on.
    async fn as_of(&self) -> Date {
        self.answer.as_of.into()
    }

    /// The date the answer holds on and why: the `asOf` given, today, or the mission's last
    /// day when it has closed and no date was given.
    async fn effective_date(&self) -> &EffectiveDate {
        &self.effective
    }

    /// Some holders were left out to keep the answer bounded: at most 20 in all, taken in the
    /// order of the groups.
    async fn truncated(&self) -> bool {
        self.answer.truncated
    }

    /// Whether the mission's own grants applied, or the global defaults because the mission has
    /// none for this area on the date.
    async fn applied(&self) -> AppliedScope {
        self.answer.applied.into()
    }

    /// One group per kind of right that has holders, in the order DECIDES, APPROVES, ENDORSES,
    /// RECOMMENDS, CONSULTED, INFORMED, EXECUTES.
    #[graphql(
        complexity = "crate::graphql::cost::partition(crate::graphql::cost::RIGHT_KINDS, child_complexity)"
    )]
    async fn groups(&self) -> Vec<RightGroup> {
        self.answer
            .groups
            .iter()
            .map(|g| RightGroup {
                loaded: self.loaded.clone(),
                group: g.clone(),
            })
            .collect()
    }

    /// The holders of one kind of right (empty when nobody holds it).
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::HOLDERS, child_complexity)"
    )]
    async fn holders(
        &self,
        #[graphql(desc = "The kind of right.")] kind: RightKind,
    ) -> Vec<RightHolder> {
        let kind: entity::enums::RightKind = kind.into();
        self.answer
            .groups
            .iter()
            .filter(|g| g.kind == kind)
            .flat_map(|g| &g.holders)
            .map(|h| RightHolder::new(&self.loaded, h))
            .collect()
    }
}

/// The holders of one kind of right.
pub struct RightGroup {
    loaded: Loaded,
    group: pure::RightGroup,
}

/// The holders of one kind of right over the area.
#[Object]
impl RightGroup {
    /// The kind of right.
    async fn kind(&self) -> RightKind {
        self.group.kind.into()
    }

    /// Its holders: unscoped rights first, then by scope.
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::HOLDERS, child_complexity)"
    )]
    async fn holders(&self) -> Vec<RightHolder> {
        self.group
            .holders
            .iter()
            .map(|h| RightHolder::new(&self.loaded, h))
            .collect()
    }
}

/// One holder of a right.
pub struct RightHolder {
    loaded: Loaded,
    holder: pure::ResolvedHolder,
}

impl RightHolder {
    /// The citations of the right (every party's, for a joint decision) the caller may see.
    fn citations(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<SourceCitation>> {
        if self.holder.parties.is_empty() {
            return self.loaded.citations(ctx, self.holder.right_id);
        }
        let mut out = Vec::new();
        for party in &self.holder.parties {
            out.extend(self.loaded.citations(ctx, party.right_id)?);
        }
        Ok(out)
    }

    fn new(loaded: &Loaded, holder: &pure::ResolvedHolder) -> Self {
        Self {
            loaded: loaded.clone(),
            holder: holder.clone(),
        }
    }
}

/// One holder of a right, with why it holds it, who exercises it and where it escalates. A joint
/// decision of several holders is one entry, with its `parties`.
#[Object]
impl RightHolder {
    /// The right itself.
    async fn right(&self, ctx: &Context<'_>) -> async_graphql::Result<DecisionRight> {
        Loaded::required(self.loaded.right(ctx, self.holder.right_id), "right")
    }

    /// Who holds it; null when the caller may not see the holder.
    async fn holder(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<DecisionHolder>> {
        self.loaded.holder(ctx, self.holder.holder)
    }

    /// What the right is narrowed to (e.g. `police units`); null for the whole area.
    async fn scope(&self) -> Option<&str> {
        self.holder.scope.as_deref()
    }

    /// Whether the right must not be delegated (e.g. the Head of Mission's accountability for
    /// the POC strategy).
    async fn non_delegable(&self) -> bool {
        self.holder.non_delegable
    }

    /// Why the holder holds the right, from the root grant down: a direct grant, then each
    /// delegation with its dates, then, for a forum, the chair (or co-chair) exercising it.
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::PATH_STEPS, child_complexity)"
    )]
    async fn path(&self) -> Vec<DecisionPathStep> {
        cut::first(&self.holder.path, cost::PATH_STEPS)
            .0
            .iter()
            .map(|step| DecisionPathStep {
                loaded: self.loaded.clone(),
                step: step.clone(),
            })
            .collect()
    }

    /// More steps existed than the 5 listed (the list is cut at 5, which the query is
    /// charged for). Seen by whoever may see this answer.
    async fn path_truncated(&self) -> bool {
        self.holder.path.len() > cost::PATH_STEPS
    }

    /// A right this one was delegated from no longer holds on the date: the delegation should
    /// have ended with it (see the governance gaps).
    async fn delegator_lapsed(&self) -> bool {
        self.holder.delegator_lapsed
    }

    /// The posts that exercise the right on the date (the post holding it, the head of the
    /// component holding it, the chair of the forum holding it) and who sits in them; empty when
    /// an organisation holds it or nobody chairs the forum.
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::EXERCISING_POSTS, child_complexity)"
    )]
    async fn exercised_by(&self) -> Vec<PostOccupancy> {
        cut::first(&self.holder.exercised_by, cost::EXERCISING_POSTS)
            .0
            .iter()
            .map(|o| PostOccupancy {
                loaded: self.loaded.clone(),
                occupancy: o.clone(),
            })
            .collect()
    }

    /// More posts exercising the right existed than the 3 listed (the list is cut at 3, which the query is
    /// charged for). Seen by whoever may see this answer.
    async fn exercised_by_truncated(&self) -> bool {
        self.holder.exercised_by.len() > cost::EXERCISING_POSTS
    }

    /// For a DECIDES right: the LINE reporting chains above the posts exercising it, up to the
    /// top of the mission and on to UN HQ or the Security Council where the data has it.
    /// Empty for the other kinds.
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::ESCALATION_CHAINS, child_complexity)"
    )]
    async fn escalation(&self) -> Vec<ReportingChain> {
        self.holder
            .escalation
            .iter()
            .map(|c| ReportingChain::new(&self.loaded, c))
            .collect()
    }

    /// Some escalation chains were cut to keep the answer bounded.
    async fn escalation_truncated(&self) -> bool {
        self.holder.escalation_truncated
    }

    /// The documents and paragraphs that state the right (every party's, for a joint decision).
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::RIGHT_SOURCES, child_complexity)"
    )]
    async fn sources(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<SourceCitation>> {
        Ok(cut::Capped::new(self.citations(ctx)?, cost::RIGHT_SOURCES).items)
    }

    /// More citations existed than the 3 listed (the list is cut at 3, which the query is
    /// charged for). Seen by whoever may see this answer.
    async fn sources_truncated(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
        Ok(self.citations(ctx)?.len() > cost::RIGHT_SOURCES)
    }

    /// The joint decision the right is part of, e.g. `COUNTRY_LEAD_AGREEMENT`; null for a right
    /// held alone.
    async fn joint_decision(&self) -> Option<&str> {
        self.holder.joint_decision.as_deref()
    }

    /// For a joint decision (rights of one kind and scope with the same `jointDecision`): every
    /// party the caller may see, this entry's own right first. The entry stands for the whole
    /// decision: its `exercisedBy`, `escalation` and `sources` cover every party. Empty for a
    /// right held alone.
    #[graphql(complexity = "3 * child_complexity")]
    async fn parties(&self) -> Vec<JointDecisionParty> {
        self.holder
            .parties
            .iter()
            .map(|party| JointDecisionParty {
                loaded: self.loaded.clone(),
                party: *party,
            })
            .collect()
    }
}

/// One party to a joint decision.
pub struct JointDecisionParty {
    loaded: Loaded,
    party: pure::JointParty,
}

/// One party to a joint decision: its right and who holds it.
#[Object]
impl JointDecisionParty {
    /// The party's right.
    async fn right(&self, ctx: &Context<'_>) -> async_graphql::Result<DecisionRight> {
        Loaded::required(self.loaded.right(ctx, self.party.right_id), "right")
    }

    /// Who holds it; null when the caller may not see the holder.
    async fn holder(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<DecisionHolder>> {
        self.loaded.holder(ctx, self.party.holder)
    }

    /// First day the party's right holds.
    async fn valid_from(&self) -> Date {
        self.party.validity.from.into()
    }

    /// First day the party's right no longer holds; null while it does.
    async fn valid_to(&self) -> Option<Date> {
        self.party.validity.to.map(Into::into)
    }
}

/// What a step of a decision path stands for.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum PathStepKind {
    /// The root: a right granted to its holder directly.
    DirectGrant,
    /// A right delegated from the right of the previous step.
    Delegation,
    /// A forum's right exercised by whoever chairs (or co-chairs) the forum on the date.
    ExercisedByChair,
}

/// One step of the explanation of why a holder holds a right.
pub struct DecisionPathStep {
    loaded: Loaded,
    step: PathStep,
}

/// One step of the explanation of why a holder holds a right. DIRECT_GRANT and DELEGATION steps
/// have `right`, `holder` and `rightKind` (DELEGATION also `delegatedFrom`); EXERCISED_BY_CHAIR
/// steps have `forum`, `membership`, `chair` and `capacity`. Dates are those of the right or of
/// the chair's seat.
#[Object]
impl DecisionPathStep {
    /// What the step stands for.
    async fn kind(&self) -> PathStepKind {
        match self.step {
            PathStep::DirectGrant { .. } => PathStepKind::DirectGrant,
            PathStep::Delegation { .. } => PathStepKind::Delegation,
            PathStep::ExercisedByChair { .. } => PathStepKind::ExercisedByChair,
        }
    }

    /// The step in words, e.g. `Granted directly: Force Commander DECIDES (from 2008-01-01)`.
    async fn explanation(&self) -> String {
        let records = self.loaded.records();
        let names = NamesOf(records);
        match &self.step {
            PathStep::DirectGrant {
                holder,
                kind,
                validity,
                ..
            } => format!(
                "Granted directly: {} {} ({})",
                names.holder(*holder),
                kind_name(*kind),
                period(validity.from, validity.to)
            ),
            PathStep::Delegation {
                holder,
                kind,
                validity,
                delegated_from,
                ..
            } => {
                let from = delegated_from
                    .and_then(|id| records.rights.get(&id))
                    .and_then(holder_of)
                    .map(|h| names.holder(h))
                    .unwrap_or_else(|| "a holder not shown".to_owned());
                format!(
                    "Delegated by {from}: {} {} ({})",
                    names.holder(*holder),
                    kind_name(*kind),
                    period(validity.from, validity.to)
                )
            }
            PathStep::ExercisedByChair {
                forum_id,
                chair,
                capacity,
                validity,
                ..
            } => format!(
                "Exercised by {}, {} of {} ({})",
                names.member(*chair),
                match capacity {
                    entity::enums::Capacity::CoChair => "co-chair",
                    _ => "chair",
                },
                names.forum(*forum_id),
                period(validity.from, validity.to)
            ),
        }
    }

    /// The right of a DIRECT_GRANT or DELEGATION step.
    async fn right(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<DecisionRight>> {
        match self.step {
            PathStep::DirectGrant { right_id, .. } | PathStep::Delegation { right_id, .. } => {
                self.loaded.right(ctx, right_id)
            }
            PathStep::ExercisedByChair { .. } => Ok(None),
        }
    }

    /// The right a DELEGATION step was delegated from; null when the caller may not see it (the
    /// path then starts at this step).
    async fn delegated_from(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<DecisionRight>> {
        match self.step {
            PathStep::Delegation {
                delegated_from: Some(id),
                ..
            } => self.loaded.right(ctx, id),
            _ => Ok(None),
        }
    }

    /// Who holds the right of a DIRECT_GRANT or DELEGATION step.
    async fn holder(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<DecisionHolder>> {
        match self.step {
            PathStep::DirectGrant { holder, .. } | PathStep::Delegation { holder, .. } => {
                self.loaded.holder(ctx, holder)
            }
            PathStep::ExercisedByChair { .. } => Ok(None),
        }
    }

    /// The kind of right of a DIRECT_GRANT or DELEGATION step.
    async fn right_kind(&self) -> Option<RightKind> {
        match self.step {
            PathStep::DirectGrant { kind, .. } | PathStep::Delegation { kind, .. } => {
                Some(kind.into())
            }
            PathStep::ExercisedByChair { .. } => None,
        }
    }

    /// The forum of an EXERCISED_BY_CHAIR step.
    async fn forum(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Forum>> {
        match self.step {
            PathStep::ExercisedByChair { forum_id, .. } => self.loaded.forum(ctx, forum_id),
            _ => Ok(None),
        }
    }

    /// The chair's seat of an EXERCISED_BY_CHAIR step.
    async fn membership(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<ForumMembership>> {
        match self.step {
            PathStep::ExercisedByChair { membership_id, .. } => {
                self.loaded.membership(ctx, membership_id)
            }
            _ => Ok(None),
        }
    }

    /// Who chairs the forum, in an EXERCISED_BY_CHAIR step.
    async fn chair(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<ForumMember>> {
        match self.step {
            PathStep::ExercisedByChair { chair, .. } => self.loaded.member(ctx, chair),
            _ => Ok(None),
        }
    }

    /// CHAIR or CO_CHAIR, in an EXERCISED_BY_CHAIR step.
    async fn capacity(&self) -> Option<Capacity> {
        match self.step {
            PathStep::ExercisedByChair { capacity, .. } => Some(capacity.into()),
            _ => None,
        }
    }

    /// First day of the right or seat.
    async fn valid_from(&self) -> Date {
        validity(&self.step).from.into()
    }

    /// First day the right or seat no longer holds; null while it does.
    async fn valid_to(&self) -> Option<Date> {
        validity(&self.step).to.map(Into::into)
    }
}

fn validity(step: &PathStep) -> Validity {
    match step {
        PathStep::DirectGrant { validity, .. }
        | PathStep::Delegation { validity, .. }
        | PathStep::ExercisedByChair { validity, .. } => *validity,
    }
}

fn period(from: NaiveDate, to: Option<NaiveDate>) -> String {
    match to {
        Some(to) => format!("from {from} until {to}"),
        None => format!("from {from}"),
    }
}

/// Display names of loaded records, for explanations.
struct NamesOf<'a>(&'a Records);

impl NamesOf<'_> {
    fn holder(&self, holder: Holder) -> String {
        let r = self.0;
        match holder {
            Holder::Post(id) => r.posts.get(&id).map(|p| p.title.clone()),
            Holder::Component(id) => r.components.get(&id).map(|c| c.name.clone()),
            Holder::Organization(id) => r.organizations.get(&id).map(|o| o.name.clone()),
            Holder::Forum(id) => r.forums.get(&id).map(|f| f.name.clone()),
        }
        .unwrap_or_else(|| "a holder not shown".to_owned())
    }

    fn member(&self, member: Member) -> String {
        let r = self.0;
        match member {
            Member::Post(id) => r.posts.get(&id).map(|p| p.title.clone()),
            Member::Component(id) => r.components.get(&id).map(|c| c.name.clone()),
            Member::Organization(id) => r.organizations.get(&id).map(|o| o.name.clone()),
        }
        .unwrap_or_else(|| "a member not shown".to_owned())
    }

    fn forum(&self, id: Uuid) -> String {
        self.0
            .forums
            .get(&id)
            .map(|f| f.name.clone())
            .unwrap_or_else(|| "a forum not shown".to_owned())
    }
}

/// A post exercising a right and who sits in it.
pub struct PostOccupancy {
    loaded: Loaded,
    occupancy: Occupancy,
}

/// A post exercising a right and the people assigned to it on the date.
#[Object]
impl PostOccupancy {
    /// The post; null when the caller may not see it.
    async fn post(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Post>> {
        self.loaded.post(ctx, self.occupancy.post_id)
    }

    /// Nobody is assigned to the post on the date.
    async fn vacant(&self) -> bool {
        self.occupancy.occupants.is_empty()
    }

    /// Some holder of the post is recorded, on the date or another. A post that is `vacant`
    /// with no holder recorded is one whose holders are unknown, not one known to be vacant.
    async fn holder_recorded(&self) -> bool {
        self.occupancy.holder_recorded
    }

    /// The people in the post on the date (an acting holder may overlap).
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::OCCUPANTS, child_complexity)"
    )]
    async fn occupants(&self) -> Vec<PostOccupant> {
        cut::first(&self.occupancy.occupants, cost::OCCUPANTS)
            .0
            .iter()
            .map(|o| PostOccupant {
                loaded: self.loaded.clone(),
                occupant: *o,
            })
            .collect()
    }

    /// More occupants existed than the 2 listed (the list is cut at 2, which the query is
    /// charged for). Seen by whoever may see this answer.
    async fn occupants_truncated(&self) -> bool {
        self.occupancy.occupants.len() > cost::OCCUPANTS
    }
}

/// A person in a post on the date.
pub struct PostOccupant {
    loaded: Loaded,
    occupant: Occupant,
}

/// A person in a post on the date.
#[Object]
impl PostOccupant {
    /// The assignment.
    async fn assignment(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Assignment>> {
        self.loaded.assignment(ctx, self.occupant.assignment_id)
    }

    /// The person; null when the caller may not see them.
    async fn person(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Person>> {
        self.loaded.person(ctx, self.occupant.person_id)
    }

    /// Whether the person only acts in the post.
    async fn acting(&self) -> bool {
        self.occupant.acting
    }
}
