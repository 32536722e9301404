import { failure, type OpFailure } from '../errors/opFailure';
import { HR, WBEM_LIMIT } from '../errors/wbem';
import {
  findByName,
  nameKey,
  sameName,
  type ClassDefinition,
  type Qualifier,
  type QualifierDeclaration,
} from '../model';
import { qualifierIsTrue, STORABLE_FLAVOR_BITS } from '../resolve/qualifierFacts';
import type { ResolvedClass } from '../resolve/resolvedClass';
import { checkMemberName, validMemberName } from './checkNames';
import {
  blockedOverrides,
  directions,
  methodSignature,
  parameterIds,
  qualifierTypeAllowed,
  typeCompatible,
  type SubclassTest,
} from './shapeRules';

export interface ShapeContext {
  readonly qualifierDecl: (name: string) => QualifierDeclaration | undefined;
  readonly isSubclassOf: SubclassTest;
}

/**
 * Where a qualifier set sits: the class itself, a property or method (`member`), or a parameter.
 * Paths are built only for a failure (a schema import visits every set of every put).
 */
type QualifierSetVisitor = (qs: readonly Qualifier[], member?: string, parameter?: string) => OpFailure | null;

/** Visits every qualifier set of a definition, class first; stops at the first failure. */
function eachQualifierSet(def: ClassDefinition, visit: QualifierSetVisitor): OpFailure | null {
  let f = visit(def.qualifiers);
  if (f) return f;
  for (const p of def.properties) if ((f = visit(p.qualifiers, p.name))) return f;
  for (const m of def.methods) {
    if ((f = visit(m.qualifiers, m.name))) return f;
    for (const p of m.parameters) if ((f = visit(p.qualifiers, m.name, p.name))) return f;
  }
  return null;
}

function setPath(def: ClassDefinition, member?: string, parameter?: string): string[] {
  return member === undefined
    ? [def.name]
    : parameter === undefined
      ? [def.name, member]
      : [def.name, member, parameter];
}

/**
 * Index of the first element whose name an earlier one already has (case-insensitive), or -1.
 * Lists are short (a handful of qualifiers, a few dozen properties), so pairwise comparison
 * beats building a set of lower-cased keys for every list of every put.
 */
function firstDuplicate(items: readonly { readonly name: string }[]): number {
  if (items.length > 64) {
    const seen = new Set<string>();
    for (let i = 0; i < items.length; i++) {
      const k = nameKey(items[i]!.name);
      if (seen.has(k)) return i;
      seen.add(k);
    }
    return -1;
  }
  for (let i = 1; i < items.length; i++) {
    const name = items[i]!.name;
    for (let j = 0; j < i; j++) if (sameName(items[j]!.name, name)) return i;
  }
  return -1;
}

/** A qualifier set with nothing for the ordered checks to find: names, repeats, value types, flavors. */
function cleanQualifierSet(qs: readonly Qualifier[], ctx: ShapeContext): boolean {
  if (firstDuplicate(qs) >= 0) return false;
  for (const q of qs) {
    if ((q.flavor & ~STORABLE_FLAVOR_BITS) !== 0 || !validMemberName(q.name)) return false;
    if (!qualifierTypeAllowed(q, ctx.qualifierDecl(q.name))) return false;
  }
  return true;
}

/**
 * Every qualifier set passes the qualifier checks of checkShape — the common case, found in one
 * pass; the ordered passes then have nothing to report and are skipped. When this is false they
 * run, in decisions' order, and name the first failure.
 */
function cleanQualifiers(def: ClassDefinition, ctx: ShapeContext): boolean {
  if (!cleanQualifierSet(def.qualifiers, ctx)) return false;
  for (const p of def.properties) if (!cleanQualifierSet(p.qualifiers, ctx)) return false;
  for (const m of def.methods) {
    if (!cleanQualifierSet(m.qualifiers, ctx)) return false;
    for (const p of m.parameters) if (!cleanQualifierSet(p.qualifiers, ctx)) return false;
  }
  return true;
}

function checkNames(def: ClassDefinition, qualifiersClean: boolean): OpFailure | null {
  // Index loops: entries() would allocate an iterator and a pair per element of every put.
  const dupP = firstDuplicate(def.properties);
  for (let i = 0; i < def.properties.length; i++) {
    const p = def.properties[i]!;
    const f = validMemberName(p.name) ? null : checkMemberName(p.name, 'property', [def.name, p.name]);
    if (f) return f;
    if (i === dupP)
      return failure(HR.E_INVALID_PARAMETER, p.name, `Property "${p.name}" is declared twice.`, [def.name, p.name]);
  }
  const dupM = firstDuplicate(def.methods);
  for (let i = 0; i < def.methods.length; i++) {
    const m = def.methods[i]!;
    const f = validMemberName(m.name) ? null : checkMemberName(m.name, 'method', [def.name, m.name]);
    if (f) return f;
    if (i === dupM)
      return failure(HR.E_INVALID_PARAMETER, m.name, `Method "${m.name}" is declared twice.`, [def.name, m.name]);
    const dup = firstDuplicate(m.parameters);
    for (let k = 0; k < m.parameters.length; k++) {
      const p = m.parameters[k]!;
      const fp = validMemberName(p.name) ? null : checkMemberName(p.name, 'parameter', [def.name, m.name, p.name]);
      if (fp) return fp;
      if (k === dup)
        return failure(
          HR.E_INVALID_METHOD_PARAMETERS,
          p.name,
          `Parameter "${p.name}" of ${m.name} is declared twice.`,
          [def.name, m.name, p.name],
        );
    }
  }
  if (qualifiersClean) return null;
  return eachQualifierSet(def, (qs, member, parameter) => {
    const dup = firstDuplicate(qs);
    for (const [i, q] of qs.entries()) {
      if (validMemberName(q.name) && i !== dup) continue;
      const path = setPath(def, member, parameter);
      const f = checkMemberName(q.name, 'qualifier', [...path, q.name]);
      if (f) return f;
      return failure(HR.E_INVALID_PARAMETER, q.name, `Qualifier "${q.name}" appears twice on ${path.join('.')}.`, [
        ...path,
        q.name,
      ]);
    }
    return null;
  });
}

/** The IDs are 0, 1, 2 … n-1 in some order: each in range and none twice. */
function isPermutation(ids: readonly (number | undefined)[]): boolean {
  const seen = new Array<boolean>(ids.length).fill(false);
  for (const id of ids) {
    if (id === undefined || !Number.isInteger(id) || id < 0 || id >= ids.length || seen[id]) return false;
    seen[id] = true;
  }
  return true;
}

const KEY_FORBIDDEN = new Set(['real32', 'real64', 'object']);

/**
 * The shape checks of decisions §2 step 6, in its order, against the class's new effective
 * definition. Returns the first failure, or null.
 */
export function checkShape(
  def: ClassDefinition,
  parent: ResolvedClass | null,
  resolved: ResolvedClass,
  ctx: ShapeContext,
): OpFailure | null {
  const at = (...rest: string[]) => [def.name, ...rest];
  const qualifiersClean = cleanQualifiers(def, ctx);
  const named = checkNames(def, qualifiersClean);
  if (named) return named;

  if (resolved.properties.length > WBEM_LIMIT.MAX_USER_PROPERTIES) {
    return failure(
      HR.E_TOO_MANY_PROPERTIES,
      def.name,
      `${def.name} would have ${resolved.properties.length} properties; at most ${WBEM_LIMIT.MAX_USER_PROPERTIES} are allowed.`,
    );
  }

  if (parent) {
    // Each local element's inherited counterpart, looked up once for the checks below.
    const inheritedProps = def.properties.map((p) => findByName(parent.properties, p.name));
    const inheritedMethods = def.methods.map((m) => findByName(parent.methods, m.name));
    for (let i = 0; i < def.properties.length; i++) {
      const p = def.properties[i]!;
      const ip = inheritedProps[i];
      if (ip && !typeCompatible(p.type, ip.type, ctx.isSubclassOf)) {
        return failure(
          HR.E_TYPE_MISMATCH,
          p.name,
          `Property ${p.name} is inherited from ${ip.classOrigin} and cannot be redeclared with another type.`,
          at(p.name),
        );
      }
    }
    const blockedClass = blockedOverrides(def.qualifiers, parent.qualifiers)[0];
    if (blockedClass) {
      return failure(
        HR.E_OVERRIDE_NOT_ALLOWED,
        blockedClass.name,
        `Qualifier ${blockedClass.name} is passed down by ${parent.name} with DisableOverride and cannot be given another value.`,
        at(blockedClass.name),
      );
    }
    for (let i = 0; i < def.properties.length; i++) {
      const p = def.properties[i]!;
      const ip = inheritedProps[i];
      const b = ip && blockedOverrides(p.qualifiers, ip.qualifiers)[0];
      if (b) {
        return failure(
          HR.E_OVERRIDE_NOT_ALLOWED,
          b.name,
          `Qualifier ${b.name} of property ${p.name} is inherited with DisableOverride and cannot be given another value.`,
          at(p.name, b.name),
        );
      }
    }
    for (let i = 0; i < def.methods.length; i++) {
      const m = def.methods[i]!;
      const im = inheritedMethods[i];
      const b = im && blockedOverrides(m.qualifiers, im.qualifiers)[0];
      if (b) {
        return failure(
          HR.E_OVERRIDE_NOT_ALLOWED,
          b.name,
          `Qualifier ${b.name} of method ${m.name} is inherited with DisableOverride and cannot be given another value.`,
          at(m.name, b.name),
        );
      }
    }
    const inDefault = ctx.qualifierDecl('In')?.defaultValue === true;
    for (let i = 0; i < def.methods.length; i++) {
      const m = def.methods[i]!;
      const im = inheritedMethods[i];
      if (im && methodSignature(m, inDefault) !== methodSignature(im, inDefault)) {
        return failure(
          HR.E_PROPAGATED_METHOD,
          m.name,
          `Method ${m.name} is inherited from ${im.classOrigin} and cannot be redeclared with another signature.`,
          at(m.name),
        );
      }
    }
  }

  if (qualifierIsTrue(def.qualifiers, 'Key')) {
    return failure(HR.E_CANNOT_BE_KEY, def.name, `Key cannot be set on a class, only on properties.`, at('Key'));
  }
  for (const p of resolved.properties) {
    if (!p.key) continue;
    if (p.type.array || KEY_FORBIDDEN.has(p.type.base)) {
      return failure(
        HR.E_CANNOT_BE_KEY,
        p.name,
        `Property ${p.name} cannot be a key: keys cannot be real, array or embedded-object properties.`,
        at(p.name),
      );
    }
  }
  if (parent && parent.properties.some((p) => p.key)) {
    for (const p of resolved.properties) {
      if (!p.key) continue;
      const ip = findByName(parent.properties, p.name);
      if (!ip || !ip.key) {
        return failure(
          HR.E_CANNOT_CHANGE_KEY_INHERITANCE,
          p.name,
          `${parent.name} already has keys; ${def.name} cannot make ${p.name} a key. Keys are introduced once and inherited.`,
          at(p.name),
        );
      }
    }
  }

  const abstract = qualifierIsTrue(def.qualifiers, 'Abstract');
  if (abstract && parent && !qualifierIsTrue(parent.definition.qualifiers, 'Abstract')) {
    return failure(
      HR.E_CANNOT_BE_ABSTRACT,
      def.name,
      `${def.name} cannot be Abstract because its superclass ${parent.name} is not.`,
      at('Abstract'),
    );
  }
  if (qualifierIsTrue(def.qualifiers, 'Singleton') && resolved.properties.some((p) => p.key)) {
    return failure(
      HR.E_CANNOT_BE_SINGLETON,
      def.name,
      `A Singleton class cannot have key properties.`,
      at('Singleton'),
    );
  }
  if (abstract && qualifierIsTrue(def.qualifiers, 'Terminal')) {
    return failure(HR.E_INVALID_QUALIFIER, 'Terminal', `A class cannot be both Terminal and Abstract.`, at('Terminal'));
  }

  const badType = qualifiersClean
    ? null
    : eachQualifierSet(def, (qs, member, parameter) => {
        for (const q of qs) {
          if (qualifierTypeAllowed(q, ctx.qualifierDecl(q.name))) continue;
          const path = setPath(def, member, parameter);
          return failure(
            HR.E_INVALID_QUALIFIER_TYPE,
            q.name,
            `Qualifier ${q.name} on ${path.join('.')} has a value of another type than its declaration allows.`,
            [...path, q.name],
          );
        }
        return null;
      });
  if (badType) return badType;
  const badFlavor = qualifiersClean
    ? null
    : eachQualifierSet(def, (qs, member, parameter) => {
        for (const q of qs) {
          if ((q.flavor & ~STORABLE_FLAVOR_BITS) === 0) continue;
          const path = setPath(def, member, parameter);
          return failure(
            HR.E_INVALID_FLAVOR,
            q.name,
            `Qualifier ${q.name} on ${path.join('.')} carries flavor bits that cannot be set (0x${q.flavor.toString(16)}).`,
            [...path, q.name],
          );
        }
        return null;
      });
  if (badFlavor) return badFlavor;

  const inDefault = ctx.qualifierDecl('In')?.defaultValue === true;
  for (const m of def.methods) {
    for (const p of m.parameters) {
      const d = directions(p, inDefault);
      if (!d.in && !d.out) {
        return failure(
          HR.E_INVALID_METHOD_PARAMETERS,
          p.name,
          `Parameter ${p.name} of method ${m.name} is neither In nor Out.`,
          at(m.name, p.name),
        );
      }
    }
    if (!isPermutation(parameterIds(m.parameters))) {
      return failure(
        HR.E_INVALID_METHOD_PARAMETERS,
        m.name,
        `The parameter IDs of method ${m.name} must be 0, 1, 2 … with no gap or duplicate.`,
        at(m.name),
      );
    }
  }
  return null;
}
