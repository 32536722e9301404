import { create } from 'zustand';
import type { Conflict } from '../../src/errors/opFailure';
import type { ExtendedStatus } from '../../src/errors/extendedStatus';

export type CallStyle = 'sync' | 'semisync' | 'async';

/** One line of the sink log: a call, a return, an Indicate, a SetStatus or a poll. */
export interface LogRow {
  readonly id: number;
  readonly call: number;
  readonly time: number;
  readonly operation: string;
  readonly style: CallStyle;
  readonly ns: string;
  readonly className: string | null;
  readonly event: 'call' | 'return' | 'indicate' | 'progress' | 'complete' | 'poll';
  readonly hr: number | null;
  readonly progress?: { readonly done: number; readonly total: number };
  readonly text: string;
  readonly errorObject: ExtendedStatus | null;
}

export interface CallState {
  readonly id: number;
  readonly operation: string;
  readonly ns: string;
  readonly className: string | null;
  readonly style: CallStyle;
  readonly flags: number;
  readonly startedAt: number;
  readonly progress?: { readonly done: number; readonly total: number };
  readonly finished: boolean;
  readonly hr?: number;
}

/** A failure pinned on a class node until dismissed. */
export interface PinnedFailure {
  readonly hr: number;
  readonly operation: string;
  readonly text: string;
  readonly row: number;
}

/** A conflict of a put with a descendant, as marked on the graph and in the editor. */
export interface ConflictMark extends Conflict {
  /** The class whose put found it. */
  readonly source: string;
  readonly mode: 'compatible' | 'safe' | 'force';
  /** Force resolved it by deleting the element in the descendant. */
  readonly resolved: boolean;
}

export interface Marks {
  readonly ns: string;
  readonly source: string;
  readonly mode: 'compatible' | 'safe' | 'force';
  readonly hr: number;
  readonly time: number;
  /** By lower-cased class name. */
  readonly conflicts: Readonly<Record<string, readonly ConflictMark[]>>;
  /** Descendants force rewrote, by lower-cased name. */
  readonly rewritten: Readonly<Record<string, true>>;
  readonly deletedInstances: readonly string[];
}

const MAX_ROWS = 5000;

interface StatusState {
  rows: readonly LogRow[];
  calls: Readonly<Record<number, CallState>>;
  failures: Readonly<Record<string, PinnedFailure>>;
  marks: Marks | null;
  nextRow: number;
  nextCall: number;
  beginCall(c: Omit<CallState, 'id' | 'startedAt' | 'finished'>): number;
  updateCall(id: number, patch: Partial<CallState>): void;
  append(rows: readonly Omit<LogRow, 'id'>[]): void;
  pin(ns: string, className: string, f: PinnedFailure): void;
  dismiss(ns: string, className: string): void;
  dismissAll(): void;
  setMarks(m: Marks | null): void;
  clearLog(): void;
}

export const failureKey = (ns: string, className: string) => `${ns.toLowerCase()}|${className.toLowerCase()}`;

export const useStatus = create<StatusState>()((set, get) => ({
  rows: [],
  calls: {},
  failures: {},
  marks: null,
  nextRow: 1,
  nextCall: 1,

  beginCall: (c) => {
    const id = get().nextCall;
    set((s) => ({
      nextCall: s.nextCall + 1,
      calls: { ...s.calls, [id]: { ...c, id, startedAt: Date.now(), finished: false } },
    }));
    return id;
  },
  updateCall: (id, patch) =>
    set((s) => {
      const c = s.calls[id];
      return c ? { calls: { ...s.calls, [id]: { ...c, ...patch } } } : s;
    }),
  append: (rows) =>
    set((s) => {
      let n = s.nextRow;
      const added = rows.map((r) => ({ ...r, id: n++ }));
      const all =
        s.rows.length + added.length > MAX_ROWS ? [...s.rows, ...added].slice(-MAX_ROWS) : [...s.rows, ...added];
      return { rows: all, nextRow: n };
    }),
  pin: (ns, className, f) => set((s) => ({ failures: { ...s.failures, [failureKey(ns, className)]: f } })),
  dismiss: (ns, className) =>
    set((s) => {
      const k = failureKey(ns, className);
      if (!(k in s.failures)) return s;
      const failures = { ...s.failures };
      delete failures[k];
      return { failures };
    }),
  dismissAll: () => set({ failures: {} }),
  setMarks: (marks) => set({ marks }),
  clearLog: () => set({ rows: [] }),
}));
