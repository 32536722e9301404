import { describe, expect, it } from 'vitest';
import { HR, WBEM_FLAG } from '../errors/wbem';
import { cls, prop, qual, TOSUBCLASS, DISABLEOVERRIDE } from '../model/build';
import { testRepo } from '../testing/testRepo';

const KEY = [qual('Key')];

describe('putClass smoke', () => {
  it('creates, updates and derives', async () => {
    const { svc, eventNames } = await testRepo();
    expect(
      (await svc.putClass(cls('Base', null, { properties: [prop('Id', 'string', KEY)] }), WBEM_FLAG.CREATE_ONLY)).hr,
    ).toBe(0);
    expect((await svc.putClass(cls('Child', 'Base', { properties: [prop('Size', 'uint32')] }))).hr).toBe(0);
    const r = await svc.putClass(
      cls('Base', null, { properties: [prop('Id', 'string', KEY), prop('Size', 'string')] }),
      WBEM_FLAG.UPDATE_SAFE_MODE,
    );
    expect(r.hr).toBe(HR.E_UPDATE_TYPE_MISMATCH);
    expect(r.errorObject?.ParameterInfo).toBe('Child');
    const f = await svc.putClass(
      cls('Base', null, { properties: [prop('Id', 'string', KEY), prop('Size', 'string')] }),
      WBEM_FLAG.UPDATE_FORCE_MODE,
    );
    expect(f.hr).toBe(0);
    expect(eventNames()).toEqual([
      '__ClassCreationEvent:Base',
      '__ClassCreationEvent:Child',
      '__ClassModificationEvent:Base',
      '__ClassModificationEvent:Child',
    ]);
    const child = svc.getObject('Child').object as import('../service/cimObjects').CimClass;
    expect(child.properties.find((p) => p.name === 'Size')?.classOrigin).toBe('Base');
    expect(child.system.__DERIVATION).toEqual(['Base']);
    const q = await svc.putClass(
      cls('Base', null, {
        qualifiers: [qual('Category', 'b', TOSUBCLASS | DISABLEOVERRIDE)],
        properties: [prop('Id', 'string', KEY), prop('Size', 'string')],
      }),
      WBEM_FLAG.UPDATE_SAFE_MODE,
    );
    expect(q.hr).toBe(0);
    expect((await svc.putClass(cls('Child', 'Base', { qualifiers: [qual('Category', 'c')] }))).hr).toBe(
      HR.E_OVERRIDE_NOT_ALLOWED,
    );
  });
});
