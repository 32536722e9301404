import { findByName, nameKey, type ClassDefinition, type Qualifier } from '../model';
import { qual } from '../model/build';
import { isAmended } from '../resolve/qualifierFacts';

/** The locale namespace of an LCID: `ms_409` for 0x409 (decisions §7). */
export function localeNamespaceName(lcid: number): string {
  return `ms_${lcid.toString(16)}`;
}

export const DEFAULT_LOCALE = 0x409;

/**
 * Split a definition for a put with WBEM_FLAG_USE_AMENDED_QUALIFIERS: the base keeps every
 * non-amended qualifier; the amendment class `[Amendment, Locale(lcid)]` carries only the amended
 * ones, on the same elements. The amendment is null when nothing is amended.
 */
export function splitAmended(
  def: ClassDefinition,
  lcid: number,
): { base: ClassDefinition; amendment: ClassDefinition | null } {
  let any = false;
  const keep = (qs: readonly Qualifier[]) => qs.filter((q) => !isAmended(q));
  const take = (qs: readonly Qualifier[]) => {
    const a = qs.filter(isAmended);
    if (a.length) any = true;
    return a;
  };
  const { amended: _a, loc: _l, ...plain } = def;
  const base: ClassDefinition = {
    ...plain,
    qualifiers: keep(def.qualifiers),
    properties: def.properties.map((p) => ({ ...p, qualifiers: keep(p.qualifiers) })),
    methods: def.methods.map((m) => ({
      ...m,
      qualifiers: keep(m.qualifiers),
      parameters: m.parameters.map((p) => ({ ...p, qualifiers: keep(p.qualifiers) })),
    })),
  };
  const classQs = take(def.qualifiers);
  const properties = def.properties
    .map((p) => ({ name: p.name, type: p.type, qualifiers: take(p.qualifiers) }))
    .filter((p) => p.qualifiers.length > 0);
  const methods = def.methods
    .map((m) => ({
      name: m.name,
      returnType: m.returnType,
      qualifiers: take(m.qualifiers),
      parameters: m.parameters.map((p) => ({ name: p.name, type: p.type, qualifiers: take(p.qualifiers) })),
    }))
    .filter((m) => m.qualifiers.length > 0 || m.parameters.some((p) => p.qualifiers.length > 0));
  if (!any) return { base, amendment: null };
  const amendment: ClassDefinition = {
    genus: 'class',
    name: def.name,
    superclass: null,
    qualifiers: [
      qual('Amendment', true),
      { ...qual('Locale', lcid), type: { base: 'sint32', array: false } },
      ...classQs,
    ],
    properties,
    methods,
  };
  return { base, amendment };
}

function mergeQs(base: readonly Qualifier[], extra: readonly Qualifier[] | undefined): readonly Qualifier[] {
  if (!extra || extra.length === 0) return base;
  const names = new Set(extra.map((q) => nameKey(q.name)));
  return [...base.filter((q) => !names.has(nameKey(q.name))), ...extra];
}

/** The base definition with the amendment's qualifiers merged in, marked as an amended object. */
export function mergeAmendment(base: ClassDefinition, amendment: ClassDefinition | undefined): ClassDefinition {
  if (!amendment) return base;
  const classQs = amendment.qualifiers.filter((q) => !['amendment', 'locale'].includes(nameKey(q.name)));
  return {
    ...base,
    amended: true,
    qualifiers: mergeQs(base.qualifiers, classQs),
    properties: base.properties.map((p) => ({
      ...p,
      qualifiers: mergeQs(p.qualifiers, findByName(amendment.properties, p.name)?.qualifiers),
    })),
    methods: base.methods.map((m) => {
      const am = findByName(amendment.methods, m.name);
      return {
        ...m,
        qualifiers: mergeQs(m.qualifiers, am?.qualifiers),
        parameters: m.parameters.map((p) => ({
          ...p,
          qualifiers: mergeQs(p.qualifiers, am && findByName(am.parameters, p.name)?.qualifiers),
        })),
      };
    }),
  };
}
