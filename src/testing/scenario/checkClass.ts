import { flavorKeywords } from '../../mof/flavors';
import { findByName, formatCimType, sameValue, type CimValue } from '../../model';
import { qualifierOrigin, type ResolvedQualifier } from '../../resolve/resolvedClass';
import type { CimClass } from '../../service/cimObjects';
import type { ClassCheck, QualifierCheck } from './types';

const show = (v: unknown) => JSON.stringify(v);

function checkQualifiers(
  where: string,
  qs: readonly ResolvedQualifier[],
  want: Readonly<Record<string, QualifierCheck>>,
  out: string[],
): void {
  for (const [name, w] of Object.entries(want)) {
    const q = findByName(qs, name);
    if (!q) {
      out.push(`${where}: qualifier ${name} is missing`);
      continue;
    }
    if ('value' in w && !sameValue(q.value, w.value as CimValue))
      out.push(`${where}: qualifier ${name} value ${show(q.value)}, expected ${show(w.value)}`);
    if (w.origin !== undefined && qualifierOrigin(q) !== w.origin)
      out.push(`${where}: qualifier ${name} origin ${qualifierOrigin(q)}, expected ${w.origin}`);
    if (w.flavors !== undefined) {
      // The scenario format names flavors by MOF's keywords.
      const got = flavorKeywords(q.flavor).sort();
      const exp = [...w.flavors].sort();
      if (show(got) !== show(exp)) out.push(`${where}: qualifier ${name} flavors ${show(got)}, expected ${show(exp)}`);
    }
  }
}

/** Compare a class object with a scenario's `check`; returns what differed (empty when all match). */
export function checkClass(c: CimClass, check: ClassCheck): string[] {
  const out: string[] = [];
  if (check.superclass !== undefined && c.superclass !== check.superclass)
    out.push(`superclass ${show(c.superclass)}, expected ${show(check.superclass)}`);
  if (check.derivation !== undefined && show(c.derivation) !== show(check.derivation))
    out.push(`derivation ${show(c.derivation)}, expected ${show(check.derivation)}`);
  if (check.dynasty !== undefined && c.system.__DYNASTY !== check.dynasty)
    out.push(`dynasty ${c.system.__DYNASTY}, expected ${check.dynasty}`);
  if (check.propertyCount !== undefined && c.system.__PROPERTY_COUNT !== check.propertyCount)
    out.push(`propertyCount ${c.system.__PROPERTY_COUNT}, expected ${check.propertyCount}`);
  for (const [name, w] of Object.entries(check.properties ?? {})) {
    const p = findByName(c.properties, name);
    if (!p) {
      out.push(`property ${name} is missing`);
      continue;
    }
    if (w.type !== undefined && formatCimType(p.type) !== w.type)
      out.push(`property ${name} type ${formatCimType(p.type)}, expected ${w.type}`);
    if (w.origin !== undefined && p.classOrigin !== w.origin)
      out.push(`property ${name} origin ${p.classOrigin}, expected ${w.origin}`);
    if (w.key !== undefined && p.key !== w.key) out.push(`property ${name} key ${p.key}, expected ${w.key}`);
    if ('default' in w && !sameValue(p.defaultValue ?? null, w.default as CimValue))
      out.push(`property ${name} default ${show(p.defaultValue)}, expected ${show(w.default)}`);
  }
  for (const name of check.noProperties ?? [])
    if (findByName(c.properties, name)) out.push(`property ${name} should be absent`);
  for (const name of check.noMethods ?? [])
    if (findByName(c.methods, name)) out.push(`method ${name} should be absent`);
  for (const name of check.noQualifiers ?? [])
    if (findByName(c.qualifiers, name)) out.push(`qualifier ${name} should be absent`);
  if (check.qualifiers) checkQualifiers('class', c.qualifiers, check.qualifiers, out);
  for (const [prop, want] of Object.entries(check.propertyQualifiers ?? {})) {
    const p = findByName(c.properties, prop);
    if (!p) out.push(`property ${prop} is missing`);
    else checkQualifiers(`property ${prop}`, p.qualifiers, want, out);
  }
  for (const [name, w] of Object.entries(check.methods ?? {})) {
    const m = findByName(c.methods, name);
    if (!m) {
      out.push(`method ${name} is missing`);
      continue;
    }
    const rt = m.returnType ? formatCimType(m.returnType) : 'void';
    if (w.returnType !== undefined && rt !== w.returnType)
      out.push(`method ${name} returnType ${rt}, expected ${w.returnType}`);
    if (w.origin !== undefined && m.classOrigin !== w.origin)
      out.push(`method ${name} origin ${m.classOrigin}, expected ${w.origin}`);
  }
  return out;
}
