import { describe, expect, it } from 'vitest';
import { HR, WBEM_FLAG, WBEM_INFINITE } from '../errors/wbem';
import { cls, prop, qual } from '../model/build';
import { checkConsistency } from '../storage/checkConsistency';
import { diffStates } from '../storage/diffStates';
import { IndexedDbStorage } from '../storage/indexedDbStorage';
import { MemoryData, MemoryStorage } from '../storage/memoryStorage';
import { StorageQuotaError } from '../storage/storageErrors';
import { inst } from '../testing/testRepo';
import type { EngineNotice, SinkCall } from './engineApi';
import { createEngineHost, type EngineHost, type EngineHostOptions } from './engineHost';
import { MemoryTabHub, soloTabSync } from './tabSync';

const conn = { namespace: 'root\\cimv2' };
const KEY = [qual('Key')];

/** Sink calls of a host-level async call, and a promise of its final status. */
function hostSink(host: EngineHost, id: string) {
  const calls: SinkCall[] = [];
  const done = new Promise<SinkCall & { kind: 'setStatus' }>((resolve) =>
    host.onNotice((n) => {
      if (n.type !== 'sink' || n.sink !== id) return;
      calls.push(n.call);
      if (n.call.kind === 'setStatus' && n.call.flags === 0) resolve(n.call);
    }),
  );
  return { calls, done };
}

const userClasses = (h: EngineHost) =>
  [...h.repo.state.ns('root\\cimv2')!.classes.values()]
    .filter((c) => !c.system)
    .map((c) => c.def.name)
    .sort();

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

describe('commits', () => {
  it('answers a put only once its storage transaction is durable', async () => {
    const storage = new MemoryStorage();
    let release!: () => void;
    const commit = storage.commit.bind(storage);
    storage.commit = async (b) => {
      await new Promise<void>((r) => (release = r));
      return commit(b);
    };
    const host = await createEngineHost({ storage });
    const order: string[] = [];
    host.onNotice((n) => {
      if (n.type === 'commit') order.push(`commit ${n.phase}`);
    });
    const put = host.api.putClass(conn, cls('Durable', null)).then((r) => order.push(`reply ${r.hr}`));
    await tick(10);
    expect(order).toEqual(['commit begin']);
    expect((await storage.load()).seq).toBe(0);
    release();
    await put;
    expect(order).toEqual(['commit begin', 'commit end', 'reply 0']);
    expect((await storage.load()).seq).toBe(1);
  });

  it('reports a full disk as WBEM_E_OUT_OF_DISK_SPACE and changes nothing, in every call style', async () => {
    const storage = new MemoryStorage();
    const host = await createEngineHost({ storage });
    await host.api.putClass(conn, cls('Base', null, { properties: [prop('Id', 'string', KEY)] }));
    const before = JSON.stringify(await storage.load());
    const events: string[] = [];
    host.repo.subscribe((e) => events.push(e.__CLASS));
    storage.beforeCommit = () => {
      throw new StorageQuotaError('test quota');
    };

    const sync = await host.api.putClass(conn, cls('Leaf', 'Base'));
    expect(sync.hr).toBe(HR.E_OUT_OF_DISK_SPACE);
    expect(sync.errorObject).toMatchObject({ StatusCode: HR.E_OUT_OF_DISK_SPACE, Operation: 'PutClass' });

    const s = hostSink(host, 'q1');
    expect(await host.api.putClassAsync(conn, cls('Leaf', 'Base'), 0, null, 'q1')).toBe(0);
    expect((await s.done).hr).toBe(HR.E_OUT_OF_DISK_SPACE);

    const semi = await host.api.putClass(conn, cls('Leaf', 'Base'), WBEM_FLAG.RETURN_IMMEDIATELY);
    expect((await host.api.getCallStatus(semi.callResultId!, WBEM_INFINITE)).status).toBe(HR.E_OUT_OF_DISK_SPACE);

    const mof = await host.api.importMof(conn, { text: 'class Leaf : Base {};' });
    expect(mof.hr).toBe(HR.E_OUT_OF_DISK_SPACE);

    const putInst = await host.api.putInstance(conn, inst('Base', { Id: 'x' }));
    expect(putInst).toMatchObject({ hr: HR.E_OUT_OF_DISK_SPACE, errorObject: { Operation: 'PutInstance' } });

    const del = await host.api.deleteClass(conn, 'Base');
    expect(del.hr).toBe(HR.E_OUT_OF_DISK_SPACE);
    expect(await host.api.setSecurity(conn, 'Guests', 1)).toBe(HR.E_OUT_OF_DISK_SPACE);

    storage.beforeCommit = null;
    expect(userClasses(host)).toEqual(['Base']);
    expect(JSON.stringify(await storage.load())).toBe(before);
    expect(events).toEqual([]);
    expect((await host.api.history()).entries).toHaveLength(1);
  });

  it('labels history entries with the operation, target and flags of the call', async () => {
    const host = await createEngineHost();
    await host.api.putClass(
      conn,
      cls('Base', null, { properties: [prop('Id', 'string', KEY)] }),
      WBEM_FLAG.CREATE_ONLY,
    );
    const s = hostSink(host, 'l1');
    await host.api.putClassAsync(conn, cls('Leaf', 'Base'), WBEM_FLAG.CREATE_ONLY | WBEM_FLAG.SEND_STATUS, null, 'l1');
    await s.done;
    await host.api.putClass(
      conn,
      cls('Base', null, { properties: [prop('Id', 'string', KEY), prop('N', 'uint8')] }),
      WBEM_FLAG.UPDATE_SAFE_MODE,
    );
    await host.api.putInstance(conn, inst('Leaf', { Id: 'a' }));
    await host.api.deleteInstance(conn, 'Leaf.Id="a"');
    await host.api.deleteClass(conn, 'Leaf');
    expect((await host.api.history()).entries.map((e) => e.label.text)).toEqual([
      'PutClass Base (CREATE_ONLY)',
      'PutClass Leaf (CREATE_ONLY)',
      'PutClass Base (UPDATE_SAFE_MODE)',
      'PutInstance Leaf',
      'DeleteInstance Leaf.Id="a"',
      'DeleteClass Leaf',
    ]);
  });

  it('loads the repository from IndexedDB at start, with the load time', async () => {
    const name = `host-idb-${Date.now()}`;
    const first = await createEngineHost({ storage: () => IndexedDbStorage.open({ name }), dbName: name });
    const defs = [cls('Root', null), ...Array.from({ length: 50 }, (_, i) => cls(`Kid${i}`, 'Root'))];
    const s = hostSink(first, 'b');
    await first.api.putClassesAsync(conn, defs, 0, 'b');
    expect((await s.done).hr).toBe(0);
    first.close();
    const second = await createEngineHost({ storage: () => IndexedDbStorage.open({ name }), dbName: name });
    expect(second.info).toMatchObject({ storage: 'indexeddb', dbName: name, seq: 1, records: 51 });
    expect(second.info.loadMs).toBeGreaterThan(0);
    expect(userClasses(second)).toHaveLength(51);
    expect(checkConsistency(second.repo.state).ok).toBe(true);
    second.close();
  });
});

describe('several tabs on one repository', () => {
  async function tabs(n: number, extra: Partial<EngineHostOptions> = {}, hub = new MemoryTabHub()) {
    const data = new MemoryData();
    const hosts: EngineHost[] = [];
    for (let i = 0; i < n; i++)
      hosts.push(await createEngineHost({ storage: new MemoryStorage(data), tabs: hub.connect(), ...extra }));
    return { hosts, hub, data };
  }

  it('loses nothing when two tabs interleave puts, and each sees the other', async () => {
    const { hosts, data } = await tabs(2);
    const [a, b] = hosts as [EngineHost, EngineHost];
    const seen: EngineNotice[] = [];
    b.onNotice((n) => n.type === 'changed' && seen.push(n));
    const puts = [];
    for (let i = 0; i < 25; i++) {
      puts.push(a.api.putClass(conn, cls(`A${i}`, null)));
      puts.push(b.api.putClass(conn, cls(`B${i}`, null)));
    }
    const results = await Promise.all(puts);
    expect(results.every((r) => r.hr === 0)).toBe(true);
    await tick(5);
    expect(userClasses(a)).toHaveLength(50);
    expect(diffStates(a.repo.state, b.repo.state)).toEqual([]);
    expect(data.seq).toBe(50);
    expect(seen.some((n) => n.type === 'changed' && n.notice.origin === 'remote')).toBe(true);
    const again = await createEngineHost({ storage: new MemoryStorage(data) });
    expect(diffStates(a.repo.state, again.repo.state)).toEqual([]);
    expect((await a.api.history()).entries).toHaveLength(50);
  });

  it('without the lock, a commit planned on a stale state is refused, caught up and retried', async () => {
    const hub = new MemoryTabHub();
    hub.locking = false;
    hub.peers = false;
    hub.delayMs = 50; // announcements arrive late
    const { hosts, data } = await tabs(2, {}, hub);
    const [a, b] = hosts as [EngineHost, EngineHost];
    expect((await a.api.putClass(conn, cls('Base', null))).hr).toBe(0);
    // b has not heard of Base yet: its put is planned without it, refused at commit, then redone.
    const r = await b.api.putClass(conn, cls('Other', null));
    expect(r.hr).toBe(0);
    expect((await b.api.stats()).staleRetries).toBe(1);
    expect(userClasses(b)).toEqual(['Base', 'Other']);
    expect(data.seq).toBe(2);
    const h = await b.api.history();
    expect(h.entries.map((e) => e.label.text)).toEqual(['PutClass Base', 'PutClass Other']);
    // The retried commit keeps its call's flags in its history line.
    await tick(60);
    expect((await a.api.putClass(conn, cls('Third', null))).hr).toBe(0);
    expect((await b.api.putClass(conn, cls('Fourth', null), WBEM_FLAG.CREATE_ONLY)).hr).toBe(0);
    expect((await b.api.history()).undo!.label.text).toBe('PutClass Fourth (CREATE_ONLY)');
    expect((await b.api.stats()).staleRetries).toBe(2);
  });

  it('with the lock, plans every write on the latest state, even before the broadcast arrives', async () => {
    const hub = new MemoryTabHub();
    hub.delayMs = 50;
    const { hosts } = await tabs(2, {}, hub);
    const [a, b] = hosts as [EngineHost, EngineHost];
    expect((await a.api.putClass(conn, cls('Base', null))).hr).toBe(0);
    expect((await b.api.putClass(conn, cls('Child', 'Base'))).hr).toBe(0);
    expect((await b.api.stats()).staleRetries).toBe(0);
    expect(userClasses(b)).toEqual(['Base', 'Child']);
  });

  it('reloads from the records when it fell behind the history bound', async () => {
    const data = new MemoryData();
    const hub = new MemoryTabHub();
    const a = await createEngineHost({
      storage: new MemoryStorage(data),
      tabs: hub.connect(),
      history: { maxEntries: 2 },
    });
    const deaf = await createEngineHost({
      storage: new MemoryStorage(data),
      tabs: soloTabSync(),
      history: { maxEntries: 2 },
    });
    for (let i = 0; i < 5; i++) await a.api.putClass(conn, cls(`A${i}`, null));
    await a.api.deleteClass(conn, 'A0');
    const changed: string[] = [];
    deaf.onNotice((n) => n.type === 'changed' && changed.push(n.notice.origin));
    expect((await deaf.api.putClass(conn, cls('Late', null))).hr).toBe(0);
    expect(userClasses(deaf)).toEqual(['A1', 'A2', 'A3', 'A4', 'Late']);
    expect((await deaf.api.stats()).resyncs).toBe(1);
    expect(changed).toEqual(['reload', 'local']);
    expect((await deaf.api.history()).undo!.label.text).toBe('PutClass Late');
  });

  it('an undo in one tab reaches the other', async () => {
    const { hosts } = await tabs(2);
    const [a, b] = hosts as [EngineHost, EngineHost];
    await a.api.putClass(conn, cls('Shared', null));
    await tick(5);
    expect(userClasses(b)).toEqual(['Shared']);
    expect((await b.api.undo()).label!.text).toBe('Undo PutClass Shared');
    await tick(5);
    expect(userClasses(a)).toEqual([]);
    expect((await a.api.history()).redo!.label.text).toBe('PutClass Shared');
  });
});
