import { describe, expect, it } from 'vitest';
import { HR, hrName, WBEM_FLAG, WBEM_RIGHT } from '../errors/wbem';
import type { CimObjectDefinition, InstanceDefinition } from '../model';
import { cls, prop, qual } from '../model/build';
import { observe, setupAll } from '../testing/cases';
import { snapshotNamespace } from '../testing/snapshot';
import { inst, testRepo, type TestRepo } from '../testing/testRepo';
import type { CimInstance } from './cimObjects';
import { connectServer } from './connectServer';

/** PutInstance, DeleteInstance, CreateInstanceEnum and __NAMESPACE instances (decisions §8). */

const KEY = [qual('Key')];
const F = WBEM_FLAG;

const classes: CimObjectDefinition[] = [
  cls('Item', null, {
    properties: [
      prop('Id', 'string', KEY),
      prop('Size', 'uint8'),
      prop('Count', 'uint64'),
      prop('Tags', 'string[]'),
      prop('Ok', 'boolean', [], true),
    ],
  }),
  cls('SubItem', 'Item', { properties: [prop('Extra', 'sint32')] }),
  cls('Shape', null, { qualifiers: [qual('Abstract')], properties: [prop('Id', 'string', KEY)] }),
  cls('Circle', 'Shape'),
  cls('Keyless', null, { properties: [prop('Value', 'string')] }),
  cls('Config', null, { qualifiers: [qual('Singleton')], properties: [prop('Value', 'string')] }),
  cls('Pair', null, { properties: [prop('A', 'string', KEY), prop('B', 'uint32', KEY)] }),
];

interface Row {
  readonly name: string;
  readonly setup?: readonly CimObjectDefinition[];
  readonly prepare?: (t: TestRepo) => Promise<unknown>;
  readonly call: InstanceDefinition | null;
  readonly flags?: number;
  readonly as?: string;
  readonly hr: number;
  readonly info?: string;
  readonly events?: readonly string[];
  readonly path?: string;
}

const putRows: Row[] = [
  {
    name: 'create',
    call: inst('Item', { Id: 'a', Size: 3 }),
    hr: HR.S_NO_ERROR,
    events: ['__InstanceCreationEvent:Item'],
    path: 'Item.Id="a"',
  },
  {
    name: 'create with CREATE_ONLY',
    call: inst('Item', { Id: 'a' }),
    flags: F.CREATE_ONLY,
    hr: HR.S_NO_ERROR,
    events: ['__InstanceCreationEvent:Item'],
    path: 'Item.Id="a"',
  },
  {
    name: 'update of an existing instance',
    setup: [inst('Item', { Id: 'a', Size: 3 })],
    call: inst('Item', { Id: 'a', Size: 4 }),
    hr: HR.S_NO_ERROR,
    events: ['__InstanceModificationEvent:Item'],
    path: 'Item.Id="a"',
  },
  {
    name: 'update with UPDATE_ONLY, keys in another case',
    setup: [inst('Item', { Id: 'a', Size: 3 })],
    call: inst('item', { id: 'a', Size: 4 }),
    flags: F.UPDATE_ONLY,
    hr: HR.S_NO_ERROR,
    events: ['__InstanceModificationEvent:Item'],
    path: 'Item.Id="a"',
  },
  {
    name: 'an instance of a subclass',
    call: inst('SubItem', { Id: 's', Extra: -1 }),
    hr: HR.S_NO_ERROR,
    events: ['__InstanceCreationEvent:SubItem'],
    path: 'SubItem.Id="s"',
  },
  {
    name: 'an instance of a concrete class under an abstract one',
    call: inst('Circle', { Id: 'c' }),
    hr: HR.S_NO_ERROR,
    events: ['__InstanceCreationEvent:Circle'],
    path: 'Circle.Id="c"',
  },
  {
    name: 'a singleton',
    call: inst('Config', { Value: 'v' }),
    hr: HR.S_NO_ERROR,
    events: ['__InstanceCreationEvent:Config'],
    path: 'Config=@',
  },
  {
    name: 'two keys, in name order in the path',
    call: inst('Pair', { B: 2, A: 'x' }),
    hr: HR.S_NO_ERROR,
    events: ['__InstanceCreationEvent:Pair'],
    path: 'Pair.A="x",B=2',
  },
  {
    name: 'a uint64 beyond 2^53, as its decimal string',
    call: inst('Item', { Id: 'big', Count: '18446744073709551615' }),
    hr: HR.S_NO_ERROR,
    events: ['__InstanceCreationEvent:Item'],
    path: 'Item.Id="big"',
  },
  {
    name: 'partial write suffices for instances',
    prepare: (t) => t.svc.setSecurity('alice', WBEM_RIGHT.ENABLE | WBEM_RIGHT.PARTIAL_WRITE_REP),
    as: 'alice',
    call: inst('Item', { Id: 'p' }),
    hr: HR.S_NO_ERROR,
    events: ['__InstanceCreationEvent:Item'],
    path: 'Item.Id="p"',
  },
  // Failures.
  {
    name: 'CREATE_ONLY on an existing instance',
    setup: [inst('Item', { Id: 'a' })],
    call: inst('Item', { Id: 'a' }),
    flags: F.CREATE_ONLY,
    hr: HR.E_ALREADY_EXISTS,
    info: 'Item.Id="a"',
  },
  {
    name: 'UPDATE_ONLY on a missing instance',
    call: inst('Item', { Id: 'a' }),
    flags: F.UPDATE_ONLY,
    hr: HR.E_NOT_FOUND,
    info: 'Item.Id="a"',
  },
  { name: 'no key value', call: inst('Item', { Size: 1 }), hr: HR.E_NO_KEY, info: 'Id' },
  { name: 'a null key value', call: inst('Item', { Id: null }), hr: HR.E_NO_KEY, info: 'Id' },
  { name: 'one of two keys missing', call: inst('Pair', { A: 'x' }), hr: HR.E_NO_KEY, info: 'B' },
  { name: 'a class without keys', call: inst('Keyless', { Value: 'v' }), hr: HR.E_NO_KEY, info: 'Keyless' },
  {
    name: 'an unknown property',
    call: inst('Item', { Id: 'a', Colour: 'red' }),
    hr: HR.E_NOT_FOUND,
    info: 'Colour',
  },
  {
    name: "a property of a subclass on the parent's instance",
    call: inst('Item', { Id: 'a', Extra: 1 }),
    hr: HR.E_NOT_FOUND,
    info: 'Extra',
  },
  { name: 'a string for a uint8', call: inst('Item', { Id: 'a', Size: 'big' }), hr: HR.E_TYPE_MISMATCH, info: 'Size' },
  { name: '256 for a uint8', call: inst('Item', { Id: 'a', Size: 256 }), hr: HR.E_TYPE_MISMATCH, info: 'Size' },
  { name: '-1 for a uint8', call: inst('Item', { Id: 'a', Size: -1 }), hr: HR.E_TYPE_MISMATCH, info: 'Size' },
  { name: 'a real for a uint8', call: inst('Item', { Id: 'a', Size: 1.5 }), hr: HR.E_TYPE_MISMATCH, info: 'Size' },
  { name: 'a scalar for an array', call: inst('Item', { Id: 'a', Tags: 'x' }), hr: HR.E_TYPE_MISMATCH, info: 'Tags' },
  { name: 'an array for a scalar', call: inst('Item', { Id: ['a'] }), hr: HR.E_TYPE_MISMATCH, info: 'Id' },
  { name: 'a number for a boolean', call: inst('Item', { Id: 'a', Ok: 1 }), hr: HR.E_TYPE_MISMATCH, info: 'Ok' },
  {
    name: '2^64 for a uint64',
    call: inst('Item', { Id: 'a', Count: '18446744073709551616' }),
    hr: HR.E_TYPE_MISMATCH,
    info: 'Count',
  },
  { name: 'an abstract class', call: inst('Shape', { Id: 'a' }), hr: HR.E_INVALID_OPERATION, info: 'Shape' },
  { name: 'a missing class', call: inst('Nothing', { Id: 'a' }), hr: HR.E_INVALID_CLASS, info: 'Nothing' },
  {
    name: 'the keys of an instance of another class in the hierarchy',
    setup: [inst('SubItem', { Id: 'a' })],
    call: inst('Item', { Id: 'a' }),
    hr: HR.E_ALREADY_EXISTS,
  },
  { name: 'no write right', as: 'alice', call: inst('Item', { Id: 'a' }), hr: HR.E_ACCESS_DENIED },
  { name: 'a null object', call: null, hr: HR.E_INVALID_PARAMETER },
  { name: 'a foreign flag', call: inst('Item', { Id: 'a' }), flags: F.SEND_STATUS, hr: HR.E_INVALID_PARAMETER },
  {
    name: 'CREATE_ONLY with UPDATE_ONLY',
    call: inst('Item', { Id: 'a' }),
    flags: F.CREATE_ONLY | F.UPDATE_ONLY,
    hr: HR.E_INVALID_PARAMETER,
  },
];

describe('PutInstance', () => {
  it.each(putRows)('$name', async (row) => {
    const t = await testRepo();
    await setupAll(t, [...classes, ...(row.setup ?? [])]);
    await row.prepare?.(t);
    const svc = row.as ? t.as(row.as) : t.svc;
    const seen = await observe(t, () => svc.putInstance(row.call, row.flags ?? 0));
    const r = seen.result;
    expect(hrName(r.hr)).toBe(hrName(row.hr));
    if (row.hr === HR.S_NO_ERROR) {
      expect(r.errorObject).toBeNull();
      expect(r.path).toBe(row.path);
      expect(seen.events).toEqual(row.events);
      expect(hrName(t.svc.getObject(row.path!).hr)).toBe(hrName(HR.S_NO_ERROR));
      return;
    }
    expect(seen.events).toEqual([]);
    expect(seen.after).toBe(seen.before);
    if (row.info !== undefined)
      expect(r.errorObject).toMatchObject({ StatusCode: row.hr, Operation: 'PutInstance', ParameterInfo: row.info });
  });

  it('an update replaces the values and its event carries both versions', async () => {
    const t = await testRepo();
    await setupAll(t, [...classes, inst('Item', { Id: 'a', Size: 3, Tags: ['x'] })]);
    await t.svc.putInstance(inst('Item', { Id: 'a', Size: 4 }));
    const e = t.events[0]!;
    expect(e.PreviousInstance).toEqual(inst('Item', { Id: 'a', Size: 3, Tags: ['x'] }));
    expect(e.TargetInstance).toEqual(inst('Item', { Id: 'a', Size: 4 }));
    const got = t.svc.getObject('Item.Id="a"').object as CimInstance;
    expect(Object.fromEntries(got.properties.map((p) => [p.name, p.value]))).toEqual({
      Id: 'a',
      Size: 4,
      Count: null,
      Tags: null,
      Ok: true,
    });
  });
});

describe('DeleteInstance', () => {
  const rows = [
    { name: 'an instance', path: 'Item.Id="a"', hr: HR.S_NO_ERROR, events: ['__InstanceDeletionEvent:Item'] },
    { name: 'in another case', path: 'ITEM.ID="A"', hr: HR.S_NO_ERROR, events: ['__InstanceDeletionEvent:Item'] },
    {
      name: "a subclass's instance through the parent class",
      path: 'Item.Id="s"',
      hr: HR.S_NO_ERROR,
      events: ['__InstanceDeletionEvent:SubItem'],
    },
    { name: 'a singleton', path: 'Config=@', hr: HR.S_NO_ERROR, events: ['__InstanceDeletionEvent:Config'] },
    { name: 'a missing instance', path: 'Item.Id="zz"', hr: HR.E_NOT_FOUND },
    { name: 'a missing class', path: 'Nothing.Id="a"', hr: HR.E_INVALID_CLASS },
    { name: 'a class path', path: 'Item', hr: HR.E_INVALID_OBJECT_PATH },
    { name: 'no write right', path: 'Item.Id="a"', as: 'alice', hr: HR.E_ACCESS_DENIED },
  ];
  it.each(rows)('$name', async (row) => {
    const t = await testRepo();
    await setupAll(t, [
      ...classes,
      inst('Item', { Id: 'a' }),
      inst('SubItem', { Id: 's' }),
      inst('Config', { Value: 'v' }),
    ]);
    const svc = row.as ? t.as(row.as) : t.svc;
    const seen = await observe(t, () => svc.deleteInstance(row.path));
    expect(hrName(seen.result.hr)).toBe(hrName(row.hr));
    if (row.hr === HR.S_NO_ERROR) {
      expect(seen.result.errorObject).toBeNull();
      expect(seen.events).toEqual(row.events);
      expect(hrName(t.svc.getObject(row.path).hr)).toBe(hrName(HR.E_NOT_FOUND));
    } else {
      expect(seen.events).toEqual([]);
      expect(seen.after).toBe(seen.before);
    }
  });
});

describe('CreateInstanceEnum', () => {
  const rows = [
    {
      name: 'DEEP: the class and its subclasses',
      className: 'Item',
      flags: 0,
      paths: ['Item.Id="a"', 'Item.Id="b"', 'SubItem.Id="s"'],
    },
    { name: 'SHALLOW: the class only', className: 'Item', flags: F.SHALLOW, paths: ['Item.Id="a"', 'Item.Id="b"'] },
    { name: 'a subclass', className: 'SubItem', flags: 0, paths: ['SubItem.Id="s"'] },
    { name: 'an abstract class, DEEP', className: 'Shape', flags: 0, paths: ['Circle.Id="c"'] },
    { name: 'an abstract class, SHALLOW', className: 'Shape', flags: F.SHALLOW, paths: [] },
  ];
  it.each(rows)('$name', async (row) => {
    const t = await testRepo();
    await setupAll(t, [
      ...classes,
      inst('Item', { Id: 'b' }),
      inst('Item', { Id: 'a' }),
      inst('SubItem', { Id: 's' }),
      inst('Circle', { Id: 'c' }),
    ]);
    const r = t.svc.createInstanceEnum(row.className, row.flags);
    expect(hrName(r.hr)).toBe(hrName(HR.S_NO_ERROR));
    expect(r.objects.map((o) => o.system.__RELPATH).sort()).toEqual(row.paths);
  });

  it('an unknown class → WBEM_E_INVALID_CLASS', async () => {
    const t = await testRepo();
    expect(hrName(t.svc.createInstanceEnum('Nothing').hr)).toBe(hrName(HR.E_INVALID_CLASS));
  });
});

describe('__NAMESPACE instances create and delete namespaces', () => {
  it('creating one makes a namespace with the system classes; deleting it removes everything below', async () => {
    const t = await testRepo();
    const r = await t.svc.putInstance(inst('__NAMESPACE', { Name: 'child' }));
    expect(hrName(r.hr)).toBe(hrName(HR.S_NO_ERROR));
    expect(r.path).toBe('__NAMESPACE.Name="child"');
    expect(t.eventNames()).toEqual(['__InstanceCreationEvent:__NAMESPACE']);
    const c = connectServer(t.repo, 'root\\test\\child');
    expect(hrName(c.hr)).toBe(hrName(HR.S_NO_ERROR));
    const child = c.services!;
    expect(hrName(child.getObject('__ExtendedStatus').hr)).toBe(hrName(HR.S_NO_ERROR));
    expect(child.createClassEnum(null).objects.filter((o) => !o.name.startsWith('__'))).toEqual([]);
    // Fill it, with a grandchild namespace.
    expect((await child.putClass(cls('Inner', null, { properties: [prop('Id', 'string', KEY)] }))).hr).toBe(0);
    expect((await child.putInstance(inst('Inner', { Id: 'i' }))).hr).toBe(0);
    expect((await child.putInstance(inst('__NAMESPACE', { Name: 'grand' }))).hr).toBe(0);
    expect(t.repo.state.childNamespaces('root\\test')).toEqual(['root\\test\\child']);
    expect(t.svc.createInstanceEnum('__NAMESPACE').objects.map((o) => o.system.__RELPATH)).toEqual([
      '__NAMESPACE.Name="child"',
    ]);
    t.clearEvents();
    const d = await t.svc.deleteInstance('__NAMESPACE.Name="child"');
    expect(hrName(d.hr)).toBe(hrName(HR.S_NO_ERROR));
    expect(t.eventNames()).toEqual(['__InstanceDeletionEvent:__NAMESPACE']);
    expect(hrName(connectServer(t.repo, 'root\\test\\child').hr)).toBe(hrName(HR.E_INVALID_NAMESPACE));
    expect(hrName(connectServer(t.repo, 'root\\test\\child\\grand').hr)).toBe(hrName(HR.E_INVALID_NAMESPACE));
    expect(snapshotNamespace(t.repo, 'root\\test\\child')).toBe('null');
    expect(t.svc.createInstanceEnum('__NAMESPACE').objects).toEqual([]);
    // A service bound to the removed namespace now fails cleanly.
    expect(hrName((await child.putClass(cls('Late', null))).hr)).toBe(hrName(HR.E_INVALID_NAMESPACE));
    // Recreating it starts empty.
    expect((await t.svc.putInstance(inst('__NAMESPACE', { Name: 'child' }))).hr).toBe(0);
    const again = connectServer(t.repo, 'root\\test\\child').services!;
    expect(hrName(again.getObject('Inner').hr)).toBe(hrName(HR.E_NOT_FOUND));
  });

  it.each([
    { name: 'a name with a backslash', value: 'a\\b' },
    { name: 'a name with a space', value: 'a b' },
    { name: 'an empty name', value: '' },
  ])('$name is refused and creates nothing', async (row) => {
    const t = await testRepo();
    const seen = await observe(t, () => t.svc.putInstance(inst('__NAMESPACE', { Name: row.value })));
    expect(hrName(seen.result.hr)).toBe(hrName(HR.E_INVALID_PARAMETER));
    expect(seen.after).toBe(seen.before);
    expect(seen.events).toEqual([]);
  });

  it('an existing namespace with CREATE_ONLY → WBEM_E_ALREADY_EXISTS', async () => {
    const t = await testRepo();
    await setupAll(t, [inst('__NAMESPACE', { Name: 'child' })]);
    const seen = await observe(t, () =>
      t.svc.putInstance(inst('__NAMESPACE', { Name: 'CHILD' }), WBEM_FLAG.CREATE_ONLY),
    );
    expect(hrName(seen.result.hr)).toBe(hrName(HR.E_ALREADY_EXISTS));
    expect(seen.after).toBe(seen.before);
  });
});
