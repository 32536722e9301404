import { describe, expect, it } from 'vitest';
import type { ExtendedStatus } from '../errors/extendedStatus';
import { HR, hrName, WBEM_FLAG, WBEM_STATUS } from '../errors/wbem';
import type { ClassDefinition } from '../model';
import { cls, prop, qual } from '../model/build';
import { setupAll } from '../testing/cases';
import { delay, recordingSink, scriptedProvider, type RecordingSink, type SinkCall } from '../testing/sinks';
import { inst, testRepo, type TestRepo } from '../testing/testRepo';

/** PutClassAsync and its sink protocol, decisions §1 and §6. */

const KEY = [qual('Key')];
const F = WBEM_FLAG;
const item = cls('Item', null, { properties: [prop('Id', 'string', KEY), prop('Size', 'uint32')] });
const itemWide = cls('Item', null, { properties: [prop('Id', 'string', KEY), prop('Size', 'string')] });
const child = cls('Child', 'Item', { properties: [prop('Size', 'uint32')] });

type Status = Extract<SinkCall, { kind: 'setStatus' }>;

/** Waits for the final status, then a little longer so that anything sent after it is caught. */
async function settle(sink: RecordingSink): Promise<Status> {
  const done = await sink.done;
  await delay(5);
  return done;
}

/** The sink protocol every call must follow, whatever its outcome. */
function expectProtocol(sink: RecordingSink, sendStatus: boolean): void {
  const completes = sink.calls.filter((c) => c.kind === 'setStatus' && c.flags === WBEM_STATUS.COMPLETE);
  expect(completes).toHaveLength(1);
  expect(sink.calls[sink.calls.length - 1]).toBe(completes[0]);
  expect(sink.calls.filter((c) => c.kind === 'indicate')).toEqual([]);
  const progress = sink.calls.filter((c): c is Status => c.kind === 'setStatus' && c.flags === WBEM_STATUS.PROGRESS);
  if (!sendStatus) {
    expect(progress).toEqual([]);
    return;
  }
  expect(progress.length).toBeGreaterThanOrEqual(1);
  const decoded = progress.map((c) => ({ total: (c.hr >>> 16) & 0xffff, done: c.hr & 0xffff }));
  const total = decoded[0]!.total;
  expect(total).toBeGreaterThan(0);
  for (let i = 0; i < decoded.length; i++) {
    expect(decoded[i]!.total).toBe(total);
    expect(decoded[i]!.done).toBeLessThanOrEqual(total);
    if (i > 0) expect(decoded[i]!.done).toBeGreaterThan(decoded[i - 1]!.done);
  }
  expect(decoded[decoded.length - 1]!.done).toBe(total);
  for (const c of progress) {
    expect(c.strParam).toBeNull();
    expect(c.errorObject).toBeNull();
  }
}

interface Row {
  readonly name: string;
  readonly setup?: readonly (ClassDefinition | ReturnType<typeof inst>)[];
  readonly prepare?: (t: TestRepo) => Promise<unknown>;
  readonly call: ClassDefinition;
  readonly flags?: number;
  readonly as?: string;
  readonly hr: number;
  readonly error?: Partial<ExtendedStatus>;
  readonly events?: readonly string[];
}

describe('PutClassAsync: outcomes reach the sink', () => {
  const rows: Row[] = [
    { name: 'a new class', call: item, hr: HR.S_NO_ERROR, events: ['__ClassCreationEvent:Item'] },
    {
      name: 'an update',
      setup: [item],
      call: { ...item, properties: [...item.properties, prop('Extra', 'string')] },
      flags: F.UPDATE_ONLY,
      hr: HR.S_NO_ERROR,
      events: ['__ClassModificationEvent:Item'],
    },
    {
      name: 'a force update that rewrites a child',
      setup: [item, child],
      call: itemWide,
      flags: F.UPDATE_FORCE_MODE,
      hr: HR.S_NO_ERROR,
      events: ['__ClassModificationEvent:Item', '__ClassModificationEvent:Child'],
    },
    {
      name: 'CREATE_ONLY on a stored class',
      setup: [item],
      call: item,
      flags: F.CREATE_ONLY,
      hr: HR.E_ALREADY_EXISTS,
      error: { __CLASS: '__ExtendedStatus', ParameterInfo: 'Item' },
    },
    {
      name: 'the write right (§2 step 3) is reported through the sink',
      call: item,
      as: 'alice',
      hr: HR.E_ACCESS_DENIED,
      error: { __CLASS: '__ExtendedStatus', ParameterInfo: 'Item' },
    },
    {
      name: 'a bad class name is reported through the sink',
      call: { ...item, name: 'Item_' },
      hr: HR.E_INVALID_OBJECT,
      error: { __CLASS: '__ExtendedStatus', ParameterInfo: 'Item_' },
    },
    {
      name: 'a safe-mode conflict',
      setup: [item, child],
      call: itemWide,
      flags: F.UPDATE_SAFE_MODE,
      hr: HR.E_UPDATE_TYPE_MISMATCH,
      error: {
        __CLASS: 'Classwright_ConflictStatus',
        ParameterInfo: 'Child',
        Conflicts: ['Child.Size: type (WBEM_E_UPDATE_TYPE_MISMATCH)'],
      },
    },
    {
      name: 'instances block safe mode',
      setup: [item, inst('Item', { Id: 'a' })],
      call: itemWide,
      flags: F.UPDATE_SAFE_MODE,
      hr: HR.E_CLASS_HAS_INSTANCES,
      error: { ParameterInfo: 'Item' },
    },
  ];
  const modes = [
    { label: 'without SEND_STATUS', extra: 0 },
    { label: 'with SEND_STATUS', extra: F.SEND_STATUS },
  ];
  describe.each(modes)('$label', ({ extra }) => {
    it.each(rows)('$name', async (row) => {
      const t = await testRepo();
      await setupAll(t, row.setup ?? []);
      await row.prepare?.(t);
      const svc = row.as ? t.as(row.as) : t.svc;
      const before = t.snapshotAll();
      t.clearEvents();
      const sink = recordingSink();
      const returned = svc.putClassAsync(row.call, (row.flags ?? 0) | extra, null, sink);
      expect(hrName(returned)).toBe(hrName(HR.S_NO_ERROR));
      // The sink is never called before the call returns.
      expect(sink.calls).toEqual([]);
      const final = await settle(sink);
      expectProtocol(sink, extra !== 0);
      expect(hrName(final.hr)).toBe(hrName(row.hr));
      expect(final.strParam).toBeNull();
      if (row.hr === HR.S_NO_ERROR) {
        expect(final.errorObject).toBeNull();
        expect(t.eventNames()).toEqual(row.events ?? []);
      } else {
        expect(final.errorObject).toMatchObject({
          StatusCode: row.hr,
          Operation: 'PutClass',
          ProviderName: 'Windows Management',
          ...row.error,
        });
        expect(t.eventNames()).toEqual([]);
        expect(t.snapshotAll()).toBe(before);
      }
    });
  });
});

describe('PutClassAsync §1: checks returned by the call itself, the sink never called', () => {
  const rows: {
    name: string;
    call: ClassDefinition | null;
    flags: number;
    sink: 'ok' | 'null';
    prepare?: (t: TestRepo) => Promise<unknown>;
    as?: string;
    hr: number;
  }[] = [
    {
      name: 'RETURN_IMMEDIATELY is sync-only',
      call: item,
      flags: F.RETURN_IMMEDIATELY,
      sink: 'ok',
      hr: HR.E_INVALID_PARAMETER,
    },
    { name: 'an unknown bit (0x8)', call: item, flags: 0x8, sink: 'ok', hr: HR.E_INVALID_PARAMETER },
    {
      name: 'CREATE_ONLY with UPDATE_ONLY',
      call: item,
      flags: F.CREATE_ONLY | F.UPDATE_ONLY,
      sink: 'ok',
      hr: HR.E_INVALID_PARAMETER,
    },
    {
      name: 'SAFE with FORCE',
      call: item,
      flags: F.MASK_UPDATE_MODE,
      sink: 'ok',
      hr: HR.E_INVALID_PARAMETER,
    },
    { name: 'a null object', call: null, flags: 0, sink: 'ok', hr: HR.E_INVALID_PARAMETER },
    { name: 'a null sink', call: item, flags: 0, sink: 'null', hr: HR.E_INVALID_PARAMETER },
    {
      name: 'no WBEM_ENABLE',
      call: item,
      flags: 0,
      sink: 'ok',
      prepare: (t) => t.svc.setSecurity('Authenticated Users', 0),
      as: 'alice',
      hr: HR.E_ACCESS_DENIED,
    },
  ];
  it.each(rows)('$name', async (row) => {
    const t = await testRepo();
    await row.prepare?.(t);
    const svc = row.as ? t.as(row.as) : t.svc;
    const before = t.snapshotAll();
    t.clearEvents();
    const sink = recordingSink();
    const hr = svc.putClassAsync(row.call, row.flags, null, row.sink === 'ok' ? sink : null);
    expect(hrName(hr)).toBe(hrName(row.hr));
    await delay(10);
    expect(sink.calls).toEqual([]);
    expect(t.eventNames()).toEqual([]);
    expect(t.snapshotAll()).toBe(before);
    // The sink was never registered: cancelling it finds nothing.
    expect(hrName(svc.cancelAsyncCall(sink))).toBe(hrName(HR.E_NOT_FOUND));
  });
});

describe('CancelAsyncCall', () => {
  it('before the commit point: COMPLETE with WBEM_E_CALL_CANCELLED, nothing stored', async () => {
    const t = await testRepo();
    const before = t.snapshotAll();
    const sink = recordingSink();
    expect(t.svc.putClassAsync(item, F.SEND_STATUS, null, sink)).toBe(HR.S_NO_ERROR);
    expect(hrName(t.svc.cancelAsyncCall(sink))).toBe(hrName(HR.S_NO_ERROR));
    // Nothing reaches the sink inside CancelAsyncCall either.
    expect(sink.calls).toEqual([]);
    const final = await settle(sink);
    expect(sink.trace()).toEqual(['COMPLETE WBEM_E_CALL_CANCELLED']);
    expect(hrName(final.hr)).toBe(hrName(HR.E_CALL_CANCELLED));
    if (final.errorObject) expect(final.errorObject.StatusCode).toBe(HR.E_CALL_CANCELLED);
    expect(t.snapshotAll()).toBe(before);
    expect(t.eventNames()).toEqual([]);
    expect(hrName(t.svc.getObject('Item').hr)).toBe(hrName(HR.E_NOT_FOUND));
  });

  it('while a provider is still deciding: cancelled, and its later success stores nothing', async () => {
    const t = await testRepo();
    const p = scriptedProvider('Slow', HR.S_NO_ERROR);
    p.wait = 'manual';
    await t.svc.registerClassProvider('Slow', ['Item'], p);
    const before = t.snapshotAll();
    t.clearEvents();
    const sink = recordingSink();
    t.svc.putClassAsync(item, 0, null, sink);
    await delay(5);
    expect(p.calls).toHaveLength(1);
    expect(sink.calls).toEqual([]);
    expect(t.svc.cancelAsyncCall(sink)).toBe(HR.S_NO_ERROR);
    await sink.done;
    p.release();
    await delay(10);
    expect(sink.trace()).toEqual(['COMPLETE WBEM_E_CALL_CANCELLED']);
    expect(t.snapshotAll()).toBe(before);
    expect(t.eventNames()).toEqual([]);
  });

  it('after the commit point: the normal final status stands', async () => {
    const t = await testRepo();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let committing = false;
    t.repo.onCommit(async () => {
      committing = true;
      await gate;
    });
    const sink = recordingSink();
    t.svc.putClassAsync(item, 0, null, sink);
    while (!committing) await delay(1);
    // The call is still pending (its sink is known), but it is past the point of no return.
    expect(hrName(t.svc.cancelAsyncCall(sink))).toBe(hrName(HR.S_NO_ERROR));
    release();
    await settle(sink);
    expect(sink.trace()).toEqual(['COMPLETE WBEM_S_NO_ERROR']);
    expect(hrName(t.svc.getObject('Item').hr)).toBe(hrName(HR.S_NO_ERROR));
    expect(t.eventNames()).toEqual(['__ClassCreationEvent:Item']);
  });

  it('a null sink → WBEM_E_INVALID_PARAMETER; an unknown or finished one → WBEM_E_NOT_FOUND', async () => {
    const t = await testRepo();
    expect(hrName(t.svc.cancelAsyncCall(null))).toBe(hrName(HR.E_INVALID_PARAMETER));
    expect(hrName(t.svc.cancelAsyncCall(recordingSink()))).toBe(hrName(HR.E_NOT_FOUND));
    const sink = recordingSink();
    t.svc.putClassAsync(item, 0, null, sink);
    await settle(sink);
    expect(hrName(t.svc.cancelAsyncCall(sink))).toBe(hrName(HR.E_NOT_FOUND));
    expect(sink.trace()).toEqual(['COMPLETE WBEM_S_NO_ERROR']);
  });

  it('cancels every pending call that uses the sink, and no other', async () => {
    const t = await testRepo();
    const shared = recordingSink();
    const other = recordingSink();
    t.svc.putClassAsync(item, 0, null, shared);
    t.svc.putClassAsync(cls('Other', null, { properties: [prop('Id', 'string', KEY)] }), 0, null, other);
    t.svc.putClassAsync(cls('Third', null, { properties: [prop('Id', 'string', KEY)] }), 0, null, shared);
    expect(t.svc.cancelAsyncCall(shared)).toBe(HR.S_NO_ERROR);
    await settle(other);
    await delay(10);
    expect(shared.trace()).toEqual(['COMPLETE WBEM_E_CALL_CANCELLED', 'COMPLETE WBEM_E_CALL_CANCELLED']);
    expect(other.trace()).toEqual(['COMPLETE WBEM_S_NO_ERROR']);
    expect(t.eventNames()).toEqual(['__ClassCreationEvent:Other']);
  });
});

describe('PutClassAsync ordering', () => {
  it('calls complete in the order they were made, each with its own sink', async () => {
    const t = await testRepo();
    const sinks = [recordingSink(), recordingSink(), recordingSink()];
    const order: number[] = [];
    sinks.forEach((s, i) => void s.done.then(() => order.push(i)));
    t.svc.putClassAsync(item, 0, null, sinks[0]!);
    t.svc.putClassAsync(child, 0, null, sinks[1]!);
    t.svc.putClassAsync(item, F.CREATE_ONLY, null, sinks[2]!);
    await Promise.all(sinks.map(settle));
    expect(order).toEqual([0, 1, 2]);
    expect(sinks.map((s) => s.trace())).toEqual([
      ['COMPLETE WBEM_S_NO_ERROR'],
      ['COMPLETE WBEM_S_NO_ERROR'],
      ['COMPLETE WBEM_E_ALREADY_EXISTS'],
    ]);
  });

  it('the context object reaches the provider unchanged through the async call', async () => {
    const t = await testRepo();
    const p = scriptedProvider('P', HR.S_NO_ERROR);
    await t.svc.registerClassProvider('P', ['Item'], p);
    const ctx = { __ProviderArchitecture: 64, Trace: 'on', Nested: { a: [1, 2] } };
    const sink = recordingSink();
    t.svc.putClassAsync(item, F.SEND_STATUS, ctx, sink);
    await settle(sink);
    expectProtocol(sink, true);
    expect(p.calls).toHaveLength(1);
    expect(p.calls[0]!.context).toBe(ctx);
    expect(p.calls[0]!.context).toEqual({ __ProviderArchitecture: 64, Trace: 'on', Nested: { a: [1, 2] } });
  });
});
