import { describe, expect, it } from 'vitest';
import { HR, WBEM_FLAG } from '../errors/wbem';
import { cls, prop, qual } from '../model/build';
import { inst, testRepo } from '../testing/testRepo';

const KEY = [qual('Key')];

describe('putChangeSet / analyzeChangeSet', () => {
  it('orders bases before subclasses and stores all as one operation with one commit', async () => {
    const t = await testRepo();
    const commits: string[] = [];
    t.repo.onCommit((r) => void commits.push(r.label));
    const r = await t.svc.putChangeSet([
      cls('Grand', 'Child', { properties: [prop('G', 'string')] }),
      cls('Child', 'Base', { properties: [prop('C', 'string')] }),
      cls('Base', null, { properties: [prop('Id', 'string', KEY)] }),
    ]);
    expect(r.hr).toBe(HR.S_NO_ERROR);
    expect(r.order).toEqual(['Base', 'Child', 'Grand']);
    expect(r.committed).toBe(true);
    expect(commits).toEqual(['Change set']);
    expect(t.eventNames()).toEqual([
      '__ClassCreationEvent:Base',
      '__ClassCreationEvent:Child',
      '__ClassCreationEvent:Grand',
    ]);
  });

  it('rolls the whole set back on the first failure and names it', async () => {
    const t = await testRepo();
    const before = t.snapshot();
    const r = await t.svc.putChangeSet([
      cls('Base', null, { properties: [prop('Id', 'string', KEY)] }),
      cls('Bad', 'Base', { properties: [prop('Id', 'uint32')] }),
    ]);
    expect(r.hr).toBe(HR.E_TYPE_MISMATCH);
    expect(r.outcomes.map((o) => [o.className, o.hr])).toEqual([
      ['Base', HR.S_NO_ERROR],
      ['Bad', HR.E_TYPE_MISMATCH],
    ]);
    expect(r.committed).toBe(false);
    expect(t.snapshot()).toEqual(before);
    expect(t.eventNames()).toEqual([]);
  });

  it('previews the combined effect without changing anything, equal to the put that follows', async () => {
    const t = await testRepo();
    await t.svc.importMof(
      'class Base { [key] string Id; }; class Child : Base { uint32 Size; }; instance of Base { Id = "b"; };',
    );
    t.clearEvents();
    const before = t.snapshot();
    const set = [
      cls('Base', null, { properties: [prop('Id', 'string', KEY), prop('Size', 'string')] }),
      cls('Other', 'Child', { properties: [prop('Note', 'string')] }),
    ];
    const preview = await t.svc.analyzeChangeSet(set, WBEM_FLAG.UPDATE_FORCE_MODE);
    expect(preview.hr).toBe(HR.S_NO_ERROR);
    expect(preview.committed).toBe(false);
    expect(t.snapshot()).toEqual(before);
    expect(t.eventNames()).toEqual([]);
    const base = preview.outcomes[0]!;
    expect(base.rewrittenClasses).toEqual(['Child']);
    expect(base.deletedInstances).toEqual(['Base.Id="b"']);
    const put = await t.svc.putChangeSet(set, WBEM_FLAG.UPDATE_FORCE_MODE);
    expect(put.outcomes).toEqual(preview.outcomes);
    expect(t.eventNames()).toEqual([
      '__InstanceDeletionEvent:Base',
      '__ClassModificationEvent:Base',
      '__ClassModificationEvent:Child',
      '__ClassCreationEvent:Other',
    ]);
  });

  it('refuses flags the put refuses, before doing anything', async () => {
    const t = await testRepo();
    const r = await t.svc.putChangeSet([cls('A', null, { properties: [prop('Id', 'string', KEY)] })], 0x3);
    expect(r.hr).toBe(HR.E_INVALID_PARAMETER);
    expect(r.outcomes).toEqual([]);
  });

  it('does not ask providers in a preview', async () => {
    const t = await testRepo();
    let asked = 0;
    await t.svc.registerClassProvider('P', ['Dyn'], { putClassAsync: () => (asked++, 0), deleteClassAsync: () => 0 });
    const r = await t.svc.analyzeChangeSet([cls('Dyn', null, { properties: [prop('Id', 'string', KEY)] })]);
    expect(r.hr).toBe(HR.S_NO_ERROR);
    expect(asked).toBe(0);
    await t.svc.putChangeSet([cls('Dyn', null, { properties: [prop('Id', 'string', KEY)] })]);
    expect(asked).toBe(1);
  });

  it('keeps instance counts out of it: instances of a subclass still block force', async () => {
    const t = await testRepo();
    await t.svc.importMof('class Base { [key] string Id; }; class Child : Base { };');
    await t.svc.putInstance(inst('Child', { Id: 'c' }));
    const r = await t.svc.analyzeChangeSet(
      [cls('Base', null, { properties: [prop('Id', 'string', KEY), prop('N', 'uint32')] })],
      WBEM_FLAG.UPDATE_FORCE_MODE,
    );
    expect(r.hr).toBe(HR.E_CLASS_HAS_INSTANCES);
  });
});
