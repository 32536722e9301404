import type { ClassDefinition, MethodDecl, PropertyDecl, Qualifier } from '../../src/model';
import type { CimClass } from '../../src/service/cimObjects';
import type { ResolvedMethod, ResolvedProperty, ResolvedQualifier } from '../../src/resolve/resolvedClass';
import type { ConflictMark } from '../state/status';

/**
 * What the editor lists for a class being edited: its local declarations (the draft) over what
 * its superclass passes down (decisions §2b), each row with its origin. Computed from the
 * parent's effective class, so a draft shows its inheritance before it is put.
 */

export interface QualRow {
  readonly q: Qualifier;
  readonly origin: 'local' | 'propagated';
  /** A local qualifier that overrides an inherited one. */
  readonly overrides: boolean;
  /** Inherited with DisableOverride: a local one of another value is refused. */
  readonly locked: boolean;
}

export interface PropRow {
  readonly name: string;
  readonly local: PropertyDecl | null;
  readonly inherited: ResolvedProperty | null;
  readonly classOrigin: string;
}

export interface MethodRow {
  readonly name: string;
  readonly local: MethodDecl | null;
  readonly inherited: ResolvedMethod | null;
  readonly classOrigin: string;
}

const TO_SUBCLASS = 0x2;
const NOT_OVERRIDABLE = 0x10;
const lower = (s: string) => s.toLowerCase();

/** Qualifiers of one element: local ones, then inherited ones (ToSubClass, or Key) not overridden. */
export function qualifierRows(
  local: readonly Qualifier[],
  inherited: readonly ResolvedQualifier[],
  inheritKey = false,
): QualRow[] {
  const passed = inherited.filter((q) => (q.flavor & TO_SUBCLASS) !== 0 || (inheritKey && lower(q.name) === 'key'));
  const byName = new Map(passed.map((q) => [lower(q.name), q]));
  const rows: QualRow[] = local.map((q) => {
    const over = byName.get(lower(q.name));
    return { q, origin: 'local', overrides: !!over, locked: !!over && (over.flavor & NOT_OVERRIDABLE) !== 0 };
  });
  const localNames = new Set(local.map((q) => lower(q.name)));
  for (const q of passed) {
    if (!localNames.has(lower(q.name)))
      rows.push({ q, origin: 'propagated', overrides: false, locked: (q.flavor & NOT_OVERRIDABLE) !== 0 });
  }
  return rows;
}

export function propertyRows(def: ClassDefinition, parent: CimClass | null): PropRow[] {
  const rows: PropRow[] = [];
  const local = new Map(def.properties.map((p) => [lower(p.name), p]));
  const seen = new Set<string>();
  for (const ip of parent?.properties ?? []) {
    const k = lower(ip.name);
    seen.add(k);
    rows.push({
      name: local.get(k)?.name ?? ip.name,
      local: local.get(k) ?? null,
      inherited: ip,
      classOrigin: ip.classOrigin,
    });
  }
  for (const p of def.properties)
    if (!seen.has(lower(p.name))) rows.push({ name: p.name, local: p, inherited: null, classOrigin: def.name });
  return rows;
}

export function methodRows(def: ClassDefinition, parent: CimClass | null): MethodRow[] {
  const rows: MethodRow[] = [];
  const local = new Map(def.methods.map((m) => [lower(m.name), m]));
  const seen = new Set<string>();
  for (const im of parent?.methods ?? []) {
    const k = lower(im.name);
    seen.add(k);
    rows.push({
      name: local.get(k)?.name ?? im.name,
      local: local.get(k) ?? null,
      inherited: im,
      classOrigin: im.classOrigin,
    });
  }
  for (const m of def.methods)
    if (!seen.has(lower(m.name))) rows.push({ name: m.name, local: m, inherited: null, classOrigin: def.name });
  return rows;
}

/** The conflicts marked on one element of this class (`Size`, `Size.Key`, `Abstract`…). */
export function conflictsFor(
  marks: readonly ConflictMark[] | undefined,
  element: 'property' | 'method' | 'qualifier',
  name: string,
): ConflictMark[] {
  if (!marks) return [];
  return marks.filter((c) => c.element === element && lower(c.name) === lower(name));
}

/** Conflicts on a member (the member itself or one of its qualifiers). */
export function memberConflicts(
  marks: readonly ConflictMark[] | undefined,
  element: 'property' | 'method',
  name: string,
): ConflictMark[] {
  if (!marks) return [];
  const n = lower(name);
  return marks.filter(
    (c) =>
      (c.element === element && lower(c.name) === n) ||
      (c.element === 'qualifier' && lower(c.name).startsWith(`${n}.`)),
  );
}
