import type { GraphModel, GNode } from './model';
import type { Positions } from './useLayout';

/**
 * The whole graph (not only what is on screen) as SVG or PNG, drawn from the model and the
 * layout rather than copied from the DOM: every node is included whatever the viewport, and no
 * HTML ever enters the image.
 */

interface Palette {
  bg: string;
  node: string;
  border: string;
  head: string;
  text: string;
  muted: string;
  edge: string;
  ref: string;
  accent: string;
}

const PALETTES: Record<'light' | 'dark', Palette> = {
  light: {
    bg: '#ffffff',
    node: '#ffffff',
    border: '#aab3c0',
    head: '#eef2f7',
    text: '#1b2430',
    muted: '#5b6675',
    edge: '#9aa5b4',
    ref: '#a05a00',
    accent: '#2f6feb',
  },
  dark: {
    bg: '#14181e',
    node: '#1d232b',
    border: '#3b4552',
    head: '#252d37',
    text: '#e3e8ef',
    muted: '#9aa6b5',
    edge: '#56616f',
    ref: '#d29a3c',
    accent: '#6ea2ff',
  },
};

const PAD = 24;
const HEAD = 30;
const ROW = 17;

interface Scene {
  width: number;
  height: number;
  nodes: { g: GNode; x: number; y: number }[];
  edges: { kind: 'inherit' | 'ref'; x1: number; y1: number; x2: number; y2: number }[];
}

function scene(model: GraphModel, positions: Positions): Scene {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const at = new Map<string, { g: GNode; x: number; y: number }>();
  for (const g of model.nodes) {
    const p = positions.at.get(g.id);
    if (!p) continue;
    at.set(g.id, { g, x: p.x, y: p.y });
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
    maxX = Math.max(maxX, p.x + g.w);
    maxY = Math.max(maxY, p.y + g.h);
  }
  if (at.size === 0) return { width: 2 * PAD, height: 2 * PAD, nodes: [], edges: [] };
  const nodes = [...at.values()].map((n) => ({ g: n.g, x: n.x - minX + PAD, y: n.y - minY + PAD }));
  const byId = new Map(nodes.map((n) => [n.g.id, n]));
  const edges: Scene['edges'] = [];
  for (const e of model.edges) {
    const s = byId.get(e.source);
    const t = byId.get(e.target);
    if (!s || !t) continue;
    edges.push({ kind: e.kind, x1: s.x + s.g.w, y1: s.y + HEAD / 2, x2: t.x, y2: t.y + HEAD / 2 });
  }
  return { width: maxX - minX + 2 * PAD, height: maxY - minY + 2 * PAD, nodes, edges };
}

const xml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const curve = (e: Scene['edges'][number]) => {
  const dx = Math.max(24, (e.x2 - e.x1) / 2);
  return `M${e.x1.toFixed(1)},${e.y1.toFixed(1)} C${(e.x1 + dx).toFixed(1)},${e.y1.toFixed(1)} ${(e.x2 - dx).toFixed(1)},${e.y2.toFixed(1)} ${e.x2.toFixed(1)},${e.y2.toFixed(1)}`;
};

function markers(g: GNode): string {
  const m: string[] = [];
  // The node badges' short forms: the node widths were made for them.
  if (g.flags.abstract) m.push('abs');
  if (g.flags.association) m.push('assoc');
  if (g.flags.provider) m.push('prov');
  if (g.flags.amended) m.push('amd');
  if (g.collapsed && g.hidden) m.push(`+${g.hidden}`);
  return m.join(' ');
}

export function graphToSvg(model: GraphModel, positions: Positions, theme: 'light' | 'dark'): string {
  const p = PALETTES[theme];
  const sc = scene(model, positions);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${Math.ceil(sc.width)}" height="${Math.ceil(sc.height)}" viewBox="0 0 ${Math.ceil(sc.width)} ${Math.ceil(sc.height)}" font-family="system-ui, -apple-system, Segoe UI, sans-serif">`,
  );
  out.push(`<title>${xml(`Classwright: ${model.nodes[0]?.name ?? ''}`)}</title>`);
  out.push(`<rect width="100%" height="100%" fill="${p.bg}"/>`);
  out.push(`<g fill="none" stroke-width="1.2">`);
  for (const e of sc.edges)
    out.push(
      `<path d="${curve(e)}" stroke="${e.kind === 'ref' ? p.ref : p.edge}"${e.kind === 'ref' ? ' stroke-dasharray="5 4"' : ''}/>`,
    );
  out.push(`</g>`);
  for (const n of sc.nodes) {
    const g = n.g;
    out.push(`<g transform="translate(${n.x.toFixed(1)},${n.y.toFixed(1)})">`);
    out.push(
      `<rect width="${g.w}" height="${g.h}" rx="6" fill="${p.node}" stroke="${g.kind === 'draft' ? p.accent : p.border}"${g.kind === 'draft' ? ' stroke-dasharray="4 3"' : ''}/>`,
    );
    out.push(`<rect width="${g.w}" height="${HEAD}" rx="6" fill="${p.head}"/>`);
    const italic = g.flags.abstract ? ' font-style="italic"' : '';
    out.push(
      `<text x="10" y="19" font-size="13" font-weight="600" fill="${p.text}"${italic}>${xml(g.name || 'New class')}</text>`,
    );
    const mk = markers(g);
    if (mk)
      out.push(`<text x="${g.w - 8}" y="19" font-size="10" text-anchor="end" fill="${p.muted}">${xml(mk)}</text>`);
    g.props.forEach((r, i) => {
      const y = HEAD + 4 + ROW * i + 12;
      out.push(
        `<text x="10" y="${y}" font-size="11" fill="${p.text}"${r.key ? ' font-weight="700"' : ''}>${xml(r.name)}</text>`,
      );
      out.push(
        `<text x="${g.w - 8}" y="${y}" font-size="11" text-anchor="end" fill="${p.muted}">${xml(r.type)}</text>`,
      );
    });
    if (g.moreProps > 0)
      out.push(
        `<text x="10" y="${HEAD + 4 + ROW * g.props.length + 12}" font-size="11" fill="${p.muted}">… ${g.moreProps} more</text>`,
      );
    out.push(`</g>`);
  }
  out.push(`</svg>`);
  return out.join('\n');
}

/** Canvas limits: keep under 16,384 px a side and 100 M pixels. */
export function pngScale(width: number, height: number, wanted = 2): number {
  let s = wanted;
  s = Math.min(s, 16000 / width, 16000 / height);
  s = Math.min(s, Math.sqrt(100_000_000 / (width * height)));
  return Math.max(0.05, s);
}

export async function graphToPng(model: GraphModel, positions: Positions, theme: 'light' | 'dark'): Promise<Blob> {
  const p = PALETTES[theme];
  const sc = scene(model, positions);
  const scale = pngScale(sc.width, sc.height);
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(sc.width * scale);
  canvas.height = Math.ceil(sc.height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('No 2D canvas');
  ctx.scale(scale, scale);
  ctx.fillStyle = p.bg;
  ctx.fillRect(0, 0, sc.width, sc.height);
  ctx.lineWidth = 1.2;
  for (const e of sc.edges) {
    const dx = Math.max(24, (e.x2 - e.x1) / 2);
    ctx.strokeStyle = e.kind === 'ref' ? p.ref : p.edge;
    ctx.setLineDash(e.kind === 'ref' ? [5, 4] : []);
    ctx.beginPath();
    ctx.moveTo(e.x1, e.y1);
    ctx.bezierCurveTo(e.x1 + dx, e.y1, e.x2 - dx, e.y2, e.x2, e.y2);
    ctx.stroke();
  }
  ctx.setLineDash([]);
  const font = 'system-ui, -apple-system, Segoe UI, sans-serif';
  for (const n of sc.nodes) {
    const g = n.g;
    ctx.fillStyle = p.node;
    ctx.strokeStyle = g.kind === 'draft' ? p.accent : p.border;
    ctx.beginPath();
    ctx.roundRect(n.x, n.y, g.w, g.h, 6);
    ctx.fill();
    ctx.stroke();
    ctx.fillStyle = p.head;
    ctx.beginPath();
    ctx.roundRect(n.x, n.y, g.w, HEAD, 6);
    ctx.fill();
    ctx.fillStyle = p.text;
    ctx.textAlign = 'left';
    ctx.font = `${g.flags.abstract ? 'italic ' : ''}600 13px ${font}`;
    ctx.fillText(g.name || 'New class', n.x + 10, n.y + 19, g.w - 20);
    const mk = markers(g);
    if (mk) {
      ctx.font = `10px ${font}`;
      ctx.fillStyle = p.muted;
      ctx.textAlign = 'right';
      ctx.fillText(mk, n.x + g.w - 8, n.y + 19);
    }
    g.props.forEach((r, i) => {
      const y = n.y + HEAD + 4 + ROW * i + 12;
      ctx.textAlign = 'left';
      ctx.fillStyle = p.text;
      ctx.font = `${r.key ? '700 ' : ''}11px ${font}`;
      ctx.fillText(r.name, n.x + 10, y);
      ctx.textAlign = 'right';
      ctx.fillStyle = p.muted;
      ctx.font = `11px ${font}`;
      ctx.fillText(r.type, n.x + g.w - 8, y);
    });
  }
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'),
  );
}

/** Offer a blob as a download. */
export function download(name: string, data: Blob | string, type = 'application/octet-stream') {
  const blob = typeof data === 'string' ? new Blob([data], { type }) : data;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
