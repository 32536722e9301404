import { findByName, nameKey } from '../model';
import { disablesOverride, passesToSubclass } from '../resolve/qualifierFacts';
import { qualifierOrigin, type ResolvedQualifier } from '../resolve/resolvedClass';
import type { NamespaceData } from '../repository/namespaceData';
import { WBEM_FLAVOR } from '../errors/wbem';

/** Where a qualifier lives on a class: the class itself, a property or a method. */
export interface QualifierElement {
  readonly property?: string;
  readonly method?: string;
}

export interface QualifierReceiver {
  readonly className: string;
  /** `propagated`: it arrives unchanged; `overridden`: the class gives it its own value. */
  readonly via: 'propagated' | 'overridden';
  readonly value: ResolvedQualifier['value'];
  /** False where DisableOverride blocks giving it another value. */
  readonly overridable: boolean;
}

/** The qualifier propagation overlay (issue 6): who receives a qualifier, who may override it. */
export interface QualifierTrace {
  readonly className: string;
  readonly qualifier: string;
  readonly element: QualifierElement;
  readonly flavor: number;
  /** The class whose own declaration the selected class sees (itself when local). */
  readonly declaredIn: string;
  /** Descendants that see the qualifier, in descendant order (decisions §4). */
  readonly receivers: readonly QualifierReceiver[];
  /** Classes whose instances see it (ToInstance), with their static instance counts. */
  readonly instanceScope: readonly { readonly className: string; readonly instances: number }[];
}

function qualifiersOn(
  ns: NamespaceData,
  className: string,
  el: QualifierElement,
): readonly ResolvedQualifier[] | undefined {
  const c = ns.resolve(className);
  if (!c) return undefined;
  if (el.property) return findByName(c.properties, el.property)?.qualifiers;
  if (el.method) return findByName(c.methods, el.method)?.qualifiers;
  return c.qualifiers;
}

/** Trace a qualifier from a class down its subtree; undefined when the class has no such qualifier. */
export function traceQualifier(
  ns: NamespaceData,
  className: string,
  qualifier: string,
  element: QualifierElement = {},
): QualifierTrace | undefined {
  const own = qualifiersOn(ns, className, element);
  const q = own && findByName(own, qualifier);
  const cls = ns.resolve(className);
  if (!q || !cls) return undefined;
  // Where it was declared: walk up while the parent passes it down unchanged.
  let declaredIn = cls.name;
  if (qualifierOrigin(q) === 'propagated') {
    for (const anc of cls.derivation) {
      const aq = qualifiersOn(ns, anc, element);
      const found = aq && findByName(aq, qualifier);
      if (!found) break;
      declaredIn = anc;
      if (qualifierOrigin(found) === 'local') break;
    }
  }
  const receivers: QualifierReceiver[] = [];
  const instanceScope: { className: string; instances: number }[] = [];
  const addScope = (name: string, rq: ResolvedQualifier) => {
    if (rq.flavor & WBEM_FLAVOR.PROPAGATE_TO_INSTANCE)
      instanceScope.push({ className: name, instances: ns.instancesOf(nameKey(name)).size });
  };
  addScope(cls.name, q);
  if (passesToSubclass(q)) {
    // Pre-order: a class is reached only through a parent that sees the qualifier.
    const seeing = new Set<string>([nameKey(cls.name)]);
    for (const key of ns.descendants(nameKey(cls.name))) {
      const def = ns.classes.get(key)!.def;
      if (def.superclass === null || !seeing.has(nameKey(def.superclass))) continue;
      const dq = qualifiersOn(ns, def.name, element);
      const found = dq && findByName(dq, qualifier);
      if (!found) continue;
      seeing.add(key);
      receivers.push({
        className: def.name,
        via: qualifierOrigin(found) === 'propagated' ? 'propagated' : 'overridden',
        value: found.value,
        overridable: !disablesOverride(found),
      });
      addScope(def.name, found);
    }
  }
  return { className: cls.name, qualifier: q.name, element, flavor: q.flavor, declaredIn, receivers, instanceScope };
}
