import { findByName } from '../../model';
import type { NamespaceData } from '../../repository/namespaceData';
import { printClass, printInstance } from './printClass';
import { lookupIn, printQualifierDecl } from './printQualifiers';

/** `\\.\root\cimv2` as a MOF string: `"\\\\.\\root\\cimv2"`. */
function namespacePragma(path: string): string {
  const full = `\\\\.\\${path}`;
  return `#pragma namespace("${full.replace(/\\/g, '\\\\')}")`;
}

/**
 * A whole namespace as MOF, in dependency order: its `#pragma namespace`, qualifier
 * declarations, classes with every superclass before its subclasses (siblings by name), then
 * instances. System classes and their instances are left out (every namespace has them),
 * except instances of provider registrations and `__NAMESPACE`, which are user data.
 */
export function printNamespace(ns: NamespaceData): string {
  const lookup = lookupIn(ns.qualifierDecls);
  const embedded = (className: string, property: string) =>
    findByName(ns.resolve(className)?.properties ?? [], property)?.type;
  const parts: string[] = [namespacePragma(ns.path)];
  const decls = [...ns.qualifierDecls.values()].sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1));
  for (const d of decls) parts.push(printQualifierDecl(d));
  for (const key of ns.descendants('')) {
    const c = ns.classes.get(key)!;
    if (!c.system) parts.push(printClass(c.def, lookup, embedded));
  }
  const classKeys = [...ns.instances.keys()].sort();
  for (const k of classKeys) {
    const insts = [...ns.instancesOf(k).values()].sort((a, b) =>
      a.path.toLowerCase() < b.path.toLowerCase() ? -1 : 1,
    );
    for (const inst of insts) {
      const cls = ns.resolve(inst.def.className);
      parts.push(
        printInstance(inst.def, lookup, (p) => (cls ? findByName(cls.properties, p)?.type : undefined), embedded),
      );
    }
  }
  return `${parts.join('\n\n')}\n`;
}
