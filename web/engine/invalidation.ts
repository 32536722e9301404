import type { ClientState, EngineClient } from '../../src/worker/client';
import type { ChangeNotice } from '../../src/worker/engineApi';

/**
 * What the React UI subscribes to. Engine data goes through TanStack Query (never copied into
 * zustand): query keys from `engineKeys`, invalidated from the engine's change notices, which
 * cover this tab's commits, other tabs' commits and undo / redo.
 */
export const engineKeys = {
  all: ['engine'] as const,
  namespace: (ns: string) => ['engine', ns.toLowerCase()] as const,
  classes: (ns: string) => ['engine', ns.toLowerCase(), 'classes'] as const,
  class: (ns: string, name: string) => ['engine', ns.toLowerCase(), 'class', name.toLowerCase()] as const,
  history: () => ['engine', 'history'] as const,
};

/** The part of a TanStack QueryClient used here. */
export interface Invalidator {
  invalidateQueries(filters: { queryKey: readonly unknown[] }): unknown;
}

/** Invalidate the queries a change touches (everything after a reload or a change too big to list). */
export function invalidateOnChange(queries: Invalidator, client: EngineClient): () => void {
  return client.onChange((n: ChangeNotice) => {
    void queries.invalidateQueries({ queryKey: engineKeys.history() });
    if (n.truncated) {
      void queries.invalidateQueries({ queryKey: engineKeys.all });
      return;
    }
    const namespaces = new Set<string>();
    for (const t of n.touched) {
      namespaces.add(t.ns);
      if (t.kind === 'class') void queries.invalidateQueries({ queryKey: engineKeys.class(t.ns, t.name) });
    }
    for (const ns of namespaces) void queries.invalidateQueries({ queryKey: engineKeys.classes(ns) });
  });
}

/** A client's lifecycle as a useSyncExternalStore source. */
export function engineStatusOf(client: EngineClient) {
  return {
    subscribe: (onChange: () => void): (() => void) => client.onLifecycle(() => onChange()),
    getSnapshot: (): ClientState => client.state,
  };
}
