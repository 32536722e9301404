import { describe, expect, it } from 'vitest';
import { HR } from '../errors/wbem';
import { cls, prop, qual } from '../model/build';
import { createInProcessEngine } from '../worker/inProcess';

const conn = { namespace: 'root\\cimv2' };
const KEY = [qual('Key')];

describe('time travel over the history', () => {
  it('views a past point, diffs two points, restores a point as one new operation', async () => {
    const client = createInProcessEngine();
    const api = client.api;
    await api.putClass(conn, cls('Disk', null, { properties: [prop('Id', 'string', KEY)] }));
    const first = (await api.history()).seq;
    await api.putClass(conn, cls('Disk', null, { properties: [prop('Id', 'string', KEY), prop('Size', 'uint64')] }));
    await api.putClass(conn, cls('Tape', null, { properties: [prop('Id', 'string', KEY)] }));
    const now = (await api.history()).seq;
    expect(now).toBe(first + 2);

    const past = await api.classesAt(conn, first);
    expect(past.hr).toBe(HR.S_NO_ERROR);
    expect(past.classes.map((c) => [c.name, c.properties.map((p) => p.name)])).toEqual([['Disk', ['Id']]]);
    expect((await api.classesAt(conn, 0)).classes).toEqual([]);

    const diff = await api.diffHistory(conn, first, now);
    expect(diff).toEqual({
      hr: 0,
      added: ['Tape'],
      removed: [],
      changed: [{ className: 'Disk', changes: ['property Size added'] }],
    });

    const r = await api.restoreHistory(first);
    expect(r.hr).toBe(HR.S_NO_ERROR);
    expect((await api.getObject(conn, 'Tape')).hr).toBe(HR.E_NOT_FOUND);
    const disk = await api.getObject(conn, 'Disk');
    expect(disk.object && 'properties' in disk.object ? disk.object.properties.map((p) => p.name) : []).toEqual(['Id']);
    const h = await api.history();
    expect(h.seq).toBe(now + 1);
    // The restore is an ordinary operation: undoing it brings the later state back.
    expect((await api.undo()).hr).toBe(HR.S_NO_ERROR);
    expect((await api.getObject(conn, 'Tape')).hr).toBe(HR.S_NO_ERROR);
    client.terminate();
  });
});
