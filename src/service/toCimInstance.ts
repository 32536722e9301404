import { findByName } from '../model';
import type { NamespaceData, StoredInstance } from '../repository/namespaceData';
import type { CimInstance } from './cimObjects';

/** An instance with every property of its class, defaults filled in, and its system properties. */
export function toCimInstance(inst: StoredInstance, ns: NamespaceData, server: string): CimInstance {
  const cls = ns.resolve(inst.def.className);
  const properties = (cls?.properties ?? []).map((p) => {
    const given = findByName(inst.def.properties, p.name);
    return { name: p.name, type: p.type, value: given ? given.value : (p.defaultValue ?? null) };
  });
  return {
    genus: 'instance',
    className: inst.def.className,
    properties,
    system: {
      __GENUS: 2,
      __CLASS: inst.def.className,
      __RELPATH: inst.path,
      __PATH: `\\\\${server}\\${ns.path}:${inst.path}`,
      __SERVER: server,
      __NAMESPACE: ns.path,
    },
    definition: inst.def,
  };
}
