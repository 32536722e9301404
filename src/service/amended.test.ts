import { describe, expect, it } from 'vitest';
import { HR, hrName, WBEM_FLAG } from '../errors/wbem';
import type { ClassDefinition, Qualifier } from '../model';
import { AMENDED, cls, method, param, prop, qual, TOSUBCLASS } from '../model/build';
import type { ResolvedQualifier } from '../resolve/resolvedClass';
import { observe, setupAll } from '../testing/cases';
import { recordingSink } from '../testing/sinks';
import { snapshotNamespace } from '../testing/snapshot';
import { testRepo } from '../testing/testRepo';
import type { CimClass } from './cimObjects';
import { connectServer } from './connectServer';

/** Amended qualifiers and locales, decisions §7. */

const F = WBEM_FLAG;
const KEY = qual('Key');

/** A class whose every level carries an amended qualifier next to plain ones. */
const item = (description = 'An item', display = 'Identifier'): ClassDefinition =>
  cls('Item', null, {
    qualifiers: [qual('Description', description, AMENDED | TOSUBCLASS), qual('Version', '1.0')],
    properties: [prop('Id', 'string', [KEY, qual('DisplayName', display, AMENDED)]), prop('Size', 'uint32')],
    methods: [
      method(
        'Go',
        'uint32',
        [param('Speed', 'uint32', [qual('In'), qual('Description', 'how fast', AMENDED)])],
        [qual('Description', 'goes', AMENDED)],
      ),
    ],
  });

const names = (qs: readonly Qualifier[]) => qs.map((q) => q.name);
const value = (qs: readonly ResolvedQualifier[] | readonly Qualifier[], n: string) =>
  qs.find((q) => q.name.toLowerCase() === n.toLowerCase())?.value;

interface StoredDef {
  readonly def: ClassDefinition;
}
function storedClass(repo: Parameters<typeof snapshotNamespace>[0], ns: string, name: string): ClassDefinition | null {
  const snap = JSON.parse(snapshotNamespace(repo, ns)) as { classes: StoredDef[] } | null;
  return snap?.classes.find((c) => c.def.name === name)?.def ?? null;
}

describe('PutClass with USE_AMENDED_QUALIFIERS', () => {
  it.each([
    { locale: undefined, ns: 'ms_409', lcid: 0x409 },
    { locale: 0x407, ns: 'ms_407', lcid: 0x407 },
  ])('keeps amended qualifiers out of the class and writes them to $ns', async (row) => {
    const t = await testRepo();
    const svc = row.locale === undefined ? t.svc : t.as('Administrator', row.locale);
    const seen = await observe(t, () => svc.putClass(item(), F.USE_AMENDED_QUALIFIERS));
    expect(hrName(seen.result.hr)).toBe(hrName(HR.S_NO_ERROR));
    expect(seen.events).toEqual(['__ClassCreationEvent:Item']);
    // The namespace's class: no amended qualifier anywhere.
    const base = storedClass(t.repo, 'root\\test', 'Item')!;
    expect(names(base.qualifiers)).toEqual(['Version']);
    expect(names(base.properties[0]!.qualifiers)).toEqual(['Key']);
    expect(names(base.methods[0]!.qualifiers)).toEqual([]);
    expect(names(base.methods[0]!.parameters[0]!.qualifiers)).toEqual(['In']);
    // The locale namespace was created on demand, with the amendment class.
    expect(t.repo.state.childNamespaces('root\\test')).toEqual([`root\\test\\${row.ns}`]);
    const a = storedClass(t.repo, `root\\test\\${row.ns}`, 'Item')!;
    expect(a.qualifiers.map((q) => [q.name, q.value])).toEqual([
      ['Amendment', true],
      ['Locale', row.lcid],
      ['Description', 'An item'],
    ]);
    expect(a.properties.map((p) => [p.name, names(p.qualifiers)])).toEqual([['Id', ['DisplayName']]]);
    expect(a.methods.map((m) => [m.name, names(m.qualifiers), names(m.parameters[0]!.qualifiers)])).toEqual([
      ['Go', ['Description'], ['Description']],
    ]);
    // Every qualifier the amendment carries besides Amendment and Locale is amended.
    const all = [
      ...a.qualifiers.filter((q) => !['Amendment', 'Locale'].includes(q.name)),
      ...a.properties.flatMap((p) => p.qualifiers),
      ...a.methods.flatMap((m) => [...m.qualifiers, ...m.parameters.flatMap((p) => p.qualifiers)]),
    ];
    expect(all.every((q) => (q.flavor & AMENDED) !== 0)).toBe(true);
  });

  it('a second locale gets its own amendment; the first one keeps its text', async () => {
    const t = await testRepo();
    await t.svc.putClass(item('An item'), F.USE_AMENDED_QUALIFIERS);
    await t.as('Administrator', 0x407).putClass(item('Ein Ding'), F.USE_AMENDED_QUALIFIERS);
    expect(value(storedClass(t.repo, 'root\\test\\ms_409', 'Item')!.qualifiers, 'Description')).toBe('An item');
    expect(value(storedClass(t.repo, 'root\\test\\ms_407', 'Item')!.qualifiers, 'Description')).toBe('Ein Ding');
  });
});

describe('PutClass without USE_AMENDED_QUALIFIERS', () => {
  it('stores every qualifier in the namespace and creates no locale namespace', async () => {
    const t = await testRepo();
    expect((await t.svc.putClass(item())).hr).toBe(HR.S_NO_ERROR);
    const base = storedClass(t.repo, 'root\\test', 'Item')!;
    expect(names(base.qualifiers)).toEqual(['Description', 'Version']);
    expect(names(base.properties[0]!.qualifiers)).toEqual(['Key', 'DisplayName']);
    expect(names(base.methods[0]!.qualifiers)).toEqual(['Description']);
    expect(t.repo.state.childNamespaces('root\\test')).toEqual([]);
  });

  it.each([
    { name: 'sync', async: false },
    { name: 'async', async: true },
  ])('refuses an object read with USE_AMENDED_QUALIFIERS: WBEM_E_AMENDED_OBJECT ($name)', async (row) => {
    const t = await testRepo();
    await t.svc.putClass(item(), F.USE_AMENDED_QUALIFIERS);
    const read = t.svc.getObject('Item', F.USE_AMENDED_QUALIFIERS).object as CimClass;
    const seen = await observe(t, async () => {
      if (!row.async) return t.svc.putClass(read.definition);
      const sink = recordingSink();
      expect(t.svc.putClassAsync(read.definition, 0, null, sink)).toBe(HR.S_NO_ERROR);
      const done = await sink.done;
      return { hr: done.hr, errorObject: done.errorObject };
    });
    expect(hrName(seen.result.hr)).toBe(hrName(HR.E_AMENDED_OBJECT));
    expect(seen.result.errorObject).toMatchObject({ StatusCode: HR.E_AMENDED_OBJECT, ParameterInfo: 'Item' });
    expect(seen.after).toBe(seen.before);
    expect(seen.events).toEqual([]);
    // With the flag the same object goes back in.
    expect(hrName((await t.svc.putClass(read.definition, F.USE_AMENDED_QUALIFIERS)).hr)).toBe(hrName(HR.S_NO_ERROR));
  });

  it('an object read without the flag puts back fine', async () => {
    const t = await testRepo();
    await t.svc.putClass(item(), F.USE_AMENDED_QUALIFIERS);
    const read = t.svc.getObject('Item').object as CimClass;
    const seen = await observe(t, () => t.svc.putClass(read.definition));
    expect(hrName(seen.result.hr)).toBe(hrName(HR.S_NO_ERROR));
    expect(seen.events).toEqual([]);
  });
});

describe('GetObject / CreateClassEnum with and without the flag', () => {
  const rows = [
    {
      name: 'without the flag: own qualifiers only',
      locale: 0x409,
      flags: 0,
      description: undefined,
      display: undefined,
    },
    {
      name: 'with the flag: merged',
      locale: 0x409,
      flags: F.USE_AMENDED_QUALIFIERS,
      description: 'An item',
      display: 'Identifier',
    },
    {
      name: "with the flag, the caller's own locale",
      locale: 0x407,
      flags: F.USE_AMENDED_QUALIFIERS,
      description: 'Ein Ding',
      display: 'Kennung',
    },
    {
      name: 'with the flag, a locale without amendments falls back to ms_409',
      locale: 0x40c,
      flags: F.USE_AMENDED_QUALIFIERS,
      description: 'An item',
      display: 'Identifier',
    },
  ];
  it.each(rows)('$name', async (row) => {
    const t = await testRepo();
    await setupAll(t, []);
    await t.svc.putClass(item('An item', 'Identifier'), F.USE_AMENDED_QUALIFIERS);
    await t.as('Administrator', 0x407).putClass(item('Ein Ding', 'Kennung'), F.USE_AMENDED_QUALIFIERS);
    await t.svc.putClass(cls('Part', 'Item', { properties: [prop('Weight', 'real64')] }));
    const svc = t.as('Administrator', row.locale);
    const c = svc.getObject('Item', row.flags).object as CimClass;
    expect(value(c.qualifiers, 'Description')).toBe(row.description);
    expect(value(c.qualifiers, 'Version')).toBe('1.0');
    expect(value(c.properties[0]!.qualifiers, 'DisplayName')).toBe(row.display);
    expect(c.amended === true).toBe(row.flags !== 0);
    // The ToSubClass amended Description reaches the subclass, propagated.
    const part = svc.getObject('Part', row.flags).object as CimClass;
    const d = part.qualifiers.find((q) => q.name === 'Description');
    if (row.description === undefined) expect(d).toBeUndefined();
    else expect(d).toMatchObject({ value: row.description, origin: 'propagated' });
    // CreateClassEnum merges the same way.
    const e = svc.createClassEnum(null, F.SHALLOW | row.flags).objects.find((o) => o.name === 'Item')!;
    expect(value(e.qualifiers, 'Description')).toBe(row.description);
  });
});

describe('amended qualifiers and the update rules', () => {
  it('changing an amended qualifier is non-important: passes with children and instances', async () => {
    const t = await testRepo();
    await t.svc.putClass(item());
    await setupAll(t, [cls('Part', 'Item')]);
    await t.svc.putInstance({
      genus: 'instance',
      className: 'Part',
      qualifiers: [],
      properties: [{ name: 'Id', value: 'p' }],
    });
    const changed = item('Another text', 'Another name');
    const seen = await observe(t, () => t.svc.putClass(changed));
    expect(hrName(seen.result.hr)).toBe(hrName(HR.S_NO_ERROR));
    expect(seen.events).toEqual(['__ClassModificationEvent:Item']);
  });

  it('a put with the flag that changes only amended text leaves the base class untouched', async () => {
    const t = await testRepo();
    await t.svc.putClass(item('First'), F.USE_AMENDED_QUALIFIERS);
    await setupAll(t, [cls('Part', 'Item')]);
    const before = snapshotNamespace(t.repo, 'root\\test');
    const r = await t.svc.putClass(item('Second'), F.USE_AMENDED_QUALIFIERS);
    expect(hrName(r.hr)).toBe(hrName(HR.S_NO_ERROR));
    expect(snapshotNamespace(t.repo, 'root\\test')).toBe(before);
    expect(value(storedClass(t.repo, 'root\\test\\ms_409', 'Item')!.qualifiers, 'Description')).toBe('Second');
  });

  it('a refused put with the flag writes no amendment and creates no locale namespace', async () => {
    const t = await testRepo();
    await setupAll(t, [cls('Item', null, { properties: [prop('Id', 'string', [KEY])] }), cls('Part', 'Item')]);
    const changed = { ...item(), properties: [...item().properties, prop('Extra', 'string')] };
    const seen = await observe(t, () => t.svc.putClass(changed, F.USE_AMENDED_QUALIFIERS));
    expect(hrName(seen.result.hr)).toBe(hrName(HR.E_CLASS_HAS_CHILDREN));
    expect(seen.after).toBe(seen.before);
    expect(hrName(connectServer(t.repo, 'root\\test\\ms_409').hr)).toBe(hrName(HR.E_INVALID_NAMESPACE));
  });

  it('DeleteClass takes the amendment classes with it', async () => {
    const t = await testRepo();
    await t.svc.putClass(item(), F.USE_AMENDED_QUALIFIERS);
    expect((await t.svc.deleteClass('Item')).hr).toBe(HR.S_NO_ERROR);
    expect(storedClass(t.repo, 'root\\test\\ms_409', 'Item')).toBeNull();
  });
});
