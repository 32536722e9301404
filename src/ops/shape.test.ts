import { describe, expect, it } from 'vitest';
import { HR, hrName } from '../errors/wbem';
import type { CimObjectDefinition, ClassDefinition, QualifierDeclaration } from '../model';
import { cls, DISABLEOVERRIDE, method, param, prop, qual, TOSUBCLASS } from '../model/build';
import { observe, setupAll } from '../testing/cases';
import { testRepo } from '../testing/testRepo';

/** The shape checks of decisions §2 step 6, each rule and their order, with the exact HRESULT. */

const KEY = qual('Key');
const IN = qual('In');
const OUT = qual('Out');
const id = (n: number) => qual('ID', n);
const W = (c: string) => c.repeat(255);
const manyProps = (n: number, prefix = 'P') => Array.from({ length: n }, (_, i) => prop(`${prefix}${i}`, 'uint8'));

const parent = cls('Parent', null, {
  qualifiers: [qual('Category', 'p', TOSUBCLASS | DISABLEOVERRIDE), qual('Note', 'free', TOSUBCLASS)],
  properties: [
    prop('Id', 'string', [KEY]),
    prop('Size', 'uint32', [
      qual('Units', 'bytes', TOSUBCLASS | DISABLEOVERRIDE),
      qual('MaxValue', 9, DISABLEOVERRIDE),
    ]),
    prop('Tags', 'string[]'),
    prop('Link', 'ref:Target'),
    prop('Any', 'ref'),
    prop('Blob', 'object:Target'),
  ],
  methods: [
    method(
      'Run',
      'uint32',
      [param('Speed', 'uint32', [IN, id(0)]), param('Done', 'boolean', [OUT, id(1)])],
      [qual('Static', true, TOSUBCLASS | DISABLEOVERRIDE)],
    ),
  ],
});
const target = cls('Target', null, { properties: [prop('Name', 'string', [KEY])] });
const subTarget = cls('SubTarget', 'Target');
const superOfTarget = cls('Other', null);
const abstractKeyless = cls('Thing', null, { qualifiers: [qual('Abstract')], properties: [prop('Caption', 'string')] });
const concrete = cls('Concrete', null, { properties: [prop('Id', 'string', [KEY])] });
const declarations: QualifierDeclaration[] = [
  { name: 'MaxLen', type: { base: 'uint32', array: false }, scopes: ['property'], flavor: 0 },
  { name: 'Purpose', type: { base: 'string', array: false }, scopes: ['class'], flavor: 0 },
  { name: 'Codes', type: { base: 'string', array: true }, scopes: ['property'], flavor: 0 },
];
const world: CimObjectDefinition[] = [target, subTarget, superOfTarget, parent, abstractKeyless, concrete];

interface Row {
  readonly name: string;
  readonly call: ClassDefinition;
  readonly hr: number;
  /** ParameterInfo of the error object. */
  readonly info?: string;
  readonly setup?: readonly CimObjectDefinition[];
}

const child = (members: Parameters<typeof cls>[2] = {}, superclass = 'Parent', name = 'Child') =>
  cls(name, superclass, members);

async function run(row: Row) {
  const t = await testRepo();
  for (const d of declarations) expect((await t.svc.putQualifierDecl(d)).hr).toBe(HR.S_NO_ERROR);
  await setupAll(t, [...world, ...(row.setup ?? [])]);
  return observe(t, () => t.svc.putClass(row.call));
}

function table(title: string, rows: readonly Row[]) {
  describe(title, () => {
    it.each(rows)('$name', async (row) => {
      const seen = await run(row);
      expect(hrName(seen.result.hr)).toBe(hrName(row.hr));
      if (row.hr === HR.S_NO_ERROR) {
        expect(seen.result.errorObject).toBeNull();
        expect(seen.events).toHaveLength(1);
        return;
      }
      expect(seen.after).toBe(seen.before);
      expect(seen.events).toEqual([]);
      expect(seen.result.errorObject).toMatchObject({
        __CLASS: '__ExtendedStatus',
        StatusCode: row.hr,
        Operation: 'PutClass',
        ...(row.info !== undefined ? { ParameterInfo: row.info } : {}),
      });
    });
  });
}

table('names of properties, methods and qualifiers', [
  {
    name: 'property: leading _',
    call: child({ properties: [prop('_x', 'string')] }),
    hr: HR.E_INVALID_PARAMETER,
    info: '_x',
  },
  {
    name: 'property: trailing _',
    call: child({ properties: [prop('x_', 'string')] }),
    hr: HR.E_INVALID_PARAMETER,
    info: 'x_',
  },
  { name: 'property: leading digit', call: child({ properties: [prop('9x', 'string')] }), hr: HR.E_INVALID_PARAMETER },
  { name: 'property: a space', call: child({ properties: [prop('a b', 'string')] }), hr: HR.E_INVALID_PARAMETER },
  {
    name: 'property: 256 characters',
    call: child({ properties: [prop(W('p') + 'p', 'string')] }),
    hr: HR.E_PROPERTY_NAME_TOO_WIDE,
    info: W('p') + 'p',
  },
  { name: 'property: 255 characters', call: child({ properties: [prop(W('p'), 'string')] }), hr: HR.S_NO_ERROR },
  { name: 'property: _ inside', call: child({ properties: [prop('a_b', 'string')] }), hr: HR.S_NO_ERROR },
  { name: 'method: leading _', call: child({ methods: [method('_m', null)] }), hr: HR.E_INVALID_PARAMETER, info: '_m' },
  {
    name: 'method: trailing _',
    call: child({ methods: [method('m_', null)] }),
    hr: HR.E_INVALID_PARAMETER,
    info: 'm_',
  },
  {
    name: 'method: 256 characters',
    call: child({ methods: [method(W('m') + 'm', null)] }),
    hr: HR.E_METHOD_NAME_TOO_WIDE,
    info: W('m') + 'm',
  },
  { name: 'method: 255 characters', call: child({ methods: [method(W('m'), null)] }), hr: HR.S_NO_ERROR },
  {
    name: 'class qualifier: leading _',
    call: child({ qualifiers: [qual('_q')] }),
    hr: HR.E_INVALID_PARAMETER,
    info: '_q',
  },
  {
    name: 'property qualifier: trailing _',
    call: child({ properties: [prop('A', 'string', [qual('q_')])] }),
    hr: HR.E_INVALID_PARAMETER,
    info: 'q_',
  },
  {
    name: 'method qualifier: trailing _',
    call: child({ methods: [method('M', null, [], [qual('q_')])] }),
    hr: HR.E_INVALID_PARAMETER,
    info: 'q_',
  },
  {
    name: 'parameter qualifier: leading _',
    call: child({ methods: [method('M', null, [param('a', 'uint32', [IN, qual('_q')])])] }),
    hr: HR.E_INVALID_PARAMETER,
    info: '_q',
  },
  {
    name: 'qualifier: 256 characters',
    call: child({ qualifiers: [qual(W('q') + 'q')] }),
    hr: HR.E_QUALIFIER_NAME_TOO_WIDE,
    info: W('q') + 'q',
  },
  { name: 'qualifier: 255 characters', call: child({ qualifiers: [qual(W('q'))] }), hr: HR.S_NO_ERROR },
  {
    name: 'a keyword as a property name is accepted (Group, Class, Select)',
    call: child({ properties: [prop('Group', 'string'), prop('Class', 'string'), prop('Select', 'uint8')] }),
    hr: HR.S_NO_ERROR,
  },
]);

table('at most 1024 properties, inherited included', [
  { name: '1024 properties', call: cls('Wide', null, { properties: manyProps(1024) }), hr: HR.S_NO_ERROR },
  {
    name: '1025 properties',
    call: cls('Wide', null, { properties: manyProps(1025) }),
    hr: HR.E_TOO_MANY_PROPERTIES,
    info: 'Wide',
  },
  {
    name: '1000 inherited + 25 own',
    setup: [cls('WideBase', null, { properties: manyProps(1000) })],
    call: cls('Wide', 'WideBase', { properties: manyProps(25, 'Q') }),
    hr: HR.E_TOO_MANY_PROPERTIES,
    info: 'Wide',
  },
  {
    name: '1000 inherited + 24 own',
    setup: [cls('WideBase', null, { properties: manyProps(1000) })],
    call: cls('Wide', 'WideBase', { properties: manyProps(24, 'Q') }),
    hr: HR.S_NO_ERROR,
  },
  {
    name: 'redeclared inherited properties do not count twice',
    setup: [cls('WideBase', null, { properties: manyProps(1024) })],
    call: cls('Wide', 'WideBase', { properties: manyProps(10) }),
    hr: HR.S_NO_ERROR,
  },
]);

table('an inherited property redeclared with another type → WBEM_E_TYPE_MISMATCH', [
  {
    name: 'uint32 → string',
    call: child({ properties: [prop('Size', 'string')] }),
    hr: HR.E_TYPE_MISMATCH,
    info: 'Size',
  },
  {
    name: 'uint32 → sint32',
    call: child({ properties: [prop('Size', 'sint32')] }),
    hr: HR.E_TYPE_MISMATCH,
    info: 'Size',
  },
  { name: 'uint32 → uint64', call: child({ properties: [prop('Size', 'uint64')] }), hr: HR.E_TYPE_MISMATCH },
  {
    name: 'array → scalar',
    call: child({ properties: [prop('Tags', 'string')] }),
    hr: HR.E_TYPE_MISMATCH,
    info: 'Tags',
  },
  { name: 'scalar → array', call: child({ properties: [prop('Size', 'uint32[]')] }), hr: HR.E_TYPE_MISMATCH },
  { name: 'reference → string', call: child({ properties: [prop('Link', 'string')] }), hr: HR.E_TYPE_MISMATCH },
  {
    name: 'reference to an unrelated class',
    call: child({ properties: [prop('Link', 'ref:Other')] }),
    hr: HR.E_TYPE_MISMATCH,
    info: 'Link',
  },
  {
    name: 'the same type, another case in the name',
    call: child({ properties: [prop('SIZE', 'uint32')] }),
    hr: HR.S_NO_ERROR,
  },
  {
    name: 'reference narrowed to a subclass',
    call: child({ properties: [prop('Link', 'ref:SubTarget')] }),
    hr: HR.S_NO_ERROR,
  },
  { name: 'reference kept', call: child({ properties: [prop('Link', 'ref:target')] }), hr: HR.S_NO_ERROR },
  {
    name: 'an untyped reference narrowed',
    call: child({ properties: [prop('Any', 'ref:SubTarget')] }),
    hr: HR.S_NO_ERROR,
  },
  {
    name: 'an embedded object narrowed to a subclass',
    call: child({ properties: [prop('Blob', 'object:SubTarget')] }),
    hr: HR.S_NO_ERROR,
  },
  {
    name: 'reference narrowed to a subclass and then widened back below it',
    setup: [child({ properties: [prop('Link', 'ref:SubTarget')] })],
    call: child({ properties: [prop('Link', 'ref:Target')] }, 'Child', 'Grand'),
    hr: HR.E_TYPE_MISMATCH,
  },
]);

table('a DisableOverride qualifier given another value → WBEM_E_OVERRIDE_NOT_ALLOWED', [
  {
    name: 'on the class',
    call: child({ qualifiers: [qual('Category', 'c')] }),
    hr: HR.E_OVERRIDE_NOT_ALLOWED,
    info: 'Category',
  },
  {
    name: 'on a property',
    call: child({ properties: [prop('Size', 'uint32', [qual('Units', 'KB')])] }),
    hr: HR.E_OVERRIDE_NOT_ALLOWED,
    info: 'Units',
  },
  {
    name: 'on a method',
    call: child({ methods: [{ ...parent.methods[0]!, qualifiers: [qual('Static', false)] }] }),
    hr: HR.E_OVERRIDE_NOT_ALLOWED,
    info: 'Static',
  },
  {
    name: 'in a grandchild, inherited through a child that does not mention it',
    setup: [child()],
    call: cls('Grand', 'Child', { qualifiers: [qual('category', 'g')] }),
    hr: HR.E_OVERRIDE_NOT_ALLOWED,
    info: 'category',
  },
  { name: 'the same value', call: child({ qualifiers: [qual('Category', 'p')] }), hr: HR.S_NO_ERROR },
  { name: 'an overridable one', call: child({ qualifiers: [qual('Note', 'mine')] }), hr: HR.S_NO_ERROR },
  {
    name: 'a DisableOverride one that does not pass to subclasses',
    call: child({ properties: [prop('Size', 'uint32', [qual('MaxValue', 1)])] }),
    hr: HR.S_NO_ERROR,
  },
  {
    name: 'adding a qualifier the parent element does not carry (Required, Weak)',
    call: child({ properties: [prop('Size', 'uint32', [qual('Required'), qual('Weak')])] }),
    hr: HR.S_NO_ERROR,
  },
]);

table('an inherited method redeclared with another signature → WBEM_E_PROPAGATED_METHOD', [
  {
    name: 'another return type',
    call: child({ methods: [method('Run', 'sint32', parent.methods[0]!.parameters)] }),
    hr: HR.E_PROPAGATED_METHOD,
    info: 'Run',
  },
  {
    name: 'void instead of uint32',
    call: child({ methods: [method('Run', null, parent.methods[0]!.parameters)] }),
    hr: HR.E_PROPAGATED_METHOD,
  },
  {
    name: 'a parameter renamed',
    call: child({
      methods: [method('Run', 'uint32', [param('Velocity', 'uint32', [IN, id(0)]), parent.methods[0]!.parameters[1]!])],
    }),
    hr: HR.E_PROPAGATED_METHOD,
  },
  {
    name: 'a parameter type',
    call: child({
      methods: [method('Run', 'uint32', [param('Speed', 'uint16', [IN, id(0)]), parent.methods[0]!.parameters[1]!])],
    }),
    hr: HR.E_PROPAGATED_METHOD,
  },
  {
    name: 'a direction',
    call: child({
      methods: [
        method('Run', 'uint32', [param('Speed', 'uint32', [IN, OUT, id(0)]), parent.methods[0]!.parameters[1]!]),
      ],
    }),
    hr: HR.E_PROPAGATED_METHOD,
  },
  {
    name: 'the IDs swapped',
    call: child({
      methods: [
        method('Run', 'uint32', [param('Speed', 'uint32', [IN, id(1)]), param('Done', 'boolean', [OUT, id(0)])]),
      ],
    }),
    hr: HR.E_PROPAGATED_METHOD,
  },
  {
    name: 'a parameter dropped',
    call: child({ methods: [method('Run', 'uint32', [param('Speed', 'uint32', [IN])])] }),
    hr: HR.E_PROPAGATED_METHOD,
  },
  {
    name: 'the same signature, parameters listed in another order',
    call: child({
      methods: [method('Run', 'uint32', [...parent.methods[0]!.parameters].reverse(), [qual('Static', true)])],
    }),
    hr: HR.S_NO_ERROR,
  },
  {
    name: 'the same signature with other parameter qualifiers',
    call: child({
      methods: [
        method('Run', 'uint32', [
          param('Speed', 'uint32', [IN, id(0), qual('Description', 'km/h')]),
          parent.methods[0]!.parameters[1]!,
        ]),
      ],
    }),
    hr: HR.S_NO_ERROR,
  },
]);

table('Key on a class, or on a real / array / embedded-object property → WBEM_E_CANNOT_BE_KEY', [
  { name: 'on the class', call: cls('K', null, { qualifiers: [KEY] }), hr: HR.E_CANNOT_BE_KEY, info: 'K' },
  {
    name: 'real32',
    call: cls('K', null, { properties: [prop('R', 'real32', [KEY])] }),
    hr: HR.E_CANNOT_BE_KEY,
    info: 'R',
  },
  {
    name: 'real64',
    call: cls('K', null, { properties: [prop('R', 'real64', [KEY])] }),
    hr: HR.E_CANNOT_BE_KEY,
    info: 'R',
  },
  {
    name: 'an array',
    call: cls('K', null, { properties: [prop('A', 'string[]', [KEY])] }),
    hr: HR.E_CANNOT_BE_KEY,
    info: 'A',
  },
  {
    name: 'an embedded object',
    call: cls('K', null, { properties: [prop('E', 'object:Target', [KEY])] }),
    hr: HR.E_CANNOT_BE_KEY,
    info: 'E',
  },
  {
    name: 'an untyped embedded object',
    call: cls('K', null, { properties: [prop('E', 'object', [KEY])] }),
    hr: HR.E_CANNOT_BE_KEY,
  },
  {
    name: 'Key(false) on the class is no key',
    call: cls('K', null, { qualifiers: [qual('Key', false)] }),
    hr: HR.S_NO_ERROR,
  },
  {
    name: 'keys of the allowed types',
    call: cls('K', null, {
      properties: ['string', 'uint8', 'sint64', 'boolean', 'char16', 'datetime', 'ref:Target'].map((ty, i) =>
        prop(`K${i}`, ty, [KEY]),
      ),
    }),
    hr: HR.S_NO_ERROR,
  },
]);

table('keys are introduced once → WBEM_E_CANNOT_CHANGE_KEY_INHERITANCE', [
  {
    name: 'a new key below a keyed class',
    call: child({ properties: [prop('Id2', 'string', [KEY])] }),
    hr: HR.E_CANNOT_CHANGE_KEY_INHERITANCE,
    info: 'Id2',
  },
  {
    name: 'an inherited non-key property made key',
    call: child({ properties: [prop('Size', 'uint32', [KEY])] }),
    hr: HR.E_CANNOT_CHANGE_KEY_INHERITANCE,
    info: 'Size',
  },
  {
    name: 'in a grandchild',
    setup: [child()],
    call: child({ properties: [prop('Extra', 'string', [KEY])] }, 'Child', 'Grand'),
    hr: HR.E_CANNOT_CHANGE_KEY_INHERITANCE,
  },
  {
    name: 'redeclaring the inherited key with Key',
    call: child({ properties: [prop('Id', 'string', [KEY, qual('Override', 'Id')])] }),
    hr: HR.S_NO_ERROR,
  },
  {
    name: 'keys introduced below a keyless abstract class',
    call: child({ properties: [prop('Id', 'string', [KEY])] }, 'Thing'),
    hr: HR.S_NO_ERROR,
  },
]);

table('Abstract under a non-abstract parent → WBEM_E_CANNOT_BE_ABSTRACT', [
  {
    name: 'under a concrete class',
    call: child({ qualifiers: [qual('Abstract')] }, 'Concrete'),
    hr: HR.E_CANNOT_BE_ABSTRACT,
    info: 'Child',
  },
  { name: 'under an abstract class', call: child({ qualifiers: [qual('Abstract')] }, 'Thing'), hr: HR.S_NO_ERROR },
  { name: 'a root class', call: cls('Root', null, { qualifiers: [qual('Abstract')] }), hr: HR.S_NO_ERROR },
  {
    name: 'Abstract(false) under a concrete class',
    call: child({ qualifiers: [qual('Abstract', false)] }, 'Concrete'),
    hr: HR.S_NO_ERROR,
  },
]);

table('Singleton with a key property → WBEM_E_CANNOT_BE_SINGLETON', [
  {
    name: 'an own key',
    call: cls('S', null, { qualifiers: [qual('Singleton')], properties: [prop('Id', 'string', [KEY])] }),
    hr: HR.E_CANNOT_BE_SINGLETON,
    info: 'S',
  },
  {
    name: 'an inherited key',
    call: child({ qualifiers: [qual('Singleton')] }, 'Concrete'),
    hr: HR.E_CANNOT_BE_SINGLETON,
  },
  {
    name: 'no key',
    call: cls('S', null, { qualifiers: [qual('Singleton')], properties: [prop('Value', 'string')] }),
    hr: HR.S_NO_ERROR,
  },
]);

table('Terminal with Abstract → WBEM_E_INVALID_QUALIFIER', [
  {
    name: 'both',
    call: cls('T', null, { qualifiers: [qual('Terminal'), qual('Abstract')] }),
    hr: HR.E_INVALID_QUALIFIER,
    info: 'Terminal',
  },
  { name: 'Terminal alone', call: cls('T', null, { qualifiers: [qual('Terminal')] }), hr: HR.S_NO_ERROR },
]);

table('a qualifier value of a type its declaration forbids → WBEM_E_INVALID_QUALIFIER_TYPE', [
  {
    name: 'a string for a uint32 qualifier',
    call: child({ properties: [prop('Size', 'uint32', [qual('MaxLen', 'long')])] }),
    hr: HR.E_INVALID_QUALIFIER_TYPE,
    info: 'MaxLen',
  },
  {
    name: 'an integer for a string qualifier',
    call: child({ qualifiers: [qual('Purpose', 3)] }),
    hr: HR.E_INVALID_QUALIFIER_TYPE,
    info: 'Purpose',
  },
  {
    name: 'a boolean for a string qualifier',
    call: child({ qualifiers: [qual('purpose', true)] }),
    hr: HR.E_INVALID_QUALIFIER_TYPE,
  },
  {
    name: 'an array for a scalar',
    call: child({ qualifiers: [qual('Purpose', ['a', 'b'])] }),
    hr: HR.E_INVALID_QUALIFIER_TYPE,
  },
  {
    name: 'an integer for a uint32 qualifier',
    call: child({ properties: [prop('Size', 'uint32', [qual('MaxLen', 10)])] }),
    hr: HR.S_NO_ERROR,
  },
  {
    name: 'a string for a string qualifier',
    call: child({ qualifiers: [qual('Purpose', 'test')] }),
    hr: HR.S_NO_ERROR,
  },
  {
    name: 'an array for an array qualifier',
    call: child({ properties: [prop('A', 'string', [qual('Codes', ['x'])])] }),
    hr: HR.S_NO_ERROR,
  },
  {
    name: 'an undeclared qualifier takes any value',
    call: child({ qualifiers: [qual('Whatever', 3.5)] }),
    hr: HR.S_NO_ERROR,
  },
]);

table('flavor bits that cannot be set → WBEM_E_INVALID_FLAVOR', [
  {
    name: 'the origin bit 0x20 (propagated)',
    call: child({ qualifiers: [qual('Note2', 'x', 0x20)] }),
    hr: HR.E_INVALID_FLAVOR,
    info: 'Note2',
  },
  {
    name: 'the origin bit 0x40 (system)',
    call: child({ properties: [prop('A', 'string', [qual('Q', 'x', 0x40)])] }),
    hr: HR.E_INVALID_FLAVOR,
    info: 'Q',
  },
  { name: 'an unknown bit', call: child({ qualifiers: [qual('Note2', 'x', 0x100)] }), hr: HR.E_INVALID_FLAVOR },
  {
    name: 'every settable bit together',
    call: child({ qualifiers: [qual('Note2', 'x', 0x1 | 0x2 | 0x10 | 0x80)] }),
    hr: HR.S_NO_ERROR,
  },
]);

table('method parameters → WBEM_E_INVALID_METHOD_PARAMETERS', [
  {
    name: 'a parameter neither In nor Out (no In declaration)',
    call: child({ methods: [method('M', null, [param('a', 'uint32')])] }),
    hr: HR.E_INVALID_METHOD_PARAMETERS,
    info: 'a',
  },
  {
    name: 'In(false) and no Out',
    call: child({ methods: [method('M', null, [param('a', 'uint32', [qual('In', false)])])] }),
    hr: HR.E_INVALID_METHOD_PARAMETERS,
    info: 'a',
  },
  {
    name: 'IDs 0 and 2',
    call: child({
      methods: [method('M', null, [param('a', 'uint32', [IN, id(0)]), param('b', 'uint32', [IN, id(2)])])],
    }),
    hr: HR.E_INVALID_METHOD_PARAMETERS,
    info: 'M',
  },
  {
    name: 'IDs starting at 1',
    call: child({
      methods: [method('M', null, [param('a', 'uint32', [IN, id(1)]), param('b', 'uint32', [IN, id(2)])])],
    }),
    hr: HR.E_INVALID_METHOD_PARAMETERS,
  },
  {
    name: 'a duplicate ID',
    call: child({
      methods: [method('M', null, [param('a', 'uint32', [IN, id(0)]), param('b', 'uint32', [IN, id(0)])])],
    }),
    hr: HR.E_INVALID_METHOD_PARAMETERS,
  },
  {
    name: 'an ID on one parameter only',
    call: child({ methods: [method('M', null, [param('a', 'uint32', [IN, id(1)]), param('b', 'uint32', [IN])])] }),
    hr: HR.E_INVALID_METHOD_PARAMETERS,
  },
  {
    name: 'IDs 1, 0 (consecutive, another order)',
    call: child({
      methods: [method('M', null, [param('a', 'uint32', [IN, id(1)]), param('b', 'uint32', [OUT, id(0)])])],
    }),
    hr: HR.S_NO_ERROR,
  },
  {
    name: 'no IDs at all: declaration order',
    call: child({ methods: [method('M', 'uint32', [param('a', 'uint32', [IN]), param('b', 'string', [OUT])])] }),
    hr: HR.S_NO_ERROR,
  },
  {
    name: 'In and Out together',
    call: child({ methods: [method('M', null, [param('a', 'uint32', [IN, OUT])])] }),
    hr: HR.S_NO_ERROR,
  },
]);

describe('a parameter without In or Out takes the In declaration default (DMTF: true)', () => {
  it('with `In : boolean = true` declared, a bare parameter is In', async () => {
    const t = await testRepo();
    await t.svc.putQualifierDecl({
      name: 'In',
      type: { base: 'boolean', array: false },
      defaultValue: true,
      scopes: ['parameter'],
      flavor: 0,
    });
    const r = await t.svc.putClass(cls('M', null, { methods: [method('Go', null, [param('a', 'uint32')])] }));
    expect(hrName(r.hr)).toBe(hrName(HR.S_NO_ERROR));
  });
});

table('accepted as they are', [
  {
    name: 'an association with three references',
    call: cls('Assoc3', null, {
      qualifiers: [qual('Association')],
      properties: [prop('A', 'ref:Target', [KEY]), prop('B', 'ref:Target', [KEY]), prop('C', 'ref:Target', [KEY])],
    }),
    hr: HR.S_NO_ERROR,
  },
  {
    name: 'an embedded instance written as a string',
    call: cls('Emb', null, { properties: [prop('Inner', 'string', [qual('EmbeddedInstance', 'Target')])] }),
    hr: HR.S_NO_ERROR,
  },
]);

/** Two rules broken at once: the earlier one in §2 step 6 decides. */
table('order: the first rule broken wins', [
  {
    name: 'name before property count',
    call: cls('Wide', null, { properties: [...manyProps(1025), prop('bad_', 'string')] }),
    hr: HR.E_INVALID_PARAMETER,
  },
  {
    name: 'property count before type',
    setup: [cls('WideBase', null, { properties: [prop('T', 'uint32'), ...manyProps(1000)] })],
    call: cls('Wide', 'WideBase', { properties: [prop('T', 'string'), ...manyProps(30, 'Q')] }),
    hr: HR.E_TOO_MANY_PROPERTIES,
  },
  {
    name: 'type before override',
    call: child({ qualifiers: [qual('Category', 'c')], properties: [prop('Size', 'string')] }),
    hr: HR.E_TYPE_MISMATCH,
  },
  {
    name: 'override before method signature',
    call: child({ qualifiers: [qual('Category', 'c')], methods: [method('Run', null)] }),
    hr: HR.E_OVERRIDE_NOT_ALLOWED,
  },
  {
    name: 'method signature before Key on the class',
    call: child({ qualifiers: [KEY], methods: [method('Run', null)] }),
    hr: HR.E_PROPAGATED_METHOD,
  },
  {
    name: 'Key on a real before key inheritance',
    call: child({ properties: [prop('R', 'real64', [KEY])] }),
    hr: HR.E_CANNOT_BE_KEY,
  },
  {
    name: 'key inheritance before Abstract',
    call: child({ qualifiers: [qual('Abstract')], properties: [prop('Id2', 'string', [KEY])] }, 'Concrete'),
    hr: HR.E_CANNOT_CHANGE_KEY_INHERITANCE,
  },
  {
    name: 'Abstract before Singleton',
    call: child({ qualifiers: [qual('Abstract'), qual('Singleton')] }, 'Concrete'),
    hr: HR.E_CANNOT_BE_ABSTRACT,
  },
  {
    name: 'Singleton before Terminal + Abstract',
    call: cls('S', null, {
      qualifiers: [qual('Singleton'), qual('Terminal'), qual('Abstract')],
      properties: [prop('Id', 'string', [KEY])],
    }),
    hr: HR.E_CANNOT_BE_SINGLETON,
  },
  {
    name: 'Terminal + Abstract before qualifier type',
    call: cls('T', null, { qualifiers: [qual('Terminal'), qual('Abstract'), qual('Purpose', 1)] }),
    hr: HR.E_INVALID_QUALIFIER,
  },
  {
    name: 'qualifier type before flavor',
    call: cls('T', null, { qualifiers: [qual('Purpose', 1), qual('Other', 'x', 0x20)] }),
    hr: HR.E_INVALID_QUALIFIER_TYPE,
  },
  {
    name: 'flavor before method parameters',
    call: cls('T', null, {
      qualifiers: [qual('Other', 'x', 0x20)],
      methods: [method('M', null, [param('a', 'uint32')])],
    }),
    hr: HR.E_INVALID_FLAVOR,
  },
]);

table('the shape rules apply to updates, against the new effective definition', [
  {
    name: 'a stored child redeclares an inherited property with another type',
    setup: [child({ properties: [prop('Size', 'uint32')] })],
    call: child({ properties: [prop('Size', 'string')] }),
    hr: HR.E_TYPE_MISMATCH,
    info: 'Size',
  },
  {
    name: 'a stored class becomes Abstract under a concrete parent',
    setup: [child({}, 'Concrete')],
    call: child({ qualifiers: [qual('Abstract')] }, 'Concrete'),
    hr: HR.E_CANNOT_BE_ABSTRACT,
  },
]);
