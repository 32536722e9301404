import { describe, expect, it } from 'vitest';
import { HR, WBEM_FLAG, WBEM_STATUS } from '../errors/wbem';
import type { ObjectSink } from './sink';
import { testRepo } from '../testing/testRepo';

describe('importMofAsync and CancelAsyncCall', () => {
  it('abandons a long import cancelled before its commit: one final CALL_CANCELLED, nothing stored', async () => {
    const t = await testRepo();
    const text = Array.from({ length: 2000 }, (_, i) => `class C${i} { [key] string Id; };`).join('\n');
    const statuses: [number, number][] = [];
    let done!: () => void;
    const finished = new Promise<void>((r) => (done = r));
    const sink: ObjectSink = {
      indicate: () => undefined,
      setStatus: (flags, hr) => {
        statuses.push([flags, hr >>> 0]);
        if (flags === WBEM_STATUS.COMPLETE) done();
      },
    };
    expect(t.svc.importMofAsync(text, WBEM_FLAG.SEND_STATUS, {}, sink)).toBe(HR.S_NO_ERROR);
    // Cancel once the import has started applying declarations.
    await new Promise<void>((resolve) => {
      const poll = () => (statuses.length > 0 ? resolve() : setTimeout(poll, 0));
      poll();
    });
    expect(t.svc.cancelAsyncCall(sink)).toBe(HR.S_NO_ERROR);
    await finished;
    await new Promise((r) => setTimeout(r, 50));
    const complete = statuses.filter(([f]) => f === WBEM_STATUS.COMPLETE);
    expect(complete).toEqual([[WBEM_STATUS.COMPLETE, HR.E_CALL_CANCELLED]]);
    expect(statuses[statuses.length - 1]![0]).toBe(WBEM_STATUS.COMPLETE);
    expect(t.svc.createClassEnum(null, 0).objects.filter((c) => !c.name.startsWith('__'))).toEqual([]);
    expect(t.eventNames()).toEqual([]);
  });
});
