// The map as an SVG document: each node where the layout put it, drawn in its kind's shape
// and colours (styles.js), with its label; each edge a straight line with an arrow.
import { EDGE_STYLES, NODE_KINDS } from './styles.js';

const DASHES = { solid: '', dashed: '6 4', dotted: '2 3' };

function escapeXml(text) {
  return String(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function shape(kind, x, y, w, h, fill, stroke) {
  const paint = `fill="${fill}" stroke="${stroke}" stroke-width="2"`;
  const points = (list) => `<polygon points="${list.map(([px, py]) => `${px},${py}`).join(' ')}" ${paint}/>`;
  switch (NODE_KINDS[kind]?.shape) {
    case 'ellipse':
      return `<ellipse cx="${x}" cy="${y}" rx="${w / 2}" ry="${h / 2}" ${paint}/>`;
    case 'hexagon':
      return points([
        [x - w / 2, y],
        [x - w / 4, y - h / 2],
        [x + w / 4, y - h / 2],
        [x + w / 2, y],
        [x + w / 4, y + h / 2],
        [x - w / 4, y + h / 2],
      ]);
    case 'diamond':
    case 'round-diamond':
      return points([
        [x, y - h / 2],
        [x + w / 2, y],
        [x, y + h / 2],
        [x - w / 2, y],
      ]);
    case 'round-rectangle':
      return `<rect x="${x - w / 2}" y="${y - h / 2}" width="${w}" height="${h}" rx="5" ${paint}/>`;
    default:
      return `<rect x="${x - w / 2}" y="${y - h / 2}" width="${w}" height="${h}" ${paint}/>`;
  }
}

// The SVG text of the whole map (not only what is in view).
export function toSvg(cy) {
  const box = cy.elements().boundingBox();
  const pad = 20;
  const parts = [];
  const markers = new Set();
  for (const edge of cy.edges()) {
    const look = EDGE_STYLES[edge.data('look')] ?? EDGE_STYLES[edge.data('kind')];
    const color = look?.color ?? '#555555';
    const marker = `arrow-${color.slice(1)}`;
    markers.add(color);
    // The arrow points from the edge's `from` to its `to`, as the API gives it.
    const from = cy.getElementById(edge.data('from')).position();
    const to = cy.getElementById(edge.data('to')).position();
    const dash = DASHES[look?.line ?? 'solid'];
    parts.push(
      `<line x1="${from.x}" y1="${from.y}" x2="${to.x}" y2="${to.y}" stroke="${color}" ` +
        `stroke-width="${look?.width ?? 1.5}"${dash ? ` stroke-dasharray="${dash}"` : ''} ` +
        `marker-end="url(#${marker})"><title>${escapeXml(edge.data('label'))}</title></line>`,
    );
  }
  for (const node of cy.nodes()) {
    const kind = node.data('kind');
    const look = NODE_KINDS[kind] ?? { fill: '#ffffff', border: '#000000' };
    const { x, y } = node.position();
    const w = node.width();
    const h = node.height();
    parts.push(
      `<g><title>${escapeXml(look.name ?? kind)}: ${escapeXml(node.data('label'))}</title>` +
        shape(kind, x, y, w, h, look.fill, look.border) +
        `<text x="${x}" y="${y + h / 2 + 12}" text-anchor="middle">${escapeXml(node.data('label'))}</text></g>`,
    );
  }
  const defs = [...markers]
    .map(
      (color) =>
        `<marker id="arrow-${color.slice(1)}" viewBox="0 0 10 10" refX="22" refY="5" markerWidth="6" ` +
        `markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${color}"/></marker>`,
    )
    .join('');
  const width = box.w + 2 * pad;
  const height = box.h + 2 * pad;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${box.x1 - pad} ${box.y1 - pad} ${width} ${height}" ` +
    `width="${Math.ceil(width)}" height="${Math.ceil(height)}" font-family="system-ui, sans-serif" font-size="11">` +
    `<defs>${defs}</defs><rect x="${box.x1 - pad}" y="${box.y1 - pad}" width="${width}" height="${height}" fill="#ffffff"/>` +
    `${parts.join('')}</svg>`
  );
}
