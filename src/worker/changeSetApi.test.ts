import { describe, expect, it } from 'vitest';
import { HR, WBEM_FLAG } from '../errors/wbem';
import { cls, prop, qual } from '../model/build';
import { createInProcessEngine } from './inProcess';

const conn = { namespace: 'root\\cimv2' };
const KEY = [qual('Key')];

describe('change sets and the qualifier trace across the boundary', () => {
  it('previews, then applies a change set as one undo step', async () => {
    const client = createInProcessEngine();
    const api = client.api;
    await api.importMof(conn, { text: 'class Base { [key] string Id; }; class Child : Base { uint32 Size; };' });
    const set = [
      cls('Base', null, { properties: [prop('Id', 'string', KEY), prop('Size', 'string')] }),
      cls('Leaf', 'Child', { properties: [prop('Note', 'string')] }),
    ];
    const preview = await api.analyzeChangeSet(conn, set, WBEM_FLAG.UPDATE_FORCE_MODE);
    expect(preview.hr).toBe(HR.S_NO_ERROR);
    expect(preview.outcomes[0]!.rewrittenClasses).toEqual(['Child']);
    expect((await api.getObject(conn, 'Leaf')).hr).toBe(HR.E_NOT_FOUND);
    const put = await api.putChangeSet(conn, set, WBEM_FLAG.UPDATE_FORCE_MODE);
    expect(put.outcomes).toEqual(preview.outcomes);
    expect((await api.getObject(conn, 'Leaf')).hr).toBe(HR.S_NO_ERROR);
    const undo = await api.undo();
    expect(undo.hr).toBe(HR.S_NO_ERROR);
    expect((await api.getObject(conn, 'Leaf')).hr).toBe(HR.E_NOT_FOUND);
    client.terminate();
  });

  it('traces a qualifier from a class down', async () => {
    const client = createInProcessEngine();
    await client.api.importMof(conn, {
      text: '[Cat("x"): ToSubClass DisableOverride] class A { [key] string Id; }; class B : A { };',
    });
    const tr = await client.api.traceQualifier(conn, 'A', 'Cat');
    expect(tr?.receivers.map((r) => [r.className, r.overridable])).toEqual([['B', false]]);
    expect(await client.api.traceQualifier(conn, 'A', 'Nope')).toBeNull();
    client.terminate();
  });
});
