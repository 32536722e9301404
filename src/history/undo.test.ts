import { describe, expect, it } from 'vitest';
import { HR, WBEM_FLAG } from '../errors/wbem';
import type { IntrinsicEvent } from '../events/intrinsicEvent';
import { cls, prop, qual } from '../model/build';
import { MemoryData, MemoryStorage } from '../storage/memoryStorage';
import { StorageQuotaError } from '../storage/storageErrors';
import { inst } from '../testing/testRepo';
import { createEngineHost } from '../worker/engineHost';

const KEY = [qual('Key')];
const conn = { namespace: 'root\\cimv2' };

async function engine(data = new MemoryData()) {
  const storage = new MemoryStorage(data);
  const host = await createEngineHost({ storage });
  const events: string[] = [];
  const raw: IntrinsicEvent[] = [];
  host.repo.subscribe((e) => {
    raw.push(e);
    events.push(`${e.__CLASS}:${e.className}`);
  });
  const names = () =>
    [...host.repo.state.ns('root\\cimv2')!.classes.values()]
      .filter((c) => !c.system)
      .map((c) => c.def.name)
      .sort();
  return { host, api: host.api, storage, data, events, raw, names };
}

describe('undo and redo', () => {
  it('undoes a put as a new operation, raising the matching class event, and redoes it', async () => {
    const e = await engine();
    expect((await e.api.putClass(conn, cls('Shape', null, { properties: [prop('Id', 'string', KEY)] }))).hr).toBe(0);
    e.events.length = 0;

    const u = await e.api.undo();
    expect(u).toMatchObject({ hr: 0, label: { operation: 'Undo', text: 'Undo PutClass Shape' }, target: { seq: 1 } });
    expect(e.names()).toEqual([]);
    expect(e.events).toEqual(['__ClassDeletionEvent:Shape']);
    expect(e.raw[0]!.TargetClass!.name).toBe('Shape');

    const r = await e.api.redo();
    expect(r).toMatchObject({ hr: 0, label: { text: 'Redo PutClass Shape' } });
    expect(e.names()).toEqual(['Shape']);
    expect(e.events).toEqual(['__ClassDeletionEvent:Shape', '__ClassCreationEvent:Shape']);

    const h = await e.api.history();
    expect(h.entries.map((x) => `${x.kind} ${x.label.text}`)).toEqual([
      'op PutClass Shape',
      'undo Undo PutClass Shape',
      'redo Redo PutClass Shape',
    ]);
    expect(h.undo!.seq).toBe(1);
    expect(h.redo).toBeNull();
  });

  it('restores the definition a safe-mode update replaced', async () => {
    const e = await engine();
    await e.api.putClass(conn, cls('Base', null, { properties: [prop('Id', 'string', KEY)] }));
    await e.api.putClass(conn, cls('Child', 'Base'));
    const updated = cls('Base', null, { properties: [prop('Id', 'string', KEY), prop('Size', 'uint32')] });
    expect((await e.api.putClass(conn, updated, WBEM_FLAG.UPDATE_SAFE_MODE)).hr).toBe(0);
    expect((await e.api.history()).undo!.label.text).toBe('PutClass Base (UPDATE_SAFE_MODE)');
    e.events.length = 0;

    expect((await e.api.undo()).hr).toBe(0);
    const base = await e.api.getObject(conn, 'Base');
    expect((base.object as unknown as { properties: { name: string }[] }).properties.map((p) => p.name)).toEqual([
      'Id',
    ]);
    expect(e.events).toEqual(['__ClassModificationEvent:Base']);
    expect(e.raw.at(-1)!.PreviousClass!.properties.map((p) => p.name)).toEqual(['Id', 'Size']);
  });

  it('brings back a deleted subtree with its instances in one step', async () => {
    const e = await engine();
    await e.api.putClass(conn, cls('Base', null, { properties: [prop('Id', 'string', KEY)] }));
    await e.api.putClass(conn, cls('Leaf', 'Base'));
    await e.api.putInstance(conn, inst('Leaf', { Id: 'one' }));
    expect((await e.api.deleteClass(conn, 'Base')).hr).toBe(0);
    expect(e.names()).toEqual([]);
    e.events.length = 0;

    expect((await e.api.undo()).label!.text).toBe('Undo DeleteClass Base');
    expect(e.names()).toEqual(['Base', 'Leaf']);
    expect((await e.api.createInstanceEnum(conn, 'Leaf')).objects).toHaveLength(1);
    expect(e.events).toEqual([
      '__ClassCreationEvent:Base',
      '__ClassCreationEvent:Leaf',
      '__InstanceCreationEvent:Leaf',
    ]);
  });

  it('undoes a whole MOF import at once', async () => {
    const e = await engine();
    const mof = 'class A { [Key] string Id; }; class B : A {}; class C : B {};';
    const r = await e.api.importMof(conn, { text: mof, fileName: 'abc.mof' });
    expect(r.hr).toBe(0);
    expect(e.names()).toEqual(['A', 'B', 'C']);
    expect((await e.api.history()).undo!.label.text).toBe('MOF import abc.mof');
    expect((await e.api.undo()).hr).toBe(0);
    expect(e.names()).toEqual([]);
    expect((await e.api.redo()).hr).toBe(0);
    expect(e.names()).toEqual(['A', 'B', 'C']);
  });

  it('keeps its history across a restart and undoes from there', async () => {
    const data = new MemoryData();
    const first = await engine(data);
    await first.api.putClass(conn, cls('One', null));
    await first.api.putClass(conn, cls('Two', null));
    await first.api.undo();
    first.host.close();

    const second = await engine(data);
    const h = await second.api.history();
    expect(h.entries.map((x) => x.label.text)).toEqual(['PutClass One', 'PutClass Two', 'Undo PutClass Two']);
    expect(h.redo!.label.text).toBe('PutClass Two');
    expect((await second.api.redo()).hr).toBe(0);
    expect(second.names()).toEqual(['One', 'Two']);
    expect((await second.api.undo()).hr).toBe(0);
    expect((await second.api.undo()).hr).toBe(0);
    expect(second.names()).toEqual([]);
    expect(await second.api.undo()).toMatchObject({ hr: HR.S_FALSE, target: null });
  });

  it('refuses to undo over a change it did not record, changing nothing', async () => {
    const e = await engine();
    await e.api.putClass(conn, cls('Shape', null));
    // Someone changed Shape behind the history's back (what a lost broadcast would look like).
    const ns = e.host.repo.state.ns('root\\cimv2')!;
    e.host.repo.state.apply({
      kind: 'class',
      ns: ns.path,
      name: 'Shape',
      before: ns.getClass('Shape')!,
      after: { def: cls('Shape', null, { qualifiers: [qual('Description', 'changed')] }) },
    });
    const u = await e.api.undo();
    expect(u.hr).toBe(HR.E_INVALID_OPERATION);
    expect(u.errorObject!.Description).toMatch(/changed since/);
    expect(e.names()).toEqual(['Shape']);
    expect((await e.api.history()).entries).toHaveLength(1);
  });

  it('changes nothing when the undo cannot be stored', async () => {
    const e = await engine();
    await e.api.putClass(conn, cls('Shape', null));
    e.storage.beforeCommit = () => {
      throw new StorageQuotaError('test');
    };
    const u = await e.api.undo();
    expect(u.hr).toBe(HR.E_OUT_OF_DISK_SPACE);
    expect(e.names()).toEqual(['Shape']);
    e.storage.beforeCommit = null;
    expect((await e.api.history()).undo!.seq).toBe(1);
    expect((await e.api.undo()).hr).toBe(0);
  });
});
