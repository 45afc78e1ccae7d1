// The map explorer of coordmap. Everything it needs ships in the server's binary; it reads the
// map only through the GraphQL endpoint, with the token its user gives (none: anonymous). The
// page (served by api/src/explorer.rs) passes the endpoint and the page's base path as data
// attributes of #explorer. The address names what is shown, so a view can be shared:
// /explore/<ACRONYM>?asOf=<date>&view=<map|decides|history|changes>&area=<CODE>&node=<id>.
import cytoscape from 'cytoscape';
import dagre from 'cytoscape-dagre';
import { Api } from './api.js';
import * as Q from './queries.js';
import {
  BRIDGE_SEAT,
  EDGE_STYLES,
  NODE_KINDS,
  ROLES,
  cytoscapeStyle,
  edgeStyleKey,
  nodeSize,
  roleOfRight,
} from './styles.js';
import { toSvg } from './svg.js';
import './explorer.css';

cytoscape.use(dagre);

const root = document.getElementById('explorer');
const api = new Api(root.dataset.endpoint);
const base = root.dataset.base;
const TOKEN_KEY = 'coordmap.explorer.token';

// The largest graph asked for: the API's maximum (2,000 nodes, 5,000 edges), cut to the
// caller's budget when smaller.
const GRAPH_SIZES = { nodes: 2000, edges: 5000 };

const VIEWS = {
  map: 'Map',
  decides: 'Who decides',
  history: 'History',
  changes: 'Changes',
};

const state = {
  mission: null, // the mission as read on the date
  asOf: '',
  graph: null, // the API's stakeholderGraph answer
  sizes: null, // the list sizes the map was drawn with
  hats: null, // post id → its hats, for posts with more than one
  view: 'map',
  area: '',
  node: '',
  cy: null,
};

// ---- The page's skeleton ---------------------------------------------------------------------

function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') element.className = value;
    else if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

const $ = (selector) => root.querySelector(selector);

function skeleton() {
  root.textContent = '';
  root.append(
    el('a', { class: 'skip', href: '#side' }, 'Skip to the lists beside the map'),
    el(
      'header',
      { class: 'bar' },
      el('h1', {}, 'coordmap ', el('span', { class: 'sub' }, 'map explorer')),
      el(
        'form',
        { id: 'pick', class: 'pick', 'aria-label': 'Mission and date' },
        el('label', { for: 'mission' }, 'Mission'),
        el('input', {
          id: 'mission',
          list: 'missions',
          autocomplete: 'off',
          spellcheck: 'false',
          placeholder: 'e.g. MONUC',
          size: 10,
        }),
        el('datalist', { id: 'missions' }),
        el('label', { for: 'as-of' }, 'As of'),
        el('input', { id: 'as-of', type: 'date' }),
        el('input', {
          id: 'slider',
          type: 'range',
          min: 0,
          max: 0,
          step: 1,
          'aria-label': "Date, over the mission's history",
        }),
        el('button', { type: 'submit' }, 'Show'),
      ),
      el(
        'form',
        { id: 'sign-in', class: 'sign-in', 'aria-label': 'Credential' },
        el('label', { for: 'token' }, 'Token'),
        el('input', {
          id: 'token',
          type: 'password',
          autocomplete: 'off',
          placeholder: 'none: anonymous',
          size: 14,
        }),
        el('button', { type: 'submit', id: 'use-token' }, 'Use'),
        el('button', { type: 'button', id: 'sign-out' }, 'Clear'),
        el('span', { id: 'viewer', class: 'viewer', 'aria-live': 'polite' }),
      ),
      el('a', { href: '/graphiql', class: 'graphiql' }, 'GraphiQL'),
    ),
    el(
      'nav',
      { class: 'tabs', role: 'tablist', 'aria-label': 'Views' },
      Object.entries(VIEWS).map(([view, name]) =>
        el(
          'button',
          {
            role: 'tab',
            id: `tab-${view}`,
            'data-view': view,
            'aria-controls': `panel-${view}`,
            'aria-selected': 'false',
            tabindex: '-1',
          },
          name,
        ),
      ),
    ),
    el(
      'div',
      { class: 'main' },
      el(
        'section',
        { class: 'graph-pane', 'aria-label': 'Map' },
        el(
          'div',
          { class: 'toolbar' },
          el('label', { for: 'search', class: 'visually-hidden' }, 'Find on the map'),
          el('input', {
            id: 'search',
            type: 'search',
            placeholder: 'Find on the map',
            autocomplete: 'off',
          }),
          el('button', { type: 'button', id: 'zoom-in', 'aria-label': 'Zoom in' }, '+'),
          el('button', { type: 'button', id: 'zoom-out', 'aria-label': 'Zoom out' }, '−'),
          el('button', { type: 'button', id: 'fit' }, 'Fit'),
          el('span', { class: 'export-label' }, 'Export:'),
          el('button', { type: 'button', id: 'export-svg' }, 'SVG'),
          el('button', { type: 'button', id: 'export-png' }, 'PNG'),
          el('button', { type: 'button', id: 'export-dot' }, 'DOT'),
          el('button', { type: 'button', id: 'export-mermaid' }, 'Mermaid'),
        ),
        el('p', { id: 'status', class: 'status', role: 'status', 'aria-live': 'polite' }),
        el(
          'div',
          { class: 'map-area' },
          el('div', {
          id: 'cy',
          class: 'cy',
          tabindex: '0',
          role: 'application',
          'aria-roledescription': 'stakeholder map',
          'aria-label':
            'Stakeholder map. Arrow keys move between nodes, + and − zoom, 0 fits the map; the lists beside it hold the same.',
        }),
        el('details', { class: 'legend', open: true }, el('summary', {}, 'Legend'), legend()),
        ),
      ),
      el(
        'aside',
        { id: 'side', class: 'side', tabindex: '-1' },
        el('section', { id: 'details', class: 'details', 'aria-live': 'polite' }),
        el('section', { id: 'panel-map', role: 'tabpanel', 'aria-labelledby': 'tab-map' }),
        el('section', {
          id: 'panel-decides',
          role: 'tabpanel',
          'aria-labelledby': 'tab-decides',
          hidden: true,
        }),
        el('section', {
          id: 'panel-history',
          role: 'tabpanel',
          'aria-labelledby': 'tab-history',
          hidden: true,
        }),
        el('section', {
          id: 'panel-changes',
          role: 'tabpanel',
          'aria-labelledby': 'tab-changes',
          hidden: true,
        }),
        el('section', { id: 'export', class: 'export', hidden: true }),
      ),
    ),
  );
}

// A sample of a look for the legend, coloured from the one table (styles.js).
function sample(className, paint) {
  const span = el('span', { class: className, 'aria-hidden': 'true' });
  Object.assign(span.style, paint);
  return span;
}

function legend() {
  const nodes = el(
    'ul',
    { class: 'legend-list' },
    Object.entries(NODE_KINDS).map(([kind, look]) =>
      el(
        'li',
        {},
        sample(`swatch shape-${look.shape}`, { backgroundColor: look.fill, borderColor: look.border }),
        look.name,
      ),
    ),
  );
  const edges = el(
    'ul',
    { class: 'legend-list' },
    Object.entries(EDGE_STYLES).map(([key, look]) =>
      el(
        'li',
        {},
        sample('line', {
          borderTopStyle: look.line,
          borderTopColor: look.color,
          borderTopWidth: `${Math.max(1, Math.round(look.width))}px`,
        }),
        look.name,
      ),
    ),
  );
  const roles = el(
    'ul',
    { class: 'legend-list' },
    Object.entries(ROLES).map(([role, look]) =>
      el('li', {}, sample('ring', { borderColor: look.color }), look.name),
    ),
    el('li', {}, sample('ring bridge', {}), 'Bridge: sits on both sides'),
    el(
      'li',
      {},
      sample('line', {
        borderTopStyle: 'solid',
        borderTopColor: BRIDGE_SEAT.color,
        borderTopWidth: `${BRIDGE_SEAT.width}px`,
      }),
      BRIDGE_SEAT.name,
    ),
  );
  return el(
    'div',
    { class: 'legend-body' },
    el('div', {}, el('h3', {}, 'Nodes'), nodes),
    el('div', {}, el('h3', {}, 'Edges'), edges),
    el('div', {}, el('h3', {}, 'Highlights'), roles),
  );
}

// ---- Status and errors ---------------------------------------------------------------------------

function status(text, kind = 'info') {
  const line = $('#status');
  line.textContent = text;
  line.dataset.kind = kind;
}

function explain(err) {
  switch (err.code) {
    case 'UNAUTHENTICATED':
      return 'The token was refused (malformed, expired or revoked). Clear it to continue anonymously.';
    case 'NOT_FOUND':
      return `${err.message}.`;
    case 'RATE_LIMITED':
      return 'Too many requests: wait a moment and try again.';
    default:
      return err.message;
  }
}

// ---- The address -------------------------------------------------------------------------------------

function readAddress() {
  const rest = decodeURIComponent(location.pathname.slice(base.length)).replace(/^\/+|\/+$/g, '');
  const params = new URLSearchParams(location.search);
  return {
    mission: location.pathname.startsWith(base) ? rest : '',
    asOf: params.get('asOf') ?? '',
    view: VIEWS[params.get('view')] ? params.get('view') : 'map',
    area: params.get('area') ?? '',
    node: params.get('node') ?? '',
  };
}

function writeAddress() {
  if (!state.mission) return;
  const params = new URLSearchParams();
  if (state.asOf) params.set('asOf', state.asOf);
  if (state.view !== 'map') params.set('view', state.view);
  if (state.area) params.set('area', state.area);
  if (state.node) params.set('node', state.node);
  const query = params.toString();
  const address = `${base}/${encodeURIComponent(state.mission.currentAcronym)}${query ? `?${query}` : ''}`;
  history.replaceState(null, '', address);
}

// ---- Dates ---------------------------------------------------------------------------------------------

const DAY = 86400000;
const toDays = (date) => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY);
const fromDays = (days) => new Date(days * DAY).toISOString().slice(0, 10);
const today = () => new Date().toISOString().slice(0, 10);

// The mission's history: its first day to its last (today while it runs).
function period(mission) {
  const first = mission.validFrom;
  const last = mission.validTo ? fromDays(toDays(mission.validTo) - 1) : today();
  return { first, last };
}

function clampDate(date, mission) {
  const { first, last } = period(mission);
  if (!date || date < first) return date ? first : last;
  return date > last ? last : date;
}

function setSlider(mission, date) {
  const slider = $('#slider');
  const { first, last } = period(mission);
  slider.min = toDays(first);
  slider.max = toDays(last);
  slider.value = toDays(date);
  slider.setAttribute('aria-valuetext', date);
  $('#as-of').min = first;
  $('#as-of').max = last;
  $('#as-of').value = date;
}

// ---- Loading a mission on a date ---------------------------------------------------------------

let loadCounter = 0;

async function show(acronym, asOf) {
  const load = ++loadCounter;
  root.dataset.state = 'loading';
  status(`Loading ${acronym}…`);
  try {
    // Read once to learn its period, then on the date asked (its acronym and name then).
    const found = (await api.query(Q.MISSION, { acronym })).mission;
    const date = clampDate(asOf || found.defaultAsOf.date, found);
    const mission =
      date === found.asOf ? found : (await api.query(Q.MISSION, { acronym, asOf: date })).mission;
    const [graph, hats] = await Promise.all([
      api.queryWithin(Q.GRAPH, { mission: mission.id, asOf: date }, GRAPH_SIZES),
      // The hats only add to the posts' labels: the map stands without them.
      api.query(Q.HATS, { mission: mission.id, asOf: date }).catch(() => null),
    ]);
    if (load !== loadCounter) return;
    state.hats = new Map(
      (hats?.mission.posts ?? [])
        .filter((post) => post.hats.length > 1)
        .map((post) => [post.id, post.hats.map((hat) => hatName(hat.hat)).join(' · ')]),
    );
    state.mission = mission;
    state.asOf = date;
    state.graph = graph.stakeholderGraph;
    state.sizes = {
      nodes: Math.max(1, state.graph.nodes.length),
      edges: Math.max(1, state.graph.edges.length),
    };
    $('#mission').value = mission.acronym;
    setSlider(mission, date);
    renderMissionHeading();
    draw();
    await renderView();
    markBridges(mission.id, date, load);
    writeAddress();
  } catch (err) {
    if (load !== loadCounter) return;
    status(explain(err), 'error');
    root.dataset.state = 'error';
  }
}

function renderMissionHeading() {
  const { mission, graph } = state;
  const former = mission.formerNames
    .filter((name) => name.acronym !== mission.acronym)
    .map((name) => name.acronym);
  const renamed =
    mission.currentAcronym !== mission.acronym ? ` (today ${mission.currentAcronym})` : '';
  const cut = graph.nodesTruncated || graph.edgesTruncated;
  status(
    `${mission.acronym}${renamed} — ${mission.name}, as of ${state.asOf}` +
      (former.length ? `; also known as ${former.join(', ')}` : '') +
      `. ${graph.nodes.length} nodes, ${graph.edges.length} edges` +
      (cut ? ' (cut to what your access allows; sign in to see more).' : '.'),
    cut ? 'warning' : 'info',
  );
  $('#mission-heading')?.remove();
  $('.graph-pane').insertBefore(
    el(
      'h2',
      { id: 'mission-heading', class: 'mission-heading' },
      `${mission.acronym} `,
      el('span', { class: 'sub' }, `${mission.name} · ${state.asOf}`),
    ),
    $('.toolbar'),
  );
}

// ---- The map ---------------------------------------------------------------------------------------

// A hat as the seeds write it: `HUMANITARIAN_COORDINATOR` → `HC`.
const HAT_NAMES = {
  HEAD_OF_MISSION: 'HoM',
  RESIDENT_COORDINATOR: 'RC',
  HUMANITARIAN_COORDINATOR: 'HC',
  DSRSG_RULE_OF_LAW: 'DSRSG RoL',
  DSRSG_POLITICAL: 'DSRSG Pol',
  HEAD_OF_COMPONENT: 'head of component',
  OHCHR_REPRESENTATIVE: 'OHCHR rep.',
};

function hatName(hat) {
  return HAT_NAMES[hat] ?? (hat.length <= 6 ? hat : hat.toLowerCase().replaceAll('_', ' '));
}

// Lines that run from a subordinate up (reporting lines, subgroups) are laid out from the
// superior down, so superiors are drawn on top; their arrow still points up.
const UPWARDS = new Set(['REPORTS_TO', 'SUBGROUP_OF']);

function elements(graph) {
  const nodes = graph.nodes.map((node) => {
    const hats = state.hats?.get(node.id);
    const display = hats ? `${node.label}\n[${hats}]` : node.label;
    return {
      group: 'nodes',
      data: { id: node.id, label: node.label, display, kind: node.kind, ...nodeSize(node.kind, display) },
    };
  });
  const edges = graph.edges.map((edge, index) => {
    const upwards = UPWARDS.has(edge.kind);
    return {
      group: 'edges',
      data: {
        id: `e${index}`,
        source: upwards ? edge.to : edge.from,
        target: upwards ? edge.from : edge.to,
        from: edge.from,
        to: edge.to,
        kind: edge.kind,
        look: edgeStyleKey(edge),
        label: edge.label,
      },
      classes: upwards ? 'upwards' : '',
    };
  });
  return [...nodes, ...edges];
}

function draw() {
  const started = performance.now();
  state.cy?.destroy();
  const cy = cytoscape({
    container: $('#cy'),
    elements: elements(state.graph),
    style: cytoscapeStyle(),
    wheelSensitivity: 0.3,
    minZoom: 0.05,
    maxZoom: 4,
    boxSelectionEnabled: false,
    textureOnViewport: state.graph.nodes.length > 150,
    hideEdgesOnViewport: state.graph.edges.length > 500,
    layout: { name: 'preset' },
  });
  state.cy = cy;
  // For the console and the browser tests: the map, the page's state, the SVG export.
  window.explorer = { cy, state, svg: () => toSvg(cy) };
  cy.on('tap', 'node', (event) => select(event.target.id()));
  cy.on('tap', (event) => {
    if (event.target === cy) select('');
  });
  // Decision rights do not place the map: an edge from a holder deep in the structure to its
  // decision area would stretch across the layers and double the layout's time on a large
  // mission. The areas stand in the first layer, and their edges are drawn all the same.
  const layout = cy.elements().not('edge[kind = "HOLDS_RIGHT"]').layout({
    name: 'dagre',
    rankDir: 'LR',
    ranker: state.graph.nodes.length > 150 ? 'tight-tree' : 'network-simplex',
    nodeSep: 12,
    rankSep: 50,
    edgeSep: 4,
    animate: false,
    fit: true,
    padding: 20,
  });
  layout.one('layoutstop', () => {
    // A small map is not blown up past a readable size.
    if (cy.zoom() > 1.5) {
      cy.zoom(1.5);
      cy.center();
    }
    performance.measure('map-layout', { start: started, end: performance.now() });
    requestAnimationFrame(() => {
      // The map is drawn and answers input: the mark the benchmark reads.
      performance.mark('map-interactive');
      root.dataset.state = 'ready';
    });
  });
  layout.run();
  renderLists();
  if (state.node && cy.getElementById(state.node).nonempty()) select(state.node);
  else showDetails(null);
}

async function markBridges(mission, asOf, load) {
  try {
    const data = await api.query(Q.BRIDGES, { mission, asOf });
    if (load !== loadCounter || !state.cy) return;
    for (const bridge of data.bridges) {
      const actor = bridge.actor?.id;
      if (!actor) continue;
      state.cy.getElementById(actor).addClass('bridge');
      // Its seats on both sides become bridge edges.
      const forums = new Set(
        [...bridge.missionSeats, ...bridge.clusterSeats].map((seat) => seat.forum?.id).filter(Boolean),
      );
      state.cy
        .edges()
        .filter((e) => {
          const [from, to] = [e.data('from'), e.data('to')];
          return (from === actor && forums.has(to)) || (to === actor && forums.has(from));
        })
        .addClass('bridge');
      const item = $(`#list-${CSS.escape(actor)}`);
      if (item) item.append(' ', el('span', { class: 'tag' }, 'bridge'));
    }
  } catch {
    // Bridges only add a mark; the map stands without them.
  }
}

function labelOf(id) {
  const node = state.cy?.getElementById(id);
  return node?.nonempty() ? node.data('label') : id;
}

// The lists beside the map: every node by kind and every edge in words, the map's text
// alternative. Choosing an item selects the node on the map.
function renderLists() {
  const panel = $('#panel-map');
  panel.textContent = '';
  const byKind = new Map();
  for (const node of state.graph.nodes) {
    if (!byKind.has(node.kind)) byKind.set(node.kind, []);
    byKind.get(node.kind).push(node);
  }
  panel.append(el('h2', {}, 'On the map'));
  for (const [kind, nodes] of byKind) {
    panel.append(
      el(
        'details',
        { class: 'kind-list', open: nodes.length <= 40 },
        el('summary', {}, `${NODE_KINDS[kind]?.name ?? kind} (${nodes.length})`),
        el(
          'ul',
          { class: 'node-list', 'data-kind': kind },
          nodes.map((node) =>
            el(
              'li',
              { id: `list-${node.id}` },
              el(
                'button',
                { type: 'button', class: 'link', 'data-node': node.id, onclick: () => select(node.id, true) },
                node.label,
              ),
              state.hats?.has(node.id) ? el('span', { class: 'tag' }, state.hats.get(node.id)) : '',
            ),
          ),
        ),
      ),
    );
  }
  const edges = state.graph.edges.map((edge) =>
    el(
      'li',
      {},
      `${labelOf(edge.from)} — ${edge.label || edge.kind.toLowerCase()} → ${labelOf(edge.to)}`,
    ),
  );
  panel.append(
    el(
      'details',
      { class: 'kind-list' },
      el('summary', {}, `Connections (${edges.length})`),
      el('ul', { class: 'edge-list' }, edges),
    ),
  );
}

function select(id, center = false) {
  const cy = state.cy;
  if (!cy) return;
  cy.elements().unselect();
  state.node = id;
  writeAddress();
  if (!id) {
    showDetails(null);
    return;
  }
  const node = cy.getElementById(id);
  if (node.empty()) return;
  node.select();
  if (center) cy.animate({ center: { eles: node }, zoom: Math.max(cy.zoom(), 1) }, { duration: 200 });
  showDetails(id);
}

// ---- Node details ------------------------------------------------------------------------------

const TYPE_NAMES = {
  Post: 'Post',
  Component: 'Component',
  Forum: 'Forum',
  Organization: 'Organisation',
  Cluster: 'Cluster',
  AreaOfResponsibility: 'Area of responsibility',
  DecisionArea: 'Decision area',
};

function sourcesList(sources) {
  if (!sources?.length) return el('p', { class: 'muted' }, 'No source you may see.');
  return el(
    'ul',
    { class: 'sources' },
    sources.map((source) =>
      el(
        'li',
        {},
        el('cite', {}, source.document?.title ?? 'a document you may not see'),
        source.locator ? ` ${source.locator}` : '',
        source.quote ? el('blockquote', {}, `“${source.quote}”`) : '',
        source.illustrative ? el('span', { class: 'tag' }, 'illustrative') : '',
        source.note ? el('p', { class: 'note' }, source.note) : '',
      ),
    ),
  );
}

function period2(record) {
  if (!record.validFrom) return null;
  return `${record.validFrom} – ${record.validTo ? record.validTo : 'today'}`;
}

let detailsCounter = 0;

async function showDetails(id) {
  const box = $('#details');
  const request = ++detailsCounter;
  box.textContent = '';
  if (!id) {
    box.append(
      el('p', { class: 'muted' }, 'Choose a node on the map or in the lists for its details and sources.'),
    );
    return;
  }
  box.append(el('h2', {}, labelOf(id)), el('p', { class: 'muted' }, 'Loading…'));
  try {
    const { node } = await api.query(Q.DETAILS, { id, asOf: state.asOf });
    if (request !== detailsCounter) return;
    box.textContent = '';
    if (!node) {
      box.append(el('h2', {}, labelOf(id)), el('p', {}, 'No details you may see.'));
      return;
    }
    const facts = [
      ['Kind', TYPE_NAMES[node.__typename] ?? node.__typename],
      ['Code', node.code],
      ['Acronym', node.acronym],
      ['Type', node.kind],
      ['Level', node.level],
      ['In', node.component?.name],
      ['Heads its component', node.isComponentHead ? 'yes' : null],
      ['Hats', node.hats?.map((hat) => hat.hat).join(', ') || null],
      ['Theme', node.theme],
      ['Scope', node.scope],
      ['Meets', node.meetingFrequency],
      ['Open to outside actors', node.openToExternal === undefined ? null : node.openToExternal ? 'yes' : 'no'],
      ['Period', period2(node)],
      ['Who may see it', node.sensitivity],
      ['Purpose', node.purpose ?? node.description],
    ].filter(([, value]) => value !== null && value !== undefined && value !== '');
    const neighbours = state.cy
      .getElementById(id)
      .connectedEdges()
      .map((edge) => {
        const data = edge.data();
        const other = data.from === id ? data.to : data.from;
        const text = data.from === id ? `${data.label} → ` : `← ${data.label} `;
        return el(
          'li',
          {},
          text,
          el('button', { type: 'button', class: 'link', onclick: () => select(other, true) }, labelOf(other)),
        );
      });
    box.append(
      el('h2', {}, node.title ?? node.name ?? node.code ?? labelOf(id)),
      el('dl', { class: 'facts' }, facts.map(([name, value]) => [el('dt', {}, name), el('dd', {}, value)])),
      el('h3', {}, 'Sources'),
      sourcesList(node.sources),
      neighbours.length ? el('h3', {}, 'Connections') : '',
      neighbours.length ? el('ul', { class: 'connections' }, neighbours) : '',
    );
  } catch (err) {
    if (request !== detailsCounter) return;
    box.textContent = '';
    box.append(el('h2', {}, labelOf(id)), el('p', { class: 'error' }, explain(err)));
  }
}

// ---- Views ---------------------------------------------------------------------------------------------

// A node's details come first beside the map, after the panel in the other views.
function placeDetails() {
  const details = $('#details');
  if (state.view === 'map') $('#side').prepend(details);
  else $(`#panel-${state.view}`).after(details);
}

function setView(view) {
  state.view = view;
  for (const tab of root.querySelectorAll('[role=tab]')) {
    const on = tab.dataset.view === view;
    tab.setAttribute('aria-selected', on ? 'true' : 'false');
    tab.tabIndex = on ? 0 : -1;
  }
  for (const name of Object.keys(VIEWS)) $(`#panel-${name}`).hidden = name !== view;
  placeDetails();
  clearHighlights();
  writeAddress();
  return renderView();
}

async function renderView() {
  if (!state.mission) return;
  if (state.view === 'decides') await renderDecides();
  else if (state.view === 'history') await renderHistory();
  else if (state.view === 'changes') await renderChanges();
}

function clearHighlights() {
  const cy = state.cy;
  if (!cy) return;
  cy.elements().removeClass(['faded', ...Object.keys(ROLES).map((role) => `role-${role}`)]);
}

function holderName(holder) {
  if (!holder) return 'a holder you may not see';
  return holder.title ?? holder.name ?? holder.code ?? '?';
}

function nodeButton(record) {
  const name = holderName(record);
  if (record?.id && state.cy?.getElementById(record.id).nonempty()) {
    return el('button', { type: 'button', class: 'link', onclick: () => select(record.id, true) }, name);
  }
  return el('span', {}, name);
}

// ---- Who decides ---------------------------------------------------------------------------------

let areas = null;
let decidesCounter = 0;

async function renderDecides() {
  const request = ++decidesCounter;
  const panel = $('#panel-decides');
  if (!panel.querySelector('#area')) {
    panel.textContent = '';
    const pick = el(
      'form',
      { class: 'inline-form', id: 'decides-form' },
      el('label', { for: 'area' }, 'Decision area'),
      el('select', { id: 'area' }, el('option', { value: '' }, '— choose —')),
      el('button', { type: 'submit' }, 'Show'),
    );
    pick.addEventListener('submit', (event) => {
      event.preventDefault();
      state.area = $('#area').value;
      writeAddress();
      renderDecides();
    });
    panel.append(el('h2', {}, 'Who decides'), pick, el('div', { id: 'decides-answer' }));
    try {
      areas ??= (await api.query(Q.DECISION_AREAS)).decisionAreas.nodes;
      for (const area of areas) {
        $('#area').append(el('option', { value: area.code }, `${area.name} (${area.code})`));
      }
    } catch (err) {
      $('#decides-answer').append(el('p', { class: 'error' }, explain(err)));
      return;
    }
  }
  $('#area').value = state.area;
  const answer = $('#decides-answer');
  answer.textContent = '';
  clearHighlights();
  if (!state.area) {
    answer.append(el('p', { class: 'muted' }, 'Choose a decision area: its holders are highlighted on the map and listed here.'));
    return;
  }
  answer.append(el('p', { class: 'muted' }, 'Loading…'));
  try {
    const { whoDecides } = await api.query(Q.WHO_DECIDES, {
      mission: state.mission.id,
      area: state.area,
      asOf: state.asOf,
    });
    if (request !== decidesCounter) return;
    answer.textContent = '';
    highlightDecision(whoDecides);
    answer.append(
      el(
        'p',
        {},
        `${whoDecides.area.name} in ${state.mission.acronym} on ${whoDecides.effectiveDate.date}: `,
        whoDecides.applied === 'GLOBAL' ? 'no grant of the mission applies; the global defaults do.' : "the mission's own grants.",
        whoDecides.truncated ? ' Some holders were left out.' : '',
      ),
    );
    if (!whoDecides.groups.length) answer.append(el('p', {}, 'Nobody you may see holds a right in this area on this date.'));
    for (const group of whoDecides.groups) {
      answer.append(
        el('h3', { class: 'group' }, sample('ring', { borderColor: ROLES[roleOfRight(group.kind)].color }), group.kind),
        el(
          'ul',
          { class: 'holders' },
          group.holders.map((holder) =>
            el(
              'li',
              { class: 'holder' },
              el('strong', {}, nodeButton(holder.holder)),
              holder.scope ? ` — ${holder.scope}` : '',
              holder.nonDelegable ? el('span', { class: 'tag' }, 'not delegable') : '',
              holder.jointDecision ? el('span', { class: 'tag' }, `joint: ${holder.jointDecision}`) : '',
              holder.path.length
                ? el('ol', { class: 'path', 'aria-label': 'Why' }, holder.path.map((step) => el('li', {}, step.explanation)))
                : '',
              holder.exercisedBy.length
                ? el(
                    'p',
                    { class: 'exercised' },
                    'Exercised by: ',
                    holder.exercisedBy.map((occupancy, i) => [
                      i ? ', ' : '',
                      nodeButton(occupancy.post),
                      occupancy.vacant ? ' (vacant)' : '',
                    ]),
                  )
                : '',
              holder.escalation.length
                ? el(
                    'p',
                    { class: 'escalation' },
                    'Escalates to: ',
                    holder.escalation[0].steps.map((step, i) => [i ? ' → ' : '', nodeButton(step.to)]),
                  )
                : '',
              el('details', { class: 'holder-sources' }, el('summary', {}, `Sources (${holder.sources.length})`), sourcesList(holder.sources)),
            ),
          ),
        ),
      );
    }
  } catch (err) {
    if (request !== decidesCounter) return;
    answer.textContent = '';
    answer.append(el('p', { class: 'error' }, explain(err)));
  }
}

// Marks the holders on the map by their role, and fades the rest.
function highlightDecision(whoDecides) {
  const cy = state.cy;
  if (!cy) return;
  const marked = new Map();
  const mark = (id, role) => {
    if (id && !marked.has(id)) marked.set(id, role);
  };
  for (const group of whoDecides.groups) {
    const role = roleOfRight(group.kind);
    for (const holder of group.holders) {
      mark(holder.holder?.id, role);
      for (const step of holder.path) {
        mark(step.holder?.id, 'delegation');
      }
      for (const occupancy of holder.exercisedBy) mark(occupancy.post?.id, 'exercises');
      for (const chain of holder.escalation) for (const step of chain.steps) mark(step.to?.id, 'escalation');
    }
  }
  cy.batch(() => {
    cy.elements().addClass('faded');
    for (const [id, role] of marked) {
      const node = cy.getElementById(id);
      if (node.nonempty()) node.removeClass('faded').addClass(`role-${role}`);
    }
    const area = cy.nodes(`[kind = "DECISION_AREA"][label = "${whoDecides.area.code}"]`);
    area.removeClass('faded').addClass('role-decides');
    area.connectedEdges().removeClass('faded').addClass('role-decides');
  });
  const shown = cy.elements().not('.faded');
  if (shown.nonempty()) cy.fit(shown, 40);
}

// ---- History: seats in a forum or of an organisation over the years ------------------------

const CAPACITY_ORDER = ['CHAIR', 'CO_CHAIR', 'SECRETARIAT', 'MEMBER', 'OBSERVER', 'LIAISON', 'PRESENT_WITHOUT_MEMBERSHIP'];

async function renderHistory() {
  const panel = $('#panel-history');
  panel.textContent = '';
  const options = (kind) =>
    state.graph.nodes
      .filter((node) => node.kind === kind)
      .map((node) => el('option', { value: node.id }, node.label));
  const form = el(
    'form',
    { class: 'inline-form', id: 'history-form' },
    el('label', { for: 'history-of' }, 'Seats of'),
    el(
      'select',
      { id: 'history-of' },
      el('optgroup', { label: 'Forums (every seat in it)' }, options('FORUM')),
      el('optgroup', { label: 'Organisations (their seats in every forum)' }, options('ORGANIZATION')),
    ),
    el('button', { type: 'submit' }, 'Show'),
  );
  panel.append(el('h2', {}, 'History'), form, el('div', { id: 'history-answer' }));
  const selected = state.graph.nodes.find((node) => node.id === state.node);
  if (selected && (selected.kind === 'FORUM' || selected.kind === 'ORGANIZATION')) {
    $('#history-of').value = selected.id;
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    loadHistory($('#history-of').value);
  });
  if ($('#history-of').value) await loadHistory($('#history-of').value);
}

let historyCounter = 0;

async function loadHistory(id) {
  const request = ++historyCounter;
  const answer = $('#history-answer');
  answer.textContent = '';
  const node = state.graph.nodes.find((n) => n.id === id);
  if (!node) return;
  const variables = node.kind === 'FORUM' ? { forum: id } : { organization: id };
  answer.append(el('p', { class: 'muted' }, 'Loading…'));
  try {
    const changes = (await api.query(Q.HISTORY, variables)).forumMembershipHistory;
    if (request !== historyCounter) return;
    answer.textContent = '';
    const forumView = node.kind === 'FORUM';
    const who = (change) => (forumView ? holderName(change.member) : change.forum?.name ?? 'a forum you may not see');
    answer.append(el('h3', {}, `Seats ${forumView ? 'in' : 'of'} ${node.label}`));
    if (!changes.length) {
      answer.append(el('p', {}, 'No change of seats you may see.'));
      return;
    }
    answer.append(timeline(changes, who));
    answer.append(
      el(
        'ol',
        { class: 'changes' },
        changes.map((change) =>
          el(
            'li',
            {},
            el('time', { datetime: change.date }, change.date),
            ' ',
            el('strong', {}, who(change)),
            ' ',
            change.change === 'JOINED'
              ? `joined as ${change.capacity}`
              : change.change === 'LEFT'
                ? `left (was ${change.capacity})`
                : `changed from ${change.previousCapacity} to ${change.capacity}`,
            el('details', { class: 'holder-sources' }, el('summary', {}, 'Sources'), sourcesList(change.membership.sources)),
          ),
        ),
      ),
    );
    if (changes[0].changesTruncated) answer.append(el('p', { class: 'muted' }, 'More changes happened: these are the earliest.'));
  } catch (err) {
    if (request !== historyCounter) return;
    answer.textContent = '';
    answer.append(el('p', { class: 'error' }, explain(err)));
  }
}

// A timeline: one row per seat holder, a bar per period in one capacity, over the years.
function timeline(changes, who) {
  const rows = new Map();
  const end = state.asOf > today() ? state.asOf : today();
  for (const change of changes) {
    const name = who(change);
    if (!rows.has(name)) rows.set(name, { open: null, bars: [] });
    const row = rows.get(name);
    const close = () => {
      if (row.open) row.bars.push({ ...row.open, to: change.date });
      row.open = null;
    };
    if (change.change === 'LEFT') close();
    else {
      close();
      row.open = { from: change.date, capacity: change.capacity };
    }
  }
  const dates = changes.map((c) => c.date);
  const first = toDays(dates[0]);
  const last = toDays(end);
  const span = Math.max(1, last - first);
  const svgNs = 'http://www.w3.org/2000/svg';
  const rowHeight = 20;
  const labelWidth = 190;
  const width = 560;
  const height = rows.size * rowHeight + 30;
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('class', 'timeline');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', 'Timeline of seats; the list below gives each change.');
  const x = (date) => labelWidth + ((toDays(date) - first) / span) * (width - labelWidth - 10);
  const add = (tag, attributes, text) => {
    const node = document.createElementNS(svgNs, tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    if (text) node.textContent = text;
    svg.append(node);
    return node;
  };
  const firstYear = Number(dates[0].slice(0, 4)) + 1;
  const lastYear = Number(end.slice(0, 4));
  const every = Math.max(1, Math.ceil((lastYear - firstYear + 1) / 8));
  for (let year = firstYear; year <= lastYear; year += every) {
    const at = x(`${year}-01-01`);
    add('line', { x1: at, x2: at, y1: 0, y2: height - 18, class: 'tick' });
    add('text', { x: at, y: height - 4, class: 'year' }, String(year));
  }
  let y = 0;
  for (const [name, row] of rows) {
    const bars = [...row.bars];
    if (row.open) bars.push({ ...row.open, to: end });
    add('text', { x: 0, y: y + 14, class: 'who' }, name.length > 30 ? `${name.slice(0, 29)}…` : name);
    for (const bar of bars) {
      const rect = add('rect', {
        x: x(bar.from),
        y: y + 4,
        width: Math.max(2, x(bar.to) - x(bar.from)),
        height: rowHeight - 8,
        class: `seat seat-${bar.capacity}`,
      });
      const title = document.createElementNS(svgNs, 'title');
      title.textContent = `${name}: ${bar.capacity} from ${bar.from} to ${bar.to}`;
      rect.append(title);
    }
    y += rowHeight;
  }
  const key = el(
    'ul',
    { class: 'legend-list inline' },
    CAPACITY_ORDER.map((capacity) => el('li', {}, el('span', { class: `seat-key seat-${capacity}`, 'aria-hidden': 'true' }), capacity)),
  );
  return el('figure', { class: 'timeline-figure' }, svg, el('figcaption', {}, key));
}

// ---- Changes between two dates --------------------------------------------------------------

async function renderChanges() {
  const panel = $('#panel-changes');
  const { first } = period(state.mission);
  const fromDefault = fromDays(Math.max(toDays(first), toDays(state.asOf) - 3 * 365));
  if (!panel.querySelector('#changes-from')) {
    panel.textContent = '';
    const form = el(
      'form',
      { class: 'inline-form', id: 'changes-form' },
      el('label', { for: 'changes-from' }, 'From'),
      el('input', { id: 'changes-from', type: 'date' }),
      el('label', { for: 'changes-to' }, 'to'),
      el('input', { id: 'changes-to', type: 'date' }),
      el('button', { type: 'submit' }, 'Show'),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      loadChanges();
    });
    panel.append(el('h2', {}, 'Changes between two dates'), form, el('div', { id: 'changes-answer' }));
    $('#changes-from').value = fromDefault;
    $('#changes-to').value = state.asOf;
  }
  await loadChanges();
}

let changesCounter = 0;

async function loadChanges() {
  const request = ++changesCounter;
  const answer = $('#changes-answer');
  answer.textContent = '';
  const from = $('#changes-from').value;
  const to = $('#changes-to').value;
  if (!from || !to) return;
  answer.append(el('p', { class: 'muted' }, 'Loading…'));
  try {
    const { changesBetween } = await api.query(Q.CHANGES, { mission: state.mission.id, from, to });
    if (request !== changesCounter) return;
    answer.textContent = '';
    if (!changesBetween.changes.length) answer.append(el('p', {}, 'Nothing you may see changed.'));
    answer.append(
      el(
        'ol',
        { class: 'changes' },
        changesBetween.changes.map((change) =>
          el(
            'li',
            { class: `change change-${change.change}` },
            el('time', { datetime: change.date }, change.date),
            ' ',
            el('span', { class: 'tag' }, change.change),
            ' ',
            change.description,
            el('details', { class: 'holder-sources' }, el('summary', {}, `Sources (${change.sources.length})`), sourcesList(change.sources)),
          ),
        ),
      ),
    );
    if (changesBetween.truncated) answer.append(el('p', { class: 'muted' }, 'More changes happened: these are the earliest 100.'));
  } catch (err) {
    if (request !== changesCounter) return;
    answer.textContent = '';
    answer.append(el('p', { class: 'error' }, explain(err)));
  }
}

// ---- Export ------------------------------------------------------------------------------------------

function download(name, blob) {
  const url = URL.createObjectURL(blob);
  const link = el('a', { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function fileStem() {
  return `${state.mission.currentAcronym}-${state.asOf}`;
}

async function exportText(format) {
  const box = $('#export');
  box.hidden = false;
  box.textContent = '';
  box.append(el('p', { class: 'muted' }, `Loading ${format}…`));
  try {
    const data = await api.query(Q.GRAPH_TEXT[format], {
      mission: state.mission.id,
      asOf: state.asOf,
      nodes: state.sizes.nodes,
    });
    const text = data.stakeholderGraph[format];
    box.textContent = '';
    box.append(
      el('h2', {}, format === 'dot' ? 'Graphviz DOT' : 'Mermaid'),
      el('label', { for: 'export-text', class: 'visually-hidden' }, 'The map as text'),
      el('textarea', { id: 'export-text', readonly: true, rows: 8 }, text),
    );
    download(`${fileStem()}.${format === 'dot' ? 'dot' : 'mmd'}`, new Blob([text], { type: 'text/plain' }));
  } catch (err) {
    box.textContent = '';
    box.append(el('p', { class: 'error' }, explain(err)));
  }
}

function exportImage(format) {
  const cy = state.cy;
  if (!cy) return;
  if (format === 'png') {
    download(`${fileStem()}.png`, cy.png({ output: 'blob', full: true, scale: 2, bg: '#ffffff' }));
  } else {
    download(`${fileStem()}.svg`, new Blob([toSvg(cy)], { type: 'image/svg+xml' }));
  }
}

// ---- Keyboard ----------------------------------------------------------------------------------------

function onMapKey(event) {
  const cy = state.cy;
  if (!cy) return;
  const nodes = state.graph.nodes.map((node) => node.id);
  const at = nodes.indexOf(state.node);
  const step = (delta) => {
    const next = nodes[(at + delta + nodes.length) % nodes.length];
    select(next, true);
  };
  switch (event.key) {
    case 'ArrowDown':
    case 'ArrowRight':
      step(1);
      break;
    case 'ArrowUp':
    case 'ArrowLeft':
      step(-1);
      break;
    case '+':
    case '=':
      cy.zoom({ level: cy.zoom() * 1.25, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
      break;
    case '-':
      cy.zoom({ level: cy.zoom() / 1.25, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
      break;
    case '0':
      cy.fit(undefined, 20);
      break;
    case 'Escape':
      select('');
      break;
    default:
      return;
  }
  event.preventDefault();
}

function onTabKey(event) {
  const tabs = [...root.querySelectorAll('[role=tab]')];
  const at = tabs.indexOf(document.activeElement);
  if (at < 0) return;
  let next = null;
  if (event.key === 'ArrowRight') next = tabs[(at + 1) % tabs.length];
  if (event.key === 'ArrowLeft') next = tabs[(at - 1 + tabs.length) % tabs.length];
  if (!next) return;
  event.preventDefault();
  next.focus();
  setView(next.dataset.view);
}

// ---- Search ------------------------------------------------------------------------------------------

function search(text, go) {
  const cy = state.cy;
  if (!cy) return;
  const needle = text.trim().toLowerCase();
  cy.nodes().removeClass('match');
  if (!needle) return;
  const found = cy.nodes().filter((node) => node.data('label').toLowerCase().includes(needle));
  found.addClass('match');
  status(`${found.length} node${found.length === 1 ? '' : 's'} match “${text.trim()}”.`);
  if (go && found.nonempty()) select(found[0].id(), true);
}

// ---- Start -------------------------------------------------------------------------------------------

function wire() {
  $('#pick').addEventListener('submit', (event) => {
    event.preventDefault();
    const acronym = $('#mission').value.trim();
    if (acronym) show(acronym, $('#as-of').value);
  });
  $('#mission').addEventListener('change', () => {
    const acronym = $('#mission').value.trim();
    if (acronym && acronym.toUpperCase() !== state.mission?.acronym?.toUpperCase()) show(acronym, '');
  });
  $('#slider').addEventListener('input', () => {
    const date = fromDays(Number($('#slider').value));
    $('#as-of').value = date;
    $('#slider').setAttribute('aria-valuetext', date);
  });
  $('#slider').addEventListener('change', () => {
    if (state.mission) show(state.mission.currentAcronym, fromDays(Number($('#slider').value)));
  });
  $('#as-of').addEventListener('change', () => {
    const date = $('#as-of').value;
    if (state.mission && /^\d{4}-\d{2}-\d{2}$/.test(date)) show(state.mission.currentAcronym, date);
  });
  $('#sign-in').addEventListener('submit', (event) => {
    event.preventDefault();
    useToken($('#token').value.trim());
  });
  $('#sign-out').addEventListener('click', () => {
    $('#token').value = '';
    useToken('');
  });
  for (const tab of root.querySelectorAll('[role=tab]')) {
    tab.addEventListener('click', () => setView(tab.dataset.view));
    tab.addEventListener('keydown', onTabKey);
  }
  $('#cy').addEventListener('keydown', onMapKey);
  $('#search').addEventListener('input', (event) => search(event.target.value, false));
  $('#search').addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      search(event.target.value, true);
    }
  });
  const zoomBy = (factor) => {
    const cy = state.cy;
    if (cy) cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
  };
  $('#zoom-in').addEventListener('click', () => zoomBy(1.25));
  $('#zoom-out').addEventListener('click', () => zoomBy(0.8));
  $('#fit').addEventListener('click', () => state.cy?.fit(undefined, 20));
  $('#export-svg').addEventListener('click', () => exportImage('svg'));
  $('#export-png').addEventListener('click', () => exportImage('png'));
  $('#export-dot').addEventListener('click', () => exportText('dot'));
  $('#export-mermaid').addEventListener('click', () => exportText('mermaid'));
}

function showViewer() {
  $('#viewer').textContent = api.token ? 'signed in with a token' : 'anonymous';
}

function useToken(token) {
  api.token = token;
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
  showViewer();
  areas = null;
  $('#panel-decides').textContent = '';
  loadMissions();
  if (state.mission) show(state.mission.currentAcronym, state.asOf);
}

async function loadMissions() {
  const list = $('#missions');
  try {
    const { missions } = await api.query(Q.MISSIONS);
    list.textContent = '';
    for (const mission of missions.nodes) {
      list.append(el('option', { value: mission.acronym }, mission.name));
      for (const former of mission.formerNames) {
        if (former.acronym !== mission.acronym) {
          list.append(el('option', { value: former.acronym }, `${mission.name} (former name)`));
        }
      }
    }
    return missions.nodes;
  } catch (err) {
    status(explain(err), 'error');
    return [];
  }
}

async function start() {
  // Cytoscape adds a <style> element for its container unless an element with this id exists;
  // the page's policy allows no inline style, so its one rule is in explorer.css instead.
  document.head.append(el('meta', { id: '__________cytoscape_stylesheet', name: 'cytoscape-style', content: 'in explorer.css' }));
  skeleton();
  wire();
  api.token = sessionStorage.getItem(TOKEN_KEY) ?? '';
  $('#token').value = api.token;
  showViewer();
  const address = readAddress();
  state.view = address.view;
  state.area = address.area;
  state.node = address.node;
  for (const name of Object.keys(VIEWS)) $(`#panel-${name}`).hidden = name !== state.view;
  placeDetails();
  for (const tab of root.querySelectorAll('[role=tab]')) {
    const on = tab.dataset.view === state.view;
    tab.setAttribute('aria-selected', on ? 'true' : 'false');
    tab.tabIndex = on ? 0 : -1;
  }
  const missions = await loadMissions();
  const acronym = address.mission || missions[0]?.acronym;
  if (acronym) await show(acronym, address.asOf);
  else if (root.dataset.state !== 'error') {
    status('No mission you may see. Give a token to see more.');
    root.dataset.state = 'ready';
  }
}

start();
