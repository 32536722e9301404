import {
  CONTENT_STORES,
  emptyRecords,
  recordOps,
  recordsToChanges,
  RECORD_STORES,
  type AnyRecord,
  type RecordKey,
  type RecordStore,
  type RecordsByStore,
} from './records';
import { StaleCommitError, StorageClosedError } from './storageErrors';
import type {
  CommitBatch,
  HistoryStacks,
  HistorySummary,
  LogEntry,
  LogSince,
  StoragePort,
  StoredRepository,
} from './StoragePort';

/** The host's structured clone (Node ≥ 17, every browser); src/ sees no host library. */
const clone = <T>(v: T): T => (globalThis as unknown as { structuredClone<U>(x: U): U }).structuredClone(v);

const keyText = (k: RecordKey) => (typeof k === 'string' ? k : JSON.stringify(k));
const nsOf = (k: RecordKey) => (typeof k === 'string' ? k : k[0]!);

/** The data behind memory storages; several MemoryStorage views may share one (tabs in tests). */
export class MemoryData {
  readonly stores = new Map<RecordStore, Map<string, AnyRecord>>(RECORD_STORES.map((s) => [s, new Map()]));
  readonly log = new Map<number, LogEntry>();
  seq = 0;
  stacks: HistoryStacks = { undo: [], redo: [] };
}

/**
 * The storage port in memory: for Node tests, the CLI and the in-process engine. Same records,
 * same log and the same stale-commit check as the IndexedDB adapter; values are cloned on the
 * way in and out, so storage never shares objects with the engine.
 */
export class MemoryStorage implements StoragePort {
  readonly kind = 'memory' as const;
  private closed = false;
  /** Test hook: called inside commit before anything is written; throwing aborts the commit. */
  beforeCommit: ((batch: CommitBatch) => void) | null = null;

  constructor(readonly data: MemoryData = new MemoryData()) {}

  /** Another view of the same data, as a second tab would have. */
  share(): MemoryStorage {
    return new MemoryStorage(this.data);
  }

  async load(): Promise<StoredRepository> {
    this.check();
    const r = emptyRecords();
    for (const s of RECORD_STORES) (r[s] as AnyRecord[]).push(...this.data.stores.get(s)!.values());
    const summaries: HistorySummary[] = [...this.data.log.values()].sort((a, b) => a.seq - b.seq).map(summaryOf);
    return clone({
      records: recordsToChanges(r as RecordsByStore),
      seq: this.data.seq,
      summaries,
      stacks: this.data.stacks,
    });
  }

  async commit(batch: CommitBatch): Promise<void> {
    this.check();
    const d = this.data;
    if (batch.seq !== d.seq + 1) throw new StaleCommitError(batch.seq - 1, d.seq);
    this.beforeCommit?.(batch);
    const b = clone(batch);
    for (const op of recordOps(b.changes)) {
      if (op.op === 'put') d.stores.get(op.store)!.set(keyText(op.value.key), op.value);
      else if (op.op === 'delete') d.stores.get(op.store)!.delete(keyText(op.key));
      else
        for (const s of CONTENT_STORES) {
          const m = d.stores.get(s)!;
          for (const [k, v] of m) if (nsOf(v.key) === op.nsKey) m.delete(k);
        }
    }
    d.log.set(b.seq, b.entry);
    for (const s of b.drop) d.log.delete(s);
    d.seq = b.seq;
    d.stacks = b.stacks;
  }

  async readSince(seq: number): Promise<LogSince | null> {
    this.check();
    const d = this.data;
    if (seq >= d.seq) return { seq: d.seq, entries: [], stacks: clone(d.stacks) };
    const entries = [...d.log.values()].filter((e) => e.seq > seq).sort((a, b) => a.seq - b.seq);
    if (entries.length !== d.seq - seq) return null;
    return clone({ seq: d.seq, entries, stacks: d.stacks });
  }

  async entry(seq: number): Promise<LogEntry | undefined> {
    this.check();
    const e = this.data.log.get(seq);
    return e ? clone(e) : undefined;
  }

  close(): void {
    this.closed = true;
  }

  private check(): void {
    if (this.closed) throw new StorageClosedError('the memory storage was closed');
  }
}

export function summaryOf(e: LogEntry): HistorySummary {
  const { changes: _changes, ...summary } = e;
  return summary;
}
