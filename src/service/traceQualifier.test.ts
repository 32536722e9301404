import { describe, expect, it } from 'vitest';
import { testRepo, inst } from '../testing/testRepo';

const MOF = `
[Category("base"): ToSubClass ToInstance DisableOverride, Note("n")] class Base { [key] string Id; [Units("ms"): ToSubClass] uint32 T; };
class Child : Base { [Units("s")] uint32 T; };
class Grand : Child { };
class Other : Base { };
class Below : Other { };
`;

describe('traceQualifier', () => {
  it('lists every descendant that receives a ToSubClass qualifier and marks DisableOverride', async () => {
    const t = await testRepo();
    expect((await t.svc.importMof(MOF)).hr).toBe(0);
    await t.svc.putInstance(inst('Child', { Id: 'c' }));
    const tr = t.svc.traceQualifier('Base', 'Category')!;
    expect(tr.declaredIn).toBe('Base');
    expect(tr.receivers.map((r) => [r.className, r.via, r.overridable])).toEqual([
      ['Child', 'propagated', false],
      ['Grand', 'propagated', false],
      ['Other', 'propagated', false],
      ['Below', 'propagated', false],
    ]);
    expect(tr.instanceScope).toEqual([
      { className: 'Base', instances: 0 },
      { className: 'Child', instances: 1 },
      { className: 'Grand', instances: 0 },
      { className: 'Other', instances: 0 },
      { className: 'Below', instances: 0 },
    ]);
  });

  it('follows a property qualifier, with overrides and where propagation stops', async () => {
    const t = await testRepo();
    await t.svc.importMof(MOF);
    const tr = t.svc.traceQualifier('Base', 'Units', { property: 'T' })!;
    // Child overrides Units without ToSubClass, so Grand does not see it; Other and Below do.
    expect(tr.receivers.map((r) => [r.className, r.via, r.value])).toEqual([
      ['Child', 'overridden', 's'],
      ['Other', 'propagated', 'ms'],
      ['Below', 'propagated', 'ms'],
    ]);
    expect(tr.instanceScope).toEqual([]);
  });

  it('a qualifier without ToSubClass reaches no descendant; a propagated one names where it was declared', async () => {
    const t = await testRepo();
    await t.svc.importMof(MOF);
    expect(t.svc.traceQualifier('Base', 'Note')!.receivers).toEqual([]);
    expect(t.svc.traceQualifier('Grand', 'Category')!.declaredIn).toBe('Base');
    expect(t.svc.traceQualifier('Base', 'Nope')).toBeUndefined();
  });
});
