import type { Change } from '../repository/change';
import type {
  CommitBatch,
  HistoryKind,
  HistoryLabel,
  HistoryStacks,
  HistorySummary,
  LogEntry,
  LogSince,
} from '../storage/StoragePort';

export interface HistoryOptions {
  /** Most log entries kept (operations, undos and redos alike). Default 200. */
  readonly maxEntries?: number;
  /** Most characters of diff JSON kept across entries. Default 64 M; the newest entry always stays. */
  readonly maxBytes?: number;
}

/** The history as the UI shows it. */
export interface HistoryView {
  readonly seq: number;
  /** Oldest first. */
  readonly entries: readonly HistorySummary[];
  readonly undo: HistorySummary | null;
  readonly redo: HistorySummary | null;
  readonly undoDepth: number;
  readonly redoDepth: number;
}

/** What a commit adds to the history. */
export interface HistoryCommit {
  readonly kind: HistoryKind;
  readonly label: HistoryLabel;
  readonly changes: readonly Change[];
  /** For an undo or redo, the entry undone or redone. */
  readonly target?: number;
}

export const DEFAULT_MAX_ENTRIES = 200;
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

/**
 * The repository's history: a bounded log of committed operations (each a reversible diff) and
 * the undo and redo stacks over it, tldraw's undo-by-reversed-diff. An undo or redo is itself a
 * committed operation and gets its own log entry; it moves its target between the stacks. This
 * class only plans: the worker writes the batch it returns, then calls `apply` once it is stored.
 */
export class History {
  private summaries: HistorySummary[] = [];
  private stacks: HistoryStacks = { undo: [], redo: [] };
  private lastSeq = 0;
  private readonly maxEntries: number;
  private readonly maxBytes: number;

  constructor(options: HistoryOptions = {}) {
    this.maxEntries = Math.max(1, options.maxEntries ?? DEFAULT_MAX_ENTRIES);
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  }

  get seq(): number {
    return this.lastSeq;
  }

  /** Take the state storage loaded. */
  reset(state: { seq: number; summaries: readonly HistorySummary[]; stacks: HistoryStacks }): void {
    this.lastSeq = state.seq;
    this.summaries = [...state.summaries].sort((a, b) => a.seq - b.seq);
    this.stacks = { undo: [...state.stacks.undo], redo: [...state.stacks.redo] };
  }

  /** Plan one commit: the batch to store, and `apply` to run once it is stored. */
  prepare(c: HistoryCommit, time: number): { batch: CommitBatch; apply: () => void } {
    const seq = this.lastSeq + 1;
    const entry: LogEntry = {
      seq,
      kind: c.kind,
      label: c.label,
      time,
      ...(c.target !== undefined ? { target: c.target } : {}),
      size: JSON.stringify(c.changes).length,
      changeCount: c.changes.length,
      changes: c.changes,
    };
    const { changes: _changes, ...summary } = entry;
    const undo = [...this.stacks.undo];
    const redo = [...this.stacks.redo];
    if (c.kind === 'op') {
      undo.push(seq);
      redo.length = 0;
    } else if (c.kind === 'undo') {
      remove(undo, c.target!);
      redo.push(c.target!);
    } else {
      remove(redo, c.target!);
      undo.push(c.target!);
    }
    // The bound: drop the oldest entries until both limits hold; the newest always stays.
    const kept = [...this.summaries, summary];
    const drop: number[] = [];
    let bytes = kept.reduce((n, s) => n + s.size, 0);
    while (kept.length > 1 && (kept.length > this.maxEntries || bytes > this.maxBytes)) {
      const old = kept.shift()!;
      bytes -= old.size;
      drop.push(old.seq);
    }
    const dropped = new Set(drop);
    const stacks: HistoryStacks = {
      undo: undo.filter((s) => !dropped.has(s)),
      redo: redo.filter((s) => !dropped.has(s)),
    };
    return {
      batch: { seq, changes: c.changes, entry, drop, stacks },
      apply: () => {
        this.summaries = kept;
        this.stacks = stacks;
        this.lastSeq = seq;
      },
    };
  }

  /** Take commits another tab made (read back from storage). */
  applyRemote(since: LogSince): void {
    if (since.entries.length === 0 && since.seq <= this.lastSeq) return;
    const seen = new Set(this.summaries.map((s) => s.seq));
    for (const e of since.entries) {
      if (seen.has(e.seq)) continue;
      const { changes: _changes, ...summary } = e;
      this.summaries.push(summary);
    }
    this.summaries.sort((a, b) => a.seq - b.seq);
    const excess = this.summaries.length - this.maxEntries;
    if (excess > 0) this.summaries.splice(0, excess);
    this.stacks = { undo: [...since.stacks.undo], redo: [...since.stacks.redo] };
    this.lastSeq = Math.max(this.lastSeq, since.seq);
  }

  /** The entry an undo would revert, if any. */
  undoTarget(): HistorySummary | undefined {
    return this.find(this.stacks.undo[this.stacks.undo.length - 1]);
  }

  /** The entry a redo would re-apply, if any. */
  redoTarget(): HistorySummary | undefined {
    return this.find(this.stacks.redo[this.stacks.redo.length - 1]);
  }

  view(): HistoryView {
    return {
      seq: this.lastSeq,
      entries: [...this.summaries],
      undo: this.undoTarget() ?? null,
      redo: this.redoTarget() ?? null,
      undoDepth: this.stacks.undo.length,
      redoDepth: this.stacks.redo.length,
    };
  }

  private find(seq: number | undefined): HistorySummary | undefined {
    return seq === undefined ? undefined : this.summaries.find((s) => s.seq === seq);
  }
}

function remove(list: number[], seq: number): void {
  const i = list.lastIndexOf(seq);
  if (i >= 0) list.splice(i, 1);
}
