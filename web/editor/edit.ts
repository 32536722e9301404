import type { CimType, ClassDefinition, MethodDecl, ParameterDecl, PropertyDecl, Qualifier } from '../../src/model';

/** Where a qualifier list lives in a class definition. */
export type QualTarget =
  | { readonly kind: 'class' }
  | { readonly kind: 'property'; readonly name: string }
  | { readonly kind: 'method'; readonly name: string }
  | { readonly kind: 'parameter'; readonly method: string; readonly name: string };

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function targetLabel(t: QualTarget): string {
  switch (t.kind) {
    case 'class':
      return 'class';
    case 'property':
      return `property ${t.name}`;
    case 'method':
      return `method ${t.name}`;
    case 'parameter':
      return `parameter ${t.method}.${t.name}`;
  }
}

export function getQualifiers(def: ClassDefinition, t: QualTarget): readonly Qualifier[] {
  switch (t.kind) {
    case 'class':
      return def.qualifiers;
    case 'property':
      return def.properties.find((p) => same(p.name, t.name))?.qualifiers ?? [];
    case 'method':
      return def.methods.find((m) => same(m.name, t.name))?.qualifiers ?? [];
    case 'parameter':
      return (
        def.methods.find((m) => same(m.name, t.method))?.parameters.find((p) => same(p.name, t.name))?.qualifiers ?? []
      );
  }
}

export function setQualifiers(def: ClassDefinition, t: QualTarget, qs: readonly Qualifier[]): ClassDefinition {
  switch (t.kind) {
    case 'class':
      return { ...def, qualifiers: qs };
    case 'property':
      return updateProperty(def, t.name, (p) => ({ ...p, qualifiers: qs }));
    case 'method':
      return updateMethod(def, t.name, (m) => ({ ...m, qualifiers: qs }));
    case 'parameter':
      return updateMethod(def, t.method, (m) => ({
        ...m,
        parameters: m.parameters.map((p) => (same(p.name, t.name) ? { ...p, qualifiers: qs } : p)),
      }));
  }
}

/** Add or replace (by name) one qualifier. */
export function putQualifier(def: ClassDefinition, t: QualTarget, q: Qualifier, replacing?: string): ClassDefinition {
  const qs = getQualifiers(def, t);
  const old = replacing ?? q.name;
  const i = qs.findIndex((x) => same(x.name, old));
  const next = i >= 0 ? qs.map((x, k) => (k === i ? q : x)) : [...qs, q];
  return setQualifiers(def, t, next);
}

export function removeQualifier(def: ClassDefinition, t: QualTarget, name: string): ClassDefinition {
  return setQualifiers(
    def,
    t,
    getQualifiers(def, t).filter((q) => !same(q.name, name)),
  );
}

export function updateProperty(
  def: ClassDefinition,
  name: string,
  f: (p: PropertyDecl) => PropertyDecl,
): ClassDefinition {
  return { ...def, properties: def.properties.map((p) => (same(p.name, name) ? f(p) : p)) };
}

export function updateMethod(def: ClassDefinition, name: string, f: (m: MethodDecl) => MethodDecl): ClassDefinition {
  return { ...def, methods: def.methods.map((m) => (same(m.name, name) ? f(m) : m)) };
}

export function updateParameter(
  def: ClassDefinition,
  method: string,
  name: string,
  f: (p: ParameterDecl) => ParameterDecl,
): ClassDefinition {
  return updateMethod(def, method, (m) => ({
    ...m,
    parameters: m.parameters.map((p) => (same(p.name, name) ? f(p) : p)),
  }));
}

/** A name not used yet: `Property1`, `Property2`… */
export function freshName(base: string, taken: readonly { name: string }[]): string {
  for (let i = 1; ; i++) {
    const n = `${base}${i}`;
    if (!taken.some((t) => same(t.name, n))) return n;
  }
}

export function addProperty(def: ClassDefinition, p?: Partial<PropertyDecl>): ClassDefinition {
  const name = p?.name ?? freshName('Property', def.properties);
  const prop: PropertyDecl = {
    name,
    type: p?.type ?? { base: 'string', array: false },
    qualifiers: p?.qualifiers ?? [],
    ...(p?.defaultValue !== undefined ? { defaultValue: p.defaultValue } : {}),
  };
  return { ...def, properties: [...def.properties, prop] };
}

export function removeProperty(def: ClassDefinition, name: string): ClassDefinition {
  return { ...def, properties: def.properties.filter((p) => !same(p.name, name)) };
}

export function addMethod(def: ClassDefinition): ClassDefinition {
  const name = freshName('Method', def.methods);
  return {
    ...def,
    methods: [...def.methods, { name, returnType: { base: 'uint32', array: false }, parameters: [], qualifiers: [] }],
  };
}

export function removeMethod(def: ClassDefinition, name: string): ClassDefinition {
  return { ...def, methods: def.methods.filter((m) => !same(m.name, name)) };
}

export function addParameter(def: ClassDefinition, method: string): ClassDefinition {
  return updateMethod(def, method, (m) => ({
    ...m,
    parameters: [
      ...m.parameters,
      {
        name: freshName('Param', m.parameters),
        type: { base: 'string', array: false },
        qualifiers: [{ name: 'In', type: { base: 'boolean', array: false }, value: true, flavor: 0 }],
      },
    ],
  }));
}

export function removeParameter(def: ClassDefinition, method: string, name: string): ClassDefinition {
  return updateMethod(def, method, (m) => ({ ...m, parameters: m.parameters.filter((p) => !same(p.name, name)) }));
}

export function withType(t: CimType, patch: Partial<CimType>): CimType {
  const next = { ...t, ...patch };
  const out: { base: CimType['base']; array: boolean; className?: string; arraySize?: number } = {
    base: next.base,
    array: next.array,
  };
  if ((next.base === 'ref' || next.base === 'object') && next.className) out.className = next.className;
  if (next.array && next.arraySize !== undefined) out.arraySize = next.arraySize;
  return out;
}

const BOOL: CimType = { base: 'boolean', array: false };

/** Set or clear a boolean marker qualifier (Key, In, Out, Abstract…). */
export function toggleFlagQualifier(
  def: ClassDefinition,
  t: QualTarget,
  name: string,
  on: boolean,
  flavor = 0,
): ClassDefinition {
  const has = getQualifiers(def, t).some((q) => same(q.name, name));
  if (on && !has) return putQualifier(def, t, { name, type: BOOL, value: true, flavor });
  if (!on && has) return removeQualifier(def, t, name);
  return def;
}
