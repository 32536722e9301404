import { treeLayout, type LayoutRequest, type LayoutResult } from './layout';

/**
 * Graph layout off the main thread: the tidy tree (O(n), the default) or elk's layered
 * algorithm, loaded on first use (its 1.4 MB stays out of the tree layout's way).
 */
const scope = self as unknown as {
  onmessage: unknown;
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<LayoutRequest>) => void): void;
};

type Elk = {
  layout(
    graph: unknown,
  ): Promise<{ children?: { id: string; x?: number; y?: number }[]; width?: number; height?: number }>;
};
let elk: Promise<Elk> | null = null;

function loadElk(): Promise<Elk> {
  elk ??= import('elkjs/lib/elk.bundled.js').then((m) => {
    // elk.bundled.js installs its own onmessage dispatcher when it finds itself in a worker.
    scope.onmessage = null;
    const ELK = m.default as unknown as new () => Elk;
    return new ELK();
  });
  return elk;
}

async function elkLayout(req: LayoutRequest): Promise<{ positions: Float64Array; width: number; height: number }> {
  const engine = await loadElk();
  const ids = new Set(req.nodes.map((n) => n.id));
  const edges = [
    ...req.nodes
      .filter((n) => n.parent !== null && ids.has(n.parent))
      .map((n) => ({ id: `i:${n.id}`, sources: [n.parent!], targets: [n.id] })),
    ...req.edges
      .filter((e) => ids.has(e.source) && ids.has(e.target) && e.source !== e.target)
      .map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  ];
  const graph = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': '56',
      'elk.spacing.nodeNode': '12',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    },
    children: req.nodes.map((n) => ({ id: n.id, width: n.w, height: n.h })),
    edges,
  };
  const out = await engine.layout(graph);
  const at = new Map((out.children ?? []).map((c) => [c.id, c]));
  const positions = new Float64Array(req.nodes.length * 2);
  req.nodes.forEach((n, i) => {
    const c = at.get(n.id);
    positions[i * 2] = c?.x ?? 0;
    positions[i * 2 + 1] = c?.y ?? 0;
  });
  return { positions, width: out.width ?? 0, height: out.height ?? 0 };
}

scope.addEventListener('message', (e) => {
  const req = e.data;
  if (!req || typeof req.id !== 'number') return;
  const t0 = performance.now();
  const run = req.algorithm === 'elk' ? elkLayout(req) : Promise.resolve(treeLayout(req.nodes));
  void run.then(
    (r) => {
      const result: LayoutResult = { id: req.id, ...r, ms: performance.now() - t0, algorithm: req.algorithm };
      scope.postMessage(result, [r.positions.buffer]);
    },
    () => {
      const r = treeLayout(req.nodes);
      const result: LayoutResult = { id: req.id, ...r, ms: performance.now() - t0, algorithm: 'tree' };
      scope.postMessage(result, [r.positions.buffer]);
    },
  );
});
