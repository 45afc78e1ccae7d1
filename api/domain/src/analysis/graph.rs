//! The stakeholder graph of a mission or a country on a date: nodes (posts, components,
//! organisations, forums, clusters, AoRs, and the decision areas rights point at) and typed edges,
//! ready for a dashboard to draw, plus Graphviz DOT and Mermaid renderings an analyst can paste
//! into a document.
//!
//! Output is deterministic (same records in any order give the same graph and the same text), so
//! exports can be compared between dates.

use std::collections::{HashMap, HashSet};
use std::fmt;

use crate::enums::{Capacity, ForumLinkKind, LeadRole, ReportingLineKind, RightKind};
use chrono::NaiveDate;
use serde::Serialize;
use uuid::Uuid;

use super::cut::cut;
use super::snapshot::{enum_name, Lead, LineSource, LineTarget, Snapshot};

/// The most nodes a graph answer holds: a graph with more is cut (and says so): the first nodes
/// in node order are kept, and the edges touching a node left out go with it.
pub const MAX_NODES: usize = 2_000;

/// The most edges a graph answer holds: a graph with more (between the nodes kept) is cut (and
/// says so): the first edges in edge order are kept.
pub const MAX_EDGES: usize = 5_000;

/// The nodes a graph answer holds when its caller does not say how many: a typical mission's
/// map, at a cost every caller's budget allows.
pub const DEFAULT_NODES: usize = 200;

/// The edges a graph answer holds when its caller does not say how many.
pub const DEFAULT_EDGES: usize = 500;

/// How many nodes and edges a graph may hold: at most [`MAX_NODES`] and [`MAX_EDGES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GraphLimits {
    pub nodes: usize,
    pub edges: usize,
}

impl GraphLimits {
    /// The largest graph an answer holds.
    pub const MAX: Self = Self {
        nodes: MAX_NODES,
        edges: MAX_EDGES,
    };
}

/// What a node stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum NodeKind {
    Post,
    Component,
    Organization,
    Forum,
    Cluster,
    AreaOfResponsibility,
    /// Present only as the target of HOLDS_RIGHT edges.
    DecisionArea,
}

/// What an edge stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EdgeKind {
    /// A reporting line (post or component → post or organisation), or a forum reporting to
    /// another forum.
    ReportsTo,
    /// A seat in a forum other than chair or co-chair (member → forum).
    MemberOf,
    /// A chair or co-chair seat (member → forum); such a seat yields this edge, not MEMBER_OF.
    Chairs,
    /// A lead or co-lead agency (organisation or component → cluster or AoR).
    Leads,
    /// A decision right (holder → decision area).
    HoldsRight,
    /// A forum that is a subgroup of another, or an AoR within its cluster.
    SubgroupOf,
}

/// Every edge kind, for callers that want them all.
pub const ALL_EDGE_KINDS: [EdgeKind; 6] = [
    EdgeKind::ReportsTo,
    EdgeKind::MemberOf,
    EdgeKind::Chairs,
    EdgeKind::Leads,
    EdgeKind::HoldsRight,
    EdgeKind::SubgroupOf,
];

/// A node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Node {
    pub id: Uuid,
    pub kind: NodeKind,
    pub label: String,
}

/// A typed edge; the optional fields say more for the kinds that have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edge {
    pub kind: EdgeKind,
    pub from: Uuid,
    pub to: Uuid,
    /// The record the edge stands for: reporting line, forum link, membership, lead agency,
    /// decision right, or the AoR itself for AoR → cluster.
    pub record_id: Uuid,
    pub label: String,
    pub reporting_kind: Option<ReportingLineKind>,
    pub capacity: Option<Capacity>,
    pub lead_role: Option<LeadRole>,
    pub right_kind: Option<RightKind>,
}

/// Nodes sorted by (kind, label, id); edges by (kind, from, to, record).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StakeholderGraph {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    /// Nodes beyond the limit were left out (with the edges touching them).
    pub nodes_truncated: bool,
    /// Edges beyond the limit were left out, or went with a node left out.
    pub edges_truncated: bool,
}

/// The graph of the snapshot's records valid on `as_of`, with the edge kinds in `include` (all
/// kinds when empty). Organisations and decision areas appear when an included edge touches
/// them; edges whose ends are not in the snapshot on the date are left out. Cut at
/// [`GraphLimits::MAX`].
pub fn stakeholder_graph(
    as_of: NaiveDate,
    include: &[EdgeKind],
    snapshot: &Snapshot,
) -> StakeholderGraph {
    stakeholder_graph_within(as_of, include, snapshot, GraphLimits::MAX)
}

/// [`stakeholder_graph`] cut at `limits`: the first `limits.nodes` nodes in node order, then
/// the first `limits.edges` edges, in edge order, between the nodes kept. Each part says whether
/// it was cut.
pub fn stakeholder_graph_within(
    as_of: NaiveDate,
    include: &[EdgeKind],
    snapshot: &Snapshot,
    limits: GraphLimits,
) -> StakeholderGraph {
    let wanted = |k: EdgeKind| include.is_empty() || include.contains(&k);
    let mut nodes: HashMap<Uuid, Node> = HashMap::new();
    let mut add = |id: Uuid, kind: NodeKind, label: &str| {
        nodes.insert(
            id,
            Node {
                id,
                kind,
                label: label.to_owned(),
            },
        );
    };
    for p in snapshot.posts.iter().filter(|p| p.validity.contains(as_of)) {
        add(p.id, NodeKind::Post, &p.title);
    }
    for c in snapshot
        .components
        .iter()
        .filter(|c| c.validity.contains(as_of))
    {
        add(c.id, NodeKind::Component, &c.name);
    }
    for f in snapshot
        .forums
        .iter()
        .filter(|f| f.validity.contains(as_of))
    {
        add(f.id, NodeKind::Forum, &f.name);
    }
    for c in snapshot
        .clusters
        .iter()
        .filter(|c| c.validity.contains(as_of))
    {
        add(c.id, NodeKind::Cluster, &c.name);
    }
    for a in snapshot
        .areas_of_responsibility
        .iter()
        .filter(|a| a.validity.contains(as_of))
    {
        add(a.id, NodeKind::AreaOfResponsibility, &a.name);
    }
    // Organisations and areas join only when an edge needs them: the organisation directory is
    // large and most of it is beside the point of one mission's graph.
    let organizations: HashMap<Uuid, &str> = snapshot
        .organizations
        .iter()
        .map(|o| (o.id, o.name.as_str()))
        .collect();
    let areas: HashMap<Uuid, &str> = snapshot
        .decision_areas
        .iter()
        .map(|a| (a.id, a.code.as_str()))
        .collect();

    let mut edges: Vec<Edge> = Vec::new();
    let edge = |kind, from, to, record_id, label: String| Edge {
        kind,
        from,
        to,
        record_id,
        label,
        reporting_kind: None,
        capacity: None,
        lead_role: None,
        right_kind: None,
    };
    if wanted(EdgeKind::ReportsTo) {
        for l in snapshot
            .reporting_lines
            .iter()
            .filter(|l| l.validity.contains(as_of))
        {
            let from = match l.from {
                LineSource::Post(id) | LineSource::Component(id) => id,
            };
            let to = match l.to {
                LineTarget::Post(id) | LineTarget::Organization(id) => id,
            };
            edges.push(Edge {
                reporting_kind: Some(l.kind),
                ..edge(EdgeKind::ReportsTo, from, to, l.id, enum_name(l.kind))
            });
        }
    }
    for f in snapshot
        .forums
        .iter()
        .filter(|f| f.validity.contains(as_of))
    {
        for link in f.links.iter().filter(|l| l.validity.contains(as_of)) {
            let kind = match link.kind {
                ForumLinkKind::ReportsTo => EdgeKind::ReportsTo,
                ForumLinkKind::SubgroupOf => EdgeKind::SubgroupOf,
            };
            if wanted(kind) {
                edges.push(edge(
                    kind,
                    f.id,
                    link.target_forum_id,
                    link.id,
                    enum_name(link.kind),
                ));
            }
        }
    }
    if wanted(EdgeKind::SubgroupOf) {
        for a in snapshot
            .areas_of_responsibility
            .iter()
            .filter(|a| a.validity.contains(as_of))
        {
            edges.push(edge(
                EdgeKind::SubgroupOf,
                a.id,
                a.cluster_id,
                a.id,
                "AOR_OF".to_owned(),
            ));
        }
    }
    for m in snapshot
        .memberships
        .iter()
        .filter(|m| m.validity.contains(as_of))
    {
        let kind = match m.capacity {
            Capacity::Chair | Capacity::CoChair => EdgeKind::Chairs,
            _ => EdgeKind::MemberOf,
        };
        if wanted(kind) {
            edges.push(Edge {
                capacity: Some(m.capacity),
                ..edge(kind, m.member.id(), m.forum_id, m.id, enum_name(m.capacity))
            });
        }
    }
    if wanted(EdgeKind::Leads) {
        let led = snapshot.clusters.iter().map(|c| (c.id, &c.leads)).chain(
            snapshot
                .areas_of_responsibility
                .iter()
                .map(|a| (a.id, &a.leads)),
        );
        for (target, leads) in led {
            for l in leads.iter().filter(|l| l.validity.contains(as_of)) {
                let from = match l.lead {
                    Lead::Organization(id) | Lead::Component(id) => id,
                };
                edges.push(Edge {
                    lead_role: Some(l.role),
                    ..edge(EdgeKind::Leads, from, target, l.id, enum_name(l.role))
                });
            }
        }
    }
    if wanted(EdgeKind::HoldsRight) {
        for r in snapshot
            .rights
            .iter()
            .filter(|r| r.validity.contains(as_of))
        {
            let label = match &r.scope {
                Some(scope) => format!("{} ({scope})", enum_name(r.kind)),
                None => enum_name(r.kind),
            };
            edges.push(Edge {
                right_kind: Some(r.kind),
                ..edge(EdgeKind::HoldsRight, r.holder.id(), r.area_id, r.id, label)
            });
        }
    }

    // Bring in the organisations and areas the edges touch, then drop edges with a missing end
    // (a post or forum not valid on the date, a record not visible to the caller).
    for e in &edges {
        for (end, area_end) in [(e.from, false), (e.to, e.kind == EdgeKind::HoldsRight)] {
            if nodes.contains_key(&end) {
                continue;
            }
            let found = if area_end {
                areas.get(&end).map(|code| (NodeKind::DecisionArea, *code))
            } else {
                organizations
                    .get(&end)
                    .map(|name| (NodeKind::Organization, *name))
            };
            if let Some((kind, label)) = found {
                nodes.insert(
                    end,
                    Node {
                        id: end,
                        kind,
                        label: label.to_owned(),
                    },
                );
            }
        }
    }
    edges.retain(|e| nodes.contains_key(&e.from) && nodes.contains_key(&e.to));
    edges.sort_by(|a, b| {
        (a.kind, a.from, a.to, a.record_id).cmp(&(b.kind, b.from, b.to, b.record_id))
    });
    let mut nodes: Vec<Node> = nodes.into_values().collect();
    nodes.sort_by(|a, b| (a.kind, &a.label, a.id).cmp(&(b.kind, &b.label, b.id)));
    cut_graph(nodes, edges, limits)
}

/// Keeps the first `limits.nodes` of `nodes` and the first `limits.edges` of `edges` between
/// them (both already in their order), saying what was left out.
fn cut_graph(mut nodes: Vec<Node>, mut edges: Vec<Edge>, limits: GraphLimits) -> StakeholderGraph {
    let nodes_truncated = cut(&mut nodes, limits.nodes);
    let before = edges.len();
    if nodes_truncated {
        let kept: HashSet<Uuid> = nodes.iter().map(|n| n.id).collect();
        edges.retain(|e| kept.contains(&e.from) && kept.contains(&e.to));
    }
    let edges_truncated = cut(&mut edges, limits.edges) || edges.len() < before;
    StakeholderGraph {
        nodes,
        edges,
        nodes_truncated,
        edges_truncated,
    }
}

impl StakeholderGraph {
    /// Nodes or edges were left out.
    pub fn truncated(&self) -> bool {
        self.nodes_truncated || self.edges_truncated
    }

    /// The graph as Graphviz DOT; nodes are named `n0`, `n1`, ... in node order.
    pub fn to_dot(&self) -> String {
        Dot(self).to_string()
    }

    /// The graph as a Mermaid flowchart; nodes are named `n0`, `n1`, ... in node order.
    pub fn to_mermaid(&self) -> String {
        Mermaid(self).to_string()
    }

    fn positions(&self) -> HashMap<Uuid, usize> {
        self.nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id, i))
            .collect()
    }

    /// Edges with both ends as node positions (always both, since the graph keeps no dangling edge).
    fn positioned_edges(&self) -> impl Iterator<Item = (usize, usize, &Edge)> + '_ {
        let positions = self.positions();
        self.edges
            .iter()
            .filter_map(move |e| Some((*positions.get(&e.from)?, *positions.get(&e.to)?, e)))
    }
}

struct Dot<'a>(&'a StakeholderGraph);

impl fmt::Display for Dot<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "digraph stakeholders {{")?;
        writeln!(f, "  rankdir=BT;")?;
        writeln!(f, "  node [fontname=\"Helvetica\"];")?;
        for (i, n) in self.0.nodes.iter().enumerate() {
            let shape = match n.kind {
                NodeKind::Post => "box",
                NodeKind::Component => "component",
                NodeKind::Organization => "ellipse",
                NodeKind::Forum => "hexagon",
                NodeKind::Cluster => "doubleoctagon",
                NodeKind::AreaOfResponsibility => "octagon",
                NodeKind::DecisionArea => "note",
            };
            writeln!(
                f,
                "  n{i} [label=\"{}\", shape={shape}];",
                dot_escape(&n.label)
            )?;
        }
        for (from, to, e) in self.0.positioned_edges() {
            let style = match e.kind {
                EdgeKind::ReportsTo | EdgeKind::SubgroupOf => "solid",
                EdgeKind::MemberOf | EdgeKind::HoldsRight => "dashed",
                EdgeKind::Chairs | EdgeKind::Leads => "bold",
            };
            writeln!(
                f,
                "  n{from} -> n{to} [label=\"{}\", style={style}];",
                dot_escape(&e.label)
            )?;
        }
        writeln!(f, "}}")
    }
}

struct Mermaid<'a>(&'a StakeholderGraph);

impl fmt::Display for Mermaid<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "flowchart BT")?;
        for (i, n) in self.0.nodes.iter().enumerate() {
            let label = mermaid_escape(&n.label);
            let (open, close) = match n.kind {
                NodeKind::Post => ("[", "]"),
                NodeKind::Component => ("[[", "]]"),
                NodeKind::Organization => ("([", "])"),
                NodeKind::Forum => ("{{", "}}"),
                NodeKind::Cluster => ("[/", "/]"),
                NodeKind::AreaOfResponsibility => ("[\\", "\\]"),
                NodeKind::DecisionArea => (">", "]"),
            };
            writeln!(f, "  n{i}{open}\"{label}\"{close}")?;
        }
        for (from, to, e) in self.0.positioned_edges() {
            let arrow = match e.kind {
                EdgeKind::ReportsTo | EdgeKind::SubgroupOf | EdgeKind::Leads => "-->",
                EdgeKind::MemberOf | EdgeKind::HoldsRight => "-.->",
                EdgeKind::Chairs => "==>",
            };
            writeln!(
                f,
                "  n{from} {arrow}|\"{}\"| n{to}",
                mermaid_escape(&e.label)
            )?;
        }
        Ok(())
    }
}

/// Escapes text for a double-quoted DOT string: backslashes and quotes are escaped (a lone
/// backslash would otherwise start a DOT escape such as `\N`), line breaks become DOT's `\n`,
/// other control characters become spaces.
pub fn dot_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for a double-quoted Mermaid label. Mermaid has no backslash escapes; it decodes
/// `#code;` entities, so every character with a meaning in its syntax (quotes, brackets, braces,
/// pipes, semicolons, `#`, and `<`, `>`, `&` that HTML labels would interpret) becomes an entity,
/// and line breaks become `<br/>`.
pub fn mermaid_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '&' => out.push_str("#amp;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '[' => out.push_str("#91;"),
            ']' => out.push_str("#93;"),
            '(' => out.push_str("#40;"),
            ')' => out.push_str("#41;"),
            '{' => out.push_str("#123;"),
            '}' => out.push_str("#125;"),
            '|' => out.push_str("#124;"),
            ';' => out.push_str("#59;"),
            '`' => out.push_str("#96;"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("<br/>");
                }
            }
            '\n' => out.push_str("<br/>"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::fixture::{self, *};
    use proptest::prelude::*;

    fn has_edge(g: &StakeholderGraph, kind: EdgeKind, from: Uuid, to: Uuid) -> bool {
        g.edges
            .iter()
            .any(|e| e.kind == kind && e.from == from && e.to == to)
    }

    #[test]
    fn a_cut_graph_keeps_its_first_nodes_and_only_the_edges_between_them() {
        let snap = fixture::mission();
        let day = fixture::day(2012, 3, 1);
        let whole = stakeholder_graph(day, &[], &snap);
        assert!(!whole.truncated() && whole.nodes.len() > 5 && whole.edges.len() > 3);

        let g = stakeholder_graph_within(day, &[], &snap, GraphLimits { nodes: 5, edges: 3 });
        assert_eq!(g.nodes, whole.nodes[..5]);
        assert!(g.nodes_truncated && g.edges_truncated && g.truncated());
        let kept: HashSet<Uuid> = g.nodes.iter().map(|n| n.id).collect();
        let between: Vec<Edge> = whole
            .edges
            .iter()
            .filter(|e| kept.contains(&e.from) && kept.contains(&e.to))
            .cloned()
            .collect();
        assert_eq!(g.edges, between[..between.len().min(3)]);

        let only_edges = GraphLimits {
            nodes: MAX_NODES,
            edges: 2,
        };
        let g = stakeholder_graph_within(day, &[], &snap, only_edges);
        assert_eq!(
            (g.nodes.as_slice(), g.nodes_truncated),
            (&whole.nodes[..], false)
        );
        assert_eq!(
            (g.edges.as_slice(), g.edges_truncated),
            (&whole.edges[..2], true)
        );

        let exact = GraphLimits {
            nodes: whole.nodes.len(),
            edges: whole.edges.len(),
        };
        assert_eq!(stakeholder_graph_within(day, &[], &snap, exact), whole);
    }

    #[test]
    fn the_mission_graph_has_typed_edges_and_the_nodes_they_need() {
        let snap = fixture::mission();
        let g = stakeholder_graph(fixture::day(2012, 3, 1), &[], &snap);
        assert!(!g.truncated());
        let line = g
            .edges
            .iter()
            .find(|e| e.from == HEAD_HR && e.to == DSRSG_POL)
            .unwrap();
        assert_eq!(line.kind, EdgeKind::ReportsTo);
        assert_eq!(line.reporting_kind, Some(ReportingLineKind::Line));
        assert_eq!(line.label, "LINE");
        assert!(has_edge(&g, EdgeKind::ReportsTo, HEAD_HR, OHCHR));
        assert!(has_edge(&g, EdgeKind::ReportsTo, EWRRC, SMG));
        assert!(has_edge(&g, EdgeKind::Chairs, SRSG, SMG));
        assert!(!has_edge(&g, EdgeKind::MemberOf, SRSG, SMG));
        let observer = g
            .edges
            .iter()
            .find(|e| e.record_id == SMG_UNHCR_SEAT)
            .unwrap();
        assert_eq!(
            (observer.kind, observer.capacity),
            (EdgeKind::MemberOf, Some(Capacity::Observer))
        );
        assert!(has_edge(&g, EdgeKind::Leads, UNHCR, PROTECTION_CLUSTER));
        assert!(has_edge(
            &g,
            EdgeKind::SubgroupOf,
            CP_AOR,
            PROTECTION_CLUSTER
        ));
        assert!(has_edge(
            &g,
            EdgeKind::HoldsRight,
            FORCE_COMMANDER,
            USE_OF_FORCE
        ));
        let police = g
            .edges
            .iter()
            .find(|e| e.record_id == PC_DECIDES_POLICE)
            .unwrap();
        assert_eq!(police.label, "DECIDES (police units)");
        let kind_of = |id| g.nodes.iter().find(|n| n.id == id).map(|n| n.kind);
        assert_eq!(kind_of(USE_OF_FORCE), Some(NodeKind::DecisionArea));
        assert_eq!(kind_of(UNHCR), Some(NodeKind::Organization));
        assert_eq!(kind_of(GBV_AOR), Some(NodeKind::AreaOfResponsibility));
        // The Security Council is in the directory but nothing points at it.
        assert_eq!(kind_of(SECURITY_COUNCIL), None);
    }

    #[test]
    fn the_include_filter_keeps_only_the_asked_edge_kinds_and_their_nodes() {
        let snap = fixture::mission();
        let g = stakeholder_graph(fixture::day(2012, 3, 1), &[EdgeKind::ReportsTo], &snap);
        assert!(g.edges.iter().all(|e| e.kind == EdgeKind::ReportsTo));
        assert!(g.nodes.iter().all(|n| n.kind != NodeKind::DecisionArea));
        let orgs: Vec<Uuid> = g
            .nodes
            .iter()
            .filter(|n| n.kind == NodeKind::Organization)
            .map(|n| n.id)
            .collect();
        assert_eq!(orgs.len(), 3);
        assert!(orgs.contains(&DPKO) && orgs.contains(&OHCHR) && orgs.contains(&OCHA));
    }

    #[test]
    fn records_not_valid_on_the_date_leave_no_node_or_edge() {
        let snap = fixture::mission();
        let g = stakeholder_graph(fixture::day(2009, 6, 1), &[], &snap);
        assert!(!has_edge(&g, EdgeKind::ReportsTo, HEAD_CA, DSRSG_RC_HC));
        assert!(!g.edges.iter().any(|e| e.record_id == SECTOR_DECIDES_FORCE));
        let g = stakeholder_graph(fixture::day(2007, 6, 1), &[], &snap);
        assert!(g.nodes.iter().all(|n| n.kind == NodeKind::Organization));
    }

    #[test]
    fn dot_escapes_quotes_backslashes_newlines_and_keeps_brackets_inside_quotes() {
        assert_eq!(
            dot_escape("Head \"Office\" [North]\nSector\\2\r\nend\tx"),
            "Head \\\"Office\\\" [North]\\nSector\\\\2\\nend x"
        );
    }

    #[test]
    fn mermaid_escapes_everything_its_syntax_gives_a_meaning() {
        assert_eq!(
            mermaid_escape("DSRSG \"RC/HC\" [a] (b) {c} |d|; #1 <x> & `y`\nz"),
            "DSRSG #quot;RC/HC#quot; #91;a#93; #40;b#41; #123;c#125; #124;d#124;#59; #35;1 #lt;x#gt; #amp; #96;y#96;<br/>z"
        );
    }

    fn tricky() -> Snapshot {
        let mut snap = fixture::mission();
        for p in &mut snap.posts {
            if p.id == SRSG {
                p.title = "SRSG \"Head\" [of] Mission\nMONUC".to_owned();
            }
        }
        snap
    }

    #[test]
    fn renderings_escape_labels_from_the_data() {
        let g = stakeholder_graph(fixture::day(2012, 3, 1), &[], &tricky());
        let dot = g.to_dot();
        assert!(dot.starts_with("digraph stakeholders {\n"));
        assert!(dot.contains("[label=\"SRSG \\\"Head\\\" [of] Mission\\nMONUC\", shape=box];"));
        assert!(dot.contains("[label=\"CHAIR\", style=bold];"));
        let mermaid = g.to_mermaid();
        assert!(mermaid.starts_with("flowchart BT\n"));
        assert!(mermaid.contains("[\"SRSG #quot;Head#quot; #91;of#93; Mission<br/>MONUC\"]"));
        assert!(mermaid.contains("==>|\"CHAIR\"|"));
        // One line per node and edge plus the frame: no label broke a line.
        assert_eq!(dot.lines().count(), g.nodes.len() + g.edges.len() + 4);
        assert_eq!(mermaid.lines().count(), g.nodes.len() + g.edges.len() + 1);
    }

    proptest! {
        /// The same records in any order give the same graph and the same DOT and Mermaid text,
        /// whatever the labels contain; every rendered line is a single, well-quoted statement.
        #[test]
        fn renderings_are_deterministic_and_well_formed(
            seed in any::<u64>(),
            label in ".{0,24}",
            day in 0i64..2000,
        ) {
            let mut snap = tricky();
            snap.posts[1].title = label.clone();
            snap.forums[0].name = label;
            let as_of = fixture::offset(day - 1000);
            let mut shuffled = snap.clone();
            shuffle(&mut shuffled.posts, seed);
            shuffle(&mut shuffled.reporting_lines, seed.rotate_left(7));
            shuffle(&mut shuffled.memberships, seed.rotate_left(13));
            shuffle(&mut shuffled.rights, seed.rotate_left(19));
            shuffle(&mut shuffled.forums, seed.rotate_left(23));
            let a = stakeholder_graph(as_of, &[], &snap);
            let b = stakeholder_graph(as_of, &[], &shuffled);
            prop_assert_eq!(&a, &b);
            prop_assert_eq!(a.to_dot(), b.to_dot());
            prop_assert_eq!(a.to_mermaid(), b.to_mermaid());
            for line in a.to_dot().lines().skip(3).take(a.nodes.len() + a.edges.len()) {
                // Unescaped quotes: exactly the two around the label.
                let unescaped = line.replace("\\\\", "").replace("\\\"", "");
                prop_assert_eq!(unescaped.matches('"').count(), 2, "{}", line);
                prop_assert!(line.ends_with(';'));
            }
            for line in a.to_mermaid().lines().skip(1) {
                prop_assert_eq!(line.matches('"').count(), 2, "{}", line);
            }
        }
    }

    /// A deterministic Fisher-Yates shuffle driven by a seed (no RNG dependency needed).
    fn shuffle<T>(items: &mut [T], mut seed: u64) {
        for i in (1..items.len()).rev() {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let j = (seed >> 33) as usize % (i + 1);
            items.swap(i, j);
        }
    }
}
