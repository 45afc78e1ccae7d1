//! The answer of `governanceGaps`.

use async_graphql::{Context, Enum, Object};

use super::loaded::Loaded;
use crate::domain::analysis::gaps::{self as pure, GapCode as PureCode, Severity as PureSeverity};
use crate::graphql::as_of::EffectiveDate;
use crate::graphql::cost;
use crate::graphql::node::Node;

/// What kind of gap.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum GapCode {
    /// A mandated task without a lead component (or whose lead component no longer exists).
    MandatedTaskWithoutLead,
    /// A forum with no chair or co-chair.
    ForumWithoutChair,
    /// A cluster with no lead or co-lead agency.
    ClusterWithoutLead,
    /// An AoR with no lead or co-lead agency.
    AorWithoutLead,
    /// A post that holds decision rights and is vacant on the date: holders of it are recorded
    /// for other periods, none for this one. HIGH when it decides, else MEDIUM.
    VacantPostHoldsRight,
    /// A post that holds decision rights and of which no holder is recorded in any period: who
    /// holds it is unknown, which is not the same as vacant. LOW: the records are incomplete.
    PostHolderNotRecorded,
    /// A decision area nobody decides, even after falling back to the global defaults.
    AreaWithoutDecider,
    /// More than one independent decider for one area and scope.
    AreaWithSeveralDeciders,
    /// A delegation hanging from a right that no longer holds.
    DelegatorLacksRight,
    /// A membership naming an archived organisation.
    ArchivedOrganizationMember,
    /// Structural integration (a triple-hatted DSRSG/RC/HC) in a HIGH or VERY_HIGH risk
    /// environment, where the IASC urges caution.
    StructuralIntegrationInHighRisk,
    /// A structurally integrated mission whose mandate records no risk environment: whether
    /// the IASC caution applies cannot be told.
    RiskEnvironmentNotRecorded,
}

impl From<PureCode> for GapCode {
    fn from(code: PureCode) -> Self {
        match code {
            PureCode::MandatedTaskWithoutLead => Self::MandatedTaskWithoutLead,
            PureCode::ForumWithoutChair => Self::ForumWithoutChair,
            PureCode::ClusterWithoutLead => Self::ClusterWithoutLead,
            PureCode::AorWithoutLead => Self::AorWithoutLead,
            PureCode::VacantPostHoldsRight => Self::VacantPostHoldsRight,
            PureCode::PostHolderNotRecorded => Self::PostHolderNotRecorded,
            PureCode::AreaWithoutDecider => Self::AreaWithoutDecider,
            PureCode::AreaWithSeveralDeciders => Self::AreaWithSeveralDeciders,
            PureCode::DelegatorLacksRight => Self::DelegatorLacksRight,
            PureCode::ArchivedOrganizationMember => Self::ArchivedOrganizationMember,
            PureCode::StructuralIntegrationInHighRisk => Self::StructuralIntegrationInHighRisk,
            PureCode::RiskEnvironmentNotRecorded => Self::RiskEnvironmentNotRecorded,
        }
    }
}

/// How urgently a gap needs attention.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum GapSeverity {
    /// Accountability is missing: a task, cluster or decision without anyone answerable for
    /// it, or a right exercised without a valid basis.
    High,
    /// Coordination is weakened: a forum without a chair, an AoR without a lead, several
    /// deciders where there should be one.
    Medium,
    /// The records are out of date or incomplete.
    Low,
}

impl From<PureSeverity> for GapSeverity {
    fn from(severity: PureSeverity) -> Self {
        match severity {
            PureSeverity::High => Self::High,
            PureSeverity::Medium => Self::Medium,
            PureSeverity::Low => Self::Low,
        }
    }
}

/// One governance gap.
pub struct GovernanceGap {
    pub(super) effective: EffectiveDate,
    pub(super) loaded: Loaded,
    pub(super) gap: pure::Gap,
    pub(super) truncated: bool,
}

/// Something missing or inconsistent in the coordination structure on the date.
#[Object]
impl GovernanceGap {
    /// What kind of gap.
    async fn code(&self) -> GapCode {
        self.gap.code.into()
    }

    /// How urgently it needs attention.
    async fn severity(&self) -> GapSeverity {
        self.gap.severity.into()
    }

    /// The date the gap was found on and why (the same for every gap of an answer): the
    /// `asOf` given, today, or the mission's last day when it has closed and no date was given.
    async fn effective_date(&self) -> &EffectiveDate {
        &self.effective
    }

    /// The records involved, the one to fix first.
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::GAP_RECORDS, child_complexity)"
    )]
    async fn records(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Node>> {
        Ok(self
            .loaded
            .nodes_upto(ctx, &self.gap.records, cost::GAP_RECORDS)?
            .items)
    }

    /// More records existed than the 3 listed (the list is cut at 3, which the query is
    /// charged for). Seen by whoever may see this answer.
    async fn records_truncated(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
        Ok(self
            .loaded
            .nodes_upto(ctx, &self.gap.records, cost::GAP_RECORDS)?
            .truncated)
    }

    /// What is wrong and what to do about it, in a sentence.
    async fn message(&self) -> &str {
        &self.gap.message
    }

    /// More gaps existed than the answer lists: it holds the first `first` of them by severity,
    /// then code (50 when `first` is not given). The same for every gap of an answer. Seen by
    /// whoever may ask for the gaps.
    async fn gaps_truncated(&self) -> bool {
        self.truncated
    }
}
