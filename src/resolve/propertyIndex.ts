import { nameKey } from '../model';
import type { ResolvedClass, ResolvedProperty } from './resolvedClass';

const indexes = new WeakMap<ResolvedClass, Map<string, ResolvedProperty>>();

/** An effective class's properties by lower-cased name, built once per (immutable) class. */
export function propertyIndex(c: ResolvedClass): ReadonlyMap<string, ResolvedProperty> {
  let m = indexes.get(c);
  if (!m) {
    m = new Map();
    for (const p of c.properties) m.set(nameKey(p.name), p);
    indexes.set(c, m);
  }
  return m;
}
