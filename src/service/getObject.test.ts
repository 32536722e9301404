import { describe, expect, it } from 'vitest';
import { HR, hrName, WBEM_FLAG } from '../errors/wbem';
import { cls, prop, qual } from '../model/build';
import { setupAll } from '../testing/cases';
import { inst, testRepo } from '../testing/testRepo';
import type { CimClass, CimInstance } from './cimObjects';

/** GetObject on class and instance paths, decisions §11 and wmi-semantics §7.3. */

const KEY = [qual('Key')];
const setup = [
  cls('Base', null, { properties: [prop('Id', 'string', KEY), prop('Size', 'uint32', [], 7)] }),
  cls('Mid', 'Base', { properties: [prop('Label', 'string')] }),
  cls('Leaf', 'Mid', { properties: [prop('Size', 'uint32', [], 9), prop('Flag', 'boolean')] }),
  cls('Num', null, { properties: [prop('N', 'uint32', KEY), prop('M', 'sint32', KEY)] }),
  cls('Only', null, { qualifiers: [qual('Singleton')], properties: [prop('Value', 'string')] }),
  inst('Base', { Id: 'b' }),
  inst('Leaf', { Id: 'x', Label: 'hello' }),
  inst('Num', { N: 1, M: -2 }),
  inst('Only', { Value: 'v' }),
];

describe('GetObject: class paths and their system properties', () => {
  const rows = [
    {
      path: 'Base',
      system: {
        __GENUS: 1,
        __CLASS: 'Base',
        __SUPERCLASS: null,
        __DYNASTY: 'Base',
        __DERIVATION: [],
        __PROPERTY_COUNT: 2,
        __RELPATH: 'Base',
        __PATH: '\\\\.\\root\\test:Base',
        __SERVER: '.',
        __NAMESPACE: 'root\\test',
      },
    },
    {
      path: 'Leaf',
      system: {
        __GENUS: 1,
        __CLASS: 'Leaf',
        __SUPERCLASS: 'Mid',
        __DYNASTY: 'Base',
        __DERIVATION: ['Mid', 'Base'],
        __PROPERTY_COUNT: 4,
        __RELPATH: 'Leaf',
        __PATH: '\\\\.\\root\\test:Leaf',
        __SERVER: '.',
        __NAMESPACE: 'root\\test',
      },
    },
    {
      path: 'leaf',
      system: { __CLASS: 'Leaf', __PATH: '\\\\.\\root\\test:Leaf' },
    },
    {
      path: '\\\\.\\root\\test:Mid',
      system: { __CLASS: 'Mid', __SUPERCLASS: 'Base', __DERIVATION: ['Base'], __PROPERTY_COUNT: 3 },
    },
    {
      path: 'root\\test:Mid',
      system: { __CLASS: 'Mid', __PATH: '\\\\.\\root\\test:Mid' },
    },
    {
      path: '__ExtendedStatus',
      system: {
        __CLASS: '__ExtendedStatus',
        __SUPERCLASS: '__NotifyStatus',
        __DYNASTY: '__NotifyStatus',
        __PROPERTY_COUNT: 5,
      },
    },
  ];
  it.each(rows)('$path', async (row) => {
    const t = await testRepo();
    await setupAll(t, setup);
    const r = t.svc.getObject(row.path);
    expect(hrName(r.hr)).toBe(hrName(HR.S_NO_ERROR));
    expect(r.errorObject).toBeNull();
    const c = r.object as CimClass;
    expect(c.genus).toBe('class');
    expect(c.system).toMatchObject(row.system);
  });

  it('returns every property, inherited ones included, with class origin and defaults', async () => {
    const t = await testRepo();
    await setupAll(t, setup);
    const c = t.svc.getObject('Leaf').object as CimClass;
    expect(c.properties.map((p) => [p.name, p.classOrigin, p.defaultValue ?? null, p.key, p.propagated])).toEqual([
      ['Id', 'Base', null, true, true],
      ['Size', 'Base', 9, false, false],
      ['Label', 'Mid', null, false, true],
      ['Flag', 'Leaf', null, false, false],
    ]);
  });

  it('a configured server name appears in __SERVER and __PATH', async () => {
    const t = await testRepo({ server: 'HOST1' });
    await setupAll(t, setup);
    const c = t.svc.getObject('Mid').object as CimClass;
    expect(c.system.__PATH).toBe('\\\\HOST1\\root\\test:Mid');
    expect(c.system.__SERVER).toBe('HOST1');
  });

  it('reads in another namespace through a full path', async () => {
    const t = await testRepo();
    await setupAll(t, setup);
    const r = t.svc.getObject('\\\\.\\root\\cimv2:__SystemClass');
    expect(hrName(r.hr)).toBe(hrName(HR.S_NO_ERROR));
    expect((r.object as CimClass).system.__PATH).toBe('\\\\.\\root\\cimv2:__SystemClass');
    expect(hrName(t.svc.getObject('\\\\.\\root\\cimv2:Base').hr)).toBe(hrName(HR.E_NOT_FOUND));
  });
});

describe('GetObject: instance paths', () => {
  const rows = [
    {
      path: 'Base.Id="b"',
      className: 'Base',
      relpath: 'Base.Id="b"',
      values: { Id: 'b', Size: 7 },
    },
    {
      path: 'Leaf.Id="x"',
      className: 'Leaf',
      relpath: 'Leaf.Id="x"',
      values: { Id: 'x', Size: 9, Label: 'hello', Flag: null },
    },
    { path: 'leaf.id="X"', className: 'Leaf', relpath: 'Leaf.Id="x"', values: { Id: 'x' } },
    { path: 'Base.Id="x"', className: 'Leaf', relpath: 'Leaf.Id="x"', values: { Id: 'x' } },
    { path: 'Num.M=-2,N=1', className: 'Num', relpath: 'Num.M=-2,N=1', values: { N: 1, M: -2 } },
    { path: 'Num.N=1,M=-2', className: 'Num', relpath: 'Num.M=-2,N=1', values: { N: 1, M: -2 } },
    { path: 'Only=@', className: 'Only', relpath: 'Only=@', values: { Value: 'v' } },
    {
      path: '\\\\.\\root\\test:Base.Id="b"',
      className: 'Base',
      relpath: 'Base.Id="b"',
      values: { Id: 'b' },
    },
  ];
  it.each(rows)('$path', async (row) => {
    const t = await testRepo();
    await setupAll(t, setup);
    const r = t.svc.getObject(row.path);
    expect(hrName(r.hr)).toBe(hrName(HR.S_NO_ERROR));
    const o = r.object as CimInstance;
    expect(o.genus).toBe('instance');
    expect(o.className).toBe(row.className);
    expect(o.system).toEqual({
      __GENUS: 2,
      __CLASS: row.className,
      __RELPATH: row.relpath,
      __PATH: `\\\\.\\root\\test:${row.relpath}`,
      __SERVER: '.',
      __NAMESPACE: 'root\\test',
    });
    const values = Object.fromEntries(o.properties.map((p) => [p.name, p.value]));
    expect(values).toMatchObject(row.values);
  });
});

describe('GetObject failures', () => {
  const rows = [
    { name: 'a missing class', path: 'Nothing', hr: HR.E_NOT_FOUND, info: 'Nothing' },
    { name: 'a missing instance', path: 'Base.Id="zz"', hr: HR.E_NOT_FOUND, info: 'Base.Id="zz"' },
    { name: 'an instance of a missing class', path: 'Nothing.Id="b"', hr: HR.E_NOT_FOUND },
    { name: 'a deleted class', path: 'Mid', hr: HR.E_NOT_FOUND, deleteFirst: 'Mid', info: 'Mid' },
    { name: 'an instance deleted with its class', path: 'Leaf.Id="x"', hr: HR.E_NOT_FOUND, deleteFirst: 'Mid' },
    { name: 'not an object path', path: 'Base.Id=', hr: HR.E_INVALID_OBJECT_PATH },
    { name: 'a missing namespace', path: '\\\\.\\root\\nowhere:Base', hr: HR.E_INVALID_NAMESPACE },
  ];
  it.each(rows)('$name', async (row) => {
    const t = await testRepo();
    await setupAll(t, setup);
    if (row.deleteFirst) expect((await t.svc.deleteClass(row.deleteFirst)).hr).toBe(HR.S_NO_ERROR);
    const r = t.svc.getObject(row.path);
    expect(hrName(r.hr)).toBe(hrName(row.hr));
    expect(r.object).toBeNull();
    if (row.info !== undefined)
      expect(r.errorObject).toMatchObject({ StatusCode: row.hr, Operation: 'GetObject', ParameterInfo: row.info });
  });

  it.each([
    { name: 'a null path', path: null, flags: 0 },
    { name: 'a foreign flag', path: 'Base', flags: WBEM_FLAG.SEND_STATUS },
  ])('$name → WBEM_E_INVALID_PARAMETER', async (row) => {
    const t = await testRepo();
    await setupAll(t, setup);
    const r = t.svc.getObject(row.path, row.flags);
    expect(hrName(r.hr)).toBe(hrName(HR.E_INVALID_PARAMETER));
    expect(r.object).toBeNull();
  });
});
