//! The answer of `stakeholderGraph`.

use std::collections::HashMap;

use async_graphql::{Context, Enum, Object, ID};
use uuid::Uuid;

use super::loaded::Loaded;
use crate::domain::analysis::cut;
use crate::domain::analysis::graph::{self as pure, EdgeKind as PureEdge, NodeKind as PureNode};
use crate::graphql::as_of::EffectiveDate;
use crate::graphql::cost;
use crate::graphql::enums::{Capacity, LeadRole, ReportingLineKind, RightKind};
use crate::graphql::ids;
use crate::graphql::node::Node;
use crate::graphql::scalars::Date;
use crate::services::record::RecordKind;

/// The kinds of edge of the stakeholder graph.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum EdgeKind {
    /// A reporting line (post or component to post or organisation), or a forum reporting to
    /// another forum.
    ReportsTo,
    /// A seat in a forum other than chair or co-chair (member to forum).
    MemberOf,
    /// A chair or co-chair seat (member to forum).
    Chairs,
    /// A lead or co-lead agency (organisation or component to cluster or AoR).
    Leads,
    /// A decision right (holder to decision area).
    HoldsRight,
    /// A forum that is a subgroup of another, or an AoR within its cluster.
    SubgroupOf,
}

impl From<EdgeKind> for PureEdge {
    fn from(kind: EdgeKind) -> Self {
        match kind {
            EdgeKind::ReportsTo => Self::ReportsTo,
            EdgeKind::MemberOf => Self::MemberOf,
            EdgeKind::Chairs => Self::Chairs,
            EdgeKind::Leads => Self::Leads,
            EdgeKind::HoldsRight => Self::HoldsRight,
            EdgeKind::SubgroupOf => Self::SubgroupOf,
        }
    }
}

impl From<PureEdge> for EdgeKind {
    fn from(kind: PureEdge) -> Self {
        match kind {
            PureEdge::ReportsTo => Self::ReportsTo,
            PureEdge::MemberOf => Self::MemberOf,
            PureEdge::Chairs => Self::Chairs,
            PureEdge::Leads => Self::Leads,
            PureEdge::HoldsRight => Self::HoldsRight,
            PureEdge::SubgroupOf => Self::SubgroupOf,
        }
    }
}

/// What a node of the stakeholder graph stands for.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum GraphNodeKind {
    /// A post.
    Post,
    /// A mission component.
    Component,
    /// An organisation.
    Organization,
    /// A coordination forum.
    Forum,
    /// A humanitarian cluster.
    Cluster,
    /// An area of responsibility of a cluster.
    AreaOfResponsibility,
    /// A decision area, present as the target of HOLDS_RIGHT edges.
    DecisionArea,
}

fn record_kind(kind: PureNode) -> RecordKind {
    match kind {
        PureNode::Post => RecordKind::Post,
        PureNode::Component => RecordKind::Component,
        PureNode::Organization => RecordKind::Organization,
        PureNode::Forum => RecordKind::Forum,
        PureNode::Cluster => RecordKind::Cluster,
        PureNode::AreaOfResponsibility => RecordKind::AreaOfResponsibility,
        PureNode::DecisionArea => RecordKind::DecisionArea,
    }
}

/// The stakeholder graph of a mission or a country.
pub struct StakeholderGraph {
    loaded: Loaded,
    effective: EffectiveDate,
    graph: pure::StakeholderGraph,
    /// Node id → the global ID clients know it by.
    ids: HashMap<Uuid, ID>,
}

impl StakeholderGraph {
    pub(super) fn new(
        loaded: Loaded,
        effective: EffectiveDate,
        graph: pure::StakeholderGraph,
    ) -> Self {
        let ids = graph
            .nodes
            .iter()
            .map(|n| (n.id, ids::encode(record_kind(n.kind), n.id)))
            .collect();
        Self {
            loaded,
            effective,
            graph,
            ids,
        }
    }

    fn id(&self, id: Uuid) -> ID {
        self.ids.get(&id).cloned().unwrap_or_default()
    }
}

/// The stakeholder graph on a date: nodes (posts, components, organisations, forums, clusters,
/// AoRs, decision areas) and typed edges, ready for a dashboard to draw, and the same graph as
/// Graphviz DOT and Mermaid text to paste into a document. The same records always give the same
/// graph and the same text.
#[Object]
impl StakeholderGraph {
    /// The date the graph holds on.
    async fn as_of(&self) -> Date {
        self.effective.on().into()
    }

    /// The date the graph holds on and why: the `asOf` given, today, or the mission's last
    /// day when it has closed and no date was given.
    async fn effective_date(&self) -> &EffectiveDate {
        &self.effective
    }

    /// The nodes, by kind, then label: the first `first` of them (`nodesTruncated` says when
    /// more existed). Seen by whoever may ask for the graph; nodes the caller may not see are
    /// never in it.
    #[graphql(
        complexity = "crate::graphql::cost::capped(first, crate::graphql::cost::GRAPH_NODES, child_complexity)"
    )]
    async fn nodes(
        &self,
        #[graphql(
            desc = "How many nodes to return, from 1 to 2,000 (default 200): the graph is cut at the first `first` nodes in node order, and its edges, `dot` and `mermaid` keep only what lies between the nodes kept. The query is charged for this many nodes."
        )]
        first: Option<i32>,
    ) -> async_graphql::Result<Vec<GraphNode>> {
        let size = cost::first(first, cost::GRAPH_NODES)?;
        Ok(cut::first(&self.graph.nodes, size)
            .0
            .iter()
            .map(|n| GraphNode {
                loaded: self.loaded.clone(),
                id: self.id(n.id),
                node: n.clone(),
            })
            .collect())
    }

    /// The edges, by kind, then ends; both ends are always among the nodes: the first `first`
    /// of them (`edgesTruncated` says when more existed). Seen by whoever may ask for the graph.
    #[graphql(
        complexity = "crate::graphql::cost::capped(first, crate::graphql::cost::GRAPH_EDGES, child_complexity)"
    )]
    async fn edges(
        &self,
        #[graphql(
            desc = "How many edges to return, from 1 to 5,000 (default 500): the first `first` edges in edge order between the nodes kept. The query is charged for this many edges."
        )]
        first: Option<i32>,
    ) -> async_graphql::Result<Vec<GraphEdge>> {
        let size = cost::first(first, cost::GRAPH_EDGES)?;
        Ok(cut::first(&self.graph.edges, size)
            .0
            .iter()
            .map(|e| GraphEdge {
                loaded: self.loaded.clone(),
                from: self.id(e.from),
                to: self.id(e.to),
                edge: e.clone(),
            })
            .collect())
    }

    /// Nodes or edges were left out: `nodesTruncated` or `edgesTruncated`.
    async fn truncated(&self) -> bool {
        self.graph.truncated()
    }

    /// More nodes existed than the graph keeps: it was cut at the `first` of `nodes` (the
    /// largest one, when the query selects `nodes` twice), 200 when not given, and the edges
    /// touching a node left out went with it. Seen by whoever may ask for the graph.
    async fn nodes_truncated(&self) -> bool {
        self.graph.nodes_truncated
    }

    /// More edges existed between the nodes kept than the graph keeps (it was cut at the
    /// `first` of `edges`, the largest one when the query selects `edges` twice, 500 when not
    /// given), or edges went with a node left out. Seen by whoever may ask for the graph.
    async fn edges_truncated(&self) -> bool {
        self.graph.edges_truncated
    }

    /// The graph as Graphviz DOT (`digraph`), nodes named `n0`, `n1`, ... in node order.
    #[graphql(complexity = "crate::graphql::cost::GRAPH_TEXT")]
    async fn dot(&self) -> String {
        self.graph.to_dot()
    }

    /// The graph as a Mermaid flowchart, nodes named `n0`, `n1`, ... in node order.
    #[graphql(complexity = "crate::graphql::cost::GRAPH_TEXT")]
    async fn mermaid(&self) -> String {
        self.graph.to_mermaid()
    }
}

/// A node of the stakeholder graph.
pub struct GraphNode {
    loaded: Loaded,
    id: ID,
    node: pure::Node,
}

/// A node of the stakeholder graph.
#[Object]
impl GraphNode {
    /// The global ID of the record the node stands for.
    async fn id(&self) -> &ID {
        &self.id
    }

    /// What it stands for.
    async fn kind(&self) -> GraphNodeKind {
        match self.node.kind {
            PureNode::Post => GraphNodeKind::Post,
            PureNode::Component => GraphNodeKind::Component,
            PureNode::Organization => GraphNodeKind::Organization,
            PureNode::Forum => GraphNodeKind::Forum,
            PureNode::Cluster => GraphNodeKind::Cluster,
            PureNode::AreaOfResponsibility => GraphNodeKind::AreaOfResponsibility,
            PureNode::DecisionArea => GraphNodeKind::DecisionArea,
        }
    }

    /// Its label: a post's title, a forum's name, a decision area's code.
    async fn label(&self) -> &str {
        &self.node.label
    }

    /// The record itself.
    async fn record(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Node>> {
        self.loaded.node(ctx, self.node.id)
    }
}

/// An edge of the stakeholder graph.
pub struct GraphEdge {
    loaded: Loaded,
    from: ID,
    to: ID,
    edge: pure::Edge,
}

/// A typed edge of the stakeholder graph; the optional fields say more for the kinds that have
/// it.
#[Object]
impl GraphEdge {
    /// What the edge stands for.
    async fn kind(&self) -> EdgeKind {
        self.edge.kind.into()
    }

    /// The global ID of the node it starts from.
    async fn from(&self) -> &ID {
        &self.from
    }

    /// The global ID of the node it goes to.
    async fn to(&self) -> &ID {
        &self.to
    }

    /// Its label: the kind of line, the capacity, the lead role or the kind of right.
    async fn label(&self) -> &str {
        &self.edge.label
    }

    /// The record it stands for: reporting line, forum link, membership, lead agency, decision
    /// right, or the AoR itself for AoR to cluster.
    async fn record(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Node>> {
        self.loaded.node(ctx, self.edge.record_id)
    }

    /// For a reporting line, its kind.
    async fn reporting_kind(&self) -> Option<ReportingLineKind> {
        self.edge.reporting_kind.map(Into::into)
    }

    /// For a seat, its capacity.
    async fn capacity(&self) -> Option<Capacity> {
        self.edge.capacity.map(Into::into)
    }

    /// For a lead agency, its role.
    async fn lead_role(&self) -> Option<LeadRole> {
        self.edge.lead_role.map(Into::into)
    }

    /// For a decision right, its kind.
    async fn right_kind(&self) -> Option<RightKind> {
        self.edge.right_kind.map(Into::into)
    }
}
