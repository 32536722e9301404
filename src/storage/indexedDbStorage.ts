import { openDB, unwrap, type DBSchema, type IDBPDatabase } from 'idb';
import {
  CONTENT_STORES,
  emptyRecords,
  recordOps,
  recordsToChanges,
  RECORD_STORES,
  type RecordsByStore,
} from './records';
import {
  DB_VERSION,
  DEFAULT_DB_NAME,
  MIGRATIONS,
  type MetaState,
  type Migration,
  type RepoDbV1,
} from './indexedDbSchema';
import { StaleCommitError, StorageClosedError, StorageError, toStorageError } from './storageErrors';
import type { CommitBatch, LogEntry, LogSince, StoragePort, StoredRepository } from './StoragePort';
import { HR } from '../errors/wbem';

/**
 * IDBKeyRange from the host. src/ is compiled without DOM types, so keys and ranges handed to raw
 * IDB calls are cast `as never` (checked by the DOM-typed root project instead).
 */
const KeyRange = () =>
  (
    globalThis as unknown as {
      IDBKeyRange: { bound(a: unknown, b: unknown): unknown; lowerBound(a: unknown, open: boolean): unknown };
    }
  ).IDBKeyRange;

/** Every key of a namespace in a content store: [nsKey] < [nsKey, …] < [nsKey, []]. */
const namespaceRange = (nsKey: string) => KeyRange().bound([nsKey], [nsKey, []]);

export interface IndexedDbStorageOptions {
  readonly name?: string;
  /**
   * Transaction durability of commits; default 'strict'. Either way a commit is atomic and, once
   * complete, survives a killed worker, tab or browser; 'strict' also waits for the OS to flush it
   * to disk, so it survives a power loss too. That costs an fsync per operation; the worker
   * benchmark measures both (no difference on its machine, more on a slow disk).
   */
  readonly durability?: 'strict' | 'relaxed' | 'default';
  /** Called once if the database gets closed under us (another tab upgraded it). */
  readonly onClosed?: (reason: string) => void;
}

/**
 * Open a database and bring it to `migrations.length` by running each missing step in the
 * versionchange transaction. A database newer than this code fails loudly (reload the page).
 */
export async function openMigrated<S extends DBSchema>(
  name: string,
  migrations: readonly Migration<S>[],
  callbacks: { blocking?: () => void; terminated?: () => void } = {},
): Promise<IDBPDatabase<S>> {
  let failure: unknown = null;
  try {
    return await openDB<S>(name, migrations.length, {
      upgrade(db, oldVersion, newVersion, tx) {
        tx.done.catch(() => undefined); // an aborted upgrade is reported by openDB itself
        const run = async () => {
          for (let v = oldVersion; v < (newVersion ?? migrations.length); v++) await migrations[v]!(db, tx);
        };
        run().catch((e: unknown) => {
          failure = e;
          try {
            tx.abort();
          } catch {
            // already finished
          }
        });
      },
      blocking: () => callbacks.blocking?.(),
      terminated: () => callbacks.terminated?.(),
    });
  } catch (e) {
    if (failure !== null) throw failure;
    if ((e as { name?: unknown }).name === 'VersionError') {
      throw new StorageError(
        HR.E_FAILED,
        `The stored repository "${name}" was written by a newer Classwright (schema above v${migrations.length}); reload the page.`,
      );
    }
    throw e;
  }
}

/**
 * The storage port on IndexedDB (through idb). A commit is one readwrite transaction over every
 * store: the records, the history entry and the meta state, checked against the stored seq inside
 * the same transaction. It resolves on the transaction's `complete`, the commit point.
 */
export class IndexedDbStorage implements StoragePort {
  readonly kind = 'indexeddb' as const;
  private closedReason: string | null = null;

  private constructor(
    private readonly db: IDBPDatabase<RepoDbV1>,
    private readonly options: IndexedDbStorageOptions,
  ) {}

  static async open(options: IndexedDbStorageOptions = {}): Promise<IndexedDbStorage> {
    let storage: IndexedDbStorage | null = null;
    const close = (reason: string) => storage?.closeBecause(reason);
    const db = await openMigrated<RepoDbV1>(options.name ?? DEFAULT_DB_NAME, MIGRATIONS, {
      blocking: () => close('another tab is upgrading the database; reload the page'),
      terminated: () => close('the browser closed the database'),
    });
    if (db.version !== DB_VERSION) throw new StorageError(HR.E_FAILED, `unexpected database version ${db.version}`);
    storage = new IndexedDbStorage(db, options);
    return storage;
  }

  get name(): string {
    return this.db.name;
  }

  async load(): Promise<StoredRepository> {
    this.check();
    const tx = this.db.transaction([...RECORD_STORES, 'history', 'meta'], 'readonly');
    const records = emptyRecords();
    const [namespaces, classes, instances, qualifierDecls, security, summaries, state] = await Promise.all([
      tx.objectStore('namespaces').getAll(),
      tx.objectStore('classes').getAll(),
      tx.objectStore('instances').getAll(),
      tx.objectStore('qualifierDecls').getAll(),
      tx.objectStore('security').getAll(),
      tx.objectStore('history').getAll(),
      tx.objectStore('meta').get('state') as Promise<MetaState | undefined>,
    ]);
    Object.assign(records, { namespaces, classes, instances, qualifierDecls, security } satisfies RecordsByStore);
    return {
      records: recordsToChanges(records),
      seq: state?.seq ?? 0,
      summaries,
      stacks: state?.stacks ?? { undo: [], redo: [] },
    };
  }

  async commit(batch: CommitBatch): Promise<void> {
    this.check();
    const ops = recordOps(batch.changes);
    // Only the stores this commit writes: a smaller scope is a cheaper transaction.
    const scope = new Set<(typeof RECORD_STORES)[number] | 'history' | 'historyChanges' | 'meta'>([
      'history',
      'historyChanges',
      'meta',
    ]);
    for (const op of ops) {
      if (op.op === 'clearNamespace') for (const s of CONTENT_STORES) scope.add(s);
      else scope.add(op.store);
    }
    const tx = this.db.transaction([...scope], 'readwrite', {
      durability: this.options.durability ?? 'strict',
    });
    const done = tx.done.then(
      () => null,
      (e: unknown) => e ?? new StorageError(HR.E_FAILED, 'the IndexedDB transaction aborted'),
    );
    let stale: StaleCommitError | null = null;
    try {
      // Raw requests: one promise per write would cost more than the write, and could reject unheard.
      const store = (n: (typeof RECORD_STORES)[number] | 'history' | 'historyChanges' | 'meta') =>
        unwrap(tx.objectStore(n));
      const check = store('meta').get('state');
      check.onsuccess = () => {
        const stored = (check.result as MetaState | undefined)?.seq ?? 0;
        if (stored !== batch.seq - 1) {
          stale = new StaleCommitError(batch.seq - 1, stored);
          tx.abort();
        }
      };
      for (const op of ops) {
        if (op.op === 'put') store(op.store).put(op.value);
        else if (op.op === 'delete') store(op.store).delete(op.key as never);
        else for (const s of CONTENT_STORES) store(s).delete(namespaceRange(op.nsKey) as never);
      }
      const { changes, ...summary } = batch.entry;
      store('history').put(summary);
      store('historyChanges').put({ seq: batch.seq, changes });
      for (const d of batch.drop) {
        store('history').delete(d);
        store('historyChanges').delete(d);
      }
      store('meta').put({ seq: batch.seq, stacks: batch.stacks } satisfies MetaState, 'state');
    } catch (e) {
      try {
        tx.abort();
      } catch {
        // already aborted
      }
      await done;
      throw toStorageError(e);
    }
    const error = await done;
    if (stale) throw stale;
    if (error) throw toStorageError(error);
  }

  async readSince(seq: number): Promise<LogSince | null> {
    this.check();
    const tx = this.db.transaction(['history', 'historyChanges', 'meta'], 'readonly');
    const after = KeyRange().lowerBound(seq, true) as never;
    const [state, summaries, diffs] = await Promise.all([
      tx.objectStore('meta').get('state') as Promise<MetaState | undefined>,
      tx.objectStore('history').getAll(after),
      tx.objectStore('historyChanges').getAll(after),
    ]);
    const stored = state?.seq ?? 0;
    const stacks = state?.stacks ?? { undo: [], redo: [] };
    if (stored <= seq) return { seq: stored, entries: [], stacks };
    if (summaries.length !== stored - seq || diffs.length !== summaries.length) return null;
    const entries: LogEntry[] = summaries.map((s, i) => ({ ...s, changes: diffs[i]!.changes }));
    return { seq: stored, entries, stacks };
  }

  async entry(seq: number): Promise<LogEntry | undefined> {
    this.check();
    const tx = this.db.transaction(['history', 'historyChanges'], 'readonly');
    const [summary, diff] = await Promise.all([
      tx.objectStore('history').get(seq),
      tx.objectStore('historyChanges').get(seq),
    ]);
    return summary && diff ? { ...summary, changes: diff.changes } : undefined;
  }

  close(): void {
    this.closeBecause('closed');
  }

  private closeBecause(reason: string): void {
    if (this.closedReason !== null) return;
    this.closedReason = reason;
    this.db.close();
    if (reason !== 'closed') this.options.onClosed?.(reason);
  }

  private check(): void {
    if (this.closedReason !== null) throw new StorageClosedError(this.closedReason);
  }
}
