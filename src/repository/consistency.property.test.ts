import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HR, hrName, WBEM_FLAG, WBEM_FLAVOR } from '../errors/wbem';
import {
  formatCimType,
  type CimObjectDefinition,
  type CimValue,
  type ClassDefinition,
  type MethodDecl,
  type ParameterDecl,
  type PropertyDecl,
  type Qualifier,
} from '../model';
import { AMENDED, cls, DISABLEOVERRIDE, method, param, prop, qual, TOSUBCLASS } from '../model/build';
import type { CimClass } from '../service/cimObjects';
import { qualifierOrigin, type ResolvedQualifier } from '../resolve/resolvedClass';
import type { WbemServices } from '../service/WbemServices';
import { recordingSink } from '../testing/sinks';
import { inst, testRepo, type TestRepo } from '../testing/testRepo';

/**
 * Random sequences of PutClass / DeleteClass / PutInstance / DeleteInstance over a small name pool,
 * checking after every step that the repository stays consistent: superclasses exist, derivation
 * is acyclic, every effective class equals a naive re-derivation written here from decisions §2b,
 * instances fit their classes, and a failed operation changed nothing. analyzeClassUpdate's
 * prediction is checked against every put.
 */

const F = WBEM_FLAG;

// -- A naive re-derivation, independent of src/resolve (decisions §2b)

interface NaiveQualifier {
  readonly name: string;
  readonly value: CimValue;
  readonly flavor: number;
  readonly origin: 'local' | 'propagated';
}
interface NaiveProperty {
  readonly name: string;
  readonly type: string;
  readonly classOrigin: string;
  readonly propagated: boolean;
  readonly key: boolean;
  readonly defaultValue: CimValue | undefined;
  readonly qualifiers: readonly NaiveQualifier[];
}
interface NaiveMethod {
  readonly name: string;
  readonly returnType: string;
  readonly parameters: readonly ParameterDecl[];
  readonly classOrigin: string;
  readonly propagated: boolean;
  readonly qualifiers: readonly NaiveQualifier[];
}
interface NaiveClass {
  readonly name: string;
  readonly superclass: string | null;
  readonly derivation: readonly string[];
  readonly qualifiers: readonly NaiveQualifier[];
  readonly properties: readonly NaiveProperty[];
  readonly methods: readonly NaiveMethod[];
}

const lc = (s: string) => s.toLowerCase();
const byLcName = <T extends { name: string }>(xs: readonly T[]) =>
  [...xs].sort((a, b) => (lc(a.name) < lc(b.name) ? -1 : lc(a.name) > lc(b.name) ? 1 : 0));

/** Inherited qualifiers pass when they carry ToSubClass (Key always, for properties); local ones win. */
function inheritQualifiers(
  inherited: readonly NaiveQualifier[],
  local: readonly Qualifier[],
  keyAlways: boolean,
): NaiveQualifier[] {
  const out = new Map<string, NaiveQualifier>();
  for (const q of inherited) {
    const passes = (q.flavor & WBEM_FLAVOR.PROPAGATE_TO_DERIVED_CLASS) !== 0 || (keyAlways && lc(q.name) === 'key');
    if (passes) out.set(lc(q.name), { ...q, origin: 'propagated' });
  }
  for (const q of local) out.set(lc(q.name), { name: q.name, value: q.value, flavor: q.flavor, origin: 'local' });
  return byLcName([...out.values()]);
}

const isKey = (qs: readonly NaiveQualifier[]) => qs.some((q) => lc(q.name) === 'key' && q.value === true);

function deriveOne(def: ClassDefinition, parent: NaiveClass | null): NaiveClass {
  const find = <T extends { name: string }>(xs: readonly T[], n: string) => xs.find((x) => lc(x.name) === lc(n));
  const properties: NaiveProperty[] = [];
  for (const pp of parent?.properties ?? []) {
    const lp = find(def.properties, pp.name);
    if (!lp) {
      const qualifiers = inheritQualifiers(pp.qualifiers, [], true);
      properties.push({ ...pp, propagated: true, qualifiers, key: isKey(qualifiers) });
    } else {
      const qualifiers = inheritQualifiers(pp.qualifiers, lp.qualifiers, true);
      properties.push({
        name: lp.name,
        type: formatCimType(lp.type),
        classOrigin: pp.classOrigin,
        propagated: false,
        key: isKey(qualifiers),
        defaultValue: lp.defaultValue !== undefined ? lp.defaultValue : pp.defaultValue,
        qualifiers,
      });
    }
  }
  for (const lp of def.properties) {
    if (parent && find(parent.properties, lp.name)) continue;
    const qualifiers = inheritQualifiers([], lp.qualifiers, true);
    properties.push({
      name: lp.name,
      type: formatCimType(lp.type),
      classOrigin: def.name,
      propagated: false,
      key: isKey(qualifiers),
      defaultValue: lp.defaultValue,
      qualifiers,
    });
  }
  const methods: NaiveMethod[] = [];
  const sig = (m: MethodDecl) => (m.returnType ? formatCimType(m.returnType) : 'void');
  for (const pm of parent?.methods ?? []) {
    const lm = find(def.methods, pm.name);
    if (!lm) methods.push({ ...pm, propagated: true, qualifiers: inheritQualifiers(pm.qualifiers, [], false) });
    else
      methods.push({
        name: lm.name,
        returnType: sig(lm),
        parameters: lm.parameters,
        classOrigin: pm.classOrigin,
        propagated: false,
        qualifiers: inheritQualifiers(pm.qualifiers, lm.qualifiers, false),
      });
  }
  for (const lm of def.methods) {
    if (parent && find(parent.methods, lm.name)) continue;
    methods.push({
      name: lm.name,
      returnType: sig(lm),
      parameters: lm.parameters,
      classOrigin: def.name,
      propagated: false,
      qualifiers: inheritQualifiers([], lm.qualifiers, false),
    });
  }
  return {
    name: def.name,
    superclass: parent ? parent.name : null,
    derivation: parent ? [parent.name, ...parent.derivation] : [],
    qualifiers: inheritQualifiers(parent?.qualifiers ?? [], def.qualifiers, false),
    properties: byLcName(properties),
    methods: byLcName(methods),
  };
}

/** Walk the stored local definitions up the chain, then derive root first. */
function naiveDerive(defs: ReadonlyMap<string, ClassDefinition>, name: string): NaiveClass {
  const chain: ClassDefinition[] = [];
  for (let d = defs.get(lc(name)); d; d = d.superclass === null ? undefined : defs.get(lc(d.superclass))) {
    chain.unshift(d);
  }
  let cur: NaiveClass | null = null;
  for (const d of chain) cur = deriveOne(d, cur);
  return cur!;
}

/** The engine's effective class in the same comparable shape. */
function project(c: CimClass): NaiveClass {
  const qs = (q: readonly ResolvedQualifier[]) =>
    byLcName(q.map((x) => ({ name: x.name, value: x.value, flavor: x.flavor, origin: qualifierOrigin(x) })));
  return {
    name: c.name,
    superclass: c.superclass,
    derivation: c.derivation,
    qualifiers: qs(c.qualifiers),
    properties: byLcName(
      c.properties.map((p) => ({
        name: p.name,
        type: formatCimType(p.type),
        classOrigin: p.classOrigin,
        propagated: p.propagated,
        key: p.key,
        defaultValue: p.defaultValue,
        qualifiers: qs(p.qualifiers),
      })),
    ),
    methods: byLcName(
      c.methods.map((m) => ({
        name: m.name,
        returnType: m.returnType ? formatCimType(m.returnType) : 'void',
        parameters: m.parameters,
        classOrigin: m.classOrigin,
        propagated: m.propagated,
        qualifiers: qs(m.qualifiers),
      })),
    ),
  };
}

// -- The repository's stored state, read through the snapshot helper

interface Stored {
  readonly defs: Map<string, ClassDefinition>;
  readonly instances: { path: string; def: { className: string; properties: { name: string; value: CimValue }[] } }[];
}
function stored(t: TestRepo): Stored {
  const snap = JSON.parse(t.snapshot()) as {
    classes: { def: ClassDefinition }[];
    instances: Stored['instances'];
  };
  return { defs: new Map(snap.classes.map((c) => [lc(c.def.name), c.def])), instances: snap.instances };
}

function checkInvariants(t: TestRepo): void {
  const { defs, instances } = stored(t);
  const system = (n: string) => n.startsWith('__');
  for (const d of defs.values()) {
    // Every stored class's superclass exists.
    if (d.superclass !== null && !system(d.superclass)) expect(defs.has(lc(d.superclass)), d.name).toBe(true);
    // Derivation is acyclic.
    const seen = new Set<string>();
    for (let c: ClassDefinition | undefined = d; c; c = c.superclass ? defs.get(lc(c.superclass)) : undefined) {
      expect(seen.has(lc(c.name)), `cycle through ${d.name}`).toBe(false);
      seen.add(lc(c.name));
    }
    // The effective class equals the naive re-derivation.
    const got = t.svc.getObject(d.name);
    expect(hrName(got.hr)).toBe(hrName(HR.S_NO_ERROR));
    expect(project(got.object as CimClass)).toEqual(naiveDerive(defs, d.name));
  }
  // Every instance fits its class: the class exists and is concrete, its properties exist, its path resolves.
  for (const i of instances) {
    const def = defs.get(lc(i.def.className));
    expect(def, i.path).toBeDefined();
    expect(def!.qualifiers.some((q) => lc(q.name) === 'abstract' && q.value === true)).toBe(false);
    const eff = naiveDerive(defs, i.def.className);
    for (const p of i.def.properties)
      expect(
        eff.properties.some((x) => lc(x.name) === lc(p.name)),
        p.name,
      ).toBe(true);
    expect(hrName(t.svc.getObject(i.path).hr)).toBe(hrName(HR.S_NO_ERROR));
  }
}

// -- Random operations

const NAMES = ['Alpha', 'Beta', 'Gamma', 'Delta', 'Epsilon'] as const;
/** A pool name, now and then in another spelling (names are case-insensitive, the latest spelling is kept). */
const spelled = (n: string) => fc.integer({ min: 0, max: 7 }).map((v) => (v === 0 ? n.toUpperCase() : n));
const nameArb = fc.constantFrom(...NAMES).chain(spelled);
/**
 * A superclass for pool name #i: mostly one of the names before it (so hierarchies grow and stay
 * acyclic), sometimes none, rarely any name (cycles and missing superclasses get tried too).
 */
const superclassArb = (i: number, anyName: boolean) =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constant(null) },
    ...(i > 0 ? [{ weight: 6, arbitrary: fc.constantFrom(...NAMES.slice(0, i)).chain(spelled) }] : []),
    ...(anyName ? [{ weight: 1, arbitrary: nameArb }] : []),
  );
const flavorArb = fc.constantFrom(0, TOSUBCLASS, TOSUBCLASS | DISABLEOVERRIDE, TOSUBCLASS | AMENDED);
const qualifiersArb = (names: readonly string[]) =>
  fc
    .subarray([...names])
    .chain((ns) =>
      fc.tuple(...ns.map((n) => fc.tuple(fc.constantFrom('x', 'y'), flavorArb).map(([v, f]) => qual(n, v, f)))),
    );
const propertyArb = (
  name: string,
  types: readonly string[],
  extra: readonly Qualifier[] = [],
): fc.Arbitrary<PropertyDecl> =>
  fc
    .tuple(fc.constantFrom(...types), qualifiersArb(['Units', 'Note']))
    .map(([ty, qs]) => prop(name, ty, [...extra, ...qs]));
const methodArb: fc.Arbitrary<MethodDecl> = fc
  .tuple(fc.constantFrom('uint32', 'sint32'), fc.constantFrom('string', 'uint8'), qualifiersArb(['Note']))
  .map(([ret, pt, qs]) => method('Run', ret, [param('a', pt, [qual('In')])], qs));
/**
 * A definition of pool class #i (its name respelled now and then). A `first` definition keeps to
 * superclasses before it and to one type per property, so that the prelude mostly succeeds; later
 * ones try anything.
 */
const classArb = (i: number, first = false): fc.Arbitrary<ClassDefinition> =>
  fc
    .record({
      name: spelled(NAMES[i]!),
      superclass: superclassArb(i, !first),
      abstract: fc.integer({ min: 0, max: 4 }),
      qualifiers: qualifiersArb(['Category', 'Description']),
      // Roots are mostly keyed by Id; subclasses now and then redeclare it.
      id: fc.integer({ min: 0, max: 4 }),
      p: fc.option(propertyArb('P', first ? ['uint32'] : ['uint32', 'string']), { nil: null }),
      q: fc.option(propertyArb('Q', first ? ['string'] : ['uint32', 'string']), { nil: null }),
      run: fc.option(methodArb, { nil: null, freq: 2 }),
    })
    .map((r) => {
      const key = r.superclass === null ? r.id > 0 : r.id === 0;
      return cls(r.name, r.superclass, {
        qualifiers: r.abstract === 0 ? [qual('Abstract'), ...r.qualifiers] : r.qualifiers,
        properties: [key ? prop('Id', 'string', [qual('Key')]) : null, r.p, r.q].filter(
          (x): x is PropertyDecl => x !== null,
        ),
        methods: r.run ? [r.run] : [],
      });
    });
const anyClassArb = fc.integer({ min: 0, max: NAMES.length - 1 }).chain(classArb);
/** A first definition of every pool class, in pool order, so that the random steps find a hierarchy. */
const preludeArb = fc.tuple(...NAMES.map((_, i) => classArb(i, true)));

/** Edits of a stored class, applied at run time to its current definition: these reach the update rules. */
const MUTATIONS = {
  retypeP: (d: ClassDefinition) => {
    const p = d.properties.find((x) => lc(x.name) === 'p');
    const ty = p && p.type.base === 'uint32' ? 'string' : 'uint32';
    return { ...d, properties: [...d.properties.filter((x) => x !== p), prop('P', ty, p?.qualifiers ?? [])] };
  },
  dropP: (d: ClassDefinition) => ({ ...d, properties: d.properties.filter((x) => lc(x.name) !== 'p') }),
  addR: (d: ClassDefinition) => ({
    ...d,
    properties: [...d.properties.filter((x) => lc(x.name) !== 'r'), prop('R', 'uint32')],
  }),
  retypeRun: (d: ClassDefinition) => ({
    ...d,
    methods: [
      method('Run', d.methods[0]?.returnType?.base === 'uint32' ? 'sint32' : 'uint32', [
        param('a', 'string', [qual('In')]),
      ]),
    ],
  }),
  dropRun: (d: ClassDefinition) => ({ ...d, methods: [] }),
  lockUnits: (d: ClassDefinition) => ({
    ...d,
    properties: d.properties.map((x) =>
      lc(x.name) === 'p'
        ? {
            ...x,
            qualifiers: [
              ...x.qualifiers.filter((q) => lc(q.name) !== 'units'),
              qual('Units', 'z', TOSUBCLASS | DISABLEOVERRIDE),
            ],
          }
        : x,
    ),
  }),
  lockCategory: (d: ClassDefinition) => ({
    ...d,
    qualifiers: [
      ...d.qualifiers.filter((q) => lc(q.name) !== 'category'),
      qual('Category', 'z', TOSUBCLASS | DISABLEOVERRIDE),
    ],
  }),
  unabstract: (d: ClassDefinition) => ({ ...d, qualifiers: d.qualifiers.filter((q) => lc(q.name) !== 'abstract') }),
  describe: (d: ClassDefinition) => ({
    ...d,
    qualifiers: [
      ...d.qualifiers.filter((q) => lc(q.name) !== 'description'),
      qual('Description', 'changed', TOSUBCLASS),
    ],
  }),
  keyQ: (d: ClassDefinition) => ({
    ...d,
    properties: [...d.properties.filter((x) => lc(x.name) !== 'q'), prop('Q', 'string', [qual('Key')])],
  }),
} as const;
type Mutation = keyof typeof MUTATIONS;

type Op =
  | { kind: 'putClass'; def: ClassDefinition; flags: number; async: boolean }
  | { kind: 'mutate'; index: number; mutation: Mutation; flags: number; async: boolean }
  | { kind: 'deleteClass'; name: string; async: boolean }
  | { kind: 'putInstance'; className: string; id: string; p: CimValue | undefined; flags: number }
  | { kind: 'deleteInstance'; className: string; id: string };

const existFlagArb = fc.constantFrom(0, 0, F.CREATE_ONLY, F.UPDATE_ONLY);
const modeArb = fc.constantFrom(F.UPDATE_COMPATIBLE, F.UPDATE_SAFE_MODE, F.UPDATE_FORCE_MODE);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .record({ def: anyClassArb, e: existFlagArb, m: modeArb, async: fc.boolean() })
      .map(({ def, e, m, async }): Op => ({ kind: 'putClass', def, flags: e | m, async })),
  },
  {
    weight: 5,
    arbitrary: fc
      .record({
        // Mostly the classes near the roots, which have descendants to conflict with.
        index: fc.constantFrom(0, 0, 0, 1, 1, 2, 3, 4),
        mutation: fc.constantFrom(...(Object.keys(MUTATIONS) as Mutation[])),
        flags: modeArb,
        async: fc.boolean(),
      })
      .map((r): Op => ({ kind: 'mutate', ...r })),
  },
  {
    weight: 1,
    arbitrary: fc.record({ name: nameArb, async: fc.boolean() }).map((r): Op => ({ kind: 'deleteClass', ...r })),
  },
  {
    weight: 4,
    arbitrary: fc
      .record({
        className: nameArb,
        id: fc.constantFrom('x', 'y'),
        p: fc.option(fc.constantFrom<CimValue>(7, 'seven'), { nil: undefined }),
        flags: existFlagArb,
      })
      .map((r): Op => ({ kind: 'putInstance', ...r })),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({ className: nameArb, id: fc.constantFrom('x', 'y') })
      .map((r): Op => ({ kind: 'deleteInstance', ...r })),
  },
);

async function viaSink(start: (sink: ReturnType<typeof recordingSink>) => number): Promise<number> {
  const sink = recordingSink();
  const hr = start(sink);
  if (hr !== HR.S_NO_ERROR) return hr;
  return (await sink.done).hr;
}

async function apply(svc: WbemServices, op: Exclude<Op, { kind: 'mutate' }>): Promise<number> {
  switch (op.kind) {
    case 'putClass':
      return op.async
        ? viaSink((s) => svc.putClassAsync(op.def, op.flags, null, s))
        : (await svc.putClass(op.def, op.flags)).hr;
    case 'deleteClass':
      return op.async ? viaSink((s) => svc.deleteClassAsync(op.name, 0, null, s)) : (await svc.deleteClass(op.name)).hr;
    case 'putInstance':
      return (
        await svc.putInstance(inst(op.className, op.p === undefined ? { Id: op.id } : { Id: op.id, P: op.p }), op.flags)
      ).hr;
    case 'deleteInstance':
      return (await svc.deleteInstance(`${op.className}.Id="${op.id}"`)).hr;
  }
}

const describeOp = (op: Op) => JSON.stringify(op);

/** A mutation becomes a plain put of the edited current definition (or of the bare class when it is gone). */
function resolveOp(t: TestRepo, op: Op): Exclude<Op, { kind: 'mutate' }> {
  if (op.kind !== 'mutate') return op;
  const current = stored(t).defs.get(lc(NAMES[op.index]!)) ?? cls(NAMES[op.index]!, null);
  return { kind: 'putClass', def: MUTATIONS[op.mutation](current), flags: op.flags, async: op.async };
}

/** The instance path of a deletion event's instance (every class here is keyed by Id alone). */
const pathOf = (e: {
  TargetInstance?: { className: string; properties: readonly { name: string; value: CimValue }[] };
}) =>
  `${e.TargetInstance!.className}.Id="${String(e.TargetInstance!.properties.find((p) => lc(p.name) === 'id')!.value)}"`;

describe('repository consistency under random operations', () => {
  it('stays consistent after every step; failed steps change nothing; analyzeClassUpdate predicts every put', async () => {
    await fc.assert(
      fc.asyncProperty(preludeArb, fc.array(opArb, { minLength: 5, maxLength: 30 }), async (prelude, ops) => {
        const t = await testRepo();
        for (const def of prelude) await t.svc.putClass(def);
        checkInvariants(t);
        for (const step of ops) {
          const op = resolveOp(t, step);
          const before = t.snapshotAll();
          const exists = t.svc.getObject(op.kind === 'putClass' ? op.def.name : '_').hr === HR.S_NO_ERROR;
          const predicted =
            op.kind === 'putClass' ? t.svc.analyzeClassUpdate(op.def, op.flags & ~F.MASK_UPDATE_MODE) : null;
          t.clearEvents();
          const hr = await apply(t.svc, op);
          const label = describeOp(op);
          if (hr >>> 0 >= 0x80000000) {
            expect(t.snapshotAll(), `failed ${hrName(hr)} but changed: ${label}`).toBe(before);
            expect(t.eventNames(), label).toEqual([]);
          }
          if (op.kind === 'putClass' && predicted && !((op.flags & F.CREATE_ONLY) !== 0 && exists)) {
            const mode =
              (op.flags & F.MASK_UPDATE_MODE) === F.UPDATE_FORCE_MODE
                ? predicted.force
                : (op.flags & F.MASK_UPDATE_MODE) === F.UPDATE_SAFE_MODE
                  ? predicted.safe
                  : predicted.compatible;
            expect(hrName(mode.hr), `prediction for ${label}`).toBe(hrName(hr));
            if (hr === HR.S_NO_ERROR && (op.flags & F.MASK_UPDATE_MODE) === F.UPDATE_FORCE_MODE) {
              const classEvents = t.events.filter((e) => e.__CLASS.startsWith('__Class'));
              expect(
                classEvents.slice(1).map((e) => e.className),
                label,
              ).toEqual(mode.rewrittenClasses);
              expect(t.events.filter((e) => e.__CLASS === '__InstanceDeletionEvent').map(pathOf), label).toEqual(
                mode.deletedInstances,
              );
            }
          }
          checkInvariants(t);
        }
      }),
      { numRuns: 200 },
    );
  });
});

// -- analyzeClassUpdate against the three real puts, on random hierarchies

const treeArb = fc
  .record({
    classes: preludeArb,
    instances: fc.array(fc.tuple(nameArb, fc.constantFrom('x', 'y')), { maxLength: 3 }),
    update: anyClassArb,
  })
  .map(({ classes, instances, update }) => ({
    setup: [...classes, ...instances.map(([c, id]) => inst(c, { Id: id }))] as CimObjectDefinition[],
    update,
  }));

describe('analyzeClassUpdate predicts each update mode', () => {
  it('hr, error object, rewritten classes and deleted instances equal what each put does', async () => {
    await fc.assert(
      fc.asyncProperty(treeArb, async ({ setup, update }) => {
        const build = async () => {
          const t = await testRepo();
          for (const o of setup) {
            if (o.genus === 'class') await t.svc.putClass(o);
            else await t.svc.putInstance(o);
          }
          t.clearEvents();
          return t;
        };
        const analysis = (await build()).svc.analyzeClassUpdate(update);
        for (const [mode, flags] of [
          ['compatible', F.UPDATE_COMPATIBLE],
          ['safe', F.UPDATE_SAFE_MODE],
          ['force', F.UPDATE_FORCE_MODE],
        ] as const) {
          const t = await build();
          const r = await t.svc.putClass(update, flags);
          const p = analysis[mode];
          expect(hrName(p.hr), mode).toBe(hrName(r.hr));
          expect(p.errorObject, mode).toEqual(r.errorObject);
          if (r.hr !== HR.S_NO_ERROR) {
            expect(t.eventNames()).toEqual([]);
            continue;
          }
          expect(p.noop).toBe(t.events.length === 0);
          const classEvents = t.events.filter((e) => e.__CLASS.startsWith('__Class'));
          expect(classEvents.slice(1).map((e) => e.className)).toEqual(p.rewrittenClasses);
          expect(t.events.filter((e) => e.__CLASS === '__InstanceDeletionEvent').map(pathOf)).toEqual(
            p.deletedInstances,
          );
          checkInvariants(t);
        }
      }),
      { numRuns: 150 },
    );
  });
});
