import { describe, expect, it } from 'vitest';
import { HR, hrName, WBEM_FLAG, WBEM_RIGHT } from '../errors/wbem';
import { compareNames } from '../model';
import { cls, prop, qual } from '../model/build';
import { SYSTEM_CLASSES } from '../repository/systemClasses';
import { setupAll } from '../testing/cases';
import { testRepo } from '../testing/testRepo';
import { connectServer } from './connectServer';

/** CreateClassEnum, decisions §11: DEEP / SHALLOW, null superclass, case-insensitive name order. */

const KEY = [qual('Key')];
const F = WBEM_FLAG;

/**
 *  Animal ─┬─ bird ── Eagle
 *          ├─ Cat ─┬─ lion
 *          │       └─ Tiger
 *          └─ Dog
 *  zebra_Stripes (root),  apple (root),  My_Status : __ExtendedStatus
 */
const setup = [
  cls('Animal', null, { properties: [prop('Id', 'string', KEY)] }),
  cls('Dog', 'Animal'),
  cls('Cat', 'Animal'),
  cls('bird', 'Animal'),
  cls('Tiger', 'Cat'),
  cls('lion', 'Cat'),
  cls('Eagle', 'bird'),
  cls('zebra_Stripes', null),
  cls('apple', null),
  cls('My_Status', '__ExtendedStatus'),
];

/** The system classes every namespace holds: at least those decisions §8 lists (more may be added). */
const SYSTEM = SYSTEM_CLASSES.map((c) => c.name);
const SYSTEM_ROOTS = SYSTEM_CLASSES.filter((c) => c.superclass === null).map((c) => c.name);
const DECISIONS_8 = [
  '__SystemClass',
  '__NAMESPACE',
  '__Provider',
  '__Win32Provider',
  '__ProviderRegistration',
  '__ObjectProviderRegistration',
  '__ClassProviderRegistration',
  '__InstanceProviderRegistration',
  '__MethodProviderRegistration',
  '__EventProviderRegistration',
  '__Event',
  '__ExtrinsicEvent',
  '__ClassOperationEvent',
  '__ClassCreationEvent',
  '__ClassModificationEvent',
  '__ClassDeletionEvent',
  '__InstanceOperationEvent',
  '__InstanceCreationEvent',
  '__InstanceModificationEvent',
  '__InstanceDeletionEvent',
  '__NotifyStatus',
  '__ExtendedStatus',
  '__SystemSecurity',
];

describe('CreateClassEnum', () => {
  const rows = [
    {
      name: 'DEEP under a class: every descendant, not the class itself, by name',
      superclass: 'Animal',
      flags: F.DEEP,
      names: ['bird', 'Cat', 'Dog', 'Eagle', 'lion', 'Tiger'],
    },
    {
      name: 'SHALLOW under a class: direct children',
      superclass: 'Animal',
      flags: F.SHALLOW,
      names: ['bird', 'Cat', 'Dog'],
    },
    { name: 'DEEP under a middle class', superclass: 'cat', flags: F.DEEP, names: ['lion', 'Tiger'] },
    { name: 'DEEP under a leaf: nothing', superclass: 'Eagle', flags: F.DEEP, names: [] },
    { name: 'SHALLOW under a leaf: nothing', superclass: 'Tiger', flags: F.SHALLOW, names: [] },
    {
      name: 'DEEP under a system class reaches user subclasses',
      superclass: '__NotifyStatus',
      flags: F.DEEP,
      names: ['__ExtendedStatus', 'My_Status'],
    },
    {
      name: 'SHALLOW with a null superclass: root classes, system ones included',
      superclass: null,
      flags: F.SHALLOW,
      names: [...SYSTEM_ROOTS, 'Animal', 'apple', 'zebra_Stripes'].sort(compareNames),
    },
    {
      name: 'SHALLOW with an empty superclass name: the same as null',
      superclass: '',
      flags: F.SHALLOW,
      names: [...SYSTEM_ROOTS, 'Animal', 'apple', 'zebra_Stripes'].sort(compareNames),
    },
    {
      name: 'DEEP with a null superclass: every class, system classes included',
      superclass: null,
      flags: F.DEEP,
      names: [
        ...SYSTEM,
        'Animal',
        'apple',
        'bird',
        'Cat',
        'Dog',
        'Eagle',
        'lion',
        'My_Status',
        'Tiger',
        'zebra_Stripes',
      ].sort(compareNames),
    },
  ];
  it.each(rows)('$name', async (row) => {
    const t = await testRepo();
    await setupAll(t, setup);
    const r = t.svc.createClassEnum(row.superclass, row.flags);
    expect(hrName(r.hr)).toBe(hrName(HR.S_NO_ERROR));
    expect(r.objects.map((c) => c.name)).toEqual(row.names);
  });

  it('every namespace holds at least the system classes of decisions §8', async () => {
    const t = await testRepo();
    const names = t.svc.createClassEnum(null).objects.map((c) => c.name);
    for (const n of DECISIONS_8) expect(names).toContain(n);
    expect(names).toEqual([...SYSTEM].sort(compareNames));
    for (const n of ['root', 'root\\default', 'root\\cimv2']) {
      const other = connectServer(t.repo, n)
        .services!.createClassEnum(null)
        .objects.map((c) => c.name);
      expect(other).toEqual(names);
    }
  });

  it('returns effective classes with their system properties', async () => {
    const t = await testRepo();
    await setupAll(t, setup);
    const r = t.svc.createClassEnum('Cat', F.SHALLOW);
    expect(r.objects.map((c) => [c.system.__CLASS, c.system.__DERIVATION, c.system.__PROPERTY_COUNT])).toEqual([
      ['lion', ['Cat', 'Animal'], 1],
      ['Tiger', ['Cat', 'Animal'], 1],
    ]);
    expect(r.objects[0]!.properties[0]).toMatchObject({ name: 'Id', classOrigin: 'Animal', key: true });
  });

  it('follows the latest spelling and the latest tree', async () => {
    const t = await testRepo();
    await setupAll(t, setup);
    await setupAll(t, [cls('DOG', 'Animal')]);
    expect((await t.svc.deleteClass('Cat')).hr).toBe(HR.S_NO_ERROR);
    expect(t.svc.createClassEnum('Animal').objects.map((c) => c.name)).toEqual(['bird', 'DOG', 'Eagle']);
  });

  it.each([
    { name: 'an unknown superclass', superclass: 'Nothing', flags: 0, hr: HR.E_INVALID_CLASS },
    { name: 'an unknown superclass, shallow', superclass: 'Nothing', flags: F.SHALLOW, hr: HR.E_INVALID_CLASS },
    { name: 'a foreign flag', superclass: 'Animal', flags: F.SEND_STATUS, hr: HR.E_INVALID_PARAMETER },
  ])('$name', async (row) => {
    const t = await testRepo();
    await setupAll(t, setup);
    const r = t.svc.createClassEnum(row.superclass, row.flags);
    expect(hrName(r.hr)).toBe(hrName(row.hr));
    expect(r.objects).toEqual([]);
  });

  it('needs WBEM_ENABLE', async () => {
    const t = await testRepo();
    await setupAll(t, setup);
    expect(await t.svc.setSecurity('Authenticated Users', WBEM_RIGHT.METHOD_EXECUTE)).toBe(HR.S_NO_ERROR);
    const r = t.as('alice').createClassEnum(null);
    expect(hrName(r.hr)).toBe(hrName(HR.E_ACCESS_DENIED));
    expect(r.objects).toEqual([]);
  });
});
