import type { Change } from '../repository/change';

/**
 * What the repository is persisted as, and the one port the worker writes through. The
 * repository itself is the set of records (materialized state); the history is a bounded log of
 * committed operations with their reversible diffs. Both change in one transaction per operation.
 */

/** What a history entry says about its operation, for lists and undo menus. */
export interface HistoryLabel {
  /** The operation: `PutClass`, `DeleteClass`, `MOF import`, `Undo`, `Redo`… */
  readonly operation: string;
  readonly namespace?: string;
  /** The class, instance path, qualifier or file the operation was about. */
  readonly target?: string;
  /** The WBEM_FLAG bits of the call, when known. */
  readonly flags?: number;
  /** The HRESULT the operation ended with (committed operations succeed: 0 or an S_ code). */
  readonly hr: number;
  /** One line for a person: `PutClass Shape (UPDATE_SAFE_MODE)`, `Undo PutClass Shape`. */
  readonly text: string;
}

export type HistoryKind = 'op' | 'undo' | 'redo';

/** A committed operation as the history lists it (its diff is stored apart, see LogEntry). */
export interface HistorySummary {
  /** The commit sequence number: every committed operation of the repository gets the next one. */
  readonly seq: number;
  readonly kind: HistoryKind;
  readonly label: HistoryLabel;
  /** Epoch milliseconds of the commit. */
  readonly time: number;
  /** For an undo or redo: the seq of the entry it undid or redid. */
  readonly target?: number;
  /** Approximate size of the diff (characters of its JSON), for the history bound. */
  readonly size: number;
  readonly changeCount: number;
}

/** A summary with its diff: what a tab needs to replay a commit it did not make, or to undo it. */
export interface LogEntry extends HistorySummary {
  readonly changes: readonly Change[];
}

/** The undo and redo stacks as seq numbers, most recent last. */
export interface HistoryStacks {
  readonly undo: readonly number[];
  readonly redo: readonly number[];
}

/** Everything one committed operation writes, in one storage transaction. */
export interface CommitBatch {
  /** Must be exactly the stored seq + 1, else the commit is refused (StaleCommitError). */
  readonly seq: number;
  /** The operation's changes, applied to the stored records. */
  readonly changes: readonly Change[];
  readonly entry: LogEntry;
  /** Log entries to forget (the history bound). */
  readonly drop: readonly number[];
  readonly stacks: HistoryStacks;
}

/** The repository as stored: records to apply over a fresh Repository, and the history state. */
export interface StoredRepository {
  /**
   * Records as changes, in an order that loads cleanly (namespaces parents first, then their
   * contents, then removed bootstrap namespaces). A change without `after` removes something a
   * fresh repository has (a deleted default namespace or security entry).
   */
  readonly records: readonly Change[];
  readonly seq: number;
  readonly summaries: readonly HistorySummary[];
  readonly stacks: HistoryStacks;
}

/** The commits a tab has not seen yet. */
export interface LogSince {
  readonly seq: number;
  readonly entries: readonly LogEntry[];
  readonly stacks: HistoryStacks;
}

export interface StoragePort {
  readonly kind: 'memory' | 'indexeddb';
  /** Read everything needed to rebuild the repository (no history diffs). */
  load(): Promise<StoredRepository>;
  /**
   * Write one committed operation atomically; resolves only once it is durable (for IndexedDB:
   * the transaction's `complete`). Throws StaleCommitError when another writer committed first,
   * StorageQuotaError when the browser refuses the space; nothing is written then.
   */
  commit(batch: CommitBatch): Promise<void>;
  /** The commits after `seq`; null when the log no longer reaches back that far (reload instead). */
  readSince(seq: number): Promise<LogSince | null>;
  /** One log entry with its diff. */
  entry(seq: number): Promise<LogEntry | undefined>;
  close(): void;
}
