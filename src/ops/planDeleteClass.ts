import { failure } from '../errors/opFailure';
import { HR, WBEM_RIGHT } from '../errors/wbem';
import type { PendingEvent } from '../events/intrinsicEvent';
import { nameKey } from '../model';
import type { Change } from '../repository/change';
import type { NamespaceData } from '../repository/namespaceData';
import { isSystemName } from '../repository/systemClasses';
import type { OpEnv } from './opEnv';
import { removeOwnInstances } from './removeOwnInstances';
import type { PlanResult } from './planPutClass';

export interface DeleteClassPlan {
  readonly changes: readonly Change[];
  readonly events: readonly PendingEvent[];
  readonly claimants: readonly string[];
  /** Every class removed, deepest first, the target last. */
  readonly deletedClasses: readonly string[];
  readonly deletedInstances: number;
}

/** Changes and events that remove one class and its own instances. */
export function removeClassChanges(ns: NamespaceData, key: string, changes: Change[], events: PendingEvent[]): void {
  const stored = ns.classes.get(key)!;
  removeOwnInstances(ns, key, changes, events);
  const previous = ns.resolve(stored.def.name);
  changes.push({ kind: 'class', ns: ns.path, name: stored.def.name, before: stored });
  events.push({
    eventClass: '__ClassDeletionEvent',
    ns: ns.path,
    className: stored.def.name,
    ...(previous ? { previous } : {}),
  });
}

/**
 * DeleteClass (decisions §11): the class, its instances and all descendants with theirs, deepest
 * first; never blocked by children or instances.
 */
export function planDeleteClass(env: OpEnv, className: string): PlanResult<DeleteClassPlan> {
  const { ns } = env;
  const key = nameKey(className);
  const stored = ns.classes.get(key);
  if (isSystemName(className) || stored?.system) {
    return {
      ok: false,
      failure: failure(HR.E_INVALID_OPERATION, className, `${className} is a system class and cannot be deleted.`),
    };
  }
  const claimants = env.claimants(className);
  const needed = claimants.length > 0 ? WBEM_RIGHT.WRITE_PROVIDER : WBEM_RIGHT.FULL_WRITE_REP;
  if ((env.rights & needed) === 0) {
    return {
      ok: false,
      failure: failure(
        HR.E_ACCESS_DENIED,
        className,
        `Deleting ${className} needs ${claimants.length ? 'WBEM_WRITE_PROVIDER' : 'WBEM_FULL_WRITE_REP'} on ${ns.path}.`,
      ),
    };
  }
  if (!stored) {
    return { ok: false, failure: failure(HR.E_NOT_FOUND, className, `Class ${className} does not exist.`) };
  }
  const changes: Change[] = [];
  const events: PendingEvent[] = [];
  const order = [...ns.descendantsPostOrder(key), key];
  let deletedInstances = 0;
  for (const k of order) {
    deletedInstances += ns.instancesOf(k).size;
    removeClassChanges(ns, k, changes, events);
  }
  // Amendment classes of the removed classes go with them, silently (decisions §7 keeps them per class).
  for (const child of env.state.childNamespaces(ns.path)) {
    if (!/\\ms_[0-9a-f]+$/i.test(child)) continue;
    const localeNs = env.state.ns(child)!;
    for (const k of order) {
      const a = localeNs.classes.get(k);
      if (a && !a.system) changes.push({ kind: 'class', ns: localeNs.path, name: a.def.name, before: a });
    }
  }
  return {
    ok: true,
    plan: {
      changes,
      events,
      claimants,
      deletedClasses: order.map((k) => ns.classes.get(k)!.def.name),
      deletedInstances,
    },
  };
}
