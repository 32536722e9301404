import { useEffect, useRef, useState } from 'react';
import { treeLayout, type LayoutRequest, type LayoutResult } from './layout';
import type { GraphModel } from './model';

export interface Positions {
  readonly key: string;
  readonly at: ReadonlyMap<string, { readonly x: number; readonly y: number }>;
  readonly width: number;
  readonly height: number;
  readonly ms: number;
}

let worker: Worker | null | undefined;
const waiting = new Map<number, (r: LayoutResult) => void>();
let nextId = 1;

function getWorker(): Worker | null {
  if (worker !== undefined) return worker;
  if (
    typeof Worker === 'undefined' ||
    typeof window === 'undefined' ||
    !('document' in window) ||
    import.meta.env.MODE === 'test'
  ) {
    worker = null;
    return null;
  }
  try {
    worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module', name: 'classwright-layout' });
    worker.addEventListener('message', (e: MessageEvent<LayoutResult>) => {
      const done = waiting.get(e.data.id);
      waiting.delete(e.data.id);
      done?.(e.data);
    });
  } catch {
    worker = null;
  }
  return worker;
}

/** Lays a graph out in the layout worker (or in place where there is no worker, as in tests). */
export function layoutGraph(model: GraphModel, algorithm: 'tree' | 'elk'): Promise<LayoutResult> {
  const id = nextId++;
  const req: LayoutRequest = {
    id,
    algorithm,
    nodes: model.nodes.map((n) => ({ id: n.id, w: n.w, h: n.h, parent: n.parent })),
    edges: model.edges.filter((e) => e.kind === 'ref').map((e) => ({ id: e.id, source: e.source, target: e.target })),
  };
  const w = getWorker();
  if (!w) {
    const t0 = performance.now();
    const r = treeLayout(req.nodes);
    return Promise.resolve({ id, ...r, ms: performance.now() - t0, algorithm: 'tree' });
  }
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    w.postMessage(req);
  });
}

/** The positions of the model's nodes; the previous ones stay until a new layout arrives. */
export function useLayout(model: GraphModel, algorithm: 'tree' | 'elk'): Positions | null {
  const [positions, setPositions] = useState<Positions | null>(null);
  const latest = useRef('');
  const key = `${algorithm}|${model.layoutKey}`;
  useEffect(() => {
    latest.current = key;
    let live = true;
    void layoutGraph(model, algorithm).then((r) => {
      if (!live || latest.current !== key) return;
      const at = new Map<string, { x: number; y: number }>();
      model.nodes.forEach((n, i) => at.set(n.id, { x: r.positions[i * 2]!, y: r.positions[i * 2 + 1]! }));
      setPositions({ key, at, width: r.width, height: r.height, ms: r.ms });
    });
    return () => {
      live = false;
    };
    // The key captures everything the layout depends on.
  }, [key]);
  return positions;
}
