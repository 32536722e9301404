import { nameKey, sameName, type ClassDefinition, type Qualifier } from '../model';
import { passesToSubclass } from './qualifierFacts';
import type { ResolvedClass, ResolvedMethod, ResolvedProperty, ResolvedQualifier } from './resolvedClass';

const PROPAGATED = 'propagated' as const;

/** A superclass's qualifier as a subclass sees it; built field by field (a spread is slower on this hot path). */
function propagated(q: Qualifier): ResolvedQualifier {
  return { name: q.name, type: q.type, value: q.value, flavor: q.flavor, origin: PROPAGATED };
}

function hasQualifierNamed(qs: readonly Qualifier[], name: string): boolean {
  for (const q of qs) if (q.name.length === name.length && sameName(q.name, name)) return true;
  return false;
}

/**
 * Effective qualifiers of an element: its local ones plus the inherited ones that carry
 * ToSubClass; a local qualifier of the same name overrides (decisions §2b). `alwaysInherit`
 * names qualifiers inherited whatever their flavor (Key goes with its property).
 */
export function mergeQualifiers(
  localQs: readonly Qualifier[],
  inherited: readonly ResolvedQualifier[],
  alwaysInherit?: string,
): readonly ResolvedQualifier[] {
  // An element's own qualifiers are the stored objects themselves (ResolvedQualifier without origin).
  if (inherited.length === 0) return localQs;
  const out: ResolvedQualifier[] = [];
  for (const q of inherited) {
    if (!passesToSubclass(q) && (alwaysInherit === undefined || !sameName(q.name, alwaysInherit))) continue;
    if (hasQualifierNamed(localQs, q.name)) continue;
    out.push(q.origin === PROPAGATED ? q : propagated(q));
  }
  for (const q of localQs) out.push(q);
  return out;
}

/**
 * How a parent's property looks from a subclass that does not redeclare it: only its ToSubClass
 * qualifiers (and Key) come along, all marked propagated. Memoised per parent property, and a
 * view seen from a further subclass is the same view, so deep hierarchies share one object per
 * inherited property instead of copying it at every level.
 */
const propertyViews = new WeakMap<ResolvedProperty, ResolvedProperty>();
function inheritedProperty(pp: ResolvedProperty): ResolvedProperty {
  if (pp.propagated) return pp;
  let v = propertyViews.get(pp);
  if (!v) {
    v = { ...pp, qualifiers: mergeQualifiers([], pp.qualifiers, 'key'), propagated: true };
    propertyViews.set(pp, v);
  }
  return v;
}

const methodViews = new WeakMap<ResolvedMethod, ResolvedMethod>();
function inheritedMethod(pm: ResolvedMethod): ResolvedMethod {
  if (pm.propagated) return pm;
  let v = methodViews.get(pm);
  if (!v) {
    v = { ...pm, qualifiers: mergeQualifiers([], pm.qualifiers), propagated: true };
    methodViews.set(pm, v);
  }
  return v;
}

type Named = readonly { readonly name: string }[];

/** Finds a local element by name: a scan for the usual short lists, a map for long ones. */
function nameIndex(items: Named): (name: string) => number {
  if (items.length > 32) {
    const byKey = new Map<string, number>();
    for (let i = items.length - 1; i >= 0; i--) byKey.set(nameKey(items[i]!.name), i);
    return (name) => byKey.get(nameKey(name)) ?? -1;
  }
  return (name) => {
    for (let i = 0; i < items.length; i++) if (sameName(items[i]!.name, name)) return i;
    return -1;
  };
}

function isKey(qs: readonly ResolvedQualifier[]): boolean {
  for (const q of qs) if (q.value === true && q.name.length === 3 && sameName(q.name, 'key')) return true;
  return false;
}

/**
 * An effective class's properties or methods: the parent's, in its order (as inherited, or as
 * overridden by the local element of the same name), then the new local ones in declaration order.
 */
function mergeMembers<L extends { readonly name: string }, R extends { readonly name: string }>(
  parentMembers: readonly R[],
  locals: readonly L[],
  inherit: (r: R) => R,
  override: (l: L, r: R) => R,
  declare: (l: L) => R,
): R[] {
  const out: R[] = [];
  const overridden = new Array<boolean>(locals.length);
  const localAt = locals.length > 0 ? nameIndex(locals) : undefined;
  for (const r of parentMembers) {
    const i = localAt === undefined ? -1 : localAt(r.name);
    if (i < 0) {
      out.push(inherit(r));
    } else {
      out.push(override(locals[i]!, r));
      overridden[i] = true;
    }
  }
  for (const [i, l] of locals.entries()) if (overridden[i] !== true) out.push(declare(l));
  return out;
}

/**
 * A property this class declares (or redeclares). Two literals rather than a conditional spread:
 * one put of a schema import makes dozens of these, and spreading an object literal is slow.
 */
function resolvedProperty(
  name: string,
  type: ResolvedProperty['type'],
  qualifiers: readonly ResolvedQualifier[],
  classOrigin: string,
  defaultValue: ResolvedProperty['defaultValue'],
): ResolvedProperty {
  const key = isKey(qualifiers);
  return defaultValue === undefined
    ? { name, type, qualifiers, classOrigin, propagated: false, key }
    : { name, type, qualifiers, classOrigin, propagated: false, key, defaultValue };
}

/**
 * Derive the effective class from its own definition and its parent's effective class.
 * Pure: the caller supplies the resolved parent (null for a root class).
 */
export function resolveClass(def: ClassDefinition, parent: ResolvedClass | null): ResolvedClass {
  const qualifiers = parent ? mergeQualifiers(def.qualifiers, parent.qualifiers) : def.qualifiers;

  const properties = mergeMembers(
    parent?.properties ?? [],
    def.properties,
    inheritedProperty,
    (lp, pp) => {
      const qs = mergeQualifiers(lp.qualifiers, pp.qualifiers, 'key');
      const defaultValue = lp.defaultValue !== undefined ? lp.defaultValue : pp.defaultValue;
      return resolvedProperty(lp.name, lp.type, qs, pp.classOrigin, defaultValue);
    },
    (lp) => resolvedProperty(lp.name, lp.type, lp.qualifiers, def.name, lp.defaultValue),
  );
  const methods = mergeMembers(
    parent?.methods ?? [],
    def.methods,
    inheritedMethod,
    (lm, pm): ResolvedMethod => ({
      name: lm.name,
      returnType: lm.returnType,
      parameters: lm.parameters,
      qualifiers: mergeQualifiers(lm.qualifiers, pm.qualifiers),
      classOrigin: pm.classOrigin,
      propagated: false,
    }),
    (lm): ResolvedMethod => ({
      name: lm.name,
      returnType: lm.returnType,
      parameters: lm.parameters,
      qualifiers: lm.qualifiers,
      classOrigin: def.name,
      propagated: false,
    }),
  );

  return {
    name: def.name,
    superclass: parent ? parent.name : null,
    derivation: parent ? [parent.name, ...parent.derivation] : [],
    qualifiers,
    properties,
    methods,
    definition: def,
  };
}
