import { describe, expect, it } from 'vitest';
import type { ExtendedStatus } from '../errors/extendedStatus';
import { HR, hrName, WBEM_FLAG, WBEM_RIGHT } from '../errors/wbem';
import type { CimObjectDefinition, ClassDefinition } from '../model';
import { cls, prop, qual } from '../model/build';
import { observe, setupAll } from '../testing/cases';
import { inst, testRepo, type TestRepo } from '../testing/testRepo';
import type { CimClass } from './cimObjects';

/** PutClass (synchronous), decisions §1, §2 and §5: one row per check, in the decision's order. */

const KEY = [qual('Key')];
const F = WBEM_FLAG;
const base = (name = 'Base', superclass: string | null = null, extra: Partial<ClassDefinition> = {}) => ({
  ...cls(name, superclass, { properties: [prop('Id', 'string', KEY)] }),
  ...extra,
});
const item = cls('Item', null, { properties: [prop('Id', 'string', KEY), prop('Size', 'uint32')] });

interface Row {
  readonly name: string;
  readonly setup?: readonly CimObjectDefinition[];
  /** Runs before the call, after the setup (security changes and the like). */
  readonly prepare?: (t: TestRepo) => Promise<unknown>;
  readonly call: ClassDefinition | CimObjectDefinition | null;
  readonly flags?: number;
  readonly as?: string;
  readonly hr: number;
  /** Fields of the error object; absent on success (the error object must then be null). */
  readonly error?: Partial<ExtendedStatus> | null;
  readonly events?: readonly string[];
}

async function run(row: Row) {
  const t = await testRepo();
  await setupAll(t, row.setup ?? []);
  await row.prepare?.(t);
  const svc = row.as ? t.as(row.as) : t.svc;
  const seen = await observe(t, () => svc.putClass(row.call as CimObjectDefinition | null, row.flags ?? 0));
  return { t, ...seen };
}

function check(row: Row, seen: Awaited<ReturnType<typeof run>>) {
  const r = seen.result;
  expect(hrName(r.hr)).toBe(hrName(row.hr));
  if (row.hr === HR.S_NO_ERROR) {
    expect(r.errorObject).toBeNull();
    expect(seen.events).toEqual(row.events ?? []);
    return;
  }
  // A failure stores nothing and raises nothing.
  expect(seen.events).toEqual([]);
  expect(seen.after).toBe(seen.before);
  if (row.error === null) {
    expect(r.errorObject).toBeNull();
    return;
  }
  expect(r.errorObject).toMatchObject({
    __CLASS: '__ExtendedStatus',
    StatusCode: row.hr,
    Operation: 'PutClass',
    ProviderName: 'Windows Management',
    ...row.error,
  });
  expect(r.errorObject!.Description).toMatch(/\w{3,}/);
}

describe('PutClass §1: flags and parameters are checked first, with no error object', () => {
  const rows: Row[] = [
    { name: 'an unknown bit (0x4)', call: item, flags: 0x4, hr: HR.E_INVALID_PARAMETER, error: null },
    { name: 'SEND_STATUS is async-only', call: item, flags: F.SEND_STATUS, hr: HR.E_INVALID_PARAMETER, error: null },
    {
      name: 'STRONG_VALIDATION (0x100000)',
      call: item,
      flags: F.STRONG_VALIDATION,
      hr: HR.E_INVALID_PARAMETER,
      error: null,
    },
    {
      name: 'UPDATE_ONLY with CREATE_ONLY',
      call: item,
      flags: F.UPDATE_ONLY | F.CREATE_ONLY,
      hr: HR.E_INVALID_PARAMETER,
      error: null,
    },
    {
      name: 'SAFE_MODE with FORCE_MODE',
      call: item,
      flags: F.UPDATE_SAFE_MODE | F.UPDATE_FORCE_MODE,
      hr: HR.E_INVALID_PARAMETER,
      error: null,
    },
    { name: 'a null object', call: null, hr: HR.E_INVALID_PARAMETER, error: null },
    {
      name: 'no WBEM_ENABLE on the namespace',
      prepare: (t) => t.svc.setSecurity('Authenticated Users', 0),
      call: item,
      as: 'alice',
      hr: HR.E_ACCESS_DENIED,
      error: null,
    },
    {
      name: 'bad flags win over a null object',
      call: null,
      flags: 0x4,
      hr: HR.E_INVALID_PARAMETER,
      error: null,
    },
  ];
  it.each(rows)('$name', async (row) => check(row, await run(row)));
});

describe('PutClass §2: the remaining checks, first failure wins', () => {
  const rows: Row[] = [
    // 1. Genus.
    {
      name: 'an instance instead of a class',
      setup: [item],
      call: inst('Item', { Id: 'a' }),
      hr: HR.E_INVALID_CLASS,
      error: { ParameterInfo: 'Item' },
    },
    // 2. Class name.
    {
      name: 'a leading underscore',
      call: base('_Base'),
      hr: HR.E_INVALID_OPERATION,
      error: { ParameterInfo: '_Base' },
    },
    {
      name: 'a system class name',
      call: base('__NAMESPACE'),
      hr: HR.E_INVALID_OPERATION,
      error: { ParameterInfo: '__NAMESPACE' },
    },
    { name: 'a trailing underscore', call: base('Base_'), hr: HR.E_INVALID_OBJECT, error: { ParameterInfo: 'Base_' } },
    {
      name: 'a leading digit',
      call: base('1Base'),
      hr: HR.E_INVALID_PARAMETER,
      error: { ParameterInfo: '1Base' },
    },
    { name: 'a hyphen', call: base('My-Base'), hr: HR.E_INVALID_PARAMETER, error: { ParameterInfo: 'My-Base' } },
    { name: 'an empty name', call: base(''), hr: HR.E_INVALID_PARAMETER, error: { ParameterInfo: '' } },
    {
      name: '256 characters',
      call: base('C'.repeat(256)),
      hr: HR.E_CLASS_NAME_TOO_WIDE,
      error: { ParameterInfo: 'C'.repeat(256) },
    },
    {
      name: 'a leading underscore wins over a trailing one',
      call: base('_Base_'),
      hr: HR.E_INVALID_OPERATION,
    },
    {
      name: 'a trailing underscore wins over the length',
      call: base('C'.repeat(300) + '_'),
      hr: HR.E_INVALID_OBJECT,
    },
    // 3. Write right.
    {
      name: 'an authenticated user lacks FULL_WRITE_REP',
      call: item,
      as: 'alice',
      hr: HR.E_ACCESS_DENIED,
      error: { ParameterInfo: 'Item' },
    },
    {
      name: 'PARTIAL_WRITE_REP does not suffice',
      prepare: (t) => t.svc.setSecurity('alice', WBEM_RIGHT.ENABLE | WBEM_RIGHT.PARTIAL_WRITE_REP),
      call: item,
      as: 'alice',
      hr: HR.E_ACCESS_DENIED,
    },
    {
      name: 'the name is checked before the right',
      call: base('_Base'),
      as: 'alice',
      hr: HR.E_INVALID_OPERATION,
    },
    {
      name: 'the right is checked before existence (UPDATE_ONLY on a missing class)',
      call: item,
      flags: F.UPDATE_ONLY,
      as: 'alice',
      hr: HR.E_ACCESS_DENIED,
    },
    {
      name: 'the right is checked before existence (CREATE_ONLY on a stored class)',
      setup: [item],
      call: item,
      flags: F.CREATE_ONLY,
      as: 'alice',
      hr: HR.E_ACCESS_DENIED,
    },
    // 4. Existence.
    {
      name: 'CREATE_ONLY on a stored class',
      setup: [item],
      call: item,
      flags: F.CREATE_ONLY,
      hr: HR.E_ALREADY_EXISTS,
      error: { ParameterInfo: 'Item' },
    },
    {
      name: 'CREATE_ONLY on a stored class spelled differently',
      setup: [item],
      call: { ...item, name: 'ITEM' },
      flags: F.CREATE_ONLY,
      hr: HR.E_ALREADY_EXISTS,
    },
    {
      name: 'UPDATE_ONLY on a missing class',
      call: item,
      flags: F.UPDATE_ONLY,
      hr: HR.E_NOT_FOUND,
      error: { ParameterInfo: 'Item' },
    },
    {
      name: 'existence is checked before the superclass',
      setup: [base('Child', null)],
      call: base('Child', 'Missing'),
      flags: F.CREATE_ONLY,
      hr: HR.E_ALREADY_EXISTS,
    },
    // 5. Superclass.
    {
      name: 'a missing superclass',
      call: base('Child', 'Missing'),
      hr: HR.E_INVALID_SUPERCLASS,
      error: { ParameterInfo: 'Missing' },
    },
    {
      name: 'a class deriving from itself',
      setup: [base('Base')],
      call: base('Base', 'Base'),
      hr: HR.E_CIRCULAR_REFERENCE,
      error: { ParameterInfo: 'Base' },
    },
    {
      name: 'a chain through a descendant',
      setup: [base('Base'), cls('Mid', 'Base'), cls('Leaf', 'Mid')],
      call: base('Base', 'Leaf'),
      hr: HR.E_CIRCULAR_REFERENCE,
      error: { ParameterInfo: 'Leaf' },
    },
    {
      name: 'a Terminal superclass',
      setup: [cls('Sealed', null, { qualifiers: [qual('Terminal')], properties: [prop('Id', 'string', KEY)] })],
      call: cls('Child', 'Sealed'),
      hr: HR.E_INVALID_SUPERCLASS,
      error: { ParameterInfo: 'Sealed' },
    },
    {
      name: 'the superclass is checked before the shape',
      call: cls('Child', 'Missing', { properties: [prop('_bad', 'string')] }),
      hr: HR.E_INVALID_SUPERCLASS,
    },
    // 6. Shape (one representative; shape.test.ts has every rule).
    {
      name: 'a bad property name',
      call: cls('Thing', null, { properties: [prop('Bad_', 'string')] }),
      hr: HR.E_INVALID_PARAMETER,
      error: { ParameterInfo: 'Bad_' },
    },
    {
      name: 'the shape is checked before the update mode',
      setup: [base('Base'), cls('Child', 'Base')],
      call: cls('Base', null, { properties: [prop('Id', 'string', KEY), prop('x_', 'string')] }),
      hr: HR.E_INVALID_PARAMETER,
      error: { ParameterInfo: 'x_' },
    },
    // 7. Update mode (one representative; updateModes.test.ts has every rule).
    {
      name: 'compatible mode on a class with children',
      setup: [base('Base'), cls('Child', 'Base')],
      call: cls('Base', null, { properties: [prop('Id', 'string', KEY), prop('Extra', 'string')] }),
      hr: HR.E_CLASS_HAS_CHILDREN,
      error: { ParameterInfo: 'Base' },
    },
  ];
  it.each(rows)('$name', async (row) => check(row, await run(row)));
});

describe('PutClass success: stores, raises one event', () => {
  const rows: Row[] = [
    { name: 'a new root class', call: item, hr: HR.S_NO_ERROR, events: ['__ClassCreationEvent:Item'] },
    {
      name: 'a new class under a user class',
      setup: [item],
      call: cls('Part', 'Item'),
      flags: F.CREATE_ONLY,
      hr: HR.S_NO_ERROR,
      events: ['__ClassCreationEvent:Part'],
    },
    {
      name: 'a user class under __ExtendedStatus (§8 system class)',
      call: cls('My_Status', '__ExtendedStatus', { properties: [prop('Detail', 'string')] }),
      hr: HR.S_NO_ERROR,
      events: ['__ClassCreationEvent:My_Status'],
    },
    {
      name: 'a user class under __ExtrinsicEvent',
      call: cls('My_Event', '__ExtrinsicEvent'),
      hr: HR.S_NO_ERROR,
      events: ['__ClassCreationEvent:My_Event'],
    },
    {
      name: 'a 255-character name',
      call: cls('C'.repeat(255), null),
      hr: HR.S_NO_ERROR,
      events: [`__ClassCreationEvent:${'C'.repeat(255)}`],
    },
    {
      name: 'an update with UPDATE_ONLY',
      setup: [item],
      call: { ...item, properties: [...item.properties, prop('Extra', 'string')] },
      flags: F.UPDATE_ONLY,
      hr: HR.S_NO_ERROR,
      events: ['__ClassModificationEvent:Item'],
    },
    { name: 'an identical put: nothing stored, no event', setup: [item], call: item, hr: HR.S_NO_ERROR, events: [] },
    {
      name: 'a respelling is stored and raises an event',
      setup: [item],
      call: { ...item, name: 'ITEM' },
      hr: HR.S_NO_ERROR,
      events: ['__ClassModificationEvent:ITEM'],
    },
  ];
  it.each(rows)('$name', async (row) => check(row, await run(row)));

  it('an identical put changes nothing at all', async () => {
    const seen = await run({ name: 'same', setup: [item], call: item, hr: HR.S_NO_ERROR });
    expect(seen.after).toBe(seen.before);
  });

  it('stores the spelling of the latest successful put, and GetObject answers to any case', async () => {
    const seen = await run({ name: 'respell', setup: [item], call: { ...item, name: 'ITEM' }, hr: HR.S_NO_ERROR });
    const got = seen.t.svc.getObject('item');
    expect(hrName(got.hr)).toBe(hrName(HR.S_NO_ERROR));
    expect((got.object as CimClass).name).toBe('ITEM');
    expect(seen.t.svc.createClassEnum(null, F.SHALLOW).objects.map((c) => c.name)).toContain('ITEM');
  });

  it('the modification event carries the previous and the new class', async () => {
    const t = await testRepo();
    await setupAll(t, [item]);
    await t.svc.putClass({ ...item, properties: [...item.properties, prop('Extra', 'string')] });
    expect(t.events).toHaveLength(1);
    const e = t.events[0]!;
    expect(e.__CLASS).toBe('__ClassModificationEvent');
    expect(e.namespace).toBe('root\\test');
    expect(e.PreviousClass?.properties.map((p) => p.name)).toEqual(['Id', 'Size']);
    expect(e.TargetClass?.properties.map((p) => p.name)).toEqual(['Id', 'Size', 'Extra']);
    expect(e.TIME_CREATED).toMatch(/^\d{17,}$/);
  });

  it('a failed update leaves the stored class exactly as it was', async () => {
    const t = await testRepo();
    await setupAll(t, [base('Base'), cls('Child', 'Base', { properties: [prop('Size', 'uint32')] })]);
    const before = JSON.stringify(t.svc.getObject('Child').object);
    const r = await t.svc.putClass(
      cls('Base', null, { properties: [prop('Id', 'string', KEY), prop('Size', 'string')] }),
      F.UPDATE_SAFE_MODE,
    );
    expect(hrName(r.hr)).toBe(hrName(HR.E_UPDATE_TYPE_MISMATCH));
    expect(JSON.stringify(t.svc.getObject('Child').object)).toBe(before);
  });

  it('operations queue: concurrent puts are applied one at a time, in call order', async () => {
    const t = await testRepo();
    const a = t.svc.putClass(base('Base'));
    const b = t.svc.putClass(cls('Child', 'Base'));
    const c = t.svc.putClass(base('Base'), F.CREATE_ONLY);
    expect([(await a).hr, (await b).hr, (await c).hr].map(hrName)).toEqual([
      'WBEM_S_NO_ERROR',
      'WBEM_S_NO_ERROR',
      'WBEM_E_ALREADY_EXISTS',
    ]);
    expect(t.eventNames()).toEqual(['__ClassCreationEvent:Base', '__ClassCreationEvent:Child']);
  });
});
