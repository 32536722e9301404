import { openDB, type DBSchema } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HR } from '../errors/wbem';
import { cls } from '../model/build';
import { DB_VERSION, MIGRATIONS, type Migration } from './indexedDbSchema';
import { IndexedDbStorage, openMigrated } from './indexedDbStorage';
import { StorageClosedError, StorageError, StorageQuotaError, toStorageError } from './storageErrors';
import { persistedRepository } from './testDriver';

let n = 0;
const dbName = (what: string) => `idb-${what}-${++n}`;

afterEach(() => vi.restoreAllMocks());

/** A fake history of this code's schema: v1 stored `items` as { id, title }, v2 splits the title. */
interface LegacyV1 extends DBSchema {
  items: { key: string; value: { id: string; title: string } };
}
interface LegacyV2 extends DBSchema {
  items: { key: string; value: { id: string; name: string; version: string } };
}
const V0_TO_V1: Migration<LegacyV1> = (db) => {
  db.createObjectStore('items', { keyPath: 'id' });
};
const V1_TO_V2: Migration<LegacyV2> = async (_db, tx) => {
  let cursor = await tx.objectStore('items').openCursor();
  while (cursor) {
    const [name, version] = (cursor.value as unknown as { title: string }).title.split('@');
    await cursor.update({ id: cursor.value.id, name: name!, version: version ?? '' });
    cursor = await cursor.continue();
  }
};

describe('schema migrations', () => {
  it('brings a database through every missing step, in order, keeping its data', async () => {
    const name = dbName('migrate');
    const v1 = await openMigrated<LegacyV1>(name, [V0_TO_V1]);
    expect(v1.version).toBe(1);
    await v1.put('items', { id: 'a', title: 'CIM_Foo@2.49' });
    await v1.put('items', { id: 'b', title: 'CIM_Bar' });
    v1.close();

    const v2 = await openMigrated<LegacyV2>(name, [V0_TO_V1 as unknown as Migration<LegacyV2>, V1_TO_V2]);
    expect(v2.version).toBe(2);
    expect(await v2.getAll('items')).toEqual([
      { id: 'a', name: 'CIM_Foo', version: '2.49' },
      { id: 'b', name: 'CIM_Bar', version: '' },
    ]);
    v2.close();

    // A fresh database runs both steps.
    const fresh = await openMigrated<LegacyV2>(dbName('fresh'), [V0_TO_V1 as unknown as Migration<LegacyV2>, V1_TO_V2]);
    expect(fresh.version).toBe(2);
    expect([...fresh.objectStoreNames]).toEqual(['items']);
    fresh.close();
  });

  it('leaves the database at its old version when a step fails', async () => {
    const name = dbName('failing');
    (await openMigrated<LegacyV1>(name, [V0_TO_V1])).close();
    const broken: Migration<LegacyV1> = () => {
      throw new Error('step 2 cannot run');
    };
    await expect(openMigrated<LegacyV1>(name, [V0_TO_V1, broken])).rejects.toThrow('step 2 cannot run');
    const again = await openDB(name);
    expect(again.version).toBe(1);
    again.close();
  });

  it('refuses a database written by newer code, loudly', async () => {
    const name = dbName('newer');
    (await openMigrated<LegacyV2>(name, [V0_TO_V1 as unknown as Migration<LegacyV2>, V1_TO_V2])).close();
    const err = await openMigrated<LegacyV1>(name, [V0_TO_V1]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect((err as Error).message).toMatch(/newer Classwright/);
  });

  it('creates the v1 layout for the repository', async () => {
    expect(MIGRATIONS).toHaveLength(DB_VERSION);
    const name = dbName('v1');
    const storage = await IndexedDbStorage.open({ name });
    storage.close();
    const db = await openDB(name);
    expect([...db.objectStoreNames].sort()).toEqual(
      ['classes', 'history', 'historyChanges', 'instances', 'meta', 'namespaces', 'qualifierDecls', 'security'].sort(),
    );
    expect(await db.get('meta', 'schema')).toMatchObject({ version: 1 });
    expect(await db.get('meta', 'state')).toEqual({ seq: 0, stacks: { undo: [], redo: [] } });
    db.close();
  });
});

describe('IndexedDbStorage', () => {
  it('keys records by namespace and lower-case name', async () => {
    const name = dbName('keys');
    const a = await persistedRepository(await IndexedDbStorage.open({ name }));
    await a.svc('root\\cimv2').putClass(cls('CIM_Thing', null));
    const db = await openDB(name);
    expect(await db.getAllKeys('classes')).toEqual([['root\\cimv2', 'cim_thing']]);
    expect((await db.get('history', 1)).label.text).toBe('PutClass CIM_Thing');
    db.close();
  });

  it('maps the browser refusing space to WBEM_E_OUT_OF_DISK_SPACE, with nothing written', async () => {
    const name = dbName('quota');
    const storage = await IndexedDbStorage.open({ name });
    const a = await persistedRepository(storage);
    expect((await a.svc('root\\cimv2').putClass(cls('Before', null))).hr).toBe(0);

    const proto = (globalThis as unknown as { IDBObjectStore: { prototype: { put: (...a: unknown[]) => unknown } } })
      .IDBObjectStore.prototype;
    const realPut = proto.put;
    vi.spyOn(proto, 'put').mockImplementation(function (this: { name: string }, ...args: unknown[]) {
      if (this.name === 'classes') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return realPut.apply(this, args);
    });
    const { batch } = a.history.prepare(
      {
        kind: 'op',
        label: { operation: 'PutClass', hr: 0, text: 'PutClass Big' },
        changes: [{ kind: 'class', ns: 'root\\cimv2', name: 'Big', after: { def: cls('Big', null) } }],
      },
      0,
    );
    const err = await storage.commit(batch).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageQuotaError);
    expect((err as StorageQuotaError).hr).toBe(HR.E_OUT_OF_DISK_SPACE);
    vi.restoreAllMocks();

    const loaded = await storage.load();
    expect(loaded.seq).toBe(1);
    expect(loaded.records.map((r) => (r.kind === 'class' ? r.name : r.kind))).toEqual(['Before']);
  });

  it('recognises quota errors by name', () => {
    expect(toStorageError({ name: 'QuotaExceededError' })).toBeInstanceOf(StorageQuotaError);
    const other = new Error('x');
    expect(toStorageError(other)).toBe(other);
  });

  it('closes itself when another tab upgrades the database, and says so', async () => {
    const name = dbName('upgrade');
    const reasons: string[] = [];
    const storage = await IndexedDbStorage.open({ name, onClosed: (r) => reasons.push(r) });
    const newer = await openDB(name, DB_VERSION + 1);
    expect(reasons).toEqual(['another tab is upgrading the database; reload the page']);
    await expect(storage.load()).rejects.toBeInstanceOf(StorageClosedError);
    newer.close();
  });

  it('commits with the requested durability', async () => {
    const name = dbName('durability');
    const storage = await IndexedDbStorage.open({ name, durability: 'relaxed' });
    const db = (storage as unknown as { db: { transaction: (...a: unknown[]) => unknown } }).db;
    const spy = vi.spyOn(db, 'transaction');
    const a = await persistedRepository(storage);
    await a.svc('root\\cimv2').putClass(cls('X', null));
    const writes = spy.mock.calls.filter((c) => c[1] === 'readwrite');
    expect(writes).toHaveLength(1);
    expect(writes[0]![2]).toEqual({ durability: 'relaxed' });
  });
});
