// How each kind of node and edge is drawn: one table, read by the map (Cytoscape's style), the
// legend and the SVG export. Colours keep a contrast of at least 4.5:1 for the text drawn on
// or beside them on the white map.

export const NODE_KINDS = {
  COMPONENT: { name: 'Component', shape: 'round-rectangle', fill: '#dbe9f6', border: '#1f5f99' },
  POST: { name: 'Post', shape: 'rectangle', fill: '#ffffff', border: '#1b3a5c' },
  FORUM: { name: 'Forum', shape: 'hexagon', fill: '#fde8cf', border: '#a04d00' },
  CLUSTER: { name: 'Cluster', shape: 'diamond', fill: '#dff1dc', border: '#2f6b25' },
  AREA_OF_RESPONSIBILITY: {
    name: 'Area of responsibility',
    shape: 'round-diamond',
    fill: '#eef7d9',
    border: '#4f6b12',
  },
  ORGANIZATION: { name: 'Organisation', shape: 'ellipse', fill: '#ece3f4', border: '#5b2d82' },
  DECISION_AREA: { name: 'Decision area', shape: 'tag', fill: '#f9dede', border: '#a11d1d' },
};

// An edge's look: its kind, refined by the kind of reporting line or the capacity of a seat.
export const EDGE_STYLES = {
  REPORTS_TO: { name: 'Reports to (line)', color: '#1b3a5c', width: 2, line: 'solid' },
  'REPORTS_TO:FUNCTIONAL': { name: 'Reports to (functional)', color: '#1b3a5c', width: 1.5, line: 'dashed' },
  'REPORTS_TO:COMMAND': { name: 'Military command', color: '#0d2a4a', width: 3, line: 'solid' },
  'REPORTS_TO:COORDINATION': { name: 'Coordinates with', color: '#1b3a5c', width: 1.5, line: 'dotted' },
  CHAIRS: { name: 'Chairs', color: '#a04d00', width: 3, line: 'solid' },
  'MEMBER_OF:CHAIR': { name: 'Seat: chair', color: '#a04d00', width: 3, line: 'solid' },
  'MEMBER_OF:CO_CHAIR': { name: 'Seat: co-chair', color: '#a04d00', width: 2.5, line: 'solid' },
  'MEMBER_OF:SECRETARIAT': { name: 'Seat: secretariat', color: '#6b4a1a', width: 2, line: 'solid' },
  MEMBER_OF: { name: 'Seat: member', color: '#555555', width: 1.5, line: 'solid' },
  'MEMBER_OF:OBSERVER': { name: 'Seat: observer', color: '#555555', width: 1.5, line: 'dashed' },
  'MEMBER_OF:LIAISON': { name: 'Seat: liaison', color: '#555555', width: 1.5, line: 'dashed' },
  'MEMBER_OF:PRESENT_WITHOUT_MEMBERSHIP': {
    name: 'Present without membership',
    color: '#767676',
    width: 1.5,
    line: 'dotted',
  },
  LEADS: { name: 'Leads (cluster or AoR)', color: '#2f6b25', width: 2.5, line: 'solid' },
  SUBGROUP_OF: { name: 'Subgroup / reports to (forum)', color: '#4f6b12', width: 1.5, line: 'dashed' },
  HOLDS_RIGHT: { name: 'Holds a decision right', color: '#a11d1d', width: 1.5, line: 'dashed' },
};

// The style key of an edge of the API's graph.
export function edgeStyleKey(edge) {
  if (edge.kind === 'REPORTS_TO' && edge.reportingKind && edge.reportingKind !== 'LINE') {
    return `REPORTS_TO:${edge.reportingKind}`;
  }
  if (edge.kind === 'MEMBER_OF' && edge.capacity && edge.capacity !== 'MEMBER') {
    return `MEMBER_OF:${edge.capacity}`;
  }
  return edge.kind;
}

// Highlights of the who-decides panel, by the role a node plays.
export const ROLES = {
  decides: { name: 'Decides / approves / endorses', color: '#a11d1d' },
  delegation: { name: 'On the delegation path', color: '#a04d00' },
  exercises: { name: 'Exercises the right (post)', color: '#5b2d82' },
  consulted: { name: 'Consulted / recommends', color: '#1f5f99' },
  informed: { name: 'Informed / executes', color: '#2f6b25' },
  escalation: { name: 'Escalation chain', color: '#000000' },
};

// Which highlight a kind of right gives its holder.
export function roleOfRight(kind) {
  switch (kind) {
    case 'DECIDES':
    case 'APPROVES':
    case 'ENDORSES':
      return 'decides';
    case 'CONSULTED':
    case 'RECOMMENDS':
      return 'consulted';
    default:
      return 'informed';
  }
}

// How large a node is drawn: its label wrapped inside it, at most four lines of about 20
// characters (shapes narrower inside than their box get more room).
export function nodeSize(kind, label) {
  const perLine = 20;
  const lines = Math.min(4, Math.max(1, Math.ceil(label.length / perLine)));
  const textWidth = Math.min(label.length, perLine) * 5.6 + 6;
  const roomy = ['hexagon', 'diamond', 'round-diamond', 'tag', 'ellipse'].includes(NODE_KINDS[kind]?.shape);
  const grow = roomy ? 1.45 : 1;
  return {
    textWidth,
    width: Math.round((textWidth + 10) * grow),
    height: Math.round((lines * 12 + 10) * (roomy ? 1.3 : 1)),
  };
}

// Cytoscape's stylesheet, from the tables above.

// The seats that make an actor a bridge (in the mission's forums and in cluster or AoR forums).
export const BRIDGE_SEAT = {
  name: 'Bridge seat: mission and humanitarian forums',
  color: '#6a1b9a',
  width: 4,
};

export function cytoscapeStyle() {
  const style = [
    {
      selector: 'node',
      style: {
        label: 'data(display)',
        'font-size': 10,
        'font-family': 'system-ui, sans-serif',
        color: '#111111',
        'text-wrap': 'wrap',
        'text-max-width': 'data(textWidth)',
        'text-valign': 'center',
        'text-halign': 'center',
        'min-zoomed-font-size': 5,
        width: 'data(width)',
        height: 'data(height)',
        'border-width': 2,
      },
    },
  ];
  for (const [kind, look] of Object.entries(NODE_KINDS)) {
    style.push({
      selector: `node[kind = "${kind}"]`,
      style: { shape: look.shape, 'background-color': look.fill, 'border-color': look.border },
    });
  }
  style.push({
    selector: 'edge',
    style: {
      'curve-style': 'bezier',
      'target-arrow-shape': 'triangle',
      'arrow-scale': 0.8,
      'font-size': 9,
      color: '#333333',
      'min-zoomed-font-size': 10,
    },
  });
  for (const [key, look] of Object.entries(EDGE_STYLES)) {
    style.push({
      selector: `edge[look = "${key}"]`,
      style: {
        'line-color': look.color,
        'target-arrow-color': look.color,
        'source-arrow-color': look.color,
        width: look.width,
        'line-style': look.line,
      },
    });
  }
  style.push(
    // Lines drawn from the superior down (so the layout puts superiors on top) point up.
    {
      selector: 'edge.upwards',
      style: { 'target-arrow-shape': 'none', 'source-arrow-shape': 'triangle' },
    },
    { selector: 'node:selected', style: { 'border-width': 5, 'border-color': '#000000' } },
    { selector: 'edge:selected', style: { width: 4, label: 'data(label)' } },
    { selector: '.faded', style: { opacity: 0.18 } },
    { selector: 'node.match', style: { 'border-width': 5, 'border-color': '#c2185b' } },
    { selector: 'node.bridge', style: { 'border-style': 'double', 'border-width': 6 } },
    {
      selector: 'edge.bridge',
      style: {
        width: BRIDGE_SEAT.width,
        'line-color': BRIDGE_SEAT.color,
        'target-arrow-color': BRIDGE_SEAT.color,
      },
    },
  );
  for (const [role, look] of Object.entries(ROLES)) {
    style.push({
      selector: `node.role-${role}`,
      style: { 'border-width': 5, 'border-color': look.color, 'font-weight': 'bold' },
    });
    style.push({
      selector: `edge.role-${role}`,
      style: { width: 4, 'line-color': look.color, 'target-arrow-color': look.color },
    });
  }
  return style;
}
