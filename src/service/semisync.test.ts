import { describe, expect, it } from 'vitest';
import { HR, hrName, WBEM_FLAG, WBEM_INFINITE, WBEM_NO_WAIT } from '../errors/wbem';
import { cls, prop, qual } from '../model/build';
import { setupAll } from '../testing/cases';
import { delay, scriptedProvider } from '../testing/sinks';
import { testRepo } from '../testing/testRepo';

/** Semisynchronous PutClass / DeleteClass (WBEM_FLAG_RETURN_IMMEDIATELY), decisions §6. */

const KEY = [qual('Key')];
const F = WBEM_FLAG;
const item = cls('Item', null, { properties: [prop('Id', 'string', KEY)] });

/** A repository where `Item` is claimed by a provider that answers `answer` only when released. */
async function withSlowProvider(answer: number) {
  const t = await testRepo();
  const p = scriptedProvider('Slow', answer);
  p.wait = 'manual';
  await t.svc.registerClassProvider('Slow', ['Item'], p);
  t.clearEvents();
  return { t, p };
}

describe('Semisync PutClass: WBEM_S_TIMEDOUT while pending, then the final status', () => {
  const rows = [
    {
      name: 'the provider accepts',
      answer: HR.S_NO_ERROR,
      final: HR.S_NO_ERROR,
      events: ['__ClassCreationEvent:Item'],
    },
    { name: 'the provider refuses', answer: HR.E_FAILED, final: HR.E_FAILED, events: [] },
    {
      name: 'the provider is not capable',
      answer: HR.E_PROVIDER_NOT_CAPABLE,
      final: HR.E_PROVIDER_NOT_CAPABLE,
      events: [],
    },
  ];
  it.each(rows)('$name', async (row) => {
    const { t, p } = await withSlowProvider(row.answer);
    const before = t.snapshotAll();
    const out = await t.svc.putClass(item, F.RETURN_IMMEDIATELY);
    expect(hrName(out.hr)).toBe(hrName(HR.S_NO_ERROR));
    expect(out.errorObject).toBeNull();
    const cr = out.callResult!;
    expect(cr).toBeDefined();
    expect(hrName((await cr.getCallStatus(WBEM_NO_WAIT)).hr)).toBe(hrName(HR.S_TIMEDOUT));
    expect(hrName((await cr.getCallStatus(20)).hr)).toBe(hrName(HR.S_TIMEDOUT));
    expect((await cr.getCallStatus(WBEM_NO_WAIT)).status).toBeUndefined();
    expect(cr.getErrorObject()).toBeNull();
    await delay(5);
    expect(p.calls.map((c) => `${c.op}:${c.className}`)).toEqual(['putClass:Item']);
    p.release();
    const final = await cr.getCallStatus(WBEM_INFINITE);
    expect(hrName(final.hr)).toBe(hrName(HR.S_NO_ERROR));
    expect(hrName(final.status!)).toBe(hrName(row.final));
    // Asking again answers the same.
    const again = await cr.getCallStatus(WBEM_NO_WAIT);
    expect(hrName(again.hr)).toBe(hrName(HR.S_NO_ERROR));
    expect(hrName(again.status!)).toBe(hrName(row.final));
    expect(t.eventNames()).toEqual(row.events);
    if (row.final === HR.S_NO_ERROR) {
      expect(cr.getErrorObject()).toBeNull();
    } else {
      expect(cr.getErrorObject()).toMatchObject({ StatusCode: row.final, Operation: 'PutClass' });
      expect(t.snapshotAll()).toBe(before);
    }
  });

  it('a finite wait returns the final status once the call completes within it', async () => {
    const { t, p } = await withSlowProvider(HR.S_NO_ERROR);
    const out = await t.svc.putClass(item, F.RETURN_IMMEDIATELY);
    setTimeout(() => p.release(), 10);
    const r = await out.callResult!.getCallStatus(5000);
    expect(hrName(r.hr)).toBe(hrName(HR.S_NO_ERROR));
    expect(hrName(r.status!)).toBe(hrName(HR.S_NO_ERROR));
  });

  it('a static class: the final status carries the error object of a refused put', async () => {
    const t = await testRepo();
    await setupAll(t, [item]);
    const before = t.snapshotAll();
    const out = await t.svc.putClass(item, F.RETURN_IMMEDIATELY | F.CREATE_ONLY);
    expect(hrName(out.hr)).toBe(hrName(HR.S_NO_ERROR));
    expect(out.errorObject).toBeNull();
    const r = await out.callResult!.getCallStatus(WBEM_INFINITE);
    expect(hrName(r.hr)).toBe(hrName(HR.S_NO_ERROR));
    expect(hrName(r.status!)).toBe(hrName(HR.E_ALREADY_EXISTS));
    expect(out.callResult!.getErrorObject()).toMatchObject({
      __CLASS: '__ExtendedStatus',
      StatusCode: HR.E_ALREADY_EXISTS,
      Operation: 'PutClass',
      ParameterInfo: 'Item',
      ProviderName: 'Windows Management',
    });
    expect(t.snapshotAll()).toBe(before);
  });
});

describe('Semisync §1 checks', () => {
  const rows = [
    {
      name: 'PutClass: RETURN_IMMEDIATELY without a call-result out-parameter',
      call: (t: Awaited<ReturnType<typeof testRepo>>) =>
        t.svc.putClass(item, F.RETURN_IMMEDIATELY, null, { callResult: false }),
      hr: HR.E_INVALID_PARAMETER,
    },
    {
      name: 'DeleteClass: RETURN_IMMEDIATELY without a call-result out-parameter',
      call: (t: Awaited<ReturnType<typeof testRepo>>) =>
        t.svc.deleteClass('Item', F.RETURN_IMMEDIATELY, null, { callResult: false }),
      hr: HR.E_INVALID_PARAMETER,
    },
    {
      name: 'PutClass: a foreign bit with RETURN_IMMEDIATELY',
      call: (t: Awaited<ReturnType<typeof testRepo>>) => t.svc.putClass(item, F.RETURN_IMMEDIATELY | F.SEND_STATUS),
      hr: HR.E_INVALID_PARAMETER,
    },
    {
      name: 'DeleteClass: SEND_STATUS is async-only',
      call: (t: Awaited<ReturnType<typeof testRepo>>) =>
        t.svc.deleteClass('Item', F.RETURN_IMMEDIATELY | F.SEND_STATUS),
      hr: HR.E_INVALID_PARAMETER,
    },
  ];
  it.each(rows)('$name', async (row) => {
    const t = await testRepo();
    await setupAll(t, [item]);
    const before = t.snapshotAll();
    const out = await row.call(t);
    expect(hrName(out.hr)).toBe(hrName(row.hr));
    expect(out.callResult).toBeUndefined();
    expect(out.errorObject).toBeNull();
    await delay(5);
    expect(t.snapshotAll()).toBe(before);
    expect(t.eventNames()).toEqual([]);
  });
});

describe('Semisync DeleteClass', () => {
  it('pending while the provider decides, then the final status', async () => {
    const { t, p } = await withSlowProvider(HR.S_NO_ERROR);
    p.wait = 0;
    await t.svc.putClass(item);
    p.wait = 'manual';
    t.clearEvents();
    const out = await t.svc.deleteClass('Item', F.RETURN_IMMEDIATELY);
    expect(hrName(out.hr)).toBe(hrName(HR.S_NO_ERROR));
    expect(hrName((await out.callResult!.getCallStatus(10)).hr)).toBe(hrName(HR.S_TIMEDOUT));
    expect(hrName(t.svc.getObject('Item').hr)).toBe(hrName(HR.S_NO_ERROR));
    p.release();
    const r = await out.callResult!.getCallStatus(WBEM_INFINITE);
    expect(hrName(r.status!)).toBe(hrName(HR.S_NO_ERROR));
    expect(t.eventNames()).toEqual(['__ClassDeletionEvent:Item']);
    expect(hrName(t.svc.getObject('Item').hr)).toBe(hrName(HR.E_NOT_FOUND));
  });

  it('a missing class: final status WBEM_E_NOT_FOUND with its error object', async () => {
    const t = await testRepo();
    const out = await t.svc.deleteClass('Nothing', F.RETURN_IMMEDIATELY);
    expect(hrName(out.hr)).toBe(hrName(HR.S_NO_ERROR));
    const r = await out.callResult!.getCallStatus(WBEM_INFINITE);
    expect(hrName(r.status!)).toBe(hrName(HR.E_NOT_FOUND));
    expect(out.callResult!.getErrorObject()).toMatchObject({
      StatusCode: HR.E_NOT_FOUND,
      Operation: 'DeleteClass',
      ParameterInfo: 'Nothing',
    });
  });
});
