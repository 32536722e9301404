import { describe, expect, it } from 'vitest';
import type { ExtendedStatus } from '../errors/extendedStatus';
import { HR, hrName, WBEM_FLAG, WBEM_RIGHT } from '../errors/wbem';
import type { CimObjectDefinition } from '../model';
import { cls, prop, qual } from '../model/build';
import { observe, setupAll } from '../testing/cases';
import { delay, recordingSink } from '../testing/sinks';
import { inst, testRepo, type TestRepo } from '../testing/testRepo';

/** DeleteClass / DeleteClassAsync, decisions §1, §5 and §11. */

const KEY = [qual('Key')];
const F = WBEM_FLAG;

/** Base ─┬─ Beta ── Gamma, Base ── alpha (lower case on purpose: siblings sort case-insensitively). */
const tree: CimObjectDefinition[] = [
  cls('Base', null, { properties: [prop('Id', 'string', KEY)] }),
  cls('Beta', 'Base'),
  cls('alpha', 'Base'),
  cls('Gamma', 'Beta'),
  cls('Other', null, { properties: [prop('Id', 'string', KEY)] }),
  inst('Base', { Id: 'b1' }),
  inst('Beta', { Id: 'be1' }),
  inst('Beta', { Id: 'be2' }),
  inst('Gamma', { Id: 'g1' }),
  inst('alpha', { Id: 'a1' }),
  inst('Other', { Id: 'o1' }),
];

interface Row {
  readonly name: string;
  readonly setup?: readonly CimObjectDefinition[];
  readonly prepare?: (t: TestRepo) => Promise<unknown>;
  readonly className: string | null;
  readonly flags?: number;
  readonly as?: string;
  readonly hr: number;
  readonly error?: Partial<ExtendedStatus> | null;
  readonly events?: readonly string[];
  /** Classes that must be gone afterwards (success) — every other class of the setup stays. */
  readonly gone?: readonly string[];
}

const rows: Row[] = [
  // §1
  { name: 'an unknown bit (0x1)', setup: tree, className: 'Base', flags: 0x1, hr: HR.E_INVALID_PARAMETER, error: null },
  {
    name: 'SEND_STATUS on the sync call',
    setup: tree,
    className: 'Base',
    flags: F.SEND_STATUS,
    hr: HR.E_INVALID_PARAMETER,
    error: null,
  },
  { name: 'a null class name', setup: tree, className: null, hr: HR.E_INVALID_PARAMETER, error: null },
  {
    name: 'no WBEM_ENABLE',
    setup: tree,
    prepare: (t) => t.svc.setSecurity('Authenticated Users', 0),
    className: 'Base',
    as: 'alice',
    hr: HR.E_ACCESS_DENIED,
    error: null,
  },
  // §11: system class, then the write right, then existence.
  {
    name: 'a system class',
    className: '__NAMESPACE',
    hr: HR.E_INVALID_OPERATION,
    error: { ParameterInfo: '__NAMESPACE' },
  },
  {
    name: 'a system class spelled in lower case',
    className: '__systemclass',
    hr: HR.E_INVALID_OPERATION,
  },
  { name: 'a system class before the right', className: '__Provider', as: 'alice', hr: HR.E_INVALID_OPERATION },
  {
    name: 'a missing system-looking name',
    className: '__NoSuchThing',
    hr: HR.E_INVALID_OPERATION,
  },
  {
    name: 'no FULL_WRITE_REP',
    setup: tree,
    className: 'Base',
    as: 'alice',
    hr: HR.E_ACCESS_DENIED,
    error: { ParameterInfo: 'Base' },
  },
  {
    name: 'PARTIAL_WRITE_REP does not suffice',
    setup: tree,
    prepare: (t) => t.svc.setSecurity('alice', WBEM_RIGHT.ENABLE | WBEM_RIGHT.PARTIAL_WRITE_REP),
    className: 'Base',
    as: 'alice',
    hr: HR.E_ACCESS_DENIED,
  },
  {
    name: 'a missing class counts as static: the right comes first',
    className: 'Nothing',
    as: 'alice',
    hr: HR.E_ACCESS_DENIED,
  },
  { name: 'a missing class', className: 'Nothing', hr: HR.E_NOT_FOUND, error: { ParameterInfo: 'Nothing' } },
  // Success: post-order, each class's instances before it, the target last.
  {
    name: 'a leaf with an instance',
    setup: tree,
    className: 'Gamma',
    hr: HR.S_NO_ERROR,
    events: ['__InstanceDeletionEvent:Gamma', '__ClassDeletionEvent:Gamma'],
    gone: ['Gamma'],
  },
  {
    name: 'a whole subtree with its instances (never blocked)',
    setup: tree,
    className: 'Base',
    hr: HR.S_NO_ERROR,
    events: [
      '__InstanceDeletionEvent:alpha',
      '__ClassDeletionEvent:alpha',
      '__InstanceDeletionEvent:Gamma',
      '__ClassDeletionEvent:Gamma',
      '__InstanceDeletionEvent:Beta',
      '__InstanceDeletionEvent:Beta',
      '__ClassDeletionEvent:Beta',
      '__InstanceDeletionEvent:Base',
      '__ClassDeletionEvent:Base',
    ],
    gone: ['Base', 'Beta', 'alpha', 'Gamma'],
  },
  {
    name: 'a middle class, named in another case',
    setup: tree,
    className: 'BETA',
    hr: HR.S_NO_ERROR,
    events: [
      '__InstanceDeletionEvent:Gamma',
      '__ClassDeletionEvent:Gamma',
      '__InstanceDeletionEvent:Beta',
      '__InstanceDeletionEvent:Beta',
      '__ClassDeletionEvent:Beta',
    ],
    gone: ['Beta', 'Gamma'],
  },
  {
    name: 'with OWNER_UPDATE on a static class: an ordinary delete',
    setup: tree,
    className: 'alpha',
    flags: F.OWNER_UPDATE,
    hr: HR.S_NO_ERROR,
    events: ['__InstanceDeletionEvent:alpha', '__ClassDeletionEvent:alpha'],
    gone: ['alpha'],
  },
];

const userClasses = (t: TestRepo) =>
  t.svc
    .createClassEnum(null)
    .objects.map((c) => c.name)
    .filter((n) => !n.startsWith('__'));

describe('DeleteClass (sync)', () => {
  it.each(rows)('$name', async (row) => {
    const t = await testRepo();
    await setupAll(t, row.setup ?? []);
    await row.prepare?.(t);
    const svc = row.as ? t.as(row.as) : t.svc;
    const classesBefore = userClasses(t);
    const seen = await observe(t, () => svc.deleteClass(row.className, row.flags ?? 0));
    const r = seen.result;
    expect(hrName(r.hr)).toBe(hrName(row.hr));
    if (row.hr !== HR.S_NO_ERROR) {
      expect(seen.events).toEqual([]);
      expect(seen.after).toBe(seen.before);
      if (row.error === null) expect(r.errorObject).toBeNull();
      else
        expect(r.errorObject).toMatchObject({
          __CLASS: '__ExtendedStatus',
          StatusCode: row.hr,
          Operation: 'DeleteClass',
          ProviderName: 'Windows Management',
          ...row.error,
        });
      return;
    }
    expect(r.errorObject).toBeNull();
    expect(seen.events).toEqual(row.events);
    const gone = new Set((row.gone ?? []).map((n) => n.toLowerCase()));
    expect(userClasses(t)).toEqual(classesBefore.filter((n) => !gone.has(n.toLowerCase())));
    for (const n of gone) expect(hrName(t.svc.getObject(n).hr)).toBe(hrName(HR.E_NOT_FOUND));
  });

  it('removes the instances with their classes; recreating the class brings none back', async () => {
    const t = await testRepo();
    await setupAll(t, tree);
    expect((await t.svc.deleteClass('Beta')).hr).toBe(HR.S_NO_ERROR);
    expect(t.svc.createInstanceEnum('Base').objects.map((o) => o.system.__RELPATH)).toEqual([
      'Base.Id="b1"',
      'alpha.Id="a1"',
    ]);
    expect(hrName(t.svc.getObject('Beta.Id="be1"').hr)).toBe(hrName(HR.E_NOT_FOUND));
    expect((await t.svc.putClass(cls('Beta', 'Base'))).hr).toBe(HR.S_NO_ERROR);
    expect(t.svc.createInstanceEnum('Beta').objects).toEqual([]);
  });

  it('the deletion events carry the deleted class and instances', async () => {
    const t = await testRepo();
    await setupAll(t, tree);
    await t.svc.deleteClass('Gamma');
    const [i, c] = t.events;
    expect(i!.TargetInstance).toEqual(inst('Gamma', { Id: 'g1' }));
    expect(c!.TargetClass?.name).toBe('Gamma');
    expect(c!.TargetClass?.system.__DERIVATION).toEqual(['Beta', 'Base']);
  });
});

describe('DeleteClassAsync', () => {
  it.each([
    { name: 'success', className: 'Gamma', flags: 0, hr: HR.S_NO_ERROR },
    { name: 'success with SEND_STATUS', className: 'Gamma', flags: F.SEND_STATUS, hr: HR.S_NO_ERROR },
    { name: 'a missing class', className: 'Nothing', flags: 0, hr: HR.E_NOT_FOUND },
    { name: 'a system class', className: '__NAMESPACE', flags: F.SEND_STATUS, hr: HR.E_INVALID_OPERATION },
  ])('$name: reported through the sink', async (row) => {
    const t = await testRepo();
    await setupAll(t, tree);
    const before = t.snapshotAll();
    const sink = recordingSink();
    expect(t.svc.deleteClassAsync(row.className, row.flags, null, sink)).toBe(HR.S_NO_ERROR);
    expect(sink.calls).toEqual([]);
    const final = await sink.done;
    await delay(5);
    const trace = sink.trace();
    expect(trace[trace.length - 1]).toBe(`COMPLETE ${hrName(row.hr)}`);
    expect(trace.filter((s) => s.startsWith('COMPLETE'))).toHaveLength(1);
    const progress = trace.filter((s) => s.startsWith('PROGRESS'));
    if (row.flags & F.SEND_STATUS) {
      expect(progress.length).toBeGreaterThan(0);
      const last = sink.calls[sink.calls.length - 2] as { hr: number };
      expect(last.hr & 0xffff).toBe(last.hr >>> 16);
    } else expect(progress).toEqual([]);
    if (row.hr === HR.S_NO_ERROR) {
      expect(final.errorObject).toBeNull();
      expect(t.eventNames()).toEqual(['__InstanceDeletionEvent:Gamma', '__ClassDeletionEvent:Gamma']);
    } else {
      expect(final.errorObject).toMatchObject({
        StatusCode: row.hr,
        Operation: 'DeleteClass',
        ParameterInfo: row.className,
      });
      expect(t.snapshotAll()).toBe(before);
    }
  });

  it.each([
    { name: 'RETURN_IMMEDIATELY is sync-only', className: 'Gamma', flags: F.RETURN_IMMEDIATELY, sink: true },
    { name: 'CREATE_ONLY is not a delete flag', className: 'Gamma', flags: F.CREATE_ONLY, sink: true },
    { name: 'a null class name', className: null, flags: 0, sink: true },
    { name: 'a null sink', className: 'Gamma', flags: 0, sink: false },
  ])('$name: WBEM_E_INVALID_PARAMETER from the call, sink never called', async (row) => {
    const t = await testRepo();
    await setupAll(t, tree);
    const before = t.snapshotAll();
    const sink = recordingSink();
    const hr = t.svc.deleteClassAsync(row.className, row.flags, null, row.sink ? sink : null);
    expect(hrName(hr)).toBe(hrName(HR.E_INVALID_PARAMETER));
    await delay(10);
    expect(sink.calls).toEqual([]);
    expect(t.snapshotAll()).toBe(before);
  });

  it('cancelled before the commit point: nothing is deleted', async () => {
    const t = await testRepo();
    await setupAll(t, tree);
    const before = t.snapshotAll();
    const sink = recordingSink();
    t.svc.deleteClassAsync('Base', F.SEND_STATUS, null, sink);
    expect(t.svc.cancelAsyncCall(sink)).toBe(HR.S_NO_ERROR);
    await sink.done;
    await delay(10);
    expect(sink.trace()).toEqual(['COMPLETE WBEM_E_CALL_CANCELLED']);
    expect(t.snapshotAll()).toBe(before);
    expect(t.eventNames()).toEqual([]);
  });
});
