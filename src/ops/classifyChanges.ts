import {
  findByName,
  nameKey,
  sameCimType,
  sameValue,
  type ClassDefinition,
  type MethodDecl,
  type PropertyDecl,
  type Qualifier,
} from '../model';
import { isAmended } from '../resolve/qualifierFacts';

/**
 * Qualifiers whose changes are never important (decisions §3). Any qualifier carrying the
 * Amended flavor is treated the same way. One constant, as the decision asks.
 */
export const NON_IMPORTANT_QUALIFIERS: ReadonlySet<string> = new Set([
  'description',
  'displayname',
  'units',
  'mappingstrings',
  'modelcorrespondence',
  'deprecated',
  'version',
  'classversion',
  'revision',
  'locale',
]);

/** Qualifiers whose changes are important whatever their flavor. */
export const ALWAYS_IMPORTANT_QUALIFIERS: ReadonlySet<string> = new Set([
  'key',
  'indexed',
  'abstract',
  'terminal',
  'singleton',
  'dynamic',
  'provider',
  'association',
]);

/** One difference between the stored and the new local definition of a class. */
export interface Difference {
  readonly path: readonly string[];
  readonly description: string;
  readonly important: boolean;
  /** The key set changes (decisions §3 rule 3). */
  readonly keyChange?: true;
  readonly indexChange?: true;
  /** Changes that children forbid even in force mode (decisions §3 rule 4). */
  readonly structural?: 'superclass' | 'terminal' | 'singleton' | 'dynamic';
}

function qualifierImportant(name: string, a: Qualifier | undefined, b: Qualifier | undefined): boolean {
  const k = nameKey(name);
  if (ALWAYS_IMPORTANT_QUALIFIERS.has(k)) return true;
  if (NON_IMPORTANT_QUALIFIERS.has(k)) return false;
  return !((a && isAmended(a)) || (b && isAmended(b)));
}

function diffQualifiers(
  before: readonly Qualifier[],
  after: readonly Qualifier[],
  path: readonly string[],
  out: Difference[],
  level: 'class' | 'property' | 'method' | 'parameter',
): void {
  const names = new Map<string, string>();
  for (const q of before) names.set(nameKey(q.name), q.name);
  for (const q of after) names.set(nameKey(q.name), q.name);
  for (const [k, name] of names) {
    const a = findByName(before, name);
    const b = findByName(after, name);
    let what: string | null = null;
    if (!a) what = `qualifier ${name} added`;
    else if (!b) what = `qualifier ${name} removed`;
    else if (!sameValue(a.value, b.value) || !sameCimType(a.type, b.type)) what = `qualifier ${name} value changed`;
    else if (a.flavor !== b.flavor) what = `qualifier ${name} flavors changed`;
    else if (a.name !== b.name) what = `qualifier ${name} respelled`;
    if (what === null) continue;
    const respellOnly = a !== undefined && b !== undefined && what.endsWith('respelled');
    const truthChanged = (a?.value === true) !== (b?.value === true);
    const d: {
      path: readonly string[];
      description: string;
      important: boolean;
      keyChange?: true;
      indexChange?: true;
      structural?: Difference['structural'];
    } = { path: [...path, name], description: what, important: !respellOnly && qualifierImportant(name, a, b) };
    if (!respellOnly && truthChanged) {
      if (k === 'key' && level === 'property') d.keyChange = true;
      if (k === 'indexed' && level === 'property') d.indexChange = true;
      if (level === 'class' && b?.value === true && (k === 'terminal' || k === 'singleton' || k === 'dynamic'))
        d.structural = k;
    }
    out.push(d);
  }
}

function hasTrue(qs: readonly Qualifier[], name: string): boolean {
  return findByName(qs, name)?.value === true;
}

function diffProperty(a: PropertyDecl, b: PropertyDecl, path: readonly string[], out: Difference[]): void {
  if (!sameCimType(a.type, b.type)) out.push({ path, description: `type of ${b.name} changed`, important: true });
  if (!sameValue(a.defaultValue, b.defaultValue))
    out.push({ path, description: `default of ${b.name} changed`, important: true });
  if (a.name !== b.name) out.push({ path, description: `property ${b.name} respelled`, important: false });
  diffQualifiers(a.qualifiers, b.qualifiers, path, out, 'property');
}

function diffMethod(a: MethodDecl, b: MethodDecl, path: readonly string[], out: Difference[]): void {
  const sameReturn =
    a.returnType === null || b.returnType === null
      ? a.returnType === b.returnType
      : sameCimType(a.returnType, b.returnType);
  const sameParams =
    a.parameters.length === b.parameters.length &&
    a.parameters.every((p, i) => {
      const q = b.parameters[i]!;
      return (
        nameKey(p.name) === nameKey(q.name) && sameCimType(p.type, q.type) && sameValue(p.defaultValue, q.defaultValue)
      );
    });
  if (!sameReturn || !sameParams) {
    out.push({ path, description: `signature of ${b.name} changed`, important: true });
  } else {
    a.parameters.forEach((p, i) => {
      const q = b.parameters[i]!;
      if (p.name !== q.name)
        out.push({ path: [...path, q.name], description: `parameter ${q.name} respelled`, important: false });
      diffQualifiers(p.qualifiers, q.qualifiers, [...path, q.name], out, 'parameter');
    });
  }
  if (a.name !== b.name) out.push({ path, description: `method ${b.name} respelled`, important: false });
  diffQualifiers(a.qualifiers, b.qualifiers, path, out, 'method');
}

/**
 * Classify every difference between the stored and the new local definition (decisions §3):
 * the update modes then decide what is allowed. Empty means identical, spelling included.
 */
export function classifyChanges(before: ClassDefinition, after: ClassDefinition): Difference[] {
  const out: Difference[] = [];
  const cn = after.name;
  if (before.name !== after.name) out.push({ path: [cn], description: `class respelled`, important: false });
  const sa = before.superclass;
  const sb = after.superclass;
  if ((sa === null) !== (sb === null) || (sa !== null && sb !== null && nameKey(sa) !== nameKey(sb))) {
    out.push({ path: [cn], description: `superclass changed`, important: true, structural: 'superclass' });
  } else if (sa !== sb) {
    out.push({ path: [cn], description: `superclass respelled`, important: false });
  }
  diffQualifiers(before.qualifiers, after.qualifiers, [cn], out, 'class');

  for (const p of before.properties) {
    const q = findByName(after.properties, p.name);
    if (!q) {
      const key = hasTrue(p.qualifiers, 'Key');
      const idx = hasTrue(p.qualifiers, 'Indexed');
      out.push({
        path: [cn, p.name],
        description: `property ${p.name} removed`,
        important: true,
        ...(key ? { keyChange: true as const } : {}),
        ...(idx ? { indexChange: true as const } : {}),
      });
    } else diffProperty(p, q, [cn, q.name], out);
  }
  for (const q of after.properties) {
    if (findByName(before.properties, q.name)) continue;
    const key = hasTrue(q.qualifiers, 'Key');
    const idx = hasTrue(q.qualifiers, 'Indexed');
    out.push({
      path: [cn, q.name],
      description: `property ${q.name} added`,
      important: true,
      ...(key ? { keyChange: true as const } : {}),
      ...(idx ? { indexChange: true as const } : {}),
    });
  }
  for (const m of before.methods) {
    const n = findByName(after.methods, m.name);
    if (!n) out.push({ path: [cn, m.name], description: `method ${m.name} removed`, important: true });
    else diffMethod(m, n, [cn, n.name], out);
  }
  for (const n of after.methods) {
    if (!findByName(before.methods, n.name))
      out.push({ path: [cn, n.name], description: `method ${n.name} added`, important: true });
  }
  return out;
}
