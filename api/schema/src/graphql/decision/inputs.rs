//! Arguments of the decision area list (filters, orderings) and the inputs of the decision
//! mutations.

use async_graphql::{Enum, InputObject, MaybeUndefined, ID};

use crate::graphql::enums::{RightKind, Sensitivity};
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::scalars::Date;
use crate::services::decision as service;

/// Filters of the decision area list; all given filters must hold.
#[derive(InputObject, Default)]
pub struct DecisionAreaFilter {
    /// Only records of these sensitivities (within what the caller may see).
    pub sensitivities: Option<Vec<crate::graphql::enums::Sensitivity>>,
    /// Case-insensitive text matched against code and name.
    pub search: Option<String>,
    /// Include archived decision areas (default false).
    #[graphql(default)]
    pub include_archived: bool,
}

impl From<DecisionAreaFilter> for service::DecisionAreaFilter {
    fn from(f: DecisionAreaFilter) -> Self {
        Self {
            search: f.search,
            include_archived: f.include_archived,
        }
    }
}

/// Orderings of the decision area list.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Default)]
pub enum DecisionAreaOrder {
    /// By code, A to Z.
    #[default]
    CodeAsc,
    /// By name, A to Z.
    NameAsc,
    /// Oldest first.
    CreatedAtAsc,
    /// Newest first.
    CreatedAtDesc,
}

impl From<DecisionAreaOrder> for service::DecisionAreaOrder {
    fn from(o: DecisionAreaOrder) -> Self {
        match o {
            DecisionAreaOrder::CodeAsc => Self::CodeAsc,
            DecisionAreaOrder::NameAsc => Self::NameAsc,
            DecisionAreaOrder::CreatedAtAsc => Self::CreatedAtAsc,
            DecisionAreaOrder::CreatedAtDesc => Self::CreatedAtDesc,
        }
    }
}

/// A new decision area.
#[derive(InputObject)]
pub struct CreateDecisionAreaInput {
    /// Unique code: 1 to 64 letters, digits, `_` or `-` starting with a letter, e.g.
    /// `USE_OF_FORCE`.
    pub code: String,
    /// Human-readable name.
    pub name: String,
    /// What falls under it.
    pub description: Option<String>,
    /// Who may see it (default PUBLIC).
    #[graphql(default_with = "Sensitivity::Public")]
    pub sensitivity: Sensitivity,
}

impl From<CreateDecisionAreaInput> for service::NewDecisionArea {
    fn from(i: CreateDecisionAreaInput) -> Self {
        Self {
            code: i.code,
            name: i.name,
            description: i.description,
            sensitivity: i.sensitivity.into(),
        }
    }
}

/// Changes to a decision area. Omitted fields keep their value; `null` clears a nullable field.
#[derive(InputObject)]
pub struct UpdateDecisionAreaInput {
    /// The decision area's global ID.
    pub id: ID,
    /// The version the client read; a stale version is refused with CONFLICT.
    pub version: i32,
    /// Unique code.
    pub code: Option<String>,
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: MaybeUndefined<String>,
    /// Who may see it.
    pub sensitivity: Option<Sensitivity>,
}

impl UpdateDecisionAreaInput {
    pub fn into_service(
        self,
    ) -> async_graphql::Result<(uuid::Uuid, i32, service::DecisionAreaPatch)> {
        use crate::graphql::common_inputs::patch;
        let id = ids::decode(&self.id, NodeKind::DecisionArea, "input.id")?;
        let changes = service::DecisionAreaPatch {
            code: self.code,
            name: self.name,
            description: patch(self.description, |v| v),
            sensitivity: self.sensitivity.map(Into::into),
        };
        Ok((id, self.version, changes))
    }
}

fn holder(
    post: Option<&ID>,
    component: Option<&ID>,
    organization: Option<&ID>,
    forum: Option<&ID>,
) -> async_graphql::Result<service::Holder> {
    let input = service::HolderInput {
        post: ids::decode_optional(post, NodeKind::Post, "input.holderPostId")?,
        component: ids::decode_optional(component, NodeKind::Component, "input.holderComponentId")?,
        organization: ids::decode_optional(
            organization,
            NodeKind::Organization,
            "input.holderOrganizationId",
        )?,
        forum: ids::decode_optional(forum, NodeKind::Forum, "input.holderForumId")?,
    };
    Ok(input.exactly_one()?)
}

/// A right to grant over a decision area. Give exactly one holder: a post, a component, an
/// organisation or a forum.
#[derive(InputObject)]
pub struct GrantDecisionRightInput {
    /// The decision area, e.g. `POC_STRATEGY`'s ID.
    pub decision_area_id: ID,
    /// The mission the right applies in; omit it for a global default.
    pub mission_id: Option<ID>,
    /// The holder, when a post (e.g. the Head of Mission). A post of a mission holds rights in
    /// that mission only.
    pub holder_post_id: Option<ID>,
    /// The holder, when a mission component.
    pub holder_component_id: Option<ID>,
    /// The holder, when an organisation (e.g. UNHCR, the Security Council).
    pub holder_organization_id: Option<ID>,
    /// The holder, when a forum (e.g. the UN Country Team).
    pub holder_forum_id: Option<ID>,
    /// The kind of right.
    pub kind: RightKind,
    /// Narrows the right, e.g. `police units`.
    pub scope: Option<String>,
    /// Whether the right must not be delegated (default false).
    #[graphql(default)]
    pub non_delegable: bool,
    /// A label for a decision several holders take together, e.g. `COUNTRY_LEAD_AGREEMENT` (1
    /// to 64 letters, digits, `_` or `-` starting with a letter; stored upper-case): grant the
    /// same kind and scope on the same area and mission to each party with the same label, and
    /// `whoDecides` reports one joint decision with its parties. Omit it for a right held alone.
    pub joint_decision: Option<String>,
    /// Free-text note.
    pub note: Option<String>,
    /// First day the right holds.
    pub valid_from: Date,
    /// Day the right ends, if known.
    pub valid_to: Option<Date>,
    /// Who may see it (default PUBLIC).
    #[graphql(default_with = "Sensitivity::Public")]
    pub sensitivity: Sensitivity,
}

impl GrantDecisionRightInput {
    pub fn into_service(self) -> async_graphql::Result<service::NewRight> {
        Ok(service::NewRight {
            decision_area_id: ids::decode(
                &self.decision_area_id,
                NodeKind::DecisionArea,
                "input.decisionAreaId",
            )?,
            mission_id: ids::decode_optional(
                self.mission_id.as_ref(),
                NodeKind::Mission,
                "input.missionId",
            )?,
            holder: holder(
                self.holder_post_id.as_ref(),
                self.holder_component_id.as_ref(),
                self.holder_organization_id.as_ref(),
                self.holder_forum_id.as_ref(),
            )?,
            kind: self.kind.into(),
            scope: self.scope,
            non_delegable: self.non_delegable,
            joint_decision: self.joint_decision,
            note: self.note,
            valid_from: self.valid_from.0,
            valid_to: self.valid_to.map(|d| d.0),
            sensitivity: self.sensitivity.into(),
        })
    }
}

/// Delegate a right to another holder, in the same decision area and mission. Give exactly one
/// holder. A non-delegable right cannot be delegated; a delegation is never stronger than the
/// right it comes from (DECIDES > APPROVES > ENDORSES > RECOMMENDS > EXECUTES > CONSULTED >
/// INFORMED) and cannot start before it or outlive it.
#[derive(InputObject)]
pub struct DelegateDecisionRightInput {
    /// The right being delegated.
    pub from_right_id: ID,
    /// The delegate, when a post (e.g. a sector commander).
    pub holder_post_id: Option<ID>,
    /// The delegate, when a mission component.
    pub holder_component_id: Option<ID>,
    /// The delegate, when an organisation.
    pub holder_organization_id: Option<ID>,
    /// The delegate, when a forum.
    pub holder_forum_id: Option<ID>,
    /// The kind delegated (default: the delegator's kind); never stronger than it.
    pub kind: Option<RightKind>,
    /// Narrows the delegation (default: the delegator's scope).
    pub scope: Option<String>,
    /// Whether the delegate may not delegate it further (default false).
    #[graphql(default)]
    pub non_delegable: bool,
    /// Free-text note.
    pub note: Option<String>,
    /// First day of the delegation; not before the delegator's right starts.
    pub valid_from: Date,
    /// Day the delegation ends (default: the day the delegator's right ends); not after it.
    pub valid_to: Option<Date>,
    /// Who may see it (default: as the delegator's right).
    pub sensitivity: Option<Sensitivity>,
}

impl DelegateDecisionRightInput {
    pub fn into_service(self) -> async_graphql::Result<service::NewDelegation> {
        Ok(service::NewDelegation {
            from_right_id: ids::decode(
                &self.from_right_id,
                NodeKind::DecisionRight,
                "input.fromRightId",
            )?,
            holder: holder(
                self.holder_post_id.as_ref(),
                self.holder_component_id.as_ref(),
                self.holder_organization_id.as_ref(),
                self.holder_forum_id.as_ref(),
            )?,
            kind: self.kind.map(Into::into),
            scope: self.scope,
            non_delegable: self.non_delegable,
            note: self.note,
            valid_from: self.valid_from.0,
            valid_to: self.valid_to.map(|d| d.0),
            sensitivity: self.sensitivity.map(Into::into),
        })
    }
}
