import { EdgeLabelRenderer, Panel, ViewportPortal, useReactFlow, useStore } from '@xyflow/react';
import { memo, useMemo, useRef } from 'react';
import { shallow } from 'zustand/shallow';
import type { ClassFlowNode } from './ClassNode';
import type { GEdge } from './model';

/**
 * The graph's cheap layers. A 1,600-class schema cannot afford 1,600 React Flow edges (each
 * an SVG with its own store subscription, re-evaluated on every pan frame) nor 1,600 minimap
 * rectangles: edges, the far-zoom overview and the minimap are each drawn as a few SVG paths.
 */

/** Where an edge leaves or enters a node: the middle of its header row. */
const HEAD_Y = 15;

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

function boxes(nodes: readonly ClassFlowNode[]): Map<string, Box> {
  const out = new Map<string, Box>();
  for (const n of nodes) out.set(n.id, { x: n.position.x, y: n.position.y, w: n.data.g.w, h: n.data.g.h });
  return out;
}

const f = (v: number) => Math.round(v * 10) / 10;

function curve(s: Box, t: Box, sy: number, ty: number): string {
  const x1 = s.x + s.w;
  const x2 = t.x;
  const dx = Math.max(24, Math.abs(x2 - x1) / 2);
  return `M${f(x1)},${f(sy)}C${f(x1 + dx)},${f(sy)} ${f(x2 - dx)},${f(ty)} ${f(x2)},${f(ty)}`;
}

/** Inheritance edges (superclass → subclass) and reference edges, one path each, under the nodes. */
export const EdgeLayer = memo(function EdgeLayer({
  nodes,
  edges,
}: {
  nodes: readonly ClassFlowNode[];
  edges: readonly GEdge[];
}) {
  const { inherit, refs, heads } = useMemo(() => {
    const at = boxes(nodes);
    const inh: string[] = [];
    const ref: string[] = [];
    const arrows: string[] = [];
    for (const e of edges) {
      const s = at.get(e.source);
      const t = at.get(e.target);
      if (!s || !t) continue;
      if (e.kind === 'inherit') {
        inh.push(curve(s, t, s.y + Math.min(HEAD_Y + 4 * +(s.h < 40), s.h / 2), t.y + HEAD_Y));
      } else {
        // A reference: from the referencing class's right side to the target's left side.
        const sy = s.y + HEAD_Y;
        const ty = t.y + HEAD_Y + 4;
        ref.push(curve(s, t, sy, ty));
        arrows.push(`M${f(t.x - 7)},${f(ty - 4)}L${f(t.x)},${f(ty)}L${f(t.x - 7)},${f(ty + 4)}`);
      }
    }
    return { inherit: inh.join(''), refs: ref.join(''), heads: arrows.join('') };
  }, [nodes, edges]);
  return (
    <EdgeLabelRenderer>
      <svg className="cw-edges" aria-hidden="true">
        <path className="cw-edge-inherit" d={inherit} />
        {refs && <path className="cw-edge-ref" d={refs} />}
        {heads && <path className="cw-edge-ref-head" d={heads} />}
      </svg>
    </EdgeLabelRenderer>
  );
});

function rectPath(list: readonly Box[]): string {
  let d = '';
  for (const b of list) d += `M${f(b.x)},${f(b.y)}h${f(b.w)}v${f(b.h)}h${f(-b.w)}z`;
  return d;
}

export interface OverviewMarks {
  readonly selected: string | null;
  readonly conflicts: ReadonlySet<string>;
}

/** Far away, nodes are drawn as plain boxes (the DOM nodes are hidden): panning stays cheap. */
export const OverviewLayer = memo(function OverviewLayer({
  nodes,
  marks,
}: {
  nodes: readonly ClassFlowNode[];
  marks: OverviewMarks;
}) {
  const paths = useMemo(() => {
    const cls: Box[] = [];
    const assoc: Box[] = [];
    const draft: Box[] = [];
    const special: Box[] = [];
    const hot: Box[] = [];
    for (const n of nodes) {
      const g = n.data.g;
      const b = { x: n.position.x, y: n.position.y, w: g.w, h: g.h };
      if (g.kind === 'namespace') special.push(b);
      else if (g.kind === 'draft') draft.push(b);
      else if (g.flags.association) assoc.push(b);
      else cls.push(b);
      if (marks.conflicts.has(n.id) || marks.selected === n.id) hot.push(b);
    }
    return {
      cls: rectPath(cls),
      assoc: rectPath(assoc),
      draft: rectPath(draft),
      special: rectPath(special),
      hot: rectPath(hot),
    };
  }, [nodes, marks]);
  return (
    <ViewportPortal>
      <svg className="cw-overview" aria-hidden="true">
        <path className="cw-ov-class" d={paths.cls} />
        <path className="cw-ov-assoc" d={paths.assoc} />
        <path className="cw-ov-draft" d={paths.draft} />
        <path className="cw-ov-ns" d={paths.special} />
        <path className="cw-ov-hot" d={paths.hot} />
      </svg>
    </ViewportPortal>
  );
});

const MAP_W = 200;
const MAP_H = 130;

/** The minimap: every node in one path, the visible area as a frame; click or drag to move there. */
export const OverviewMap = memo(function OverviewMap({ nodes }: { nodes: readonly ClassFlowNode[] }) {
  const flow = useReactFlow();
  const [tx, ty, zoom, width, height] = useStore(
    (s): [number, number, number, number, number] => [
      s.transform[0],
      s.transform[1],
      s.transform[2],
      s.width,
      s.height,
    ],
    shallow,
  );
  const dragging = useRef(false);
  const world = useMemo(() => {
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    const list: Box[] = [];
    for (const n of nodes) {
      const b = { x: n.position.x, y: n.position.y, w: n.data.g.w, h: n.data.g.h };
      list.push(b);
      minX = Math.min(minX, b.x);
      minY = Math.min(minY, b.y);
      maxX = Math.max(maxX, b.x + b.w);
      maxY = Math.max(maxY, b.y + b.h);
    }
    if (!list.length) return null;
    const pad = 40;
    return { x: minX - pad, y: minY - pad, w: maxX - minX + 2 * pad, h: maxY - minY + 2 * pad, d: rectPath(list) };
  }, [nodes]);
  if (!world) return null;
  const view = { x: -tx / zoom, y: -ty / zoom, w: width / zoom, h: height / zoom };
  const vb = {
    x: Math.min(world.x, view.x),
    y: Math.min(world.y, view.y),
    w: 0,
    h: 0,
  };
  vb.w = Math.max(world.x + world.w, view.x + view.w) - vb.x;
  vb.h = Math.max(world.y + world.h, view.y + view.h) - vb.y;
  const scale = Math.max(vb.w / MAP_W, vb.h / MAP_H);
  const moveTo = (e: React.PointerEvent<SVGSVGElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const cx = vb.x + (vb.w - MAP_W * scale) / 2 + (e.clientX - r.left) * scale;
    const cy = vb.y + (vb.h - MAP_H * scale) / 2 + (e.clientY - r.top) * scale;
    void flow.setCenter(cx, cy, { zoom, duration: 0 });
  };
  return (
    <Panel position="bottom-right" className="cw-minimap">
      <svg
        width={MAP_W}
        height={MAP_H}
        viewBox={`${vb.x + (vb.w - MAP_W * scale) / 2} ${vb.y + (vb.h - MAP_H * scale) / 2} ${MAP_W * scale} ${MAP_H * scale}`}
        role="img"
        aria-label="Minimap of the class graph: click or drag to move the view"
        onPointerDown={(e) => {
          dragging.current = true;
          e.currentTarget.setPointerCapture(e.pointerId);
          moveTo(e);
        }}
        onPointerMove={(e) => dragging.current && moveTo(e)}
        onPointerUp={() => (dragging.current = false)}
      >
        <path className="cw-mm-nodes" d={world.d} />
        <rect
          className="cw-mm-view"
          x={view.x}
          y={view.y}
          width={view.w}
          height={view.h}
          vectorEffect="non-scaling-stroke"
        />
      </svg>
    </Panel>
  );
});
