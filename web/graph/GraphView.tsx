import {
  Background,
  BackgroundVariant,
  Controls,
  ReactFlow,
  applyNodeChanges,
  useReactFlow,
  useStore,
  type NodeChange,
  type NodeMouseHandler,
} from '@xyflow/react';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ClassIndex } from '../data/classIndex';
import { useDrafts } from '../state/drafts';
import { useUi } from '../state/ui';
import { ClassNode, type ClassFlowNode } from './ClassNode';
import { EdgeLayer, OverviewLayer, OverviewMap, type OverviewMarks } from './layers';
import { useStatus } from '../state/status';
import { buildGraph, type GNode, type GraphModel } from './model';
import { useLayout, type Positions } from './useLayout';

const nodeTypes = { cls: ClassNode };
/** Namespaces with more user classes than this start with deep subtrees collapsed. */
export const COLLAPSE_ABOVE = 150;

type Lod = 'far' | 'mid' | 'near';

const lodOf = (zoom: number): Lod => (zoom < 0.35 ? 'far' : zoom < 0.7 ? 'mid' : 'near');

/** Publishes the zoom band (for level-of-detail CSS) without re-rendering on every frame. */
function ZoomBand({ onChange }: { onChange: (l: Lod) => void }) {
  const lod = useStore((s) => lodOf(s.transform[2]));
  useEffect(() => onChange(lod), [lod, onChange]);
  return null;
}

function sameG(a: GNode, b: GNode): boolean {
  if (a === b) return true;
  if (
    a.name !== b.name ||
    a.w !== b.w ||
    a.h !== b.h ||
    a.collapsed !== b.collapsed ||
    a.hidden !== b.hidden ||
    a.childCount !== b.childCount ||
    a.moreProps !== b.moreProps ||
    a.kind !== b.kind ||
    a.props.length !== b.props.length
  )
    return false;
  const fa = a.flags;
  const fb = b.flags;
  if (
    fa.abstract !== fb.abstract ||
    fa.association !== fb.association ||
    fa.provider !== fb.provider ||
    fa.amended !== fb.amended
  )
    return false;
  for (let i = 0; i < a.props.length; i++) {
    const p = a.props[i]!;
    const q = b.props[i]!;
    if (p.name !== q.name || p.type !== q.type || p.key !== q.key) return false;
  }
  return true;
}

export interface GraphViewProps {
  readonly index: ClassIndex;
  readonly onModel?: (model: GraphModel, positions: Positions | null) => void;
}

/** The hierarchy graph of the current namespace (React Flow, laid out in a worker). */
function GraphViewInner({ index, onModel }: GraphViewProps) {
  const ns = useUi((s) => s.namespace);
  const opts = useUi(
    useShallow((s) => ({
      showSystem: s.showSystem,
      showReferences: s.showReferences,
      showProperties: s.showProperties,
      propsOpen: s.propsOpen,
      collapsed: s.collapsed,
      collapseDepth: s.collapseDepth,
      focus: s.focus,
      layout: s.layout,
      theme: s.theme,
    })),
  );
  const revealTick = useUi((s) => s.revealTick);
  const fitTick = useUi((s) => s.fitTick);
  const select = useUi((s) => s.select);
  const setFocus = useUi((s) => s.setFocus);
  const drafts = useDrafts(
    useShallow((s) => Object.values(s.drafts).filter((d) => d.ns.toLowerCase() === ns.toLowerCase())),
  );

  const model = useMemo(
    () =>
      buildGraph(index, {
        ns,
        showSystem: opts.showSystem,
        showReferences: opts.showReferences,
        showProperties: opts.showProperties,
        propsOpen: opts.propsOpen,
        collapsed: opts.collapsed,
        collapseDepth: opts.collapseDepth,
        collapseAbove: COLLAPSE_ABOVE,
        focus: opts.focus,
        drafts,
      }),
    [
      index,
      ns,
      opts.showSystem,
      opts.showReferences,
      opts.showProperties,
      opts.propsOpen,
      opts.collapsed,
      opts.collapseDepth,
      opts.focus,
      drafts,
    ],
  );
  const positions = useLayout(model, opts.layout);
  useEffect(() => onModel?.(model, positions), [model, positions, onModel]);

  // Node objects keep their identity while their content is unchanged, so only edited nodes re-render.
  const cache = useRef(new Map<string, ClassFlowNode>());
  const [nodes, setNodes] = useState<ClassFlowNode[]>([]);
  // The layout key the nodes were built from (they trail the positions by one render).
  const [nodesKey, setNodesKey] = useState('');
  useEffect(() => {
    if (!positions) return;
    const next: ClassFlowNode[] = [];
    const fresh = new Map<string, ClassFlowNode>();
    for (const g of model.nodes) {
      const at = positions.at.get(g.id);
      if (!at) continue;
      const prev = cache.current.get(g.id);
      const node: ClassFlowNode =
        prev && sameG(prev.data.g, g) && prev.data.ns === ns && prev.position.x === at.x && prev.position.y === at.y
          ? prev
          : {
              id: g.id,
              type: 'cls',
              position: { x: at.x, y: at.y },
              data: { g, ns },
              width: g.w,
              height: g.h,
              ariaLabel:
                g.kind === 'namespace'
                  ? `Namespace ${g.name}`
                  : `${g.kind === 'draft' ? 'New class' : 'Class'} ${g.name || '(unnamed)'}`,
              selectable: g.kind !== 'namespace',
              draggable: true,
            };
      fresh.set(g.id, node);
      next.push(node);
    }
    cache.current = fresh;
    setNodes(next);
    setNodesKey(positions.key);
  }, [model, positions, ns]);

  const onNodesChange = useCallback(
    (changes: NodeChange<ClassFlowNode>[]) => {
      // Selection lives in the UI store (a keyboard selection, Enter on a focused node, lands here);
      // only drags and measurements reach React Flow's copy of the nodes.
      for (const c of changes) if (c.type === 'select' && c.selected && !c.id.startsWith('ns')) select(c.id);
      const kept = changes.filter((c) => c.type === 'position' || c.type === 'dimensions');
      if (kept.length) setNodes((nds) => applyNodeChanges(kept, nds));
    },
    [select],
  );
  const onNodeClick: NodeMouseHandler<ClassFlowNode> = useCallback(
    (_e, node) => {
      if (node.data.g.kind !== 'namespace') select(node.id);
    },
    [select],
  );
  const onNodeDoubleClick: NodeMouseHandler<ClassFlowNode> = useCallback(
    (_e, node) => {
      if (node.data.g.kind === 'class') setFocus({ id: node.id, depth: 2 });
    },
    [setFocus],
  );

  const flow = useReactFlow();
  const selected = useUi((s) => s.selected);
  // Centre the selection when asked (palette, log links, jump-to links).
  const lastReveal = useRef(revealTick);
  useEffect(() => {
    if (revealTick === lastReveal.current || !selected || !positions) return;
    const at = positions.at.get(selected);
    const g = model.nodes.find((n) => n.id === selected);
    if (!at || !g) return;
    lastReveal.current = revealTick;
    const zoom = Math.max(flow.getZoom(), 0.85);
    void flow.setCenter(at.x + g.w / 2, at.y + g.h / 2, { zoom, duration: 250 });
  }, [revealTick, selected, positions, model, flow]);

  // Fit once the layout of the current model has arrived and its nodes are rendered.
  const lastFit = useRef(-1);
  const currentKey = `${opts.layout}|${model.layoutKey}`;
  useEffect(() => {
    if (nodesKey !== currentKey || nodes.length === 0 || lastFit.current === fitTick) return;
    lastFit.current = fitTick;
    requestAnimationFrame(() =>
      requestAnimationFrame(
        () => void flow.fitView({ padding: 0.06, duration: 0, maxZoom: 1.2, includeHiddenNodes: true }),
      ),
    );
  }, [fitTick, nodesKey, currentKey, nodes, flow]);

  // Benchmarks and tests read when the graph has been painted with its nodes.
  const marked = useRef('');
  useEffect(() => {
    if (nodesKey !== currentKey || nodes.length === 0 || marked.current === currentKey) return;
    marked.current = currentKey;
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        performance.mark('cw-graph-painted', { detail: { nodes: nodes.length } });
        document.documentElement.dataset.graphNodes = String(nodes.length);
      }),
    );
  }, [nodesKey, currentKey, nodes]);

  const [lod, setLod] = useState<Lod>('near');
  const big = nodes.length > 200;
  const conflictKeys = useStatus((st) =>
    st.marks && st.marks.ns.toLowerCase() === ns.toLowerCase() ? Object.keys(st.marks.conflicts).join('|') : '',
  );
  const overviewMarks: OverviewMarks = useMemo(
    () => ({ selected, conflicts: new Set(conflictKeys ? conflictKeys.split('|').map((k) => `c:${k}`) : []) }),
    [selected, conflictKeys],
  );
  // Far away the DOM nodes are hidden behind the overview: a click picks the box under it.
  const onPaneClick = useCallback(
    (e: React.MouseEvent) => {
      if (lod !== 'far') return;
      const p = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      const hit = nodes.find(
        (n) =>
          p.x >= n.position.x &&
          p.x <= n.position.x + n.data.g.w &&
          p.y >= n.position.y &&
          p.y <= n.position.y + n.data.g.h,
      );
      if (hit && hit.data.g.kind !== 'namespace') {
        select(hit.id);
        void flow.setCenter(hit.position.x + hit.data.g.w / 2, hit.position.y + hit.data.g.h / 2, {
          zoom: 0.9,
          duration: 200,
        });
      }
    },
    [lod, flow, nodes, select],
  );

  // Far away no DOM node is rendered at all (the overview draws them): hidden nodes cost nothing.
  const flowNodes = useMemo(
    () => (lod === 'far' && big ? nodes.map((n) => ({ ...n, hidden: true })) : nodes),
    [nodes, lod, big],
  );

  return (
    <ReactFlow<ClassFlowNode>
      className={`cw-flow lod-${lod}`}
      nodes={flowNodes}
      edges={NO_EDGES}
      nodeTypes={nodeTypes}
      onNodesChange={onNodesChange}
      onNodeClick={onNodeClick}
      onNodeDoubleClick={onNodeDoubleClick}
      onPaneClick={onPaneClick}
      nodesConnectable={false}
      edgesFocusable={false}
      elementsSelectable
      minZoom={0.02}
      maxZoom={2}
      onlyRenderVisibleElements={big}
      colorMode={opts.theme}
      deleteKeyCode={null}
      selectionKeyCode={null}
      multiSelectionKeyCode={null}
      zoomOnDoubleClick={false}
      attributionPosition="top-right"
      aria-label="Class hierarchy graph"
    >
      <ZoomBand onChange={setLod} />
      {lod !== 'far' && <Background variant={BackgroundVariant.Dots} gap={20} size={1} />}
      <EdgeLayer nodes={nodes} edges={model.edges} />
      {lod === 'far' && big && <OverviewLayer nodes={nodes} marks={overviewMarks} />}
      <Controls aria-label="Zoom controls" showInteractive={false} fitViewOptions={FIT_ALL} />
      <OverviewMap nodes={nodes} />
    </ReactFlow>
  );
}

const NO_EDGES: never[] = [];
const FIT_ALL = { includeHiddenNodes: true, padding: 0.06 };

export const GraphView = memo(GraphViewInner);
