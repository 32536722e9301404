import type { Conflict } from '../errors/opFailure';
import { HR } from '../errors/wbem';
import {
  findByName,
  nameKey,
  type ClassDefinition,
  type MethodDecl,
  type PropertyDecl,
  type Qualifier,
} from '../model';
import { qualifierIsTrue } from '../resolve/qualifierFacts';
import { propertyIndex } from '../resolve/propertyIndex';
import { Resolver } from '../resolve/Resolver';
import type { ResolvedClass } from '../resolve/resolvedClass';
import type { NamespaceData } from '../repository/namespaceData';
import { blockedOverrides, methodSignature, typeCompatible, type SubclassTest } from './shapeRules';

export interface DescendantRewrite {
  readonly key: string;
  readonly before: ClassDefinition;
  readonly after: ClassDefinition;
}

export interface DescendantAnalysis {
  /** Every conflict, in descendant order (decisions §4). */
  readonly conflicts: readonly Conflict[];
  /** Force mode: the descendants whose stored definition loses its conflicting elements. */
  readonly rewrites: readonly DescendantRewrite[];
}

interface Ctx {
  readonly inDefault: boolean;
  readonly isSubclassOf: SubclassTest;
}

/** Items in case-insensitive name order (decisions §4), each name lowered once. */
function byName<T extends { readonly name: string }>(items: readonly T[]): T[] {
  if (items.length < 2) return [...items];
  return items
    .map((it) => [nameKey(it.name), it] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([, it]) => it);
}

/** The conflicts of one descendant D against its parent's new (N) and old (O) effective classes. */
function conflictsOf(
  def: ClassDefinition,
  N: ResolvedClass,
  O: ResolvedClass | undefined,
  ctx: Ctx,
): { conflicts: Conflict[]; rewritten: ClassDefinition | null } {
  const conflicts: Conflict[] = [];
  const c = (kind: Conflict['kind'], element: Conflict['element'], name: string, hr: number, description: string) =>
    conflicts.push({ kind, className: def.name, element, name, hr, description });
  let changed = false;

  const properties: PropertyDecl[] = [];
  for (const p of byName(def.properties)) {
    const np = propertyIndex(N).get(nameKey(p.name));
    if (np) {
      if (!typeCompatible(p.type, np.type, ctx.isSubclassOf)) {
        c(
          'type',
          'property',
          p.name,
          HR.E_UPDATE_TYPE_MISMATCH,
          `${def.name} declares ${p.name} with another type than ${np.classOrigin}.`,
        );
        changed = true;
        continue;
      }
      const blocked = blockedOverrides(p.qualifiers, np.qualifiers);
      for (const q of blocked)
        c(
          'override',
          'qualifier',
          `${p.name}.${q.name}`,
          HR.E_UPDATE_OVERRIDE_NOT_ALLOWED,
          `${def.name} overrides ${q.name} on ${p.name}, which is now inherited with DisableOverride.`,
        );
      if (blocked.length) {
        changed = true;
        properties.push({ ...p, qualifiers: p.qualifiers.filter((q) => !blocked.includes(q)) });
        continue;
      }
    } else if (O && propertyIndex(O).has(nameKey(p.name))) {
      c(
        'removed',
        'property',
        p.name,
        HR.E_CLASS_HAS_CHILDREN,
        `${def.name} redeclares ${p.name}, which the base class removes.`,
      );
      changed = true;
      continue;
    }
    properties.push(p);
  }

  const methods: MethodDecl[] = [];
  for (const m of byName(def.methods)) {
    const nm = findByName(N.methods, m.name);
    if (nm) {
      if (methodSignature(m, ctx.inDefault) !== methodSignature(nm, ctx.inDefault)) {
        c(
          'method',
          'method',
          m.name,
          HR.E_UPDATE_PROPAGATED_METHOD,
          `${def.name} redeclares ${m.name} with another signature than ${nm.classOrigin}.`,
        );
        changed = true;
        continue;
      }
      const blocked = blockedOverrides(m.qualifiers, nm.qualifiers);
      for (const q of blocked)
        c(
          'override',
          'qualifier',
          `${m.name}.${q.name}`,
          HR.E_UPDATE_OVERRIDE_NOT_ALLOWED,
          `${def.name} overrides ${q.name} on ${m.name}, which is now inherited with DisableOverride.`,
        );
      if (blocked.length) {
        changed = true;
        methods.push({ ...m, qualifiers: m.qualifiers.filter((q) => !blocked.includes(q)) });
        continue;
      }
    } else if (O && findByName(O.methods, m.name)) {
      c(
        'removed',
        'method',
        m.name,
        HR.E_CLASS_HAS_CHILDREN,
        `${def.name} redeclares method ${m.name}, which the base class removes.`,
      );
      changed = true;
      continue;
    }
    methods.push(m);
  }

  const dropped = new Set<Qualifier>(blockedOverrides(def.qualifiers, N.qualifiers));
  const parentAbstract = qualifierIsTrue(N.definition.qualifiers, 'Abstract');
  for (const q of byName(def.qualifiers)) {
    if (dropped.has(q)) {
      c(
        'override',
        'qualifier',
        q.name,
        HR.E_UPDATE_OVERRIDE_NOT_ALLOWED,
        `${def.name} overrides ${q.name}, which is now inherited with DisableOverride.`,
      );
    } else if (nameKey(q.name) === 'abstract' && q.value === true && !parentAbstract) {
      c(
        'abstract',
        'qualifier',
        q.name,
        HR.E_CLASS_HAS_CHILDREN,
        `${def.name} is Abstract but its base class no longer is.`,
      );
      dropped.add(q);
    }
  }
  if (dropped.size) changed = true;

  if (!changed) return { conflicts, rewritten: null };
  // Keep the declaration order of what survives.
  const keepP = new Set(properties.map((p) => nameKey(p.name)));
  const keepM = new Set(methods.map((m) => nameKey(m.name)));
  const pByKey = new Map(properties.map((p) => [nameKey(p.name), p]));
  const mByKey = new Map(methods.map((m) => [nameKey(m.name), m]));
  const rewritten: ClassDefinition = {
    ...def,
    qualifiers: def.qualifiers.filter((q) => !dropped.has(q)),
    properties: def.properties.filter((p) => keepP.has(nameKey(p.name))).map((p) => pByKey.get(nameKey(p.name))!),
    methods: def.methods.filter((m) => keepM.has(nameKey(m.name))).map((m) => mByKey.get(nameKey(m.name))!),
  };
  return { conflicts, rewritten };
}

/**
 * Conflicts of every descendant with the class's new definition (decisions §4). In force mode each
 * descendant loses its conflicting elements before its own descendants are judged against it.
 */
export function analyzeDescendants(
  ns: NamespaceData,
  newDef: ClassDefinition,
  mode: 'safe' | 'force',
  ctx: Ctx,
): DescendantAnalysis {
  const targetKey = nameKey(newDef.name);
  const order = ns.descendants(targetKey);
  if (order.length === 0) return { conflicts: [], rewrites: [] };
  const overlay = new Map<string, ClassDefinition>([[targetKey, newDef]]);
  const touched = new Set<string>([targetKey, ...order]);
  const resolver = new Resolver((name) => overlay.get(nameKey(name)) ?? ns.getClass(name)?.def, {
    resolve: (name) => ns.resolve(name),
    touched: (k) => touched.has(k),
  });
  const conflicts: Conflict[] = [];
  const rewrites: DescendantRewrite[] = [];
  for (const key of order) {
    const def = ns.classes.get(key)!.def;
    const parentName = def.superclass!;
    const N = resolver.resolve(parentName);
    if (!N) continue;
    const O = ns.resolve(parentName);
    const r = conflictsOf(def, N, O, ctx);
    conflicts.push(...r.conflicts);
    if (mode === 'force' && r.rewritten) {
      overlay.set(key, r.rewritten);
      rewrites.push({ key, before: def, after: r.rewritten });
    }
  }
  return { conflicts, rewrites };
}
