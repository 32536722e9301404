import { create } from 'zustand';
import type { NodeId } from './ui';

/** Drafts queued to be put together as one operation (a change set), per namespace. */
interface ChangeSetState {
  /** Lower-cased namespace → queued draft node ids, in the order queued. */
  queued: Readonly<Record<string, readonly NodeId[]>>;
  add(ns: string, id: NodeId): void;
  remove(ns: string, id: NodeId): void;
  clear(ns: string): void;
}

const EMPTY: readonly NodeId[] = [];

export const useChangeSet = create<ChangeSetState>()((set) => ({
  queued: {},
  add: (ns, id) =>
    set((s) => {
      const k = ns.toLowerCase();
      const cur = s.queued[k] ?? EMPTY;
      return cur.includes(id) ? s : { queued: { ...s.queued, [k]: [...cur, id] } };
    }),
  remove: (ns, id) =>
    set((s) => {
      const k = ns.toLowerCase();
      const cur = s.queued[k] ?? EMPTY;
      return cur.includes(id) ? { queued: { ...s.queued, [k]: cur.filter((x) => x !== id) } } : s;
    }),
  clear: (ns) =>
    set((s) => {
      const queued = { ...s.queued };
      delete queued[ns.toLowerCase()];
      return { queued };
    }),
}));

export const useQueued = (ns: string) => useChangeSet((s) => s.queued[ns.toLowerCase()] ?? EMPTY);
