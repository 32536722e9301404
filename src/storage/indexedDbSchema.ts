import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { Change } from '../repository/change';
import type { ClassRecord, InstanceRecord, NamespaceRecord, QualifierDeclRecord, SecurityRecord } from './records';
import type { HistoryStacks, HistorySummary } from './StoragePort';

/**
 * The IndexedDB layout, version by version.
 *
 * DO NOT CHANGE STORE NAMES, KEY PATHS OR RECORD SHAPES WITHOUT ADDING A MIGRATION BELOW AND
 * BUMPING DB_VERSION. Doing so would make every stored repository unreadable.
 *
 * v1: one store per record kind (keyPath `key`: the namespace key, then the lower-case name),
 * `history` (summaries) and `historyChanges` (diffs) keyed by commit seq, and `meta`
 * (`state`: the last seq and the undo / redo stacks; `schema`: the data format version).
 */
export interface RepoDbV1 extends DBSchema {
  namespaces: { key: string; value: NamespaceRecord };
  classes: { key: [string, string]; value: ClassRecord };
  instances: { key: [string, string, string]; value: InstanceRecord };
  qualifierDecls: { key: [string, string]; value: QualifierDeclRecord };
  security: { key: [string, string]; value: SecurityRecord };
  history: { key: number; value: HistorySummary };
  historyChanges: { key: number; value: { seq: number; changes: readonly Change[] } };
  meta: { key: string; value: MetaState | MetaSchema };
}

export interface MetaState {
  readonly seq: number;
  readonly stacks: HistoryStacks;
}
export interface MetaSchema {
  readonly version: number;
  readonly createdAt: number;
}

export const DB_VERSION = 1;
export const DEFAULT_DB_NAME = 'classwright';

/**
 * One step of the schema: migrates a database at version `index` to `index + 1`, inside the
 * versionchange transaction (it may only await requests on that transaction).
 */
export type Migration<S extends DBSchema = RepoDbV1> = (
  db: IDBPDatabase<S>,
  tx: IDBPTransaction<S, StoreNames<S>[], 'versionchange'>,
) => void | Promise<void>;

/** MIGRATIONS[i] takes version i to i + 1; MIGRATIONS.length is the current version. */
export const MIGRATIONS: readonly Migration[] = [
  // v0 → v1: the first layout.
  async (db, tx) => {
    for (const name of ['namespaces', 'classes', 'instances', 'qualifierDecls', 'security'] as const) {
      db.createObjectStore(name, { keyPath: 'key' });
    }
    db.createObjectStore('history', { keyPath: 'seq' });
    db.createObjectStore('historyChanges', { keyPath: 'seq' });
    db.createObjectStore('meta');
    await tx.objectStore('meta').put({ version: 1, createdAt: Date.now() }, 'schema');
    await tx.objectStore('meta').put({ seq: 0, stacks: { undo: [], redo: [] } }, 'state');
  },
];
