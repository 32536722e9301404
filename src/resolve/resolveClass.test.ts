import { describe, expect, it } from 'vitest';
import type { ClassDefinition } from '../model';
import { AMENDED, cls, DISABLEOVERRIDE, method, param, prop, qual, TOINSTANCE, TOSUBCLASS } from '../model/build';
import { setupAll } from '../testing/cases';
import { testRepo } from '../testing/testRepo';
import type { CimClass } from '../service/cimObjects';
import { resolveClass } from './resolveClass';
import { qualifierOrigin, type ResolvedClass, type ResolvedQualifier } from './resolvedClass';

/** Effective classes, decisions §2b: propagation by flavor, Key, origins, class origin of overrides. */

/** Resolve a chain of definitions, root first, with the pure resolver. */
function chain(...defs: ClassDefinition[]): ResolvedClass[] {
  const out: ResolvedClass[] = [];
  for (const d of defs) out.push(resolveClass(d, out.length ? out[out.length - 1]! : null));
  return out;
}
const last = <T>(xs: readonly T[]) => xs[xs.length - 1]!;

/** `Name=value (origin, flavor)`, sorted by name: the comparable form of a qualifier set. */
const show = (qs: readonly ResolvedQualifier[]) =>
  qs
    .map((q) => `${q.name}=${JSON.stringify(q.value)} (${qualifierOrigin(q)}, 0x${q.flavor.toString(16)})`)
    .sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));

const K = qual('Key');

describe('class qualifiers propagate by flavor', () => {
  const rows = [
    { name: 'flavor 0 stays in the class', flavor: 0, child: [] },
    { name: 'ToInstance alone stays in the class', flavor: TOINSTANCE, child: [] },
    { name: 'ToSubClass propagates', flavor: TOSUBCLASS, child: ['Q="v" (propagated, 0x2)'] },
    {
      name: 'ToSubClass with DisableOverride propagates',
      flavor: TOSUBCLASS | DISABLEOVERRIDE,
      child: ['Q="v" (propagated, 0x12)'],
    },
    { name: 'ToSubClass with Amended propagates', flavor: TOSUBCLASS | AMENDED, child: ['Q="v" (propagated, 0x82)'] },
    {
      name: 'ToSubClass with ToInstance propagates',
      flavor: TOSUBCLASS | TOINSTANCE,
      child: ['Q="v" (propagated, 0x3)'],
    },
  ];
  it.each(rows)('$name', ({ flavor, child }) => {
    const [b, c, g] = chain(cls('B', null, { qualifiers: [qual('Q', 'v', flavor)] }), cls('C', 'B'), cls('G', 'C'));
    expect(show(b!.qualifiers)).toEqual([`Q="v" (local, 0x${flavor.toString(16)})`]);
    expect(show(c!.qualifiers)).toEqual(child);
    // …and on down the chain, still propagated.
    expect(show(g!.qualifiers)).toEqual(child);
  });

  it('a local qualifier of the same name overrides, reported local', () => {
    const r = chain(
      cls('B', null, { qualifiers: [qual('Q', 'b', TOSUBCLASS), qual('R', 'b', TOSUBCLASS)] }),
      cls('C', 'B', { qualifiers: [qual('q', 'c')] }),
      cls('G', 'C'),
    );
    expect(show(r[1]!.qualifiers)).toEqual(['q="c" (local, 0x0)', 'R="b" (propagated, 0x2)']);
    // The override had flavor 0: it does not pass further; the grandchild sees only R.
    expect(show(r[2]!.qualifiers)).toEqual(['R="b" (propagated, 0x2)']);
  });

  it('an override that itself carries ToSubClass passes its own value down', () => {
    const r = chain(
      cls('B', null, { qualifiers: [qual('Q', 'b', TOSUBCLASS)] }),
      cls('C', 'B', { qualifiers: [qual('Q', 'c', TOSUBCLASS)] }),
      cls('G', 'C'),
    );
    expect(show(r[2]!.qualifiers)).toEqual(['Q="c" (propagated, 0x2)']);
  });

  it('class qualifiers never flow onto properties or methods', () => {
    const r = chain(
      cls('B', null, {
        qualifiers: [qual('Description', 'class text', TOSUBCLASS), qual('Abstract')],
        properties: [prop('P', 'string')],
        methods: [method('M', null)],
      }),
      cls('C', 'B', { properties: [prop('Own', 'string')] }),
    );
    for (const x of r) {
      for (const p of x.properties) expect(p.qualifiers).toEqual([]);
      for (const m of x.methods) expect(m.qualifiers).toEqual([]);
    }
  });
});

describe('property and method qualifiers inherit with their element', () => {
  const base = cls('B', null, {
    properties: [
      prop('Id', 'string', [K]),
      prop('P', 'uint32', [
        qual('Units', 'KB', TOSUBCLASS),
        qual('MaxValue', 9),
        qual('Fixed', 1, TOSUBCLASS | DISABLEOVERRIDE),
      ]),
    ],
    methods: [
      method('M', 'uint32', [param('a', 'uint32', [qual('In')])], [qual('Static', true, TOSUBCLASS), qual('Local', 1)]),
    ],
  });

  it('inherited unchanged: ToSubClass ones, propagated', () => {
    const c = last(chain(base, cls('C', 'B')));
    expect(show(c.properties[1]!.qualifiers)).toEqual(['Fixed=1 (propagated, 0x12)', 'Units="KB" (propagated, 0x2)']);
    expect(show(c.methods[0]!.qualifiers)).toEqual(['Static=true (propagated, 0x2)']);
  });

  it('redeclared: local ones next to the inherited ToSubClass ones, local wins', () => {
    const c = last(
      chain(
        base,
        cls('C', 'B', {
          properties: [prop('P', 'uint32', [qual('Units', 'MB'), qual('Required')])],
          methods: [method('M', 'uint32', [param('a', 'uint32', [qual('In')])], [qual('Implemented')])],
        }),
      ),
    );
    expect(show(c.properties[1]!.qualifiers)).toEqual([
      'Fixed=1 (propagated, 0x12)',
      'Required=true (local, 0x0)',
      'Units="MB" (local, 0x0)',
    ]);
    expect(show(c.methods[0]!.qualifiers)).toEqual(['Implemented=true (local, 0x0)', 'Static=true (propagated, 0x2)']);
  });

  it('two levels down, through a class that does not mention the element', () => {
    const g = last(chain(base, cls('C', 'B'), cls('G', 'C')));
    expect(show(g.properties[1]!.qualifiers)).toEqual(['Fixed=1 (propagated, 0x12)', 'Units="KB" (propagated, 0x2)']);
  });
});

describe('Key goes with its property whatever its flavor', () => {
  it.each([
    { name: 'flavor 0', flavor: 0 },
    { name: 'ToInstance only', flavor: TOINSTANCE },
    { name: 'ToSubClass', flavor: TOSUBCLASS },
    { name: 'DisableOverride without ToSubClass', flavor: DISABLEOVERRIDE },
  ])('$name', ({ flavor }) => {
    const [b, c, g] = chain(
      cls('B', null, { properties: [prop('Id', 'string', [qual('Key', true, flavor)])] }),
      cls('C', 'B', { properties: [prop('Id', 'string', [qual('Description', 'redeclared')])] }),
      cls('G', 'C'),
    );
    expect(b!.properties[0]!.key).toBe(true);
    for (const x of [c!, g!]) {
      const p = x.properties[0]!;
      expect(p.key).toBe(true);
      expect(p.qualifiers.find((q) => q.name === 'Key')).toMatchObject({ value: true, origin: 'propagated', flavor });
    }
    // Other flavor-0 qualifiers of the key property do not follow it.
    expect(g!.properties[0]!.qualifiers.map((q) => q.name)).toEqual(['Key']);
  });
});

describe('class origin', () => {
  const r = chain(
    cls('B', null, {
      properties: [prop('Id', 'string', [K]), prop('P', 'uint32', [], 1)],
      methods: [method('M', null)],
    }),
    cls('C', 'B', { properties: [prop('p', 'uint32'), prop('Q', 'string', [], 'q')], methods: [method('M', null)] }),
    cls('G', 'C', { properties: [prop('Q', 'string', [], 'g'), prop('R', 'boolean')] }),
  );
  const rows = [
    { cls: 2, prop: 'Id', origin: 'B', propagated: true, dflt: undefined },
    { cls: 1, prop: 'p', origin: 'B', propagated: false, dflt: 1 },
    { cls: 2, prop: 'p', origin: 'B', propagated: true, dflt: 1 },
    { cls: 1, prop: 'Q', origin: 'C', propagated: false, dflt: 'q' },
    { cls: 2, prop: 'Q', origin: 'C', propagated: false, dflt: 'g' },
    { cls: 2, prop: 'R', origin: 'G', propagated: false, dflt: undefined },
  ];
  it.each(rows)('$prop in class #$cls: origin $origin', (row) => {
    const p = r[row.cls]!.properties.find((x) => x.name.toLowerCase() === row.prop.toLowerCase())!;
    expect(p.classOrigin).toBe(row.origin);
    expect(p.propagated).toBe(row.propagated);
    expect(p.defaultValue).toBe(row.dflt);
  });

  it('an overridden method keeps the first declarer as its origin', () => {
    expect(r[1]!.methods.map((m) => [m.name, m.classOrigin, m.propagated])).toEqual([['M', 'B', false]]);
    expect(r[2]!.methods.map((m) => [m.name, m.classOrigin, m.propagated])).toEqual([['M', 'B', true]]);
  });

  it('inherited properties first, in the parent order, then the new local ones', () => {
    expect(r[2]!.properties.map((p) => p.name)).toEqual(['Id', 'p', 'Q', 'R']);
  });

  it('derivation is nearest first', () => {
    expect(r.map((x) => x.derivation)).toEqual([[], ['B'], ['C', 'B']]);
    expect(r.map((x) => x.superclass)).toEqual([null, 'B', 'C']);
  });
});

describe('through the service: GetObject reports the same resolution', () => {
  it('origins, flavors and class origin of a stored chain', async () => {
    const t = await testRepo();
    await setupAll(t, [
      cls('Base', null, {
        qualifiers: [qual('Description', 'base', TOSUBCLASS | AMENDED), qual('Version', '1')],
        properties: [prop('Id', 'string', [K]), prop('Size', 'uint32', [qual('Units', 'KB', TOSUBCLASS)])],
      }),
      cls('Mid', 'Base', { properties: [prop('Size', 'uint32', [qual('MaxValue', 5)])] }),
      cls('Leaf', 'Mid', { qualifiers: [qual('Description', 'leaf')] }),
    ]);
    const leaf = t.svc.getObject('Leaf').object as CimClass;
    expect(show(leaf.qualifiers)).toEqual(['Description="leaf" (local, 0x0)']);
    const mid = t.svc.getObject('Mid').object as CimClass;
    expect(show(mid.qualifiers)).toEqual(['Description="base" (propagated, 0x82)']);
    const size = leaf.properties.find((p) => p.name === 'Size')!;
    expect(size.classOrigin).toBe('Base');
    expect(show(size.qualifiers)).toEqual(['Units="KB" (propagated, 0x2)']);
    expect(show(leaf.properties[0]!.qualifiers)).toEqual(['Key=true (propagated, 0x0)']);
  });
});
