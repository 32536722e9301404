import { failure } from '../errors/opFailure';
import { HR, WBEM_FLAG, WBEM_RIGHT } from '../errors/wbem';
import type { PendingEvent } from '../events/intrinsicEvent';
import { findByName, nameKey, type CimObjectDefinition, type CimValue, type InstanceDefinition } from '../model';
import { qualifierIsTrue } from '../resolve/qualifierFacts';
import type { Change } from '../repository/change';
import type { NamespaceData, StoredInstance } from '../repository/namespaceData';
import { coerceValue } from './coerceValue';
import { formatInstancePath, keyIdentity, parseObjectPath } from '../model/objectPath';
import type { OpEnv } from './opEnv';
import type { PlanResult } from './planPutClass';

export interface InstancePlan {
  readonly changes: readonly Change[];
  readonly events: readonly PendingEvent[];
  /** The instance's relative path (`Item.Id="a"`). */
  readonly path: string;
  readonly created: boolean;
}

const no = (hr: number, who: string, why: string, path?: string[]): PlanResult<never> => ({
  ok: false,
  failure: failure(hr, who, why, path),
});

/** Find a stored instance by its relative path, in the class or any of its descendants. */
export function findInstance(ns: NamespaceData, relPath: string): StoredInstance | undefined {
  const p = parseObjectPath(relPath);
  if (!p || !p.keys) return undefined;
  const key = nameKey(p.className);
  const id = keyIdentity(p);
  if (id !== undefined) {
    // Indexed by key bindings: a base's path also finds a subclass's instance (same keys).
    for (const inst of ns.instanceKeys.get(id) ?? []) {
      const k = nameKey(inst.def.className);
      if (k === key || ns.resolve(inst.def.className)?.derivation.some((d) => nameKey(d) === key)) return inst;
    }
    return undefined;
  }
  // `Class="v"`: the one key's name is not written; compare values.
  for (const k of [key, ...ns.descendants(key)]) {
    for (const inst of ns.instancesOf(k).values()) {
      const s = parseObjectPath(inst.path);
      if (s?.keys?.length === 1 && String(s.keys[0]!.value).toLowerCase() === String(p.keys[0]?.value).toLowerCase())
        return inst;
    }
  }
  return undefined;
}

/**
 * PutInstance of a static instance: the class must exist and not be abstract, every property must
 * be the class's and of its type, and every key must have a value (WBEM_E_NO_KEY).
 */
export function planPutInstance(env: OpEnv, obj: CimObjectDefinition, flags: number): PlanResult<InstancePlan> {
  const { ns } = env;
  if (obj.genus !== 'instance')
    return no(HR.E_INVALID_PARAMETER, obj.name, `PutInstance was given a class, not an instance.`);
  if ((env.rights & (WBEM_RIGHT.PARTIAL_WRITE_REP | WBEM_RIGHT.FULL_WRITE_REP)) === 0) {
    return no(
      HR.E_ACCESS_DENIED,
      obj.className,
      `Writing instances needs WBEM_PARTIAL_WRITE_REP or WBEM_FULL_WRITE_REP on ${ns.path}.`,
    );
  }
  const cls = ns.resolve(obj.className);
  if (!cls) return no(HR.E_INVALID_CLASS, obj.className, `Class ${obj.className} does not exist.`);
  if (qualifierIsTrue(cls.definition.qualifiers, 'Abstract')) {
    return no(HR.E_INVALID_OPERATION, cls.name, `${cls.name} is abstract and cannot have instances.`);
  }
  const values: { name: string; value: CimValue }[] = [];
  for (const pv of obj.properties) {
    const p = findByName(cls.properties, pv.name);
    if (!p) return no(HR.E_NOT_FOUND, pv.name, `${cls.name} has no property ${pv.name}.`, [cls.name, pv.name]);
    const r = coerceValue(pv.value, p.type);
    if (!r.ok) return no(HR.E_TYPE_MISMATCH, pv.name, `Value of ${cls.name}.${p.name}: ${r.why}.`, [cls.name, p.name]);
    values.push({ name: p.name, value: r.value });
  }
  const singleton = qualifierIsTrue(cls.qualifiers, 'Singleton');
  const keys: { name: string; value: CimValue }[] = [];
  for (const p of cls.properties) {
    if (!p.key) continue;
    const given = values.find((v) => nameKey(v.name) === nameKey(p.name));
    const v = given ? given.value : (p.defaultValue ?? null);
    if (v === null)
      return no(HR.E_NO_KEY, p.name, `Key property ${cls.name}.${p.name} has no value.`, [cls.name, p.name]);
    keys.push({ name: p.name, value: v });
  }
  if (!singleton && keys.length === 0)
    return no(HR.E_NO_KEY, cls.name, `${cls.name} has no key properties, so its instances cannot be identified.`);
  keys.sort((a, b) => (nameKey(a.name) < nameKey(b.name) ? -1 : 1));
  const path = formatInstancePath(cls.name, keys, singleton);
  const existing = findInstance(ns, path);
  if (existing && nameKey(existing.def.className) !== nameKey(cls.name)) {
    return no(HR.E_ALREADY_EXISTS, path, `An instance of ${existing.def.className} already has the keys of ${path}.`);
  }
  if ((flags & WBEM_FLAG.CREATE_ONLY) !== 0 && existing)
    return no(HR.E_ALREADY_EXISTS, path, `Instance ${path} already exists.`);
  if ((flags & WBEM_FLAG.UPDATE_ONLY) !== 0 && !existing)
    return no(HR.E_NOT_FOUND, path, `Instance ${path} does not exist.`);
  const def: InstanceDefinition = {
    genus: 'instance',
    className: cls.name,
    qualifiers: obj.qualifiers,
    properties: values,
  };
  const changes: Change[] = [
    {
      kind: 'instance',
      ns: ns.path,
      className: cls.name,
      path,
      ...(existing ? { before: existing.def } : {}),
      after: def,
    },
  ];
  const events: PendingEvent[] = [
    existing
      ? {
          eventClass: '__InstanceModificationEvent',
          ns: ns.path,
          className: cls.name,
          instance: def,
          previousInstance: existing.def,
        }
      : { eventClass: '__InstanceCreationEvent', ns: ns.path, className: cls.name, instance: def },
  ];
  if (!existing && nameKey(cls.name) === '__namespace') {
    const name = keys[0]!.value;
    if (typeof name !== 'string' || !/^[A-Za-z0-9_]+$/.test(name)) {
      return no(HR.E_INVALID_PARAMETER, String(name), `"${String(name)}" is not a valid namespace name.`);
    }
    // A namespace that is already there (root\cimv2 exists from the start, without an instance in
    // root) is kept as it is: putting its __NAMESPACE instance must not empty it.
    if (!env.state.ns(`${ns.path}\\${name}`)) changes.push(...env.createNamespaceChanges(`${ns.path}\\${name}`));
  }
  return { ok: true, plan: { changes, events, path, created: !existing } };
}

/** Changes that remove a namespace with everything in it, child namespaces first. */
export function removeNamespaceChanges(env: OpEnv, path: string): Change[] {
  const out: Change[] = [];
  for (const child of env.state.childNamespaces(path)) out.push(...removeNamespaceChanges(env, child));
  const ns = env.state.ns(path);
  if (!ns) return out;
  for (const [, m] of ns.instances)
    for (const inst of m.values())
      out.push({ kind: 'instance', ns: ns.path, className: inst.def.className, path: inst.path, before: inst.def });
  for (const k of ns.descendantsPostOrder('')) {
    const c = ns.classes.get(k)!;
    if (!c.system) out.push({ kind: 'class', ns: ns.path, name: c.def.name, before: c });
  }
  for (const d of ns.qualifierDecls.values()) out.push({ kind: 'qualifierDecl', ns: ns.path, name: d.name, before: d });
  for (const s of ns.security.values())
    out.push({ kind: 'security', ns: ns.path, principal: s.principal, before: s.rights });
  out.push({ kind: 'namespace', ns: ns.path, before: true });
  return out;
}

/** DeleteInstance of a static instance; an `__NAMESPACE` instance takes its namespace with it. */
export function planDeleteInstance(env: OpEnv, relPath: string): PlanResult<InstancePlan> {
  const { ns } = env;
  if ((env.rights & (WBEM_RIGHT.PARTIAL_WRITE_REP | WBEM_RIGHT.FULL_WRITE_REP)) === 0) {
    return no(
      HR.E_ACCESS_DENIED,
      relPath,
      `Deleting instances needs WBEM_PARTIAL_WRITE_REP or WBEM_FULL_WRITE_REP on ${ns.path}.`,
    );
  }
  const parsed = parseObjectPath(relPath);
  if (!parsed || !parsed.keys) return no(HR.E_INVALID_OBJECT_PATH, relPath, `"${relPath}" is not an instance path.`);
  if (!ns.getClass(parsed.className))
    return no(HR.E_INVALID_CLASS, parsed.className, `Class ${parsed.className} does not exist.`);
  const inst = findInstance(ns, relPath);
  if (!inst) return no(HR.E_NOT_FOUND, relPath, `Instance ${relPath} does not exist.`);
  const changes: Change[] = [];
  if (nameKey(inst.def.className) === '__namespace') {
    const name = inst.def.properties.find((p) => nameKey(p.name) === 'name')?.value;
    if (typeof name === 'string') changes.push(...removeNamespaceChanges(env, `${ns.path}\\${name}`));
  }
  changes.push({ kind: 'instance', ns: ns.path, className: inst.def.className, path: inst.path, before: inst.def });
  const events: PendingEvent[] = [
    { eventClass: '__InstanceDeletionEvent', ns: ns.path, className: inst.def.className, instance: inst.def },
  ];
  return { ok: true, plan: { changes, events, path: inst.path, created: false } };
}
