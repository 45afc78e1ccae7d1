//! The analysis: who decides what, reporting chains, integration profile, bridges, governance
//! gaps, stakeholder graph and structural changes over time. Answers are objects of their own;
//! the records in them are the types of the other areas.

mod bridges;
mod chains;
mod changes;
mod decisions;
mod gaps;
mod graph;
mod integration;
mod loaded;
mod query;

pub use bridges::{Bridge, CommonForum, ForumSeat};
pub use chains::{ChainEnd, ReportingChain, ReportingChainStep, ReportingChains};
pub use changes::{ChangedRecordKind, StructuralChange, StructuralChangeKind, StructuralChanges};
pub use decisions::{
    AppliedScope, DecisionPathStep, PathStepKind, PostOccupancy, PostOccupant, RightGroup,
    RightHolder, WhoDecides,
};
pub use gaps::{GapCode, GapSeverity, GovernanceGap};
pub use graph::{EdgeKind, GraphEdge, GraphNode, GraphNodeKind, StakeholderGraph};
pub use integration::{
    BooleanFinding, ComponentPlacement, HumanitarianBasis, HumanitarianSeat, IntegrationCaution,
    IntegrationProfile, PlacementVia, RiskFinding,
};
pub use loaded::{DecisionHolder, ReportingSource, ReportingTarget};
pub use query::AnalysisQuery;
