import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { ClassDefinition } from '../../src/model';
import type { NodeId } from './ui';

/** A class being edited: the definition as it will be put, until it is put or discarded. */
export interface Draft {
  readonly id: NodeId;
  readonly ns: string;
  /** The stored local definition when editing began; null for a new class. */
  readonly base: ClassDefinition | null;
  readonly def: ClassDefinition;
  readonly past: readonly ClassDefinition[];
  readonly future: readonly ClassDefinition[];
  /** The class was read with amended qualifiers: it must be put with USE_AMENDED_QUALIFIERS. */
  readonly amended: boolean;
  /** Coalesces keystrokes into one undo step. */
  readonly lastKey?: string;
  readonly lastAt?: number;
}

export const draftKey = (ns: string, id: NodeId) => `${ns.toLowerCase()}|${id}`;

export const sameDef = (a: ClassDefinition | null, b: ClassDefinition | null) =>
  JSON.stringify(a) === JSON.stringify(b);

/** The draft differs from what is stored (a new class always does). */
export const isDirty = (d: Draft | undefined): boolean => !!d && (d.base === null || !sameDef(d.base, d.def));

interface DraftState {
  drafts: Record<string, Draft>;
  nextNew: number;
  edit(
    ns: string,
    id: NodeId,
    start: { base: ClassDefinition | null; amended: boolean },
    update: (def: ClassDefinition) => ClassDefinition,
    coalesce?: string,
  ): void;
  /** A new class draft under `superclass`; returns its node id. */
  create(ns: string, def: ClassDefinition): NodeId;
  undo(ns: string, id: NodeId): boolean;
  redo(ns: string, id: NodeId): boolean;
  discard(ns: string, id: NodeId): void;
}

const COALESCE_MS = 1200;

export const useDrafts = create<DraftState>()(
  persist(
    (set, get) => ({
      drafts: {},
      nextNew: 1,

      edit: (ns, id, start, update, coalesce) =>
        set((s) => {
          const k = draftKey(ns, id);
          const cur: Draft = s.drafts[k] ?? {
            id,
            ns,
            base: start.base,
            def: start.base!,
            past: [],
            future: [],
            amended: start.amended,
          };
          const next = update(cur.def);
          if (sameDef(next, cur.def)) return s;
          const now = Date.now();
          const merge = coalesce !== undefined && cur.lastKey === coalesce && now - (cur.lastAt ?? 0) < COALESCE_MS;
          const draft: Draft = {
            ...cur,
            def: next,
            past: merge ? cur.past : [...cur.past, cur.def].slice(-200),
            future: [],
            ...(coalesce !== undefined
              ? { lastKey: coalesce, lastAt: now }
              : { lastKey: undefined, lastAt: undefined }),
          };
          return { drafts: { ...s.drafts, [k]: draft } };
        }),

      create: (ns, def) => {
        const id = `d:${get().nextNew}`;
        set((s) => ({
          nextNew: s.nextNew + 1,
          drafts: {
            ...s.drafts,
            [draftKey(ns, id)]: { id, ns, base: null, def, past: [], future: [], amended: false },
          },
        }));
        return id;
      },

      undo: (ns, id) => {
        const k = draftKey(ns, id);
        const d = get().drafts[k];
        if (!d || d.past.length === 0) return false;
        const prev = d.past[d.past.length - 1]!;
        set((s) => ({
          drafts: {
            ...s.drafts,
            [k]: { ...d, def: prev, past: d.past.slice(0, -1), future: [d.def, ...d.future], lastKey: undefined },
          },
        }));
        return true;
      },

      redo: (ns, id) => {
        const k = draftKey(ns, id);
        const d = get().drafts[k];
        if (!d || d.future.length === 0) return false;
        const next = d.future[0]!;
        set((s) => ({
          drafts: {
            ...s.drafts,
            [k]: { ...d, def: next, past: [...d.past, d.def], future: d.future.slice(1), lastKey: undefined },
          },
        }));
        return true;
      },

      discard: (ns, id) =>
        set((s) => {
          const k = draftKey(ns, id);
          if (!(k in s.drafts)) return s;
          const drafts = { ...s.drafts };
          delete drafts[k];
          return { drafts };
        }),
    }),
    {
      // Drafts are work: they survive a reload (in this browser) until put or discarded.
      name: 'classwright.drafts.v1',
      storage: createJSONStorage(() => localStorage),
      partialize: (s) => ({ drafts: s.drafts, nextNew: s.nextNew }),
    },
  ),
);

/** The draft of a node, if any (narrow selector: re-renders only when that draft changes). */
export const useDraft = (ns: string, id: NodeId | null) =>
  useDrafts((s) => (id ? s.drafts[draftKey(ns, id)] : undefined));
