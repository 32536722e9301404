import {
  findByName,
  formatCimType,
  nameKey,
  sameBaseType,
  sameName,
  sameValue,
  type CimType,
  type MethodDecl,
  type ParameterDecl,
  type Qualifier,
  type QualifierDeclaration,
} from '../model';
import { disablesOverride, passesToSubclass } from '../resolve/qualifierFacts';
import type { ResolvedMethod, ResolvedQualifier } from '../resolve/resolvedClass';

/** Answers "does class `a` derive from (or equal) class `b`" in the namespace being changed. */
export type SubclassTest = (a: string, b: string) => boolean | undefined;

/**
 * Whether a redeclared property keeps the inherited CIM type (decisions §2 step 6): base type and
 * array-ness must match; a reference or embedded object may narrow to a subclass of the inherited target.
 */
export function typeCompatible(local: CimType, inherited: CimType, isSubclassOf: SubclassTest): boolean {
  if (!sameBaseType(local, inherited)) return false;
  if (local.base !== 'ref' && local.base !== 'object') return true;
  const a = local.className;
  const b = inherited.className;
  if (b === undefined) return true; // anything narrows `object ref`
  if (a === undefined) return false;
  if (sameName(a, b)) return true;
  // An unknown target cannot be judged here; the superclass checks of that class will.
  return isSubclassOf(a, b) ?? true;
}

/**
 * Local qualifiers that override an inherited ToSubClass + DisableOverride one with another value.
 * Returns them sorted by name (decisions §4 order).
 */
export function blockedOverrides(local: readonly Qualifier[], inherited: readonly ResolvedQualifier[]): Qualifier[] {
  if (local.length === 0) return NONE;
  let out: Qualifier[] | undefined;
  for (const iq of inherited) {
    // Hot path: most inherited qualifiers can be overridden, so look no further for them.
    if (!passesToSubclass(iq) || !disablesOverride(iq)) continue;
    const q = findByName(local, iq.name);
    if (q && !sameValue(iq.value, q.value)) (out ??= []).push(q);
  }
  if (!out) return NONE;
  return out.length > 1 ? out.sort((x, y) => (nameKey(x.name) < nameKey(y.name) ? -1 : 1)) : out;
}

const NONE: Qualifier[] = [];

/** In / Out of a parameter; a parameter with neither takes the In declaration's default (DMTF: true). */
export function directions(p: ParameterDecl, inDefault: boolean): { in: boolean; out: boolean } {
  const qIn = findByName(p.qualifiers, 'In');
  const qOut = findByName(p.qualifiers, 'Out');
  const out = qOut?.value === true;
  const isIn = qIn ? qIn.value === true : !out && inDefault;
  return { in: isIn, out };
}

/** The effective parameter IDs: the ID qualifiers, or declaration order when none is written. */
export function parameterIds(params: readonly ParameterDecl[]): (number | undefined)[] {
  const ids = params.map((p) => findByName(p.qualifiers, 'ID')?.value);
  if (ids.every((v) => v === undefined)) return params.map((_, i) => i);
  return ids.map((v) => (typeof v === 'number' ? v : undefined));
}

/** A method signature as one comparable string: return type, then parameters by ID. */
export function methodSignature(m: MethodDecl | ResolvedMethod, inDefault: boolean): string {
  const ids = parameterIds(m.parameters);
  const parts = m.parameters.map((p, i) => {
    const d = directions(p, inDefault);
    return {
      id: ids[i] ?? -1,
      text: `${ids[i]}:${nameKey(p.name)}:${formatCimType(p.type).toLowerCase()}:${d.in ? 'in' : ''}${d.out ? 'out' : ''}`,
    };
  });
  parts.sort((a, b) => a.id - b.id);
  const ret = m.returnType ? formatCimType(m.returnType).toLowerCase() : 'void';
  return `${ret}(${parts.map((p) => p.text).join(',')})`;
}

const INTEGER = new Set(['sint8', 'uint8', 'sint16', 'uint16', 'sint32', 'uint32', 'sint64', 'uint64']);
const STRINGY = new Set(['string', 'char16', 'datetime']);

/** Whether a qualifier's value type is one its declaration allows (decisions §2 step 6). */
export function qualifierTypeAllowed(q: Qualifier, decl: QualifierDeclaration | undefined): boolean {
  if (!decl || !decl.type || q.value === null) return true;
  const want = decl.type;
  const got = q.type;
  if (want.array !== got.array && !(want.array && !got.array)) return false;
  if (want.base === got.base) return true;
  if (INTEGER.has(want.base) && INTEGER.has(got.base)) return true;
  if ((want.base === 'real32' || want.base === 'real64') && (INTEGER.has(got.base) || got.base.startsWith('real')))
    return true;
  return STRINGY.has(want.base) && STRINGY.has(got.base);
}
