import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactNode } from 'react';
import type { ClassDefinition } from '../../src/model';
import type { EngineClient } from '../../src/worker/client';
import { createInProcessEngine } from '../../src/worker/inProcess';
import { setClient } from '../data/engine';
import { fetchClasses } from '../data/hooks';
import { buildClassIndex, type ClassIndex } from '../data/classIndex';
import { connectInvalidation } from '../data/invalidation';
import { useDrafts } from '../state/drafts';
import { useChangeSet } from '../state/changeSet';
import { usePreview, useTrace } from '../state/preview';
import { useStatus } from '../state/status';
import { useUi } from '../state/ui';

/** A fresh in-process engine (the worker's own client and server over a MessageChannel). */
export async function startTestEngine(): Promise<EngineClient> {
  const engine = createInProcessEngine();
  await engine.ready;
  setClient(engine);
  return engine;
}

/** Reset every UI store to its initial state. */
export function resetStores() {
  useUi.setState({
    namespace: 'root\\default',
    selected: null,
    focus: null,
    collapsed: {},
    propsOpen: {},
    dialog: null,
    editorTab: 'properties',
    readAmended: false,
  });
  useDrafts.setState({ drafts: {}, nextNew: 1 });
  useStatus.setState({ rows: [], calls: {}, failures: {}, marks: null });
  usePreview.setState({ marks: null });
  useTrace.setState({ overlay: null });
  useChangeSet.setState({ queued: {} });
}

export async function put(engine: EngineClient, ns: string, def: ClassDefinition, flags = 0) {
  const r = await engine.api.putClass({ namespace: ns }, def, flags);
  if (r.hr >>> 0 >= 0x80000000)
    throw new Error(`put ${def.name} failed: ${r.hr.toString(16)} ${r.errorObject?.Description}`);
}

export async function indexOf(ns: string, amended = false): Promise<ClassIndex> {
  return buildClassIndex(await fetchClasses(ns, amended));
}

export function renderWithEngine(engine: EngineClient, ui: ReactNode): RenderResult & { qc: QueryClient } {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  connectInvalidation(engine, qc);
  const r = render(<QueryClientProvider client={qc}>{ui}</QueryClientProvider>);
  return Object.assign(r, { qc });
}

/** The engine behind a client that records every API call (method and arguments), installed as the page's client. */
export function recordCalls(engine: EngineClient): {
  calls: { method: string; args: unknown[] }[];
  of(method: string): unknown[][];
} {
  const calls: { method: string; args: unknown[] }[] = [];
  const api = new Proxy(engine.api, {
    get: (target, method) => {
      const f = (target as unknown as Record<string | symbol, unknown>)[method];
      if (typeof f !== 'function' || typeof method !== 'string') return f;
      return (...args: unknown[]) => {
        calls.push({ method, args });
        return (f as (...a: unknown[]) => unknown)(...args);
      };
    },
  });
  setClient({ api, subscribe: (l) => engine.subscribe(l), openSink: (f) => engine.openSink(f), ready: engine.ready });
  return { calls, of: (m) => calls.filter((c) => c.method === m).map((c) => c.args) };
}
