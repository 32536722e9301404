import { describe, expect, it } from 'vitest';
import { HR, WBEM_FLAG } from '../errors/wbem';
import { cls, prop, qual } from '../model/build';
import { inst } from '../testing/testRepo';
import { checkConsistency } from './checkConsistency';
import { diffStates } from './diffStates';
import { IndexedDbStorage } from './indexedDbStorage';
import { MemoryData, MemoryStorage } from './memoryStorage';
import { StaleCommitError } from './storageErrors';
import type { StoragePort } from './StoragePort';
import { persistedRepository } from './testDriver';

let dbCounter = 0;

/** Both adapters pass the same suite (PGlite's idea: one test matrix over storage backends). */
const ADAPTERS: [string, () => () => Promise<StoragePort>][] = [
  [
    'MemoryStorage',
    () => {
      const data = new MemoryData();
      return async () => new MemoryStorage(data);
    },
  ],
  [
    'IndexedDbStorage (fake-indexeddb)',
    () => {
      const name = `contract-${++dbCounter}`;
      return () => IndexedDbStorage.open({ name });
    },
  ],
];

const KEY = [qual('Key')];

describe.each(ADAPTERS)('%s', (_name, makeFactory) => {
  it('stores every kind of record and loads it back exactly, with no events', async () => {
    const open = makeFactory();
    const a = await persistedRepository(await open());
    const root = a.svc('root');
    expect((await root.putInstance(inst('__NAMESPACE', { Name: 'shop' }))).hr).toBe(0);
    const shop = a.svc('root\\shop');
    expect(
      (
        await shop.putQualifierDecl({
          name: 'Units',
          type: { base: 'string', array: false },
          scopes: ['property'],
          flavor: 0,
        })
      ).hr,
    ).toBe(0);
    expect(
      (await shop.putClass(cls('Item', null, { properties: [prop('Id', 'string', KEY), prop('Size', 'uint32')] }))).hr,
    ).toBe(0);
    expect((await shop.putClass(cls('Book', 'Item', { properties: [prop('Isbn', 'string')] }))).hr).toBe(0);
    expect((await shop.putInstance(inst('Book', { Id: 'b1', Size: 3 }))).hr).toBe(0);
    expect(await shop.setSecurity('Guests', 0x1)).toBe(0);
    expect((await a.svc('root\\cimv2').putClass(cls('CIM_Thing', null))).hr).toBe(0);

    const b = await persistedRepository(await open());
    const events: unknown[] = [];
    b.repo.subscribe((e) => events.push(e));
    expect(diffStates(a.repo.state, b.repo.state)).toEqual([]);
    expect(b.seq).toBe(7);
    expect(checkConsistency(b.repo.state).ok).toBe(true);
    expect(
      b.repo.state
        .ns('root\\shop')!
        .resolve('Book')!
        .properties.map((p) => p.name),
    ).toEqual(['Id', 'Size', 'Isbn']);
    expect(events).toEqual([]);
  });

  it('keeps deletions: classes, instances, and a default namespace', async () => {
    const open = makeFactory();
    const a = await persistedRepository(await open());
    const cimv2 = a.svc('root\\cimv2');
    await cimv2.putClass(cls('Base', null, { properties: [prop('Id', 'string', KEY)] }));
    await cimv2.putClass(cls('Leaf', 'Base'));
    await cimv2.putInstance(inst('Base', { Id: 'x' }));
    expect((await cimv2.deleteClass('Base')).hr).toBe(0);
    // A default namespace (no __NAMESPACE instance stands for it) removed by a raw change.
    await a.repo.exclusive('Test', (txn) => {
      txn.apply([{ kind: 'namespace', ns: 'root\\default', before: true }], []);
    });

    const b = await persistedRepository(await open());
    expect(b.repo.state.ns('root\\default')).toBeUndefined();
    expect(b.repo.state.ns('root\\cimv2')!.userClassCount).toBe(0);
    expect(diffStates(a.repo.state, b.repo.state)).toEqual([]);
  });

  it('clears a namespace removed and created again', async () => {
    const open = makeFactory();
    const a = await persistedRepository(await open());
    const root = a.svc('root');
    await root.putInstance(inst('__NAMESPACE', { Name: 'tmp' }));
    await a.svc('root\\tmp').putClass(cls('Old', null));
    // Remove the namespace without deleting its class first, then create it again.
    await a.repo.exclusive('Test', (txn) => {
      txn.apply([{ kind: 'namespace', ns: 'root\\tmp', before: true }], []);
    });
    await a.repo.exclusive('Test', (txn) => {
      txn.apply([{ kind: 'namespace', ns: 'root\\tmp', after: true }], []);
    });
    const b = await persistedRepository(await open());
    expect(b.repo.state.ns('root\\tmp')!.getClass('Old')).toBeUndefined();
    expect(diffStates(a.repo.state, b.repo.state)).toEqual([]);
  });

  it('keeps a removed default security entry removed', async () => {
    const open = makeFactory();
    const a = await persistedRepository(await open());
    await a.repo.exclusive('Test', (txn) => {
      txn.apply([{ kind: 'security', ns: 'root', principal: 'Authenticated Users', before: 0x13 }], []);
    });
    const b = await persistedRepository(await open());
    expect(b.repo.state.ns('root')!.security.has('authenticated users')).toBe(false);
    expect(b.repo.state.ns('root\\cimv2')!.security.has('authenticated users')).toBe(true);
  });

  it('refuses a stale commit and writes nothing', async () => {
    const open = makeFactory();
    const one = await open();
    const a = await persistedRepository(one);
    await a.svc('root\\cimv2').putClass(cls('First', null));
    const two = await open();
    const b = await persistedRepository(two); // seq 1
    await a.svc('root\\cimv2').putClass(cls('Second', null)); // seq 2, b does not know
    const r = await b.svc('root\\cimv2').putClass(cls('Third', null), WBEM_FLAG.CREATE_ONLY);
    expect(r.hr).toBe(HR.E_FAILED); // the service reports the refused commit; the worker retries instead
    expect(b.repo.state.ns('root\\cimv2')!.getClass('Third')).toBeUndefined();
    await expect(
      two.commit({
        seq: 2,
        changes: [],
        entry: {
          seq: 2,
          kind: 'op',
          label: { operation: 'x', hr: 0, text: 'x' },
          time: 0,
          size: 0,
          changeCount: 0,
          changes: [],
        },
        drop: [],
        stacks: { undo: [], redo: [] },
      }),
    ).rejects.toBeInstanceOf(StaleCommitError);
    const c = await persistedRepository(await open());
    expect(c.seq).toBe(2);
    expect(c.repo.state.ns('root\\cimv2')!.getClass('Third')).toBeUndefined();
    expect(c.repo.state.ns('root\\cimv2')!.getClass('Second')).toBeDefined();
  });

  it('reads the log since a seq, and reports a gap once entries were dropped', async () => {
    const open = makeFactory();
    const storage = await open();
    const a = await persistedRepository(storage);
    for (const n of ['A', 'B', 'C']) await a.svc('root\\cimv2').putClass(cls(n, null));
    const since = await storage.readSince(1);
    expect(since!.seq).toBe(3);
    expect(since!.entries.map((e) => [e.seq, e.label.target])).toEqual([
      [2, 'B'],
      [3, 'C'],
    ]);
    expect(since!.entries[0]!.changes[0]).toMatchObject({ kind: 'class', name: 'B' });
    expect((await storage.readSince(3))!.entries).toEqual([]);
    expect((await storage.entry(1))!.changes).toHaveLength(1);
    expect(since!.stacks).toEqual({ undo: [1, 2, 3], redo: [] });

    // Drop entry 1 (the history bound): a reader at seq 0 can no longer catch up from the log.
    const { batch } = a.history.prepare({ kind: 'op', label: { operation: 'x', hr: 0, text: 'x' }, changes: [] }, 0);
    await storage.commit({ ...batch, drop: [1] });
    expect(await storage.readSince(0)).toBeNull();
    expect((await storage.readSince(1))!.entries).toHaveLength(3);
    expect(await storage.entry(1)).toBeUndefined();
  });

  it('never stores system classes', async () => {
    const open = makeFactory();
    const storage = await open();
    const a = await persistedRepository(storage);
    await a.svc('root').putInstance(inst('__NAMESPACE', { Name: 'x' }));
    const loaded = await storage.load();
    expect(loaded.records.filter((r) => r.kind === 'class')).toEqual([]);
    expect(loaded.records.filter((r) => r.kind === 'namespace').map((r) => r.ns)).toEqual(['root\\x']);
  });
});
