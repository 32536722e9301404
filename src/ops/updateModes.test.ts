import { describe, expect, it } from 'vitest';
import { HR, hrName, WBEM_FLAG } from '../errors/wbem';
import type { CimObjectDefinition, ClassDefinition, MethodDecl, PropertyDecl, Qualifier } from '../model';
import { AMENDED, cls, DISABLEOVERRIDE, method, param, prop, qual, TOSUBCLASS } from '../model/build';
import type { CimClass } from '../service/cimObjects';
import { setupAll } from '../testing/cases';
import { snapshotNamespace } from '../testing/snapshot';
import { inst, testRepo, type TestRepo } from '../testing/testRepo';
import { NON_IMPORTANT_QUALIFIERS } from './classifyChanges';

/**
 * Updating an existing class: decisions §3 rules 1–7 in the three update modes, every §4 conflict
 * kind in safe and force mode, descendant order, the Conflicts array, and analyzeClassUpdate's
 * prediction checked against what each put then actually does.
 */

const F = WBEM_FLAG;
const KEY = qual('Key');
const IN = qual('In');
const MODES = { compatible: F.UPDATE_COMPATIBLE, safe: F.UPDATE_SAFE_MODE, force: F.UPDATE_FORCE_MODE } as const;
type Mode = keyof typeof MODES;

interface Outcome {
  readonly hr: number;
  /** Exact events on success (default: only `__ClassModificationEvent:<class>`). */
  readonly events?: readonly string[];
  readonly info?: string;
  /** Exact Conflicts array of the error object (safe mode conflicts). */
  readonly conflicts?: readonly string[];
}
interface Row {
  readonly name: string;
  readonly setup: readonly CimObjectDefinition[];
  readonly call: ClassDefinition;
  readonly expect: Readonly<Record<Mode, Outcome>>;
}
const all = (o: Outcome): Record<Mode, Outcome> => ({ compatible: o, safe: o, force: o });
const ok = (events?: readonly string[]): Outcome => ({ hr: HR.S_NO_ERROR, ...(events ? { events } : {}) });

/** A class definition with members replaced or added (by name) and qualifiers set. */
function edit(
  d: ClassDefinition,
  change: {
    qualifiers?: readonly Qualifier[];
    properties?: readonly PropertyDecl[];
    methods?: readonly MethodDecl[];
    drop?: readonly string[];
    superclass?: string | null;
    name?: string;
  },
): ClassDefinition {
  const dropped = new Set((change.drop ?? []).map((n) => n.toLowerCase()));
  const merge = <T extends { name: string }>(old: readonly T[], add: readonly T[] = []) => {
    const out = old
      .filter((x) => !dropped.has(x.name.toLowerCase()))
      .map((x) => add.find((a) => a.name.toLowerCase() === x.name.toLowerCase()) ?? x);
    for (const a of add) if (!old.some((x) => x.name.toLowerCase() === a.name.toLowerCase())) out.push(a);
    return out;
  };
  return {
    ...d,
    name: change.name ?? d.name,
    superclass: change.superclass !== undefined ? change.superclass : d.superclass,
    qualifiers: change.qualifiers ?? d.qualifiers,
    properties: merge(d.properties, change.properties),
    methods: merge(d.methods, change.methods),
  };
}

// -- Fixtures

const base = cls('Base', null, {
  qualifiers: [qual('Description', 'the base', TOSUBCLASS)],
  properties: [
    prop('Id', 'string', [KEY]),
    prop('Size', 'uint32', [qual('Units', 'bytes', TOSUBCLASS)]),
    prop('Label', 'string'),
  ],
  methods: [method('Run', 'uint32', [param('Speed', 'uint32', [IN])], [qual('Description', 'runs', TOSUBCLASS)])],
});
const child = cls('Child', 'Base', { properties: [prop('Color', 'string')] });
const grand = cls('Grand', 'Child', { properties: [prop('Depth', 'sint32')] });
const baseInst = inst('Base', { Id: 'b1' });
const baseInst2 = inst('Base', { Id: 'b2' });
const childInst = inst('Child', { Id: 'c1' });
const grandInst = inst('Grand', { Id: 'g1' });
const addProp = edit(base, { properties: [prop('Extra', 'string')] });
const sizeChild = cls('Child', 'Base', { properties: [prop('Size', 'uint32', [qual('Units', 'KB')])] });
const maxChild = cls('Child', 'Base', { properties: [prop('Size', 'uint32', [qual('MaxValue', 10)])] });

const MOD_BASE = ['__ClassModificationEvent:Base'];

// -- Runner

async function fresh(setup: readonly CimObjectDefinition[]): Promise<TestRepo> {
  const t = await testRepo();
  await setupAll(t, setup);
  return t;
}

async function runRow(row: Row, mode: Mode) {
  const t = await fresh(row.setup);
  const before = t.snapshotAll();
  const analysis = t.svc.analyzeClassUpdate(row.call);
  expect(t.snapshotAll()).toBe(before); // the analysis changes nothing
  const r = await t.svc.putClass(row.call, MODES[mode]);
  return { t, r, before, after: t.snapshotAll(), events: t.eventNames(), predicted: analysis[mode] };
}

function checkOutcome(row: Row, mode: Mode, seen: Awaited<ReturnType<typeof runRow>>) {
  const want = row.expect[mode];
  const { r, predicted } = seen;
  expect(hrName(r.hr)).toBe(hrName(want.hr));
  // analyzeClassUpdate predicted exactly this.
  expect(hrName(predicted.hr)).toBe(hrName(r.hr));
  expect(predicted.errorObject).toEqual(r.errorObject);
  if (want.hr === HR.S_NO_ERROR) {
    expect(r.errorObject).toBeNull();
    const events = want.events ?? [`__ClassModificationEvent:${row.call.name}`];
    expect(seen.events).toEqual(events);
    expect(predicted.noop).toBe(events.length === 0);
    if (mode === 'force') {
      const own = seen.events.findIndex((e) => e.startsWith('__Class'));
      expect(predicted.rewrittenClasses.map((c) => `__ClassModificationEvent:${c}`)).toEqual(
        seen.events.slice(own + 1),
      );
      expect(predicted.deletedInstances).toHaveLength(
        seen.events.filter((e) => e.startsWith('__InstanceDeletionEvent')).length,
      );
      expect(new Set(predicted.conflicts.map((c) => c.className))).toEqual(new Set(predicted.rewrittenClasses));
    } else {
      expect(predicted.rewrittenClasses).toEqual([]);
      expect(predicted.deletedInstances).toEqual([]);
    }
    return;
  }
  // A failure changes nothing and raises nothing.
  expect(seen.events).toEqual([]);
  expect(seen.after).toBe(seen.before);
  expect(r.errorObject).toMatchObject({
    StatusCode: want.hr,
    Operation: 'PutClass',
    ProviderName: 'Windows Management',
    ...(want.info !== undefined ? { ParameterInfo: want.info } : {}),
  });
  if (want.conflicts) {
    expect(r.errorObject!.__CLASS).toBe('Classwright_ConflictStatus');
    expect(r.errorObject!.Conflicts).toEqual(want.conflicts);
    expect(predicted.conflicts.map((c) => c.className)).toEqual(want.conflicts.map((c) => c.split('.')[0]));
  } else {
    expect(r.errorObject!.__CLASS).toBe('__ExtendedStatus');
    expect(r.errorObject!.Conflicts).toBeUndefined();
  }
}

function table(title: string, rows: readonly Row[]) {
  describe(title, () => {
    const cases = rows.flatMap((row) => (Object.keys(MODES) as Mode[]).map((mode) => ({ ...row, mode })));
    it.each(cases)('$name [$mode]', async (c) => checkOutcome(c, c.mode, await runRow(c, c.mode)));
  });
}

// -- §3 rules 1–7

table('§3 rule 1: no difference → success, nothing stored, no event', [
  { name: 'identical class', setup: [base], call: base, expect: all(ok([])) },
  {
    name: 'identical, with children and instances everywhere',
    setup: [base, child, grand, baseInst, childInst, grandInst],
    call: base,
    expect: all(ok([])),
  },
  {
    name: 'identical, qualifiers written in another order',
    setup: [base],
    call: { ...base, properties: base.properties.map((p) => ({ ...p, qualifiers: [...p.qualifiers].reverse() })) },
    expect: all(ok([])),
  },
]);

const everything = [base, child, grand, baseInst, childInst, grandInst];
const level = (q: Qualifier) => ({
  class: edit(base, {
    qualifiers: [...base.qualifiers.filter((b) => b.name.toLowerCase() !== q.name.toLowerCase()), q],
  }),
  property: edit(base, { properties: [prop('Label', 'string', [q])] }),
  method: edit(base, { methods: [method('Run', 'uint32', [param('Speed', 'uint32', [IN])], [q])] }),
  parameter: edit(base, {
    methods: [method('Run', 'uint32', [param('Speed', 'uint32', [IN, q])], base.methods[0]!.qualifiers)],
  }),
});
const nonImportantRows: Row[] = [...NON_IMPORTANT_QUALIFIERS].flatMap((name) =>
  Object.entries(level(qual(name, 'x'))).map(([where, call]) => ({
    name: `${name} added (or changed) on the ${where}`,
    setup: everything,
    call,
    expect: all(ok(MOD_BASE)),
  })),
);
table('§3 rule 2: only non-important differences pass in every mode, whatever the children and instances', [
  ...nonImportantRows,
  {
    name: 'Description removed from the class',
    setup: everything,
    call: edit(base, { qualifiers: [] }),
    expect: all(ok(MOD_BASE)),
  },
  {
    name: 'Description value and flavors changed on a method',
    setup: everything,
    call: edit(base, {
      methods: [method('Run', 'uint32', [param('Speed', 'uint32', [IN])], [qual('Description', 'new', 0)])],
    }),
    expect: all(ok(MOD_BASE)),
  },
  {
    name: 'Units changed on an inherited property',
    setup: everything,
    call: edit(base, { properties: [prop('Size', 'uint32', [qual('Units', 'KB', TOSUBCLASS)])] }),
    expect: all(ok(MOD_BASE)),
  },
  {
    name: 'any qualifier carrying Amended',
    setup: everything,
    call: edit(base, { properties: [prop('Label', 'string', [qual('Custom_Text', 'hello', AMENDED)])] }),
    expect: all(ok(MOD_BASE)),
  },
  {
    name: 'the class respelled',
    setup: everything,
    call: edit(base, { name: 'BASE' }),
    expect: all(ok(['__ClassModificationEvent:BASE'])),
  },
  {
    name: 'a property respelled',
    setup: everything,
    call: edit(base, { properties: [prop('LABEL', 'string')] }),
    expect: all(ok(MOD_BASE)),
  },
  {
    name: 'a qualifier name respelled',
    setup: everything,
    call: edit(base, { qualifiers: [qual('DESCRIPTION', 'the base', TOSUBCLASS)] }),
    expect: all(ok(MOD_BASE)),
  },
  {
    name: 'a method respelled',
    setup: everything,
    call: edit(base, { methods: [{ ...base.methods[0]!, name: 'RUN' }] }),
    expect: all(ok(MOD_BASE)),
  },
]);

table('§3 rule 3: the key set (or Indexed) cannot change under subclasses or instances, in any mode', [
  {
    name: 'Key added to a property, with a subclass',
    setup: [base, child],
    call: edit(base, { properties: [prop('Label', 'string', [KEY])] }),
    expect: all({ hr: HR.E_CANNOT_CHANGE_KEY_INHERITANCE }),
  },
  {
    name: 'Key added to a property, with an own instance',
    setup: [base, baseInst],
    call: edit(base, { properties: [prop('Label', 'string', [KEY])] }),
    expect: all({ hr: HR.E_CANNOT_CHANGE_KEY_INHERITANCE }),
  },
  {
    name: 'a key property added, with a subclass',
    setup: [base, child],
    call: edit(base, { properties: [prop('Id2', 'string', [KEY])] }),
    expect: all({ hr: HR.E_CANNOT_CHANGE_KEY_INHERITANCE }),
  },
  {
    name: 'the key property removed, with an instance of a descendant',
    setup: [base, child, childInst],
    call: edit(base, { drop: ['Id'], properties: [prop('Id2', 'string', [KEY])] }),
    expect: all({ hr: HR.E_CANNOT_CHANGE_KEY_INHERITANCE }),
  },
  {
    name: 'Key removed from a property, with a subclass',
    setup: [base, child],
    call: edit(base, { properties: [prop('Id', 'string')] }),
    expect: all({ hr: HR.E_CANNOT_CHANGE_KEY_INHERITANCE }),
  },
  {
    name: 'Key given the Amended flavor: important whatever its flavor, but the key set stays',
    setup: [base, child],
    call: edit(base, { properties: [prop('Id', 'string', [qual('Key', true, AMENDED)])] }),
    expect: { compatible: { hr: HR.E_CLASS_HAS_CHILDREN }, safe: ok(MOD_BASE), force: ok(MOD_BASE) },
  },
  {
    name: 'Indexed added, with a subclass',
    setup: [base, child],
    call: edit(base, { properties: [prop('Label', 'string', [qual('Indexed')])] }),
    expect: all({ hr: HR.E_CANNOT_CHANGE_INDEX_INHERITANCE }),
  },
  {
    name: 'Indexed added, with an own instance',
    setup: [base, baseInst],
    call: edit(base, { properties: [prop('Label', 'string', [qual('Indexed')])] }),
    expect: all({ hr: HR.E_CANNOT_CHANGE_INDEX_INHERITANCE }),
  },
  {
    name: 'Key added with no subclass and no instance: an ordinary important change',
    setup: [base],
    call: edit(base, { properties: [prop('Label', 'string', [KEY])] }),
    expect: all(ok(MOD_BASE)),
  },
]);

const abstractBase = cls('Root', null, { qualifiers: [qual('Abstract')], properties: [prop('Name', 'string')] });
const abstractChild = cls('Leaf', 'Root', { properties: [prop('Extra', 'string')] });
table('§3 rule 4: superclass, Terminal, Singleton, Dynamic under subclasses → CLASS_HAS_CHILDREN in every mode', [
  {
    name: 'the superclass changes',
    setup: [cls('Other', null), base, child],
    call: edit(base, { superclass: 'Other' }),
    expect: all({ hr: HR.E_CLASS_HAS_CHILDREN, info: 'Base' }),
  },
  {
    name: 'a superclass is added to a root class',
    setup: [cls('Other', null), base, child],
    call: edit(base, { superclass: 'Other' }),
    expect: all({ hr: HR.E_CLASS_HAS_CHILDREN }),
  },
  {
    name: 'Dynamic added',
    setup: [base, child],
    call: edit(base, { qualifiers: [...base.qualifiers, qual('Dynamic')] }),
    expect: all({ hr: HR.E_CLASS_HAS_CHILDREN }),
  },
  {
    name: 'Singleton added (a keyless class)',
    setup: [abstractBase, abstractChild],
    call: edit(abstractBase, { qualifiers: [qual('Abstract'), qual('Singleton')] }),
    expect: all({ hr: HR.E_CLASS_HAS_CHILDREN }),
  },
  {
    name: 'Terminal added',
    setup: [base, child],
    call: edit(base, { qualifiers: [...base.qualifiers, qual('Terminal')] }),
    expect: all({ hr: HR.E_CLASS_HAS_CHILDREN }),
  },
  {
    name: 'the superclass changes with no subclass: an ordinary important change',
    setup: [cls('Other', null), base],
    call: edit(base, { superclass: 'Other' }),
    expect: all(ok(MOD_BASE)),
  },
  {
    name: 'Terminal added with no subclass',
    setup: [base],
    call: edit(base, { qualifiers: [...base.qualifiers, qual('Terminal')] }),
    expect: all(ok(MOD_BASE)),
  },
]);

table('§3 rules 5–7: an important change without conflicts', [
  { name: 'no subclass, no instance', setup: [base], call: addProp, expect: all(ok(MOD_BASE)) },
  {
    name: 'a subclass',
    setup: [base, child, grand],
    call: addProp,
    expect: { compatible: { hr: HR.E_CLASS_HAS_CHILDREN, info: 'Base' }, safe: ok(MOD_BASE), force: ok(MOD_BASE) },
  },
  {
    name: 'an own instance',
    setup: [base, baseInst],
    call: addProp,
    expect: {
      compatible: { hr: HR.E_CLASS_HAS_INSTANCES, info: 'Base' },
      safe: { hr: HR.E_CLASS_HAS_INSTANCES, info: 'Base' },
      force: ok(['__InstanceDeletionEvent:Base', ...MOD_BASE]),
    },
  },
  {
    name: 'two own instances and a subclass without instances',
    setup: [base, child, baseInst, baseInst2],
    call: addProp,
    expect: {
      compatible: { hr: HR.E_CLASS_HAS_INSTANCES },
      safe: { hr: HR.E_CLASS_HAS_INSTANCES },
      force: ok(['__InstanceDeletionEvent:Base', '__InstanceDeletionEvent:Base', ...MOD_BASE]),
    },
  },
  {
    name: 'an instance of a grandchild only',
    setup: [base, child, grand, grandInst],
    call: addProp,
    expect: all({ hr: HR.E_CLASS_HAS_INSTANCES, info: 'Base' }),
  },
  {
    name: 'own and descendant instances',
    setup: [base, child, baseInst, childInst],
    call: addProp,
    expect: all({ hr: HR.E_CLASS_HAS_INSTANCES }),
  },
  {
    name: 'a property removed, with a subclass that does not redeclare it',
    setup: [base, child],
    call: edit(base, { drop: ['Label'] }),
    expect: { compatible: { hr: HR.E_CLASS_HAS_CHILDREN }, safe: ok(MOD_BASE), force: ok(MOD_BASE) },
  },
  {
    name: 'a default value changed, with a subclass',
    setup: [base, child],
    call: edit(base, { properties: [prop('Label', 'string', [], 'none')] }),
    expect: { compatible: { hr: HR.E_CLASS_HAS_CHILDREN }, safe: ok(MOD_BASE), force: ok(MOD_BASE) },
  },
  {
    name: 'a non-listed qualifier (important) added, with a subclass',
    setup: [base, child],
    call: edit(base, { properties: [prop('Label', 'string', [qual('MaxLen', 10)])] }),
    expect: { compatible: { hr: HR.E_CLASS_HAS_CHILDREN }, safe: ok(MOD_BASE), force: ok(MOD_BASE) },
  },
]);

table('§3 rules apply in order: the first that fails decides', [
  {
    name: 'rule 3 before rule 4: a key change and a new superclass, with a subclass',
    setup: [cls('Other', null), base, child],
    call: edit(base, { superclass: 'Other', properties: [prop('Label', 'string', [KEY])] }),
    expect: all({ hr: HR.E_CANNOT_CHANGE_KEY_INHERITANCE }),
  },
  {
    name: 'rule 3 before rule 7: force does not delete own instances to change keys',
    setup: [base, baseInst],
    call: edit(base, { properties: [prop('Label', 'string', [KEY])] }),
    expect: all({ hr: HR.E_CANNOT_CHANGE_KEY_INHERITANCE }),
  },
  {
    name: 'rule 4 before rules 5–7: Terminal with a subclass that has instances',
    setup: [base, child, childInst],
    call: edit(base, { qualifiers: [...base.qualifiers, qual('Terminal')] }),
    expect: all({ hr: HR.E_CLASS_HAS_CHILDREN }),
  },
  {
    name: 'rule 2 before everything: a Description change with subclasses and instances',
    setup: [base, child, grand, childInst],
    call: edit(base, { qualifiers: [qual('Description', 'other', TOSUBCLASS)] }),
    expect: all(ok(MOD_BASE)),
  },
  {
    name: 'rule 6: instances before conflicts',
    setup: [base, sizeChild, childInst],
    call: edit(base, { properties: [prop('Size', 'string')] }),
    expect: all({ hr: HR.E_CLASS_HAS_INSTANCES, info: 'Base' }),
  },
]);

// -- §4 conflicts, one kind at a time

const conflict = (
  name: string,
  setup: readonly CimObjectDefinition[],
  call: ClassDefinition,
  hr: number,
  conflicts: readonly string[],
  rewritten: readonly string[],
): Row => ({
  name,
  setup,
  call,
  expect: {
    compatible: { hr: HR.E_CLASS_HAS_CHILDREN, info: call.name },
    safe: { hr, info: conflicts[0]!.split('.')[0]!, conflicts },
    force: ok([`__ClassModificationEvent:${call.name}`, ...rewritten.map((c) => `__ClassModificationEvent:${c}`)]),
  },
});

const target = cls('Target', null, { properties: [prop('Id', 'string', [KEY])] });
const subTarget = cls('SubTarget', 'Target');
const otherTarget = cls('OtherTarget', null, { properties: [prop('Id', 'string', [KEY])] });
const refBase = cls('Link', null, { properties: [prop('Id', 'string', [KEY]), prop('To', 'ref:Target')] });
const refChild = cls('SubLink', 'Link', { properties: [prop('To', 'ref:SubTarget')] });
const runChild = cls('Child', 'Base', {
  methods: [method('Run', 'uint32', [param('Speed', 'uint32', [IN])], [qual('Description', 'runs faster')])],
});
const abstractRoot = cls('Root', null, { qualifiers: [qual('Abstract')], properties: [prop('Id', 'string', [KEY])] });
const abstractMid = cls('Mid', 'Root', { qualifiers: [qual('Abstract')] });
const concreteLeaf = cls('Leaf', 'Mid');

table('§4 conflicts: compatible refuses, safe fails with the conflict, force deletes the element', [
  conflict(
    'type: the base changes the type of a property the child redeclares',
    [base, sizeChild],
    edit(base, { properties: [prop('Size', 'string', [qual('Units', 'bytes', TOSUBCLASS)])] }),
    HR.E_UPDATE_TYPE_MISMATCH,
    ['Child.Size: type (WBEM_E_UPDATE_TYPE_MISMATCH)'],
    ['Child'],
  ),
  conflict(
    'type: the base adds a property the child already declares with another type',
    [base, child],
    edit(base, { properties: [prop('Color', 'uint8')] }),
    HR.E_UPDATE_TYPE_MISMATCH,
    ['Child.Color: type (WBEM_E_UPDATE_TYPE_MISMATCH)'],
    ['Child'],
  ),
  conflict(
    'type: array-ness changes',
    [base, sizeChild],
    edit(base, { properties: [prop('Size', 'uint32[]')] }),
    HR.E_UPDATE_TYPE_MISMATCH,
    ['Child.Size: type (WBEM_E_UPDATE_TYPE_MISMATCH)'],
    ['Child'],
  ),
  conflict(
    'type: a narrowed reference no longer narrows the new target',
    [target, subTarget, otherTarget, refBase, refChild],
    edit(refBase, { properties: [prop('To', 'ref:OtherTarget')] }),
    HR.E_UPDATE_TYPE_MISMATCH,
    ['SubLink.To: type (WBEM_E_UPDATE_TYPE_MISMATCH)'],
    ['SubLink'],
  ),
  conflict(
    'override: a property qualifier becomes DisableOverride with another value below',
    [base, sizeChild],
    edit(base, { properties: [prop('Size', 'uint32', [qual('Units', 'bytes', TOSUBCLASS | DISABLEOVERRIDE)])] }),
    HR.E_UPDATE_OVERRIDE_NOT_ALLOWED,
    ['Child.Size.Units: override (WBEM_E_UPDATE_OVERRIDE_NOT_ALLOWED)'],
    ['Child'],
  ),
  conflict(
    'override: a class qualifier is added with DisableOverride',
    [base, cls('Child', 'Base', { qualifiers: [qual('Category', 'child')] })],
    edit(base, { qualifiers: [...base.qualifiers, qual('Category', 'base', TOSUBCLASS | DISABLEOVERRIDE)] }),
    HR.E_UPDATE_OVERRIDE_NOT_ALLOWED,
    ['Child.Category: override (WBEM_E_UPDATE_OVERRIDE_NOT_ALLOWED)'],
    ['Child'],
  ),
  conflict(
    'override: a method qualifier becomes DisableOverride (even Description: the conflict makes it important)',
    [base, runChild],
    edit(base, {
      methods: [
        method(
          'Run',
          'uint32',
          [param('Speed', 'uint32', [IN])],
          [qual('Description', 'runs', TOSUBCLASS | DISABLEOVERRIDE)],
        ),
      ],
    }),
    HR.E_UPDATE_OVERRIDE_NOT_ALLOWED,
    ['Child.Run.Description: override (WBEM_E_UPDATE_OVERRIDE_NOT_ALLOWED)'],
    ['Child'],
  ),
  conflict(
    'method: a parameter type changes',
    [base, runChild],
    edit(base, { methods: [method('Run', 'uint32', [param('Speed', 'uint64', [IN])])] }),
    HR.E_UPDATE_PROPAGATED_METHOD,
    ['Child.Run: method (WBEM_E_UPDATE_PROPAGATED_METHOD)'],
    ['Child'],
  ),
  conflict(
    'method: the return type changes',
    [base, runChild],
    edit(base, { methods: [method('Run', 'sint32', [param('Speed', 'uint32', [IN])])] }),
    HR.E_UPDATE_PROPAGATED_METHOD,
    ['Child.Run: method (WBEM_E_UPDATE_PROPAGATED_METHOD)'],
    ['Child'],
  ),
  conflict(
    'method: a direction changes',
    [base, runChild],
    edit(base, { methods: [method('Run', 'uint32', [param('Speed', 'uint32', [qual('Out')])])] }),
    HR.E_UPDATE_PROPAGATED_METHOD,
    ['Child.Run: method (WBEM_E_UPDATE_PROPAGATED_METHOD)'],
    ['Child'],
  ),
  conflict(
    'method: a parameter is added',
    [base, runChild],
    edit(base, { methods: [method('Run', 'uint32', [param('Speed', 'uint32', [IN]), param('Gear', 'uint8', [IN])])] }),
    HR.E_UPDATE_PROPAGATED_METHOD,
    ['Child.Run: method (WBEM_E_UPDATE_PROPAGATED_METHOD)'],
    ['Child'],
  ),
  conflict(
    'removed: a property the child redeclares',
    [base, sizeChild],
    edit(base, { drop: ['Size'] }),
    HR.E_CLASS_HAS_CHILDREN,
    ['Child.Size: removed (WBEM_E_CLASS_HAS_CHILDREN)'],
    ['Child'],
  ),
  conflict(
    'removed: a method the child redeclares',
    [base, runChild],
    edit(base, { drop: ['Run'] }),
    HR.E_CLASS_HAS_CHILDREN,
    ['Child.Run: removed (WBEM_E_CLASS_HAS_CHILDREN)'],
    ['Child'],
  ),
  conflict(
    'abstract: the base stops being Abstract under an Abstract child',
    [abstractRoot, abstractMid, concreteLeaf],
    edit(abstractRoot, { qualifiers: [] }),
    HR.E_CLASS_HAS_CHILDREN,
    ['Mid.Abstract: abstract (WBEM_E_CLASS_HAS_CHILDREN)'],
    ['Mid'],
  ),
]);

table('§4 not conflicts', [
  {
    name: 'the child redeclares a new base property with the same type: an override',
    setup: [base, child],
    call: edit(base, { properties: [prop('Color', 'string')] }),
    expect: { compatible: { hr: HR.E_CLASS_HAS_CHILDREN }, safe: ok(MOD_BASE), force: ok(MOD_BASE) },
  },
  {
    name: 'a DisableOverride qualifier with the same value below',
    setup: [base, maxChild],
    call: edit(base, { properties: [prop('Size', 'uint32', [qual('MaxValue', 10, TOSUBCLASS | DISABLEOVERRIDE)])] }),
    expect: { compatible: { hr: HR.E_CLASS_HAS_CHILDREN }, safe: ok(MOD_BASE), force: ok(MOD_BASE) },
  },
  {
    name: 'a DisableOverride qualifier without ToSubClass reaches no child',
    setup: [base, maxChild],
    call: edit(base, { properties: [prop('Size', 'uint32', [qual('MaxValue', 99, DISABLEOVERRIDE)])] }),
    expect: { compatible: { hr: HR.E_CLASS_HAS_CHILDREN }, safe: ok(MOD_BASE), force: ok(MOD_BASE) },
  },
  {
    name: 'a non-important qualifier made DisableOverride, same value below: still non-important',
    setup: [base, sizeChild, childInst],
    call: edit(base, { properties: [prop('Size', 'uint32', [qual('Units', 'KB', TOSUBCLASS | DISABLEOVERRIDE)])] }),
    expect: all(ok(MOD_BASE)),
  },
  {
    name: 'the child redeclares a method with the same signature and other qualifiers',
    setup: [base, runChild],
    call: edit(base, { properties: [prop('More', 'string')] }),
    expect: { compatible: { hr: HR.E_CLASS_HAS_CHILDREN }, safe: ok(MOD_BASE), force: ok(MOD_BASE) },
  },
  {
    name: 'the base stays Abstract',
    setup: [abstractRoot, abstractMid, concreteLeaf],
    call: edit(abstractRoot, { properties: [prop('More', 'string')] }),
    expect: {
      compatible: { hr: HR.E_CLASS_HAS_CHILDREN },
      safe: ok(['__ClassModificationEvent:Root']),
      force: ok(['__ClassModificationEvent:Root']),
    },
  },
]);

// -- Descendant order

/**
 *  Base ─┬─ beta ── Gamma
 *        ├─ Alpha
 *        └─ delta
 * Pre-order with siblings by case-insensitive name: Alpha, beta, Gamma, delta.
 */
const orderBase = cls('Base', null, {
  qualifiers: [qual('Abstract')],
  properties: [prop('Id', 'string', [KEY]), prop('P', 'uint32'), prop('Q', 'uint32')],
  methods: [method('M', 'uint32')],
});
const orderTree = [
  orderBase,
  cls('delta', 'Base', { properties: [prop('P', 'uint32')] }),
  cls('beta', 'Base', { properties: [prop('Q', 'uint32')], methods: [method('M', 'uint32')] }),
  cls('Alpha', 'Base', { qualifiers: [qual('Abstract')], properties: [prop('Q', 'uint32'), prop('P', 'uint32')] }),
  cls('Gamma', 'beta', { properties: [prop('P', 'uint32')] }),
];
const orderUpdate = cls('Base', null, {
  properties: [prop('Id', 'string', [KEY]), prop('P', 'string'), prop('Q', 'string')],
  methods: [method('M', 'sint32')],
});

table('descendant order: pre-order, siblings by case-insensitive name; in a class properties, methods, qualifiers', [
  {
    name: 'conflicts in four descendants',
    setup: orderTree,
    call: orderUpdate,
    expect: {
      compatible: { hr: HR.E_CLASS_HAS_CHILDREN, info: 'Base' },
      safe: {
        hr: HR.E_UPDATE_TYPE_MISMATCH,
        info: 'Alpha',
        conflicts: [
          'Alpha.P: type (WBEM_E_UPDATE_TYPE_MISMATCH)',
          'Alpha.Q: type (WBEM_E_UPDATE_TYPE_MISMATCH)',
          'Alpha.Abstract: abstract (WBEM_E_CLASS_HAS_CHILDREN)',
          'beta.Q: type (WBEM_E_UPDATE_TYPE_MISMATCH)',
          'beta.M: method (WBEM_E_UPDATE_PROPAGATED_METHOD)',
          'Gamma.P: type (WBEM_E_UPDATE_TYPE_MISMATCH)',
          'delta.P: type (WBEM_E_UPDATE_TYPE_MISMATCH)',
        ],
      },
      force: ok([
        '__ClassModificationEvent:Base',
        '__ClassModificationEvent:Alpha',
        '__ClassModificationEvent:beta',
        '__ClassModificationEvent:Gamma',
        '__ClassModificationEvent:delta',
      ]),
    },
  },
  {
    name: 'every conflict kind in one descendant',
    setup: [
      cls('B', null, {
        qualifiers: [qual('Abstract')],
        properties: [
          prop('Id', 'string', [KEY]),
          prop('Zed', 'uint32'),
          prop('Alpha', 'uint32', [qual('Units', 'x', TOSUBCLASS)]),
        ],
        methods: [method('Mb', 'uint32', [param('a', 'string', [IN])]), method('Ma', 'uint32')],
      }),
      cls('D', 'B', {
        qualifiers: [qual('Category', 'd'), qual('Abstract')],
        properties: [prop('Zed', 'uint32'), prop('Alpha', 'uint32', [qual('Units', 'y')])],
        methods: [method('Mb', 'uint32', [param('a', 'string', [IN])]), method('Ma', 'uint32')],
      }),
    ],
    call: cls('B', null, {
      qualifiers: [qual('Category', 'b', TOSUBCLASS | DISABLEOVERRIDE)],
      properties: [
        prop('Id', 'string', [KEY]),
        prop('Zed', 'string'),
        prop('Alpha', 'uint32', [qual('Units', 'x', TOSUBCLASS | DISABLEOVERRIDE)]),
      ],
      methods: [method('Mb', 'uint32', [param('a', 'sint32', [IN])])],
    }),
    expect: {
      compatible: { hr: HR.E_CLASS_HAS_CHILDREN },
      safe: {
        hr: HR.E_UPDATE_OVERRIDE_NOT_ALLOWED,
        info: 'D',
        conflicts: [
          'D.Alpha.Units: override (WBEM_E_UPDATE_OVERRIDE_NOT_ALLOWED)',
          'D.Zed: type (WBEM_E_UPDATE_TYPE_MISMATCH)',
          'D.Ma: removed (WBEM_E_CLASS_HAS_CHILDREN)',
          'D.Mb: method (WBEM_E_UPDATE_PROPAGATED_METHOD)',
          'D.Abstract: abstract (WBEM_E_CLASS_HAS_CHILDREN)',
          'D.Category: override (WBEM_E_UPDATE_OVERRIDE_NOT_ALLOWED)',
        ],
      },
      force: ok(['__ClassModificationEvent:B', '__ClassModificationEvent:D']),
    },
  },
  {
    name: 'force: own instances first, then the class, then the descendants',
    setup: [
      { ...orderBase, qualifiers: [] },
      ...orderTree.slice(1).filter((d) => d.genus === 'class' && d.name !== 'Alpha'),
      inst('Base', { Id: 'x' }),
    ],
    call: orderUpdate,
    expect: {
      compatible: { hr: HR.E_CLASS_HAS_INSTANCES, info: 'Base' },
      safe: { hr: HR.E_CLASS_HAS_INSTANCES, info: 'Base' },
      force: ok([
        '__InstanceDeletionEvent:Base',
        '__ClassModificationEvent:Base',
        '__ClassModificationEvent:beta',
        '__ClassModificationEvent:Gamma',
        '__ClassModificationEvent:delta',
      ]),
    },
  },
]);

// -- What force mode leaves behind

describe('force mode rewrites descendants to their surviving local declarations', () => {
  const stored = (t: TestRepo, name: string) => {
    const snap = JSON.parse(snapshotNamespace(t.repo, 'root\\test')) as { classes: { def: ClassDefinition }[] };
    return snap.classes.find((c) => c.def.name === name)!.def;
  };

  it('every kind deleted, the rest kept, in declaration order', async () => {
    const t = await fresh([
      cls('B', null, {
        qualifiers: [qual('Abstract')],
        properties: [
          prop('Id', 'string', [KEY]),
          prop('Zed', 'uint32'),
          prop('Alpha', 'uint32', [qual('Units', 'x', TOSUBCLASS)]),
        ],
        methods: [method('Mb', 'uint32', [param('a', 'string', [IN])]), method('Ma', 'uint32')],
      }),
      cls('D', 'B', {
        qualifiers: [qual('Category', 'd'), qual('Abstract'), qual('Version', '2')],
        properties: [
          prop('Zed', 'uint32'),
          prop('Own', 'string'),
          prop('Alpha', 'uint32', [qual('Units', 'y'), qual('MaxValue', 9)]),
        ],
        methods: [method('Mb', 'uint32', [param('a', 'string', [IN])]), method('Ma', 'uint32'), method('Keep', null)],
      }),
    ]);
    const r = await t.svc.putClass(
      cls('B', null, {
        qualifiers: [qual('Category', 'b', TOSUBCLASS | DISABLEOVERRIDE)],
        properties: [
          prop('Id', 'string', [KEY]),
          prop('Zed', 'string'),
          prop('Alpha', 'uint32', [qual('Units', 'x', TOSUBCLASS | DISABLEOVERRIDE)]),
        ],
        methods: [method('Mb', 'uint32', [param('a', 'sint32', [IN])])],
      }),
      F.UPDATE_FORCE_MODE,
    );
    expect(hrName(r.hr)).toBe(hrName(HR.S_NO_ERROR));
    // The descendant's modification event carries its class before and after the rewrite.
    const ev = t.events.find((e) => e.className === 'D')!;
    expect(ev.__CLASS).toBe('__ClassModificationEvent');
    expect(ev.PreviousClass!.properties.find((p) => p.name === 'Zed')).toMatchObject({
      classOrigin: 'B',
      propagated: false,
    });
    expect(ev.TargetClass!.properties.find((p) => p.name === 'Zed')).toMatchObject({
      classOrigin: 'B',
      propagated: true,
    });
    expect(stored(t, 'D')).toEqual(
      cls('D', 'B', {
        qualifiers: [qual('Version', '2')],
        properties: [prop('Own', 'string'), prop('Alpha', 'uint32', [qual('MaxValue', 9)])],
        methods: [method('Keep', null)],
      }),
    );
    // The effective class now inherits what it lost.
    const d = t.svc.getObject('D').object as CimClass;
    expect(d.properties.find((p) => p.name === 'Zed')).toMatchObject({
      classOrigin: 'B',
      propagated: true,
      type: { base: 'string' },
    });
    expect(d.qualifiers.find((q) => q.name === 'Category')).toMatchObject({ value: 'b', origin: 'propagated' });
    expect(d.methods.map((m) => [m.name, m.classOrigin, m.propagated])).toEqual([
      ['Mb', 'B', true],
      ['Keep', 'D', false],
    ]);
  });

  it('a removed property goes from the child, then from the grandchild that redeclared it too', async () => {
    const t = await fresh([
      base,
      cls('Child', 'Base', { properties: [prop('Label', 'string', [qual('MaxLen', 5)])] }),
      cls('Grand', 'Child', { properties: [prop('Label', 'string', [qual('MaxLen', 3)])] }),
    ]);
    const call = edit(base, { drop: ['Label'] });
    // Safe mode sees only the child: the grandchild still overrides the child's own Label.
    const safe = await t.svc.putClass(call, F.UPDATE_SAFE_MODE);
    expect(safe.errorObject!.Conflicts).toEqual(['Child.Label: removed (WBEM_E_CLASS_HAS_CHILDREN)']);
    const predicted = t.svc.analyzeClassUpdate(call).force;
    const r = await t.svc.putClass(call, F.UPDATE_FORCE_MODE);
    expect(hrName(r.hr)).toBe(hrName(HR.S_NO_ERROR));
    expect(t.eventNames()).toEqual([
      '__ClassModificationEvent:Base',
      '__ClassModificationEvent:Child',
      '__ClassModificationEvent:Grand',
    ]);
    expect(predicted.rewrittenClasses).toEqual(['Child', 'Grand']);
    expect(stored(t, 'Child').properties).toEqual([]);
    expect(stored(t, 'Grand').properties).toEqual([]);
    expect((t.svc.getObject('Grand').object as CimClass).properties.map((p) => p.name)).toEqual(['Id', 'Size']);
  });

  it('own instances are deleted; the deletion events carry them', async () => {
    const t = await fresh([base, child, baseInst, baseInst2]);
    const predicted = t.svc.analyzeClassUpdate(addProp).force;
    expect(predicted.deletedInstances).toEqual(['Base.Id="b1"', 'Base.Id="b2"']);
    await t.svc.putClass(addProp, F.UPDATE_FORCE_MODE);
    expect(t.events.filter((e) => e.__CLASS === '__InstanceDeletionEvent').map((e) => e.TargetInstance)).toEqual([
      baseInst,
      baseInst2,
    ]);
    expect(t.svc.createInstanceEnum('Base').objects).toEqual([]);
  });
});

describe('after an update every descendant re-derives from the new base and stores only its own', () => {
  it('a safe-mode addition reaches the grandchild; stored descendants are untouched', async () => {
    const t = await fresh([base, child, grand]);
    const before = (n: string) =>
      (JSON.parse(snapshotNamespace(t.repo, 'root\\test')) as { classes: { def: ClassDefinition }[] }).classes.find(
        (c) => c.def.name === n,
      )!.def;
    const childDef = before('Child');
    const grandDef = before('Grand');
    expect((await t.svc.putClass(addProp, F.UPDATE_SAFE_MODE)).hr).toBe(HR.S_NO_ERROR);
    expect(before('Child')).toEqual(childDef);
    expect(before('Grand')).toEqual(grandDef);
    const g = t.svc.getObject('Grand').object as CimClass;
    expect(g.properties.map((p) => [p.name, p.classOrigin])).toEqual([
      ['Id', 'Base'],
      ['Size', 'Base'],
      ['Label', 'Base'],
      ['Extra', 'Base'],
      ['Color', 'Child'],
      ['Depth', 'Grand'],
    ]);
    expect(g.system.__PROPERTY_COUNT).toBe(6);
  });

  it('a non-important change reaches the descendants too (propagated Description)', async () => {
    const t = await fresh([base, child, grand]);
    await t.svc.putClass(edit(base, { qualifiers: [qual('Description', 'new text', TOSUBCLASS)] }));
    const g = t.svc.getObject('Grand').object as CimClass;
    expect(g.qualifiers.find((q) => q.name === 'Description')).toMatchObject({
      value: 'new text',
      origin: 'propagated',
    });
  });
});

describe('analyzeClassUpdate', () => {
  it('suggests the least destructive mode that succeeds', async () => {
    const cases = [
      { setup: [base], call: addProp, suggested: 'compatible' },
      { setup: [base, child], call: addProp, suggested: 'safe' },
      { setup: [base, baseInst], call: addProp, suggested: 'force' },
      { setup: [base, child, childInst], call: addProp, suggested: null },
    ] as const;
    for (const c of cases) {
      const t = await fresh(c.setup);
      expect(t.svc.analyzeClassUpdate(c.call).suggested).toBe(c.suggested);
    }
  });

  it('for a class not yet stored: every mode creates it', async () => {
    const t = await fresh([]);
    const a = t.svc.analyzeClassUpdate(base);
    for (const m of [a.compatible, a.safe, a.force]) expect(m).toMatchObject({ hr: 0, created: true, noop: false });
    expect(t.eventNames()).toEqual([]);
    expect(hrName(t.svc.getObject('Base').hr)).toBe(hrName(HR.E_NOT_FOUND));
  });
});
